"""Reading order for laid-out pages: positioned words to text as a person reads it.

Everything is derived from the geometry of each page, never from fixed coordinates:
1. words form rows and segments (`segments.py`); column gutters and zones come from
   `columns.py`: a segment that crosses a gutter (a title, a centred quote, a footer line)
   is wide and cuts a zone into bands;
2. within a band, columns are read left to right, each top to bottom (a column of labels
   beside a column of values cell by cell), and consecutive segments form blocks until the
   typography changes (a small bold label, a large value) or a paragraph gap opens; a label
   set under its value as a caption is read before it;
3. within a block a line runs on into the next when it was wrapped (it ends close to the
   block's right edge), and stops at short lines, whole labels and list bullets.

Blocks are separated by a blank line, so labels and values come out as the text version of
the same card shows them. Each word keeps its page and box for provenance. Fixed boxes and
page furniture are dropped first (`furniture.py`).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from statistics import median

from extract.lexicon.contact_values import EMAIL, has_contact_value
from extract.loaders.pdf.backends import Page, Rule, Word
from extract.loaders.pdf.columns import MIN_COLUMN_ROWS, column_of, gutters, zones
from extract.loaders.pdf.furniture import (
    Placed,
    footer_address,
    furniture,
    is_furniture,
    overlay,
    printed_from,
)
from extract.loaders.pdf.hints import form_hints
from extract.loaders.pdf.ruled import (
    ROW_SNAP,
    Cell,
    RuledTable,
    framed_boxes,
    frames_boxes,
    rule_bands,
    ruled_tables,
    split_by_tables,
)
from extract.loaders.pdf.segments import ROW_TOLERANCE, Segment, rejoin, segments_of, text_of, weighted_median
from extract.loaders.pdf.side_by_side import side_by_side_fields
from extract.loaders.pdf.tables import MIN_TABLE_COLUMNS as MIN_RECORD_COLUMNS
from extract.loaders.pdf.tables import split_table
from extract.loaders.pdf.typography import inner_labels, label_styles, value_start

HEADING_RATIO = 1.3  # a block in type this much larger than the page's text is a heading: its lines join
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
CAPTION_GAP_RATIO = 0.5  # a label this much nearer the block above than the one below is its caption
PARAGRAPH_GAP = 0.75  # × font size of vertical space that ends a block
LIST_GAP = 1.5  # × font size: entries of a bulleted list may stand this far apart
SIZE_CHANGE = 0.15  # relative change of font size that ends a block
BULLETS = ("-", "–", "—", "•", "·", "▪", "*")
SENTENCE_ENDS = (".", "!", "?", ":", ";")
LIST_CONTINUES = ("//", "/", ",", "-", "–", "+")  # a list entry cut after one of these goes on
PAGE_RUN_ON_INDENT = 2.0  # × font size: the next page's line starts this close to the block's left edge
MIN_BULLETS = 2
ROW_SHARE = 0.5  # of the smaller box's height: boxes sharing this much of their heights stand on one row
MAX_COLUMN_BOX = 0.4  # of the text's width: a box laid out apart this narrow stands in one column of the page
MIN_SIDE_BY_SIDE = 2  # labels opening a drawn table's first row: its fields stand side by side
# A list item that opens with its own short heading and a colon (`Asp: Operatori`), as lists
# without bullets write each entry; in a narrow box the heading may stand alone on its line.
_ITEM_HEAD = re.compile(r"^[^\W\d_][^:]{0,40}:(?:\s|$)")
_WORD = re.compile(r"\w+")
_TITLE_PARTS = re.compile(r"\s[–—|·-]\s")  # a document title's parts (`Page – Site`)
# A line of the first page that names pages in a trail: a breadcrumb (`Home » Processi » Titolo`)
# or a printed page title (`Titolo | Sito`); among headings in one type, the one it names is the title.
_TRAIL = re.compile(r"\s[|»›>/]\s")
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+")
_FIGURE = re.compile(r"\d{1,3}(?:\.\d{3})*")  # `4`, `180`, `1.200`: a figure alone on its line
_LABEL_HEAD = re.compile(r"^([^\W\d_][^:]{0,120}):\s")  # a line that opens with `Label: `


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
    hint_starts: list[int] = field(default_factory=list)  # where a form's help text under a label begins


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

    def names_field(self, text: str) -> bool:
        """The text is the label of a field (not a heading, nor a label that only opens a block)."""
        found = self._match(text) if self._match else None
        return getattr(found, "field", None) is not None


NO_LABELS = Labels()


def reading_order(
    segments: list[Segment], is_label: Labels = NO_LABELS, rules: Sequence[Rule] = (), frames: Sequence[Rule] = ()
) -> list[list[Segment]]:
    """Segments grouped into blocks, in reading order: zones, then bands top to bottom, columns
    left to right; a column of labels beside a column of values is read row by row. A table of
    drawn cells is read by its cells, fields side by side (each label over its value) field by
    field, and a box drawn around a field as a page of its own, each where it begins among the
    page's other blocks."""
    tables = [table for table in ruled_tables(rules, segments) if not frames_boxes(table, frames, segments)]
    outside, inside = split_by_tables(segments, tables) if tables else (segments, [])
    apart: list[tuple[Cell, list[list[Segment]]]] = []
    for table, cells in zip(tables, inside, strict=True):
        if _drawn_form(table, cells, is_label):
            outside += [item for found in cells.values() for item in found]
        elif cells:
            apart.append((table.bbox, _ruled_blocks(cells, table, is_label)))
    outside, fields = side_by_side_fields(outside, is_label)
    apart += [((x0, top, x1, bottom), found) for (x0, top, x1, bottom), found in fields]
    boxes = framed_boxes(frames, outside, tables)
    if boxes:
        outside, held = split_by_tables(outside, boxes)
        framed = []
        for box, cells in zip(boxes, held, strict=True):
            if cells:
                found = [item for part in cells.values() for item in part]
                framed.append((box.bbox, _box_blocks(found, is_label, not _text_under(box.bbox, outside))))
        apart += _pill_runs(_by_rows(framed), is_label, outside)
    blocks = [
        block
        for part in _apart_by_bands(outside, rules)
        for zone in zones(part)
        for block in _zone_order(zone, is_label)
    ]
    placed = 0  # blocks laid out apart go in where they begin, in the order they begin
    read = {id(block) for block in blocks}  # the page's own blocks, in reading order
    width = max((item.x1 for item in segments), default=0.0) - min((item.x0 for item in segments), default=0.0)
    for (x0, top, x1, bottom), found in sorted(apart, key=lambda pair: (pair[0][1], pair[0][0])):
        in_column = None
        if x1 - x0 <= MAX_COLUMN_BOX * width:  # a box in one column (a label's pill), not across them
            in_column = next(
                (
                    number
                    for number in range(len(blocks))
                    if id(blocks[number]) in read and _follows((x0, top, x1, bottom), blocks[number])
                ),
                None,
            )
        if in_column is None:
            in_column = next((number for number in range(placed, len(blocks)) if blocks[number][0].top > top), None)
        place = len(blocks) if in_column is None else in_column
        blocks[place:place] = found
        placed = place + len(found)
    return _captions_first(blocks, is_label)


