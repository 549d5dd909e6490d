"""Italian lemmas of nouns and adjectives, from the lookup tables spaCy ships in `spacy-lookups-data`
(no model, no download: two gzipped JSON files of the package, 0.06 s to read).

They let a rule speak of a word's lemma instead of its forms (`cittadine`, `cittadini` ->
`cittadino`; `sedute` -> `seduta`) and tell an adjective that may follow a noun (`pubblici`,
`serali`) from a verb's participle (`nominati`, which the adjective table lists too, so
participles are told by their endings).
"""

from __future__ import annotations

import gzip
import json
from functools import cached_property
from pathlib import Path

import spacy_lookups_data

TABLES = Path(spacy_lookups_data.__file__).parent / "data"
_PARTICIPLE_ENDINGS = ("ato", "ata", "ati", "ate", "ito", "ita", "iti", "ite", "uto", "uta", "uti", "ute")


class Lemmas:
    """Noun and adjective lemma tables of Italian, read on first use."""

    @staticmethod
    def _table(name: str) -> dict[str, str]:
        with gzip.open(TABLES / f"it_lemma_lookup_{name}.json.gz", "rt", encoding="utf-8") as handle:
            return json.load(handle)

    @cached_property
    def nouns(self) -> dict[str, str]:
        return self._table("noun")

    @cached_property
    def adjectives(self) -> dict[str, str]:
        return self._table("adj")

    def noun_lemma(self, word: str) -> str:
        """The noun's lemma (`ragazze` -> `ragazza`), else the word itself, lower-cased."""
        lower = word.lower()
        return self.nouns.get(lower) or self.adjectives.get(lower) or lower

    def is_adjective(self, word: str) -> bool:
        """An adjective that is not a past participle (`pubblici`, `scolastici`; not `nominati`)."""
        lower = word.lower()
        return lower in self.adjectives and not lower.endswith(_PARTICIPLE_ENDINGS)
