"""Bad input becomes an `errors` row; every other document is still written."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from extract.pipeline import Pipeline
from extract.runner import run
from tests.conftest import CORPUS, read_tables

GOOD_TEXT = CORPUS / "dev" / "scheda_1400.txt"
GOOD_HTML = CORPUS / "dev" / "html" / "scheda_897.html"


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "nested").mkdir(parents=True)
    (folder / "good.txt").write_bytes(GOOD_TEXT.read_bytes())
    (folder / "nested" / "good.html").write_bytes(GOOD_HTML.read_bytes())
    noise = random.Random(7)
    (folder / "garbage.bin").write_bytes(bytes(noise.randrange(256) for _ in range(3000)))
    (folder / "empty.txt").write_bytes(b"")
    damaged = GOOD_TEXT.read_bytes().replace("à".encode(), b"\xe0\x28", 1)
    (folder / "invalid_utf8.txt").write_bytes(damaged)
    html = GOOD_HTML.read_bytes()
    (folder / "truncated.html").write_bytes(html[: len(html) // 2])
    return folder


def test_each_bad_input_is_an_error_row_and_good_ones_are_written(mixed_folder: Path, tmp_path: Path) -> None:
    summary = run([mixed_folder], tmp_path / "out", pipeline=Pipeline(), progress=False)
    tables = read_tables(tmp_path / "out")
    errors = tables["errors"].set_index("source_path")
    assert errors.loc["garbage.bin", "error_type"] == "binary_content"
    assert errors.loc["empty.txt", "error_type"] == "empty_file"
    assert errors.loc["invalid_utf8.txt", "error_type"] == "invalid_encoding"
    assert errors.loc["truncated.html", "error_type"] == "truncated_html"
    assert set(errors["stage"]) == {"load"}
    documents = tables["documents"].set_index("source_path")
    assert documents.loc["good.txt", "status"] == "ok"
    assert documents.loc["nested/good.html", "status"] == "ok"
    assert documents.loc["garbage.bin", "status"] == "failed"
    assert documents.loc["truncated.html", "status"] == "partial", "what a truncated page holds is kept"
    titles = set(tables["processes"]["title"])
    assert "Ferrara mia, persone e luoghi non comuni" in titles
    assert summary.files == 6


def test_an_extractor_that_raises_costs_only_its_fields(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = Pipeline()

    def broken(view):
        raise RuntimeError("deliberately broken")

    pipeline.extractors["scheda"] = [("broken.v1", broken), *pipeline.extractors["scheda"]]
    run([GOOD_TEXT], tmp_path, pipeline=pipeline, progress=False)
    tables = read_tables(tmp_path)
    assert tables["errors"]["stage"].tolist() == ["extract:broken.v1"]
    assert tables["documents"]["status"].tolist() == ["partial"]
    assert tables["processes"]["total_cost_eur"].notna().all()
