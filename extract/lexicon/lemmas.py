"""Italian lemmas by part of speech, for rules that reason on words rather than on phrase lists.

spaCy's blank Italian pipeline has no trained lemmatizer, but `spacy-lookups-data` ships the
lookup tables its rule lemmatizer uses, split by part of speech (`it_lemma_lookup_noun`,
`…_adj`, `…_verb`, …): form → lemma, singular and plural, masculine and feminine. They are
read here directly (no model download, no pipeline component). Each table is loaded on first
use only: the noun and adjective tables take a few hundredths of a second, the verb table
about 0.2 s, so an extractor that never asks for verbs never pays for them.
"""

from __future__ import annotations

import gzip
import json
from importlib import resources as package_files

from extract.lexicon.resources import Resources, built_once

PACKAGE = "spacy_lookups_data"
TABLE_NAME = "it_lemma_lookup_{pos}.json.gz"
PARTS_OF_SPEECH = frozenset({"noun", "adj", "verb", "adv", "adp", "aux", "det", "num", "pron", "other"})


class ItalianLemmas:
    """Form → lemma tables of Italian, one per part of speech, each read once when first asked for.
    Read-only once loaded, so one instance serves a whole run (and forked workers)."""

    def __init__(self) -> None:
        self._tables: dict[str, dict[str, str]] = {}

    def table(self, pos: str) -> dict[str, str]:
        """The whole form → lemma table of a part of speech (`noun`, `adj`, `verb`, …)."""
        if pos not in PARTS_OF_SPEECH:
            raise ValueError(f"unknown part of speech {pos!r}; expected one of {sorted(PARTS_OF_SPEECH)}")
        if pos not in self._tables:
            path = package_files.files(PACKAGE) / "data" / TABLE_NAME.format(pos=pos)
            with gzip.open(str(path), "rt", encoding="utf-8") as handle:
                self._tables[pos] = json.load(handle)
        return self._tables[pos]

    def lemma(self, word: str, pos: str) -> str | None:
        """Lemma of `word` (any case) as a `pos`, or None when the table does not know the form."""
        return self.table(pos).get(word.lower())

    def knows(self, word: str, pos: str) -> bool:
        """Whether `word` is a known form of that part of speech."""
        return word.lower() in self.table(pos)


@built_once("lexicon.italian")
def italian_lemmas(resources: Resources) -> ItalianLemmas:
    """The run's lemma tables, shared by every extractor through the run's cache."""
    return ItalianLemmas()
