"""Shared fixtures: the corpus in ../shared, and one pipeline run over it written to Parquet."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.pipeline import Pipeline

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
SAMPLES = REPO / "data" / "raw"


def pytest_configure(config: pytest.Config) -> None:
    if not CORPUS.is_dir():
        raise pytest.UsageError(f"the shared corpus is missing: expected it at {CORPUS}")


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


def read_tables(out_dir: Path) -> dict[str, pd.DataFrame]:
    return {path.stem: pd.read_parquet(path) for path in sorted(out_dir.glob("*.parquet"))}


@pytest.fixture(scope="session")
def corpus_run(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole shared corpus through the pipeline, as Parquet on disk."""
    out = tmp_path_factory.mktemp("corpus_out")
    pipeline.run([CORPUS], out, progress=False)
    return out


@pytest.fixture(scope="session")
def corpus_tables(corpus_run: Path) -> dict[str, pd.DataFrame]:
    return read_tables(corpus_run)
