"""A form's help text: the short line a form prints under a field's label, in smaller type and
another ink than the answer under it (`Nato nel *` / `Mese e anno di avvio` / `Settembre 2016`).
It tells how to fill the field and is no part of its value. Pure functions over lines."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from extract.loaders.pdf.segments import Segment, text_of

HINT_SIZE_RATIO = 0.92  # a hint is set at most this large against its label and its answer


def _ink(line: Segment) -> tuple[bool, int]:
    return line.bold, line.words[0].colour


def form_hints(lines: Sequence[Segment], is_label: Callable[[str], bool]) -> list[int]:
    """Indexes of the lines (in reading order) that are help text: right after a line the
    vocabulary knows as a label, smaller than that label and than the next line, and in another
    ink than the next line (the answer)."""
    found = []
    for index in range(1, len(lines) - 1):
        label, hint, answer = lines[index - 1], lines[index], lines[index + 1]
        smaller = hint.size <= HINT_SIZE_RATIO * min(label.size, answer.size)
        if smaller and _ink(hint) != _ink(answer) and is_label(text_of([label])):
            found.append(index)
    return found
