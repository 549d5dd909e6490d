"""Tables of drawn cells (`ruled.py` and the layout's reading of them), on hand-built word boxes
and rules (no PDF): columns too close for a gutter are still columns, a cell's lines stay
together, and the table's shape says whether it is read column by column or row by row."""

from __future__ import annotations

import itertools
from pathlib import Path

from extract.loaders.pdf.backends import BACKENDS, Page, Rule, Word
from extract.loaders.pdf.columns import gutters
from extract.loaders.pdf.layout import lay_out
from extract.loaders.pdf.ruled import RuledTable, framed_boxes, frames_boxes, rule_bands, ruled_tables
from extract.loaders.pdf.segments import segments_of
from tests.test_pdf_geometry import _labels, _words  # the same hand-set type: 9 pt, 4.5 pt a character

LEADING = 12.0
BORDER = 0.75  # a border drawn as a thin filled rectangle, as a browser prints a table


def _grid(columns: list[float], rows: list[float]) -> list[Rule]:
    """The borders of a grid as thin rectangles: one along each row edge, one down each column edge."""
    left, right, top, bottom = columns[0], columns[-1], rows[0], rows[-1]
    rules: list[Rule] = [(left, y, right, y + BORDER) for y in rows]
    rules += [(x, top, x + BORDER, bottom) for x in columns]
    return rules


def _boxes(columns: list[float], rows: list[float]) -> list[Rule]:
    """The same grid drawn as one stroked rectangle per cell, as a word processor draws it."""
    return [(x0, y0, x1, y1) for y0, y1 in itertools.pairwise(rows) for x0, x1 in itertools.pairwise(columns)]


def _cell(lines: list[str], x0: float, top: float, bold: bool = False) -> list[Word]:
    return [word for number, line in enumerate(lines) for word in _words(line, x0, top + number * LEADING, bold=bold)]


def _side_by_side() -> list[Word]:
    """Three fields side by side, each label in the first row over its number and its list; a
    list's line ends 2 points before the next column's text (no gutter) and the lists take 2, 3
    and 4 lines."""
    columns = [40.0, 183.0, 326.0]
    words = _cell(["Cabina di regia ristretta"], columns[0] + 3, 104, bold=True)
    words += _cell(["Cabina di regia allargata"], columns[1] + 3, 104, bold=True)
    words += _cell(["Persone coinvolte", "nell'attuazione del progetto"], columns[2] + 3, 104, bold=True)
    for column, number in zip(columns, ["5", "18", "240"], strict=True):
        words += _cell([number], column + 3, 134)
    words += _cell(["Comune // Ufficio di Piano //", "Terzo settore."], columns[0] + 3, 152)
    words += _cell(["Comune // Ufficio di Piano // Ausl", "// Terzo settore // Scuole //", "Sindacati."], 186, 152)
    implementation = ["- Comune: Amministratori //", "Dirigenti // operatori", "- Ausl: operatori", "- Cittadini"]
    words += _cell(implementation, 329, 152)
    return words


SIDE_BY_SIDE_COLUMNS = [40.0, 183.0, 326.0, 480.0]
SIDE_BY_SIDE_ROWS = [100.0, 130.0, 148.0, 204.0]


def test_fields_side_by_side_in_drawn_cells_are_read_column_by_column() -> None:
    rules = _grid(SIDE_BY_SIDE_COLUMNS, SIDE_BY_SIDE_ROWS)
    text = lay_out([Page(1, 595, 842, tuple(_side_by_side()), rules=tuple(rules))], _labels()).text
    blocks = text.split("\n\n")
    ristretta, allargata, persone = (
        blocks.index("Cabina di regia ristretta"),
        blocks.index("Cabina di regia allargata"),
        blocks.index("Persone coinvolte nell'attuazione del progetto"),
    )
    assert blocks[ristretta + 1] == "5"
    assert blocks[ristretta + 2] == "Comune // Ufficio di Piano // Terzo settore."
    assert blocks[allargata + 1 : allargata + 3] == [
        "18",
        "Comune // Ufficio di Piano // Ausl // Terzo settore // Scuole // Sindacati.",
    ]
    assert blocks[persone + 1] == "240"
    assert blocks[persone + 2].splitlines() == [
        "- Comune: Amministratori // Dirigenti // operatori",
        "- Ausl: operatori",
        "- Cittadini",
    ]


