"""Numbers as Italian documents write them: `20.000,00 €`, `37,5%`, `circa 400`, `duecento`.

Grouping and decimal separators are parsed by Babel's Italian locale; number words by
text2num. A value that is not clearly a number of the asked kind gives None.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal
from text_to_num import alpha2digit

from extract.text import fold

LOCALE = "it_IT"
CENTS = Decimal("0.01")
MIN_YEAR, MAX_YEAR = 1900, 2099
# 1.234.567,89 | 1234,5 | 1234 | 20000.00 (a dot before exactly two final digits is decimal)
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d{1,2}(?![\d.])|\d+)(?![\d])")
_YEAR = re.compile(r"(?<![\d/.,])(\d{4})(?!\d|[/.,]\d)")
_PERCENT_MAX = Decimal(100)


def _decimal(token: str) -> Decimal | None:
    if re.fullmatch(r"\d+\.\d{1,2}", token):
        return Decimal(token)
    try:
        return parse_decimal(token, locale=LOCALE, strict=True)
    except (NumberFormatError, InvalidOperation):
        return None


def _first_number(raw: str) -> Decimal | None:
    match = _NUMBER.search(raw)
    return _decimal(match.group(1)) if match else None


def parse_eur(raw: str) -> Decimal | None:
    """`20.000,00 €`, `€ 15.000`, `15000 euro` -> Decimal with two decimals."""
    value = _first_number(raw)
    return value.quantize(CENTS, rounding=ROUND_HALF_UP) if value is not None else None


def parse_percent(raw: str) -> float | None:
    """`63%`, `37,5 %`, `28,57` -> float in [0, 100]."""
    value = _first_number(raw)
    if value is None or value > _PERCENT_MAX:
        return None
    return float(value)


def parse_int(raw: str) -> int | None:
    """The first whole number in the value (`6`, `6 mesi`)."""
    value = _first_number(alpha2digit(raw, "it"))
    if value is None or value != value.to_integral_value():
        return None
    return int(value)


def parse_count(raw: str) -> int | None:
    """A count of people: digits with Italian grouping (`1.200`) or number words (`duecento`)."""
    return parse_int(raw)


class YearParser:
    """A four-digit year in 1900-2099 that is the whole value, but for words such as `nel` or `anno`.

    Not part of a date (`17/12/2014`), a phone number (`0544`), a law number (`3/2010`) or a
    name (`Bassa Romagna 2020`).
    """

    def __init__(self, context_words: list[str]) -> None:
        self._context = {fold(word) for word in context_words}

    def parse(self, raw: str) -> int | None:
        folded = fold(raw)
        matches = [match for match in _YEAR.finditer(folded) if MIN_YEAR <= int(match.group(1)) <= MAX_YEAR]
        if len(matches) != 1:
            return None
        rest = (folded[: matches[0].start()] + " " + folded[matches[0].end() :]).replace("'", " ")
        words = [word.strip(".,;:()-") for word in rest.split()]
        if any(word and word not in self._context for word in words):
            return None
        return int(matches[0].group(1))
