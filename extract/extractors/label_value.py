"""Values of labelled fields (`Anno Finanziamento` / `2014`), normalised by the label's normaliser.

The label table in `schemas/labels.jsonl` says which field a label fills and how its
value is read. Only the value's first line is read for a scalar: what follows it may be
text of a label the vocabulary does not know yet.
"""

from __future__ import annotations

from extract.document import LabelledField, Mention
from extract.extractors.base import LABELLED, Extractor, component
from extract.lexicon.resources import Resources
from extract.normalise.dates import DateRange, DateValue
from extract.view import DocumentView

NAME = "label_value.v1"
CONFIDENCE = 0.95


def _first_line(item: LabelledField) -> tuple[str, int, int] | None:
    lines = item.value_lines()
    if not lines:
        return None
    text, start = lines[0]
    return text, start, start + len(text)


def mentions_for_field(item: LabelledField, field: str, normaliser_name: str, resources: Resources) -> list[Mention]:
    """The mentions one labelled value gives: one, or two for a date (value and precision)."""
    first = _first_line(item)
    if first is None:
        return []
    raw, start, end = first
    value = resources.normalisers[normaliser_name](raw)
    if value is None:
        return []
    extractor_name = f"{NAME}:{item.label}"
    if isinstance(value, DateRange):
        return date_mentions("start_date", value.start, raw, start, end, extractor_name, CONFIDENCE) + date_mentions(
            "end_date", value.end, raw, start, end, extractor_name, CONFIDENCE
        )
    if isinstance(value, DateValue):
        return date_mentions(field, value, raw, start, end, extractor_name, CONFIDENCE)
    return [Mention(field, raw, value, start, end, extractor_name, CONFIDENCE)]


def date_mentions(
    field: str, value: DateValue, raw: str, start: int, end: int, extractor_name: str, confidence: float
) -> list[Mention]:
    """A date and its precision, as two mentions of the same span."""
    return [
        Mention(field, raw, value.value, start, end, extractor_name, confidence),
        Mention(f"{field}_precision", raw, value.precision, start, end, extractor_name, confidence),
    ]


@component
class LabelValue(Extractor):
    name = NAME
    emits = (LABELLED,)

    def __call__(self, view: DocumentView) -> list[Mention]:
        document, resources = view.document, view.resources
        mentions: list[Mention] = []
        for item in document.fields:
            spec = resources.config.label(item.key)
            if spec is None or spec.field is None or spec.normaliser is None or not spec.applies_to(document.doc_type):
                continue
            mentions.extend(mentions_for_field(item, spec.field, spec.normaliser, resources))
        return mentions
