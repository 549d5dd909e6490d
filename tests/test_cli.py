"""The command line as a user meets it: defaults, exit codes, summary, console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, SAMPLES, read_tables


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extract", *args], cwd=cwd, capture_output=True, text=True)


def test_run_defaults_to_data_raw_and_data_structured(tmp_path: Path) -> None:
    shutil.copytree(SAMPLES, tmp_path / "data" / "raw")
    result = _run("run", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "errors: 2" in result.stdout
    assert "broken/garbage.txt [load] binary_content" in result.stdout
    assert "scheda" in result.stdout
    tables = read_tables(tmp_path / "data" / "structured")
    assert {"documents", "processes", "mentions", "errors"} <= set(tables)
    assert len(tables["processes"]) >= 4


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = _run("run", "no/such/folder", cwd=tmp_path)
    assert missing.returncode == 2
    assert "input not found: no/such/folder" in missing.stderr
    assert _run("frobnicate", cwd=tmp_path).returncode == 2
    assert _run(cwd=tmp_path).returncode == 2


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "extract"
    assert script.exists(), "pip install -e . should install the `extract` script"
    result = subprocess.run([str(script), "run", "--help"], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0
    assert "--out" in result.stdout


def test_eval_misses_lists_each_disagreement_with_gold(tmp_path: Path) -> None:
    """A gold file that disagrees with the document: `--misses` names the field, both values, and
    for a child table the row that is missing."""
    card = SAMPLES / "cards" / "card_sample_lugo.txt"
    shutil.copy(card, tmp_path / card.name)
    gold = json.loads((card.parent / f"{card.name}.gold.json").read_text(encoding="utf-8"))
    gold["processes"]["place"] = "Bagnacavallo"
    gold["counts"].append(
        {"group": "assemblee", "unit": "meetings", "count": 9, "qualifier": "exact", "kind": "achieved"}
    )
    (tmp_path / f"{card.name}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    result = _run("eval", str(tmp_path), "--quiet", "--misses", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "card_sample_lugo.txt  processes.place  gold 'Bagnacavallo'  got 'Lugo'" in result.stdout
    assert "card_sample_lugo.txt  counts  missing {'group': 'assemblee'" in result.stdout


def test_report_writes_a_page_and_refuses_a_folder_without_tables(tmp_path: Path) -> None:
    shutil.copytree(SAMPLES / "cards", tmp_path / "cards")
    assert _run("run", "cards", "--out", "out", "--quiet", cwd=tmp_path).returncode == 0
    result = _run("report", "out", "--gold", "cards", "--html", "review/page.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "review" / "page.html").read_text(encoding="utf-8")
    assert page.count("<mark ") > 20 and "card_sample_lugo.pdf" in page
    (tmp_path / "empty").mkdir()
    refused = _run("report", "empty", "--html", "x.html", cwd=tmp_path)
    assert refused.returncode == 2 and "documents.parquet is missing" in refused.stderr
