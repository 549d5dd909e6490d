"""The example corpora beside the rules (`schemas/examples/`, in the style of Duckling): for each
normaliser and extractor, inputs that must give a value and look-alikes that must give none. One
generic test runs them all; a new example is a line of data, not a test.

`normalisers.jsonl`: `normaliser`, `raw`, and the `value` it must give (`null`: it must refuse),
with its `type` (`decimal`, `date` with a `precision`, `period` as [start, precision, end,
precision], or the Python type's name).
`<extractor>.jsonl` (`place.v1.jsonl` …): a `text` (read as a text file, typed `doc_type`,
`scheda` by default) and what the extractor must find in it: `includes` (these (field, value)
pairs among its mentions), `exactly` (its mentions, no more), `values_of` (the set of one
field's values), `none_of` (no mention of these fields), `best` (the value the resolver would
take: the most confident mention of the field, then the earliest; `null` for none) or, for an
extractor of rows, `rows` (as many rows as listed, in text order, each holding the keys given).
Dates are written ISO, amounts with two decimals.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from extract.config import DEFAULT_SCHEMAS_DIR, load_config
from extract.loaders.text_loader import load_text
from extract.normalise import build_normalisers
from extract.normalise.dates import DateRange, DateValue
from extract.pipeline import Pipeline
from extract.settings import EXAMPLES_DIR

EXAMPLES = DEFAULT_SCHEMAS_DIR / EXAMPLES_DIR
NORMALISERS = build_normalisers(load_config())
PIPELINE = Pipeline(load_config())
CHECKS = ("includes", "exactly", "values_of", "none_of", "rows", "best")


def _rows(path: Path) -> list[Any]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [pytest.param(json.loads(line), id=f"{path.stem}:{n}") for n, line in enumerate(lines, 1) if line.strip()]


def _plain(value: Any) -> Any:
    """A mention's value as the examples write it: dates ISO, amounts with two decimals."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value


def _typed(value: Any) -> dict[str, Any]:
    """A normalised value in the examples' notation."""
    if value is None:
        return {"value": None}
    if isinstance(value, DateRange):
        start, end = value.start, value.end
        return {
            "value": [start.value.isoformat(), start.precision, end.value.isoformat(), end.precision],
            "type": "period",
        }
    if isinstance(value, DateValue):
        return {"value": value.value.isoformat(), "precision": value.precision, "type": "date"}
    if isinstance(value, Decimal):
        return {"value": f"{value:.2f}", "type": "decimal"}
    return {"value": value, "type": type(value).__name__}


@pytest.mark.parametrize("example", _rows(EXAMPLES / "normalisers.jsonl"))
def test_normaliser_example(example: dict[str, Any]) -> None:
    expected = {key: example[key] for key in ("value", "precision", "type") if key in example}
    assert _typed(NORMALISERS[example["normaliser"]](example["raw"])) == expected


EXTRACTOR_FILES = sorted(path for path in EXAMPLES.glob("*.jsonl") if path.stem != "normalisers")


@pytest.mark.parametrize("example", [row for path in EXTRACTOR_FILES for row in _rows(path)])
def test_extractor_example(example: dict[str, Any], request: pytest.FixtureRequest) -> None:
    extractor = request.node.callspec.id.rsplit(":", 1)[0]
    assert any(check in example for check in CHECKS), f"an example of {extractor} checks nothing"
    document = load_text(example["text"].encode(), "example", "example.txt", PIPELINE.config)
    document.doc_type = example.get("doc_type", "scheda")
    mentions = PIPELINE.run_one(extractor, document)
    found = [[mention.field, _plain(mention.value)] for mention in mentions]
    for pair in example.get("includes", []):
        assert pair in found, f"{pair} not among {found}"
    if "exactly" in example:
        assert sorted(map(json.dumps, found)) == sorted(map(json.dumps, example["exactly"]))
    for field, values in example.get("values_of", {}).items():
        assert sorted({value for name, value in found if name == field}) == values
    for field in example.get("none_of", []):
        assert not [value for name, value in found if name == field]
    for field, value in example.get("best", {}).items():
        ranked = sorted((m for m in mentions if m.field == field), key=lambda m: (-m.confidence, m.start))
        assert (_plain(ranked[0].value) if ranked else None) == value, [(m.value, m.confidence) for m in ranked]
    if "rows" in example:
        rows = [value for _name, value in found if isinstance(value, dict)]
        assert len(rows) == len(example["rows"]), rows
        for row, wanted in zip(rows, example["rows"], strict=True):
            assert {key: row.get(key) for key in wanted} == wanted


def test_every_extractor_file_names_an_extractor_of_the_pipeline() -> None:
    for path in EXTRACTOR_FILES:
        PIPELINE.component(path.stem)  # raises KeyError for a misspelt file name
    assert len(EXTRACTOR_FILES) >= 6
