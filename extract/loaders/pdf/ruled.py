"""Ruled tables and drawn boxes: cells drawn as boxes or rules (a word processor's table, an
HTML table with borders) are a table's own geometry, so a table is read by its cells, not by the
gaps between its words: columns a few points apart, or whose widths change from one table to the
next, are still its columns, and a cell's lines never mix with the next cell's.

The drawn lines and rectangles become edges, and pdfplumber's table finder (its edge merging,
intersections, cells and tables, as its `lines` strategy uses them) turns them into cells. A
table counts when it has rows and columns of cells that hold text; a band or a box alone is no
table. Boxes drawn around text (any shape: rounded field boxes too) that stand apart from each
other are read each as a page of its own (`framed_boxes`). Pure functions over rules and segments.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from extract.loaders.pdf.backends import Rule, Word
from extract.loaders.pdf.segments import Segment

RULE_WIDTH = 2.0  # points: a drawn box no thicker than this is a line (a border drawn as a thin fill)
EDGE_SNAP = 3.0  # points: edges this close are one line (pdfplumber's default snap and join tolerance)
MIN_TABLE_ROWS = 2
MIN_TABLE_COLUMNS = 2  # (the least a table has; fields side by side need more, see the layout)
MIN_FILLED_CELLS = 3  # cells holding text: fewer are a framed box, not a table
MIN_EDGES = 4  # fewer lines than a rectangle's sides draw no cell
MIN_FRAMES = 2  # boxes drawn around text on one page: one box alone is a frame around the page or a quote
MAX_FRAME_SHARE = 0.8  # of the page's characters: a box holding more is a background or a border, not a field's box
ROW_SNAP = EDGE_SNAP  # cells whose tops are this close open one row
BAND_RULE_SHARE = 0.5  # of the text's width: a rule this long runs across the text (an underline is shorter)
MAX_BAND_RULE = 4.0  # points: the heaviest rule that bounds a band (booktabs' heavy rule; a bar holding text is taller)
MIN_BAND_ROWS = 2  # rows of text between a band's rules: fewer are a quote or a heading set off by rules

Cell = tuple[float, float, float, float]  # (x0, top, x1, bottom)


@dataclass(frozen=True)
class RuledTable:
    cells: tuple[Cell, ...]

    @property
    def bbox(self) -> Cell:
        return (
            min(cell[0] for cell in self.cells),
            min(cell[1] for cell in self.cells),
            max(cell[2] for cell in self.cells),
            max(cell[3] for cell in self.cells),
        )

    def row_tops(self) -> list[float]:
        """Where its rows begin, top to bottom: the tops of its cells."""
        tops: list[float] = []
        for top in sorted(cell[1] for cell in self.cells):
            if not tops or top - tops[-1] > ROW_SNAP:
                tops.append(top)
        return tops

    def cell_of(self, word: Word) -> int | None:
        """The cell the middle of a word stands in, if any."""
        for number, cell in enumerate(self.cells):
            if _holds(cell, word):
                return number
        return None


def _holds(box: Cell, word: Word) -> bool:
    """Whether the middle of a word stands inside a box."""
    x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _edges(rules: Iterable[Rule]) -> list[dict[str, float | str]]:
    """pdfplumber edges of the drawn lines and of the four sides of each drawn rectangle."""
    found: list[dict[str, float | str]] = []

    def edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> None:
        found.append(
            {
                "x0": x0,
                "x1": x1,
                "top": top,
                "bottom": bottom,
                "doctop": top,
                "width": x1 - x0,
                "height": bottom - top,
                "orientation": orientation,
            }
        )

    for x0, top, x1, bottom in rules:
        wide, tall = x1 - x0 > RULE_WIDTH, bottom - top > RULE_WIDTH
        if wide and not tall:
            middle = (top + bottom) / 2
            edge(x0, middle, x1, middle, "h")
        elif tall and not wide:
            middle = (x0 + x1) / 2
            edge(middle, top, middle, bottom, "v")
        elif wide and tall:
            edge(x0, top, x1, top, "h")
            edge(x0, bottom, x1, bottom, "h")
            edge(x0, top, x0, bottom, "v")
            edge(x1, top, x1, bottom, "v")
    return found


def ruled_tables(rules: Iterable[Rule], segments: list[Segment]) -> list[RuledTable]:
    """The tables the page's drawn cells make, each with rows and columns of cells that hold text."""
    edges = _edges(rules)
    if len(edges) < MIN_EDGES:
        return []
    # imported here, not at start-up (about 0.2 s): only pages that draw lines need it
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    merged = merge_edges(edges, EDGE_SNAP, EDGE_SNAP, EDGE_SNAP, EDGE_SNAP)
    tables = cells_to_tables(intersections_to_cells(edges_to_intersections(merged, 1, 1)))
    found = []
    for cells in tables:
        table = RuledTable(tuple(tuple(cell) for cell in cells))  # type: ignore[misc]
        filled = {table.cell_of(word) for item in segments for word in item.words} - {None}
        rows = {round(table.cells[number][1]) for number in filled}
        columns = {round(table.cells[number][0]) for number in filled}
        if len(filled) >= MIN_FILLED_CELLS and len(rows) >= MIN_TABLE_ROWS and len(columns) >= MIN_TABLE_COLUMNS:
            found.append(table)
    return found


