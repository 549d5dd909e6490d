"""People, groups and meetings counted in prose (SPEC `counts`), with an open vocabulary:
`hanno partecipato 81 cittadini`, `208 ragazzi/giovani`, `sei laboratrici`, `(max. 4 sedute)`.

Rule-based, and built from the number outward. One regex pass over each sentence finds the
numbers (digits, Italian number words read by text2num, approximate nouns such as `una
trentina di`); a number that looks like something else (a year, a time, an address, a law,
a page, a school class, an age, money, a percentage, list numbering) is dropped by the words
around it (`schemas/counts.json`). For the others, a short window of text after the number
is tokenized and its noun phrase read: optional fillers (`nuovi`, `altri`), the head noun,
a slash compound (`ragazzi/giovani`), then for groups and meetings one agreeing adjective
that names them (`incontri pubblici`) or a group's purpose (`gruppi di cammino`). The head is
classed by lemma (spaCy's Italian lookup tables, `extract.lexicon.lemmas`) against a lexicon of head
lemmas and of productive suffixes of nouns of people (`schemas/vocab/count_heads.jsonl`);
multiword names are exceptions matched first (`schemas/vocab/count_groups.jsonl`). A number
whose noun is left out takes the noun just named (`dieci incontri online e tre in presenza`,
`ne sono stati formati 14`, `I partecipanti sono stati circa 200`: `elision` in counts.json).
`target` or `achieved` comes from the verbs and plan words nearest the number (future and
conditional endings, plan words, past forms), read in its clause, then its sentence, then its
paragraph (`schemas/counts.json`, kind_about).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, NotRequired

from pydantic import with_config
from text_to_num import text2num
from typing_extensions import TypedDict

from extract.document import Mention
from extract.extractors.base import Extractor, component
from extract.lexicon.lemmas import ItalianLemmas, italian_lemmas
from extract.lexicon.resources import Resources
from extract.settings import STRICT
from extract.text import fold
from extract.view import DocumentView

NAME = "counts.v1"
CONFIDENCE = 0.75
TARGET_TAG = "counts.target"
PEOPLE = "people"
WINDOW_TOKENS = 12  # a count's noun phrase is short: only this many tokens after a number are read
LOOKBACK_CHARS = 60  # how far back on its line a number's cue words and qualifier are looked for
MAX_SENTENCE_CHARS = 400  # a run-on "sentence" (no full stop for pages) is read only this far either side
MAX_PARAGRAPH_CHARS = 1500  # how far a sentence without markers looks for its paragraph's tense
MAX_SKIPPED = 2  # fillers or pre-nominal adjectives between a number and its head
TARGET, ACHIEVED = "target", "achieved"
QUOTES = frozenset("\"'“”«»‘’")
OPENING_QUOTES = frozenset("\"'“«‘")
CLOSING_QUOTES = frozenset("\"'”»’")
SINGULAR_ENDINGS = frozenset("oa")  # a noun in unaccented -o or -a is singular (invariable nouns end otherwise)
MAX_QUOTED_WORDS = 5  # `30 "vicini sentinella"`, `tre “Piazze di Prossimità”`: a quoted name is short
_SENTENCE_SPAN = re.compile(r"[^.!?;\n]+(?:\.\d[^.!?;\n]*)*[.!?;]?")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[^\w\s]")
_WORD = re.compile(r"[^\W\d_]+'?")
_ASIDE = re.compile(r"\([^()]*\)")  # a bracketed aside
_CAPITAL_LETTER_NEXT = re.compile(r"\s[A-Z](?![\w'’])")  # `5 C` is a school class, `9 B` a house number
_LAST_WORD = re.compile(r"([^\s(\[«“\"]+)\s*$")
_DIGIT_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")
_AFTER_DI = re.compile(r"\s+di\b")
_CLAUSE_MARK = re.compile(r"[,:;()\[\]–—]|\s-\s")
MIN_CODE_DIGITS = 5  # a postal code, a protocol number: digits not grouped by thousands
MIN_YEAR, MAX_YEAR = 1900, 2100  # four digits in this range are a year, never a count whose noun is left out
PARTICIPLE_PLURALS = ("ati", "ate", "iti", "ite", "uti", "ute", "olti", "olte", "essi", "esse", "itti", "itte")
_INFINITIVE = re.compile(r"[^\W\d_]{2,}(?:are|ere|ire)(?:ne|ci|vi|li|le|lo|la|si)?")


@with_config(STRICT)
class CountsRelationalEndings(TypedDict):
    plural: list[str]
    singular: list[str]


@with_config(STRICT)
class CountsElision(TypedDict):
    conjunctions: list[str]
    max_words_between: int
    partitive_clitics: list[str]
    partitive_reach_words: int
    antecedent_reach_chars: int
    predicate_links: list[str]
    partitive_after: list[str]


@with_config(STRICT)
class CountsRules(TypedDict):
    about: NotRequired[str]
    qualifiers: dict[str, list[str]]
    qualifiers_about: NotRequired[str]
    approximate_numbers: dict[str, int]
    number_word_stems: list[str]
    min_word_number: int
    max_count: int
    not_after: list[str]
    not_after_about: NotRequired[str]
    digits_only_after: list[str]
    look_alike_before: list[str]
    look_alike_about: NotRequired[str]
    currency_marks: list[str]
    range_connectors: list[str]
    fillers: list[str]
    fillers_about: NotRequired[str]
    predicative_verbs: list[str]
    articles: list[str]
    predicative_about: NotRequired[str]
    name_adjective_units: list[str]
    purpose_units: list[str]
    purpose_adjective_endings: dict[str, list[str]]
    max_purpose_words: int
    scope_complements: list[str]
    scope_about: NotRequired[str]
    invariable_name_adjectives: list[str]
    relational_endings: CountsRelationalEndings
    relational_about: NotRequired[str]
    name_about: NotRequired[str]
    participle_lemma_endings: list[str]
    not_in_name: list[str]
    lemma_guesses: dict[str, list[list[str]]]
    lemma_guesses_about: NotRequired[str]
    plan_words: list[str]
    plan_words_about: NotRequired[str]
    future_endings: list[str]
    not_future: list[str]
    past_endings: list[str]
    not_past: list[str]
    auxiliaries: list[str]
    copulas: list[str]
    present_copulas: list[str]
    modals: list[str]
    infinitive_reach: int
    kind_about: NotRequired[str]
    elision: CountsElision
    elision_about: NotRequired[str]


@dataclass(frozen=True)
class _Rules:
    """`schemas/counts.json`, compiled once per run."""

    numbers: re.Pattern[str]
    approximate: dict[str, int]
    min_word_number: int
    max_count: int
    qualifiers: dict[str, str]
    qualifier_pattern: re.Pattern[str]
    not_after: frozenset[str]
    digits_only_after: frozenset[str]
    look_alike_before: tuple[re.Pattern[str], ...]
    currency_marks: tuple[str, ...]
    range_connectors: frozenset[str]
    fillers: frozenset[str]
    predicative_verbs: frozenset[str]
    articles: frozenset[str]
    name_adjective_units: frozenset[str]
    purpose_units: frozenset[str]
    purpose_endings: dict[str, tuple[str, ...]]
    max_purpose_words: int
    scope_complements: frozenset[str]
    invariable_adjectives: frozenset[str]
    relational_plural: tuple[str, ...]
    relational_singular: tuple[str, ...]
    participle_endings: tuple[str, ...]
    not_in_name: frozenset[str]
    marker_pattern: re.Pattern[str]
    plan_ahead: re.Pattern[str]
    present_copula: re.Pattern[str]
    not_future: frozenset[str]
    not_past: frozenset[str]
    modals: frozenset[str]
    infinitive_reach: int
    elision: _Elision


@dataclass(frozen=True)
class _Elision:
    """`elision` of `schemas/counts.json`: where a number's noun is left out and found before it."""

    coordinated: re.Pattern[str]
    partitive: re.Pattern[str]
    antecedent_reach: int
    predicative: re.Pattern[str]
    predicative_modified: re.Pattern[str]
    predicative_scoped: re.Pattern[str]
    partitive_after: frozenset[str]


