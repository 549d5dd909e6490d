"""Given names and surnames: which word of `Poggiali Daniela` is the given name.

The first-name gazetteer is the one shipped in the `gender-guesser` package (names with
their frequency by country), read for Italy; nothing is downloaded.
"""

from __future__ import annotations

import gender_guesser.detector as gender_detector
from spacy.lang.it.stop_words import STOP_WORDS

from extract.text import fold

COUNTRY = "italy"


class FirstNames:
    """`is_first_name('Daniela')` -> True; built once per process (about 0.3 s)."""

    def __init__(self) -> None:
        self._detector = gender_detector.Detector(case_sensitive=False)

    def is_first_name(self, word: str) -> bool:
        """A name of the gazetteer, but not a function word it lists as a unisex name (`Il`, `Per`,
        `Con`); a function word that is a plain name (`Sara`) stays one."""
        gender = self._detector.get_gender(word, COUNTRY)
        if gender == "unknown":
            return False
        return not (gender == "andy" and word.lower() in STOP_WORDS)


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


def given_name_first(words: list[str], email: str | None, names: FirstNames) -> str:
    """The name as SPEC writes it: given name(s) first, then the surname."""
    surname = surname_by_email(words, email)
    if surname is None and len(words) == 2:
        first_known, second_known = (names.is_first_name(word) for word in words)
        if second_known and not first_known:
            surname = 0
    if surname == 0:
        words = [*words[1:], words[0]]
    return " ".join(words)
