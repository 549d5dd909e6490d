"""Reading order for laid-out pages: positioned words to text as a person reads it.

Everything is derived from the geometry of each page, never from fixed coordinates:
1. words whose vertical centres agree form a row; a row splits into segments wherever the
   gap between two words is wider than a word space can be (`SEGMENT_GAP` × font size);
2. column gutters are the x-ranges that (almost) no segment covers while the text on both
   sides does; a segment that crosses a gutter (a title, a centred quote, a footer line)
   is wide and cuts the page into bands;
3. within a band, columns are read left to right, each top to bottom, and consecutive
   segments form blocks until the typography changes (a small bold label, a large value)
   or a paragraph gap opens;
4. within a block a line runs on into the next when it was wrapped (it ends close to the
   block's right edge), and stops at short lines and list bullets.

Blocks are separated by a blank line, so labels and values come out as the text version of
the same card shows them. Each word keeps its page and box for provenance.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import accumulate
from statistics import median

from extract.loaders.pdf.backends import Page, Word
from extract.loaders.pdf.furniture import (
    Placed,
    footer_address,
    furniture,
    is_furniture,
    overlay,
    printed_from,
)
from extract.loaders.pdf.typography import inner_labels, label_styles, value_start

ROW_TOLERANCE = 0.35  # × the smaller font size: baselines closer than this share a row
LABEL_SIZE_RATIO = 1.5  # a value this much larger than its label may sit off the label's baseline
MAX_ATTACHED_WORDS = 5  # a large value beside its label is a number or a place, not a sentence
ATTACH_GAP = 2.0  # × the value's font size: how far right of its label a value may stand
RECENT_ROWS = 3  # rows a word may still join (columns interleave their baselines)
HEADING_RATIO = 1.3  # a block in type this much larger than the page's text is a heading: its lines join
KICKER_RATIO = 1.6  # type this much larger beside small type on one row is another text (small caps are less)
MAX_HEADING_LINES = 4
TITLE_SIZE_TIE = 0.5  # points: headings this close in size are in one type
MIN_TITLE_WORDS = 2
PRINTED_TITLE_SHARE = 0.6  # of a heading's words in the print header's title line: it is the title
MIN_TITLE_LETTERS = 3  # a heading with fewer letters than this (beyond its digits) names nothing
MIN_PARAGRAPH_LINES = 3  # lines enough for a block's own right edge to show where its text wraps
MIN_FORM_ROWS = 3  # a label column needs this many labels
MAX_LABEL_LINES = 4  # a label wraps over at most this many lines
LABEL_WRAP_GAP = 1.5  # × font size: lines this close make one label when the vocabulary joins them
FORM_LABEL_SHARE = 0.6  # and this share of its entries must be known labels
SEGMENT_GAP = 0.8  # × font size: a wider gap between two words on a row starts a new segment
ZONE_GAP = 2.5  # × median font size of empty space across the whole page starts a new zone
CAPTION_GAP_RATIO = 0.5  # a label this much nearer the block above than the one below is its caption
MAX_BAND_CUTS = 3  # of a zone's bands of space, the widest this many are tried as a change of columns
BAND_GAP = 1.5  # × median font size of empty space where the columns change starts a new zone
GUTTER_COVERAGE = 0.2  # a gutter is covered by at most this share of the busiest x position
MIN_GUTTER = 1.0  # × median font size
MIN_COLUMN_ROWS = 2  # rows with text on each side of a gutter that changes the columns of a zone
# (the word spaces of one justified line of a title are no change of columns)
MIN_COLUMN_SHARE = 0.03  # of the page's characters, on each side of a gutter
SPANNING = 0.8  # a segment wider than this share of the text area is not counted in gutter coverage
PARAGRAPH_GAP = 0.75  # × font size of vertical space that ends a block
LIST_GAP = 1.5  # × font size: entries of a bulleted list may stand this far apart
SIZE_CHANGE = 0.15  # relative change of font size that ends a block
BULLETS = ("-", "–", "—", "•", "·", "▪", "*")
SENTENCE_ENDS = (".", "!", "?", ":", ";")
LIST_CONTINUES = ("//", "/", ",", "-", "–", "+")  # a list entry cut after one of these goes on
PAGE_RUN_ON_INDENT = 2.0  # × font size: the next page's line starts this close to the block's left edge
MIN_BULLETS = 2
# A list item that opens with its own short heading and a colon (`Asp: Operatori`), as lists
# without bullets write each entry.
_ITEM_HEAD = re.compile(r"^[^\W\d_][^:]{0,40}:\s")
# A line of the first page that names pages in a trail: a breadcrumb (`Home » Processi » Titolo`)
# or a printed page title (`Titolo | Sito`); among headings in one type, the one it names is the title.
_TRAIL = re.compile(r"\s[|»›>/]\s")
_LABEL_HEAD = re.compile(r"^([^\W\d_][^:]{0,120}):\s")  # a line that opens with `Label: `


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
        self.size = _weighted_median([(size, chars) for size, _bold, chars in weights])
        bold_chars = sum(chars for _size, bold, chars in weights if bold)
        self.bold = bold_chars * 2 > sum(chars for _size, _bold, chars in weights)


@dataclass
class Box:
    """Where a span of the document text was printed."""

    start: int
    end: int
    page: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class LaidOut:
    text: str
    boxes: list[Box] = field(default_factory=list)
    title: tuple[int, int] | None = None  # the first page's heading: its largest type
    source_url: str | None = None  # the web address printed on every page, if any
    label_starts: list[int] = field(default_factory=list)  # where a run in the labels' style opens a line


def _weighted_median(pairs: list[tuple[float, int]]) -> float:
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
        for previous, word in itertools.pairwise(row):
            gap = word.x0 - previous.x1 > SEGMENT_GAP * max(word.size, previous.size)
            if gap or _size_jump(previous, word):
                segments.append(Segment(current, page.number, number))
                current = []
            current.append(word)
        segments.append(Segment(current, page.number, number))
    return _attach_values(segments)


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


def _rejoin(segments: list[Segment]) -> list[Segment]:
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


def gutters(segments: list[Segment], min_rows: int = 1) -> list[tuple[float, float]]:
    """x-ranges between columns: covered by few segments, with text on both sides (on at least
    `min_rows` rows each: one row may be a footer's two ends)."""
    if len(segments) < 2:
        return []
    left, right = int(min(item.x0 for item in segments)), int(max(item.x1 for item in segments)) + 1
    changes = [0] * (right - left + 2)  # a difference array: +1 where a segment starts, -1 past its end
    heads = _leading_lines(segments)
    for item in segments:
        if item.x1 - item.x0 > SPANNING * (right - left) or id(item) in heads:
            continue  # a title or a quote across the columns does not fill a gutter
        changes[int(item.x0) - left] += 1
        changes[int(item.x1) - left + 1] -= 1
    coverage = list(accumulate(changes[:-1]))
    busiest = max(coverage)
    limit = busiest * GUTTER_COVERAGE
    min_width = MIN_GUTTER * median(item.size for item in segments)
    found = []
    start = None
    both_sides = _text_on_both_sides(segments)
    for x, covered in enumerate(coverage):
        if covered <= limit and start is None:
            start = x
        elif covered > limit and start is not None:
            if x - start >= min_width and start > 0:
                low, high = _emptiest(coverage, start, x)
                if both_sides(left + low, left + high) and _rows_beside(segments, left + low, left + high, min_rows):
                    found.append((left + low, left + high))
            start = None
    return _merge_empty_columns(found, segments)


def _rows_beside(segments: list[Segment], low: float, high: float, min_rows: int) -> bool:
    left = {item.row for item in segments if item.x1 <= high}
    right = {item.row for item in segments if item.x0 >= low}
    return min(len(left), len(right)) >= min_rows


def _merge_empty_columns(found: list[tuple[float, float]], segments: list[Segment]) -> list[tuple[float, float]]:
    """Two gutters with next to no text between them are one: the words justified text pushed to
    its lines' end (`… risorse      //`) stand inside a column's margin, not in a column."""
    if len(found) < 2:
        return found
    total = sum(len(word.text) for item in segments for word in item.words)
    merged = [found[0]]
    for low, high in found[1:]:
        between = sum(
            len(word.text) for item in segments if item.x0 >= merged[-1][0] and item.x1 <= high for word in item.words
        )
        if between < MIN_COLUMN_SHARE * total:
            merged[-1] = (merged[-1][0], high)
        else:
            merged.append((low, high))
    return merged


def _leading_lines(segments: list[Segment]) -> set[int]:
    """The lines that open a zone alone on their rows (a title and its subtitle over a grid of
    columns) before the first row of several segments: they stand above the columns, not in
    them, and do not fill their gutters."""
    rows: dict[int, list[Segment]] = {}
    for item in segments:
        rows.setdefault(item.row, []).append(item)
    found: set[int] = set()
    for row in sorted(rows, key=lambda number: min(item.top for item in rows[number])):
        if len(rows[row]) > 1:
            return found if len(found) < len(segments) else set()
        found.add(id(rows[row][0]))
    return set()  # a zone of single lines has no columns to keep its head out of


def _text_on_both_sides(segments: list[Segment]) -> Callable[[float, float], bool]:
    """Whether each side of a gutter holds a real share of the page's characters (a word that
    justified text pushed to the end of its line is no column); sums read by bisection, since a
    page may try many gutters."""
    chars = [sum(len(word.text) for word in item.words) for item in segments]
    total = sum(chars)
    ends = sorted(zip((item.x1 for item in segments), chars, strict=True))
    starts = sorted(zip((item.x0 for item in segments), chars, strict=True))
    end_xs, end_mass = [x for x, _ in ends], [0, *accumulate(mass for _, mass in ends)]
    start_xs, start_mass = [x for x, _ in starts], [0, *accumulate(mass for _, mass in starts)]

    def both(low: float, high: float) -> bool:
        left = end_mass[bisect_right(end_xs, high)]
        right = total - start_mass[bisect_left(start_xs, low)]
        return min(left, right) >= MIN_COLUMN_SHARE * total

    return both


def _emptiest(coverage: list[int], start: int, end: int) -> tuple[int, int]:
    """The longest run of least coverage inside a low region: where the gutter really is (a column
    of short lines leaves a low region wider than its gutter)."""
    least = min(coverage[start:end])
    best = (start, start)
    run_start = None
    for x in range(start, end + 1):
        if x < end and coverage[x] == least:
            run_start = x if run_start is None else run_start
        elif run_start is not None:
            if x - run_start > best[1] - best[0]:
                best = (run_start, x)
            run_start = None
    return best


def _column(segment: Segment, cuts: list[tuple[float, float]]) -> int | None:
    """The column a segment lies in, or None when it crosses a gutter (wide)."""
    column = 0
    for low, high in cuts:
        middle = (low + high) / 2
        if segment.x0 < middle < segment.x1:
            return None
        if segment.x0 >= middle:
            column += 1
    return column


def zones(segments: list[Segment]) -> list[list[Segment]]:
    """Horizontal slices of a page separated by wide empty space (a contacts box under the
    columns, a footer), or by narrower space where the columns change (a grid of three boxes
    above a text in two columns): each is read on its own, top to bottom."""
    if not segments:
        return []
    body = median(item.size for item in segments)
    return [part for zone in _slices(segments, ZONE_GAP * body) for part in _by_columns(zone, BAND_GAP * body)]


def _top(segments: list[Segment]) -> float:
    return min(item.top for item in segments)


def _bottom(segments: list[Segment]) -> float:
    return max(item.bottom for item in segments)


def _rows(segments: list[Segment]) -> int:
    return len({item.row for item in segments})


def _slices(segments: list[Segment], gap: float) -> list[list[Segment]]:
    """The segments cut wherever the empty space between one line and the next exceeds gap."""
    ordered = sorted(segments, key=lambda item: item.top)
    found = [[ordered[0]]]
    lowest = ordered[0].bottom
    for item in ordered[1:]:
        if item.top - lowest > gap:
            found.append([])
        found[-1].append(item)
        lowest = max(lowest, item.bottom)
    return found


def _by_columns(zone: list[Segment], gap: float) -> list[list[Segment]]:
    """A zone cut at an empty band where its columns change: when the parts above and below it
    have more gutters than the whole (each one's gutters hidden by the other's text)."""
    if len(zone) < 2 * MIN_FORM_ROWS:
        return [zone]
    cuts = _slices(zone, gap)
    if len(cuts) < 2:
        return [zone]
    whole = len(gutters(zone, MIN_COLUMN_ROWS))
    widest = sorted(range(1, len(cuts)), key=lambda index: _top(cuts[index]) - _bottom(cuts[index - 1]), reverse=True)
    for index in sorted(widest[:MAX_BAND_CUTS]):  # columns change where the page leaves most room
        upper = [item for part in cuts[:index] for item in part]
        lower = [item for part in cuts[index:] for item in part]
        if min(_rows(upper), _rows(lower)) < MIN_FORM_ROWS:
            continue  # a row or two (a caption under its value) are no columns of their own
        if max(len(gutters(upper, MIN_COLUMN_ROWS)), len(gutters(lower, MIN_COLUMN_ROWS))) > whole:
            return _by_columns(upper, gap) + _by_columns(lower, gap)
    return [zone]


class Labels:
    """The vocabulary the layout reads with: is a text a label (`match`: the vocabulary's own
    matcher, else the folded text among `keys`), or the start of one (a label wrapped over lines
    in a narrow column); which words never end a line of their own."""

    def __init__(
        self,
        keys: Iterable[str] = (),
        fold: Callable[[str], str] = str.lower,
        continues_after: Iterable[str] = (),
        match: Callable[[str], object] | None = None,
    ) -> None:
        self._fold = fold
        self._match = match
        self._keys = set(keys)
        self._starts = {" ".join(key.split()[:size]) for key in self._keys for size in range(1, len(key.split()))}
        self._continues_after = {fold(word) for word in continues_after}

    def continues(self, line_text: str) -> bool:
        """The line ends with a word that cannot end it (`di`, `e`, `per`): the next line goes on."""
        words = line_text.split()
        return bool(words) and self._fold(words[-1]) in self._continues_after

    def __call__(self, text: str) -> bool:
        return self._match(text) is not None if self._match else self._fold(text) in self._keys

    def starts(self, text: str) -> bool:
        return self._fold(text) in self._starts


NO_LABELS = Labels()


def reading_order(segments: list[Segment], is_label: Labels = NO_LABELS) -> list[list[Segment]]:
    """Segments grouped into blocks, in reading order: zones, then bands top to bottom, columns
    left to right; a column of labels beside a column of values is read row by row."""
    return _captions_first([block for zone in zones(segments) for block in _zone_order(zone, is_label)], is_label)


def _captions_first(blocks: list[list[Segment]], is_label: Labels) -> list[list[Segment]]:
    """Labels set under their values as captions (`Maggio 2018` / `Nato nel`) are read before
    them. A label belongs to the text it stands nearest to: it is a caption when the block above
    it is much nearer than the block below, its type is no larger than that value's and the value
    is no label itself. Captions are a page's design, not one label's accident: they are read so
    only when most of the page's labels stand so (an empty value leaves one label far from the
    next), and a label with nothing below it (at the foot of a page) is read as written."""
    labels = [index for index, block in enumerate(blocks) if is_label(_text(block))]
    if not labels:
        return blocks
    bounds = [_bounds(block) for block in blocks]
    captions: list[tuple[int, int]] = []
    over_values = 0
    for index in labels:
        above, below = _neighbour(index, bounds, -1), _neighbour(index, bounds, 1)
        gap_above = bounds[index][2] - bounds[above][3] if above is not None else float("inf")
        gap_below = bounds[below][2] - bounds[index][3] if below is not None else float("inf")
        if gap_below < CAPTION_GAP_RATIO * gap_above:
            over_values += 1
        elif (
            gap_above < CAPTION_GAP_RATIO * gap_below
            and below is not None
            and above is not None
            and not is_label(_text(blocks[above]))
            and max(line.size for line in blocks[index]) <= min(line.size for line in blocks[above])
        ):
            captions.append((index, above))
    if len(captions) <= over_values:
        return blocks
    ordered = list(blocks)
    for index, above in captions:
        ordered.remove(blocks[index])
        ordered.insert(next(place for place, item in enumerate(ordered) if item is blocks[above]), blocks[index])
    return ordered


def _bounds(block: list[Segment]) -> tuple[float, float, float, float]:
    """(left, right, top, bottom) of a block."""
    return (
        min(line.x0 for line in block),
        max(line.x1 for line in block),
        min(line.top for line in block),
        max(line.bottom for line in block),
    )


def _neighbour(index: int, bounds: list[tuple[float, float, float, float]], direction: int) -> int | None:
    """The nearest block above (direction -1) or below (+1) that shares some of its width."""
    left, right, top, bottom = bounds[index]
    best, best_gap = None, float("inf")
    for other, (other_left, other_right, other_top, other_bottom) in enumerate(bounds):
        if other == index or other_right <= left or other_left >= right:
            continue
        gap = other_top - bottom if direction > 0 else top - other_bottom
        if 0 <= gap < best_gap:
            best, best_gap = other, gap
    return best


def _zone_order(segments: list[Segment], is_label: Labels) -> list[list[Segment]]:
    cuts = gutters(segments)
    columns = {id(item): _column(item, cuts) for item in segments}
    wide = sorted((item for item in segments if columns[id(item)] is None), key=lambda item: item.top)
    narrow = [item for item in segments if columns[id(item)] is not None]
    forms = _label_columns(narrow, columns, is_label)
    blocks: list[list[Segment]] = []
    heading_size = HEADING_RATIO * median(item.size for item in segments)
    carried: list[Segment] = []
    for band in range(len(wide) + 1):
        upper = wide[band - 1].top if band else float("-inf")
        lower = wide[band].top if band < len(wide) else float("inf")
        if band:
            _add(blocks, wide[band - 1], wide[band - 2] if band > 1 else None)
        inside = carried + [item for item in narrow if upper <= item.top < lower]
        if band and band < len(wide) and _title_goes_on(wide[band - 1], wide[band], heading_size):
            carried = inside  # what stands beside a title wrapped over lines is read after it
            continue
        carried = []
        lines = {
            column: sorted(_rejoin([item for item in inside if columns[id(item)] == column]), key=_top_left)
            for column in sorted({columns[id(item)] for item in inside})  # type: ignore[type-var]
        }
        order = sorted(lines)
        index = 0
        while index < len(order):
            column = order[index]
            following = order[index + 1] if index + 1 < len(order) else None
            if following is not None and (
                _is_label_column(lines[column], is_label) or (column in forms and _has_label(lines[column], is_label))
            ):
                blocks += _form_cells(lines[column], lines[following], is_label)
                index += 2
                continue
            blocks += _column_blocks(lines[column])
            index += 1
    return blocks


def _title_goes_on(line: Segment, following: Segment, heading_size: float) -> bool:
    """Two lines of a title across the columns, one under the other in the same large type."""
    return line.size >= heading_size and not _breaks(line, following) and abs(line.x0 - following.x0) <= line.size


def _label_columns(narrow: list[Segment], columns: dict[int, int | None], is_label: Labels) -> set[int]:
    """Columns that are a form's labels over the whole zone: a band cut off by a section heading
    may hold only one or two of its rows, and is still read as the form it belongs to."""
    found = set()
    for column in {columns[id(item)] for item in narrow}:
        lines = sorted(_rejoin([item for item in narrow if columns[id(item)] == column]), key=_top_left)
        if column is not None and _is_label_column(lines, is_label):
            found.add(column)
    return found


def _has_label(lines: list[Segment], is_label: Labels) -> bool:
    return any(is_label(_text(cell)) for cell in label_cells(lines, is_label))


def _top_left(line: Segment) -> tuple[float, float]:
    """Reading position of a line: its first word's baseline (a large value attached to a label
    reaches higher than the label's own line), then its left edge."""
    return line.words[0].baseline, line.x0


def _column_blocks(lines: list[Segment]) -> list[list[Segment]]:
    blocks: list[list[Segment]] = []
    previous = None
    for item in lines:
        _add(blocks, item, previous)
        previous = item
    return blocks


def _text(lines: list[Segment]) -> str:
    return " ".join(word.text for line in lines for word in line.words)


def label_cells(lines: list[Segment], is_label: Labels) -> list[list[Segment]]:
    """A label column's cells: the lines of one label, however many it wraps over. A line goes
    on the label above unless a paragraph gap, a colon ending the label above, or a label of
    its own starts a new cell; it goes on when the vocabulary says the label is not complete
    yet (`Persone coinvolte` / `nell'attuazione del` / `progetto:`), when the line above ends
    on a word that needs another (`del`, `e`), or when it opens in lower case (a label's first
    word has the capital)."""
    cells: list[list[Segment]] = []
    for line in lines:
        if cells and _continues_label(cells[-1], line, is_label):
            cells[-1].append(line)
        else:
            cells.append([line])
    return cells


def _continues_label(cell: list[Segment], line: Segment, is_label: Labels) -> bool:
    previous = cell[-1]
    gap = line.top - previous.bottom
    size = max(previous.size, line.size)
    above, text = _text(cell), _text([line])
    if above.endswith(":") or (is_label(above) and is_label(text)) or gap > LABEL_WRAP_GAP * size:
        return False
    if is_label(above) and gap > PARAGRAPH_GAP * size:  # a whole label, then space: the next cell
        return False
    if is_label(f"{above} {text}") or is_label.starts(f"{above} {text}"):
        return True
    if is_label(above) or is_label(text) or gap > PARAGRAPH_GAP * size:
        return False
    first = next((char for char in text if char.isalpha()), "")
    return is_label.continues(above) or first.islower()


def _is_label_column(lines: list[Segment], is_label: Labels) -> bool:
    """A column whose cells are mostly known labels (`Nato nel`, `Cabina di regia ristretta`)."""
    cells = label_cells(lines, is_label)
    labelled = sum(1 for cell in cells if is_label(_text(cell)))
    return labelled >= MIN_FORM_ROWS and labelled >= FORM_LABEL_SHARE * len(cells)


def value_cells(values: list[Segment], cells: list[list[Segment]]) -> list[list[Segment]]:
    """A value column's cells: its lines split at paragraph gaps, and where a label cell starts
    on the same baseline once the value so far stands beside another label (a form without
    gaps between its rows; a label centred on its value shares a baseline with a middle line)."""
    carried = _carried_over(values, cells[0]) if values and cells and values[0].page > 1 else []
    values = values[sum(len(cell) for cell in carried) :]
    found: list[list[Segment]] = []
    for line in values:
        baseline = line.words[0].baseline
        starting = [
            index
            for index, cell in enumerate(cells)
            if abs(baseline - cell[0].words[0].baseline) <= ROW_TOLERANCE * line.size
        ]
        gap = bool(found) and line.top - found[-1][-1].bottom > PARAGRAPH_GAP * line.size
        beside_another = bool(found) and any(
            _overlap(found[-1], cell) > 0 for index, cell in enumerate(cells) if index not in starting
        )
        if not found or gap or (starting and beside_another):
            found.append([line])
        else:
            found[-1].append(line)
    return carried + found


def _carried_over(values: list[Segment], first: list[Segment]) -> list[list[Segment]]:
    """On a page after the first, the value lines above the first label, when a later line starts
    beside that label: the end of a value from the page before, a cell of its own (the page
    break joins it to its start)."""
    start = first[0].words[0].baseline
    above = [line for line in values if line.words[0].baseline < start - ROW_TOLERANCE * line.size]
    aligned = any(abs(line.words[0].baseline - start) <= ROW_TOLERANCE * line.size for line in values)
    return [above] if above and aligned and above == values[: len(above)] else []


def _overlap(value: list[Segment], cell: list[Segment]) -> float:
    """How far a value cell and a label cell share the same heights (negative: apart)."""
    return min(max(line.bottom for line in value), cell[-1].bottom) - max(value[0].top, cell[0].top)


def owner_of(value: list[Segment], cells: list[list[Segment]]) -> int | None:
    """The label cell a value cell belongs to: the one beside it (the most vertical overlap: a
    label may be centred on a value that starts above it), else the nearest above (a value
    running on below its label); None above the first label."""
    top = value[0].top
    overlaps = [_overlap(value, cell) for cell in cells]
    best = max(range(len(cells)), key=lambda index: overlaps[index])
    if overlaps[best] > 0:
        return best
    above = [index for index, cell in enumerate(cells) if cell[0].top <= top]
    return above[-1] if above else None


def _form_cells(labels: list[Segment], values: list[Segment], is_label: Labels) -> list[list[Segment]]:
    """A form read cell by cell: each label cell, then every value cell it owns, whatever number
    of lines each takes (no row-by-row interleaving)."""
    cells = label_cells(labels, is_label)
    owned: list[list[list[Segment]]] = [[] for _cell in cells]
    blocks: list[list[Segment]] = []
    for value in value_cells(values, cells):
        owner = owner_of(value, cells)
        if owner is None:
            blocks += _column_blocks(value)
        else:
            owned[owner].append(value)
    for cell, mine in zip(cells, owned, strict=True):
        blocks.append(cell)
        for value in mine:
            blocks += _column_blocks(value)
    return blocks


def _add(blocks: list[list[Segment]], segment: Segment, previous: Segment | None) -> None:
    """Append to the current block, or open a new one at a change of style or a paragraph gap."""
    if previous is not None and blocks and blocks[-1][-1] is previous and not _breaks(previous, segment):
        blocks[-1].append(segment)
    else:
        blocks.append([segment])


def _breaks(previous: Segment, segment: Segment) -> bool:
    size = max(previous.size, segment.size)
    if abs(previous.size - segment.size) > SIZE_CHANGE * size or previous.bold != segment.bold:
        return True
    gap = segment.top - previous.bottom
    if _bulleted(previous) and _bulleted(segment) and abs(previous.x0 - segment.x0) <= SIZE_CHANGE * size:
        return gap > LIST_GAP * size  # a loosely spaced list is still one list
    return gap > PARAGRAPH_GAP * size


def _bulleted(line: Segment) -> bool:
    return line.words[0].text.startswith(BULLETS)


def _near_edge(line: Segment, following: Segment, right_edge: float) -> bool:
    """The next line's first word would not have fitted after this line: it was wrapped."""
    first = following.words[0]
    return right_edge - line.x1 < (first.x1 - first.x0) + 1.5 * line.size


def column_edges(segments: list[Segment]) -> Callable[[Segment], float]:
    """For a line, the right edge of the page column it stands in: how far the column's text
    reaches anywhere on the page (a wrapped line ends near it)."""
    cuts = gutters(segments)
    reach: dict[int | None, float] = {}
    for item in segments:
        column = _column(item, cuts)
        reach[column] = max(reach.get(column, item.x1), item.x1)
    right = max(item.x1 for item in segments)

    def edge(line: Segment) -> float:
        return reach.get(_column(line, cuts), right) if _column(line, cuts) is not None else right

    return edge


def _line_breaks(block: list[Segment], edge: Callable[[Segment], float], body_size: float, labels: Labels) -> list[str]:
    """What joins each line of a block to the next: a space where the text was wrapped, else a
    line break. A label wrapped over lines joins (`Cabina di regia` / `allargata: 23`); a
    heading's lines join; in a bulleted list a line without a bullet continues the item above;
    a block whose lines mostly stop short is a list of short lines (a contacts box), never run on."""
    if len(block) < 2:
        return []
    if labels.starts(_text(block[:1])):
        joins = _label_joins(block, labels)
        if joins is not None:
            return (
                joins + _line_breaks(block[len(joins) :], edge, body_size, labels)
                if len(joins) < len(block) - 1
                else joins
            )
    if block[0].size >= HEADING_RATIO * body_size and len(block) <= MAX_HEADING_LINES:
        return [" "] * (len(block) - 1)
    bullets = [line.words[0].text.startswith(BULLETS) for line in block]
    if sum(bullets) >= MIN_BULLETS:
        return ["\n" if bullet else " " for bullet in bullets[1:]]
    block_right = max(line.x1 for line in block) if len(block) >= MIN_PARAGRAPH_LINES else float("inf")
    wrapped = [
        _near_edge(line, following, min(edge(line), block_right)) for line, following in itertools.pairwise(block)
    ]
    is_list = sum(wrapped) * 2 < len(wrapped)
    heads = [bool(_ITEM_HEAD.match(_text([line]))) for line in block]
    opens = [_opens_with_label(_text([line]), labels) for line in block]
    items = [head or label for head, label in zip(heads, opens, strict=True)] if sum(heads) >= MIN_BULLETS else opens
    if sum(heads) >= MIN_BULLETS:  # a list of `Ente: ruoli` entries: a line goes on only when it must
        is_list = False
        wrapped = [
            _must_go_on(_text([line]), _text([following]), labels) for line, following in itertools.pairwise(block)
        ]
    closed = [_text([line]).endswith(")") for line in block]  # `Ausl di Piacenza (operatori)`
    if sum(closed) >= MIN_BULLETS:  # entries that each end with their roles in parentheses
        items = [False, *closed[:-1]]
    wrapped = [
        wrap and not _closes_label(line, following, labels)
        for wrap, (line, following) in zip(wrapped, itertools.pairwise(block), strict=True)
    ]
    goes_on = [  # in a list of short lines, a line wrapped at the edge goes on where the next opens in
        # lower case, unless it is a whole label (`Conclusione del processo` / `marzo 2017`)
        labels.continues(_text([line])) or (_text([following])[:1].islower() and not labels(_text([line])))
        for line, following in itertools.pairwise(block)
    ]
    return [
        " " if wrap and not item and (not is_list or going_on) else "\n"
        for wrap, item, going_on in zip(wrapped, items[1:], goes_on, strict=False)
    ]


def _closes_label(line: Segment, following: Segment, labels: Labels) -> bool:
    """A whole label on a line of its own is not wrapped text, however far its line reaches: it
    ends where the next line opens like a value (`Stato di avanzamento` / `Concluso`), and a value
    ends before the next line that is a whole label (`… non finanziato` / `Anno della
    certificazione`)."""
    first = _text([following])[:1]
    return bool(first) and not first.islower() and (labels(_text([line])) or labels(_text([following])))


def _must_go_on(line: str, following: str, labels: Labels) -> bool:
    """In a list of entries a line continues the one above when it opens in lower case or the
    line above ends on a separator or a word that needs another (`Operatori //`, `di`); an
    entry in capitals (`Imprese`, `Cittadini`) is an entry of its own."""
    first = next((char for char in following if char.isalpha()), "")
    return first.islower() or line.endswith(LIST_CONTINUES) or labels.continues(line)


def _opens_with_label(text: str, labels: Labels) -> bool:
    """The line opens with a known label and its colon (`Numero partecipanti: 180`): a new field,
    however close the line above came to the edge."""
    head = _LABEL_HEAD.match(text)
    return bool(head) and labels(head.group(1))


def _label_joins(block: list[Segment], labels: Labels) -> list[str] | None:
    """Spaces joining the first lines of a block into one label (the longest the vocabulary knows:
    `Persone coinvolte nell'attuazione` goes on into `del progetto:`), or None when they make none."""
    head = _text(block[:1])
    best = None
    for size in range(2, min(MAX_LABEL_LINES, len(block)) + 1):
        following = _text(block[size - 1 : size])
        head = f"{head} {following}"
        label_part = head.split(":", 1)[0]
        if labels(label_part):
            best = size
        if ":" in head or not labels.starts(label_part):
            break
    if best is None:
        return None
    return [" "] * (best - 1) + (["\n"] if best < len(block) else [])


def lay_out(pages: list[Page], is_label: Labels = NO_LABELS) -> LaidOut:
    """The text of the pages in reading order, with the box of every word."""
    parts: list[str] = []
    boxes: list[Box] = []
    position = 0

    def write(text: str) -> None:
        nonlocal position
        parts.append(text)
        position += len(text)

    laid: list[tuple[Page, float, Callable[[Segment], float], list[list[Segment]]]] = []
    fixed = overlay(
        [[Placed(word.text, word.x0, word.top, word.x1, word.baseline) for word in page.words] for page in pages]
    )
    pages = [
        page._replace(words=tuple(word for index, word in enumerate(page.words) if index not in drop)) if drop else page
        for page, drop in zip(pages, fixed, strict=True)
    ]
    by_page = [(page, segments) for page in pages if (segments := segments_of(page))]
    lines = [[(_text([item]), item.top, item.size) for item in segments] for _page, segments in by_page]
    heading_floor = HEADING_RATIO * _body_size(by_page[0][1]) if by_page else 0.0
    repeated = furniture(lines, heading_floor) if by_page else set()
    dropped: list[str] = []
    for (page, all_segments), page_lines in zip(by_page, lines, strict=True):
        segments = []
        for item, (text, top, _size) in zip(all_segments, page_lines, strict=True):
            if is_furniture(text, top, repeated):
                dropped.append(text)
            else:
                segments.append(item)
        if not segments:
            continue
        body_size = _body_size(segments)
        laid.append((page, body_size, column_edges(segments), reading_order(segments, is_label)))
    styles = label_styles((line.words for *_rest, blocks in laid for block in blocks for line in block), is_label)
    label_starts: list[int] = []
    headings: list[tuple[int, int, float]] = []  # (start, end, size) of the first page's headings
    heading_block: list[Segment] | None = None  # the last heading's last block, while it may go on
    ending: tuple[list[Segment], float] | None = None  # the previous page's last block and its column's edge
    for page, body_size, edge, blocks in laid:
        for number, block in enumerate(blocks):
            if position:
                runs_on = number == 0 and ending is not None and runs_on_next_page(*ending, block, is_label)
                list_on = number == 0 and ending is not None and list_goes_on(ending[0], block)
                write(" " if runs_on else "\n" if list_on else "\n\n")
            block_start = position
            joins = _line_breaks(block, edge, body_size, is_label)
            for index, line in enumerate(block):
                split = value_start(line.words, styles)  # `Stato di avanzamento  Concluso`: label, then value
                if index:
                    write("\n" if split else joins[index - 1])  # a line opening with a label is a new field
                if split:
                    label_starts.append(position)
                further = inner_labels(line.words, styles, is_label) if styles else []
                breaks = {split, *(edge for pair in further for edge in pair)}
                starts = {start for start, _value in further}
                for word_number, word in enumerate(line.words):
                    if word_number:
                        write("\n" if word_number in breaks else " ")
                    if word_number in starts:
                        label_starts.append(position)
                    end = position + len(word.text)
                    boxes.append(Box(position, end, page.number, word.x0, word.top, word.x1, word.bottom))
                    write(word.text)
            is_heading = page is pages[0] and block[0].size >= HEADING_RATIO * body_size and _names(block)
            if is_heading and heading_block is not None and _goes_on(heading_block, block):
                headings[-1] = (headings[-1][0], position, headings[-1][2])  # a title wrapped past a band
                heading_block = block
            elif is_heading:
                headings.append((block_start, position, block[0].size))
                heading_block = block
            else:
                heading_block = None
        if blocks:
            ending = (blocks[-1], edge(blocks[-1][-1]))
    address = printed_from(dropped)
    if address is None and lines:
        address = footer_address(lines[0])
    text = "".join(parts)
    trails = [line for line, _top, size in lines[0] if size < heading_floor and _TRAIL.search(line)] if lines else []
    return LaidOut(text, boxes, title_of(headings, text, dropped + trails), address, label_starts)


def title_of(headings: list[tuple[int, int, float]], text: str, printed: list[str]) -> tuple[int, int] | None:
    """The first page's heading in its largest type; of several in that type (a site's name and
    the page's title), the one the browser printed as the page's title, else the first."""
    if not headings:
        return None
    largest = max(size for _start, _end, size in headings)
    tied = [(start, end) for start, end, size in headings if size >= largest - TITLE_SIZE_TIE]
    best, most = tied[0], 0
    for start, end in tied:  # the most words shared with a printed title line (which may add the site's name)
        words = text[start:end].lower().split()
        for line in printed:
            shared = sum(word in set(line.lower().split()) for word in words)
            if len(words) >= MIN_TITLE_WORDS and shared >= PRINTED_TITLE_SHARE * len(words) and shared > most:
                best, most = (start, end), shared
    return best


def _names(block: list[Segment]) -> bool:
    """A title names something: more letters than digits (the big `220 persone` of a card's
    numbers is no title)."""
    text = _text(block)
    return sum(char.isalpha() for char in text) > 2 * sum(char.isdigit() for char in text) + MIN_TITLE_LETTERS


def _goes_on(heading: list[Segment], block: list[Segment]) -> bool:
    """A block right under the heading, in its type and at its left edge, is the rest of it (a
    title wrapped onto a line that a column gutter set apart)."""
    last, first = heading[-1], block[0]
    same_type = abs(last.size - first.size) <= SIZE_CHANGE * last.size and last.bold == first.bold
    near = 0 <= first.top - last.bottom <= PARAGRAPH_GAP * last.size
    return same_type and near and abs(first.x0 - heading[0].x0) <= PAGE_RUN_ON_INDENT * first.size


def list_goes_on(block: list[Segment], following: list[Segment]) -> bool:
    """A bulleted list at the foot of a page goes on at the top of the next: both open with a
    bullet, in the same type, at the same left edge (one list, its entries one per line)."""
    last, first = block[-1], following[0]
    bullets = last.words[0].text.startswith(BULLETS) and first.words[0].text.startswith(BULLETS)
    same_type = abs(last.size - first.size) <= SIZE_CHANGE * max(last.size, first.size) and last.bold == first.bold
    return bullets and same_type and abs(first.x0 - last.x0) <= PAGE_RUN_ON_INDENT * first.size


def runs_on_next_page(
    block: list[Segment], right_edge: float, following: list[Segment], is_label: Labels = NO_LABELS
) -> bool:
    """A page's last block goes on in the next page's first block (one value across the break):
    its last line was wrapped mid-sentence (it reaches the column's edge, no sentence-final
    punctuation), and the next page opens in the same type, at the block's left edge, with no
    label and no heading (a lone line that ends no sentence)."""
    last, first = block[-1], following[0]
    if last.words[-1].text.endswith(SENTENCE_ENDS) or is_label(_text([first])) or _bulleted(first):
        return False
    if len(following) == 1 and not first.words[-1].text.endswith(SENTENCE_ENDS):
        return False
    if abs(last.size - first.size) > SIZE_CHANGE * max(last.size, first.size) or last.bold != first.bold:
        return False
    if abs(first.x0 - min(line.x0 for line in block)) > PAGE_RUN_ON_INDENT * first.size:
        return False
    return _near_edge(last, first, right_edge)


def _body_size(segments: list[Segment]) -> float:
    """The page's body type: the size most of its characters are set in."""
    return _weighted_median([(item.size, sum(len(word.text) for word in item.words)) for item in segments])
