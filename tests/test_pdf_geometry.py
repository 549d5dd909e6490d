"""The layout's geometry as pure functions, on hand-built word boxes (no PDF): rows and segments
(`segments.py`), gutters and zones (`columns.py`), and the reading order (`layout.py`): forms read
cell by cell, captions, line breaks and titles."""

from __future__ import annotations

import pytest

from extract.config import load_config
from extract.loaders.pdf.backends import Page, Word
from extract.loaders.pdf.columns import gutters, zones
from extract.loaders.pdf.layout import (
    Labels,
    _ends_label,
    _item_head,
    _names,
    label_cells,
    lay_out,
    title_of,
    value_cells,
    values_after_labels,
)
from extract.loaders.pdf.segments import Segment, segments_of, text_of
from extract.text import fold

SIZE = 9.0
LEADING = 11.0
CHAR = 4.5  # width of a character at SIZE
SPACE = 2.5


def _words(text: str, x0: float, top: float, right_aligned: bool = False, bold: bool = False) -> list[Word]:
    """A line of words as a renderer would place them, from x0 (or ending at x0)."""
    parts = text.split()
    width = sum(len(part) for part in parts) * CHAR + (len(parts) - 1) * SPACE
    x = x0 - width if right_aligned else x0
    found = []
    for part in parts:
        found.append(Word(part, x, top, x + len(part) * CHAR, top + SIZE, SIZE, bold, top + SIZE * 0.8))
        x += len(part) * CHAR + SPACE
    return found


def _labels() -> Labels:
    config = load_config()
    return Labels(config.labels, fold, config.values["line_continues_after"]["words"], config.labels.match)


def test_words_on_one_baseline_are_one_row_and_a_wide_gap_splits_it() -> None:
    words = _words("Nato nel", 40, 100) + _words("2015", 200, 100.6) + _words("Sono nato per", 40, 100 + LEADING)
    segments = segments_of(Page(1, 595, 842, words))
    assert [" ".join(word.text for word in item.words) for item in segments] == ["Nato nel", "2015", "Sono nato per"]
    assert segments[0].row == segments[1].row != segments[2].row


def test_a_gutter_lies_between_two_columns_of_text() -> None:
    words = []
    for line in range(8):
        words += _words("testo della colonna di sinistra", 40, 100 + line * LEADING)
        words += _words("testo della colonna di destra", 320, 100 + line * LEADING)
    words += _words("Un titolo che attraversa tutta la pagina da un lato all altro lato", 40, 60)
    left_edge = max(word.x1 for word in words if word.x0 < 300 and word.top > 90)
    (cut,) = gutters(segments_of(Page(1, 595, 842, words)))
    assert left_edge <= cut[0] < cut[1] <= 320


def test_a_word_that_justified_text_pushed_to_the_line_end_is_no_column() -> None:
    words = []
    for line in range(10):
        top = 100 + line * LEADING
        if line % 4 == 3:  # few words stretched over the line: the last stands alone at the edge
            words += _words("con i residenti sulla cura degli spazi verdi del", 40, top) + _words("Il", 372, top)
        else:
            words += _words("confronto con i residenti sulla cura degli spazi verdi del quartiere", 40, top)
    assert gutters(segments_of(Page(1, 595, 842, words))) == []


def test_wide_empty_space_across_the_page_opens_a_new_zone() -> None:
    words = _words("Sono nato per", 40, 100) + _words("Contatti", 40, 100 + 6 * LEADING)
    found = zones(segments_of(Page(1, 595, 842, words)))
    assert [[" ".join(word.text for word in item.words) for item in zone] for zone in found] == [
        ["Sono nato per"],
        ["Contatti"],
    ]


def _column(lines: list[tuple[str, float]], x: float, right_aligned: bool = False, bold: bool = False):
    words = [word for text, top in lines for word in _words(text, x, top, right_aligned, bold)]
    return segments_of(Page(1, 595, 842, words))


def test_a_label_cell_holds_every_line_its_label_wraps_over() -> None:
    lines = _column(
        [
            ("Persone coinvolte", 100),
            ("nell'attuazione del", 100 + LEADING),
            ("progetto:", 100 + 2 * LEADING),
            ("Referente del", 140),  # unknown to the vocabulary: wrapped on `del` and `e`
            ("percorso e", 140 + LEADING),
            ("facilitazione", 140 + 2 * LEADING),
            ("Nato nel", 180),
            ("Sono nato per", 180 + LEADING),  # two known labels without a gap: two cells
        ],
        200,
        right_aligned=True,
        bold=True,
    )
    cells = label_cells(lines, _labels())
    assert [" ".join(word.text for line in cell for word in line.words) for cell in cells] == [
        "Persone coinvolte nell'attuazione del progetto:",
        "Referente del percorso e facilitazione",
        "Nato nel",
        "Sono nato per",
    ]


def test_a_value_cell_runs_until_the_next_label_starts_beside_it() -> None:
    labels = _column([("Sono nato per", 100), ("Segni particolari", 100 + 5 * LEADING)], 40, bold=True)
    values = _column([(f"riga {number} del valore", 100 + number * LEADING) for number in range(7)], 200)
    cells = label_cells(labels, _labels())
    found = value_cells(values, cells)
    assert [len(cell) for cell in found] == [5, 2]


def test_a_label_centred_on_its_value_keeps_the_lines_above_it() -> None:
    labels = _column([("Sono nato per", 100 + LEADING), ("Peso", 100 + 5 * LEADING)], 40, bold=True)
    first = [("prima riga", 100), ("seconda riga", 100 + LEADING), ("terza riga", 100 + 2 * LEADING)]
    second = [("un valore", 100 + 4 * LEADING), ("e il suo seguito", 100 + 5 * LEADING), ("fine", 100 + 6 * LEADING)]
    values = _column([*first, *second], 200)
    cells = label_cells(labels, _labels())
    assert [len(cell) for cell in value_cells(values, cells)] == [3, 3]


def _page(rows: list[tuple[list[str], list[str], float]]) -> Page:
    """A card: a right-aligned bold label column at x=200, values from x=215; each row's value
    starts `offset` lines below its label's first line; rows without a gap between them."""
    words = _words("Carta d'identita del progetto", 40, 60)
    top = 100.0
    for label_lines, value_lines, offset in rows:
        for number, text in enumerate(label_lines):
            words += _words(text, 200, top + number * LEADING, right_aligned=True, bold=True)
        for number, text in enumerate(value_lines):
            words += _words(text, 215, top + (number + offset) * LEADING)
        top += max(len(label_lines), len(value_lines) + offset) * LEADING + 2
    return Page(1, 595, 842, words)


