"""Issue 6: property-based tests (hypothesis). Whatever bytes arrive, loading and extraction give a
document or an errors row and never let an exception escape; Italian amounts and dates rendered
by Babel read back to the same values."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.config import load_config
from extract.loaders import LoadError, load_file
from extract.normalise import build_normalisers
from extract.normalise.dates import DateValue
from extract.pipeline import Pipeline
from tests.conftest import CORPUS, SAMPLES

CONFIG = load_config()
NORMALISERS = build_normalisers(CONFIG)
PIPELINE = Pipeline(CONFIG)
REAL = sorted(
    path
    for path in [*SAMPLES.rglob("*"), *(CORPUS / "dev").rglob("*"), *(CORPUS / "seeds").rglob("*")]
    if path.is_file() and not path.name.endswith((".gold.json", ".md"))
)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
ITALIAN = st.text(
    alphabet=st.sampled_from(list("abcdefghilmnopqrstuvzàèéìòù ABCDEFGILMNOPRSTUVZ0123456789.,:;/-()%€\n\t«»“”'")),
    max_size=400,
)
WORDS = st.lists(
    st.sampled_from(
        [
            "Nato nel:",
            "Cabina di regia ristretta:",
            "Contatti:",
            "Periodo:",
            "Autore:",
            "Regione:",
            "A:",
            "Comune di",
            "Unione",
            "incontri",
            "volontari",
            "circa",
            "oltre",
            "una trentina di",
            "17/12/2014",
            "Giugno 2013",
            "20.000,00 €",
            "@",
            "Tel:",
            "0544 979368",
            "//",
            "- Ausl:",
            "Dirigenti",
            "focus group",
            "OST",
            "Sì",
            "No",
            "Non indicato",
            "\n",
            "\n\n",
        ]
    ),
    max_size=60,
).map(" ".join)


def _process(tmp_path: Path, name: str, data: bytes) -> dict:
    path = tmp_path / name
    path.write_bytes(data)
    return PIPELINE.process_document(path, tmp_path, seconds=30)


def _one_document_or_error(rows: dict) -> None:
    assert len(rows["documents"]) == 1
    if rows["documents"][0]["status"] == "failed":
        assert rows["errors"], "a failed document has its reason"


@FUZZ
@given(data=st.binary(max_size=2048))
def test_random_bytes_load_or_fail_cleanly(data: bytes, tmp_path_factory) -> None:
    path = tmp_path_factory.mktemp("bytes") / "input"
    path.write_bytes(data)
    document, doc_id, fmt, error = load_file(path, "input", CONFIG)
    assert (document is None) != (error is None)
    assert isinstance(error, LoadError) or document is not None
    assert fmt in {"text", "html", "pdf"} and len(doc_id) == 64


@FUZZ
@given(seed=st.integers(0, 2**32 - 1), flips=st.integers(1, 40), cut=st.floats(0.05, 1.0))
def test_mutated_real_documents_give_a_document_or_an_error(
    seed: int, flips: int, cut: float, tmp_path_factory
) -> None:
    rng = random.Random(seed)
    source = rng.choice(REAL)
    data = bytearray(source.read_bytes())
    data = data[: max(1, int(len(data) * cut))]
    for _ in range(flips):
        data[rng.randrange(len(data))] = rng.randrange(256)
    _one_document_or_error(_process(tmp_path_factory.mktemp("mutated"), source.name, bytes(data)))


@FUZZ
@given(text=st.one_of(ITALIAN, WORDS))
def test_italian_like_text_never_breaks_the_extractors(text: str, tmp_path_factory) -> None:
    rows = _process(tmp_path_factory.mktemp("text"), "input.txt", text.encode("utf-8"))
    _one_document_or_error(rows)
    assert not [row for row in rows["errors"] if row["stage"].startswith(("extract:", "pipeline"))]


@FUZZ
@given(cents=st.integers(0, 10**11))
def test_amounts_written_in_italian_read_back(cents: int) -> None:
    value = Decimal(cents) / 100
    for written in (
        format_currency(value, "EUR", locale="it_IT"),
        format_decimal(value, format="#,##0.00", locale="it_IT") + " €",
        "€ " + format_decimal(value, format="#,##0.00", locale="it_IT"),
    ):
        assert NORMALISERS["eur"](written) == value, written


@FUZZ
@given(day=st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)))
def test_dates_written_in_italian_read_back(day: date) -> None:
    for written in (
        format_date(day, "d MMMM y", locale="it"),
        format_date(day, "dd/MM/y", locale="it"),
        format_date(day, "d.M.y", locale="it"),
        format_date(day, "EEEE d MMMM y", locale="it"),
    ):
        assert NORMALISERS["date"](written) == DateValue(day, "day"), written
    month = format_date(day, "MMMM y", locale="it")
    assert NORMALISERS["date"](month) == DateValue(day.replace(day=1), "month"), month


@FUZZ
@given(count=st.integers(2, 5000), group=st.sampled_from(["volontari", "cittadini", "incontri", "studenti"]))
def test_counts_written_as_digits_read_back(count: int, group: str, tmp_path_factory) -> None:
    written = format_decimal(count, locale="it_IT")
    text = f"Un percorso di quartiere\n\nNel percorso sono stati coinvolti {written} {group} del territorio.\n"
    rows = _process(tmp_path_factory.mktemp("counts"), "card.txt", text.encode())
    assert [(row["group"], row["count"]) for row in rows["counts"]] == [(group, count)]
