"""Tables: three or more columns under a row of headings, read row by row.

A zone's columns are read one after the other, which suits text in columns and a grid of field
boxes; a table (a contacts table `Nome | Ruolo e ente | E-mail | Telefono`, a table of bodies
`Organo | N. | Composizione`) says one thing per row, so its rows are read in turn, each cell on
a line of its own. A table is told by its shape, not its words: its columns open on one row
(the headings), none of the headings is a field's label (three boxes `Cabina di regia
ristretta: / allargata: / Persone coinvolte…:` are fields side by side), the headings are
short names in one style of their own (bold, another colour or size), and the lines under
them are short cells, not wrapped prose. Rows follow the column with the
fewest lines: a cell belongs to the row whose key line stands nearest its middle, so a cell
wrapped over two lines beside a one-line name is one row. Pure functions over segments.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from statistics import median

from extract.loaders.pdf.segments import ROW_TOLERANCE, Segment, text_of
from extract.loaders.pdf.typography import style_of

MIN_TABLE_COLUMNS = 3  # two columns are a form (label | value) or text in columns
MAX_HEAD_WORDS = 4  # a column's heading is a name (`Ruolo e ente`), not a line of text
MAX_CELL_WORDS = 6  # the median line of a table's body is a short cell, not a line of prose


def split_table(
    columns: list[list[Segment]], names_field: Callable[[str], bool]
) -> tuple[list[Segment], list[list[Segment]]] | None:
    """(the lines above the table, its rows) when columns (each a list of lines, top to bottom)
    hold a table, else None. A heading alone above the table (`5. Contatti`) comes before it."""
    if len(columns) < MIN_TABLE_COLUMNS or any(not column for column in columns):
        return None
    header = max(column[0].words[0].baseline for column in columns)
    lead = [
        line for column in columns for line in column if line.words[0].baseline < header - ROW_TOLERANCE * line.size
    ]
    above = {id(line) for line in lead}
    body = [[line for line in column if id(line) not in above] for column in columns]
    if any(len(column) < 2 for column in body):
        return None
    heads = [column[0] for column in body]
    if any(abs(head.words[0].baseline - header) > ROW_TOLERANCE * head.size for head in heads):
        return None  # the columns do not open on one row of headings
    if any(names_field(text_of([head])) for head in heads):
        return None  # field boxes side by side, each with its label on top
    head_styles = {style_of(head.words[0]) for head in heads}
    body_styles = Counter(style_of(line.words[0]) for column in body for line in column[1:])
    if len(head_styles) > 1 or head_styles == {body_styles.most_common(1)[0][0]}:
        return None  # headings wear one style of their own (bold, another colour or size)
    if any(len(head.words) > MAX_HEAD_WORDS for head in heads):
        return None  # the first lines of text in columns, not headings
    if median(len(line.words) for column in body for line in column[1:]) > MAX_CELL_WORDS:
        return None  # wrapped prose, not cells
    return sorted(lead, key=lambda line: (line.top, line.x0)), _rows(body)


def _rows(columns: list[list[Segment]]) -> list[list[Segment]]:
    """The table's rows, top to bottom, each the lines of its cells from left to right."""
    key = min(columns, key=len)
    middles = [(line.top + line.bottom) / 2 for line in key]
    rows: list[list[list[Segment]]] = [[[] for _ in columns] for _ in key]
    for number, column in enumerate(columns):
        for line in column:
            middle = (line.top + line.bottom) / 2
            nearest = min(range(len(middles)), key=lambda index: abs(middles[index] - middle))
            rows[nearest][number].append(line)
    return [[line for cell in row for line in cell] for row in rows if any(row)]