@dataclass(frozen=True)
class _Heads:
    """The head lexicon (`count_heads.jsonl`), its exceptions (`count_groups.jsonl`) and the lemma
    guesses of `counts.json`."""

    lemmas: dict[str, str]
    forms: dict[str, str]
    limits: dict[str, int]
    suffixes: tuple[str, ...]
    noun_suffixes: tuple[str, ...]
    not_people: frozenset[str]
    phrases: dict[tuple[str, ...], str]
    longest_phrase: int
    plural_guesses: tuple[tuple[str, str], ...]
    masculine_guesses: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class _Number:
    """A number candidate: its value, its span, where its noun phrase starts, whether it is written
    in digits and whether it is an approximate noun (`una trentina di`)."""

    value: int
    start: int
    end: int
    phrase_start: int
    digits: bool
    approximate: bool


@dataclass(frozen=True)
class _Group:
    """The noun phrase a number quantifies: as written, its unit, its end, its head's lemma."""

    text: str
    unit: str
    end: int
    lemma: str
    head: str = ""
    start: int = -1  # where the group starts when it stands before its number (`Partecipanti: 45`)


def _alternatives(words: list[str]) -> str:
    """A regex alternation of `words`, longest first, whitespace-tolerant."""
    escaped = [r"\s+".join(map(re.escape, word.split())) for word in sorted(words, key=len, reverse=True)]
    return "|".join(escaped)


