"""Normalisers: pure functions from the raw text of a value to a typed value, or None.

Each is built once per run from the vocabularies in `schemas/` (`build_normalisers`) and
looked up by name from the label table, like Scrapy's per-field input processors.
`None` means "no value here" (a null phrase, or text that is not of the type); falsy
values such as `False` and `0` are real values and are kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from extract.config import Config
from extract.normalise.dates import DateParser, RangeParser
from extract.normalise.numbers import YearParser, parse_count, parse_eur, parse_int, parse_percent
from extract.normalise.values import ValueVocabulary

Normaliser = Callable[[str], Any]
# The names the label table may use (`build_normalisers` builds exactly these; a test holds it).
NORMALISER_NAMES = (
    "text",
    "entity",
    "bool",
    "status",
    "gender",
    "participation_level",
    "year",
    "int",
    "count",
    "eur",
    "percent",
    "date",
    "period",
    "region",
)
# Normalisers whose value is a date or a period: a label read with them also fills `<field>_precision`.
DATE_NORMALISERS = ("date", "period")


def build_normalisers(config: Config) -> dict[str, Normaliser]:
    """Every normaliser by the name the label table uses, each refusing null phrases first."""
    vocabulary = ValueVocabulary(config.values, config.places["regions"])
    years = YearParser(config.values["year_context_words"]["words"])
    dates = DateParser(config.values["months"], years)
    typed: dict[str, Normaliser] = {
        "text": vocabulary.text,
        "entity": vocabulary.entity,
        "bool": vocabulary.boolean,
        "status": vocabulary.status,
        "gender": vocabulary.gender,
        "participation_level": vocabulary.participation_level,
        "year": years.parse,
        "int": parse_int,
        "count": parse_count,
        "eur": parse_eur,
        "percent": parse_percent,
        "date": dates.parse,
        "period": RangeParser(dates, config.values["months"]).parse,
        "region": vocabulary.region,
    }
    return {name: vocabulary.unless_null(function) for name, function in typed.items()}