def test_a_form_is_read_cell_by_cell_without_interleaving_rows() -> None:
    page = _page(
        [
            (["Nato nel"], ["2015"], 0),
            (
                ["Sono nato per"],
                ["promuovere la cura", "tra vicini di casa", "nei quartieri", "con attività", "aperte"],
                0,
            ),
            (["Segni particolari"], ["gestito dai cittadini"], 0),
            (["Persone coinvolte", "nell'attuazione del", "progetto:"], ["800"], 0.5),
            (["Referente del", "percorso e", "facilitazione"], ["Maria Bianchi, ufficio", "welfare del Comune"], 0),
            (["Peso"], ["40.000 euro"], 0),
        ]
    )
    blocks = [" ".join(block.split()) for block in lay_out([page], _labels()).text.split("\n\n")]
    assert blocks[1:] == [
        "Nato nel",
        "2015",
        "Sono nato per",
        "promuovere la cura tra vicini di casa nei quartieri con attività aperte",
        "Segni particolari",
        "gestito dai cittadini",
        "Persone coinvolte nell'attuazione del progetto:",
        "800",
        "Referente del percorso e facilitazione",
        "Maria Bianchi, ufficio welfare del Comune",
        "Peso",
        "40.000 euro",
    ]


def test_a_form_beside_a_sidebar_is_read_by_its_own_label_and_value_columns() -> None:
    """The sidebar's gutter is the page's; the form's own gutter, between labels and values, is
    found inside the left column, so a label wrapped over two lines keeps its value after it."""
    words = []
    for number, text in enumerate(["Assemblea legislativa della Regione", "Home / Processi / La piazza del paese"]):
        words += _words(text, 40, 20 + number * LEADING)  # the site's head and breadcrumb, across the form
        words += _words("Area riservata" if number else "Accedi", 420, 20 + number * LEADING)
    words += _words("Un processo partecipato e aperto", 40, 50) + _words(
        "per la piazza grande del paese", 40, 50 + LEADING
    )
    rows = [
        (["Stato di avanzamento:"], ["Concluso"]),
        (["Anno della", "certificazione:"], ["2016"]),
        (["Data inizio:"], ["05/09/2016"]),
        (["Data fine:"], ["27/03/2017"]),
        (["Struttura responsabile", "del processo:"], ["Servizio Cultura del Comune"]),
    ]
    top = 82.0  # the form starts just under the title
    for label_lines, value_lines in rows:
        for number, text in enumerate(label_lines):
            words += _words(text, 40, top + number * LEADING, bold=True)
        for number, text in enumerate(value_lines):
            words += _words(text, 160, top + number * LEADING)
        top += max(len(label_lines), len(value_lines)) * LEADING + 6
    for number, text in enumerate(
        ["Hai informazioni", "su questo processo?", "Integra le", "informazioni", "Cerca nel sito"]
    ):
        words += _words(text, 420, 50 + number * 1.3 * LEADING)  # the sidebar beside title and form
    text = lay_out([Page(1, 595, 842, words)], _labels()).text
    blocks = [" ".join(block.split()) for block in text.split("\n\n")]
    assert blocks.index("Anno della certificazione:") + 1 == blocks.index("2016")
    assert blocks.index("Struttura responsabile del processo:") + 1 == blocks.index("Servizio Cultura del Comune")
    assert "Hai informazioni su questo processo? Integra le informazioni" in " ".join(blocks)


def test_a_styled_label_wrapped_onto_its_values_line_stays_one_label() -> None:
    """Labels in small bold capitals, each number in a pill of another style on the label's line;
    the last label wraps, so its second line opens with the rest of the label."""

    def pill(text: str, x0: float, top: float) -> list[Word]:
        return [word._replace(size=12.0, colour=0xFFFFFF) for word in _words(text, x0, top, bold=True)]

    def label(text: str, top: float) -> list[Word]:
        return _words(text, 40, top, bold=True)

    words = label("CABINA DI REGIA RISTRETTA", 100)
    words += pill("5", words[-1].x1 + 4, 100) + label("CABINA DI REGIA ALLARGATA", 130)
    words += pill("16", words[-1].x1 + 4, 130) + label("PERSONE COINVOLTE NELL'ATTUAZIONE DEL", 160)
    words += label("PROGETTO", 160 + LEADING)
    words += pill("320", words[-1].x1 + 4, 160 + LEADING)
    lines = [" ".join(line.split()) for line in lay_out([Page(1, 595, 842, words)], _labels()).text.splitlines()]
    assert "PERSONE COINVOLTE NELL'ATTUAZIONE DEL PROGETTO" in lines
    assert lines[lines.index("PERSONE COINVOLTE NELL'ATTUAZIONE DEL PROGETTO") + 1] == "320"


@pytest.mark.parametrize(
    ("second", "joined"),
    [("Galli Andrea – Cooperativa Il Ponte · andrea.galli@ilponte.it", False), ("oppure per telefono", True)],
    ids=["next_person", "sentence_goes_on"],
)
def test_a_line_ending_on_an_address_ends_an_entry_before_a_capital(second: str, joined: bool) -> None:
    first = "Silvia Mazzocchi – Servizi educativi del Comune · s.mazzocchi@comune.it"
    words = _words("Contatti del progetto e dei suoi referenti", 40, 60)
    words += _words(first, 40, 100) + _words(second, 40, 100 + LEADING)
    words += _words("Piacenza, 15 marzo 2018 con i saluti di tutto il gruppo", 40, 100 + 2 * LEADING)
    text = " ".join(lay_out([Page(1, 595, 842, words)], _labels()).text.split(" "))
    assert (f"{first} {second}" in text) is joined
    assert (f"{first}\n{second}" in text) is not joined


