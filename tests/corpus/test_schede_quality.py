"""Issue: schede fields at micro-F1 >= 0.97 against the gold files, read from the Parquet output."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.evaluate import find_gold, score
from extract.runner import run
from tests.conftest import CORPUS, SAMPLES, read_tables

SCHEDE_GOLD = [
    *sorted((CORPUS / "seeds").glob("001_*.gold.json")),
    *sorted((CORPUS / "dev").glob("scheda_*.gold.json")),
    CORPUS / "dev" / "html",
]
UNSEEN = Path(__file__).resolve().parent.parent / "fixtures" / "unseen_schede"
REQUIRED_MICRO_F1 = 0.97
SCORED = ("processes.", "documents.")


def _records(tables: dict[str, pd.DataFrame]) -> dict[str, list[dict]]:
    return {name: frame.to_dict("records") for name, frame in tables.items()}


def _failures(scores) -> str:
    return "\n".join(
        f"  {outcome.doc}: {outcome.field} gold={outcome.gold!r} extracted={outcome.extracted!r}"
        for outcome in scores.outcomes
        if outcome.field.startswith(SCORED) and (outcome.score.fp or outcome.score.fn)
    )


def test_schede_fields_reach_the_required_micro_f1(corpus_tables: dict[str, pd.DataFrame]) -> None:
    gold = find_gold(SCHEDE_GOLD)
    assert len(gold) >= 20, "expected the seed scheda and the dev schede (text and HTML)"
    scores = score(gold, _records(corpus_tables))
    micro = scores.micro(SCORED)
    assert micro.tp > 300, "too few values scored: is the gold read?"
    assert micro.f1 >= REQUIRED_MICRO_F1, f"micro-F1 {micro.f1:.4f}; misses:\n{_failures(scores)}"


@pytest.mark.parametrize("folder", [SAMPLES, UNSEEN], ids=["data_raw_samples", "unseen_schede"])
def test_unseen_schede_score_the_same_way(pipeline, tmp_path: Path, folder: Path) -> None:
    """Fictitious schede written apart from the code, some in markup the loaders never saw."""
    run([folder], tmp_path, pipeline=pipeline, progress=False)
    gold = find_gold([folder])
    assert len(gold) >= 4
    scores = score(gold, _records(read_tables(tmp_path)))
    micro = scores.micro(SCORED)
    assert micro.f1 >= 0.95, f"micro-F1 {micro.f1:.4f}; misses:\n{_failures(scores)}"
