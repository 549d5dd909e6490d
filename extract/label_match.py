"""The label vocabulary, and how a label as a page writes it is matched to it.

Observatory pages reworded their labels over the years (`Data inizio` / `Data inizio del
processo` / `Data di inizio`, `Numero partecipanti` / `Numero persone partecipanti (stimate o
effettive)`), and every loader (text, HTML, PDF) meets all of them. Listing each wording is a
phrase list that is always one wording short, so a label is matched in steps, from the safest:

1. the same text after folding (case, accents, spacing, a trailing colon);
2. the same content words: function words (`di`, `del`, `nell'`) dropped, each word reduced to
   its stem by Italian inflection (the final vowel: `partecipanti` ~ `partecipante`,
   `mesi` ~ `mese`; signs and abbreviations spelled out, `%`, `N.`; a few synonyms of data,
   `totale` ~ `complessivo`): in order, then in any order (`Soggetto proponente (tipologia)`),
   then without a parenthetical aside (`(stimate o effettive)`), then the aside alone when it
   names the label (`Decisione condivisa (codecisione)`), then without a generic head a known
   label opens with (`Avvio del processo` of `Data avvio del processo`);
3. the words they share: a known label's words all present, in order and from its first word,
   plus at most one more word that itself belongs to the label vocabulary and is no answer a
   field takes (`Data di avvio del percorso` has one word more than `Data di avvio`; `Stato di
   avanzamento Progetto` is a label with its value);
4. its words reordered: three or more content words, not in the label's order, all among the
   words of known labels with at most `max_missing_words` more (a word matching a longer one
   it begins, `utilizzate` ~ `utilizzo`: `Piattaforme digitali utilizzate` of `Utilizzo di
   piattaforme tecnologiche e strumenti digitali`), when they agree on their field. Words in the
   label's own order are left to the next step: they are how a wrapped label's first line reads;
5. only for a text that ends in a colon, as labels do (`PRESENZA FEMMINILE:`, `ULTIMA
   MODIFICA:`): all its words, in order, in a known label that has at most `max_missing_words`
   more. Without the colon a shortened label is left alone: it is how a wrapped label's first
   line reads.
A form's marks around a label (an outline number before it, `1.2 Nato nel`, a required-field mark
after it, `Nato nel *`) are set aside when the text as written matches nothing.
A text that repeats a word is two labels run together (`Anno della certificazione Anno`), not
one. A step that finds labels of different meaning refuses (`Data del processo` could be the start
or the end). A text with a digit, or longer than a label can be, is never a label: a value that
merely contains a label's word (`Processo concluso`, `Costo 12.000 euro`) stays a value. The
function words and limits are data, in `schemas/label_matching.json`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from extract.text import fold

_ASIDE = re.compile(r"\(([^()]*)\)")
_WORD = re.compile(r"[a-z0-9]+")
_VOWELS = "aeiou"
_SENTENCE_PUNCT = re.compile(r"[:;.!?]")
MAX_GLOSSED_WORDS = 3  # `Decisione condivisa (codecisione)`: a short label glossed by the listed one
MATCH_CACHE = 65536  # distinct texts remembered per vocabulary before the memo starts again


@dataclass(frozen=True)
class LabelSpec:
    """One label of a labelled document: which field it fills, with which normaliser."""

    label: str
    key: str
    kind: str = "field"
    field: str | None = None
    normaliser: str | None = None
    tags: tuple[str, ...] = ()
    doc_types: tuple[str, ...] = ()

    def applies_to(self, doc_type: str) -> bool:
        """Labels without `doc_types` are read everywhere; card or article labels (`A:`) only there."""
        return not self.doc_types or doc_type in self.doc_types


class LabelVocabulary(Mapping[str, LabelSpec]):
    """Folded label -> its spec, with `match` for the label as written. Read-only after it is built."""

    def __init__(self, specs: Mapping[str, LabelSpec], rules: Mapping[str, Any]) -> None:
        self._specs = dict(specs)
        self._rules = dict(rules)
        self._function_words = frozenset(rules["function_words"])
        self._min_stem = int(rules["min_stem_length"])
        self._signs: dict[str, str] = dict(rules.get("signs", {}))
        self._synonyms: dict[str, str] = {}  # empty while the synonyms' own stems are taken
        self._synonyms = {
            self._stems(word)[0]: self._stems(same)[0] for word, same in rules.get("synonyms", {}).items()
        }
        self._optional_heads = frozenset(self._stems(" ".join(rules.get("optional_heads", ()))))
        self._min_shared = int(rules["min_shared_words"])
        self._max_unshared = int(rules["max_unshared_words"])
        self._max_missing = int(rules["max_missing_words"])
        # answers a field takes (`Sì`, `No`, `Concluso`, `Progetto`): a label printed with its
        # value on its line (`Stato di avanzamento Progetto`) is no label
        self._answers = frozenset(stem for words in rules.get("value_words", ()) for stem in self._stems(words))
        self._max_words = int(rules["max_label_words"])
        self._min_reordered = int(rules["min_reordered_words"])
        self._min_prefix = int(rules["min_shared_prefix"])
        self._by_words: dict[tuple[str, ...], list[LabelSpec]] = {}
        self._by_word_set: dict[frozenset[str], list[LabelSpec]] = {}
        self._by_headless: dict[tuple[str, ...], list[LabelSpec]] = {}
        self._known: list[tuple[tuple[str, ...], LabelSpec]] = []
        for spec in self._specs.values():
            core, aside = self.words(spec.label)
            for key in {core + aside, core}:
                if key:
                    self._by_words.setdefault(key, []).append(spec)
                    self._by_word_set.setdefault(frozenset(key), []).append(spec)
            self._known.append((core + aside, spec))
            if core and core[0] in self._optional_heads and len(core) > self._min_shared:
                self._by_headless.setdefault(core[1:], []).append(spec)  # `Avvio del processo`
        self._vocabulary_words = frozenset(word for words, _spec in self._known for word in words)
        self._matched: dict[str, LabelSpec | None] = {}
        marks = rules.get("form_marks", {})
        self._outline = re.compile(marks.get("outline_number", r"(?!)"))
        self._required = re.compile(marks.get("required_mark", r"(?!)"))

    def __getitem__(self, key: str) -> LabelSpec:
        return self._specs[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)

    def updated(self, specs: Mapping[str, LabelSpec]) -> LabelVocabulary:
        """Another vocabulary with the same matching rules (for trying a changed label table)."""
        return LabelVocabulary(specs, self._rules)

    def words(self, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Stems of a label's content words, in order, outside and inside parentheses."""
        folded = fold(text)
        aside = " ".join(_ASIDE.findall(folded))
        return self._stems(_ASIDE.sub(" ", folded)), self._stems(aside)

    def _stems(self, text: str) -> tuple[str, ...]:
        stems = (
            word[:-1] if len(word) >= self._min_stem and word[-1] in _VOWELS else word
            for word in _WORD.findall(text)
            if word not in self._function_words
        )
        return tuple(self._synonyms.get(stem, stem) for stem in stems)

    def match(self, text: str) -> LabelSpec | None:
        """The vocabulary's label that `text` writes, or None when it is not a label."""
        key = fold(text)
        if key in self._specs:
            return self._specs[key]
        if text not in self._matched:  # keyed by the text as written: its capitals count
            if len(self._matched) > MATCH_CACHE:
                self._matched.clear()
            self._matched[text] = self._match_words(text, key) or self._match_unmarked(text)
        return self._matched[text]

    def unmarked(self, text: str) -> tuple[int, int]:
        """Where the label proper stands in a form's line: after its outline number (`1.2 `,
        `b) `), before its required-field mark (` *`)."""
        number = self._outline.match(text)
        start = number.end() if number else 0
        mark = self._required.search(text, start)
        return start, mark.start() if mark else len(text)

    def matches_as_written(self, text: str) -> bool:
        """The text is a label with its marks, if any, as part of it (`N. partecipanti`)."""
        return self._as_written(text) is not None

    def _as_written(self, text: str) -> LabelSpec | None:
        key = fold(text)
        return self._specs.get(key) or self._match_words(text, key)

    def _match_unmarked(self, text: str) -> LabelSpec | None:
        start, end = self.unmarked(text)
        if (start, end) == (0, len(text)) or start >= end:
            return None
        return self._as_written(text[start:end])

    def as_listed(self, text: str) -> bool:
        """The text is a listed label up to case, spacing, function words and inflection (the first
        two steps): the observatory's template writes its labels so; reworded ones come from
        other pages that borrowed them."""
        if fold(text) in self._specs:
            return True
        core, aside = self.words(text)
        return bool(core) and ((core + aside) in self._by_words or core in self._by_words)

    def _may_be_label(self, text: str, folded: str) -> bool:
        """Typography and syntax of a label: it opens with a capital, holds no sentence
        punctuation or digit, and does not end on a word that needs another (`del`)."""
        first = next((char for char in text if char.isalnum()), "")
        if not first.isupper() or _SENTENCE_PUNCT.search(folded) or any(char.isdigit() for char in folded):
            return False
        words = _WORD.findall(folded)
        return bool(words) and words[-1] not in self._function_words

    def _match_words(self, text: str, folded: str) -> LabelSpec | None:
        for sign, word in self._signs.items():  # `% di cofinanziamento`, `N. partecipanti`
            if text.casefold().startswith(sign):
                text = word.capitalize() + text[len(sign) :]
                folded = fold(text)
        if not self._may_be_label(text, folded):
            return None
        core, aside = self.words(text)
        if not self._min_shared <= len(core) <= self._max_words or len(set(core)) < len(core):
            return None  # one word or a sentence; or a word twice, as two labels run together
        # the aside names the label only when it closes a short text, as a label's gloss does
        names_by_aside = text.rstrip().rstrip(":").endswith(")") and len(core) <= MAX_GLOSSED_WORDS
        candidates = (
            self._by_words.get(core + aside, []),
            self._by_word_set.get(frozenset(core + aside), []),  # `Soggetto proponente (tipologia)`
            self._by_words.get(core, []),
            self._by_words.get(aside, []) if names_by_aside else [],  # `Decisione condivisa (codecisione)`
            self._by_headless.get(core[1:] if core[0] in self._optional_heads else core, []),
        )
        for specs in candidates:
            if found := _agreed(specs):
                return found
        for words in (core + aside, core):
            if found := self._widened(words):
                return found
        if found := self._reordered(core):
            return found
        return self._shortened(core) if text.rstrip().endswith(":") else None

    def _reordered(self, words: tuple[str, ...]) -> LabelSpec | None:
        """The shortest known labels holding all of `words`, not in their order, with at most
        `max_missing_words` more, when they agree on their field."""
        if len(words) < self._min_reordered:
            return None

        def within(word: str, known: tuple[str, ...]) -> bool:
            return any(
                word == other or (min(len(word), len(other)) >= self._min_prefix and word.startswith(other))
                for other in known
            )

        holding = [
            (len(known), spec)
            for known, spec in self._known
            if len(words) <= len(known) <= len(words) + self._max_missing
            and not _is_subsequence(words, known)
            and all(within(word, known) for word in words)
        ]
        return _fewest_agreed(holding)

    def _widened(self, words: tuple[str, ...]) -> LabelSpec | None:
        """The longest known labels whose words `words` holds in order, with at most
        `max_unshared` more words from the label vocabulary, when they agree on their field."""
        extra_allowed = self._max_unshared
        wider = [
            (len(known), spec)
            for known, spec in self._known
            if len(known) >= self._min_shared
            and len(known) < len(words) <= len(known) + extra_allowed
            and known[0] == words[0]
            and _is_subsequence(known, words)
            and set(words) - set(known) <= self._vocabulary_words
            and not set(words) - set(known) & self._answers
        ]
        if not wider:
            return None
        most = max(size for size, _spec in wider)
        return _agreed([spec for size, spec in wider if size == most])

    def _shortened(self, words: tuple[str, ...]) -> LabelSpec | None:
        """The shortest known labels that hold all of `words` in order, with at most
        `max_missing_words` more (`Presenza femminile` of `Presenza femminile rilevata`), when
        they agree on their field."""
        shorter = [
            (len(known), spec)
            for known, spec in self._known
            if len(words) < len(known) <= len(words) + self._max_missing and _is_subsequence(words, known)
        ]
        return _fewest_agreed(shorter)


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    remaining = iter(long)
    return all(word in remaining for word in short)


def _fewest_agreed(sized: list[tuple[int, LabelSpec]]) -> LabelSpec | None:
    """Of (words, spec) candidates, the agreed spec among those with the fewest words."""
    if not sized:
        return None
    fewest = min(size for size, _spec in sized)
    return _agreed([spec for size, spec in sized if size == fewest])


def _agreed(specs: list[LabelSpec]) -> LabelSpec | None:
    """The first spec when every one means the same field, else None (an ambiguous wording)."""
    if not specs:
        return None
    meanings = {(spec.kind, spec.field, spec.normaliser, spec.tags, spec.doc_types) for spec in specs}
    return specs[0] if len(meanings) == 1 else None
