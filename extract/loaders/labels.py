"""Finds label/value pairs in plain text: a known label alone on a line, its value on the lines after.

Labels come from the vocabulary in `schemas/scheda_labels.jsonl`, so a label whose value is
empty ends at the next label instead of swallowing it. A known label followed by a colon
on the same line (`Data ultima modifica: 31/01/2020`) carries its value inline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.document import LabelledField
from extract.text import fold, line_spans

# `Label: value`, `Label<TAB>value` or `Label   value` (two or more spaces) on one line.
_INLINE_LABEL = re.compile(r"^(?P<label>[^:\t\n]{2,120}?)(?:\s*:\s*|\s*\t\s*|\s{2,})(?P<value>\S.*)$")


def _label_lines(
    lines: list[tuple[str, int, int]], known: Iterable[str]
) -> list[tuple[int, str, tuple[int, int] | None]]:
    """(line index, label text, inline value span or None) for each line that is a known label."""
    known_keys = set(known)
    found = []
    for index, (line, start, _end) in enumerate(lines):
        if not line:
            continue
        if fold(line) in known_keys:
            found.append((index, line, None))
            continue
        match = _INLINE_LABEL.match(line)
        if match and fold(match["label"]) in known_keys:
            value_start = start + match.start("value")
            found.append((index, match["label"], (value_start, start + len(line))))
    return found


def segment_labelled_text(text: str, known_keys: Iterable[str], offset: int = 0) -> list[LabelledField]:
    """Label/value fields of `text` (offsets shifted by `offset`), in document order."""
    lines = line_spans(text)
    labels = _label_lines(lines, known_keys)
    fields: list[LabelledField] = []
    for position, (index, label, inline) in enumerate(labels):
        _line, label_start, _ = lines[index]
        if inline is not None:
            value_start, value_end = inline
        else:
            stop = labels[position + 1][0] if position + 1 < len(labels) else len(lines)
            body = [span for span in lines[index + 1 : stop] if span[0]]
            value_start = body[0][1] if body else lines[index][2]
            value_end = body[-1][2] if body else value_start
        fields.append(
            LabelledField(
                label=label,
                key=fold(label),
                label_start=label_start + offset,
                label_end=label_start + len(label) + offset,
                value=text[value_start:value_end],
                value_start=value_start + offset,
                value_end=value_end + offset,
            )
        )
    return fields