def test_a_table_of_records_is_read_one_row_a_block_each_cell_on_a_line() -> None:
    columns, rows = [40.0, 130.0, 220.0, 310.0, 380.0, 560.0], [300.0, 318.0, 348.0, 378.0]
    words = []
    for x, heading in zip(columns[:-1], ["Nome", "Ruolo", "Ente", "Telefono", "E-mail"], strict=True):
        words += _cell([heading], x + 4, 304, bold=True)
    first = [["Sara Montorsi"], ["coordinatrice del", "progetto"], ["Comune di", "Maranello"], ["0536 240112"]]
    for x, lines in zip(columns, first, strict=False):
        words += _cell(lines, x + 4, 321 + (6 if len(lines) == 1 else 0))
    words += _cell(["s.montorsi@example.it"], columns[4] + 4, 327)
    for x, lines in zip(columns[0:3:2], [["Luca Bertoni"], ["Centro per le", "famiglie"]], strict=True):
        words += _cell(lines, x + 4, 351 + (6 if len(lines) == 1 else 0))
    words += _cell(["luca.bertoni@example.org"], columns[4] + 4, 357)  # no phone: the cell stays empty
    page = Page(1, 595, 842, tuple(words), rules=tuple(_boxes(columns, rows)))
    blocks = lay_out([page], _labels()).text.split("\n\n")
    assert blocks[-2].splitlines() == [
        "Sara Montorsi",
        "coordinatrice del progetto",
        "Comune di Maranello",
        "0536 240112",
        "s.montorsi@example.it",
    ]
    assert blocks[-1].splitlines() == ["Luca Bertoni", "Centro per le famiglie", "luca.bertoni@example.org"]


def test_labels_holding_their_numbers_beside_lists_are_read_row_by_row() -> None:
    """`Cabina di regia ristretta: 6 | Comune // Ausl …`: the label cells are no bare labels, so
    the table is no form the page could read; its rows are, each cell one block."""
    columns, rows = [40.0, 180.0, 460.0], [100.0, 124.0, 160.0, 196.0]
    words = _cell(["Cabina di regia ristretta: 6"], 44, 105, bold=True)
    words += _cell(["Comune // Ausl // Asp"], 184, 105)
    words += _cell(["Cabina di regia allargata: 14"], 44, 129, bold=True)
    words += _cell(["Comune // Ufficio di Piano // Ausl //", "Volontari // Imprese."], 184, 129)
    words += _cell(["Persone coinvolte", "nell'attuazione del", "progetto: 95"], 44, 163, bold=True)
    words += _cell(["Comune: Amministratori // Operatori", "Ausl: Operatori"], 184, 163)
    page = Page(1, 595, 842, tuple(words), rules=tuple(_grid(columns, rows)))
    blocks = lay_out([page], _labels()).text.split("\n\n")
    assert blocks[:4] == [
        "Cabina di regia ristretta: 6",
        "Comune // Ausl // Asp",
        "Cabina di regia allargata: 14",
        "Comune // Ufficio di Piano // Ausl // Volontari // Imprese.",
    ]
    assert blocks[4] == "Persone coinvolte nell'attuazione del progetto: 95"
    assert blocks[5].splitlines() == ["Comune: Amministratori // Operatori", "Ausl: Operatori"]


