"""People, groups and meetings counted in prose (SPEC `counts`): `I sette gruppi di progettazione`,
`almeno 40 cittadini`, `una trentina di volontari`, `tre “Piazze di Prossimità”`.

Rule-based NER on the shared spaCy pipeline: the counted group is a phrase of the
vocabulary `schemas/vocab/count_groups.jsonl` (longest match, so `amministratori di sostegno`
beats `amministratori`); the number is the token just before it (digits, or an Italian
number word read by text2num), or an approximate noun before `di` (`una trentina di`).
Qualifiers and the cues that make a sentence a plan come from `schemas/counts.json`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from text_to_num import text2num

from extract.document import Document, Mention
from extract.extractors import Resources, built_once, extractor
from extract.extractors.regions import prose_regions
from extract.nlp import Match, Parsed, nlp_for
from extract.text import fold

NAME = "counts.v1"
CONFIDENCE = 0.75
TARGET_TAG = "counts.target"
GROUPS_UNIT = "groups"
MAX_PURPOSE_WORDS = 2
MIN_WORD_NUMBER = 2  # `un incontro` is an article, not a count
_DIGITS = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")
_QUOTES = set("\"'“”«»‘’")
_RANGE_MARKS = {"-", "–", "—", "/"}
_WORD = re.compile(r"\w+")  # `l'obiettivo` holds the cue `obiettivo`
_SENTENCE_SPAN = re.compile(r"[^.!?;\n]+(?:\.\d[^.!?;\n]*)*[.!?;]?")


@dataclass(frozen=True)
class _CountRules:
    qualifiers: dict[tuple[str, ...], str]
    approximate: dict[str, int]
    target_cues: frozenset[str]
    not_after: frozenset[str]
    max_count: int
    number_cue: re.Pattern[str]
    fillers: frozenset[str]
    group_limits: dict[str, int]


@built_once("counts.rules")
def _rules(resources: Resources) -> _CountRules:
    data = resources.config.counts
    nlp = nlp_for(resources)
    qualifiers = {
        tuple(fold(token) for token in nlp.tokens(phrase)): kind
        for kind, phrases in data["qualifiers"].items()
        for phrase in phrases
    }
    stems = [*data["number_word_stems"], *data["approximate_numbers"]]
    return _CountRules(
        qualifiers=qualifiers,
        approximate={fold(word): value for word, value in data["approximate_numbers"].items()},
        target_cues=frozenset(fold(word) for word in data["target_cues"]),
        not_after=frozenset(fold(word) for word in data["not_after"]),
        max_count=int(data["max_count"]),
        fillers=frozenset(fold(word) for word in data["fillers"]),
        group_limits={
            fold(form): int(entry["max_count"])
            for entry in resources.config.vocab["count_groups"]
            if "max_count" in entry
            for form in entry["forms"]
        },
        number_cue=re.compile(r"\d|\b(?:" + "|".join(map(re.escape, stems)) + ")", re.IGNORECASE),
    )


def _number(token: Token, rules: _CountRules) -> int | None:
    """The whole number a token writes: `40`, `1.200`, `sette`, `trentacinque`."""
    text = token.text
    if _DIGITS.fullmatch(text):
        return int(text.replace(".", ""))
    if not token.is_alpha:
        return None
    try:
        value = text2num(text.lower(), "it")
    except ValueError:
        return None
    return value if value >= MIN_WORD_NUMBER else None


def _previous(doc: Doc, index: int, fillers: frozenset[str]) -> int:
    """Index of the token before `index`, skipping quotation marks and fillers (`15 nuovi volontari`)."""
    index -= 1
    while index >= 0 and (doc[index].text in _QUOTES or fold(doc[index].text) in fillers):
        index -= 1
    return index


def _qualifier(doc: Doc, number_index: int, rules: _CountRules) -> str:
    if number_index > 0 and fold(doc[number_index - 1].text) in rules.fillers:
        number_index -= 1  # almeno altri 100 anziani
    for size in (3, 2, 1):
        start = number_index - size
        if start < 0:
            continue
        words = tuple(fold(token.text) for token in doc[start:number_index])
        if words in rules.qualifiers:
            return rules.qualifiers[words]
    return "exact"


def _count_before(doc: Doc, group_start: int, rules: _CountRules) -> tuple[int, int, str] | None:
    """(count, first token index, qualifier) of the number written just before a group."""
    index = _previous(doc, group_start, rules.fillers)
    if index < 0:
        return None
    token = doc[index]
    if fold(token.text) == "di" and index >= 1:  # una trentina di cittadini
        approx = rules.approximate.get(fold(doc[index - 1].text))
        if approx is None:
            return None
        first = index - 1
        if first >= 1 and fold(doc[first - 1].text) in {"un", "una"}:
            first -= 1
        return approx, first, "approx"
    value = _number(token, rules)
    if value is None or value > rules.max_count:
        return None
    if index >= 1 and (doc[index - 1].text in _RANGE_MARKS or fold(doc[index - 1].text) in rules.not_after):
        return None  # `5-10 persone` is a range; `nel 2015`, `ore 18` are a year and a time
    if index + 1 < len(doc) and doc[index + 1].text in _RANGE_MARKS and index + 1 < group_start:
        return None
    return value, index, _qualifier(doc, index, rules)


def _group_end(doc: Doc, match: Match) -> int:
    """Token end of a counted group: a group's purpose is part of its name (`gruppi di cammino`,
    `gruppi di mutuo aiuto`): up to two lower-case content words after `di`."""
    end = match.span.end
    if match.key != GROUPS_UNIT or any(fold(token.text) == "di" for token in match.span):
        return end
    if end >= len(doc) or fold(doc[end].text) != "di":
        return end
    stop = end + 1
    while stop < min(len(doc), end + 1 + MAX_PURPOSE_WORDS) and doc[stop].is_lower and doc[stop].is_alpha:
        if doc[stop].is_stop or (stop > end + 1 and doc[stop].text.endswith("i")):
            break  # `gruppi di cammino guidati`: a plural after the purpose agrees with the group
        stop += 1
    return stop if stop > end + 1 else end


def _kind(sentence: str, in_target_field: bool, rules: _CountRules) -> str:
    """A plan's count (`target`) under Risultati Attesi or in a sentence of plans; else `achieved`."""
    if in_target_field:
        return "target"
    words = set(_WORD.findall(fold(sentence)))
    return "target" if words & rules.target_cues else "achieved"


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of `text[start:end]` (split at full stops, `!`, `?`, `;` and line breaks)."""
    return [(start + match.start(), start + match.end()) for match in _SENTENCE_SPAN.finditer(text[start:end])]


def _counts_in(parsed: Parsed, text: str, in_target: bool, resources: Resources) -> list[Mention]:
    nlp = nlp_for(resources)
    rules = _rules(resources)
    doc = parsed.doc
    mentions = []
    for match in nlp.matches("count_groups", parsed):
        found = _count_before(doc, match.span.start, rules)
        if found is None:
            continue
        count, first, qualifier = found
        group_end = _group_end(doc, match)
        group = " ".join(token.text for token in doc[match.span.start : group_end] if token.text not in _QUOTES)
        if count > rules.group_limits.get(fold(group), rules.max_count):
            continue  # `5.000 abitanti` is a population
        span_start = parsed.char(first)
        span_end = parsed.char(group_end - 1) + len(doc[group_end - 1])
        row = {
            "group": group.lower(),
            "unit": match.key,
            "count": count,
            "qualifier": qualifier,
            "kind": _kind(parsed.doc.text, in_target, rules),
        }
        mentions.append(Mention("counts", text[span_start:span_end], row, span_start, span_end, NAME, CONFIDENCE))
    return mentions


@extractor(NAME, emits=("counts",))
def extract_counts(document: Document, resources: Resources) -> list[Mention]:
    """Counts in the prose regions; only sentences that hold a number at all are tokenized."""
    nlp = nlp_for(resources)
    rules = _rules(resources)
    text = document.text
    mentions: list[Mention] = []
    for start, end, item in prose_regions(document, resources):
        spec = resources.config.label(item.key) if item is not None else None
        in_target = spec is not None and TARGET_TAG in spec.tags
        for sentence_start, sentence_end in _sentences(text, start, end):
            if rules.number_cue.search(text, sentence_start, sentence_end):
                mentions += _counts_in(nlp.parse(text, sentence_start, sentence_end), text, in_target, resources)
    return mentions