def test_a_value_beside_the_first_line_of_a_wrapped_label_is_read_after_the_whole_label() -> None:
    """Labels in a column too close to the values for a gutter; a label wraps under itself and
    its value stands beside its first line. A label line followed by a line with a value of its
    own is a label of its own (the value is not moved)."""
    rows = [
        (["Titolari della decisione"], "Unione Val d'Enza"),
        (["Utilizzo di piattaforme", "tecnologiche e strumenti digitali"], "Si"),
        (["Numero partecipanti (stimate o", "effettive)"], "1480"),
        (["Codecisione"], "No"),
    ]
    words, top = [], 100.0
    for label_lines, value in rows:
        for number, text in enumerate(label_lines):
            words += _words(text, 40, top + number * LEADING, bold=True)
        words += _words(value, 190, top)  # 7.5 pt right of the longest label line: no gutter
        top += len(label_lines) * LEADING + 8
    for text, bold in [
        ("Partecipanti", True),
        ("Associazioni / Cooperative sociali / Scuole", False),  # values under their labels, across
        ("Parrocchie / Società sportive / Studenti", False),  # the labels' edge: they hide the gutter
        ("Soggetti esterni", True),
        ("Cooperativa sociale Ponti Sospesi e altri", False),
    ]:
        words += _words(text, 40, top, bold=bold)
        top += LEADING + 4
    text = lay_out([Page(1, 595, 842, words)], _labels()).text
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    assert lines == [
        "Titolari della decisione",
        "Unione Val d'Enza",
        "Utilizzo di piattaforme tecnologiche e strumenti digitali",
        "Si",
        "Numero partecipanti (stimate o effettive)",
        "1480",
        "Codecisione",
        "No",
        "Partecipanti",
        "Associazioni / Cooperative sociali / Scuole Parrocchie / Società sportive / Studenti",
        "Soggetti esterni",
        "Cooperativa sociale Ponti Sospesi e altri",
    ]


def test_the_short_last_line_of_a_text_across_two_columns_goes_on_that_text() -> None:
    """Under a story in two columns, contact lines run across both; one wraps, and its short last
    line (flush left, no gap, same type) stands in the left column only: it still ends its line."""
    words = []
    for line in range(8):
        words += _words("il racconto della colonna di sinistra", 40, 100 + line * LEADING)
        words += _words("il racconto della colonna di destra", 320, 100 + line * LEADING)
    top = 100 + 8 * LEADING + 4
    contact = "Silvia Casadei, responsabile dei Servizi sociali associati, Unione Rubicone e Mare · tel. 0541 809624 ·"
    words += _words(contact, 40, top) + _words("s.casadei@unione.it", 40, top + LEADING)
    words += _words(
        "Andrea Pracucci, coordinatore dei volontari di prossimità · cell. 347 2189043", 40, top + 2 * LEADING
    )
    blocks = [" ".join(block.split()) for block in lay_out([Page(1, 595, 842, words)], _labels()).text.split("\n\n")]
    assert f"{contact} s.casadei@unione.it" in blocks


def test_a_section_heading_over_the_value_column_is_no_value_of_the_first_label() -> None:
    """Right-aligned labels, values beside them, and the section's heading set in larger bold
    type in the value column just above the first row."""
    words = [word._replace(size=12.0, bold=True) for word in _words("Processo", 215, 86)]
    rows = [("Stato di avanzamento", "Concluso"), ("Natura Processo", "Processo certificato"), ("Durata (mesi)", "7")]
    for number, (label, value) in enumerate(rows):
        words += _words(label, 200, 100 + number * (LEADING + 2), right_aligned=True, bold=True)
        words += _words(value, 215, 100 + number * (LEADING + 2))
    blocks = [" ".join(block.split()) for block in lay_out([Page(1, 595, 842, words)], _labels()).text.split("\n\n")]
    assert blocks[blocks.index("Stato di avanzamento") + 1] == "Concluso"
    assert blocks.index("Processo") < blocks.index("Stato di avanzamento")


@pytest.mark.parametrize("kicker_baseline", [39.0, 36.5], ids=["same_row", "own_row"])
def test_a_kicker_in_small_type_before_a_title_is_not_part_of_it(kicker_baseline: float) -> None:
    """On the title's row, or on a row of its own beside the title (not a label and its value)."""
    words = [
        Word("Carta", 40, kicker_baseline - 7, 62, kicker_baseline + 1, 8.0, True, kicker_baseline),
        Word("d'identità", 64, kicker_baseline - 7, 100, kicker_baseline + 1, 8.0, True, kicker_baseline),
    ]
    x = 110.0
    for text in ("LA", "PORTA", "ACCANTO:", "RETI", "DI", "VICINATO"):
        words.append(Word(text, x, 29, x + len(text) * 10, 42, 17.0, True, 41.5))
        x += len(text) * 10 + 5
    words += _words("Nato nel 2016 nel quartiere", 40, 100)
    laid = lay_out([Page(1, 595, 842, words)], _labels())
    assert laid.title is not None
    assert laid.text[laid.title[0] : laid.title[1]] == "LA PORTA ACCANTO: RETI DI VICINATO"


def test_list_entries_that_open_with_a_heading_and_a_colon_stay_one_per_line() -> None:
    entries = [
        "Amministrazioni: Amministratori // Dirigenti",
        "Ufficio di Piano: Dirigenti // Operatori",
        "Asp: Operatori",
    ]
    words = [word for number, text in enumerate(entries) for word in _words(text, 40, 100 + number * LEADING)]
    assert lay_out([Page(1, 595, 842, words)], _labels()).text.split("\n") == entries


def test_a_line_that_opens_with_a_known_label_and_colon_starts_a_new_field() -> None:
    lines = [
        "Il percorso si chiude con la consegna del documento alla Giunta comunale che lo",
        "discute in una seduta aperta ai cittadini e alle associazioni del quartiere, e la",
        "Utilizzo di piattaforme tecnologiche e strumenti digitali: Sì",
    ]
    words = [word for number, text in enumerate(lines) for word in _words(text, 40, 100 + number * LEADING)]
    text = lay_out([Page(1, 595, 842, words)], _labels()).text
    assert text.endswith("e la\nUtilizzo di piattaforme tecnologiche e strumenti digitali: Sì")


