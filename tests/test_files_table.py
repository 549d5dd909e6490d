"""Identical files are one document; every input file is in `files` with its path and input
root, so that equal bytes at several paths and equal names under several roots are all
accounted for, and a join on doc_id never multiplies rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from extract.runner import run
from tests.conftest import SAMPLES

SCHEDA = SAMPLES / "schede" / "scheda_sample_carpi.txt"
OTHER = SAMPLES / "schede" / "scheda_sample_faenza.txt"


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in ("files", "documents", "processes", "texts")}


def test_identical_bytes_at_two_paths_are_one_document_with_two_files(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    shutil.copy(SCHEDA, inputs / "sub" / "b_copy.txt")
    shutil.copy(SCHEDA, inputs / "a_first.txt")
    shutil.copy(OTHER, inputs / "other.txt")
    report = run([inputs], tmp_path / "out", progress=False)
    tables = _tables(tmp_path / "out")
    assert report.files == 3 and sum(report.doc_types.values()) == 2
    assert sorted(tables["files"]["path"]) == ["a_first.txt", "other.txt", "sub/b_copy.txt"]
    assert tables["files"]["doc_id"].nunique() == 2
    for name in ("documents", "processes", "texts"):
        assert tables[name]["doc_id"].is_unique, name
    copies = tables["files"].groupby("doc_id")["path"].apply(sorted)
    twice = copies[copies.map(len) == 2].index[0]
    documents = tables["documents"].set_index("doc_id")
    assert documents.loc[twice, "source_path"] == "a_first.txt"  # the first of its paths in sorted order
    joined = tables["files"].merge(tables["processes"], on="doc_id")
    assert len(joined) == 3  # each file to its one process: the join does not multiply


def test_the_same_name_under_two_roots_is_told_apart_by_its_root(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    shutil.copy(SCHEDA, first / "scheda.txt")
    shutil.copy(OTHER, second / "scheda.txt")  # same name, other bytes: two documents
    run([first, second], tmp_path / "out", progress=False)
    tables = _tables(tmp_path / "out")
    files = tables["files"]
    assert files["path"].tolist() == ["scheda.txt", "scheda.txt"]
    assert files["input_root"].tolist() == [str(first.resolve()), str(second.resolve())]
    assert files["doc_id"].nunique() == 2 and len(tables["documents"]) == 2


def test_a_file_given_as_input_is_its_own_root(tmp_path: Path) -> None:
    run([SCHEDA], tmp_path / "out", progress=False)
    files = _tables(tmp_path / "out")["files"]
    assert files[["path", "input_root"]].values.tolist() == [[SCHEDA.name, str(SCHEDA.resolve())]]
