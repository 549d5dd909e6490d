"""Issue 4: what is read from prose, scored against the gold files of the seeds and dev documents.

Bars: counts F1 >= 0.90, contacts >= 0.95, actors >= 0.90, methods >= 0.85, and the
prose-derived processes/documents fields >= 0.95 (micro over those fields). The same bars
hold on fictitious cards, articles, reports and schede written apart from the code
(`tests/fixtures/unseen_prose`, `heldout_prose`, `final_heldout`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.evaluate import Scores, find_gold, score
from extract.runner import run
from tests.conftest import CORPUS, read_tables

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PROSE_FIELDS = (
    "processes.start_date",
    "processes.start_date_precision",
    "processes.place",
    "processes.province",
    "processes.region",
    "processes.municipalities",
    "documents.published_date",
)
BARS = {"counts": 0.90, "contacts": 0.95, "actors": 0.90, "processes.methods": 0.85}
PROSE_BAR = 0.95


def _records(tables: dict[str, pd.DataFrame]) -> dict[str, list[dict]]:
    return {name: frame.to_dict("records") for name, frame in tables.items()}


def _misses(scores: Scores, fields: tuple[str, ...]) -> str:
    return "\n".join(
        f"  {outcome.doc}: {outcome.field} gold={outcome.gold!r} extracted={outcome.extracted!r}"
        for outcome in scores.outcomes
        if outcome.field in fields and (outcome.score.fp or outcome.score.fn)
    )


def _check_bars(scores: Scores, min_rows: int) -> None:
    for field, bar in BARS.items():
        found = scores.fields.get(field)
        assert found is not None and found.tp + found.fn >= min_rows, f"{field}: too little gold scored"
        assert found.f1 >= bar, f"{field} F1 {found.f1:.3f} < {bar}:\n{_misses(scores, (field,))}"
    prose = Scores()
    for outcome in scores.outcomes:
        if outcome.field in PROSE_FIELDS:
            prose.record(outcome)
    micro = prose.micro()
    assert micro.tp >= min_rows, "too few prose fields scored"
    assert micro.f1 >= PROSE_BAR, f"prose fields micro-F1 {micro.f1:.3f}:\n{_misses(scores, PROSE_FIELDS)}"


def test_seeds_and_dev_reach_the_bars(corpus_tables: dict[str, pd.DataFrame]) -> None:
    gold = find_gold([CORPUS / "seeds", CORPUS / "dev"])
    assert len(gold) >= 30
    _check_bars(score(gold, _records(corpus_tables)), min_rows=5)


@pytest.mark.parametrize("name", ["unseen_prose", "heldout_prose", "final_heldout"])
def test_fictitious_documents_reach_the_bars(pipeline, tmp_path: Path, name: str) -> None:
    folder = FIXTURES / name
    run([folder], tmp_path, pipeline=pipeline, progress=False)
    gold = find_gold([folder])
    assert len(gold) >= 10
    _check_bars(score(gold, _records(read_tables(tmp_path))), min_rows=10)
