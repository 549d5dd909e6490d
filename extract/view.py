"""One document as the extractors read it: the document, the run's resources, and what several
extractors derive from the document (prose regions, field blocks, contact blocks), worked out
once and dropped with the view when the document is done (spaCy keeps per-document results on
its Doc the same way; nothing per-document is kept in the run's shared resources).

Which parts of the text an extractor of prose may read: a scheda is labels and values, so prose
is the free-text values (fields that fill no column). Cards, articles and reports are prose,
less the labelled values that fill a column (a number after `Cabina di regia ristretta:` is a
size, not a count), the contacts block and site boilerplate (cookie notices, share buttons)
listed in `schemas/values.json`.
"""

from __future__ import annotations

import re
from functools import cached_property

from extract.document import Document, LabelledField
from extract.lexicon.contact_values import has_contact_value
from extract.lexicon.resources import Resources, built_once
from extract.text import line_spans

Region = tuple[int, int, LabelledField | None]
CONTACT_VALUE_TAG = "contact_value"
CONTACTS_TAG = "contacts"  # a contacts field is no prose region
VIEW_TAGS = (CONTACTS_TAG, CONTACT_VALUE_TAG)  # the label tags this view reads
MAX_PARAGRAPHS_WITHOUT_CONTACT = 2
_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?!\s*\n))+")


def _field_end(document: Document, index: int, resources: Resources | None = None, through: str | None = None) -> int:
    """Where a field's block ends: at the next label, or the next one not tagged `through`."""
    for following in document.fields[index + 1 :]:
        spec = resources.config.label(following.key) if resources is not None and through else None
        if spec is None or through not in spec.tags:
            return following.label_start
    return len(document.text)


def field_blocks(document: Document, resources: Resources, tag_prefix: str) -> list[tuple[LabelledField, str, int]]:
    """(field, tag, end) for the fields tagged `tag_prefix…`; a block runs to the next label."""
    blocks = []
    for index, item in enumerate(document.fields):
        spec = resources.config.label(item.key)
        if spec is None or not spec.applies_to(document.doc_type):
            continue
        for tag in spec.tags:
            if tag.startswith(tag_prefix):
                blocks.append((item, tag, _field_end(document, index)))
    return blocks


@built_once("regions.boilerplate")
def _boilerplate_pattern(resources: Resources) -> re.Pattern[str]:
    return re.compile("|".join(resources.config.values["boilerplate_lines"]), re.IGNORECASE)


def _boilerplate(document: Document, resources: Resources) -> list[tuple[int, int]]:
    markers = _boilerplate_pattern(resources)
    return [(start, end) for line, start, end in line_spans(document.text) if line and markers.search(line)]


def contact_block_end(document: Document, index: int, resources: Resources) -> int:
    """End of a contacts block (`Contatti:` …): past its labels of e-mails and phones, and no further
    than two paragraphs in a row without an e-mail, a phone or a contact's label (a card's footer
    follows it)."""
    item = document.fields[index]
    end = _field_end(document, index, resources, CONTACT_VALUE_TAG)
    return contact_paragraphs_end(document, resources, item.label_end, end)


def contact_paragraphs_end(document: Document, resources: Resources, start: int, limit: int) -> int:
    """Where the contacts that begin at `start` end, no further than `limit`: before two paragraphs
    in a row without an e-mail, a phone or a contact record's own label (`Ruolo`, `Cognome e nome`:
    they hold no value but belong to the record; a form prints each in a cell of its own)."""
    text = document.text
    record_labels = {
        labelled.label_start
        for labelled in document.fields
        if (spec := resources.config.label(labelled.key)) is not None and CONTACT_VALUE_TAG in spec.tags
    }
    misses = 0
    first_miss = None
    for match in _PARAGRAPH.finditer(text, start, limit):
        paragraph = match.group(0)
        if not paragraph.strip():
            continue
        if has_contact_value(paragraph) or match.start() + len(paragraph) - len(paragraph.lstrip()) in record_labels:
            misses, first_miss = 0, None
            continue
        misses += 1
        first_miss = first_miss if first_miss is not None else match.start()
        if misses == MAX_PARAGRAPHS_WITHOUT_CONTACT:
            return first_miss
    return limit


def _prose_regions(document: Document, resources: Resources) -> list[Region]:
    config = resources.config
    if document.doc_type == "scheda":
        regions: list[Region] = []
        for item in document.fields:
            spec = config.label(item.key)
            if spec is not None and spec.kind == "field" and spec.field is None and CONTACTS_TAG not in spec.tags:
                regions.append((item.value_start, item.value_end, item))
        return regions
    segments: list[Region] = [(0, document.fields[0].label_start if document.fields else len(document.text), None)]
    cuts = _boilerplate(document, resources)
    for index, item in enumerate(document.fields):
        spec = config.label(item.key)
        block_end = _field_end(document, index)  # the prose after a contacts block is still prose
        if spec is not None and CONTACTS_TAG in spec.tags:
            cuts.append((item.label_start, contact_block_end(document, index, resources)))
        elif spec is not None and spec.field is not None:
            lines = item.value_lines()  # a column's value is its first line (label_value reads no more)
            value_end = lines[0][1] + len(lines[0][0]) if lines else item.label_end
            cuts.append((item.label_start, max(item.label_end, value_end)))
        paragraph_end = document.text.find("\n\n", max(item.value_start, item.label_end))
        if 0 <= paragraph_end < block_end:  # past its first paragraph, prose is no longer the label's
            segments += [(item.label_start, paragraph_end, item), (paragraph_end, block_end, None)]
        else:
            segments.append((item.label_start, block_end, item))
    cuts.sort()
    return [(a, b, item) for start, end, item in segments for a, b in _subtract((start, end), cuts) if b > a]


def _subtract(whole: tuple[int, int], cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`whole` less the `cuts` (sorted by start)."""
    pieces = []
    position = whole[0]
    for start, end in cuts:
        if end <= position or start >= whole[1]:
            continue
        if start > position:
            pieces.append((position, start))
        position = max(position, end)
    if position < whole[1]:
        pieces.append((position, whole[1]))
    return pieces


class DocumentView:
    """A document with the run's resources and its derived state, built for one document."""

    def __init__(self, document: Document, resources: Resources) -> None:
        self.document = document
        self.resources = resources
        self._blocks: dict[str, list[tuple[LabelledField, str, int]]] = {}

    @cached_property
    def prose_regions(self) -> list[Region]:
        """Spans of prose, each with the labelled field it belongs to (None outside any field)."""
        return _prose_regions(self.document, self.resources)

    def field_blocks(self, tag_prefix: str) -> list[tuple[LabelledField, str, int]]:
        """(field, tag, end) for the fields tagged `tag_prefix…`; a block runs to the next label."""
        if tag_prefix not in self._blocks:
            self._blocks[tag_prefix] = field_blocks(self.document, self.resources, tag_prefix)
        return self._blocks[tag_prefix]

    def contact_block_end(self, index: int) -> int:
        return contact_block_end(self.document, index, self.resources)

    def contact_paragraphs_end(self, start: int, limit: int) -> int:
        return contact_paragraphs_end(self.document, self.resources, start, limit)
