"""A process's identity read from prose (news items, project pages, reports): its title, its
promoter and its place, with province and region from the gazetteer.

Rules follow the syntax of how Italian pages introduce a process, with the words as data in
`schemas/identity.json`:
- title: the name a process noun introduces, quoted (`il percorso partecipativo “X”`, `nel
  progetto dell'amministrazione … "X"`) or capitalised (`il percorso partecipativo Il futuro con
  un piano, promosso …`), or a quoted name followed by a process noun (`“X” è il percorso …`);
- promoter: a public body (comune, unione, distretto, health authority, province) after a
  promoting participle and its agent preposition (`promosso dal Comune di X`, `pensato dalla
  Unione …`), as the subject of a promoting verb (`Il Comune di X ha avviato`) or with
  `capofila`; a comune's promoter is written `Comune di <ISTAT name>`;
- place: the promoter's comune or area; else the comune the text names most (weighted by
  `Comune di X` and datelines), preferring the home region's comuni for bare names.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import NotRequired

from pydantic import with_config
from typing_extensions import TypedDict

from extract.document import Mention
from extract.extractors.base import Extractor, component
from extract.extractors.places import longest_comune
from extract.lexicon.gazetteer import Comune
from extract.lexicon.resources import Resources
from extract.settings import STRICT
from extract.text import collapse_whitespace, fold
from extract.view import DocumentView

NAME = "identity_prose.v1"
QUOTED_CONFIDENCE = 0.8
QUOTED_FAR_CONFIDENCE = 0.7
CAPITALISED_CONFIDENCE = 0.65
APPOSITIVE_CONFIDENCE = 0.6
BARE_NOUN_CONFIDENCE = 0.55  # `il progetto Piazze Vive`: no `partecipativo` to confirm it
ALL_CAPS_PENALTY = 0.05
PROMOTER_CONFIDENCE = {"capofila": 0.65, "participle": 0.6, "verb": 0.55, "first_named": 0.35}
PROMOTER_PLACE_CONFIDENCE = 0.55
COUNTED_PLACE_CONFIDENCE = 0.4
_OPEN_QUOTES = '“"«‘'
_CLOSE_QUOTES = '”"»’'
_QUOTED = re.compile(rf"[{_OPEN_QUOTES}](?P<name>[^{_CLOSE_QUOTES}{_OPEN_QUOTES}\n]{{3,220}})[{_CLOSE_QUOTES}]")
_NAME_WORD = r"[A-ZÀ-Ý][\w'’À-ÿ-]*"
_CAPITALISED_RUN = re.compile(
    r"[A-ZÀ-Ý][\w'’À-ÿ-]*(?:\s+(?:[a-zà-ÿ]{1,5}['’]\s*|[a-zà-ÿ]{1,5}\s+)?[A-ZÀ-Ý][\w'’À-ÿ-]*)*"
)
_DATELINE = re.compile(r"^(?P<name>[A-ZÀ-Ý][\w'’À-ÿ -]{1,40}?)\s*(?:[–—-]|,\s*\d)", re.MULTILINE)
_NAME_END = re.compile(r"[,;:()\n“”\"«»]|\.\s|\.$|\s[–—-]\s")


@dataclass(frozen=True)
class _Body:
    """A public body found in the text: its kind, the text as written, its canonical name and place."""

    kind: str
    raw: str
    start: int
    promoter: str
    place: str | None
    comune: Comune | None
    province: str | None


@with_config(STRICT)
class IdentityBody(TypedDict):
    kind: str
    pattern: str


@with_config(STRICT)
class IdentityHeading(TypedDict):
    max_words: int
    min_words: int
    generic_articles: list[str]
    skip_patterns: list[str]


@with_config(STRICT)
class IdentityRules(TypedDict):
    about: NotRequired[str]
    process_nouns: list[str]
    process_noun_modifiers: list[str]
    max_words_before_quote: int
    quote_then_noun: str
    name_stops: list[str]
    max_name_words: int
    min_name_chars: int
    promoting_participles: str
    promoting_verbs: str
    agent_prepositions: str
    lead_role: str
    bodies: list[IdentityBody]
    body_name: str
    place_count_weights: dict[str, int]
    heading: IdentityHeading
    about_process_nouns: NotRequired[str]
    quoted_only_nouns: list[str]
    title_doc_types: list[str]
    about_title_doc_types: NotRequired[str]
    max_words_before_agent: int


@dataclass(frozen=True)
class _IdentityRules:
    process_noun: re.Pattern[str]
    quoted_only: frozenset[str]
    title_doc_types: frozenset[str]
    modifiers: re.Pattern[str]
    max_gap_words: int
    quote_then_noun: re.Pattern[str]
    appositive: re.Pattern[str]
    name_stops: frozenset[str]
    max_name_words: int
    min_name_chars: int
    body: re.Pattern[str]
    body_kinds: tuple[str, ...]
    after_participle: re.Pattern[str]
    before_verb: re.Pattern[str]
    capofila: tuple[re.Pattern[str], ...]
    weights: dict[str, int]
    home_region: str


def compile_rules(data: IdentityRules) -> _IdentityRules:
    """The settings of `schemas/identity.json`, compiled once when the component is built."""
    nouns = "|".join(map(re.escape, data["process_nouns"]))
    by_length = sorted(data["process_noun_modifiers"], key=len, reverse=True)
    modifiers = "|".join(re.escape(item).replace(r"\ ", r"[ \t]+") for item in by_length)
    heads = [f"(?P<b{index}>{body['pattern']})" for index, body in enumerate(data["bodies"])]
    body = rf"(?P<body>(?:{'|'.join(heads)}){data['body_name']})"
    lead = data["lead_role"]
    gap = int(data["max_words_before_agent"])
    return _IdentityRules(
        process_noun=re.compile(rf"\b(?i:{nouns})\b"),
        quoted_only=frozenset(fold(noun) for noun in data["quoted_only_nouns"]),
        title_doc_types=frozenset(data["title_doc_types"]),
        modifiers=re.compile(rf"(?:[ \t]+(?i:{modifiers})\b)*"),
        max_gap_words=int(data["max_words_before_quote"]),
        quote_then_noun=re.compile(data["quote_then_noun"] + rf"(?i:{nouns})\b", re.IGNORECASE),
        appositive=re.compile(
            rf"(?P<name>{_NAME_WORD}(?:[ \t]+(?:[a-zà-ÿ]{{1,5}}['’]|[a-zà-ÿ]{{1,5}}[ \t]+)?{_NAME_WORD})+)"
            rf",[ \t]+(?:il|un|l['’])[ \t]*(?i:{nouns})\b"
        ),
        name_stops=frozenset(fold(word) for word in data["name_stops"]),
        max_name_words=int(data["max_name_words"]),
        min_name_chars=int(data["min_name_chars"]),
        body=re.compile(body),
        body_kinds=tuple(item["kind"] for item in data["bodies"]),
        after_participle=re.compile(
            rf"\b(?i:{data['promoting_participles']})(?:[ \t]+[\w'’]+){{0,{gap}}}?[ \t]+"
            rf"(?i:{data['agent_prepositions']})\s*{body}"
        ),
        before_verb=re.compile(
            rf"{body}\s*(?:,[^,\n]{{0,80}},\s*|\([^()\n]{{0,200}}\)\s*)?(?i:{data['promoting_verbs']})"
        ),
        capofila=(
            re.compile(rf"{body}\s*(?:\(|,)\s*(?i:in\s+qualit[àa]\s+di\s+)?(?i:{lead})"),
            re.compile(rf"(?i:{lead})\s*(?:(?i:è)\s+)?(?:(?i:il|l['’]|la)\s*)?{body}"),
        ),
        weights={key: int(value) for key, value in data["place_count_weights"].items()},
        home_region=str(data.get("home_region", "Emilia-Romagna")),
    )


# --- title ---------------------------------------------------------------------------------


def _title_mention(raw: str, start: int, confidence: float) -> Mention | None:
    name = raw.strip(" .,;:-–—")
    if not name or not any(ch.isalpha() for ch in name):
        return None
    start += raw.index(name)
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) > 3 and all(ch.isupper() for ch in letters):
        confidence -= ALL_CAPS_PENALTY  # a headline's capitals: the body's spelling is better
    return Mention("title", name, collapse_whitespace(name), start, start + len(name), f"{NAME}:title", confidence)


def _capitalised_name(text: str, start: int, rules: _IdentityRules) -> tuple[str, int] | None:
    """`Il futuro con un piano` in `… partecipativo Il futuro con un piano, promosso dal …`."""
    stop = _NAME_END.search(text, start, min(len(text), start + 300))
    end = stop.start() if stop else min(len(text), start + 300)
    words = text[start:end].split()
    kept: list[str] = []
    for word in words[: rules.max_name_words + 1]:
        if kept and fold(word) in rules.name_stops:
            break
        kept.append(word)
    if len(kept) > rules.max_name_words:
        return None
    name = " ".join(kept)
    if len(name) < rules.min_name_chars or rules.body.match(name):
        return None
    return text[start : start + len(name)] if text.startswith(name, start) else name, start


_ARTICLE_BEFORE = re.compile(
    r"(?:\b(?:il|un|lo|uno|del|nel|al|dal|col|sul)|\b[ld]['’]|\bdell['’]|\bnell['’])\s*$", re.IGNORECASE
)


def _bare_noun_introduces(text: str, noun: re.Match[str]) -> bool:
    """`il progetto Piazze Vive`: a lower-case noun after its article; a capitalised noun is part of
    a name itself (`LWP Laboratorio Welfare`, `Piano Strategico`)."""
    return noun.group(0).islower() and bool(_ARTICLE_BEFORE.search(text, max(0, noun.start() - 8), noun.start()))


def _titles_after_nouns(text: str, rules: _IdentityRules) -> list[Mention]:
    mentions = []
    for noun in rules.process_noun.finditer(text):
        position = rules.modifiers.match(text, noun.end()).end()
        gap = re.compile(rf"(?:[ \t]+[\w'’-]+){{0,{rules.max_gap_words}}}?[ \t]*(?=[{_OPEN_QUOTES}])")
        near = re.match(r"[ \t]*(?:\n[ \t]*)?(?=[" + _OPEN_QUOTES + "])", text[position : position + 6])  # own line
        far = gap.match(text, position)
        if near or far:
            quote_start = position + near.end() if near else far.end()
            quoted = _QUOTED.match(text, quote_start)
            if quoted:
                confidence = QUOTED_CONFIDENCE if near or position > noun.end() else QUOTED_FAR_CONFIDENCE
                mention = _title_mention(quoted["name"], quoted.start("name"), confidence)
                mentions += [mention] if mention else []
                continue
        if fold(noun.group(0)) in rules.quoted_only:
            continue
        if capital := re.match(r"[ \t]+(?=[A-ZÀ-Ý])", text[position : position + 3]):
            found = _capitalised_name(text, position + capital.end(), rules)
            if found:
                if position == noun.end() and not _bare_noun_introduces(text, noun):
                    continue
                confidence = CAPITALISED_CONFIDENCE if position > noun.end() else BARE_NOUN_CONFIDENCE
                mention = _title_mention(found[0], found[1], confidence)
                mentions += [mention] if mention else []
    return mentions


def _titles_before_nouns(text: str, rules: _IdentityRules, resources: Resources) -> list[Mention]:
    """`“La biblioteca che vogliamo” è il percorso …`; `… Ravenna Partecipa, il percorso partecipativo …`."""
    mentions = []
    for quoted in _QUOTED.finditer(text):
        if rules.quote_then_noun.match(text, quoted.end()):
            mention = _title_mention(quoted["name"], quoted.start("name"), QUOTED_CONFIDENCE)
            mentions += [mention] if mention else []
    for named in rules.appositive.finditer(text):
        name = named["name"]
        if rules.body.match(name) or resources.gazetteer.comune(name) is not None:
            continue  # `Comune di Ravenna, il progetto …`, `Reggio Emilia, il percorso …`: a place
        mention = _title_mention(name, named.start("name"), APPOSITIVE_CONFIDENCE)
        mentions += [mention] if mention else []
    return mentions


# --- promoter and place --------------------------------------------------------------------


def _body(match: re.Match[str], resources: Resources, rules: _IdentityRules) -> _Body | None:
    """The body a `body` group matched, resolved in the gazetteer (unknown names are dropped)."""
    raw = match["body"].rstrip(" .'’-")
    start = match.start("body")
    index = next(index for index in range(len(rules.body_kinds)) if match[f"b{index}"])
    kind = rules.body_kinds[index]
    name = raw[len(match[f"b{index}"]) :].strip()
    gazetteer = resources.gazetteer
    if kind == "comune":
        found = longest_comune(name, 0, resources)
        if found is None:
            return None
        comune, written, _start = found
        raw = raw[: raw.index(written) + len(written)] if written in raw else raw
        return _Body(kind, raw, start, f"Comune di {comune.name}", comune.name, comune, comune.province)
    if kind == "area":
        words = raw.split()
        for size in range(len(words), 1, -1):
            area = gazetteer.area(" ".join(words[:size]))
            if area is not None:
                written = " ".join(words[:size])
                return _Body(kind, written, start, written, written, None, area.province)
        return None
    if kind == "province":
        found = longest_comune(name, 0, resources)
        return _Body(kind, raw, start, collapse_whitespace(raw), None, None, found[0].province if found else None)
    return _Body(kind, raw, start, collapse_whitespace(raw), None, None, None)


def _promoters(text: str, resources: Resources, rules: _IdentityRules) -> list[tuple[_Body, float]]:
    found = []
    patterns = [("capofila", pattern) for pattern in rules.capofila]
    patterns += [("participle", rules.after_participle), ("verb", rules.before_verb)]
    for how, pattern in patterns:
        for match in pattern.finditer(text):
            body = _body(match, resources, rules)
            if body is not None:
                found.append((body, PROMOTER_CONFIDENCE[how]))
    if not found:  # a report's cover or a news lead names its promoter first: `Comune di X`, `Unione …`
        for match in rules.body.finditer(text):
            body = _body(match, resources, rules)
            if body is not None and body.place is not None:
                return [(body, PROMOTER_CONFIDENCE["first_named"])]
    return found


def _place_mentions(
    raw: str, start: int, place: str, province: str | None, confidence: float, how: str
) -> list[Mention]:
    end = start + len(raw)
    mentions = [Mention("place", raw, place, start, end, f"{NAME}:{how}", confidence)]
    if province:
        mentions.append(Mention("province", raw, province, start, end, f"{NAME}:{how}", confidence))
    return mentions


def _promoter_place(body: _Body) -> list[Mention]:
    """The place a promoter stands for, its span on the name (`Bertinoro` in `Comune di Bertinoro`)."""
    raw, start = body.raw, body.start
    if body.comune is not None:
        first_word = body.comune.name.split()[0]
        cut = fold(raw).rfind(fold(first_word))
        if cut >= 0:
            raw, start = raw[cut:], start + cut
    return _place_mentions(raw, start, body.place or "", body.province, PROMOTER_PLACE_CONFIDENCE, "promoter")


def _plain_comuni(run: re.Match[str], resources: Resources, home_region: str) -> list[tuple[Comune, int]]:
    """Comuni named inside a run of capitalised words (`Casa della Salute di Borgonovo Val Tidone`),
    each with its offset; a bare name counts only in the home region (`Sale`, `Bella` are words too)."""
    words = list(re.finditer(r"\S+", run.group(0)))
    found = []
    index = 0
    while index < len(words):
        located = longest_comune(run.group(0)[words[index].start() :], 0, resources)
        if located is None or located[0].region != home_region:
            index += 1
            continue
        found.append((located[0], run.start() + words[index].start()))
        index += len(located[1].split())
    return found


def _named_places(
    text: str, resources: Resources, rules: _IdentityRules
) -> dict[str, tuple[int, int, str, str | None]]:
    """Place name -> (weight, minus its first offset, the name as first written, province): `Comune
    di X`, an unione or distretto and datelines weigh more than a bare name; ties go to the first."""
    tally: Counter[str] = Counter()
    first: dict[str, tuple[int, str, str | None]] = {}

    def add(name: str, start: int, raw: str, province: str | None, weight: int) -> None:
        tally[name] += weight
        first.setdefault(name, (start, raw, province))

    for match in rules.body.finditer(text):
        body = _body(match, resources, rules)
        if body is not None and body.comune is not None:
            add(body.comune.name, body.start, body.comune.name, body.province, rules.weights["comune_of"])
        elif body is not None and body.kind == "area":
            add(fold(body.raw), body.start, body.raw, body.province, rules.weights["area"])
    for match in _DATELINE.finditer(text):
        located = longest_comune(match["name"], 0, resources)
        if located is not None:
            add(located[0].name, match.start(), located[0].name, located[0].province, rules.weights["dateline"])
    for run in _CAPITALISED_RUN.finditer(text):
        for comune, start in _plain_comuni(run, resources, rules.home_region):
            add(comune.name, start, comune.name, comune.province, rules.weights["plain"])
    return {name: (weight, -first[name][0], first[name][1], first[name][2]) for name, weight in tally.items()}


def _counted_place(text: str, resources: Resources, rules: _IdentityRules) -> list[Mention]:
    tally = _named_places(text, resources, rules)
    if not tally:
        return []
    _weight, minus_start, raw, province = max(tally.values())
    start = -minus_start
    if text.find(raw, start) >= 0:
        start = text.find(raw, start)
    return _place_mentions(text[start : start + len(raw)], start, raw, province, COUNTED_PLACE_CONFIDENCE, "named")


def _region(mentions: list[Mention], resources: Resources) -> list[Mention]:
    regions = []
    for mention in mentions:
        if mention.field == "province" and (region := resources.gazetteer.region_of_province(mention.value)):
            regions.append(
                Mention(
                    "region", mention.raw, region, mention.start, mention.end, mention.extractor, mention.confidence
                )
            )
    return regions


@component
class IdentityProse(Extractor):
    """Title, promoter and place of a process told in prose."""

    name = NAME
    emits = ("title", "promoter", "place", "province", "region")
    settings_file = "identity.json"
    Settings = IdentityRules

    def __init__(self, resources: Resources, settings: IdentityRules) -> None:
        super().__init__(resources, settings)
        self.rules = compile_rules(settings)

    def __call__(self, view: DocumentView) -> list[Mention]:
        document, resources = view.document, view.resources
        rules = self.rules
        text = document.text
        mentions = []
        if document.doc_type in rules.title_doc_types:
            mentions += _titles_after_nouns(text, rules) + _titles_before_nouns(text, rules, resources)
        promoters = _promoters(text, resources, rules)
        for body, confidence in promoters:
            end = body.start + len(body.raw)
            mentions.append(
                Mention("promoter", body.raw, body.promoter, body.start, end, f"{NAME}:promoter", confidence)
            )
        with_place = [(body, confidence) for body, confidence in promoters if body.place]
        if with_place:
            body, _confidence = max(with_place, key=lambda item: (item[1], -item[0].start))
            mentions += _promoter_place(body)
        else:
            mentions += _counted_place(text, resources, rules)
        return mentions + _region(mentions, resources)
