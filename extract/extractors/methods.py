"""Participation methods named in the text, from the vocabulary in `schemas/vocab/methods.jsonl`.

Rule-based NER: spaCy's blank Italian tokenizer and a PhraseMatcher on lower-cased tokens.
The tokenizer also splits on a backslash (`strada\\interviste`), which spaCy's Italian
infixes keep as one token. Matches inside an exclusion phrase (`Assemblea legislativa`)
are dropped. Where a document has fields that describe its design, only those are read.
"""

from __future__ import annotations

import spacy
from spacy.matcher import PhraseMatcher
from spacy.util import compile_infix_regex

from extract.document import Document, Mention
from extract.extractors import Resources, extractor

EXTRA_INFIXES = (r"\\",)


class MethodMatcher:
    """A tokenizer and two PhraseMatchers (methods, exclusions), built once per run."""

    def __init__(self, resources: Resources) -> None:
        nlp = spacy.blank("it")
        infixes = list(nlp.Defaults.infixes) + list(EXTRA_INFIXES)
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        self.tokenizer = nlp.tokenizer
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exclusions = PhraseMatcher(nlp.vocab, attr="LOWER")
        for method in resources.config.methods:
            self.matcher.add(method.id, [self.tokenizer(pattern) for pattern in method.patterns])
            if method.exclude:
                self.exclusions.add(method.id, [self.tokenizer(pattern) for pattern in method.exclude])

    def find(self, text: str, offset: int) -> list[Mention]:
        doc = self.tokenizer(text)
        excluded = {index for _key, start, end in self.exclusions(doc) for index in range(start, end)}
        mentions = []
        for key, start, end in self.matcher(doc):
            if any(index in excluded for index in range(start, end)):
                continue
            span = doc[start:end]
            method = doc.vocab.strings[key]
            mentions.append(
                Mention(
                    "methods", span.text, method, offset + span.start_char, offset + span.end_char, "methods.v1", 0.8
                )
            )
        return mentions


@extractor("methods.v1", emits=("methods",))
def extract_methods(document: Document, resources: Resources) -> list[Mention]:
    matcher = resources.cache.get("methods.matcher")
    if matcher is None:
        matcher = resources.cache["methods.matcher"] = MethodMatcher(resources)
    tags = set(resources.config.pipeline["method_sources"]["tags"])
    tagged = {key for key, spec in resources.config.labels.items() if tags & set(spec.tags)}
    fields = [item for item in document.fields if item.key in tagged]
    if fields:
        return [mention for item in fields for mention in matcher.find(item.value, item.value_start)]
    if document.doc_type in resources.config.pipeline["method_sources"]["full_text_for"]:
        return matcher.find(document.text, 0)
    return []
