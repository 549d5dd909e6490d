"""The same scheda as text and as HTML yields the same `processes` row."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.pipeline import Pipeline
from extract.runner import run
from tests.conftest import CORPUS, read_tables

SAME_DOCUMENT = (CORPUS / "seeds" / "001_19e02d53698834e4.txt", CORPUS / "dev" / "html" / "001_19e02d53698834e4.html")


def _process_rows(pipeline: Pipeline, paths: list[Path], out: Path) -> list[dict]:
    run(paths, out, pipeline=pipeline, progress=False)
    frame = read_tables(out)["processes"].drop(columns=["doc_id"])
    rows = frame.to_dict("records")
    return [{key: list(value) if hasattr(value, "tolist") else value for key, value in row.items()} for row in rows]


def _comparable(row: dict) -> dict:
    return {key: (None if isinstance(value, float) and pd.isna(value) else value) for key, value in row.items()}


def test_seed_scheda_as_text_and_as_html_gives_one_row(pipeline: Pipeline, tmp_path: Path) -> None:
    text_row, html_row = (
        _comparable(_process_rows(pipeline, [path], tmp_path / path.suffix[1:])[0]) for path in SAME_DOCUMENT
    )
    assert text_row["title"] and text_row["amount_funded_eur"] is not None
    assert text_row == html_row


@pytest.mark.parametrize("html", sorted((CORPUS / "dev" / "html").glob("*.html")), ids=lambda path: path.stem)
def test_html_page_and_its_text_rendering_give_one_row(pipeline: Pipeline, tmp_path: Path, html: Path) -> None:
    """Each HTML page, saved as the text the pipeline extracted from it, reads back to the same row."""
    html_row = _comparable(_process_rows(pipeline, [html], tmp_path / "html")[0])
    text = read_tables(tmp_path / "html")["texts"]["text"].iloc[0]
    as_text = tmp_path / f"{html.stem}.txt"
    as_text.write_text(text, encoding="utf-8")
    text_row = _comparable(_process_rows(pipeline, [as_text], tmp_path / "text")[0])
    assert text_row == html_row