def _trie(words: list[str]) -> str:
    """A regex matching exactly `words`, factored by prefix (`d(?:ue|ieci|odici)`): Python's regex
    engine tries an alternation branch by branch, so a trie is several times faster on long texts."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word.lower():
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return body + ("?" if "" in node else "")

    return emit(tree)


def _number_pattern(data: dict[str, Any]) -> re.Pattern[str]:
    """Approximate nouns before `di`, digits not glued to a unit, an ordinal mark or another number
    (`9c`, `5°`, `1’`, `20%`, `24/17`, `18.30`, `5-10`), and words starting like a number word.
    A lookahead on the possible first characters lets the scan skip most positions quickly."""
    approx = _trie(list(data["approximate_numbers"]))
    stems = _trie(data["number_word_stems"])
    first = "".join(sorted({word[0] for word in [*data["approximate_numbers"], *data["number_word_stems"], "un"]}))
    return re.compile(
        rf"(?=[\d{first}])(?:(?P<approx>\b(?:una?\s+)?{approx})(?=\s+di\b)"
        r"|(?<![\w.,/:°'’€$£-])(?P<digits>\d{1,3}(?:\.\d{3})+|\d+)(?![\w°^'’%]|\s*%|[.,:/\-–]\d)"
        rf"|(?<![\w'’])(?P<word>{stems}[^\W\d_]*)(?![\w'’]))",
        re.IGNORECASE,
    )


def _folded(words: list[str]) -> frozenset[str]:
    return frozenset(fold(word) for word in words)


def compile_rules(data: CountsRules) -> _Rules:
    """The settings of `schemas/counts.json`, compiled once when the component is built."""
    qualifiers = {
        " ".join(phrase.lower().split()): kind for kind, phrases in data["qualifiers"].items() for phrase in phrases
    }
    return _Rules(
        numbers=_number_pattern(data),
        approximate={fold(word): value for word, value in data["approximate_numbers"].items()},
        min_word_number=int(data["min_word_number"]),
        max_count=int(data["max_count"]),
        qualifiers=qualifiers,
        qualifier_pattern=re.compile(rf"(?:^|[^\w'])(?P<phrase>{_alternatives(list(qualifiers))})\.?\s*$"),
        not_after=_folded(data["not_after"]),
        digits_only_after=_folded(data["digits_only_after"]),
        look_alike_before=tuple(re.compile(pattern) for pattern in data["look_alike_before"]),
        currency_marks=tuple(data["currency_marks"]),
        range_connectors=_folded(data["range_connectors"]),
        fillers=_folded(data["fillers"]),
        predicative_verbs=_folded(data["predicative_verbs"]),
        articles=_folded(data["articles"]),
        name_adjective_units=frozenset(data["name_adjective_units"]),
        purpose_units=frozenset(data["purpose_units"]),
        purpose_endings={unit: tuple(endings) for unit, endings in data["purpose_adjective_endings"].items()},
        max_purpose_words=int(data["max_purpose_words"]),
        scope_complements=_folded(data["scope_complements"]),
        invariable_adjectives=_folded(data["invariable_name_adjectives"]),
        relational_plural=tuple(data["relational_endings"]["plural"]),
        relational_singular=tuple(data["relational_endings"]["singular"]),
        participle_endings=tuple(data["participle_lemma_endings"]),
        not_in_name=_folded(data["not_in_name"]),
        marker_pattern=_marker_pattern(data),
        plan_ahead=re.compile(rf"(?:\s+[^\W\d_]+'?)?\s+(?:{_trie(data['plan_words'])})(?![\w'])"),
        present_copula=re.compile(rf"(?<!\w)(?:{_alternatives(data['present_copulas'])})(?![\w'’])", re.IGNORECASE),
        not_future=frozenset(data["not_future"]),
        not_past=frozenset(data["not_past"]),
        modals=frozenset(data["modals"]),
        infinitive_reach=int(data["infinitive_reach"]),
        elision=_elision(data["elision"]),
    )


def _elision(data: dict[str, Any]) -> _Elision:
    words = r"(?:\s*[^\W_]+'?)"
    links = _alternatives([link for link in data["predicate_links"] if link != ":"])
    colon = r"|\s*:" if ":" in data["predicate_links"] else ""
    return _Elision(
        coordinated=re.compile(
            rf"{words}{{0,{int(data['max_words_between'])}}}\s+(?:{_alternatives(data['conjunctions'])})\s+$"
        ),
        partitive=re.compile(
            rf"(?<![\w'])(?:{_alternatives(data['partitive_clitics'])})(?:\s+|(?<='))"
            rf"(?:[^\W\d_]+'?\s*){{0,{int(data['partitive_reach_words'])}}}$"
        ),
        antecedent_reach=int(data["antecedent_reach_chars"]),
        predicative=re.compile(rf"(?<![\w'])(?P<head>[^\W\d_]+)(?:\s+(?:{links})(?![\w']){colon})+\s*$"),
        predicative_modified=re.compile(
            rf"(?<![\w'])(?P<head>[^\W\d_]+)\s+(?P<modifier>[^\W\d_]+)(?:\s+(?:{links})(?![\w']){colon})+\s*$"
        ),
        predicative_scoped=re.compile(
            rf"(?<![\w'])(?P<head>[^\W\d_]+)\s+di\s+(?P<scope>[^\W\d_]+)(?:\s+(?:{links})(?![\w']){colon})+\s*$"
        ),
        partitive_after=frozenset(
            " ".join(fold(word) for word in phrase.split()) for phrase in data["partitive_after"]
        ),
    )


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(fold(token) for token in _TOKEN.findall(phrase) if token not in QUOTES)


def compile_heads(data: CountsRules, resources: Resources) -> _Heads:
    """The head lexicon (`vocab/count_heads.jsonl`, `count_groups.jsonl`) and the lemma guesses of
    `counts.json`, compiled once when the component is built."""
    vocab = resources.config.vocab
    guesses = data["lemma_guesses"]
    lemmas: dict[str, str] = {}
    limits: dict[str, int] = {}
    suffixes: list[str] = []
    noun_suffixes: list[str] = []
    not_people: set[str] = set()
    for entry in vocab["count_heads"]:  # forms are lemmas here; `exclude` the words that are no head
        for lemma in entry["forms"]:
            lemmas[fold(lemma)] = entry["id"]
            if "max_count" in entry:
                limits[fold(lemma)] = int(entry["max_count"])
        suffixes += entry.get("suffixes", ())
        noun_suffixes += entry.get("noun_suffixes", ())
        not_people.update(fold(word) for word in entry.get("exclude", ()))
    phrases: dict[tuple[str, ...], str] = {}
    forms: dict[str, str] = {}
    for entry in vocab["count_groups"]:
        for form in entry["forms"]:
            key = _phrase_key(form)
            if len(key) == 1:
                forms[key[0]] = entry["id"]  # one more head, read like the lexicon's
            else:
                phrases[key] = entry["id"]
            if "max_count" in entry:
                limits[" ".join(key)] = int(entry["max_count"])
    return _Heads(
        lemmas=lemmas,
        forms=forms,
        limits=limits,
        suffixes=tuple(suffixes),
        noun_suffixes=tuple(noun_suffixes),
        not_people=frozenset(not_people),
        phrases=phrases,
        longest_phrase=max(map(len, phrases), default=1),
        plural_guesses=tuple((plural, singular) for plural, singular in guesses["plural"]),
        masculine_guesses=tuple((feminine, masculine) for feminine, masculine in guesses["masculine"]),
    )


# --- the number -------------------------------------------------------------------------------


def _word_value(word: str, rules: _Rules) -> int | None:
    """The number an Italian number word writes (`sette`, `trentacinque`), None for `uno` and non-numbers."""
    try:
        value = text2num(word.lower(), "it")
    except ValueError:
        return None
    return value if value >= rules.min_word_number else None


def _candidate(match: re.Match[str], rules: _Rules) -> _Number | None:
    """A regex hit as a number candidate, or None when it writes no usable number."""
    if match.group("approx"):
        noun = fold(match.group("approx").split()[-1])
        end = match.end()
        after_di = _AFTER_DI.match(match.string, end)
        phrase_start = after_di.end() if after_di else end
        return _Number(rules.approximate[noun], match.start(), end, phrase_start, False, True)
    if match.group("digits"):
        text = match.group("digits")
        if len(text) > 1 and text.startswith("0"):
            return None  # `05 aprile`: a count is never written with a leading zero
        return _Number(int(text.replace(".", "")), match.start(), match.end(), match.end(), True, False)
    value = _word_value(match.group("word"), rules)
    if value is None:
        return None
    return _Number(value, match.start(), match.end(), match.end(), False, False)


def _is_number_token(token: str, rules: _Rules) -> bool:
    return bool(_DIGIT_NUMBER.fullmatch(token)) or (token.isalpha() and _word_value(token, rules) is not None)


def _looks_like_something_else(text: str, line_start: int, number: _Number, rules: _Rules) -> bool:
    """A year, a date, a time, a reference, an address, money, an age or the end of a range,
    by the words right before the number, a school class by the letter after it, or a code (five
    digits or more, ungrouped)."""
    if number.approximate:
        return False
    written = text[number.start : number.end]
    if written.isdigit() and len(written) >= MIN_CODE_DIGITS:
        return True  # `42044 Gualtieri`: Italian groups thousands (`12.000`), so five bare digits are a code
    window = text[max(line_start, number.start - LOOKBACK_CHARS) : number.start]
    if window.rstrip().endswith(rules.currency_marks):
        return True
    last = _LAST_WORD.search(window)
    if last is not None:
        word = fold(last.group(1))
        word = word.rsplit("'", 1)[-1] or word  # `dell'articolo 14`
        if word in rules.not_after and (number.digits or word not in rules.digits_only_after):
            return True
    if any(pattern.search(window) for pattern in rules.look_alike_before):
        return True
    tokens = [token for token in _TOKEN.findall(window[-30:]) if fold(token) not in rules.articles]
    if len(tokens) >= 2 and fold(tokens[-1]) in rules.range_connectors and _is_number_token(tokens[-2], rules):
        return True  # `tra 10 e 15 persone`, `da 5 a 10 incontri`, `tra i 14 e i 19 anni`
    return bool(_CAPITAL_LETTER_NEXT.match(text, number.end))


def _qualifier(window: str, number: _Number, rules: _Rules) -> tuple[str, str]:
    """(qualifier, text before it) from the line before a number: `almeno altri 100` -> at_least."""
    if number.approximate:
        return "approx", window
    before = window.lower().replace("’", "'").rstrip()
    last = before.rsplit(None, 1)
    if len(last) == 2 and fold(last[1]) in rules.fillers:
        before = last[0]
    match = rules.qualifier_pattern.search(before)
    if match is None:
        return "exact", before
    return rules.qualifiers[" ".join(match.group("phrase").split())], before[: match.start("phrase")]


def _predicative(before: str, rules: _Rules) -> bool:
    """`Sono circa 600 le persone`: after essere the number may stand before an article."""
    words = before.split()
    return bool(words) and fold(words[-1]) in rules.predicative_verbs


# --- the noun phrase --------------------------------------------------------------------------


class _Classifier:
    """Classes head nouns by lemma: head lexicon first, then the productive suffixes of people."""

    def __init__(self, heads: _Heads, lemmas: ItalianLemmas) -> None:
        self.heads = heads
        self.lemmas = lemmas

    def _masculine(self, lemma: str) -> str | None:
        for feminine, masculine in self.heads.masculine_guesses:
            if lemma.endswith(feminine):
                return lemma[: len(lemma) - len(feminine)] + masculine
        return None

    def _guess_singular(self, form: str) -> str:
        for plural, singular in self.heads.plural_guesses:
            if form.endswith(plural):
                return form[: len(form) - len(plural)] + singular
        return form

    def head(self, word: str) -> tuple[str, str] | None:
        """(unit, lemma) of a noun that counts people, groups or meetings, else None."""
        form = word.lower()
        if fold(form) in self.heads.forms:
            return self.heads.forms[fold(form)], fold(form)
        noun = self.lemmas.lemma(form, "noun")
        adjective = self.lemmas.lemma(form, "adj")
        for candidate in (form, noun, adjective):
            if candidate is None:
                continue
            for lemma in (candidate, self._masculine(candidate)):
                if lemma is not None and fold(lemma) in self.heads.lemmas:
                    return self.heads.lemmas[fold(lemma)], fold(lemma)
        base = fold(noun or adjective or self._guess_singular(form))
        if base in self.heads.not_people:
            return None
        if base.endswith(self.heads.suffixes):
            return PEOPLE, base
        if base.endswith(self.heads.noun_suffixes) and (noun is not None or adjective is None):
            return PEOPLE, base  # `partecipanti` is a noun; `importanti` is only an adjective
        return None

    def is_adjective_only(self, word: str) -> bool:
        form = word.lower()
        return self.lemmas.knows(form, "adj") and not self.lemmas.knows(form, "noun")


Token = tuple[str, int, int]


def _tokens(text: str, start: int, end: int) -> list[Token]:
    return [
        (match.group(), match.start(), match.end())
        for match in islice(_TOKEN.finditer(text, start, end), WINDOW_TOKENS)
    ]


def _skip_quotes(tokens: list[Token], index: int) -> int:
    while index < len(tokens) and tokens[index][0] in QUOTES:
        index += 1
    return index


def _skip_fillers(tokens: list[Token], index: int, rules: _Rules, classify: _Classifier) -> int:
    """Past fillers (`15 nuovi volontari`) and pre-nominal adjectives before a head (`tre importanti incontri`)."""
    for _ in range(MAX_SKIPPED):
        if index + 1 >= len(tokens) or not tokens[index][0].isalpha():
            break
        word, following = tokens[index][0], tokens[index + 1][0]
        before_head = classify.is_adjective_only(word) and following.isalpha() and classify.head(following) is not None
        if not (fold(word) in rules.fillers or before_head):
            break
        index += 1
    return index


def _phrase_at(tokens: list[Token], index: int, heads: _Heads) -> tuple[str, int] | None:
    """(unit, end index) of the longest exception phrase starting at `index` (`amministratori di sostegno`)."""
    for size in range(min(heads.longest_phrase, len(tokens) - index), 0, -1):
        key = tuple(fold(token[0]) for token in tokens[index : index + size])
        if key in heads.phrases:
            return heads.phrases[key], index + size
    return None


def _adjective(word: str, rules: _Rules, lemmas: ItalianLemmas) -> tuple[str, bool] | None:
    """(lemma, plural) of an adjective, from the adjective table or, for a word no table knows
    (`intergenerazionali`), from its relational ending; None for a word that is no adjective."""
    lemma = lemmas.lemma(word, "adj")
    if lemma is not None:
        return fold(lemma), word != lemma and word.endswith(("i", "e"))
    if lemmas.knows(word, "noun") or not word.endswith(rules.relational_plural + rules.relational_singular):
        return None
    return word, word.endswith(rules.relational_plural)


def _name_adjective(
    tokens: list[Token], index: int, unit: str, count: int, rules: _Rules, classify: _Classifier
) -> bool:
    """Whether the token at `index` is an adjective that names the counted thing and agrees with it
    (`incontri pubblici`), not a participle (`incontri aperti`), a purpose (`incontri informativi`)
    or a word of quantity or order (`incontri successivi`)."""
    if index >= len(tokens) or not tokens[index][0].isalpha() or not tokens[index][0].islower():
        return False
    word = tokens[index][0]
    if fold(word) in rules.invariable_adjectives:
        return True
    found = _adjective(word, rules, classify.lemmas)
    if found is None:
        return False
    lemma, plural = found
    if lemma in rules.not_in_name or lemma.endswith(rules.participle_endings):
        return False
    if lemma.endswith(rules.purpose_endings.get(unit, ())):
        return False
    if classify.heads.lemmas.get(lemma) == PEOPLE:
        return False  # `incontri cittadini`: a noun of people, not a name
    return plural == (count != 1)


def _scope_end(tokens: list[Token], index: int, rules: _Rules) -> int:
    """Past `di` + a scope noun (`portieri di comunità`, `incontri di quartiere`)."""
    if (
        index + 1 < len(tokens)
        and fold(tokens[index][0]) == "di"
        and fold(tokens[index + 1][0]) in rules.scope_complements
    ):
        return index + 2
    return index


def _purpose_end(tokens: list[Token], index: int, rules: _Rules, lemmas: ItalianLemmas) -> int:
    """End of a group's purpose after `di` (`gruppi di cammino`, `gruppi di auto mutuo aiuto`): up to
    max_purpose_words lower-case nouns or adjectives; a plural after the first agrees with the group
    and stops it (`gruppi di cammino guidati`), as does an adverb (`comitati di quartiere molto attivi`)."""
    if index >= len(tokens) or fold(tokens[index][0]) != "di":
        return index
    stop = index + 1
    while stop < min(len(tokens), index + 1 + rules.max_purpose_words):
        word = tokens[stop][0]
        if not (word.isalpha() and word.islower()) or len(word) <= 3 or (stop > index + 1 and word.endswith("i")):
            break
        if lemmas.knows(word, "adv") or not (lemmas.knows(word, "noun") or lemmas.knows(word, "adj")):
            break
        stop += 1
    return stop if stop > index + 1 else index


def _slash_end(tokens: list[Token], index: int, unit: str, classify: _Classifier) -> int:
    """Past a slash compound (`ragazzi/giovani`, `cittadini/e`)."""
    if index + 1 < len(tokens) and tokens[index][0] == "/" and tokens[index + 1][0].isalpha():
        word = tokens[index + 1][0]
        found = classify.head(word)
        if len(word) <= 2 or (found is not None and found[0] == unit):
            return index + 2
    return index


def _head_at(tokens: list[Token], index: int, classify: _Classifier) -> tuple[str, str, int] | None:
    """(unit, lemma, end index) of an exception phrase or a head noun starting at `index`."""
    phrase = _phrase_at(tokens, index, classify.heads)
    if phrase is not None:
        unit, stop = phrase
        return unit, " ".join(fold(token[0]) for token in tokens[index:stop]), stop
    if index >= len(tokens) or not tokens[index][0].isalpha():
        return None
    found = classify.head(tokens[index][0])
    return None if found is None else (found[0], found[1], index + 1)


def _quoted(text: str, tokens: list[Token], index: int, classify: _Classifier) -> _Group | None:
    """A quoted name whose first word is a head (`30 "vicini sentinella"`): the whole name is the group."""
    if index >= len(tokens) or tokens[index][0] not in OPENING_QUOTES:
        return None
    for close in range(index + 2, min(len(tokens), index + 2 + MAX_QUOTED_WORDS)):
        if tokens[close][0] in CLOSING_QUOTES:
            break
    else:
        return None
    found = _head_at(tokens, index + 1, classify)
    if found is None:
        return None
    written = text[tokens[index + 1][1] : tokens[close - 1][2]]
    name = " ".join(written.lower().split())
    return _Group(name, found[0], tokens[close][2], found[1], name)


def _name_end(tokens: list[Token], index: int, unit: str, count: int, rules: _Rules, classify: _Classifier) -> int:
    """End of a head's name: a slash compound, then one name adjective, a scope or a group's purpose."""
    stop = _slash_end(tokens, index, unit, classify)
    if unit in rules.name_adjective_units and _name_adjective(tokens, stop, unit, count, rules, classify):
        return stop + 1
    scope = _scope_end(tokens, stop, rules)
    if scope > stop:
        return scope
    return _purpose_end(tokens, stop, rules, classify.lemmas) if unit in rules.purpose_units else stop


def _read_group(
    text: str, number: _Number, end: int, predicative: bool, rules: _Rules, classify: _Classifier
) -> _Group | None:
    """The noun phrase after a number, if its head counts people, groups or meetings."""
    tokens = _tokens(text, number.phrase_start, end)
    index = 0
    if predicative and tokens and fold(tokens[0][0]) in rules.articles:
        index = 1
    index = _skip_fillers(tokens, index, rules, classify)
    quoted = _quoted(text, tokens, index, classify)
    if quoted is not None:
        return quoted
    index = _skip_quotes(tokens, index)
    found = _head_at(tokens, index, classify)
    if found is None:
        return None
    unit, lemma, stop = found
    head = " ".join(text[tokens[index][1] : tokens[stop - 1][2]].lower().split())
    if stop == index + 1:
        if number.value != 1 and tokens[index][0][-1] in SINGULAR_ENDINGS:
            return None  # `Sei cittadino?`: a verb, not six; a count of two or more takes a plural
        stop = _name_end(tokens, stop, unit, number.value, rules, classify)
    stop_char = tokens[stop - 1][2]
    written = "".join(char for char in text[tokens[index][1] : stop_char] if char not in QUOTES)
    return _Group(" ".join(written.lower().split()), unit, stop_char, lemma, head)


# --- target or achieved -----------------------------------------------------------------------

PLAN, FUTURE, PAST, AUX = "plan", "future", "past", "aux"
Markers = list[tuple[int, str]]


def _marker_pattern(data: dict[str, Any]) -> re.Pattern[str]:
    """One pass over a sentence finds its markers: plan words, future and conditional endings,
    auxiliaries, past endings, and a copula followed by a participle (`si sono svolti`)."""
    letters = r"[^\W\d_]"
    stems = _trie([ending[:-1] for ending in data["participle_lemma_endings"]])
    participle = rf"(?=\s+(?:{letters}+'?\s+)?{letters}*{stems}[oaie](?![\w']))"
    return re.compile(
        rf"(?<!\w)(?:(?P<plan>{_trie(data['plan_words'])})"
        rf"|(?P<future>{letters}{{2,}}(?:{_alternatives(data['future_endings'])}))"
        rf"|(?P<aux>{_alternatives(data['auxiliaries'])})"
        rf"|(?P<past>{letters}{{2,}}(?:{_alternatives(data['past_endings'])}))"
        rf"|(?P<copula>(?:{_alternatives(data['copulas'])}){participle}))(?![\w'])"
    )


def _markers(text: str, start: int, end: int, rules: _Rules) -> Markers:
    """(offset, marker) of the plan, future and past markers of `text[start:end]`; an auxiliary or a
    copula whose verb is a plan word (`sono stati previsti`) leaves the decision to the plan word."""
    lowered = text[start:end].lower().replace("’", "'")
    found = []
    for match in rules.marker_pattern.finditer(lowered):
        word = match.group()
        if match.lastgroup == "plan":
            found.append((start + match.start(), PLAN))
        elif match.lastgroup == "future":
            if word not in rules.not_future:
                found.append((start + match.start(), FUTURE))
        elif match.lastgroup == "past" and word in rules.not_past:
            continue
        elif not rules.plan_ahead.match(lowered, match.end()):
            found.append((start + match.start(), AUX if match.lastgroup == "aux" else PAST))
    return found


def _nearest(markers: Markers, position: int) -> str:
    """The kind the marker nearest `position` gives; a tie goes to the plan. A clause whose only
    past is a bare auxiliary of a plan word states the plan (`l'obiettivo era di 10 volontari`)."""
    kinds = {marker for _offset, marker in markers}
    if PLAN in kinds and PAST not in kinds:
        return TARGET
    best = min(markers, key=lambda item: (abs(item[0] - position), item[1] in (PAST, AUX)))
    return ACHIEVED if best[1] in (PAST, AUX) else TARGET


def _words(text: str, start: int, end: int) -> list[tuple[str, int]]:
    lowered = text[start:end].lower().replace("’", "'")
    return [(match.group(), start + match.start()) for match in _WORD.finditer(lowered)]


def _goal_infinitive(text: str, clause_start: int, position: int, rules: _Rules, lemmas: ItalianLemmas) -> bool:
    """`Formare almeno 40 cittadini`, `si stima di raggiungere circa 400 persone`: an infinitive right
    before the number states a goal, unless a modal makes it a capacity (`possono partecipare`)."""
    before = _words(text, clause_start, position)[-rules.infinitive_reach - 1 :]
    for index in range(1 if len(before) > rules.infinitive_reach else 0, len(before)):
        word = before[index][0]
        if _INFINITIVE.fullmatch(word) and not lemmas.knows(word, "noun"):
            return index == 0 or before[index - 1][0] not in rules.modals
    return False


def _clause(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The clause of `text[start:end]` within its sentence: between commas, colons, dashes, brackets."""
    opening = sentence[0]
    for match in _CLAUSE_MARK.finditer(text, sentence[0], start):
        opening = match.end()
    closing = _CLAUSE_MARK.search(text, end, sentence[1])
    return opening, closing.start() if closing else sentence[1]


