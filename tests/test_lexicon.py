"""The Italian lemma table (spacy-lookups-data, read without a model): what the counts' open
vocabulary stands on. The counts' own examples are data in `schemas/examples/counts.v1.jsonl`."""

from __future__ import annotations

import pytest

from extract.lexicon.lemmas import ItalianLemmas


@pytest.mark.parametrize(
    ("word", "pos", "lemma"),
    [("cittadine", "noun", "cittadina"), ("sedute", "noun", "seduta"), ("pubblici", "adj", "pubblico")],
)
def test_lemma_tables_read_without_a_model(word: str, pos: str, lemma: str) -> None:
    assert ItalianLemmas().lemma(word, pos) == lemma