def _by_rows(items: list[tuple[Cell, list[list[Segment]]]]) -> list[tuple[Cell, list[list[Segment]]]]:
    """Boxes in reading order: row by row (boxes whose heights overlap by half the smaller one
    are a row: a round badge beside its label's pill stands a little higher), left to right."""
    rows: list[list[tuple[Cell, list[list[Segment]]]]] = []
    for item in sorted(items, key=lambda pair: (pair[0][1] + pair[0][3]) / 2):
        box = item[0]
        last = rows[-1][-1][0] if rows else None
        if last is not None and min(box[3], last[3]) - max(box[1], last[1]) >= ROW_SHARE * min(
            box[3] - box[1], last[3] - last[1]
        ):
            rows[-1].append(item)
        else:
            rows.append([item])
    return [item for row in rows for item in sorted(row, key=lambda pair: pair[0][0])]


def _pill_runs(
    items: list[tuple[Cell, list[list[Segment]]]], is_label: Labels, outside: list[Segment]
) -> list[tuple[Cell, list[list[Segment]]]]:
    """Boxes that each hold one line (pills, chips, badges), row after row with no more room
    between them than a box's height, are one list: their lines one block, in reading order. A
    box holding a known label, or opening with one (`Nato nel: Marzo 2014`), opens a new one
    (`Cabina di regia allargata` after the chips of the core's list); so does a box in a size of
    its own (a title in a banner); a box with text beside it (an organisation's chip, its roles written after
    it) is an entry's head and stays apart."""
    runs: list[tuple[Cell, list[list[Segment]]]] = []
    previous: Cell | None = None
    previous_size = 0.0
    for box, blocks in items:
        single = len(blocks) == 1 and len(blocks[0]) == 1 and not _text_beside(box, outside)
        size = blocks[0][0].size if single else 0.0
        if (
            single
            and previous is not None
            and box[1] - previous[3] <= previous[3] - previous[1]
            and max(size, previous_size) < HEADING_RATIO * min(size, previous_size)  # no title in a box
            and not is_label(text_of(blocks[0]))
            and not _opens_with_label(text_of(blocks[0]), is_label)  # a field's box (`Nato nel: 2014`)
        ):
            (x0, top, x1, bottom), found = runs[-1]
            runs[-1] = ((min(x0, box[0]), top, max(x1, box[2]), max(bottom, box[3])), [found[0] + blocks[0]])
        else:
            runs.append((box, blocks))
        previous, previous_size = (box, size) if single else (None, 0.0)
    return runs


def _text_beside(box: Cell, segments: list[Segment]) -> bool:
    """Whether text outside the boxes stands on a box's row, right after it (within the box's
    height)."""
    _x0, top, x1, bottom = box
    return any(min(bottom, item.bottom) > max(top, item.top) and 0 <= item.x0 - x1 <= bottom - top for item in segments)