def _paragraph(text: str, start: int, end: int, region: tuple[int, int]) -> tuple[int, int]:
    """The paragraph (between blank lines) holding `text[start:end]`, within its region and no more
    than MAX_PARAGRAPH_CHARS either side (a text without blank lines is no single paragraph)."""
    low, high = max(region[0], start - MAX_PARAGRAPH_CHARS), min(region[1], end + MAX_PARAGRAPH_CHARS)
    before = text.rfind("\n\n", low, start)
    after = text.find("\n\n", end, high)
    return (before + 2 if before >= 0 else low), (after if after >= 0 else high)


@dataclass(frozen=True)
class _Place:
    """Where a count stands: its span, its sentence and its prose region."""

    start: int
    end: int
    sentence: tuple[int, int]
    region: tuple[int, int]


def _kind(text: str, place: _Place, rules: _Rules, lemmas: ItalianLemmas, seen: dict[tuple[int, int], Markers]) -> str:
    """Target or achieved, from the nearest evidence: the clause's markers, else a goal infinitive
    (target) or its present copula (`sono sei facilitatrici`: achieved), else the sentence's markers,
    else the paragraph: a future and no past make a plan (`Durante questa fase si arriverà…`).
    `seen` keeps the markers of sentences and paragraphs already read."""

    def markers(span: tuple[int, int]) -> Markers:
        if span not in seen:
            seen[span] = _markers(text, *span, rules)
        return seen[span]

    sentence = (
        max(place.sentence[0], place.start - MAX_SENTENCE_CHARS),
        min(place.sentence[1], place.end + MAX_SENTENCE_CHARS),
    )
    clause = _clause(text, sentence, place.start, place.end)
    found = [item for item in markers(sentence) if clause[0] <= item[0] < clause[1]]
    if found:
        return _nearest(found, place.start)
    if _goal_infinitive(text, clause[0], place.start, rules, lemmas):
        return TARGET  # `è arrivare ad almeno 200 persone`: the infinitive next to the number decides
    if rules.present_copula.search(text, *clause):
        return ACHIEVED
    if markers(sentence):
        return _nearest(markers(sentence), place.start)
    kinds = {marker for _offset, marker in markers(_paragraph(text, *sentence, place.region))}
    return TARGET if FUTURE in kinds and not kinds & {PAST, AUX} else ACHIEVED


