"""Columns and zones: where a page's text stands side by side and where it changes.

Column gutters are the x-ranges that (almost) no segment covers while the text on both sides
does; a zone is a horizontal slice of a page, cut at wide empty space or, more narrowly, where
its columns change. Pure functions over segments, tested on hand-built boxes.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import accumulate
from statistics import median

from extract.loaders.pdf.segments import Segment

MIN_BAND_ROWS = 3  # rows each part of a zone needs to hold columns of its own
ZONE_GAP = 2.5  # × median font size of empty space across the whole page starts a new zone
MAX_BAND_CUTS = 1  # bands of space tried as a change of columns, widest first (more cost time, found none)
BAND_GAP = 1.5  # × median font size of empty space where the columns change starts a new zone
GUTTER_COVERAGE = 0.2  # a gutter is covered by at most this share of the busiest x position
MIN_GUTTER = 1.0  # × median font size
MIN_COLUMN_ROWS = 2  # rows with text on each side of a gutter that changes the columns of a zone
# (the word spaces of one justified line of a title are no change of columns)
# (the word spaces of one justified line of a title are no change of columns)
MIN_COLUMN_SHARE = 0.03  # of the page's characters, on each side of a gutter
SPANNING = 0.8  # a segment wider than this share of the text area is not counted in gutter coverage


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


def _crossed(cuts: list[tuple[float, float]], segments: list[Segment]) -> bool:
    """Whether lines of `segments` on MIN_COLUMN_ROWS rows or more run across one of the gutters
    `cuts` from side to side (one long line may be a heading over both columns)."""
    return any(
        len({item.row for item in segments if item.x0 < low and item.x1 > high}) >= MIN_COLUMN_ROWS
        for low, high in cuts
    )


def _rows_beside(segments: list[Segment], low: float, high: float, min_rows: int) -> bool:
    """Text on both sides of a gutter on enough rows, and side by side: the two sides share some
    height (a centred line above a text's short last lines stands over them, not beside them)."""
    left = [item for item in segments if item.x1 <= high]
    right = [item for item in segments if item.x0 >= low]
    if min(len({item.row for item in left}), len({item.row for item in right})) < min_rows:
        return False
    return min(_bottom(left), _bottom(right)) > max(_top(left), _top(right))


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


def column_of(segment: Segment, cuts: list[tuple[float, float]]) -> int | None:
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


def _by_columns(zone: list[Segment], gap: float, whole: int | None = None) -> list[list[Segment]]:
    """A zone cut at an empty band where its columns change: when the parts above and below it
    have more gutters than the whole (each one's gutters hidden by the other's text), or text of
    one part runs across a gutter of the other (a contacts strip in two columns under a story in
    three). `whole` is the zone's count of gutters when already known."""
    if len(zone) < 2 * MIN_BAND_ROWS:
        return [zone]
    cuts = _slices(zone, gap)
    if len(cuts) < 2:
        return [zone]
    whole = len(gutters(zone, MIN_COLUMN_ROWS)) if whole is None else whole
    widest = sorted(range(1, len(cuts)), key=lambda index: _top(cuts[index]) - _bottom(cuts[index - 1]), reverse=True)
    for index in sorted(widest[:MAX_BAND_CUTS]):  # columns change where the page leaves most room
        upper = [item for part in cuts[:index] for item in part]
        lower = [item for part in cuts[index:] for item in part]
        if min(_rows(upper), _rows(lower)) < MIN_BAND_ROWS:
            continue  # a row or two (a caption under its value) are no columns of their own
        upper_cuts, lower_cuts = gutters(upper, MIN_COLUMN_ROWS), gutters(lower, MIN_COLUMN_ROWS)
        above, below = len(upper_cuts), len(lower_cuts)
        if max(above, below) > whole or _crossed(upper_cuts, lower) or _crossed(lower_cuts, upper):
            return _by_columns(upper, gap, above) + _by_columns(lower, gap, below)
    return [zone]