def _follows(box: Cell, block: list[Segment]) -> bool:
    """Whether a block is read after a box laid out apart: it stands under the box in the box's
    own column (they share some width: a box in the second column of three goes in before that
    column's next block, not before the first column's), or beside it on its row, to its right
    (the value beside a label drawn in a pill)."""
    x0, top, x1, bottom = box
    left, right = min(line.x0 for line in block), max(line.x1 for line in block)
    first = block[0]
    under = first.top > top and min(x1, right) > max(x0, left)
    beside = left >= x1 and min(bottom, first.bottom) > max(top, first.top)
    return under or beside


def _apart_by_bands(segments: list[Segment], rules: Sequence[Rule]) -> list[list[Segment]]:
    """The page's segments in parts, top to bottom: each band between rules across the text (a
    table ruled above, below and under its headings) apart from the text above and below it,
    when it holds columns the page's text as a whole hides (rules between the rows of a form
    whose columns the page shows anyway change nothing)."""
    whole = None
    bands = []
    for top, bottom in rule_bands(rules, segments):
        inside = [item for item in segments if top <= (item.top + item.bottom) / 2 <= bottom]
        whole = len(gutters(segments, MIN_COLUMN_ROWS)) if whole is None else whole
        if len(gutters(inside, MIN_COLUMN_ROWS)) > whole:
            bands.append((top, bottom))
    if not bands:
        return [segments]
    parts: list[list[Segment]] = [[] for _part in range(2 * len(bands) + 1)]
    for item in segments:
        middle = (item.top + item.bottom) / 2
        index = 2 * sum(1 for _top, bottom in bands if middle > bottom)
        inside = any(top <= middle <= bottom for top, bottom in bands)
        parts[index + 1 if inside else index].append(item)
    return [part for part in parts if part]


def _captions_first(blocks: list[list[Segment]], is_label: Labels) -> list[list[Segment]]:
    """Labels set under their values as captions (`Maggio 2018` / `Nato nel`) are read before
    them. A label belongs to the text it stands nearest to: it is a caption when the block above
    it is much nearer than the block below, its type is no larger than that value's and the value
    is no label itself. Captions are a page's design, not one label's accident: they are read so
    only when most of the page's labels stand so, and more of them than stand over their values
    (an empty value leaves one label far from the next), and a label with nothing below it (at
    the foot of a page) is read as written."""
    labels = [index for index, block in enumerate(blocks) if is_label(text_of(block))]
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
            and not is_label(text_of(blocks[above]))
            and max(line.size for line in blocks[index]) <= min(line.size for line in blocks[above])
        ):
            captions.append((index, above))
    if len(captions) <= over_values or len(captions) * 2 <= len(labels):
        return blocks  # most of the page's labels must stand as captions (evenly spaced lines tell nothing)
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


def _zone_order(
    segments: list[Segment], is_label: Labels, cuts: list[tuple[float, float]] | None = None
) -> list[list[Segment]]:
    cuts = gutters(segments) if cuts is None else cuts
    columns = {id(item): column_of(item, cuts) for item in segments}
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
        raw: dict[int, list[Segment]] = {}
        for item in inside:
            raw.setdefault(columns[id(item)], []).append(item)  # type: ignore[arg-type]
        lines = {
            column: sorted(rejoin(values_after_labels(raw[column], is_label)), key=_top_left) for column in sorted(raw)
        }
        order = sorted(lines)
        table = split_table([lines[column] for column in order], is_label.names_field)
        if table is not None:
            lead, rows = table
            blocks += _column_blocks(lead) + rows if lead else rows
            continue
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
            if following is not None and _mirrored_form(lines[column], lines[following], is_label):
                blocks += _form_cells(lines[following], lines[column], is_label)  # labels in the outer margin
                index += 2
                continue
            inner = _inner_form(raw[column], is_label) if cuts else None
            if inner is not None:
                blocks += inner
            elif len(order) == 1 and band and _ends_wide_line(wide[band - 1], lines[column][0], blocks):
                for previous, item in itertools.pairwise([wide[band - 1], *lines[column]]):
                    _add(blocks, item, previous)  # the short last line of a text across the columns
            else:
                blocks += _column_blocks(lines[column])
            index += 1
    return blocks


def _box_blocks(segments: list[Segment], is_label: Labels, closed: bool) -> list[list[Segment]]:
    """A box drawn around a field, read as a page of its own. When the box is `closed` (no text
    stands right under it, outside any box), its one label set at its foot, under the values,
    names the box and is read first: the box, not the distance, joins them."""
    blocks = [block for zone in zones(segments) for block in _zone_order(zone, is_label)]
    if (
        closed
        and len(blocks) > 1
        and is_label(text_of(blocks[-1]))
        and not any(is_label(text_of(block)) for block in blocks[:-1])
    ):
        return [blocks[-1], *blocks[:-1]]
    return blocks


def _text_under(box: Cell, segments: list[Segment]) -> bool:
    """Whether a line stands right under a box (a line and a half at most), beside it in width."""
    x0, _top, x1, bottom = box
    return any(
        item.x1 > x0 and item.x0 < x1 and 0 <= item.top - bottom <= LABEL_WRAP_GAP * item.size for item in segments
    )