# --- the extractor ----------------------------------------------------------------------------


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans of `text[start:end]` (split at full stops, `!`, `?`, `;` and line breaks)."""
    for match in _SENTENCE_SPAN.finditer(text, start, end):
        yield match.start(), match.end()


# --- a number whose noun is left out ----------------------------------------------------------


def _looks_like_a_year(number: _Number) -> bool:
    return number.digits and number.end - number.start == 4 and MIN_YEAR <= number.value <= MAX_YEAR


def _owns_a_noun(following: list[Token], rules: _Rules, classify: _Classifier) -> bool:
    """`3 mesi`, `4 dei quali`: the number counts a noun of its own, or a part of something."""
    if not following or not following[0][0].isalpha():
        return False
    word = following[0][0].lower()
    if " ".join(fold(token[0]) for token in following[:2]) in rules.elision.partitive_after:
        return True
    return len(word) > 3 and classify.lemmas.knows(word, "noun") and not classify.lemmas.knows(word, "adj")


def _without_qualifier(before: str, rules: _Rules) -> str:
    match = rules.qualifier_pattern.search(before.rstrip())
    return before if match is None else before[: match.start("phrase")]


def _coordinated(
    text: str, number: _Number, following: list[Token], earlier: _Group, rules: _Rules, classify: _Classifier
) -> _Group | None:
    """`dieci incontri online e tre in presenza`: the head of the count just before, and a name
    adjective of the number's own (`tre pubblici`)."""
    between = _without_qualifier(text[earlier.end : number.start].lower().replace("’", "'"), rules)
    if not rules.elision.coordinated.fullmatch(between):
        return None
    if earlier.unit in rules.name_adjective_units and _name_adjective(
        following, 0, earlier.unit, number.value, rules, classify
    ):
        return _Group(
            f"{earlier.head} {following[0][0].lower()}", earlier.unit, following[0][2], earlier.lemma, earlier.head
        )
    return _Group(earlier.head, earlier.unit, number.end, earlier.lemma, earlier.head)