def test_a_drawn_form_is_read_with_the_page_around_it() -> None:
    """A form drawn as a table (labels | values) goes on above its borders: a value carried over
    from the page before stands above the first label, a field whose cell is not closed sits
    between it and the table, and all are read as one form, the carried value first."""
    words = _cell(["la fine del testo portato dalla pagina prima."], 140, 30)
    words += _cell(["Territorio"], 40, 60, bold=True) + _cell(["Brisighella", "Faenza", "Solarolo"], 140, 60)
    words += _cell(["Caratteristiche"], 36, 110, bold=True)
    fields = [("Tipo di partecipazione", "Partecipazione volontaria"), ("Codecisione", "Sì"), ("Durata (mesi)", "8")]
    rows = [130.0 + 22 * number for number in range(len(fields) + 1)]
    for (label, value), top in zip(fields, rows, strict=False):
        words += _cell([label], 40, top + 5, bold=True) + _cell([value], 140, top + 5)
    page = Page(1, 595, 842, tuple(words), rules=tuple(_grid([34.0, 136.0, 560.0], rows)))
    blocks = lay_out([page], _labels()).text.split("\n\n")
    assert blocks[0] == "la fine del testo portato dalla pagina prima."
    assert blocks.index("Territorio") < blocks.index("Brisighella Faenza Solarolo") < blocks.index("Caratteristiche")
    assert blocks[-6:] == [
        "Tipo di partecipazione",
        "Partecipazione volontaria",
        "Codecisione",
        "Sì",
        "Durata (mesi)",
        "8",
    ]


def test_a_framed_box_or_a_band_alone_is_no_table() -> None:
    words = _cell(["Statura // chi abbiamo coinvolto"], 44, 104, bold=True) + _cell(["testo del riquadro"], 44, 130)
    segments = segments_of(Page(1, 595, 842, tuple(words)))
    assert ruled_tables([(40, 100, 560, 118)], segments) == []  # a coloured band behind a heading
    assert ruled_tables([(40, 100, 560, 150)], segments) == []  # a frame around a box
    beside = segments_of(Page(1, 595, 842, tuple(words + _cell(["altro testo"], 304, 130))))
    assert ruled_tables(_grid([40, 300, 560], [100, 118, 150]), beside) != []  # rows and columns of text


def test_a_centred_line_over_the_short_last_lines_of_a_text_opens_no_column() -> None:
    """The second line of a centred quote stands above the text's short lines, not beside them."""
    words = _words("«Una citazione centrata che va a capo e continua fino al margine destro della pagina", 72, 60)
    words += _words("e finisce qui.»", 240, 72)
    words += _words("La storia", 40, 100, bold=True)
    for number in range(6):
        line = "Testo del racconto che riempie la riga da un margine all'altro della colonna unica"
        words += _words(line if number % 3 else "fine breve.", 40, 116 + number * LEADING)
    assert gutters(segments_of(Page(1, 595, 842, tuple(words)))) == []


def test_both_backends_read_the_drawn_cells_of_a_printed_table() -> None:
    """A card printed by a browser draws its table's borders as thin rectangles: both backends
    report them, and they make the same cells (the Statura table: three rows of label | value)."""
    data = (Path(__file__).parent / "fixtures/holdout_pdf_sixth/x08_riccione_quartieri-che-curano.pdf").read_bytes()
    found = {}
    for name, backend in BACKENDS.items():
        page = backend(data, 1)[0]
        tables = ruled_tables(page.rules, segments_of(page))
        found[name] = [sorted((round(x0), round(top)) for x0, top, _x1, _bottom in table.cells) for table in tables]
    assert found["pdfium"] == found["pdfplumber"]
    assert [len(cells) for cells in found["pdfium"]] == [6]


def _field_boxes() -> tuple[list[Word], list[Rule]]:
    """Two field boxes side by side (rounded, so no table edges), their lines on other baselines."""
    words = _cell(["Sono nato per"], 48, 104, bold=True)
    words += _cell(["Trasformare la solitudine in occasioni", "di incontro attorno alla tavola."], 48, 119)
    words += _cell(["Peso"], 306, 110, bold=True) + _cell(["Sistema di welfare dell'Unione"], 306, 126)
    return words, [(40.0, 96.0, 292.0, 150.0), (298.0, 96.0, 556.0, 150.0)]


def test_boxes_drawn_around_fields_are_read_box_by_box() -> None:
    words, frames = _field_boxes()
    blocks = lay_out([Page(1, 595, 842, tuple(words), frames=tuple(frames))], _labels()).text.split("\n\n")
    assert blocks == [
        "Sono nato per",
        "Trasformare la solitudine in occasioni di incontro attorno alla tavola.",
        "Peso",
        "Sistema di welfare dell'Unione",
    ]