def _drawn_form(table: RuledTable, cells: dict[int, list[Segment]], is_label: Labels) -> bool:
    """A drawn form (labels | values, the labels' cells mostly known labels) is read with the
    page around it, as any form: its label column goes on above and below the borders (a field
    whose value runs over a page break, a heading between two forms)."""
    left = table.bbox[0]
    columns = {round(table.cells[number][0]) for number in cells}
    labels = [number for number in cells if table.cells[number][0] - left <= ROW_SNAP]
    known = sum(is_label(text_of(sorted(rejoin(cells[number]), key=_top_left))) for number in labels)
    return len(columns) == MIN_SIDE_BY_SIDE and bool(labels) and known >= FORM_LABEL_SHARE * len(labels)


def _ruled_blocks(cells: dict[int, list[Segment]], table: RuledTable, is_label: Labels) -> list[list[Segment]]:
    """A table of drawn cells (its segments by cell), read by its cells. Fields side by side, each
    label in the first row over its values (`Nato nel | A | Peso`), are read column by column; any
    other table row by row, its cells left to right (`Nato nel | marzo 2019`), a table of records
    (three or more columns under headings that are no labels: `Nome | Ruolo | Ente`) one row a block."""
    lines = {
        number: sorted(rejoin(values_after_labels(found, is_label)), key=_top_left) for number, found in cells.items()
    }
    tops = table.row_tops()
    row_of = {number: bisect_right(tops, table.cells[number][1] + ROW_SNAP) - 1 for number in lines}
    rows = sorted(set(row_of.values()))
    header = [number for number in lines if row_of[number] == rows[0]]
    if len(header) >= MIN_SIDE_BY_SIDE and all(is_label(text_of(lines[number])) for number in header):
        order = sorted(lines, key=lambda number: (table.cells[number][0], table.cells[number][1]))
        return [block for number in order for block in _column_blocks(lines[number], _changes_type)]
    order = sorted(lines, key=lambda number: (row_of[number], table.cells[number][0]))
    if len(header) >= MIN_RECORD_COLUMNS:
        return [[line for number in order if row_of[number] == row for line in lines[number]] for row in rows]
    return [block for number in order for block in _column_blocks(lines[number], _changes_type)]


def _ends_wide_line(wide: Segment, line: Segment, blocks: list[list[Segment]]) -> bool:
    """A line alone under a line across the columns, flush with its left edge, in its type and
    without a gap, goes on the text above (a contact's address wrapped under its long line)."""
    return bool(blocks) and blocks[-1][-1] is wide and abs(line.x0 - wide.x0) <= wide.size and not _breaks(wide, line)


def _inner_form(segments: list[Segment], is_label: Labels) -> list[list[Segment]] | None:
    """A form inside one column (labels | values beside a sidebar, under a title across both)
    has a gutter of its own that the page's other columns hid: read by its own columns."""
    cuts = gutters(segments, MIN_COLUMN_ROWS)
    if not cuts:
        return None
    columns = {id(item): column_of(item, cuts) for item in segments}
    narrow = [item for item in segments if columns[id(item)] is not None]
    return _zone_order(segments, is_label, cuts) if _label_columns(narrow, columns, is_label) else None


def values_after_labels(segments: list[Segment], is_label: Labels) -> list[Segment]:
    """A value set beside a line of a label that wraps over the next lines of its own
    (`Utilizzo di piattaforme    Si` / `tecnologiche e strumenti digitali`; a number centred on a
    label of three lines) moves to the label's last line, so the label is read whole and its
    value after it: the vocabulary must know the lines together as a label, and the lines above
    and below must hold nothing but the label's rest. When the value goes on beside the label's
    rest (a right-aligned label column: `Persone coinvolte nell'attuazione  140` / `del progetto
    Comune: …`), the rest comes up to the label's first line instead."""
    rows: dict[int, list[Segment]] = {}
    for item in segments:
        rows.setdefault(item.row, []).append(item)
    order = sorted(rows, key=lambda number: min(item.top for item in rows[number]))
    moved: dict[int, int] = {}  # id of a segment -> the row it is read on
    for position, row in enumerate(order):
        first, *beside = sorted(rows[row], key=lambda item: item.x0)
        if not beside:
            continue
        label = _label_above(
            [rows[above] for above in order[max(0, position - MAX_LABEL_LINES + 1) : position]],
            first,
            beside[0],
            is_label,
        )
        if not is_label.starts(label):
            continue  # a whole label may still begin a longer one (`… nell'attuazione` / `del progetto`)
        rest: list[Segment] = []
        for below in order[position + 1 : position + MAX_LABEL_LINES]:
            line = _label_rest(rows[below], rest[-1] if rest else first, beside[0])
            if line is None:
                break
            rest.append(line)
            label = f"{label} {text_of([line])}"
            if is_label(label):
                if all(len(rows[order[position + 1 + index]]) == 1 for index in range(len(rest))):
                    moved.update((id(item), below) for item in beside)
                else:  # the value goes on beside the label's rest: the rest comes up to the label
                    moved.update((id(item), row) for item in rest)
                break
            if not is_label.starts(label):
                break
    if not moved:
        return segments
    return [Segment(item.words, item.page, moved[id(item)]) if id(item) in moved else item for item in segments]


