"""Person names in running text, found from typography and the first-name gazetteer.

A name is a run of two to four capitalised words on one line (`Anna Neri`, `De Luca Anna`,
`Monica Dall'Asta`, `Maria Grazia Bianchi`, `Mario ROSSI`) whose given names sit together at
its start or its end, at least one of them in the gazetteer (`extract.lexicon.names`). A run that holds a word
which is never part of a person's name (`Piazza Felice Orsini`, `Comune`, `San`) stops there;
words that only lead into a name (`Referente Chiara Benazzi`, `Spiega Maria Rossi`) are
dropped; an honorific before the name (`dott.ssa`, `L'ingegnere`) is noted and left out. A
run that is a comune or a region (`Reggio Emilia`) is not a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from extract.lexicon.gazetteer import Gazetteer
from extract.lexicon.names import FirstNames, given_block, given_name_first
from extract.text import fold

MIN_WORDS = 2
_TITLE_CASE = r"(?:[A-ZÀ-Ý][a-zà-ÿ]{0,3}['’])?[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?"
_CAPITALS = r"[A-ZÀ-Ý]{2,}(?:['’][A-ZÀ-Ý]+)?"  # a surname in capitals (`Mario ROSSI`)
_WORD = rf"(?:{_TITLE_CASE}|{_CAPITALS})"
_RUN = re.compile(rf"(?<![\w@.-]){_WORD}(?:[ \t]+{_WORD})+(?![\w@'’-])")  # two words at least
_TOKEN = re.compile(_WORD)
_TITLE_LOOKBACK = 24
MAX_ADJECTIVES = 2
_CLAUSE_END = re.compile(r"[^\w\s'’]")
_WORDS_BEFORE = re.compile(r"[^\W\d_]+(?=[ \t]+)")  # words directly before a name, on its line


@dataclass(frozen=True)
class PersonName:
    """A name as written (`words` in their order on the page), its span, and where the
    honorific before it starts (`lead_start == start` without one)."""

    words: tuple[str, ...]
    start: int
    end: int
    lead_start: int
    foreign: bool = False  # only foreign given names (`Kim`): weaker evidence


class PersonNames:
    """Finds person names; built once per run from `schemas/contacts.json`."""

    def __init__(self, rules: dict[str, Any], first_names: FirstNames, gazetteer: Gazetteer) -> None:
        self.first_names = first_names
        self._gazetteer = gazetteer
        self._particles = frozenset(fold(word) for word in rules["name_particles"])
        self._not_names = frozenset(fold(word) for word in rules["not_name_words"])
        self._places = frozenset(fold(word) for word in rules["named_after_words"])
        titles = [fold(title) for title in rules["titles"]]
        self._skipped = frozenset(fold(word) for word in rules["skip_words"]) | {t.rstrip(".") for t in titles}
        self._max_words = int(rules.get("max_name_tokens", 4))
        bare = {title.lower().rstrip(".") for title in rules["titles"]}
        alternatives = "|".join(re.escape(title) + r"\.?" for title in sorted(bare, key=len, reverse=True))
        self._title_before = re.compile(rf"(?<![\w.])(?:{alternatives})\s*$", re.IGNORECASE)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[PersonName]:
        """Names in `text[start:end]`, in order."""
        found = []
        for run in _RUN.finditer(text, start, len(text) if end is None else end):
            name = self._name_in_run(text, run)
            if name is not None:
                found.append(name)
        return found

    def _word_key(self, word: str) -> tuple[str, str]:
        """The folded word, and the word after an elided article or preposition (`L'Asta` -> `asta`)."""
        key = fold(word)
        return key, key.split("'", 1)[-1]

    def _is_not_name(self, word: str) -> bool:
        key, tail = self._word_key(word)
        return key in self._not_names or tail in self._not_names or key.split("'", 1)[0] in self._not_names

    def _is_skipped(self, word: str) -> bool:
        key, tail = self._word_key(word)
        return key in self._skipped or tail in self._skipped

    def _name_in_run(self, text: str, run: re.Match[str]) -> PersonName | None:
        """The name in a run of capitalised words: up to a word that is no name, without the
        words that lead into it, dropping words from the left until at most four are shaped like one."""
        tokens = [(token.group(), run.start() + token.start()) for token in _TOKEN.finditer(run.group())]
        for index, (word, _offset) in enumerate(tokens):
            if self._is_not_name(word):
                tokens = tokens[:index]
                break
        while tokens and self._is_skipped(tokens[0][0]):
            tokens = tokens[1:]
        while tokens and (self._is_skipped(tokens[-1][0]) or fold(tokens[-1][0]) in self._particles):
            tokens = tokens[:-1]
        while len(tokens) >= MIN_WORDS:
            words = [word for word, _offset in tokens]
            if len(words) <= self._max_words:
                foreign = self._structure(words)
                if foreign is not None:
                    return self._checked(text, tokens, foreign)
            tokens = tokens[1:]
        return None

    def _structure(self, words: list[str]) -> bool | None:
        """None when `words` are not a name; else whether only foreign given names make it one."""
        if sum(fold(word) not in self._particles for word in words) < MIN_WORDS or all(map(str.isupper, words)):
            return None  # a heading in capitals (`MARIO ROSSI`, `RELAZIONE FINALE`) is no name
        if given_block(words, self.first_names, self._particles) is None:
            return None
        return not any(self.first_names.is_first_name(word) for word in words)

    def _named_after(self, before: str) -> bool:
        """A place or body named after a person: `scuola primaria Giovanni Pascoli`, `centro
        sociale Giorgio Amendola` (the word for the place, then at most two adjectives)."""
        words = _WORDS_BEFORE.findall(_CLAUSE_END.split(before)[-1])
        for count, word in enumerate(reversed(words)):
            if fold(word) in self._places:
                return True
            if count == MAX_ADJECTIVES or not word.islower() or self._is_skipped(word):
                return False
        return False

    def given_first(self, words: tuple[str, ...] | list[str], email: str | None) -> str:
        """The name with its given names first (see `extract.names.given_name_first`)."""
        return given_name_first(list(words), email, self.first_names, self._particles)

    def _checked(self, text: str, tokens: list[tuple[str, int]], foreign: bool) -> PersonName | None:
        """The name, unless it is a place (`Reggio Emilia`) or part of a place's name."""
        start = tokens[0][1]
        end = tokens[-1][1] + len(tokens[-1][0])
        phrase = text[start:end]
        gazetteer = self._gazetteer
        if gazetteer.comune(phrase) or gazetteer.region(phrase) or gazetteer.short_name_provinces(phrase):
            return None
        if self._named_after(text[max(0, start - _TITLE_LOOKBACK * 2) : start]):
            return None
        title = self._title_before.search(text, max(0, start - _TITLE_LOOKBACK), start)
        lead_start = title.start() if title else start
        return PersonName(tuple(word for word, _offset in tokens), start, end, lead_start, foreign)
