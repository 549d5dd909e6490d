"""People, groups and meetings counted in prose, with an open vocabulary (SPEC `counts`):
`hanno partecipato 81 cittadini`, `208 ragazzi/giovani`, `2 membri nominati dalla Giunta`,
`sei laboratrici`, `(max. 4 sedute)`, `una trentina di volontari`.

Rule-based, on the shared spaCy tokenizer: every number (digits, an Italian number word read
by text2num, an approximate noun such as `trentina` before `di`) is read with the noun phrase
after it. The phrase's head is classed by its lemma (spaCy's Italian lemma table) against a
lexicon of heads and of productive suffixes of people nouns (-tore/-trice, -ista, -ante/-ente,
-iere, -logo) in `schemas/count_heads.json`; the multiword phrases of
`schemas/vocab/count_groups.jsonl` are the exceptions, matched whole. The group is the head as
written, a slash compound (`ragazzi/giovani`), one agreeing adjective that is no participle
(`incontri pubblici`, not `membri nominati`) and a group's purpose (`tavoli di lavoro`).

Look-alikes give nothing, by the shape of the text around the number: money, percentages and
units after it (`%`, `euro`, `anni`, `ore`, `posti`), ordinals and laws (`5° C`, `24/17`),
references and times before it (`art.`, `via`, `dalle`, `nel`), list numbering (`1)` at a
line's start). A count is a `target` in a sentence in the future or conditional (by the verb's
ending) or with a plan word (`schemas/counts.json`), or under Risultati attesi.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from text_to_num import text2num

from extract.document import Document, Mention
from extract.extractors import Resources, built_once, extractor
from extract.extractors.regions import prose_regions
from extract.lemmas import Lemmas
from extract.nlp import Match, Parsed, nlp_for
from extract.text import fold

NAME = "counts.v2"
CONFIDENCE = 0.75
TARGET_TAG = "counts.target"
MIN_WORD_NUMBER = 2  # `un incontro` is an article, not a count
_DIGITS = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")
_QUOTES = set("\"'“”«»‘’")
_RANGE_MARKS = {"-", "–", "—"}
_WORD = re.compile(r"\w+")
# A full stop before a digit or a lower-case word ends no sentence (`max. 4 sedute`, `1.200`, `ecc. e`).
_SENTENCE_SPAN = re.compile(r"(?:[^.!?;\n]|\.(?=[ \t]*[\da-zà-ÿ]))+[.!?;]?")


@dataclass(frozen=True)
class _Rules:
    qualifiers: dict[tuple[str, ...], str]
    approximate: dict[str, int]
    target_cues: frozenset[str]
    not_after: frozenset[str]
    fillers: frozenset[str]
    max_count: int
    group_limits: dict[str, int]
    number_cue: re.Pattern[str]
    number_word: re.Pattern[str]
    heads: dict[str, str]
    people_suffixes: tuple[str, ...]
    not_heads: frozenset[str]
    stops_before: frozenset[str]
    stops_after: frozenset[str]
    complement_heads: frozenset[str]
    future: re.Pattern[str]
    relational: tuple[str, ...]
    copulas: frozenset[str]
    inverted_articles: frozenset[str]
    complement_stops: frozenset[str]
    clause_break: re.Pattern[str]
    lemmas: Lemmas


@built_once("counts_np.rules")
def _rules(resources: Resources) -> _Rules:
    data = resources.config.counts
    lexicon = resources.config.count_heads
    nlp = nlp_for(resources)
    lemmas = Lemmas()
    heads = {lemma: unit for unit, words in lexicon["heads"].items() for lemma in words}
    for entry in resources.config.vocab["count_groups"]:  # one-word phrases of the vocabulary, by lemma
        for form in entry["forms"]:
            if " " not in form and "max_count" not in entry:
                heads.setdefault(lemmas.noun_lemma(form), entry["unit"])
    stems = [*data["number_word_stems"], *data["approximate_numbers"]]
    return _Rules(
        qualifiers={
            tuple(fold(token) for token in nlp.tokens(phrase)): kind
            for kind, phrases in data["qualifiers"].items()
            for phrase in phrases
        },
        approximate={fold(word): value for word, value in data["approximate_numbers"].items()},
        target_cues=frozenset(fold(word) for word in [*data["target_cues"], *lexicon["target_cues_extra"]]),
        not_after=frozenset(fold(word) for word in lexicon["references_before"]),
        fillers=frozenset(fold(word) for word in data["fillers"]),
        max_count=int(data["max_count"]),
        group_limits={
            fold(form): int(entry["max_count"])
            for entry in resources.config.vocab["count_groups"]
            if "max_count" in entry
            for form in entry["forms"]
        },
        number_cue=re.compile(r"\d|\b(?:" + "|".join(map(re.escape, stems)) + ")", re.IGNORECASE),
        number_word=re.compile("|".join(map(re.escape, data["number_word_stems"])), re.IGNORECASE),
        heads=heads,
        people_suffixes=tuple(lexicon["people_suffixes"]),
        not_heads=frozenset(lexicon["not_heads"]),
        stops_before=frozenset(lexicon["number_stops_before"]),
        stops_after=frozenset(fold(word) for word in lexicon["number_stops_after"]),
        complement_heads=frozenset(lexicon["group_complement_heads"]),
        future=re.compile(lexicon["future_or_conditional"], re.IGNORECASE),
        relational=tuple(lexicon["relational_adjective_endings"]),
        copulas=frozenset(lexicon["copulas"]),
        inverted_articles=frozenset(lexicon["inverted_articles"]),
        complement_stops=frozenset(fold(word) for word in lexicon["complement_stops"]),
        clause_break=re.compile(lexicon["clause_breaks"], re.IGNORECASE),
        lemmas=lemmas,
    )


def _number(token: Token, rules: _Rules) -> int | None:
    """The whole number a token writes: `40`, `1.200`, `sette`, `trentacinque`."""
    text = token.text
    if _DIGITS.fullmatch(text):
        return int(text.replace(".", ""))
    if not token.is_alpha or not rules.number_word.match(text):
        return None
    try:
        value = text2num(text.lower(), "it")
    except ValueError:
        return None
    return value if value >= MIN_WORD_NUMBER else None


def _singulars(word: str) -> list[str]:
    """Singular guesses for a plural the lemma table lacks (`agronome` -> `agronoma`)."""
    lower = word.lower()
    if lower.endswith("e"):
        return [lower[:-1] + "a"]
    if lower.endswith("i"):
        return [lower[:-1] + "o", lower[:-1] + "e", lower[:-1] + "a"]
    return []


def _unit(word: str, rules: _Rules) -> str | None:
    """people, groups or meetings for a head noun, by lemma, lexicon and suffix."""
    lemma = rules.lemmas.noun_lemma(word)
    if lemma in rules.not_heads or word.lower() in rules.not_heads:
        return None
    for candidate in (lemma, word.lower(), *_singulars(word)):
        if candidate in rules.heads:
            return rules.heads[candidate]
    if len(word) > 5 and word.lower().endswith(rules.people_suffixes) and not word.lower().endswith(("menti", "mento")):
        return "people"
    return None


def _is_look_alike(doc: Doc, index: int, rules: _Rules) -> bool:
    """A number that is a year, a time, an address, a reference, a range or a list item."""
    before = doc[index - 1] if index > 0 else None
    after = doc[index + 1] if index + 1 < len(doc) else None
    if before is not None and (before.text in rules.stops_before or before.text in _RANGE_MARKS):
        return True
    if before is not None and fold(before.text) in rules.not_after:
        return True
    if after is not None and (after.text in rules.stops_before or fold(after.text) in rules.stops_after):
        return True
    if after is not None and after.text in _RANGE_MARKS and index + 2 < len(doc) and doc[index + 2].like_num:
        return True  # `5-10 persone` is a range
    starts_line = index == 0 or "\n" in doc[index - 1].whitespace_ + doc[index - 1].text
    return starts_line and after is not None and after.text in {")", "."}


def _qualifier(doc: Doc, number_index: int, rules: _Rules) -> str:
    position = number_index
    if position > 0 and fold(doc[position - 1].text) in rules.fillers:
        position -= 1  # almeno altri 100 anziani
    if position > 0 and doc[position - 1].text == ".":
        position -= 1  # `max. 4`
    for size in (3, 2, 1):
        start = position - size
        if start < 0:
            continue
        words = tuple(fold(token.text) for token in doc[start:position])
        if words in rules.qualifiers:
            return rules.qualifiers[words]
    return "exact"


def _count_at(doc: Doc, index: int, rules: _Rules) -> tuple[int, int, int, str] | None:
    """(count, first token, head index, qualifier) of a number at `index`, or None."""
    token = doc[index]
    approx = rules.approximate.get(fold(token.text))
    if approx is not None and index + 1 < len(doc) and fold(doc[index + 1].text) == "di":
        first = index - 1 if index > 0 and fold(doc[index - 1].text) in {"un", "una"} else index
        return approx, first, index + 2, "approx"
    value = _number(token, rules)
    if value is None or value > rules.max_count or _is_look_alike(doc, index, rules):
        return None
    head = index + 1
    while head < len(doc) and (doc[head].text in _QUOTES or fold(doc[head].text) in rules.fillers):
        head += 1
    qualifier = _qualifier(doc, index, rules)
    if head < len(doc) and doc[head].lower_ in rules.inverted_articles and _after_copula(doc, index, rules):
        head += 1  # Sono circa 600 le persone che …
    return value, index, head, qualifier


def _after_copula(doc: Doc, index: int, rules: _Rules) -> bool:
    """A copula before the number, past one or two words of a qualifier (`sono circa 600`)."""
    return any(doc[position].lower_ in rules.copulas for position in range(max(0, index - 3), index))


def _phrase_end(doc: Doc, head: int, rules: _Rules) -> int:
    """Token end of the counted phrase: a slash compound (`ragazzi/giovani`), a relational
    adjective that agrees (`incontri serali`), a purpose after `di` (`tavoli di lavoro`)."""
    end = head + 1
    if end + 1 < len(doc) and doc[end].text == "/" and doc[end + 1].is_alpha and doc[end + 1].is_lower:
        end += 2
    following = doc[end] if end < len(doc) else None
    plural_head = doc[head].text.lower()[-1:] in "ie"
    if (
        following is not None
        and following.is_lower
        and following.is_alpha
        and not following.is_stop
        and following.text.endswith(rules.relational)
        and (rules.lemmas.is_adjective(following.text) or following.text not in rules.lemmas.nouns)
        and (following.text[-1:] in "ie") == plural_head
    ):
        return end + 1
    if following is not None and fold(following.text) == "di" and end + 1 < len(doc):
        purpose = doc[end + 1]
        after = doc[end + 2] if end + 2 < len(doc) else None
        if (
            purpose.is_alpha
            and purpose.is_lower
            and not purpose.is_stop
            and purpose.text.lower() in rules.lemmas.nouns
            and (after is None or fold(after.text) not in rules.complement_stops)
        ):
            return end + 2
    return end


def _clause(doc: Doc, text: str, start: int, end: int, rules: _Rules) -> str:
    """The clause around tokens start..end, from the last clause break before to the first after;
    inside brackets, the whole sentence (`(massimo 5 incontri, …)` has no verb of its own)."""
    breaks = list(rules.clause_break.finditer(text[: doc[start].idx]))
    if breaks and breaks[-1].group(0) == "(":
        return text
    clause_start = breaks[-1].end() if breaks else 0
    after = rules.clause_break.search(text, doc[end - 1].idx + len(doc[end - 1]))
    return text[clause_start : after.start() if after else len(text)]


def _kind(sentence: str, in_target_field: bool, rules: _Rules) -> str:
    """`target` for a plan (future or conditional verbs, plan words, Risultati attesi); else `achieved`."""
    if in_target_field or rules.future.search(sentence):
        return "target"
    return "target" if set(_WORD.findall(fold(sentence))) & rules.target_cues else "achieved"


def _vocabulary_at(matches: list[Match]) -> dict[int, Match]:
    return {match.span.start: match for match in matches if len(match.span) > 1}


def _counts_in(parsed: Parsed, text: str, in_target: bool, resources: Resources) -> list[Mention]:
    rules = _rules(resources)
    doc = parsed.doc
    sentence = doc.text
    phrases = _vocabulary_at(nlp_for(resources).matches("count_groups", parsed))
    mentions = []
    index = 0
    while index < len(doc):
        found = _count_at(doc, index, rules)
        if found is None or found[2] >= len(doc):
            index += 1
            continue
        count, first, head, qualifier = found
        phrase = phrases.get(head)
        if phrase is not None:
            unit, end = phrase.key, phrase.span.end
        elif doc[head].is_alpha and (unit := _unit(doc[head].text, rules)) is not None:
            end = _phrase_end(doc, head, rules)
        else:
            index += 1
            continue
        group = " ".join(token.text for token in doc[head:end] if token.text not in _QUOTES).replace(" / ", "/")
        if count <= rules.group_limits.get(fold(group), rules.max_count):
            start_char, end_char = parsed.char(first), parsed.char(end - 1) + len(doc[end - 1])
            row = {
                "group": group.lower(),
                "unit": unit,
                "count": count,
                "qualifier": qualifier,
                "kind": _kind(_clause(doc, sentence, first, end, rules), in_target, rules),
            }
            mentions.append(Mention("counts", text[start_char:end_char], row, start_char, end_char, NAME, CONFIDENCE))
        index = end
    return mentions


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + match.start(), start + match.end()) for match in _SENTENCE_SPAN.finditer(text[start:end])]


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