def test_a_value_carried_over_to_the_next_page_is_not_the_next_labels() -> None:
    labels = [
        Segment(_words("LIVELLO DI PARTECIPAZIONE:", 40, 100, bold=True), page=2),
        Segment(_words("ULTIMA MODIFICA:", 40, 100 + 2 * LEADING, bold=True), page=2),
    ]
    values = [
        Segment(_words("l'attività anche dopo la chiusura del processo.", 200, 100 - 3 * LEADING), page=2),
        Segment(_words("Il patto è stato recepito dalla Giunta.", 200, 100 - 2 * LEADING), page=2),
        Segment(_words("Empowerment", 200, 100), page=2),
        Segment(_words("18/02/2019", 200, 100 + 2 * LEADING), page=2),
    ]
    cells = label_cells(labels, _labels())
    found = value_cells(values, cells)
    assert [[" ".join(word.text for word in line.words) for line in cell] for cell in found] == [
        ["l'attività anche dopo la chiusura del processo.", "Il patto è stato recepito dalla Giunta."],
        ["Empowerment"],
        ["18/02/2019"],
    ]


def test_entries_of_a_list_in_capitals_are_entries_of_their_own() -> None:
    entries = [
        "Amministrazioni: Amministratori // Dirigenti",
        "Terzo settore: Dirigenti // Operatori //",
        "Volontari",  # cut after `//`: goes on
        "Asp: Operatori",
        "Imprese",  # an entry without roles
        "Cittadini",
    ]
    words = [word for number, text in enumerate(entries) for word in _words(text, 40, 100 + number * LEADING)]
    assert lay_out([Page(1, 595, 842, words)], _labels()).text.split("\n") == [
        "Amministrazioni: Amministratori // Dirigenti",
        "Terzo settore: Dirigenti // Operatori // Volontari",
        "Asp: Operatori",
        "Imprese",
        "Cittadini",
    ]


def test_a_bulleted_list_goes_on_across_loose_spacing_and_the_page_break() -> None:
    first = _words("• Asp: Operatori", 40, 700) + _words("• Terzo settore: Volontari", 40, 700 + LEADING)
    second = _words("• Sindacati", 40, 60) + _words("• Imprese", 40, 60 + 1.9 * LEADING)  # a loose gap
    pages = [Page(1, 595, 842, first), Page(2, 595, 842, second)]
    assert lay_out(pages, _labels()).text.split("\n") == [
        "• Asp: Operatori",
        "• Terzo settore: Volontari",
        "• Sindacati",
        "• Imprese",
    ]


def test_a_title_wrapped_onto_a_line_of_its_own_is_one_title() -> None:
    def big(text: str, top: float) -> list[Word]:
        parts, x, found = text.split(), 35.0, []
        for part in parts:
            found.append(Word(part, x, top, x + len(part) * 10, top + 15, 20.0, False, top + 13))
            x += len(part) * 10 + 5
        return found

    words = big("Biblioteche di comunità in Valsamoggia: una rete tra i", 51) + big("municipi", 69)
    for column in (40, 306):  # a two-column form below: its gutter sets the title's last line apart
        for line in range(6):
            words += _words("STATO DI AVANZAMENTO" if line % 2 == 0 else "Concluso", column, 120 + line * LEADING)
    laid = lay_out([Page(1, 595, 842, words)], _labels())
    assert laid.title is not None
    assert " ".join(laid.text[laid.title[0] : laid.title[1]].split()) == (
        "Biblioteche di comunità in Valsamoggia: una rete tra i municipi"
    )


def test_what_stands_beside_a_title_over_two_lines_is_read_after_it() -> None:
    def big(text: str, x: float, top: float) -> list[Word]:
        found = []
        for part in text.split():
            found.append(Word(part, x, top, x + len(part) * 16, top + 18, 33.0, True, top + 16))
            x += len(part) * 16 + 8
        return found

    words = big("PORTE APERTE: LA CASA DELLA SALUTE", 261, 42) + big("INCONTRA IL QUARTIERE", 262, 71)
    words += _words("Nato nel:", 26, 47) + _words("Maggio 2015", 26, 57) + _words("A:", 26, 83)
    for line in range(8):  # the page's columns: a sidebar, the text, a right column
        words += _words("Fidenza (PR)" if line == 0 else "testo", 26, 93 + line * LEADING)
        words += _words("testo della colonna centrale del racconto", 263, 130 + line * LEADING)
        words += _words("colonna destra", 545, 130 + line * LEADING)
    laid = lay_out([Page(1, 842, 595, words)], _labels())
    assert laid.title is not None
    assert (
        " ".join(laid.text[laid.title[0] : laid.title[1]].split())
        == "PORTE APERTE: LA CASA DELLA SALUTE INCONTRA IL QUARTIERE"
    )


def test_a_big_number_is_no_title_and_the_printed_page_title_breaks_a_tie() -> None:
    text = "Osservatorio Partecipazione\n\n220 persone\n\nCorti aperte nel centro storico"
    headings = [(0, 27, 18.7), (29, 40, 46.0), (42, 73, 18.7)]
    laid_words = _words("220 persone", 40, 100)
    assert not _names([Segment(laid_words, page=1)])
    named = [heading for heading in headings if heading[1] != 40]
    printed = ["Corti aperte nel centro storico – Osservatorio Partecipazione"]
    assert title_of(named, text, printed) == (42, 73)  # the page title the browser printed
    assert title_of(named, text, []) == (0, 27)  # else the first in the largest type


def test_a_whole_label_on_its_own_line_is_not_wrapped_into_its_neighbours() -> None:
    """Label and value in one type, one line each: a label that is its block's longest line ends
    before a value that opens in capitals, and a value that is ends before the next label; a
    line that goes on in lower case is still wrapped text."""
    blocks = [
        ["Stato di avanzamento", "Concluso", "Logo"],
        ["Natura Processo", "Processo certificato non finanziato", "Anno della certificazione", "2022"],
    ]
    words, top = [], 100.0
    for block in blocks:
        for text in block:
            words += _words(text, 40, top)
            top += LEADING
        top += 3 * LEADING
    assert lay_out([Page(1, 595, 842, words)], _labels()).text.split("\n") == [*blocks[0], "", *blocks[1]]
    prose = ["Tavolo di negoziazione", "e associazioni"]
    words = [word for number, text in enumerate(prose) for word in _words(text, 40, 100 + number * LEADING)]
    assert lay_out([Page(1, 595, 842, words)], _labels()).text == " ".join(prose)


def _column_lines(texts: list[str], x0: float, top: float) -> list[Word]:
    return [word for number, text in enumerate(texts) for word in _words(text, x0, top + number * LEADING)]