def _antecedent(text: str, number: _Number, earlier: _Group | None, floor: int, classify: _Classifier) -> _Group | None:
    """What `ne` stands for: the last count if it is near, else the nearest head noun before."""
    if earlier is not None and earlier.end >= floor:
        return _Group(earlier.head, earlier.unit, number.end, earlier.lemma, earlier.head)
    for word, _offset in reversed(_words(text, floor, number.start)):
        found = classify.head(word) if word.isalpha() and word[-1] not in SINGULAR_ENDINGS else None
        if found is not None:
            return _Group(word, found[0], number.end, found[1], word)
    return None


def _predicated(number: _Number, own: str, own_start: int, rules: _Rules, classify: _Classifier) -> _Group | None:
    """`I partecipanti sono stati circa 200`, `Volontari coinvolti: 12`, `i custodi di frazione sono
    11`: the head stands before, a bracket between it and the verb left aside."""
    elision = rules.elision
    own = _ASIDE.sub(lambda aside: " " * len(aside.group()), own)  # `i laboratori (cucina, orto) sono stati otto`
    for pattern in (elision.predicative, elision.predicative_modified, elision.predicative_scoped):
        match = pattern.search(own)
        if match is None:
            continue
        head = match.group("head")
        found = classify.head(head)
        if found is None or (number.value != 1 and head[-1] in SINGULAR_ENDINGS):
            continue
        name = head
        scope = match.groupdict().get("scope")
        if scope is not None:
            if fold(scope) not in rules.scope_complements:
                continue
            name = f"{head} di {scope}"  # `i custodi di frazione sono 11`
        modifier = match.groupdict().get("modifier")
        if modifier is not None:
            tokens = [(modifier, 0, len(modifier))]
            adjective = _name_adjective(tokens, 0, found[0], number.value, rules, classify)
            if adjective and found[0] in rules.name_adjective_units:
                name = f"{head} {modifier}"  # people keep no adjective (`passeggeri abituali` -> `passeggeri`)
            elif not adjective and not modifier.endswith(PARTICIPLE_PLURALS):
                continue  # `persone che sono 12`: neither a participle nor a name adjective between
        return _Group(name, found[0], number.end, found[1], head, own_start + match.start("head"))
    return None


