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


class DateRange(NamedTuple):
    """A period (`2015-2018`, `dal Novembre 2014 al Febbraio 2015`); `end` may equal `start` (`2019`)."""

    start: DateValue
    end: DateValue


_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


class DateParser:
    """Parses the first date in a value; month names come from `schemas/values.json`."""

    def __init__(self, months: dict[str, list[str]], years: YearParser) -> None:
        self._months = {fold(name): int(number) for number, names in months.items() for name in names}
        names = "|".join(sorted((re.escape(name) for name in self._months), key=len, reverse=True))
        self._day_month_year = re.compile(rf"(?<!\d)(\d{{1,2}})(?:°|º)?\s+({names})\.?\s+(\d{{4}})(?!\d)")
        self._month_year = re.compile(rf"\b({names})\.?\s+(?:del\s+|de[l']\s*)?(\d{{4}})(?!\d)")
        self._month_day_year = re.compile(rf"\b({names})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)")
        self._years = years
        # Dates as they stand in running text (a bare year is not one: too many numbers look like it).
        self.in_text = re.compile(
            rf"(?<![\w/.-])(?:\d{{4}}-\d{{2}}-\d{{2}}(?:T[\d:.+-]+)?"
            rf"|\d{{1,2}}\s?[/.-]\s?\d{{1,2}}\s?[/.-]\s?\d{{4}}"
            rf"|\d{{1,2}}(?:°|º)?\s+(?:{names})\.?\s+\d{{4}}"
            rf"|(?:{names})\.?\s+\d{{1,2}},?\s+\d{{4}}"
            rf"|(?:{names})\.?\s+(?:del\s+)?\d{{4}})(?![\w/])",
            re.IGNORECASE,
        )

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
        if match := self._month_day_year.search(folded):
            return self._make(int(match[3]), self._months[match[1]], int(match[2]), "day")
        if match := self._month_year.search(folded):
            return self._make(int(match[2]), self._months[match[1]], 1, "month")
        year = self._years.parse(folded)
        return self._make(year, 1, 1, "year") if year is not None else None


# Where a period splits, most specific first: a spaced dash, slash or `al` (`01/03/2021 – 15/10/2021`,
# `Marzo 2016 - Giugno 2017`, `dal 2015 al 2018`); a bare dash or slash between two years
# (`2015-2018`, `2015/2016`); a dash between two month names (`Dicembre-Aprile 2015`).
_RANGE_SEPARATORS = (
    re.compile(r"\s+(?:[-–—/]|al(?:l')?|a|fino a(?:l(?:l')?)?)\s+"),
    re.compile(r"(?<=\d{4})\s*[-–—/]\s*(?=\d{4})"),
    re.compile(r"(?<=[a-z])\s*[-–—]\s*(?=[a-z])"),
)
_RANGE_OPENER = re.compile(r"^\s*(?:dal(?:l'|lo)?|da)\s+")


def find_dates(text: str, parser: DateParser) -> list[tuple[int, int, DateValue]]:
    """Every date written in `text`, with its span: `17/12/2014`, `18 dicembre 2015`, `Ott 21 2021`, `Giugno 2013`."""
    found = []
    for match in parser.in_text.finditer(text):
        value = parser.parse(match.group(0))
        if value is not None:
            found.append((match.start(), match.end(), value))
    return found


class RangeParser:
    """Periods: two dates joined by a dash, a slash or `dal … al …`; a lone date is a one-point period.

    A left side with a month but no year takes the right side's year, or the year before
    when its month comes later (`Dicembre-Aprile 2015` starts in December 2014).
    """

    def __init__(self, dates: DateParser, months: dict[str, list[str]]) -> None:
        self._dates = dates
        self._months = {fold(name): int(number) for number, names in months.items() for name in names}

    def parse(self, raw: str) -> DateRange | None:
        folded = _RANGE_OPENER.sub("", fold(raw))
        for separator in _RANGE_SEPARATORS:
            parts = separator.split(folded, maxsplit=1)
            if len(parts) != 2:
                continue
            end = self._dates.parse(parts[1])
            start = self._dates.parse(parts[0]) or self._month_only(parts[0], end)
            if start is not None and end is not None and start.value <= end.value:
                return DateRange(start, end)
        if _NUMERIC.search(folded) or _ISO.search(folded):
            return None  # a single full date is a date, not a period
        single = self._dates.parse(folded)
        return DateRange(single, single) if single is not None else None

    def _month_only(self, text: str, end: DateValue | None) -> DateValue | None:
        month = self._months.get(text.strip(" ."))
        if month is None or end is None or end.precision == "year":
            return None
        year = end.value.year - (1 if month > end.value.month else 0)
        return DateValue(date(year, month, 1), "month")