def test_a_title_over_a_grid_of_columns_does_not_hide_its_gutters() -> None:
    """A title and a subtitle alone on their rows stand above the columns, not in them."""
    words = _words("Il welfare si fa in piazza e nelle strade", 40, 40) + _words(
        "Una storia di comunita in pianura ferrarese", 40, 55
    )
    for x0 in (40, 190, 340):
        words += _column_lines(["riga uno", "riga due", "riga tre", "riga quattro", "riga cinque"], x0, 80)
    assert len(gutters(segments_of(Page(1, 595, 842, words)))) == 2


def test_a_grid_of_three_boxes_above_two_columns_is_read_as_two_zones() -> None:
    """Where the columns change across a narrow band of space, each part keeps its own gutters
    (the two columns' text would otherwise cover the grid's gutters, and the other way round)."""
    words = []
    for number, x0 in enumerate((40, 190, 340)):
        words += _column_lines([f"box {number} riga {line}" for line in range(5)], x0, 80)
    lower = 80 + 4 * LEADING + SIZE + 1.8 * SIZE  # more space than between lines, less than between zones
    words += _column_lines(
        [f"colonna sinistra lunga riga {line} con altre parole ancora" for line in range(4)], 40, lower
    )
    words += _column_lines([f"colonna destra lunga riga {line}" for line in range(4)], 300, lower)
    found = zones(segments_of(Page(1, 595, 842, words)))
    assert [len(gutters(zone)) for zone in found] == [2, 1]
    text = lay_out([Page(1, 595, 842, words)], _labels()).text
    assert text.index("box 0 riga 4") < text.index("box 1 riga 0") < text.index("colonna sinistra lunga riga 0")
    assert text.index("colonna sinistra lunga riga 3 con") < text.index("colonna destra lunga riga 0")


def test_a_contacts_strip_in_two_columns_under_a_story_in_three_is_a_zone_of_its_own() -> None:
    """Fewer columns below than above, and the strip's longer lines run across the story's
    gutters (which the story's text still shows in the whole zone): the columns change there,
    so each person's lines are read together, not between the story's columns."""
    words = []
    for x0 in (40, 220, 400):
        words += _column_lines([f"racconto {x0} riga {line} della storia" for line in range(10)], x0, 80)
    lower = 80 + 9 * LEADING + SIZE + 1.8 * SIZE
    for x0, person in ((100, "Simona Pelagatti"), (280, "Luca Rapacchi")):
        lines = [person, "Associazione Cortili Aperti", "Tel. 0524 598803", "cortili.aperti.soragna@example.org"]
        words += _column_lines(lines, x0, lower)
    segments = segments_of(Page(1, 595, 842, words))
    assert len(gutters(segments, 2)) == 2 and len(zones(segments)) == 2
    text = lay_out([Page(1, 595, 842, words)], _labels()).text
    assert "racconto" not in text[text.index("Simona Pelagatti") :]


def _sized(text: str, x0: float, top: float, size: float) -> list[Word]:
    words, x = [], x0
    for part in text.split():
        width = len(part) * size / 2
        words.append(Word(part, x, top, x + width, top + size, size, False, top + size * 0.8))
        x += width + size / 3
    return words


@pytest.mark.parametrize("captions", [True, False], ids=["label under its value", "label over its value"])
def test_a_label_is_read_with_the_text_it_stands_nearest_to(captions: bool) -> None:
    """Captions under their values (a small label close under a larger value, far from the next)
    are read before their values; labels over their values stay as they are."""
    fields = [
        ("Nato nel", "Maggio 2018"),
        ("Sono nato per", "Portare i servizi in piazza"),
        ("Peso", "Microprogettazione"),
    ]
    words, top = [], 100.0
    for label, value in fields:
        first, second = ((value, 12.0), (label, 8.0)) if captions else ((label, 8.0), (value, 12.0))
        words += _sized(first[0], 40, top, first[1])
        words += _sized(second[0], 40, top + first[1] + 3, second[1])
        top += first[1] + second[1] + 3 + 30
    words += _sized("Il racconto della storia comincia qui", 40, top, 12.0)
    lines = [line for line in lay_out([Page(1, 595, 842, words)], _labels()).text.split("\n") if line]
    assert lines[:6] == [text for pair in fields for text in pair]


def _inline_field(label: str, value: str, top: float) -> list[Word]:
    """A label and its value on one line, in one weight (labels told by colour)."""
    label_words = _words(label, 40, top)
    return label_words + _words(value, label_words[-1].x1 + 3 * SPACE, top)


def test_a_value_on_a_labels_line_goes_on_in_lower_case_on_the_next() -> None:
    """In a form of short `label value` lines, a value wrapped at the column's edge goes on into
    a line in lower case, though most lines of the block stop short; a whole label stays apart
    from a value in lower case (`marzo 2017`)."""
    words = _inline_field("Stato di avanzamento", "Concluso", 100)
    words += _inline_field(
        "Struttura responsabile", "Area Tecnica, Servizio Mobilità. Referente: Anna Riva,", 100 + LEADING
    )
    words += _words("anna.riva@comune.it, tel. 0536 240118", 40, 100 + 2 * LEADING)
    words += _inline_field("Durata in mesi", "6", 100 + 3 * LEADING)
    assert (
        lay_out([Page(1, 595, 842, words)], _labels())
        .text.split("\n")[1]
        .endswith("Referente: Anna Riva, anna.riva@comune.it, tel. 0536 240118")
    )
    lines = ["Conclusione del processo", "marzo 2017", "Durata in mesi", "6"]
    words = [word for number, text in enumerate(lines) for word in _words(text, 40, 100 + number * LEADING)]
    assert lay_out([Page(1, 595, 842, words)], _labels()).text.split("\n") == lines


@pytest.mark.parametrize(
    "trail", ["Home » Processi » Corti aperte nel centro storico", "Corti aperte nel centro storico | Osservatorio"]
)
def test_the_heading_a_breadcrumb_or_the_printed_page_title_names_is_the_title(trail: str) -> None:
    """A one-page print keeps its header and breadcrumb as text: the heading they name is the
    title, not the site's name above it, in larger type."""
    words = _words(trail, 40, 40)
    words += _sized("Osservatorio Partecipazione", 40, 70, 24.0)  # the site's name, in larger type
    words += _sized("Corti aperte nel centro storico", 40, 110, 20.0)
    words += _column_lines(["Stato di avanzamento", "Concluso"], 40, 150)
    laid = lay_out([Page(1, 595, 842, words)], _labels())
    start, end = laid.title
    assert laid.text[start:end] == "Corti aperte nel centro storico"


