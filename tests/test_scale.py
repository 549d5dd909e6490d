"""Issue 6: runs that use every core, never redo finished work, survive `kill -9`, and are bounded."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import warnings
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from bench.generate import generate
from extract.config import load_config
from extract.pipeline import Pipeline
from extract.runner import run
from tests.conftest import CORPUS, REPO, SAMPLES


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    return {
        table: pd.read_parquet(out / f"{table}.parquet").reset_index(drop=True)
        for table in load_config().catalogue.names
    }


def _same(first: Path, second: Path) -> None:
    left, right = _tables(first), _tables(second)
    for table in load_config().catalogue.names:
        pd.testing.assert_frame_equal(left[table], right[table], obj=table)


def _distinct(folder: Path) -> int:
    """How many documents the files of `folder` are: identical bytes are one document."""
    return len({hashlib.sha256(path.read_bytes()).hexdigest() for path in folder.glob("*.txt")})


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    generate(folder, 60, size=4000, seed=1)
    return folder


def test_two_workers_write_what_one_writes(generated: Path, tmp_path: Path) -> None:
    serial = run([generated], tmp_path / "one", workers=1, progress=False)
    parallel = run([generated], tmp_path / "two", workers=2, progress=False)
    assert serial.files == parallel.files == 60
    assert serial.extracted == parallel.extracted == _distinct(generated) < 60  # the generator repeats texts
    _same(tmp_path / "one", tmp_path / "two")


def test_second_run_reuses_everything_and_a_change_redoes_one(generated: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(generated, inputs)
    out = tmp_path / "out"
    first = run([inputs], out, progress=False)
    assert first.extracted == _distinct(inputs) and not first.unchanged
    again = run([inputs], out, progress=False)
    assert again.unchanged and again.extracted == 0
    changed = sorted(inputs.glob("*.txt"))[3]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nNuova riga aggiunta.\n", encoding="utf-8")
    gone = sorted(inputs.glob("*.txt"))[7]
    gone.unlink()
    third = run([inputs], out, progress=False)
    documents = _distinct(inputs)
    assert (third.extracted, third.reused) == (1, documents - 1)
    assert gone.name not in set(pd.read_parquet(out / "files.parquet")["path"])
    assert len(pd.read_parquet(out / "documents.parquet")) == documents
    fresh = tmp_path / "fresh"
    run([inputs], fresh, progress=False, force=True)
    _same(out, fresh)
    forced = run([inputs], out, progress=False, force=True)
    assert forced.extracted == documents


def _extract_command(inputs: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "extract", "run", str(inputs), "--out", str(out), "--quiet", *extra]


@pytest.mark.parametrize("moment", [0.25, 0.8])
def test_a_run_killed_at_any_moment_resumes_to_the_same_tables(generated: Path, tmp_path: Path, moment: float) -> None:
    """`kill -9` of the run and its workers, once part of the documents are done (or during the
    writing of the tables); the next run gives the tables of an uninterrupted run."""
    reference = tmp_path / "reference"
    run([generated], reference, progress=False)
    out = tmp_path / "out"
    process = subprocess.Popen(_extract_command(generated, out, "--workers", "2"), cwd=REPO, start_new_session=True)
    wanted = int(_distinct(generated) * moment)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if len(list((out / ".extract-cache").glob("*/*.pkl"))) >= wanted:
            break
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    finished = subprocess.run(_extract_command(generated, out), cwd=REPO, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    _same(reference, out)
    assert not list(out.glob(".*.tmp")), "temporary files left behind"


def test_one_slow_document_is_stopped_at_its_time_limit(tmp_path: Path) -> None:
    pipeline = Pipeline()
    pipeline.extract = lambda document: time.sleep(30)  # type: ignore[method-assign]
    started = time.perf_counter()
    rows = pipeline.process_document(SAMPLES / "schede" / "scheda_sample_carpi.txt", SAMPLES, seconds=0.5)
    assert time.perf_counter() - started < 5
    assert rows["errors"][0]["error_type"] == "time_limit"
    assert rows["documents"][0]["status"] == "failed"


def test_huge_and_pathological_files_do_not_take_the_run_down(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    paragraph = "<p>Il percorso ha coinvolto 40 cittadini del Comune di Carpi.</p>\n"
    (inputs / "huge.html").write_text(
        "<html><body>" + paragraph * (50 * 1024 * 1024 // len(paragraph)) + "</body></html>", encoding="utf-8"
    )
    (inputs / "nested.html").write_text(
        "<html><body>" + "<div>" * 50_000 + "profondo" + "</div>" * 50_000 + "</body></html>", encoding="utf-8"
    )
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    for number in range(1000):
        pdf.add_page()
        pdf.cell(0, 10, f"Pagina {number}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        (inputs / "thousand_pages.pdf").write_bytes(bytes(pdf.output()))
    shutil.copy(SAMPLES / "schede" / "scheda_sample_carpi.txt", inputs / "good.txt")
    report = run([inputs], tmp_path / "out", progress=False)
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("source_path")
    assert set(documents.index) == {"huge.html", "nested.html", "thousand_pages.pdf", "good.txt"}
    assert documents.loc["good.txt", "status"] == "ok"
    errors = pd.read_parquet(tmp_path / "out" / "errors.parquet")
    pdf_row = documents.loc["thousand_pages.pdf"]
    assert pdf_row["status"] == "partial", errors.to_dict("records")
    assert pdf_row["n_pages"] == load_config().pipeline["pdf"]["max_pages"]
    assert report.files == 4


def test_dask_engine_writes_the_same_tables_as_a_dataset(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    local = tmp_path / "local"
    run([SAMPLES, CORPUS / "pdf" / "cards"], local, progress=False)
    on_dask = tmp_path / "dask"
    run([SAMPLES, CORPUS / "pdf" / "cards"], on_dask, engine="dask", progress=False)
    assert (on_dask / "processes.parquet").is_dir() and list((on_dask / "processes.parquet").glob("part-*.parquet"))
    _same(local, on_dask)


def test_worker_settings_do_not_change_rows(generated: Path, tmp_path: Path) -> None:
    config = load_config()
    small_chunks = replace(
        config, pipeline={**config.pipeline, "limits": {**config.pipeline["limits"], "chunk_size": 1}}
    )
    run([generated], tmp_path / "a", workers=2, progress=False)
    run([generated], tmp_path / "b", workers=2, progress=False, config=small_chunks)
    _same(tmp_path / "a", tmp_path / "b")