def _label_rest(row: list[Segment], above: Segment, value: Segment) -> Segment | None:
    """The line of `row` that may hold more of the label whose line `above` is: in its type, close
    under it, at its left or right edge (a right-aligned label column), clear of the value beside
    the label, with nothing else on its row but the value's own lines (which start where the
    value starts)."""
    ordered = sorted(row, key=lambda item: item.x0)
    line, others = ordered[0], ordered[1:]
    aligned = abs(line.x0 - above.x0) <= above.size or abs(line.x1 - above.x1) <= above.size
    same_type = abs(line.size - above.size) <= SIZE_CHANGE * above.size
    if not (aligned and same_type) or line.x1 >= value.x0 or line.top - above.bottom > LABEL_WRAP_GAP * above.size:
        return None
    return line if all(item.x0 >= value.x0 - above.size for item in others) else None


def _label_above(above: list[list[Segment]], first: Segment, value: Segment, is_label: Labels) -> str:
    """The label that `first` goes on: `first` with the lines right above it that, with it, begin
    a label (each alone on its row, at its left edge, clear of the value beside it)."""
    label = text_of([first])
    for row in reversed(above):
        if not _label_line(row, first, value):
            break
        longer = f"{text_of(row)} {label}"
        if is_label(text_of(row)) or not is_label.starts(longer):
            break
        label = longer
    return label


def _label_line(row: list[Segment], first: Segment, value: Segment) -> bool:
    """A row that may hold more of the label `first` is in: alone on its row, at the label's left
    edge, clear of the value beside the label."""
    return len(row) == 1 and abs(row[0].x0 - first.x0) <= first.size and row[0].x1 < value.x0


def _title_goes_on(line: Segment, following: Segment, heading_size: float) -> bool:
    """Two lines of a title across the columns, one under the other in the same large type."""
    return line.size >= heading_size and not _breaks(line, following) and abs(line.x0 - following.x0) <= line.size


def _label_columns(narrow: list[Segment], columns: dict[int, int | None], is_label: Labels) -> set[int]:
    """Columns that are a form's labels over the whole zone: a band cut off by a section heading
    may hold only one or two of its rows, and is still read as the form it belongs to."""
    found = set()
    for column in {columns[id(item)] for item in narrow}:
        lines = sorted(rejoin([item for item in narrow if columns[id(item)] == column]), key=_top_left)
        if column is not None and _is_label_column(lines, is_label):
            found.add(column)
    return found


def _has_label(lines: list[Segment], is_label: Labels) -> bool:
    return any(is_label(text_of(cell)) for cell in label_cells(lines, is_label))


def _top_left(line: Segment) -> tuple[float, float]:
    """Reading position of a line: its first word's baseline (a large value attached to a label
    reaches higher than the label's own line), then its left edge."""
    return line.words[0].baseline, line.x0


def _column_blocks(
    lines: list[Segment], breaks: Callable[[Segment, Segment], bool] | None = None
) -> list[list[Segment]]:
    """A column's lines as blocks, a new one wherever `breaks` says (by default a change of type
    or a paragraph gap; in a drawn cell only a change of type, as the cell's borders, not the
    space between its lines, say what belongs together)."""
    breaks = breaks or _breaks
    blocks: list[list[Segment]] = []
    for line in lines:
        if blocks and not breaks(blocks[-1][-1], line):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def with_figures(cells: list[list[Segment]], is_label: Labels) -> list[list[Segment]]:
    """Label cells with the bare number set under each in the label column (a card's big figure
    under `Cabina di regia ristretta`) joined to them: the figure is the label's value, and what
    stands beside both (the list) comes after it."""
    joined: list[list[Segment]] = []
    for cell in cells:
        if joined and _figure(cell) and not _figure(joined[-1][-1:]) and is_label(text_of(joined[-1])):
            joined[-1] = joined[-1] + cell
        else:
            joined.append(cell)
    return joined


def _figure(lines: list[Segment]) -> bool:
    return len(lines) == 1 and bool(_FIGURE.fullmatch(text_of(lines)))


def _label_part(cell: list[Segment]) -> list[Segment]:
    """A label cell without the figure joined to it."""
    return cell[:-1] if len(cell) > 1 and _figure(cell[-1:]) else cell


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
    above, text = text_of(cell), text_of([line])
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


def _mirrored_form(values: list[Segment], labels: list[Segment], is_label: Labels) -> bool:
    """A form printed as a book's right-hand page: the labels in a column right of their values
    (the outer margin), the first label beside a value line, no label among the values."""
    first = labels[0]
    return (
        _is_label_column(labels, is_label)
        and not _has_label(values, is_label)
        and any(abs(first.top - value.top) <= ROW_TOLERANCE * first.size for value in values)
    )


def _is_label_column(lines: list[Segment], is_label: Labels) -> bool:
    """A column whose cells are mostly known labels (`Nato nel`, `Cabina di regia ristretta`), or
    all of them when there are fewer (a form's last two rows, cut off by a section heading)."""
    cells = with_figures(label_cells(lines, is_label), is_label)
    labelled = sum(1 for cell in cells if is_label(text_of(_label_part(cell))))
    if labelled == len(cells) >= MIN_SIDE_BY_SIDE:
        return True
    return labelled >= MIN_FORM_ROWS and labelled >= FORM_LABEL_SHARE * len(cells)