def _elided_group(
    text: str, number: _Number, sentence: tuple[int, int], earlier: _Group | None, rules: _Rules, classify: _Classifier
) -> _Group | None:
    """The group of a number whose noun is left out (`elision` of `schemas/counts.json`)."""
    if number.approximate or _looks_like_a_year(number):
        return None
    following = _tokens(text, number.end, sentence[1])
    if _owns_a_noun(following, rules, classify):
        return None
    if earlier is not None and sentence[0] <= earlier.end <= number.start:
        group = _coordinated(text, number, following, earlier, rules, classify)
        if group is not None:
            return group
    own_start = max(sentence[0], number.start - LOOKBACK_CHARS)
    own = _without_qualifier(text[own_start : number.start].lower().replace("’", "'"), rules)
    if rules.elision.partitive.search(own):
        return _antecedent(text, number, earlier, number.start - rules.elision.antecedent_reach, classify)
    return _predicated(number, own, own_start, rules, classify)


def _count(
    text: str, number: _Number, sentence: tuple[int, int], earlier: _Group | None, rules: _Rules, classify: _Classifier
) -> tuple[_Group, str] | None:
    """The group a number counts and its qualifier, or None for a look-alike or a number of nothing.
    `earlier` is the region's last count, the antecedent of a number whose noun is left out."""
    line_start = text.rfind("\n", max(0, number.start - LOOKBACK_CHARS), number.start) + 1
    if _looks_like_something_else(text, line_start, number, rules):
        return None
    window = text[max(line_start, number.start - LOOKBACK_CHARS) : number.start]
    qualifier, before = _qualifier(window, number, rules)
    group = _read_group(text, number, sentence[1], _predicative(before, rules), rules, classify)
    if group is None:
        group = _elided_group(text, number, sentence, earlier, rules, classify)
    if group is None or number.value > classify.heads.limits.get(group.lemma, rules.max_count):
        return None  # `5.000 abitanti` is a population
    return group, qualifier