def test_a_label_at_a_boxs_foot_names_the_box_unless_its_value_stands_under_it() -> None:
    words = _cell(["5"], 48, 104) + _cell(["Comune // Ausl // Asp"], 48, 120)
    words += _cell(["Cabina di regia ristretta"], 48, 170, bold=True)
    words += _cell(["16"], 306, 104) + _cell(["Comune // Ausl"], 306, 120)
    words += _cell(["Cabina di regia allargata"], 306, 170, bold=True)
    frames = ((40.0, 96.0, 292.0, 184.0), (298.0, 96.0, 556.0, 184.0))
    blocks = lay_out([Page(1, 595, 842, tuple(words), frames=frames)], _labels()).text.split("\n\n")
    assert blocks[:3] == ["Cabina di regia ristretta", "5", "Comune // Ausl // Asp"]
    assert blocks[3:6] == ["Cabina di regia allargata", "16", "Comune // Ausl"]
    title = _cell(["LA MONTAGNA CHE SI PRENDE CURA"], 48, 104, bold=True) + _cell(["Nato nel"], 48, 170, bold=True)
    title += _cell(["Ottobre 2015"], 48, 190)  # the label's value, right under the box
    title += _cell(["Peso"], 306, 104, bold=True) + _cell(["Microprogettazione"], 306, 120)
    blocks = lay_out([Page(1, 595, 842, tuple(title), frames=frames)], _labels()).text.split("\n\n")
    assert blocks[:2] == ["LA MONTAGNA CHE SI PRENDE CURA", "Nato nel"]  # the label is the next field's


def test_shaded_cells_that_touch_are_a_tables_row_not_field_boxes() -> None:
    words = []
    for x, heading in zip([44.0, 134.0, 310.0, 452.0], ["Nome", "Ruolo e ente", "E-mail", "Telefono"], strict=True):
        words += _cell([heading], x, 152, bold=True)
    segments = segments_of(Page(1, 595, 842, tuple(words)))
    row = [(42.5, 148.8, 133.2, 172.6), (133.2, 148.8, 309.0, 172.6), (309.0, 148.8, 450.7, 172.6)]
    assert framed_boxes([*row, (450.7, 148.8, 552.8, 172.6)], segments, []) == []
    apart = [(42.5, 148.8, 128.0, 172.6), (140.0, 148.8, 300.0, 172.6)]
    assert len(framed_boxes(apart, segments, [])) == 2


def test_field_boxes_drawn_on_a_background_are_still_field_boxes() -> None:
    """A newsletter's boxes sit on its tinted page: the background holds all the text and is no
    field's box, and it does not hide the boxes drawn on it."""
    words, frames = _field_boxes()
    segments = segments_of(Page(1, 595, 842, tuple(words)))
    background = (20.0, 40.0, 575.0, 800.0)
    assert framed_boxes([background, *frames], segments, []) == framed_boxes(frames, segments, [])
    assert len(framed_boxes([background, *frames], segments, [])) == 2


def _ruled_table_in_prose() -> tuple[list[Word], list[Rule]]:
    """A table of bodies `Organo | N. | Composizione` ruled only across (over the headings,
    under them, under the last row), between paragraphs that run across its columns."""
    prose = "Il progetto ha coinvolto molte realtà del territorio nei suoi primi due anni di vita e continua"
    words = [word for number in range(6) for word in _words(prose, 40, 100 + number * LEADING)]
    for x, heading in zip([40.0, 200.0, 240.0], ["Organo", "N.", "Composizione"], strict=True):
        words += _cell([heading], x, 178, bold=True)
    rows = [
        ("Cabina di regia ristretta", "5", "Comune // Asp // Terzo settore"),
        ("Cabina di regia allargata", "13", "Comune // Ausl // Scuole"),
    ]
    for number, (body, size, members) in enumerate(rows):
        top = 191 + number * LEADING
        words += _cell([body], 40, top) + _cell([size], 200, top) + _cell([members], 240, top)
    words += [word for number in range(6) for word in _words(prose, 40, 216 + number * LEADING)]
    rules = [(38.0, 175.0, 470.0, 176.0), (38.0, 188.5, 470.0, 189.0), (38.0, 213.0, 470.0, 214.0)]
    return words, rules