def value_cells(values: list[Segment], cells: list[list[Segment]]) -> list[list[Segment]]:
    """A value column's cells: its lines split at paragraph gaps and changes of type (a section
    heading set in the value column above the first label is no value), and where a label cell starts
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
        breaks = bool(found) and _breaks(found[-1][-1], line)  # a paragraph gap, or a heading's type
        beside_another = bool(found) and any(
            _overlap(found[-1], cell) > 0 for index, cell in enumerate(cells) if index not in starting
        )
        if not found or breaks or (starting and beside_another):
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
    cells = with_figures(label_cells(labels, is_label), is_label)
    owned: list[list[list[Segment]]] = [[] for _cell in cells]
    blocks: list[list[Segment]] = []
    for value in value_cells(values, cells):
        owner = owner_of(value, cells)
        if owner is None:
            blocks += _column_blocks(value)
        else:
            owned[owner].append(value)
    for cell, mine in zip(cells, owned, strict=True):
        label = _label_part(cell)
        blocks += [label, cell[len(label) :]] if len(label) < len(cell) else [cell]
        for value in mine:
            blocks += _column_blocks(value)
    return blocks


def _add(blocks: list[list[Segment]], segment: Segment, previous: Segment | None) -> None:
    """Append to the current block, or open a new one at a change of style or a paragraph gap."""
    if previous is not None and blocks and blocks[-1][-1] is previous and not _breaks(previous, segment):
        blocks[-1].append(segment)
    else:
        blocks.append([segment])


def _changes_type(previous: Segment, segment: Segment) -> bool:
    """A change of size, or of weight between the lines: a bold label's last line then its value
    goes on, and so does a value wrapped after its run-in bold label (`Tipologia di Soggetto
    proponente: Comune con popolazione` / `inferiore a 5.000 abitanti`), whose line ends in the
    weight the next one opens in."""
    size = max(previous.size, segment.size)
    goes_on_bold = previous.bold and segment.words[0].bold  # a bold label's last line, then its value
    goes_on_value = previous.bold and previous.words[-1].bold == segment.words[0].bold
    resized = abs(previous.size - segment.size) > SIZE_CHANGE * size
    return resized or (previous.bold != segment.bold and not goes_on_bold and not goes_on_value)


def _breaks(previous: Segment, segment: Segment) -> bool:
    if _changes_type(previous, segment):
        return True
    size = max(previous.size, segment.size)
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
        column = column_of(item, cuts)
        reach[column] = max(reach.get(column, item.x1), item.x1)
    right = max(item.x1 for item in segments)

    def edge(line: Segment) -> float:
        column = column_of(line, cuts)
        return reach.get(column, right) if column is not None else right

    return edge


def _line_breaks(block: list[Segment], edge: Callable[[Segment], float], body_size: float, labels: Labels) -> list[str]:
    """What joins each line of a block to the next: a space where the text was wrapped, else a
    line break. A label wrapped over lines joins (`Cabina di regia` / `allargata: 23`); a
    heading's lines join; in a bulleted list a line without a bullet continues the item above;
    a block whose lines mostly stop short is a list of short lines (a contacts box), never run on."""
    if len(block) < 2:
        return []
    if labels.starts(text_of(block[:1])):
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
    wrapped = [  # at the edge, or on a word that cannot end a line (`Comune di` / `Copparo`)
        _near_edge(line, following, min(edge(line), block_right)) or labels.continues(text_of([line]))
        for line, following in itertools.pairwise(block)
    ]
    is_list = sum(wrapped) * 2 < len(wrapped)
    heads = [_item_head(text_of([line]), labels) for line in block]
    opens = [_opens_with_label(text_of([line]), labels) for line in block]
    items = [head or label for head, label in zip(heads, opens, strict=True)] if sum(heads) >= MIN_BULLETS else opens
    if sum(heads) >= MIN_BULLETS:  # a list of `Ente: ruoli` entries: a line goes on only when it must
        is_list = False
        wrapped = [
            _must_go_on(text_of([line]), text_of([following]), labels) for line, following in itertools.pairwise(block)
        ]
    closed = [text_of([line]).endswith(")") for line in block]  # `Ausl di Piacenza (operatori)`
    if sum(closed) >= MIN_BULLETS:  # entries that each end with their roles in parentheses
        items = [False, *closed[:-1]]
    wrapped = [
        wrap
        and not _closes_label(line, following, labels)
        and not _closes_entry(line, following, labels)
        and following.x0 < line.x1  # wrapped text goes on back at the left, not in the next cell
        and not _FIGURE.fullmatch(text_of([line]))  # a figure alone on its line (`5`) is a value of its own
        for wrap, (line, following) in zip(wrapped, itertools.pairwise(block), strict=True)
    ]
    return [
        " " if wrap and not item and (not is_list or _goes_on_in_list(line, following, labels)) else "\n"
        for wrap, item, (line, following) in zip(wrapped, items[1:], itertools.pairwise(block), strict=False)
    ]


def _goes_on_in_list(line: Segment, following: Segment, labels: Labels) -> bool:
    """In a list of short lines, a line wrapped at the edge goes on when it ends on a word that
    needs another, or the next opens in lower case and it is no whole label (`Conclusione del
    processo` / `marzo 2017`)."""
    text = text_of([line])
    return labels.continues(text) or (text_of([following])[:1].islower() and not labels(text))


def _closes_label(line: Segment, following: Segment, labels: Labels) -> bool:
    """A whole label on a line of its own is not wrapped text, however far its line reaches: it
    ends where the next line opens like a value (`Stato di avanzamento` / `Concluso`), and a value
    ends before the next line that is a whole label (`… non finanziato` / `Anno della
    certificazione`)."""
    first = text_of([following])[:1]
    return bool(first) and not first.islower() and (labels(text_of([line])) or labels(text_of([following])))


def _closes_entry(line: Segment, following: Segment, labels: Labels) -> bool:
    """A line that ends on an address (e-mail, web) before a line opening in capitals ends an entry
    (a contact's line, then the next person): an address is where such lines stop, not wrap. So
    does a line before one that opens with a contact value or its label (`Tel. 0524 598803`,
    `simona.pelagatti@…`): in a contacts box each value has its line, unless a comma says the
    sentence listing them goes on."""
    written = line.words[-1].text
    last = written.rstrip(".,;")
    first = following.words[0].text
    if bool(EMAIL.fullmatch(last) or _WEB_ADDRESS.fullmatch(last)) and first[:1].isupper():
        return True
    opens_value = EMAIL.fullmatch(first.rstrip(".,;")) or labels(first.rstrip(".:"))
    # a sentence listing the values goes on (`…, e-mail` / `l.bosi@…`)
    goes_on = written.endswith((",", ";", ":")) or bool(labels(written.rstrip(".:")))
    return bool(opens_value) and not goes_on and has_contact_value(text_of([following]))


def _must_go_on(line: str, following: str, labels: Labels) -> bool:
    """In a list of entries a line continues the one above when it opens in lower case or the
    line above ends on a separator, a word that needs another (`Operatori //`, `di`) or its
    heading's colon (`Ufficio di Piano:` / `Dirigenti`); an entry in capitals (`Imprese`,
    `Cittadini`) is an entry of its own."""
    first = next((char for char in following if char.isalpha()), "")
    heading_alone = line.endswith(":") and not labels(line[:-1])
    return first.islower() or line.endswith(LIST_CONTINUES) or heading_alone or labels.continues(line)


def _item_head(line: str, labels: Labels) -> bool:
    """The line opens a list entry with its heading (`Asp: Operatori`, `Ufficio di Piano:`); a
    field's label alone on its line (`Risultati conseguiti:`) is no entry."""
    return bool(_ITEM_HEAD.match(line)) and not (line.endswith(":") and labels(line[:-1]))


