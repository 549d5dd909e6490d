"""Participation methods named in the text, from the vocabulary in `schemas/vocab/methods.jsonl`.

Rule-based NER on the shared spaCy pipeline (`extract.lexicon.nlp`): a PhraseMatcher on lower-cased
tokens. Matches inside an exclusion phrase (`Assemblea legislativa`) are dropped. Where a
document has fields that describe its design, only those are read; cards, articles and
reports are read whole, less site boilerplate.
"""

from __future__ import annotations

from extract.document import Document, Mention
from extract.extractors.base import Extractor, component
from extract.lexicon.nlp import nlp_for
from extract.lexicon.resources import Resources
from extract.view import DocumentView

NAME = "methods.v1"
CONFIDENCE = 0.8


def _find(document: Document, resources: Resources, spans: list[tuple[int, int]]) -> list[Mention]:
    nlp = nlp_for(resources)
    mentions = []
    for start, end in spans:
        region = nlp.parse(document.text, start, end)
        excluded = {
            index
            for match in nlp.matches("methods.exclude", region, longest=False)
            for index in range(match.span.start, match.span.end)
        }
        for match in nlp.matches("methods", region, longest=False):
            if any(index in excluded for index in range(match.span.start, match.span.end)):
                continue
            mentions.append(
                Mention("methods", match.span.text, match.key, match.start_char, match.end_char, NAME, CONFIDENCE)
            )
    return mentions


@component
class Methods(Extractor):
    name = NAME
    emits = ("methods",)

    def __call__(self, view: DocumentView) -> list[Mention]:
        document, resources = view.document, view.resources
        sources = resources.config.pipeline["method_sources"]
        tags = set(sources["tags"])
        tagged = {key for key, spec in resources.config.labels.items() if tags & set(spec.tags)}
        fields = [item for item in document.fields if item.key in tagged]
        if fields:
            return _find(document, resources, [(item.value_start, item.value_end) for item in fields])
        if document.doc_type in sources["full_text_for"]:
            return _find(document, resources, [(start, end) for start, end, _item in view.prose_regions])
        return []