def _mention(text: str, number: _Number, found: tuple[_Group, str], kind: str) -> Mention:
    group, qualifier = found
    row = {"group": group.text, "unit": group.unit, "count": number.value, "qualifier": qualifier, "kind": kind}
    start = group.start if 0 <= group.start < number.start else number.start
    return Mention("counts", text[start : group.end], row, start, group.end, NAME, CONFIDENCE)


def _counts_in_region(
    text: str, region: tuple[int, int], in_target: bool, rules: _Rules, classify: _Classifier
) -> list[Mention]:
    """The counts of one prose region; `in_target` for a region under Risultati attesi."""
    mentions = []
    seen: dict[tuple[int, int], Markers] = {}
    earlier: _Group | None = None
    for sentence in _sentences(text, *region):
        for match in rules.numbers.finditer(text, *sentence):
            number = _candidate(match, rules)
            if number is None or number.value > rules.max_count:
                continue
            found = _count(text, number, sentence, earlier, rules, classify)
            if found is None:
                continue
            earlier = found[0]
            place = _Place(number.start, found[0].end, sentence, region)
            kind = TARGET if in_target else _kind(text, place, rules, classify.lemmas, seen)
            mentions.append(_mention(text, number, found, kind))
    return mentions


@component
class Counts(Extractor):
    """Counts in the prose regions; only a short window after each number candidate is tokenized."""

    name = NAME
    emits = ("counts",)
    consumes = (TARGET_TAG,)
    settings_file = "counts.json"
    Settings = CountsRules

    def __init__(self, resources: Resources, settings: CountsRules) -> None:
        super().__init__(resources, settings)
        self.rules = compile_rules(settings)
        self.classify = _Classifier(compile_heads(settings, resources), italian_lemmas(resources))

    def __call__(self, view: DocumentView) -> list[Mention]:
        document, resources = view.document, view.resources
        mentions: list[Mention] = []
        for start, end, item in view.prose_regions:
            spec = resources.config.label(item.key) if item is not None else None
            in_target = spec is not None and TARGET_TAG in spec.tags
            mentions += _counts_in_region(document.text, (start, end), in_target, self.rules, self.classify)
        return mentions
