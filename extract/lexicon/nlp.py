"""The one spaCy pipeline of the project: blank Italian plus phrase matchers over our vocabularies.

No pretrained Italian model can be installed here, so this is rule-based NER: spaCy's
Italian tokenizer (also splitting on a backslash, `strada\\interviste`) and a
PhraseMatcher on lower-cased tokens for each vocabulary in `schemas/vocab/` (methods,
organisations, roles, counted groups). It is built once per process and each document's
text is tokenized once, whatever number of extractors read it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, filter_spans

from extract.config import Config
from extract.lexicon.resources import Resources, built_once

# Also split `Ausl-Aosp`, `Ausl/Asp` and `strada\\interviste` into their words.
MAX_TEXT = 10_000_000
EXTRA_INFIXES = (r"\\", r"(?<=[^\W\d_])[-/](?=[^\W\d_])")
# Vocabularies matched as phrases: name -> (file in schemas/vocab, key of the entry's id).
PHRASE_VOCABULARIES = ("organisations", "roles", "count_groups")  # one shape: `id` and its `forms`


@dataclass(frozen=True)
class Parsed:
    """A piece of a document's text, tokenized; `offset` is where it starts in the document."""

    doc: Doc
    offset: int

    def char(self, token_index: int) -> int:
        """Offset in the document text of a token's first character."""
        return self.offset + self.doc[token_index].idx


@dataclass(frozen=True)
class Match:
    """A vocabulary phrase found in a text: its entry id, its span and its document offsets."""

    key: str
    span: Span
    offset: int

    @property
    def start_char(self) -> int:
        return self.offset + self.span.start_char

    @property
    def end_char(self) -> int:
        return self.offset + self.span.end_char


class ItalianNlp:
    """Tokenizer and matchers, built once per process. Only the pieces of text an extractor
    reads are tokenized (tokenizing whole 8 KB pages would cost more than all the rest)."""

    def __init__(self, config: Config) -> None:
        nlp = spacy.blank("it")
        infixes = list(nlp.Defaults.infixes) + list(EXTRA_INFIXES)
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        nlp.max_length = MAX_TEXT  # only the tokenizer runs: no parser's memory to guard
        self.nlp = nlp
        self.matchers: dict[str, PhraseMatcher] = {}
        self._add("methods", ((method.id, method.forms) for method in config.methods))
        self._add("methods.exclude", ((method.id, method.exclude) for method in config.methods if method.exclude))
        for name in PHRASE_VOCABULARIES:
            self._add(name, ((entry["id"], entry["forms"]) for entry in config.vocab[name]))

    def _add(self, name: str, entries: Iterable[tuple[str, Iterable[str]]]) -> None:
        matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for key, forms in entries:
            matcher.add(key, [self.nlp.make_doc(form) for form in forms])
        self.matchers[name] = matcher

    def tokens(self, phrase: str) -> list[str]:
        """A phrase's tokens as the pipeline sees them (to compare vocabulary phrases with texts)."""
        return [token.text for token in self.nlp.make_doc(phrase)]

    def parse(self, text: str, start: int = 0, end: int | None = None) -> Parsed:
        """`text[start:end]` tokenized, keeping its offset in `text`."""
        return Parsed(self.nlp.make_doc(text[start:end]), start)

    def matches(self, vocabulary: str, parsed: Parsed, longest: bool = True) -> list[Match]:
        """Phrases of `vocabulary` in a parsed piece; overlapping ones reduced to the longest unless
        asked not to."""
        found = [Span(parsed.doc, start, end, label=key) for key, start, end in self.matchers[vocabulary](parsed.doc)]
        spans = filter_spans(found) if longest else sorted(found, key=lambda span: (span.start, span.end))
        return [Match(span.label_, span, parsed.offset) for span in spans]


@built_once("nlp")
def nlp_for(resources: Resources) -> ItalianNlp:
    """The process's pipeline, kept in the run's shared cache."""
    return ItalianNlp(resources.config)
