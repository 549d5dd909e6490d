"""Closed-vocabulary values: null phrases, Sì/No, status, gender prevalence, free text."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from extract.text import collapse_whitespace, fold

_SIGLA_SUFFIX = re.compile(r"\s*\(\s*[A-Z]{2}\s*\)\s*$")


class ValueVocabulary:
    """Lookups over `schemas/values.json`, compared with `text.fold`."""

    def __init__(self, values: dict[str, Any], regions: dict[str, list[str]]) -> None:
        self._null_prefixes = tuple(fold(item) for item in values["null_prefixes"])
        self._null_exact = {fold(item) for item in values["null_exact"]} | {""}
        self._booleans = {fold(form): key == "true" for key, forms in values["boolean"].items() for form in forms}
        self._status = self._reverse(values["status"])
        self._gender = self._reverse(values["gender"])
        self._levels = self._reverse(
            {key: forms for key, forms in values["participation_level"].items() if key != "about"}
        )
        self._regions = self._reverse(regions)

    @staticmethod
    def _reverse(mapping: dict[str, list[str]]) -> dict[str, str]:
        return {fold(form): canonical for canonical, forms in mapping.items() for form in [canonical, *forms]}

    def is_null(self, raw: str) -> bool:
        """'Non indicato…', 'Non prevista…', an empty value or a dash: the document states nothing."""
        key = fold(raw)
        return key in self._null_exact or key.startswith(self._null_prefixes)

    def unless_null(self, function: Callable[[str], Any]) -> Callable[[str], Any]:
        def normalise(raw: str) -> Any:
            return None if self.is_null(raw) else function(raw)

        normalise.__name__ = getattr(function, "__name__", "normalise")
        return normalise

    @staticmethod
    def text(raw: str) -> str | None:
        return collapse_whitespace(raw) or None

    @staticmethod
    def entity(raw: str) -> str | None:
        """A body's name as written, less a trailing province sigla: `COMUNE DI BOBBIO (PC)`."""
        return collapse_whitespace(_SIGLA_SUFFIX.sub("", raw)) or None

    def boolean(self, raw: str) -> bool | None:
        """`Sì`/`Si` -> True, `No` -> False, also when followed by an explanation ('Sì, con …')."""
        key = fold(raw)
        if key in self._booleans:
            return self._booleans[key]
        first = key.replace(",", " ").replace(".", " ").split()
        return self._booleans.get(first[0]) if first else None

    def _lookup(self, table: dict[str, str], raw: str) -> str | None:
        key = fold(raw)
        if key in table:
            return table[key]
        matches = [canonical for form, canonical in table.items() if key.startswith(form + " ")]
        return matches[0] if len(set(matches)) == 1 else None

    def status(self, raw: str) -> str | None:
        return self._lookup(self._status, raw)

    def gender(self, raw: str) -> str | None:
        return self._lookup(self._gender, raw)

    def participation_level(self, raw: str) -> str | None:
        """A level from the observatory's list (`Empowerment` -> `empowerment`), else none."""
        return self._lookup(self._levels, raw)

    def region(self, raw: str) -> str | None:
        """`Emilia Romagna` -> `Emilia-Romagna` (canonical names and spellings in `schemas/places.json`)."""
        return self._regions.get(fold(raw))