@pytest.mark.parametrize(
    ("document_title", "expected"),
    [
        ("Orti in rete – Carta d'identità – Community Lab", "Orti in rete: welfare di comunità tra le colline"),
        ("", "Community Lab"),  # without it, the footer's words name the brand's heading
    ],
)
def test_the_document_title_names_the_heading_not_the_brand_in_the_footer(document_title: str, expected: str) -> None:
    """A card's brand in large type on top and in its own footer on every page; the document's
    title (its metadata, what a browser prints) names the process heading, which wins even when
    the heading has more words than the title."""
    pages = []
    for number in (1, 2):
        words = _sized("Community Lab · Carte d'identità delle esperienze 2017", 40, 800, 9.0)
        if number == 1:
            words += _sized("Community Lab", 40, 40, 16.0)
            words += _sized("Orti in rete: welfare di comunità tra le colline", 40, 90, 20.0)
        body = (
            ["Nato nel", "Settembre 2014", "A", "Comacchio (FE)", "Sono nato per", "Far crescere gli orti"]
            if number == 1
            else ["La storia", "Tutto comincia"]
        )
        words += _column_lines(body, 40, 200)
        pages.append(Page(number, 595, 842, tuple(words), document_title if number == 1 else ""))
    laid = lay_out(pages, _labels())
    start, end = laid.title
    assert laid.text[start:end] == expected


def test_one_empty_label_before_a_heading_is_no_caption() -> None:
    """Evenly spaced labels over their values: the one label whose value is empty stands nearer
    the value above than the heading below, and is still read where it stands."""
    lines = [
        ("CertificatoFinanziato", False),
        ("Data fine del processo", True),
        ("18/12/2019", False),
        ("Durata (mesi)", True),
        ("7", False),
        ("Richiesta e concessione della proroga", True),
    ]
    words = []
    for number, (text, bold) in enumerate(lines):
        words += [word._replace(bold=bold) for word in _sized(text, 40, 100 + 18 * number, 12.0)]
    words += _sized("Gestione di Processo", 40, 100 + 18 * len(lines) + 40, 18.0)
    text = lay_out([Page(1, 595, 842, words)], _labels()).text
    assert text.index("7") < text.index("Richiesta e concessione della proroga")


def _spaced(text: str, x0: float, top: float, space: float, bold: bool = False) -> list[Word]:
    """A line of words `space` apart (a font whose word space is narrower than `SPACE`)."""
    found, x = [], x0
    for part in text.split():
        found.append(Word(part, x, top, x + len(part) * CHAR, top + SIZE, SIZE, bold, top + SIZE * 0.8))
        x += len(part) * CHAR + space
    return found


def test_a_gap_several_times_the_rows_word_space_splits_it_but_justification_does_not() -> None:
    """A `dt` and its `dd` a little closer than a wide gap: the gap is still several times the
    row's own word space, so the label and its value are two segments. A justified line, whose
    spaces all stretch alike, stays one."""
    label = _spaced("Cabina di regia allargata", 40, 100, 1.8, bold=True)
    value = _spaced("13 Comune Ausl Terzo settore", label[-1].x1 + 6.5, 100, 1.8)
    justified = _spaced("confronto con i residenti sulla cura", 40, 100 + 2 * LEADING, 6.5)
    segments = segments_of(Page(1, 595, 842, label + value + justified))
    assert [text_of([item]) for item in segments] == [
        "Cabina di regia allargata",
        "13 Comune Ausl Terzo settore",
        "confronto con i residenti sulla cura",
    ]


def test_a_right_aligned_label_wrapped_beside_its_value_is_read_whole_before_it() -> None:
    """A definition list printed from a web page: the label column right-aligned, the label's
    second line beside the value's second line. The label is read whole, then its value."""
    words = _words("Persone coinvolte nell'attuazione", 200, 100, right_aligned=True, bold=True)
    words += _words("del progetto", 200, 100 + LEADING, right_aligned=True, bold=True)
    words += _words("140", 212, 100)
    words += _words("Comune: Amministratori // Operatori", 224, 100 + LEADING + 1.5)
    words += _words("Ausl: Operatori", 224, 100 + 2 * LEADING + 1.5)
    rows = {text_of([item]): item.row for item in values_after_labels(segments_of(Page(1, 595, 842, words)), _labels())}
    assert rows["del progetto"] == rows["140"] != rows["Comune: Amministratori // Operatori"]
    text = lay_out([Page(1, 595, 842, words)], _labels()).text
    assert " ".join(text.split()).startswith("Persone coinvolte nell'attuazione del progetto 140 Comune:")


def test_a_number_beside_the_middle_line_of_a_wrapped_label_follows_the_whole_label() -> None:
    """A card's box: a label over three lines with its number in large type right of it, centred
    on the label's second line. The number moves to the label's last line, and a styled run that
    ends a label begun two lines above still ends that label."""
    words = _words("Persone coinvolte", 40, 100, bold=True)
    words += _words("nell'attuazione del", 40, 100 + LEADING, bold=True)
    words += _words("progetto", 40, 100 + 2 * LEADING, bold=True)
    number = _words("310", 160, 106)
    words += [word._replace(size=13.5, bottom=122.0, baseline=119.5, colour=0xD8731F) for word in number]
    segments = segments_of(Page(1, 595, 842, words))
    rows = {text_of([item]): item.row for item in values_after_labels(segments, _labels())}
    assert rows["310"] == rows["progetto"] != rows["nell'attuazione del"]
    lines = [Segment(_words(text, 40, 100), 1, 0) for text in ("Persone coinvolte", "nell'attuazione del")]
    assert _ends_label(lines, _words("progetto", 40, 122), _labels())
    assert not _ends_label(lines[1:], _words("progetto", 40, 122), _labels())  # no label begins there


