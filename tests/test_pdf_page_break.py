"""A value that continues across a page break is one value: on hand-built lines (the geometry
rule), and end to end on a scheda whose description is cut by the page's bottom margin."""

from __future__ import annotations

from fpdf import FPDF

from extract.config import load_config
from extract.loaders.pdf import load_pdf
from extract.loaders.pdf.backends import Word
from extract.loaders.pdf.layout import list_goes_on, runs_on_next_page
from extract.loaders.pdf.segments import Segment

SIZE = 10.0
EDGE = 500.0


def _line(text: str, top: float, x0: float = 50.0, x1: float | None = None, bold: bool = False) -> Segment:
    """One line of words spread from x0 to x1 (default: to the column's edge)."""
    words = text.split()
    right = EDGE if x1 is None else x1
    step = (right - x0) / len(words)
    return Segment(
        [
            Word(word, x0 + index * step, top, x0 + (index + 1) * step - 3, top + SIZE, SIZE, bold, top + SIZE * 0.8)
            for index, word in enumerate(words)
        ],
        page=1,
    )


def test_a_line_wrapped_mid_sentence_runs_on_at_the_top_of_the_next_page() -> None:
    block = [_line("Il percorso ha coinvolto nel corso dei mesi", 700), _line("scorsi le associazioni e circa", 712)]
    assert runs_on_next_page(block, EDGE, [_line("centoventi cittadini dei quartieri.", 60, x1=300)])
    following = [_line("centoventi cittadini dei quartieri, le scuole e i", 60), _line("servizi", 72, x1=100)]
    assert runs_on_next_page(block, EDGE, following)


def test_a_sentence_or_a_short_line_ends_the_page() -> None:
    ended = [_line("Il percorso si è concluso con una restituzione pubblica.", 700)]
    short = [_line("Allegati", 700, x1=120)]
    following = [_line("seguono le schede dei laboratori.", 60, x1=300)]
    assert not runs_on_next_page(ended, EDGE, following)
    assert not runs_on_next_page(short, EDGE, following)


def test_another_type_or_an_indent_on_the_next_page_starts_anew() -> None:
    block = [_line("Il percorso ha coinvolto nel corso dei mesi scorsi le associazioni e", 700)]
    assert not runs_on_next_page(block, EDGE, [_line("Metodi e strumenti.", 60, x1=200, bold=True)])
    assert not runs_on_next_page(block, EDGE, [_line("in rientro di paragrafo.", 60, x0=120, x1=300)])
    assert not runs_on_next_page(block, EDGE, [_line("Risultati attesi", 60, x1=200)])  # a heading alone


def test_a_label_at_the_top_of_the_next_page_is_a_new_field() -> None:
    block = [_line("Il percorso ha coinvolto nel corso dei mesi scorsi le associazioni e", 700)]
    labels = load_config().labels

    def is_label(text: str) -> bool:
        return labels.match(text) is not None

    following = [_line("Stato di avanzamento", 60, x1=200), _line("Concluso", 72, x1=120)]
    assert not runs_on_next_page(block, EDGE, following, is_label)  # type: ignore[arg-type]


def _scheda_cut_by_the_page_break() -> bytes:
    pdf = FPDF(unit="pt", format=(420, 595))
    pdf.set_margins(40, 40, 40)
    pdf.set_auto_page_break(True, 40)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 20, "Orti condivisi al Quartiere Nord", new_x="LMARGIN", new_y="NEXT")
    for label, value in (("Stato di avanzamento", "Concluso"), ("Natura Processo", "Facoltativo")):
        pdf.set_font("Helvetica", "B", 10)
        pdf.multi_cell(0, 14, label, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(0, 14, value, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 10)
    pdf.multi_cell(0, 14, "Oggetto del processo", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    filler = "Il Comune ha aperto un confronto con i residenti sulla cura degli spazi verdi del quartiere, "
    text = filler * 24 + "e alla fine hanno partecipato circa 140 residenti."
    pdf.multi_cell(0, 14, text, align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_description_cut_by_the_page_break_is_one_value_in_one_paragraph() -> None:
    config = load_config()
    document = load_pdf(_scheda_cut_by_the_page_break(), "p", "p.pdf", config)
    assert document.n_pages == 2
    (description,) = [item for item in document.fields if item.label == "Oggetto del processo"]
    assert "\n\n" not in description.value  # no paragraph break where the page broke
    assert description.value.endswith("circa 140 residenti.")
    assert description.value.count("Il Comune ha aperto") == 24


def test_a_list_of_headed_entries_goes_on_across_the_page_break() -> None:
    """`Ufficio di Piano: Dirigenti` at a page's foot, `Scuole: Dirigenti // Operatori` at the next
    page's top, at the same left edge in the same type: one list. A paragraph after a list entry
    is not its list."""
    last = _line("Ufficio di Piano: Dirigenti", 760)
    assert list_goes_on([last], [_line("Scuole: Dirigenti // Operatori", 40)])
    assert not list_goes_on([last], [_line("Nel capoluogo la scuola media c'è, ma dopo le 13", 40)])
    assert not list_goes_on([last], [_line("Scuole: Dirigenti // Operatori", 40, x0=200.0)])
