"""`extract eval` and `extract diff` as a user runs them, checked against an independent scorer."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from tests.conftest import CORPUS, REPO
from tests.independent_scorer import score_output


def _extract(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extract", *args], cwd=REPO, capture_output=True, text=True)


def test_eval_agrees_with_the_independent_scorer_per_field(corpus_run: Path, tmp_path: Path) -> None:
    result = _extract("eval", str(CORPUS), "--from", str(corpus_run), "--json", str(tmp_path / "scores.json"))
    assert result.returncode == 0, result.stderr
    ours = json.loads((tmp_path / "scores.json").read_text())
    theirs = score_output([CORPUS], corpus_run)
    assert set(ours["fields"]) == set(theirs)
    for field, (tp, fp, fn) in theirs.items():
        mine = ours["fields"][field]
        assert (mine["tp"], mine["fp"], mine["fn"]) == (tp, fp, fn), field
    total = [sum(counts[index] for counts in theirs.values()) for index in range(3)]
    micro = 2 * total[0] / (2 * total[0] + total[1] + total[2])
    assert abs(ours["micro"]["f1"] - micro) < 1e-4
    assert "micro average" in result.stdout


def test_eval_runs_the_pipeline_itself_and_is_reproducible(tmp_path: Path) -> None:
    first = _extract("eval", str(CORPUS), "--quiet", "--json", str(tmp_path / "a.json"))
    second = _extract("eval", str(CORPUS), "--quiet", "--json", str(tmp_path / "b.json"))
    assert first.returncode == second.returncode == 0, first.stderr
    assert json.loads((tmp_path / "a.json").read_text()) == json.loads((tmp_path / "b.json").read_text())
    # links.gold.json is scored beside the fields (48 gold pairs), and is no document's gold
    links = json.loads((tmp_path / "a.json").read_text())["links"]
    assert links["tp"] + links["fn"] == 48
    assert "links (pairs of gold documents sharing a process_key" in first.stdout
    assert "gold file without its document" not in first.stderr


def test_eval_usage_errors(tmp_path: Path) -> None:
    assert _extract("eval", "no/such/dir").returncode == 2
    assert _extract("eval", str(tmp_path)).returncode == 2  # no gold files
    assert _extract("eval").returncode == 2
    not_output = _extract("eval", str(CORPUS), "--from", str(tmp_path))
    assert not_output.returncode == 2 and "documents.parquet is missing" in not_output.stderr
    assert _extract("diff", str(tmp_path), str(tmp_path)).returncode == 2


def _changed_copy(source: Path, target: Path) -> None:
    """A copy of an output where one document's place was changed and its cost removed."""
    shutil.copytree(source, target)
    processes = pq.read_table(target / "processes.parquet")
    frame = processes.to_pandas()
    documents = pd.read_parquet(target / "documents.parquet")
    doc_id = documents.loc[documents["source_path"] == "dev/scheda_1400.txt", "doc_id"].item()
    row = frame["doc_id"] == doc_id
    frame.loc[row, "place"] = "Cesenatico"
    frame.loc[row, "total_cost_eur"] = None
    pq.write_table(
        pa.Table.from_pandas(frame, schema=processes.schema, preserve_index=False), target / "processes.parquet"
    )


def test_diff_names_document_field_values_and_span(corpus_run: Path, tmp_path: Path) -> None:
    _changed_copy(corpus_run, tmp_path / "b")
    result = _extract("diff", str(corpus_run), str(tmp_path / "b"), "--gold", str(CORPUS))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "dev/scheda_1400.txt" in out
    assert "~ processes.place: 'Cesena'" in out and "-> 'Cesenatico'" in out
    assert "- processes.total_cost_eur: '28600.00'" in out
    assert '<- "28.600,00 €"' in out, "the span the removed value came from"
    assert "2 changed values in 1 documents" in out
    assert "processes.place" in out.split("F1 changes")[1]


def test_diff_json_for_machines(corpus_run: Path, tmp_path: Path) -> None:
    _changed_copy(corpus_run, tmp_path / "b")
    result = _extract("diff", str(corpus_run), str(tmp_path / "b"), "--gold", str(CORPUS), "--json")
    data = json.loads(result.stdout)
    kinds = {(change["field"], change["kind"]) for change in data["changes"]}
    assert kinds == {("processes.place", "changed"), ("processes.total_cost_eur", "removed")}
    place = next(change for change in data["changes"] if change["field"] == "processes.place")
    assert place["before_from"]["raw"] == "Cesena"
    assert data["f1"]["processes.place"]["delta"] < 0


def test_diff_of_identical_runs_is_empty(corpus_run: Path) -> None:
    result = _extract("diff", str(corpus_run), str(corpus_run))
    assert result.returncode == 0
    assert "no differences" in result.stdout


def test_diff_shows_child_rows_lost_with_their_span(corpus_run: Path, tmp_path: Path) -> None:
    """A count dropped from one run: diff names the row, the span it was read from, and the F1 change."""
    shutil.copytree(corpus_run, tmp_path / "b")
    counts = pq.read_table(tmp_path / "b" / "counts.parquet")
    frame = counts.to_pandas()
    documents = pd.read_parquet(tmp_path / "b" / "documents.parquet")
    doc_id = documents.loc[documents["source_path"] == "seeds/002_19cf8960c6ccd5b3.txt", "doc_id"].item()
    frame = frame[frame["doc_id"] != doc_id]
    pq.write_table(
        pa.Table.from_pandas(frame, schema=counts.schema, preserve_index=False), tmp_path / "b" / "counts.parquet"
    )
    result = _extract("diff", str(corpus_run), str(tmp_path / "b"), "--gold", str(CORPUS))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "seeds/002_19cf8960c6ccd5b3.txt" in out
    assert "- counts: {'group': 'gruppi di progettazione'" in out
    assert '<- "sette gruppi di progettazione"' in out
    assert "counts" in out.split("F1 changes")[1]
