"""The process title: the page's <h1>, else the line a scheda puts before its
"Hai gestito, partecipato…" prompt, else the first line that is not a header.

A scraped page (`other`, `article`) opens with furniture: menus, breadcrumbs, a date, `Ultimo
aggiornamento: …`, one-word section names, lines repeated by the menu. Its title is the first
line shaped like a heading (`schemas/identity.json`, `heading`): a few words, no final full stop,
no date, said once.
"""

from __future__ import annotations

import re
from collections import Counter

from extract.document import Document, Mention
from extract.extractors.base import Extractor, component
from extract.extractors.identity import IdentityRules
from extract.lexicon.resources import Resources
from extract.text import collapse_whitespace, fold, line_spans
from extract.view import DocumentView

FIRST_LINES_SEARCHED = 12
SCRAPED_TYPES = ("other", "article")
SCRAPED_LINES_SEARCHED = 40
# the page's largest heading: below a labelled value (`Titolo`, 0.95), which names the title
# where a news page or a form prints a headline or its own name around it
HEADING_CONFIDENCE = 0.93
CARD_HEAD_CONFIDENCE = 0.94  # the card's own title above its quote: above the page's largest heading
_PLACE_LINE = re.compile(r"\s*[^\W\d][^()]{0,40}\((?P<sigla>[A-Z]{2})\)")  # a place and its province first
_QUOTE_LINE = re.compile(r"[«“\"].+[»”\"][.!]?")  # a line that is one quotation
_DATE_IN_LINE = re.compile(
    r"\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{2,4}|\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}-\d{2}-\d{2}\b"
)


def _boilerplate(resources: Resources) -> tuple[re.Pattern[str], set[str]]:
    title_rules = resources.config.values.get("title", {})
    anchor = re.compile(title_rules.get("anchor", r"^Hai gestito"), re.IGNORECASE)
    skip = {fold(item) for item in title_rules.get("skip_lines", [])}
    return (anchor, skip)


HeadingRules = tuple[int, int, re.Pattern[str]]


def _heading_rules(identity: IdentityRules) -> HeadingRules:
    heading = identity["heading"]
    skip = re.compile("|".join(heading["skip_patterns"]), re.IGNORECASE)
    return int(heading["min_words"]), int(heading["max_words"]), skip


def _heading_like(line: str, repeated: Counter[str], rules: HeadingRules) -> bool:
    """A scraped page's title line: a few words, no final stop, no date or time, said once."""
    min_words, max_words, skip = rules
    words = line.split()
    starts_like_a_title = line[:1].isupper() or line[:1] in '#“"«'
    return (
        min_words <= len(words) <= max_words
        and starts_like_a_title
        and not line.endswith((".", "…", "..."))
        and not skip.search(line)
        and not _DATE_IN_LINE.search(line)
        and repeated[fold(line)] == 1
    )


def _generic_heading(identity: IdentityRules) -> re.Pattern[str]:
    """A heading that names a kind of process and no process (`Relazione finale del processo
    partecipativo`): articles, the process nouns and their modifiers of `identity.json` only."""
    words = sorted({fold(word) for word in identity["process_nouns"] + identity["process_noun_modifiers"]}, key=len)
    nouns = "|".join(re.escape(word) for word in reversed(words))
    articles = "|".join(re.escape(fold(word)) for word in identity["heading"]["generic_articles"])
    return re.compile(rf"(?:(?:{articles}|{nouns})\s*)+")


def _card_head(document: Document, resources: Resources, heading: HeadingRules) -> Mention | None:
    """A card's own title where a page, a newsletter or a letter carries the card: the heading
    line right above the card's quote, which stands right above its first label (`La spesa sale
    in quota` / `“Quassù siamo pochi …”` / `Nato nel: Ottobre 2017`)."""
    lines = [span for span in line_spans(document.text) if span[0].strip()]
    starts = {start: index for index, (_line, start, _end) in enumerate(lines)}
    for item in document.fields:
        spec = resources.config.label(item.key)
        index = starts.get(item.label_start)
        if spec is None or "card" not in (spec.doc_types or ()) or index is None or index < 2:
            continue
        if not _QUOTE_LINE.fullmatch(lines[index - 1][0].strip()):
            continue
        line, start, end = lines[index - 2]
        repeated = Counter(fold(text) for text, _start, _end in lines)
        place = _PLACE_LINE.match(line)  # `Fidenza (PR)`, `Podenzano (PC) · Progetto di comunità`: a kicker
        if place and resources.gazetteer.is_province(place["sigla"]):
            return None
        if _heading_like(line.strip(), repeated, heading) and resources.config.labels.match(line) is None:
            return Mention(
                "title", line, collapse_whitespace(line), start, end, "title.v1:card_head", CARD_HEAD_CONFIDENCE
            )
        return None
    return None


@component
class Title(Extractor):
    name = "title.v1"
    emits = ("title",)
    settings_file = "identity.json"  # the shape of a scraped page's heading, the process nouns
    Settings = IdentityRules

    def __init__(self, resources: Resources, settings: IdentityRules) -> None:
        super().__init__(resources, settings)
        self.heading = _heading_rules(settings)
        self.generic = _generic_heading(settings)
        self.boilerplate = _boilerplate(resources)

    def __call__(self, view: DocumentView) -> list[Mention]:
        document, resources = view.document, view.resources
        head = _card_head(document, resources, self.heading) if document.doc_type == "card" else None
        if document.title_span is not None:
            start, end = document.title_span
            number = resources.config.labels.unmarked(document.text[start:end])[0]  # `B.4 Il cortile …`
            start += number if start + number < end else 0
            raw = document.text[start:end]
            heading = Mention("title", raw, collapse_whitespace(raw), start, end, "title.v1:h1", HEADING_CONFIDENCE)
            return [heading] + ([head] if head else [])
        if head is not None:
            return [head]
        anchor, skip = self.boilerplate
        region_line = resources.gazetteer.region_line
        scraped = document.doc_type in SCRAPED_TYPES
        searched = SCRAPED_LINES_SEARCHED if scraped else FIRST_LINES_SEARCHED
        lines = [span for span in line_spans(document.text)[:searched] if span[0]]
        candidates = [
            span
            for span in lines
            if not region_line.match(span[0])
            and fold(span[0]) not in skip
            and resources.config.labels.match(span[0]) is None
        ]
        if scraped:
            repeated = Counter(fold(line) for line, _start, _end in lines)
            candidates = [span for span in candidates if _heading_like(span[0], repeated, self.heading)]
        for position, (line, _start, _end) in enumerate(lines):
            if anchor.search(line) and position > 0:
                previous = lines[position - 1]
                if previous in candidates:
                    return [_mention(previous, "title.v1:before_prompt", 0.9)]
        if candidates:
            prefixes = tuple(fold(prefix) for prefix in resources.config.values["title"].get("strip_prefixes", ()))
            mention = _mention(candidates[0], "title.v1:first_line", 0.5, prefixes)
            return [] if self.generic.fullmatch(fold(mention.value)) else [mention]
        return []


def _mention(span: tuple[str, int, int], name: str, confidence: float, prefixes: tuple[str, ...] = ()) -> Mention:
    """The title line, less a document-kind prefix (`Relazione finale L'Unione …` -> `L'Unione …`)."""
    line, start, end = span
    folded = fold(line)
    for prefix in prefixes:
        if folded.startswith(prefix + " ") and len(folded) > len(prefix) + 1:
            cut = len(line) - len(line[len(prefix) :].lstrip(" :.-–"))
            line, start = line[cut:], start + cut
            break
    return Mention("title", line, collapse_whitespace(line), start, end, name, confidence)
