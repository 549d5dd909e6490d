"""Given names and surnames: which words are given names, and which word of `Poggiali Daniela`
is the given name.

The first-name gazetteer is the one shipped in the `gender-guesser` package (names with
their frequency by country), read for Italy; nothing is downloaded. A name the package lists
with a frequency in Italy is an Italian given name; a name it lists only for other countries
(`Kim`, `Fatima`, but also `Zoli`, `Val`, `De`) is a foreign given name, weaker evidence.
"""

from __future__ import annotations

from collections.abc import Callable

import gender_guesser.detector as gender_detector
from spacy.lang.it.stop_words import STOP_WORDS

from extract.text import fold

COUNTRY = "italy"
CLEARLY_COMMONER = 3  # frequency classes between a given name and a surname that is also one
# Function words the gazetteer also lists as Italian names that stay names (`Sara`, `Nello`).
NAME_STOP_WORDS = frozenset({"sara", "saro", "nello", "primo", "salvo"})


class FirstNames:
    """`is_first_name('Daniela')` -> True; built once per process (about 0.3 s)."""

    def __init__(self) -> None:
        detector = gender_detector.Detector(case_sensitive=False)
        column = detector.COUNTRIES.index(COUNTRY)
        function_words = STOP_WORDS - NAME_STOP_WORDS
        self._frequency = {  # the gazetteer's frequency class in Italy, 1 (rare) to 13 (most common)
            name: max(int(frequencies[column], 16) for frequencies in by_gender.values() if frequencies[column] != " ")
            for name, by_gender in detector.names.items()
            if name not in function_words and any(frequencies[column] != " " for frequencies in by_gender.values())
        }
        self._foreign = frozenset(set(detector.names) - set(self._frequency) - function_words)

    def is_first_name(self, word: str) -> bool:
        """A given name used in Italy, but not a function word it lists as one (`Il`, `Nella`,
        `Consiglio`); a function word that is a plain name (`Sara`) stays one."""
        return word.lower() in self._frequency

    def frequency(self, word: str) -> int:
        """How common a given name is in Italy (0 when it is none)."""
        return self._frequency.get(word.lower(), 0)

    def is_foreign_name(self, word: str) -> bool:
        """A given name the gazetteer knows only outside Italy (`Kim`, `Fatima`)."""
        return word.lower() in self._foreign


def _letters(value: str) -> str:
    return "".join(ch for ch in fold(value) if ch.isalpha())


def surname_by_email(words: list[str], email: str | None) -> int | None:
    """Index of the surname among two name words, read from the e-mail's local part.

    The word written in full in the local part while the other appears only as an initial
    (or not at all) is the surname: `poggialid@` -> Poggiali, `ascelsa@` -> Scelsa. When both
    are written (`germana.corradini@`) the one written second is the surname.
    """
    if email is None or len(words) != 2:
        return None
    local = fold(email.split("@", 1)[0])
    letters = _letters(local)
    first, second = (_letters(word) for word in words)
    if not first or not second:
        return None
    has_first, has_second = first in letters, second in letters
    if has_first and has_second:
        return 0 if letters.index(first) > letters.index(second) else 1
    if has_second:
        return 1
    if has_first:
        return 0
    return None


def _given_flags(words: list[str], known: Callable[[str], bool], particles: frozenset[str]) -> list[bool]:
    """Which words are given names: a particle and the word after it (`De Luca`) are a surname."""
    flags = []
    after_particle = False
    for word in words:
        is_particle = fold(word) in particles
        flags.append(not is_particle and not after_particle and known(word))
        after_particle = is_particle
    return flags


def _commoner(words: list[str], names: FirstNames) -> tuple[int, int]:
    """Of two words that are both given names (`Neri Marco`), the much commoner one is the
    given name; otherwise the order is unknown and stays as written (`Andrea Bruno`)."""
    if len(words) == 2:
        first, second = (names.frequency(word) for word in words)
        if second - first >= CLEARLY_COMMONER:
            return 1, 2
        if first - second >= CLEARLY_COMMONER:
            return 0, 1
    return 0, len(words)


def given_block(words: list[str], names: FirstNames, particles: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """(start, end) of the given names among `words`: a run at the start (`Anna Maria De Luca`)
    or at the end (`De Luca Anna Maria`), Italian names first, foreign ones when no word is
    Italian; every word when all are given names (`Andrea Bruno`, order unknown). None when
    no word is a given name or the given names are not one run at either end."""
    for known in (names.is_first_name, names.is_foreign_name):
        flags = _given_flags(words, known, particles)
        if not any(flags):
            continue
        if all(flags):
            return _commoner(words, names) if known == names.is_first_name else (0, len(words))
        leading = flags.index(False)
        trailing = len(flags) - flags[::-1].index(False)
        if not any(flags[leading:]):
            return 0, leading
        if not any(flags[:trailing]):
            return trailing, len(words)
        return None
    return None


def given_name_first(
    words: list[str], email: str | None, names: FirstNames, particles: frozenset[str] = frozenset()
) -> str:
    """The name as SPEC writes it: given name(s) first, then the surname (`De Luca Anna` ->
    `Anna De Luca`). The e-mail decides between two words, then the gazetteer."""
    surname = surname_by_email(words, email)
    if surname is not None:
        return " ".join([*words[:surname], *words[surname + 1 :], words[surname]])
    block = given_block(words, names, particles)
    if block is not None and block[0] > 0:
        words = [*words[block[0] :], *words[: block[0]]]
    return " ".join(words)
