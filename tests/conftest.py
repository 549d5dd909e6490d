"""Shared fixtures: the corpus in ../shared, and one pipeline run over it written to Parquet. Without
the corpus, the tests that need it fail with one clear message and the unit tests still run."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest

from extract.pipeline import Pipeline
from extract.runner import run

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
SAMPLES = REPO / "data" / "raw"


MISSING = (
    f"the shared corpus is missing: expected it at {CORPUS} (tests that need it fail; the unit tests run without it)"
)
_CORPUS_FIXTURES = frozenset({"corpus_run", "corpus_tables"})
_corpus_names: dict[Path, tuple[set[str], dict[str, ast.FunctionDef]]] = {}


def _names_in(node: ast.AST) -> set[str]:
    return {child.id for child in ast.walk(node) if isinstance(child, ast.Name)}


def _module_corpus_names(path: Path) -> tuple[set[str], dict[str, ast.FunctionDef]]:
    """The module-level names of a test module that reach the corpus (`CORPUS`, `CARDS = CORPUS /
    …`, a helper or fixture using them), and its test functions by name."""
    if path not in _corpus_names:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {"CORPUS"}
        tests = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
        changed = True
        while changed:
            changed = False
            for node in tree.body:
                if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    bound = {target.id for target in targets if isinstance(target, ast.Name)}
                else:
                    bound = (
                        {node.name} if isinstance(node, ast.FunctionDef) and not node.name.startswith("test") else set()
                    )
                if bound and not bound <= names and _names_in(node) & names:
                    names |= bound
                    changed = True
        _corpus_names[path] = (names, tests)
    return _corpus_names[path]


def _uses_corpus(item: pytest.Item) -> bool:
    """A test of the corpus: it asks for the corpus run, or its function (decorators included)
    or a fixture it asks for reaches the corpus through a module-level name."""
    fixtures = set(getattr(item, "fixturenames", ()))
    if _CORPUS_FIXTURES & fixtures:
        return True
    names, tests = _module_corpus_names(Path(item.path))
    function = tests.get(getattr(item, "originalname", item.name))
    return bool(fixtures & names) or (function is not None and bool(_names_in(function) & names))


def pytest_runtest_setup(item: pytest.Item) -> None:
    if not CORPUS.is_dir() and _uses_corpus(item):
        pytest.fail(MISSING, pytrace=False)


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


def read_tables(out_dir: Path) -> dict[str, pd.DataFrame]:
    return {path.stem: pd.read_parquet(path) for path in sorted(out_dir.glob("*.parquet"))}


@pytest.fixture(scope="session")
def corpus_run(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole shared corpus through the pipeline, as Parquet on disk."""
    out = tmp_path_factory.mktemp("corpus_out")
    run([CORPUS], out, pipeline=pipeline, progress=False)
    return out


@pytest.fixture(scope="session")
def corpus_tables(corpus_run: Path) -> dict[str, pd.DataFrame]:
    return read_tables(corpus_run)
