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
from extract.extractors import Resources, extractor
from extract.extractors.regions import prose_regions
from extract.nlp import Match, nlp_for
from extract.text import fold

NAME = "counts.v1"
CONFIDENCE = 0.75
TARGET_TAG = "counts.target"
GROUPS_UNIT = "groups"
MIN_WORD_NUMBER = 2  # `un incontro` is an article, not a count
_DIGITS = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")
_QUOTES = set("\"'“”«»‘’")
_RANGE_MARKS = {"-", "–", "—", "/"}


@dataclass(frozen=True)
class _CountRules:
    qualifiers: dict[tuple[str, ...], str]
    approximate: dict[str, int]
    target_cues: frozenset[str]
    max_count: int


def _rules(resources: Resources) -> _CountRules:
    cached = resources.cache.get("counts.rules")
    if cached is None:
        data = resources.config.counts
        qualifiers = {
            tuple(fold(phrase).replace("'", "' ").split()): kind
            for kind, phrases in data["qualifiers"].items()
            for phrase in phrases
        }
        cached = resources.cache["counts.rules"] = _CountRules(
            qualifiers=qualifiers,
            approximate={fold(word): value for word, value in data["approximate_numbers"].items()},
            target_cues=frozenset(fold(word) for word in data["target_cues"]),
            max_count=int(data["max_count"]),
        )
    return cached


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


def _previous(doc: Doc, index: int) -> int:
    """Index of the token before `index`, skipping quotation marks."""
    index -= 1
    while index >= 0 and doc[index].text in _QUOTES:
        index -= 1
    return index


def _qualifier(doc: Doc, number_index: int, rules: _CountRules) -> str:
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
    index = _previous(doc, group_start)
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
    if index >= 1 and doc[index - 1].text in _RANGE_MARKS:
        return None  # `5-10 persone`: a range, not one count
    if index + 1 < len(doc) and doc[index + 1].text in _RANGE_MARKS and index + 1 < group_start:
        return None
    return value, index, _qualifier(doc, index, rules)


def _group_end(doc: Doc, match: Match) -> int:
    """Token end of a counted group: a group's purpose is part of its name (`gruppi di cammino`)."""
    end = match.span.end
    if match.key != GROUPS_UNIT or any(fold(token.text) == "di" for token in match.span):
        return end
    if end + 1 < len(doc) and fold(doc[end].text) == "di" and doc[end + 1].is_lower and doc[end + 1].is_alpha:
        return end + 2
    return end


def _kind(doc: Doc, token_index: int, in_target_field: bool, rules: _CountRules) -> str:
    if in_target_field:
        return "target"
    sentence = doc[token_index].sent
    words = {fold(token.text) for token in sentence}
    return "target" if words & rules.target_cues else "achieved"


@extractor(NAME, emits=("counts",))
def extract_counts(document: Document, resources: Resources) -> list[Mention]:
    nlp = nlp_for(resources)
    rules = _rules(resources)
    doc = nlp.doc(document.text)
    mentions: list[Mention] = []
    for start, end, item in prose_regions(document, resources):
        region = doc.char_span(start, end, alignment_mode="contract")
        if region is None or len(region) == 0:
            continue
        spec = resources.config.label(item.key) if item is not None else None
        in_target = spec is not None and TARGET_TAG in spec.tags
        for match in nlp.matches("count_groups", region):
            found = _count_before(doc, match.span.start, rules)
            if found is None or doc[found[1]].idx < start:
                continue
            count, first, qualifier = found
            group_end = _group_end(doc, match)
            group = " ".join(token.text for token in doc[match.span.start : group_end] if token.text not in _QUOTES)
            group = group.lower()
            row = {
                "group": group,
                "unit": match.key,
                "count": count,
                "qualifier": qualifier,
                "kind": _kind(doc, first, in_target, rules),
            }
            span_start, span_end = doc[first].idx, doc[group_end - 1].idx + len(doc[group_end - 1])
            raw = document.text[span_start:span_end]
            mentions.append(Mention("counts", raw, row, span_start, span_end, NAME, CONFIDENCE))
    return mentions