def framed_boxes(frames: Iterable[Rule], segments: list[Segment], taken: list[RuledTable]) -> list[RuledTable]:
    """Boxes drawn around text, each read as a page of its own: a grid of field boxes with
    rounded corners, or a box beside a text. Field boxes stand apart: boxes that touch are the
    shaded cells of a table's row. Only the outermost box holding text counts (a number in a
    circle inside a field's box is part of it), only outside the tables, only when the page
    draws two or more, and never a box around most of the page (a background, which leaves the
    boxes drawn on it field boxes)."""
    inside = [table.bbox for table in taken]
    words = [word for item in segments for word in item.words]
    total = sum(len(word.text) for word in words)

    def within(inner: Cell, outer: Cell) -> bool:
        return (
            inner != outer
            and outer[0] <= inner[0]
            and outer[1] <= inner[1]
            and inner[2] <= outer[2]
            and inner[3] <= outer[3]
        )

    boxes = [
        box
        for box in dict.fromkeys(tuple(frame) for frame in frames)
        if not any(within(box, table) or box == table for table in inside)
    ]
    boxes = [box for box in boxes if not any(_touch(box, other) for other in boxes)]
    held = {box: sum(len(word.text) for word in words if _holds(box, word)) for box in boxes}
    fields = [box for box in boxes if 0 < held[box] <= MAX_FRAME_SHARE * total]
    found = [box for box in fields if not any(within(box, other) for other in fields)]
    return [RuledTable((box,)) for box in found] if len(found) >= MIN_FRAMES else []


def _touch(box: Cell, other: Cell) -> bool:
    """Two boxes side by side or one on the other with no space between (cells of one table)."""
    if box == other:
        return False
    beside = min(box[3], other[3]) - max(box[1], other[1]) > 0 and (
        abs(box[2] - other[0]) <= EDGE_SNAP or abs(other[2] - box[0]) <= EDGE_SNAP
    )
    stacked = min(box[2], other[2]) - max(box[0], other[0]) > 0 and (
        abs(box[3] - other[1]) <= EDGE_SNAP or abs(other[3] - box[1]) <= EDGE_SNAP
    )
    return beside or stacked


