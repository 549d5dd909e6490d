"""Finds label/value pairs in plain text: a known label alone on a line, its value on the lines after.

Labels come from the vocabulary in `schemas/labels.jsonl`, matched as `label_match` says (after
normalisation and by shared words, so a reworded label is still its field), so a label whose
value is empty ends at the next label instead of swallowing it. A known label followed by a colon
on the same line (`Data ultima modifica: 31/01/2020`) carries its value inline. Header
labels (tag `header`) are also found glued together on one line, as article pages print
them (`Autore: A. RossiRegione: Emilia RomagnaLocalità: …`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import NamedTuple

from extract.document import LabelledField
from extract.label_match import LabelVocabulary
from extract.text import fold, line_spans

# `Label: value`, `Label<TAB>value` or `Label   value` (two or more spaces) on one line.
_FORM_HINT = re.compile(r"\s*\([^()]{1,80}\)\s*")  # a line wholly in parentheses: an instruction
_INLINE_LABEL = re.compile(r"^(?P<label>[^:\t\n]{1,120}?)(?:\s*:\s*|\s*\t\s*|\s{2,})(?P<value>\S.*)$")
HEADER_TAG = "header"
MIN_GLUED_LABELS = 2
_GLUE_SEPARATORS = " \t|;,·•–—-"  # `Località: X | Periodo: …`


class _Found(NamedTuple):
    line: int
    label: str
    label_start: int
    inline: tuple[int, int] | None
    key: str


def _glued_pattern(labels: LabelVocabulary) -> re.Pattern[str] | None:
    names = sorted((spec.label for spec in labels.values() if HEADER_TAG in spec.tags), key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?P<label>" + "|".join(map(re.escape, names)) + r")\s*:\s*", re.IGNORECASE)


def _glued(line: str, start: int, index: int, pattern: re.Pattern[str] | None) -> list[_Found]:
    """Header labels run together on one line, each value ending where the next label starts."""
    if pattern is None or line.count(":") < MIN_GLUED_LABELS:
        return []
    matches = list(pattern.finditer(line))
    if len(matches) < MIN_GLUED_LABELS:
        return []
    found = []
    for position, match in enumerate(matches):
        value_end = matches[position + 1].start() if position + 1 < len(matches) else len(line)
        value = line[match.end() : value_end]
        stripped_end = match.end() + len(value.rstrip(_GLUE_SEPARATORS))
        span = (start + match.end(), start + stripped_end)
        found.append(_Found(index, match["label"], start + match.start(), span, fold(match["label"])))
    return found


def _label_lines(
    lines: list[tuple[str, int, int]], labels: LabelVocabulary, styled: Collection[int] = ()
) -> list[_Found]:
    """Every known label standing at a line start (or glued in a header line), in document order;
    a line the page set in its labels' style (`styled`: line starts) is a label, known or not."""
    glued = _glued_pattern(labels)
    longest = max((len(key) for key in labels), default=0) + 2  # a longer line cannot be a label alone
    found: list[_Found] = []
    for index, (line, start, _end) in enumerate(lines):
        if not line:
            continue
        # a numbered section heading or form field (`2. Oggetto del processo`, `1.2 Nato nel *`)
        # is its label without the marks; `N. partecipanti` abbreviates the label, numbers nothing
        head, tail = labels.unmarked(line)
        if (head, tail) != (0, len(line)) and len(line) <= longest and labels.matches_as_written(line):
            head, tail = 0, len(line)
        bare = line[head:tail]
        if len(bare) <= longest and (spec := labels.match(bare)):
            found.append(_Found(index, bare, start + head, None, spec.key))
            continue
        if start in styled and not _INLINE_LABEL.match(line):
            found.append(_Found(index, line, start, None, fold(line)))  # a label with no field
            continue
        if header := _glued(line, start, index, glued):
            found += header
            continue
        match = _INLINE_LABEL.match(line)
        colon = ":" if match and ":" in line[match.end("label") : match.start("value")] else ""
        if match and (spec := labels.match(match["label"] + colon)):
            span = (start + match.start("value"), start + len(line))
            found.append(_Found(index, match["label"], start, span, spec.key))
    return found


def segment_labelled_text(
    text: str,
    labels: LabelVocabulary,
    offset: int = 0,
    styled_labels: Collection[int] = (),
    hints: Collection[int] = (),
) -> list[LabelledField]:
    """Label/value fields of `text` (offsets shifted by `offset`), in document order;
    `styled_labels` are the offsets of lines a PDF set in its labels' typography, `hints` those
    of a form's help text under a label (no part of the value)."""
    lines = line_spans(text)
    found = _label_lines(lines, labels, styled_labels)
    fields: list[LabelledField] = []
    for position, item in enumerate(found):
        if item.inline is not None:
            value_start, value_end = item.inline
        else:
            stop = found[position + 1].line if position + 1 < len(found) else len(lines)
            body = [span for span in lines[item.line + 1 : stop] if span[0]]
            if len(body) > 1 and (_FORM_HINT.fullmatch(body[0][0]) or body[0][1] in hints):
                body = body[1:]  # a form's hint under its label (`Nato nel` / `(mese e anno di avvio)`)
            value_start = body[0][1] if body else lines[item.line][2]
            value_end = body[-1][2] if body else value_start
        fields.append(
            LabelledField(
                label=item.label,
                key=item.key,
                label_start=item.label_start + offset,
                label_end=item.label_start + len(item.label) + offset,
                value=text[value_start:value_end],
                value_start=value_start + offset,
                value_end=value_end + offset,
            )
        )
    return fields
