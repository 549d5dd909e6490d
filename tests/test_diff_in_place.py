"""A file changed in place is one document changed: `extract diff` shows what changed in it, not
one document removed and another added (its bytes, so its doc_id, differ between the runs)."""

from __future__ import annotations

import shutil
from pathlib import Path

from extract.diff import diff_outputs, matched_documents
from extract.runner import run
from tests.conftest import SAMPLES


def test_a_file_changed_at_the_same_path_is_a_change(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(SAMPLES / "schede", inputs)
    for gold in inputs.glob("*.gold.json"):
        gold.unlink()
    run([inputs], tmp_path / "a", progress=False)
    changed = inputs / "scheda_sample_faenza.txt"
    text = changed.read_text(encoding="utf-8")
    assert "20.000,00 €" in text
    changed.write_text(text.replace("20.000,00 €", "24.500,00 €", 1), encoding="utf-8")  # the total cost
    run([inputs], tmp_path / "b", progress=False)
    result = diff_outputs(tmp_path / "a", tmp_path / "b")
    assert result.only_in_a == [] and result.only_in_b == []
    costs = [change for change in result.changes if change.field == "processes.total_cost_eur"]
    assert [(c.source_path, c.kind, float(c.before), float(c.after)) for c in costs] == [
        (changed.name, "changed", 20000.0, 24500.0)
    ]
    assert costs[0].after_from is not None and costs[0].after_from.raw == "24.500,00 €"
    assert {change.source_path for change in result.changes} == {changed.name}


def test_documents_are_matched_by_bytes_then_by_a_path_unique_on_both_sides() -> None:
    a = {"same": "x.txt", "old": "y.txt", "twin1": "z.txt", "twin2": "z.txt", "gone": "w.txt"}
    b = {"same": "x.txt", "new": "y.txt", "other": "z.txt", "fresh": "v.txt"}
    assert matched_documents(a, b) == {"same": "same", "old": "new"}
