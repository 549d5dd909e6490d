"""Extraction quality on the whole shared corpus may not fall below the committed baseline."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from extract.baseline import format_regressions, regressions
from extract.config import load_config
from extract.evaluate import find_gold, score
from extract.pipeline import Pipeline
from extract.runner import run
from tests.conftest import CORPUS, REPO

BASELINE = REPO / "tests" / "quality_baseline.json"


def test_no_field_falls_below_its_baseline(corpus_tables: dict[str, pd.DataFrame]) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    tables = {name: frame.to_dict("records") for name, frame in corpus_tables.items()}
    scores = score(find_gold([CORPUS]), tables)
    found = regressions(scores, baseline)
    if found:
        pytest.fail("quality fell below tests/quality_baseline.json:\n" + format_regressions(found, tables), False)


def test_baseline_covers_every_scored_field() -> None:
    """A field the gold scores but the baseline lacks would never be guarded."""
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    scored = {
        f"{table}.{key}" if isinstance(value, dict) else table
        for gold in find_gold([CORPUS])
        for table, value in gold.gold.items()
        for key in (value if isinstance(value, dict) else [None])
    }
    assert scored <= set(baseline["fields"]), sorted(scored - set(baseline["fields"]))


def test_a_broken_rule_is_reported_with_the_documents_it_broke(tmp_path: Path) -> None:
    """Break the `Indirizzo` rule on purpose: the check must fail and name documents and fields."""
    config = load_config()
    labels = dict(config.labels)
    labels["indirizzo"] = replace(labels["indirizzo"], tags=())  # the address no longer gives a place
    run([CORPUS], tmp_path, pipeline=Pipeline(replace(config, labels=config.labels.updated(labels))), progress=False)
    tables = {path.stem: pd.read_parquet(path).to_dict("records") for path in tmp_path.glob("*.parquet")}
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    found = regressions(score(find_gold([CORPUS]), tables), baseline)
    assert [item.field for item in found] == ["processes.place"]
    report = format_regressions(found, tables)
    assert "dev/html/scheda_1400.html: gold 'Cesena', now 'Unione dei Comuni Valle del Savio'" in report
