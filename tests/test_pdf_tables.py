"""Tables read row by row, on hand-built lines (no PDF): a contacts table under its headings,
with a cell wrapped over two lines beside one-line cells; a grid of boxes, three field boxes
side by side and text in three columns are no table."""

from __future__ import annotations

from extract.config import load_config
from extract.loaders.pdf.backends import Word
from extract.loaders.pdf.segments import Segment
from extract.loaders.pdf.tables import split_table

SIZE = 9.0
CONFIG = load_config()


def _line(text: str, x0: float, top: float, bold: bool = False) -> Segment:
    words, x = [], x0
    for part in text.split():
        words.append(Word(part, x, top, x + len(part) * 4.5, top + SIZE, SIZE, bold, top + SIZE * 0.8))
        x += len(part) * 4.5 + 2.5
    return Segment(words, 1)


def _names_field(text: str) -> bool:
    found = CONFIG.labels.match(text)
    return found is not None and found.field is not None


def _texts(lines: list[Segment]) -> list[str]:
    return [" ".join(word.text for word in line.words) for line in lines]


def test_a_contacts_table_is_read_row_by_row_after_its_heading() -> None:
    columns = [
        [
            _line("5. Contatti", 40, 100),
            _line("Nome", 40, 130, bold=True),
            _line("Anna Riva", 40, 160),
            _line("Bruni Carlo", 40, 200),
        ],
        [
            _line("Ruolo e ente", 140, 130, bold=True),
            _line("Responsabile Ufficio di Piano", 140, 155),  # a cell over two lines, centred on its row
            _line("Unione Val Savena", 140, 166),
            _line("Coordinatore Cooperativa La Quercia", 140, 200),
        ],
        [
            _line("E-mail", 320, 130, bold=True),
            _line("a.riva@unione.it", 320, 160),
            _line("c.bruni@quercia.it", 320, 200),
        ],
        [_line("Telefono", 450, 130, bold=True), _line("051 6540127", 450, 160), _line("335 7124480", 450, 200)],
    ]
    found = split_table(columns, _names_field)
    assert found is not None
    lead, rows = found
    assert _texts(lead) == ["5. Contatti"]
    assert [_texts(row) for row in rows] == [
        ["Nome", "Ruolo e ente", "E-mail", "Telefono"],
        ["Anna Riva", "Responsabile Ufficio di Piano", "Unione Val Savena", "a.riva@unione.it", "051 6540127"],
        ["Bruni Carlo", "Coordinatore Cooperativa La Quercia", "c.bruni@quercia.it", "335 7124480"],
    ]


def test_headings_in_the_bodys_style_make_no_table() -> None:
    """Three boxes of short lines whose first lines wear the body's style: a grid, not a table."""
    columns = [
        [_line(f"voce {number} riga {line}", x, 100 + 11 * line) for line in range(4)]
        for number, x in enumerate((40, 200, 360))
    ]
    assert split_table(columns, _names_field) is None


def test_field_boxes_side_by_side_are_no_table() -> None:
    columns = [
        [_line("Cabina di regia ristretta:", x, 100), _line(number, x, 115), _line("Comune // Ausl", x, 130)]
        for x, number in ((40, "4"), (200, "9"), (360, "150"))
    ]
    columns[1][0] = _line("Cabina di regia allargata:", 200, 100)
    columns[2][0] = _line("Persone coinvolte nell'attuazione del progetto:", 360, 100)
    assert split_table(columns, _names_field) is None


def test_text_in_three_columns_is_no_table() -> None:
    prose = "il percorso ha coinvolto le famiglie del quartiere e le associazioni"
    columns = [[_line(prose, x, 100 + 11 * number) for number in range(6)] for x in (40, 220, 400)]
    assert split_table(columns, _names_field) is None
    assert split_table(columns[:2], _names_field) is None  # two columns are a form or text
