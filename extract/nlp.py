"""The one spaCy pipeline of the project: blank Italian plus phrase matchers over our vocabularies.

No pretrained Italian model can be installed here, so this is rule-based NER: spaCy's
Italian tokenizer (also splitting on a backslash, `strada\\interviste`), a sentencizer, and a
PhraseMatcher on lower-cased tokens for each vocabulary in `schemas/vocab/` (methods,
organisations, roles, counted groups). It is built once per process and each document's
text is tokenized once, whatever number of extractors read it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, filter_spans

from extract.config import Config

# Also split `Ausl-Aosp`, `Ausl/Asp` and `strada\\interviste` into their words.
EXTRA_INFIXES = (r"\\", r"(?<=[^\W\d_])[-/](?=[^\W\d_])")
# Vocabularies matched as phrases: name -> (file in schemas/vocab, key of the entry's id).
PHRASE_VOCABULARIES = {"organisations": "id", "roles": "id", "count_groups": "unit"}


@dataclass(frozen=True)
class Match:
    """A vocabulary phrase found in a text: its entry id and its span."""

    key: str
    span: Span

    @property
    def start_char(self) -> int:
        return self.span.start_char

    @property
    def end_char(self) -> int:
        return self.span.end_char


class ItalianNlp:
    """Tokenizer, sentencizer and matchers, built once; `doc()` keeps the last document's parse."""

    def __init__(self, config: Config) -> None:
        nlp = spacy.blank("it")
        infixes = list(nlp.Defaults.infixes) + list(EXTRA_INFIXES)
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        nlp.add_pipe("sentencizer")
        self.nlp = nlp
        self.matchers: dict[str, PhraseMatcher] = {}
        self._add("methods", ((method.id, method.patterns) for method in config.methods))
        self._add("methods.exclude", ((method.id, method.exclude) for method in config.methods if method.exclude))
        for name, key in PHRASE_VOCABULARIES.items():
            entries = config.vocab[name]
            self._add(name, ((str(entry[key]), entry["forms"]) for entry in entries))
        self._last: tuple[str, Doc] | None = None

    def _add(self, name: str, entries: Iterable[tuple[str, Iterable[str]]]) -> None:
        matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for key, forms in entries:
            matcher.add(key, [self.nlp.make_doc(form) for form in forms])
        self.matchers[name] = matcher

    def doc(self, text: str) -> Doc:
        """The parsed text; the same text asked twice in a row is parsed once."""
        if self._last is None or (self._last[0] is not text and self._last[0] != text):
            self._last = (text, self.nlp(text))
        return self._last[1]

    def matches(self, vocabulary: str, doc: Doc | Span, longest: bool = True) -> list[Match]:
        """Phrases of `vocabulary` in `doc` (token offsets are the whole doc's, also for a span);
        overlapping ones reduced to the longest unless asked not to."""
        found = [
            Span(doc.doc if isinstance(doc, Span) else doc, start, end, label=key)
            for key, start, end in self.matchers[vocabulary](doc)
        ]
        spans = filter_spans(found) if longest else sorted(found, key=lambda span: (span.start, span.end))
        return [Match(span.label_, span) for span in spans]


def nlp_for(resources: Any) -> ItalianNlp:
    """The process's pipeline, kept in the run's shared cache."""
    nlp = resources.cache.get("nlp")
    if nlp is None:
        nlp = resources.cache["nlp"] = ItalianNlp(resources.config)
    return nlp
