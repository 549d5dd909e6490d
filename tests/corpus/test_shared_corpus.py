"""The corpus tests need `../shared/corpus`; without it they fail with one clear message (and the
corpus tests parametrized over its files collect none, so this test says why)."""

from __future__ import annotations

from tests.conftest import CORPUS, MISSING


def test_the_shared_corpus_is_there() -> None:
    assert CORPUS.is_dir(), MISSING