def test_a_table_ruled_only_across_is_read_apart_from_the_text_around_it() -> None:
    words, rules = _ruled_table_in_prose()
    page = Page(1, 595, 842, tuple(words), rules=tuple(rules))
    assert rule_bands(page.rules, segments_of(page)) == [(175.0, 214.0)]
    blocks = lay_out([page], _labels()).text.split("\n\n")
    assert "Cabina di regia ristretta\n5\nComune // Asp // Terzo settore" in blocks  # a row, each cell on a line
    unruled = lay_out([Page(1, 595, 842, tuple(words))], _labels()).text.split("\n\n")
    assert "Cabina di regia ristretta\n5\nComune // Asp // Terzo settore" not in unruled  # the rules make it a table


def test_rules_between_the_rows_of_a_column_beside_a_sidebar_bound_no_band() -> None:
    words: list[Word] = []
    for number, (label, value) in enumerate([("Nato nel", "Marzo 2016"), ("A", "Ostellato (FE)"), ("Peso", "Micro")]):
        words += _cell([label], 40, 100 + number * 30, bold=True) + _cell([value], 120, 100 + number * 30)
    words += _cell(["In questa sezione", "Documenti", "Processi correlati"], 420, 104)  # the sidebar
    rules = [(38.0, 96.0 + number * 30, 300.0, 96.5 + number * 30) for number in range(4)]
    assert rule_bands(rules, segments_of(Page(1, 595, 842, tuple(words)))) == []


def test_labels_drawn_in_pills_go_in_before_their_own_column_s_values() -> None:
    """Three columns, each field's label in a drawn pill, its value under it: a pill in the
    second column is read with that column, not in the middle of the first one's text."""
    story = ["Dare una mano ai vicini", "nei mesi di neve quando", "le strade restano chiuse", "per giorni interi."]
    columns = {
        40.0: [("Nato nel", ["Marzo 2016"]), ("Sono nato per", story)],
        230.0: [("Peso", ["Microprogettazione"]), ("Metodi e strumenti", story[:3])],
        420.0: [("Segni particolari", ["Squadre miste di giovani", "e pensionati che", "spalano i vialetti."])],
    }
    words: list[Word] = []
    frames: list[Rule] = []
    for offset, (x, fields) in enumerate(columns.items()):
        top = 100.0 + 5 * offset  # the columns' baselines do not line up
        for label, value in fields:
            words += _cell([label], x + 4, top + 3, bold=True)
            frames.append((x, top, x + 4 + len(label) * 4.5 + 8, top + 15))
            words += _cell(value, x, top + 22)
            top += 22 + len(value) * LEADING + 20
    text = lay_out([Page(1, 595, 842, tuple(words), frames=tuple(frames))], _labels()).text
    blocks = text.split("\n\n")
    assert blocks == [
        "Nato nel",
        "Marzo 2016",
        "Sono nato per",
        " ".join(story),
        "Peso",
        "Microprogettazione",
        "Metodi e strumenti",
        " ".join(story[:3]),
        "Segni particolari",
        "Squadre miste di giovani e pensionati che spalano i vialetti.",
    ]


def test_a_frame_around_tiles_is_no_table_but_shaded_cells_are() -> None:
    """Tiles (a field in a box of its own) inside the cells a page's frame draws make the frame no
    table; boxes that are the cells themselves (shaded cells) leave it one."""
    words = _cell(["Tipo di partecipazione", "Partecipazione volontaria"], 50, 110)
    words += _cell(["Codecisione", "Sì"], 306, 110)
    segments = segments_of(Page(1, 595, 842, tuple(words)))
    frame = RuledTable(((40.0, 100.0, 560.0, 140.0), (40.0, 140.0, 560.0, 200.0)))
    tiles = [(44.5, 104.0, 295.9, 134.0), (300.7, 104.0, 551.5, 134.0)]
    assert frames_boxes(frame, tiles, segments)
    cells = RuledTable(((40.0, 100.0, 300.0, 140.0), (300.0, 100.0, 560.0, 140.0)))
    assert not frames_boxes(cells, [(40.0, 100.0, 300.0, 140.0), (300.0, 100.0, 560.0, 140.0)], segments)