@pytest.mark.parametrize("titled", [True, False], ids=["title_on_page_one", "title_only_in_the_header"])
def test_a_running_header_is_kept_on_page_one_when_that_page_has_no_title(titled: bool) -> None:
    """A designed card prints its title and date line in a header and footer on every page; when
    its first page has no heading of its own, page one's header and footer are its text."""

    def page(number: int, body: str) -> Page:
        words = _words("PAESI CHE SI PARLANO", 40, 20, bold=True) + _words(f"scheda {number} di 2", 480, 20)
        if titled and number == 1:
            words += [word._replace(size=20.0, bottom=80 + 20.0) for word in _words("Paesi che si parlano", 40, 80)]
        words += _words(body, 40, 200) + _words(f"pubblicata il 21/10/2016 · pag. {number}", 40, 800)
        return Page(number, 595, 842, words)

    text = lay_out([page(1, "Nato nel Settembre 2014"), page(2, "Contatti Rossella Ghezzi")], _labels()).text
    assert ("PAESI CHE SI PARLANO" in text) is not titled
    assert ("pubblicata il 21/10/2016" in text) is not titled
    assert text.count("PAESI CHE SI PARLANO") <= 1


def test_fields_side_by_side_each_label_over_its_value_are_read_field_by_field() -> None:
    """A form's row of three fields, each label (with its outline number and required mark) over
    its own value, the last value wrapped: label, value, next label. The field below, across
    the page, is not taken as a value of the row."""
    words = _words("1.2 Nato nel *", 40, 100) + _words("1.3 A *", 220, 100) + _words("1.4 Peso *", 390, 100)
    words += _words("Ottobre 2015", 46, 100 + 1.5 * LEADING) + _words("Mesola (FE)", 226, 100 + 1.5 * LEADING)
    words += _words("Programmazione locale (Piano", 396, 100 + 1.5 * LEADING)
    words += _words("di zona)", 396, 100 + 2.5 * LEADING)
    words += _words("1.5 Sono nato per *", 40, 100 + 4.5 * LEADING)
    words += _words("Fare del Castello un luogo di incontro per gli anziani soli delle frazioni", 46, 100 + 6 * LEADING)
    lines = [line for line in lay_out([Page(1, 595, 842, words)], _labels()).text.split("\n") if line]
    assert lines[:6] == [
        "1.2 Nato nel *",
        "Ottobre 2015",
        "1.3 A *",
        "Mesola (FE)",
        "1.4 Peso *",
        "Programmazione locale (Piano di zona)",
    ]
    assert lines[6] == "1.5 Sono nato per *"


def test_labels_side_by_side_with_no_value_under_one_are_left_as_they_stand() -> None:
    words = _words("Nato nel", 40, 100) + _words("A", 220, 100) + _words("Peso", 390, 100)
    words += _words("Ottobre 2015", 46, 100 + 1.5 * LEADING) + _words("Microprogettazione", 396, 100 + 1.5 * LEADING)
    lines = [line for line in lay_out([Page(1, 595, 842, words)], _labels()).text.split("\n") if line]
    assert "Nato nel" not in lines  # not read field by field: `A` has no value under it


def test_two_known_labels_wrapped_beside_their_values_are_read_cell_by_cell() -> None:
    """A form's last two rows under a section heading: each label wraps over two lines in its
    cell, its value a number then a list beside it; too few rows for a form by count, but every
    cell of the column is a known label."""
    words = _words("Statura // chi abbiamo coinvolto", 40, 80, bold=True)
    rows = [("Cabina di regia", "3"), ("ristretta", "Comune // Unione // Terzo settore."), ("", "")]
    rows += [("Cabina di regia", "12"), ("allargata", "Comune // Ausl // Terzo settore // Imprese")]
    rows += [("", "// Cittadini.")]
    for number, (label, value) in enumerate(rows):
        top = 100 + number * LEADING * 1.2 + (6 if number >= 3 else 0)
        if label:
            words += _words(label, 40, top, bold=True)
        if value:
            words += _words(value, 160, top)
    lines = [line for line in lay_out([Page(1, 595, 842, words)], _labels()).text.split("\n") if line]
    assert lines[1:4] == ["Cabina di regia ristretta", "3", "Comune // Unione // Terzo settore."]
    assert lines[4:6] == ["Cabina di regia allargata", "12"]


def test_a_quote_repeating_the_title_s_words_is_not_the_title() -> None:
    """The printed title names the heading with no words of its own over a quote that repeats them."""
    text = "Il cortile di tutti\n«Il cortile era di nessuno, adesso è di tutti.»"
    headings = [(0, 19, 28.0), (20, len(text), 28.0)]
    assert title_of(headings, text, ["Il cortile di tutti – Carta d'identità"]) == (0, 19)
    assert title_of(headings[::-1], text, ["Il cortile di tutti"]) == (0, 19)


def test_a_line_broken_after_a_hyphen_goes_on_without_a_space() -> None:
    """`p.bedeschi@comune-` / `alfonsine.example.it`: the hyphen that ends the line joins the parts;
    a dash standing alone at a line's end does not."""
    lines = ["Responsabile del processo: Paolo Bedeschi, e-mail p.bedeschi@comune-", "alfonsine.example.it e altri"]
    words = [word for number, text in enumerate(lines) for word in _words(text, 40, 100 + number * LEADING)]
    words += _words("Un testo lungo che va a capo come un paragrafo di una pagina stampata da un browser", 40, 60)
    text = lay_out([Page(1, 595, 842, words)], _labels()).text
    assert "p.bedeschi@comune-alfonsine.example.it" in text
    lines = ["Comune di Mesola -", "Ufficio di Piano del distretto sud est di Ferrara"]
    words = [word for number, text in enumerate(lines) for word in _words(text, 40, 100 + number * LEADING)]
    text = lay_out([Page(1, 595, 842, words)], _labels()).text
    assert "Mesola -" in text and "-Ufficio" not in text


def test_a_figure_under_its_label_in_the_label_column_is_read_before_the_list_beside() -> None:
    """A card's Statura as a form: each label with its big figure under it on the left, the list
    of organisations beside them on the right. The figure follows its label, then the list."""
    words = _words("Statura // chi abbiamo coinvolto", 40, 60, bold=True)
    entries = [
        ("Cabina di regia ristretta", "4", ["Comune // Unione // Terzo settore"]),
        ("Cabina di regia allargata", "13", ["Comune // Unione // Ausl // Casa", "della salute // Terzo settore"]),
        ("Persone coinvolte nell'attuazione del progetto", "180", ["Comune: Amministratori", "Ausl: Operatori"]),
    ]
    top = 80.0
    for label, figure, items in entries:
        words += _words(label, 40, top, bold=True)
        words += [word._replace(size=16.0, bottom=top + LEADING + 16) for word in _words(figure, 40, top + LEADING)]
        words += _column_lines(items, 260, top)
        top += 3.5 * LEADING
    lines = [line for line in lay_out([Page(1, 595, 842, words)], _labels()).text.split("\n") if line]
    assert lines[1:4] == ["Cabina di regia ristretta", "4", "Comune // Unione // Terzo settore"]
    assert lines[4:6] == ["Cabina di regia allargata", "13"]
    assert lines[lines.index("Persone coinvolte nell'attuazione del progetto") + 1] == "180"