def _opens_with_label(text: str, labels: Labels) -> bool:
    """The line opens with a known label and its colon (`Numero partecipanti: 180`): a new field,
    however close the line above came to the edge."""
    head = _LABEL_HEAD.match(text)
    return bool(head) and labels(head.group(1))


def _label_joins(block: list[Segment], labels: Labels) -> list[str] | None:
    """Spaces joining the first lines of a block into one label (the longest the vocabulary knows:
    `Persone coinvolte nell'attuazione` goes on into `del progetto:`), or None when they make none."""
    head = text_of(block[:1])
    best = None
    for size in range(2, min(MAX_LABEL_LINES, len(block)) + 1):
        following = text_of(block[size - 1 : size])
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
    lines = [[(text_of([item]), item.top, item.size) for item in segments] for _page, segments in by_page]
    heading_floor = HEADING_RATIO * _body_size(by_page[0][1]) if by_page else 0.0
    repeated = furniture(lines, heading_floor) if by_page else set()
    # a first page with no heading of its own: its running header and footer are its title and date line
    untitled = bool(repeated) and not any(item.size >= heading_floor and _names([item]) for item in by_page[0][1])
    dropped: list[str] = []
    for number, ((page, all_segments), page_lines) in enumerate(zip(by_page, lines, strict=True)):
        segments = []
        for item, (text, top, _size) in zip(all_segments, page_lines, strict=True):
            if is_furniture(text, top, repeated) and not (untitled and number == 0):
                dropped.append(text)
            else:
                segments.append(item)
        if not segments:
            continue
        body_size = _body_size(segments)
        laid.append(
            (page, body_size, column_edges(segments), reading_order(segments, is_label, page.rules, page.frames))
        )
    styles = label_styles((line.words for *_rest, blocks in laid for block in blocks for line in block), is_label)
    label_starts: list[int] = []
    line_starts: list[tuple[int, Segment]] = []  # (offset of its first word, line) in reading order
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
                split = value_start(line.words, styles, is_label)  # `Stato di avanzamento  Concluso`
                ends_label = bool(split) and index > 0 and _ends_label(block[:index], line.words[:split], is_label)
                if index:  # a line opening with a label is a new field, unless it ends the label above
                    write(" " if ends_label else "\n" if split else _joined(block[index - 1], line, joins[index - 1]))
                if split and not ends_label:
                    label_starts.append(position)
                further = inner_labels(line.words, styles, is_label) if styles else []
                breaks = {split, *(edge for pair in further for edge in pair)}
                starts = {start for start, _value in further}
                line_starts.append((position, line))
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
    printed = dropped + trails + (_TITLE_PARTS.split(pages[0].title) if pages and pages[0].title else [])
    hints = [line_starts[index][0] for index in form_hints([line for _start, line in line_starts], is_label)]
    return LaidOut(text, boxes, title_of(headings, text, printed), address, label_starts, hints)