def test_value_boxes_and_a_nested_table_in_a_forms_cells_are_no_tiles() -> None:
    """An application form: each value cell holds a small box around a figure beside its own
    label (`N. componenti: [4]`), and one cell a table of its own (cells that touch). Neither is a
    tile: the form stays a table."""
    words = _cell(["Cabina di regia ristretta"], 50, 110) + _cell(["N. componenti:"], 310, 110)
    words += _cell(["4"], 390, 110) + _cell(["Cabina di regia allargata"], 50, 150)
    words += _cell(["N. componenti:"], 310, 150) + _cell(["14"], 390, 150)
    words += _cell(["Soggetto"], 310, 190) + _cell(["Ruoli"], 430, 190)
    words += _cell(["Ausl"], 310, 210) + _cell(["Operatori"], 430, 210)
    segments = segments_of(Page(1, 595, 842, tuple(words)))
    form = RuledTable(((40.0, 100.0, 300.0, 140.0), (300.0, 100.0, 560.0, 140.0), (300.0, 140.0, 560.0, 240.0)))
    value_boxes = [(385.0, 106.0, 405.0, 122.0), (385.0, 146.0, 405.0, 162.0)]
    nested = [(305.0, 186.0, 425.0, 204.0), (425.0, 186.0, 555.0, 204.0), (305.0, 204.0, 425.0, 222.0)]
    nested.append((425.0, 204.0, 555.0, 222.0))
    assert not frames_boxes(form, value_boxes + nested, segments)


def _chip(text: str, x: float, top: float, words: list[Word], frames: list[Rule], bold: bool = False) -> float:
    """A one-line box (a pill, a chip, a badge) around `text`; returns its right edge."""
    words += _cell([text], x + 4, top + 3, bold=bold)
    right = x + 8 + len(text) * 4.5 + 2.5 * (len(text.split()) - 1)
    frames.append((x, top, right, top + 15))
    return right


def test_chips_row_after_row_are_one_list_and_a_label_s_pill_opens_the_next() -> None:
    words: list[Word] = []
    frames: list[Rule] = []
    for top, label, size, members in [
        (100.0, "Cabina di regia ristretta", "5", ["Comune", "Ufficio di Piano", "Ausl"]),
        (160.0, "Cabina di regia allargata", "16", ["Comune", "Asp", "Scuole"]),
    ]:
        right = _chip(label, 40, top, words, frames, bold=True)
        _chip(size, right + 6, top - 2, words, frames, bold=True)  # the badge stands a little higher
        x = 40.0
        for member in members:
            x = _chip(member, x, top + 22, words, frames) + 6
    words += _cell(["La storia del progetto comincia in una sala civica piena."], 40, 240)
    blocks = lay_out([Page(1, 595, 842, tuple(words), frames=tuple(frames))], _labels()).text.split("\n\n")
    assert blocks[:2] == [
        "Cabina di regia ristretta\n5\nComune\nUfficio di Piano\nAusl",
        "Cabina di regia allargata\n16\nComune\nAsp\nScuole",
    ]


def test_a_chip_with_its_roles_written_beside_it_stays_an_entry_s_head() -> None:
    words: list[Word] = []
    frames: list[Rule] = []
    for number, (body, roles) in enumerate([("Comune", "Amministratori // Operatori"), ("Ausl", "Operatori")]):
        right = _chip(body, 40, 100 + number * 20, words, frames)
        words += _cell([roles], right + 8, 103 + number * 20)
    blocks = lay_out([Page(1, 595, 842, tuple(words), frames=tuple(frames))], _labels()).text.split("\n\n")
    assert blocks == ["Comune", "Amministratori // Operatori", "Ausl", "Operatori"]