def test_a_row_of_fields_beside_a_sidebar_is_read_field_by_field() -> None:
    """A newsletter's key-fact strip (`NATO NEL | A | PESO`) with a sidebar's column on the same
    rows, further right than the strip's columns reach: the sidebar is not the strip's."""
    words = _words("NATO NEL", 40, 100) + _words("A", 140, 100) + _words("PESO", 260, 100)
    words += _words("Maggio 2016", 40, 100 + 1.2 * LEADING) + _words("Conselice (RA)", 140, 100 + 1.2 * LEADING)
    words += _words("Microprogettazione", 260, 100 + 1.2 * LEADING)
    for line in range(-2, 6):
        words += _words(f"biblioteca aperta {line}", 430, 100 + line * LEADING)
    words += _words("Passaggi in comune: un servizio di trasporto per gli anziani", 40, 100 - 2 * LEADING)
    words += _words("Garantire agli anziani senza auto delle frazioni un passaggio", 40, 100 + 3 * LEADING)
    words += _words("per visite mediche, spesa e pratiche con autisti volontari.", 40, 100 + 4 * LEADING)
    lines = [line for line in lay_out([Page(1, 595, 842, words)], _labels()).text.split("\n") if line]
    start = lines.index("NATO NEL")
    assert lines[start : start + 6] == ["NATO NEL", "Maggio 2016", "A", "Conselice (RA)", "PESO", "Microprogettazione"]


def test_a_line_ending_on_a_word_that_needs_another_goes_on() -> None:
    """`…, Comune di` / `Copparo`: the line stops short of its column's edge (a label in the margin
    widens the column) but cannot end on `di`."""
    words = _words("Lucia Marangoni, responsabile Servizi alla persona, Comune di", 40, 100)
    words += _words("Copparo", 40, 100 + LEADING)
    words += _words("CONTATTI", 420, 90, bold=True)
    assert "Comune di Copparo" in lay_out([Page(1, 595, 842, words)], _labels()).text


def test_a_form_with_its_labels_right_of_the_values_reads_each_label_first() -> None:
    """A book's right-hand page: values on the left, their labels in the outer margin on the
    right, each beside its value's first line. Each label is read before its value."""
    rows = [
        ("Marzo 2016", [], "Nato nel"),
        ("Copparo (FE)", [], "A"),
        ("Riaprire luoghi di incontro nelle frazioni", ["rimaste senza negozi e senza bar."], "Sono nato per"),
        ("Microprogettazione", [], "Peso"),
    ]
    words, top = [], 80.0
    for value, more, label in rows:
        words += _column_lines([value, *more], 40, top) + _words(label, 420, top, bold=True)
        top += (len(more) + 2) * LEADING
    lines = [line for line in lay_out([Page(1, 595, 842, words)], _labels()).text.split("\n") if line]
    assert lines[:4] == ["Nato nel", "Marzo 2016", "A", "Copparo (FE)"]
    assert lines[lines.index("Sono nato per") + 1].startswith("Riaprire luoghi")


def test_entry_headings_alone_on_their_lines_in_a_narrow_box_open_entries() -> None:
    """A narrow box wraps each `Org:` heading onto a line of its own: the heading goes on into its
    roles, and the next heading (or an organisation in capitals) opens the next entry, however
    short the line before it stops."""
    lines = ["Amministrazione:", "Amministratori //", "Operatori", "Ufficio di Piano:", "Dirigenti"]
    lines += ["Terzo settore:", "Volontari", "Sindacati pensionati:", "Volontari", "Cittadini"]
    words = [word for number, line in enumerate(lines) for word in _words(line, 300, 100 + number * LEADING)]
    text = lay_out([Page(1, 595, 842, words)], _labels()).text
    assert text.split("\n") == [
        "Amministrazione: Amministratori // Operatori",
        "Ufficio di Piano: Dirigenti",
        "Terzo settore: Volontari",
        "Sindacati pensionati: Volontari",
        "Cittadini",
    ]


def test_a_field_label_alone_with_its_colon_is_no_entry_heading() -> None:
    labels = _labels()
    assert _item_head("Ufficio di Piano:", labels) and _item_head("Asp: Operatori", labels)
    assert not _item_head("Risultati conseguiti:", labels)  # a field's label: what follows is its value
    assert not _item_head("Il progetto continua", labels)


def test_a_value_wrapped_after_its_run_in_bold_label_goes_on() -> None:
    """`Tipologia di Soggetto proponente:` in bold, its value in the body's weight, wrapped: the
    next line, in the weight the line ended in, is the value's end, not a new block."""
    label, value = "Tipologia di Soggetto proponente:", "Comune con popolazione"  # the line mostly bold
    words = _words(label, 40, 100, bold=True) + _words(value, 40 + (len(label) + 1) * CHAR + SPACE, 100)
    words += _words("inferiore a 5.000 abitanti", 40, 100 + LEADING)
    words += _words("Soggetti specifici: Non prevista nel bando", 40, 100 + 3 * LEADING)
    text = lay_out([Page(1, 595, 842, words)], _labels()).text
    assert "Comune con popolazione inferiore a 5.000 abitanti" in text


def test_the_site_s_name_is_no_title_though_the_printed_title_holds_it() -> None:
    """A newsletter printed from the browser: its page title is `Issue – date · Site`, and the
    site's masthead matches that title; the card's own heading is the title."""
    text = "Casa del Volontariato\n\nLa corriera della solidarietà"
    headings = [(0, 21, 22.0), (23, len(text), 26.0)]
    printed = ["Newsletter n. 7 – marzo 2019 · Casa del Volontariato"]
    assert title_of(headings, text, printed) == (23, len(text))
    assert title_of(headings, text, ["Casa del Volontariato"]) == (0, 21)  # a title of one part names the page
