"""Dates as Italian documents write them, with their precision (day, month, year).

`17/12/2014`, `10.09.2017`, `18 dicembre 2015` -> day; `Giugno 2013`, `fine dicembre 2013`
-> month (first of the month); a year alone -> year (1 January).
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from extract.normalise.numbers import YearParser
from extract.text import fold


class DateValue(NamedTuple):
    value: date
    precision: str


_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


class DateParser:
    """Parses the first date in a value; month names come from `schemas/values.json`."""

    def __init__(self, months: dict[str, list[str]], years: YearParser) -> None:
        self._months = {fold(name): int(number) for number, names in months.items() for name in names}
        names = "|".join(sorted((re.escape(name) for name in self._months), key=len, reverse=True))
        self._day_month_year = re.compile(rf"(?<!\d)(\d{{1,2}})(?:°|º)?\s+({names})\.?\s+(\d{{4}})(?!\d)")
        self._month_year = re.compile(rf"\b({names})\.?\s+(?:del\s+|de[l']\s*)?(\d{{4}})(?!\d)")
        self._years = years

    @staticmethod
    def _make(year: int, month: int, day: int, precision: str) -> DateValue | None:
        try:
            return DateValue(date(year, month, day), precision)
        except ValueError:
            return None

    def parse(self, raw: str) -> DateValue | None:
        folded = fold(raw)
        if match := _ISO.search(folded):
            return self._make(int(match[1]), int(match[2]), int(match[3]), "day")
        if match := _NUMERIC.search(folded):
            year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
            return self._make(year, int(match[2]), int(match[1]), "day")
        if match := self._day_month_year.search(folded):
            return self._make(int(match[3]), self._months[match[2]], int(match[1]), "day")
        if match := self._month_year.search(folded):
            return self._make(int(match[2]), self._months[match[1]], 1, "month")
        year = self._years.parse(folded)
        return self._make(year, 1, 1, "year") if year is not None else None
