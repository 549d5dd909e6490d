"""Issue 7: the notebook runs on fresh output; the review page renders in headless Chromium with
every mention highlighted, and text from documents is shown as text, never run."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

from extract.review import build_report
from extract.runner import run
from tests.conftest import REPO, SAMPLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE = "Titolo <b>grassetto</b>\n\n<script>document.title='pwned'</script>\n\nSono stati coinvolti 12 volontari.\n"


@pytest.fixture(scope="module")
def fresh_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The README's run command on the samples, plus a document whose text holds markup."""
    inputs = tmp_path_factory.mktemp("inputs")
    shutil.copytree(SAMPLES, inputs / "raw")
    (inputs / "raw" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path_factory.mktemp("structured")
    run([inputs / "raw"], out, progress=False)
    return out


def test_the_notebook_runs_top_to_bottom_on_fresh_output(fresh_output: Path) -> None:
    notebook = nbformat.read(REPO / "notebooks" / "01-explore.ipynb", as_version=4)
    os.environ["EXTRACT_OUT"] = str(fresh_output)
    try:
        NotebookClient(
            notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(REPO / "notebooks")}}
        ).execute()
    finally:
        del os.environ["EXTRACT_OUT"]
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [output for output in outputs if output.output_type == "error"]
    assert any("image/png" in output.get("data", {}) for output in outputs), "no plot was drawn"


def _render(page: Path, tmp_path: Path) -> str:
    assert CHROMIUM, "Chromium is not installed (.ci/run installs the Debian package `chromium`)"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}"]
    shot = tmp_path / "shots" / "review.png"
    shot.parent.mkdir()
    subprocess.run(
        [CHROMIUM, *flags, "--window-size=1300,1000", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 10_000, "the screenshot is empty"
    dom = subprocess.run(
        [CHROMIUM, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=True
    )
    return dom.stdout


def _section(dom: str, source_path: str) -> str:
    start = dom.index(f"<h2>{html.escape(source_path)} ")
    end = dom.find('<section class="doc"', start)
    return dom[start : end if end > 0 else len(dom)]


def test_the_review_page_renders_every_mention_and_no_document_markup(fresh_output: Path, tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    page.write_text(build_report(fresh_output, None), encoding="utf-8")
    dom = _render(page, tmp_path)
    assert "<title>extract review</title>" in dom and "pwned" not in dom.split("</title>")[0]
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
    assert "<b>grassetto</b>" not in dom and "&lt;b&gt;grassetto&lt;/b&gt;" in dom

    documents = pd.read_parquet(fresh_output / "documents.parquet")
    mentions = pd.read_parquet(fresh_output / "mentions.parquet")
    texts = pd.read_parquet(fresh_output / "texts.parquet").set_index("doc_id")["text"]
    for source in ("cards/card_sample_lugo.txt", "schede/scheda_sample_faenza.txt"):
        doc_id = documents.loc[documents["source_path"] == source, "doc_id"].item()
        found = mentions[(mentions["doc_id"] == doc_id) & (mentions["end_char"] > mentions["start_char"])]
        covered, shown = _marked(_section(dom, source))
        assert shown == texts[doc_id], "the page shows the document's text exactly"
        assert {field for _start, _end, fields in covered for field in fields} == set(found["field"]), source
        for row in found.to_dict("records"):
            pieces = [(start, end) for start, end, fields in covered if row["field"] in fields]
            inside = sum(
                min(end, row["end_char"]) - max(start, row["start_char"])
                for start, end in pieces
                if start < row["end_char"] and end > row["start_char"]
            )
            assert inside == row["end_char"] - row["start_char"], (source, row["field"], row["raw"])
            assert texts[doc_id][row["start_char"] : row["end_char"]] == row["raw"]


def _marked(section: str) -> tuple[list[tuple[int, int, set[str]]], str]:
    """(start, end, fields) of every <mark> in the rendered document text, in text offsets, and
    the text itself."""
    pre = re.search(r'<pre class="text">(.*?)</pre>', section, flags=re.S).group(1)
    position, found, pieces = 0, [], []
    for match in re.finditer(r'<mark data-fields="([^"]*)"[^>]*>(.*?)</mark>|([^<]+)', pre, flags=re.S):
        text = html.unescape(match.group(2) if match.group(2) is not None else match.group(3))
        if match.group(1) is not None:
            found.append((position, position + len(text), set(match.group(1).split())))
        position += len(text)
        pieces.append(text)
    return found, "".join(pieces)
