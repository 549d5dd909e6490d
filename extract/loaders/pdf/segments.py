"""Rows and segments: the positioned words of a page grouped into the lines a reader sees.

Words whose baselines agree form a row (the smaller type of two sets the tolerance); a row
splits into segments wherever the gap between two words is wider than a word space can be
(`SEGMENT_GAP` × font size, or several times the row's own word space) or the type jumps to a
heading's size; a large value set beside a small label on another baseline joins the label's
line. Pure functions over word boxes.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from extract.loaders.pdf.backends import Page, Word

ROW_TOLERANCE = 0.35  # × the smaller font size: baselines closer than this share a row
LABEL_SIZE_RATIO = 1.5  # a value this much larger than its label may sit off the label's baseline
MAX_ATTACHED_WORDS = 5  # a large value beside its label is a number or a place, not a sentence
ATTACH_GAP = 2.0  # × the value's font size: how far right of its label a value may stand
RECENT_ROWS = 3  # rows a word may still join (columns interleave their baselines)
KICKER_RATIO = 1.6  # type this much larger beside small type on one row is another text (small caps are less)
SEGMENT_GAP = 0.8  # × font size: a wider gap between two words on a row starts a new segment
SPACE_RATIO = 3.0  # × the row's word space: so does a gap this much wider than the row's spaces,
MIN_COLUMN_GAP = 0.5  # × font size: when it is this wide too
MIN_SPACES = 3  # gaps a row needs for its median to be its word space


@dataclass
class Segment:
    words: list[Word]
    page: int
    row: int = 0
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    bold: bool = False

    def __post_init__(self) -> None:
        self.words.sort(key=lambda word: word.x0)
        self.x0 = min(word.x0 for word in self.words)
        self.x1 = max(word.x1 for word in self.words)
        self.top = min(word.top for word in self.words)
        self.bottom = max(word.bottom for word in self.words)
        weights = [(word.size, word.bold, len(word.text)) for word in self.words]
        self.size = weighted_median([(size, chars) for size, _bold, chars in weights])
        bold_chars = sum(chars for _size, bold, chars in weights if bold)
        self.bold = bold_chars * 2 > sum(chars for _size, _bold, chars in weights)


def text_of(lines: Iterable[Segment]) -> str:
    """The words of lines, one space apart."""
    return " ".join(word.text for line in lines for word in line.words)


def weighted_median(pairs: list[tuple[float, int]]) -> float:
    total = sum(weight for _value, weight in pairs)
    running = 0
    for value, weight in sorted(pairs):
        running += weight
        if running * 2 >= total:
            return value
    return pairs[0][0] if pairs else 0.0


def segments_of(page: Page) -> list[Segment]:
    """Rows of words on one baseline, split at wide gaps; large values joined to their labels."""
    rows: list[list[Word]] = []
    smallest: list[float] = []  # the smallest type of each row, which sets its baseline tolerance
    for word in sorted(page.words, key=lambda item: (item.baseline, item.x0)):
        for index in range(len(rows) - 1, max(len(rows) - RECENT_ROWS, 0) - 1, -1):
            size = min(word.size, smallest[index])
            if abs(word.baseline - rows[index][0].baseline) <= ROW_TOLERANCE * size:
                rows[index].append(word)
                smallest[index] = size
                break
        else:
            rows.append([word])
            smallest.append(word.size)
    segments = []
    for number, row in enumerate(rows):
        row.sort(key=lambda item: item.x0)
        current = [row[0]]
        space = _word_space(row)
        for previous, word in itertools.pairwise(row):
            gap = word.x0 - previous.x1
            wide = gap > SEGMENT_GAP * max(word.size, previous.size) or (
                space is not None and gap > SPACE_RATIO * space and gap > MIN_COLUMN_GAP * min(word.size, previous.size)
            )
            if wide or _size_jump(previous, word):
                segments.append(Segment(current, page.number, number))
                current = []
            current.append(word)
        segments.append(Segment(current, page.number, number))
    return _attach_values(segments)


def _word_space(row: list[Word]) -> float | None:
    """The row's word space: the median gap between its words, when it has gaps enough to tell.
    Justification stretches every space of a line alike, so a gap several times this one is no
    space but the gutter between a label and its value (a `dt` and its `dd`)."""
    gaps = sorted(max(word.x0 - previous.x1, 0.0) for previous, word in itertools.pairwise(row))
    return gaps[len(gaps) // 2] if len(gaps) >= MIN_SPACES else None


def _size_jump(previous: Word, word: Word) -> bool:
    """Type a heading's size beside small type on one row (a kicker before a title) is two texts."""
    small, large = sorted((previous.size, word.size))
    return large >= KICKER_RATIO * small


def _attach_values(segments: list[Segment]) -> list[Segment]:
    """A large value set beside a small label on another baseline (`A:` centred on `Cervia (RA)`,
    `Cabina di regia` / `allargata:` beside a big `23`) joins the label line nearest its baseline."""
    if not segments:
        return segments
    smallest = min(item.size for item in segments)
    by_centre = sorted(segments, key=lambda item: (item.top + item.bottom) / 2)
    centres = [(item.top + item.bottom) / 2 for item in by_centre]
    merged: dict[int, Segment] = {}
    absorbed: set[int] = set()
    for value in sorted(segments, key=lambda item: -item.size):
        if value.size < LABEL_SIZE_RATIO * smallest or id(value) in absorbed or id(value) in merged:
            continue
        if len(value.words) > MAX_ATTACHED_WORDS:  # a title beside a kicker, not a label's value
            continue
        low, high = bisect_left(centres, value.top), bisect_right(centres, value.bottom)
        labels = [
            label
            for label in by_centre[low:high]
            if label.row != value.row
            and id(label) not in absorbed
            and value.size >= LABEL_SIZE_RATIO * label.size
            and label.x1 <= value.x0
        ]
        says_label = any(label.words[-1].text.endswith(":") for label in labels)  # a kicker beside a title does not
        if says_label and value.x0 - max(label.x1 for label in labels) <= ATTACH_GAP * value.size:
            label = max(labels, key=lambda item: item.words[0].baseline)
            current = merged.get(id(label), label)
            merged[id(label)] = Segment(current.words + value.words, label.page, label.row)
            absorbed.add(id(value))
    return [merged.get(id(item), item) for item in segments if id(item) not in absorbed]


def rejoin(segments: list[Segment]) -> list[Segment]:
    """Segments of one row in one column are one line (justified text opens wide gaps), unless
    the type jumps to a heading's size between them (a kicker before a title)."""
    by_row: dict[int, list[list[Word]]] = {}
    for item in sorted(segments, key=lambda item: (item.row, item.x0)):
        runs = by_row.setdefault(item.row, [])
        if runs and not _size_jump(runs[-1][-1], item.words[0]):
            runs[-1].extend(item.words)
        else:
            runs.append(list(item.words))
    return [Segment(words, segments[0].page, row) for row, runs in by_row.items() for words in runs]
