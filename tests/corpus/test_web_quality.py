"""Real documents the rules were not written for (`../shared/corpus/web`: news items, project
pages, reports as a scraper gets them) and our own web-like held-out set
(`tests/fixtures/heldout_web`, by a writer who never saw the code), scored against their gold.

Bars on `web/` (issue 11): counts, contacts, the identity fields (title, place, province, region,
promoter, municipalities; micro-F1) and the process dates (start and end; micro-F1) >= 0.85.
On `heldout_web`: identity and dates >= 0.85, counts >= 0.75, contacts >= 0.80. On `counts_dev`
(a development set rich in counts, by another writer who never saw the code): counts and contacts >= 0.80.
`holdout_dec` (by a third such writer, never tuned on) guards what it measured: counts, contacts and
identity >= 0.80, dates >= 0.85.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.evaluate import FieldScore, Scores, find_gold, score
from extract.runner import run
from tests.conftest import CORPUS, read_tables
from tests.corpus.test_prose_quality import _misses, _records

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
IDENTITY = tuple(f"processes.{name}" for name in ("title", "place", "province", "region", "promoter", "municipalities"))
DATES = ("processes.start_date", "processes.end_date")
WEB_BARS = {"counts": 0.85, "contacts": 0.85, "identity": 0.85, "dates": 0.85}
HELDOUT_BARS = {
    "heldout_web": {"counts": 0.75, "contacts": 0.80, "identity": 0.85, "dates": 0.85},
    "counts_dev": {"counts": 0.80, "contacts": 0.80},
    "holdout_dec": {"counts": 0.80, "contacts": 0.80, "identity": 0.80, "dates": 0.85},
}


def _group(scores: Scores, fields: tuple[str, ...]) -> FieldScore:
    total = FieldScore()
    for field in fields:
        if field in scores.fields:
            total.add(scores.fields[field])
    return total


def _check(scores: Scores, bars: dict[str, float]) -> None:
    groups = {"counts": ("counts",), "contacts": ("contacts",), "identity": IDENTITY, "dates": DATES}
    for name, bar in bars.items():
        found = _group(scores, groups[name])
        assert found.tp + found.fn > 0, f"{name}: no gold scored"
        assert found.f1 >= bar, f"{name} F1 {found.f1:.3f} < {bar}:\n{_misses(scores, groups[name])}"


def test_real_web_documents_reach_the_bars(corpus_tables: dict[str, pd.DataFrame]) -> None:
    gold = find_gold([CORPUS / "web"])
    assert len(gold) >= 20
    _check(score(gold, _records(corpus_tables)), WEB_BARS)


@pytest.mark.parametrize("name", sorted(HELDOUT_BARS))
def test_heldout_web_like_documents_reach_the_bars(pipeline, tmp_path: Path, name: str) -> None:
    folder = FIXTURES / name
    run([folder], tmp_path, pipeline=pipeline, progress=False)
    gold = find_gold([folder])
    assert len(gold) >= 8
    _check(score(gold, _records(read_tables(tmp_path))), HELDOUT_BARS[name])