def _joined(previous: Segment, line: Segment, join: str) -> str:
    """A line broken after a hyphen glued to a word (`p.bedeschi@comune-` / `alfonsine.example.it`,
    `co-` / `progettazione`) goes on without a space: the hyphen joins the two parts. Before a
    lower-case letter it joins them even where the lines would stand apart: a word does not end
    on a hyphen (and the text's repair would take `-` and the line break out, shifting the boxes)."""
    last, first = previous.words[-1].text, line.words[0].text
    glued = len(last) > 1 and last.endswith("-") and last[-2].isalpha() and first[:1].isalpha()
    return "" if glued and (join == " " or first[:1].islower()) else join


def _ends_label(lines: Sequence[Segment], run: Sequence[Word], labels: Labels) -> bool:
    """A styled run that completes the label the lines above began: the label wrapped, its value
    beside the last line (`PERSONE COINVOLTE NELL'ATTUAZIONE DEL` / `PROGETTO  320`)."""
    rest = " ".join(word.text for word in run)
    above = ""
    for line in reversed(lines[-(MAX_LABEL_LINES - 1) :]):
        above = f"{text_of([line])} {above}".strip()
        if labels.starts(above) and labels(f"{above} {rest}".rstrip(": ")):
            return True
    return False


def title_of(headings: list[tuple[int, int, float]], text: str, printed: list[str]) -> tuple[int, int] | None:
    """The first page's heading that the browser printed as the page's title or a breadcrumb
    names (a site's name in larger type above it names the site, not the page), else the
    heading in the largest type, the first of several in that type. A printed line names a
    heading when most of the heading's words are in it, or all of its own words are in the
    heading (the document's title `Pedemontana in rete` for `Pedemontana in rete: welfare …`).
    A heading made of the site's name only (the last part of the printed title) is the site's
    masthead."""
    if not headings:
        return None
    best, most = None, (0, 0)
    printed_words = [set(_WORD.findall(line.lower())) for line in printed]
    site = _site_words(printed)
    # the heading sharing the most words with a printed title line (which may add the site's
    # name); of two sharing as many, the one with fewer words of its own (not a quote that repeats
    # the title's words)
    for start, end, _size in headings:
        words = _WORD.findall(text[start:end].lower())
        if set(words) <= site:
            continue  # the site's masthead, printed as the last part of every page's title
        for line_words in printed_words:
            shared = sum(word in line_words for word in words)
            named = shared >= PRINTED_TITLE_SHARE * len(words) or (
                len(line_words) >= MIN_TITLE_WORDS and line_words <= set(words)
            )
            score = (len(set(words) & line_words), -len(set(words) - line_words))
            if len(words) >= MIN_TITLE_WORDS and named and score > most:
                best, most = (start, end), score
    if best is not None:
        return best
    largest = max(size for _start, _end, size in headings)
    return next((start, end) for start, end, size in headings if size >= largest - TITLE_SIZE_TIE)


def _site_words(printed: list[str]) -> set[str]:
    """The words of the site's name: the last part of a printed title of several parts
    (`Newsletter n. 7 – marzo 2019 · Casa del Volontariato`, `Titolo | Osservatorio`)."""
    found: set[str] = set()
    for line in printed:
        parts = _TITLE_PARTS.split(line)
        if len(parts) > 1:
            found |= set(_WORD.findall(parts[-1].lower()))
    return found


def _names(block: list[Segment]) -> bool:
    """A title names something: more letters than digits (the big `220 persone` of a card's
    numbers is no title)."""
    text = text_of(block)
    return sum(char.isalpha() for char in text) > 2 * sum(char.isdigit() for char in text) + MIN_TITLE_LETTERS


def _goes_on(heading: list[Segment], block: list[Segment]) -> bool:
    """A block right under the heading, in its type and at its left edge, is the rest of it (a
    title wrapped onto a line that a column gutter set apart)."""
    last, first = heading[-1], block[0]
    same_type = abs(last.size - first.size) <= SIZE_CHANGE * last.size and last.bold == first.bold
    near = 0 <= first.top - last.bottom <= PARAGRAPH_GAP * last.size
    return same_type and near and abs(first.x0 - heading[0].x0) <= PAGE_RUN_ON_INDENT * first.size


def list_goes_on(block: list[Segment], following: list[Segment]) -> bool:
    """A list at the foot of a page goes on at the top of the next: both lines open with a bullet,
    or both with an entry's own heading (`Ausl: Operatori`), in the same type, at the same left
    edge (one list, its entries one per line)."""
    last, first = block[-1], following[0]
    bullets = (_bulleted(last) and _bulleted(first)) or all(_ITEM_HEAD.match(text_of([line])) for line in (last, first))
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
    if last.words[-1].text.endswith(SENTENCE_ENDS) or is_label(text_of([first])) or _bulleted(first):
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
    return weighted_median([(item.size, sum(len(word.text) for word in item.words)) for item in segments])