def split_by_tables(
    segments: list[Segment], tables: list[RuledTable]
) -> tuple[list[Segment], list[dict[int, list[Segment]]]]:
    """(the segments outside every table, each table's segments by the cell they stand in): a
    segment whose words stand in two cells is two segments."""
    inside: list[dict[int, list[Segment]]] = [{} for _ in tables]
    outside: list[Segment] = []
    for item in segments:
        groups: dict[tuple[int, int], list[Word]] = {}
        rest = []
        for word in item.words:
            for number, table in enumerate(tables):
                cell = table.cell_of(word)
                if cell is not None:
                    groups.setdefault((number, cell), []).append(word)
                    break
            else:
                rest.append(word)
        if not groups:
            outside.append(item)
            continue
        for (number, cell), words in groups.items():
            inside[number].setdefault(cell, []).append(Segment(words, item.page, item.row))
        if rest:
            outside.append(Segment(rest, item.page, item.row))
    return outside, inside


def rule_bands(rules: Iterable[Rule], segments: list[Segment]) -> list[tuple[float, float]]:
    """(top, bottom) of each band of the page that rules of one length bound, with rows of text
    between them and none beside them: a table drawn with horizontal rules only (booktabs: a
    rule over the headings, one under them, one under the last row) is a part of the page of its
    own, its columns no less columns because the text above and below runs across them. Rules
    between the rows of a column beside a sidebar bound no band: the sidebar stands beside them."""
    if not segments:
        return []
    left, right = min(item.x0 for item in segments), max(item.x1 for item in segments)
    across = sorted(
        (
            rule
            for rule in rules
            if rule[3] - rule[1] <= MAX_BAND_RULE and rule[2] - rule[0] >= BAND_RULE_SHARE * (right - left)
        ),
        key=lambda rule: rule[1],
    )
    groups: list[list[Rule]] = []
    for rule in across:
        group = next(
            (
                found
                for found in groups
                if abs(found[0][0] - rule[0]) <= EDGE_SNAP and abs(found[0][2] - rule[2]) <= EDGE_SNAP
            ),
            None,
        )
        if group is None:
            groups.append([rule])
        else:
            group.append(rule)
    bands = []
    for group in groups:
        top, bottom = group[0][3], group[-1][1]
        x0, x1 = min(rule[0] for rule in group), max(rule[2] for rule in group)
        between = [item for item in segments if top < (item.top + item.bottom) / 2 < bottom]
        beside = any(item.x1 < x0 - EDGE_SNAP or item.x0 > x1 + EDGE_SNAP for item in between)
        if len(group) >= 2 and len({item.row for item in between}) >= MIN_BAND_ROWS and not beside:
            bands.append((group[0][1], group[-1][3]))
    return sorted(bands)


def frames_boxes(table: RuledTable, frames: Iterable[Rule], segments: list[Segment]) -> bool:
    """Whether a table's cells hold boxes drawn around text, apart from the cells' own borders:
    a page drawn as a frame around tiles (each field in a box of its own) is no table, as no
    table draws boxes inside its cells (its shaded cells are the cells). A box around a figure
    alone is a form's value box (`N. componenti: [4]`), and boxes that touch are the cells of a
    table inside a cell: no tiles, the form is still a table."""
    words = [word for item in segments for word in item.words]
    boxes = [
        frame
        for frame in dict.fromkeys(tuple(rule) for rule in frames)
        if frame[2] - frame[0] > RULE_WIDTH and frame[3] - frame[1] > RULE_WIDTH  # a box, not a line
    ]
    found = 0
    for frame in boxes:
        held = [word.text for word in words if _holds(frame, word)]
        if not any(char.isalpha() for text in held for char in text):
            continue  # empty, or a figure in its value box
        if any(_touch(frame, other) for other in boxes):
            continue  # a cell of a table nested in the cell
        for cell in table.cells:
            inner = cell[0] - EDGE_SNAP <= frame[0] and cell[1] - EDGE_SNAP <= frame[1]
            inner = inner and frame[2] <= cell[2] + EDGE_SNAP and frame[3] <= cell[3] + EDGE_SNAP
            same = all(abs(a - b) <= EDGE_SNAP for a, b in zip(frame, cell, strict=True))
            if inner and not same:
                found += 1
                break
    return found >= MIN_FRAMES
