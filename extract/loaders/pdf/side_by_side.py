"""Fields side by side: a row of labels, each over its own value (`Nato nel | A | Peso`, then
`Ottobre 2015 | Mesola (FE) | Programmazione locale`), as key-fact strips and forms print them.
Read row by row, the labels run together and so do their values; read field by field, each label
is followed by its value. Pure functions over segments, tested on hand-built boxes.
"""

from __future__ import annotations

import itertools
from typing import Protocol

from extract.loaders.pdf.segments import ROW_TOLERANCE, Segment, rejoin, text_of
from extract.loaders.pdf.typography import style_of

MIN_FIELDS = 2  # labels on one row: fields side by side
MAX_VALUE_LINES = 3  # a key fact or a form's box is short; longer text under a label is a column's
VALUE_GAP = 1.5  # × font size: a value starts this close under its label, and goes on as close
Bounds = tuple[float, float, float, float]  # x0, top, x1, bottom


class Vocabulary(Protocol):
    """What the layout's label vocabulary answers: a label, or the start of one."""

    def __call__(self, text: str) -> bool: ...

    def starts(self, text: str) -> bool: ...


def side_by_side_fields(
    segments: list[Segment], is_label: Vocabulary
) -> tuple[list[Segment], list[tuple[Bounds, list[list[Segment]]]]]:
    """The segments not in any row of fields side by side, and each such row as (its bounds, its
    blocks: label, value, next label, …). A row counts only when every label has a value under
    it; a value belongs to the label whose column it starts in, never crosses into the next one,
    and the row ends at a label, a gap or a line starting left of the first label. Text beyond the
    last label's column (a sidebar) is not the row's."""
    rows: dict[int, list[Segment]] = {}
    for item in segments:
        rows.setdefault(item.row, []).append(item)
    order = sorted(rows, key=lambda number: min(item.top for item in rows[number]))
    taken: set[int] = set()
    found: list[tuple[Bounds, list[list[Segment]]]] = []
    for position, row in enumerate(order):
        labels = _leading_labels(sorted(rows[row], key=lambda item: item.x0), is_label)
        if len(labels) < MIN_FIELDS or any(id(item) in taken for item in labels) or not _one_baseline(labels):
            continue
        right = _right_edge(labels)
        below = [[item for item in rows[number] if item.x0 < right] for number in order[position + 1 :]]
        values = _values_under(labels, right, [items for items in below if items], is_label)
        if values is None:
            continue
        taken.update(id(item) for item in labels + [line for value in values for line in value])
        blocks = [block for label, value in zip(labels, values, strict=True) for block in ([label], rejoin(value))]
        found.append((_bounds([item for block in blocks for item in block]), blocks))
    return [item for item in segments if id(item) not in taken], found


def _leading_labels(row: list[Segment], is_label: Vocabulary) -> list[Segment]:
    """The labels that open a row, left to right, all in one style, when nothing but text beyond
    their columns (a sidebar's line on the same baseline) follows them."""
    count = next((number for number, item in enumerate(row) if not is_label(text_of([item]))), len(row))
    labels = row[:count]
    if len({style_of(item.words[0]) for item in labels}) > 1:
        return []  # the labels of one row of fields are set alike; unlike ones head a page's columns
    if len(labels) < MIN_FIELDS or any(item.x0 < _right_edge(labels) for item in row[count:]):
        return []
    return labels


def _right_edge(labels: list[Segment]) -> float:
    """Where the last label's column ends: as wide as the widest column before it."""
    width = max(right.x0 - left.x0 for left, right in itertools.pairwise(labels))
    return labels[-1].x0 + width


def _one_baseline(labels: list[Segment]) -> bool:
    first = labels[0].words[0].baseline
    return all(abs(item.words[0].baseline - first) <= ROW_TOLERANCE * item.size for item in labels)


def _values_under(
    labels: list[Segment], right: float, below: list[list[Segment]], is_label: Vocabulary
) -> list[list[Segment]] | None:
    """Each label's value lines, from the rows right under the labels; None unless every label
    has one, none runs longer than a key fact does, and the row ends cleanly: at the next label,
    after a gap or at a text across the fields from the first one's left. Text going on right
    under a value (labels heading a page's columns of paragraphs) is no row of fields."""
    values: list[list[Segment]] = [[] for _label in labels]
    reach = [label.bottom for label in labels]  # how far down each column's text goes
    for row in below:
        placed = [(_column(item, labels, right), item) for item in row]
        if any(is_label(text_of([item])) or is_label.starts(text_of([item])) for item in row):
            going_on = any(
                column is not None
                and not is_label(text_of([item]))
                and item.top - reach[column] <= VALUE_GAP * item.size
                for column, item in placed
            )
            return None if going_on else _short(values)
        stray = [item for column, item in placed if column is None]
        if stray and any(item.top - max(reach) <= VALUE_GAP * item.size for item in row):
            if all(abs(item.x0 - labels[0].x0) <= labels[0].size for item in stray):
                break  # a text across the fields, from the first one's left: the row has ended
            return None  # text right under the values that is no one field's
        if not all(item.top - reach[column] <= VALUE_GAP * item.size for column, item in placed if column is not None):
            break
        if any(column is None for column, _item in placed):
            break
        for column, item in placed:
            values[column].append(item)  # type: ignore[index]
            reach[column] = max(reach[column], item.bottom)  # type: ignore[index]
    return _short(values)


def _short(values: list[list[Segment]]) -> list[list[Segment]] | None:
    return values if all(values) and max(map(len, values)) <= MAX_VALUE_LINES else None


def _column(item: Segment, labels: list[Segment], right: float) -> int | None:
    """The label whose column a value line starts in, when it stays clear of the next label's (the
    last column ends at `right`: text further right is beside the fields)."""
    starting = [number for number, label in enumerate(labels) if label.x0 - label.size <= item.x0]
    if not starting:
        return None
    column = starting[-1]
    if column + 1 < len(labels):
        return None if item.x1 > labels[column + 1].x0 else column
    return column if item.x0 < right else None


def _bounds(lines: list[Segment]) -> Bounds:
    return (
        min(line.x0 for line in lines),
        min(line.top for line in lines),
        max(line.x1 for line in lines),
        max(line.bottom for line in lines),
    )
