"""Renders one of our sample schede (text: a label line, then its value) into PDFs printed in
different styles, to check that the PDF loader reads the same fields from each whatever marks
its labels: weight, size or colour, on the value's line or above it. Core fonts only; nothing
here copies the observatory's template (its fonts, sizes or coordinates).
"""

from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF

from extract.config import load_config
from extract.text import fold

BLACK = (20, 20, 20)
CORE_FONT_SPELLINGS = {"€": "euro", "–": "-", "—": "-", "’": "'", "“": '"', "”": '"', "…": "..."}


def printable(text: str) -> str:
    """The text spelled with the characters PDF core fonts have (Latin-1), so that the text and
    its PDFs say the same thing."""
    return "".join(CORE_FONT_SPELLINGS.get(char, char) for char in text)


@dataclass(frozen=True)
class PrintStyle:
    name: str
    label_font: tuple[str, str, float]  # family, style, size
    value_font: tuple[str, str, float]
    label_colour: tuple[int, int, int] = BLACK
    inline: bool = True  # the value on the label's line, else on the lines below it
    page: str = "A4"


STYLES = (
    PrintStyle("bold_label_inline", ("Helvetica", "B", 9), ("Helvetica", "", 9)),
    PrintStyle("label_above_value", ("Times", "B", 10), ("Times", "", 11), inline=False, page="Letter"),
    PrintStyle("coloured_label_inline", ("Helvetica", "", 9), ("Helvetica", "", 9), label_colour=(30, 90, 160)),
    PrintStyle("larger_label_inline", ("Times", "", 11), ("Helvetica", "", 9), page="A5"),
)


def _fields(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """(lines before the first label, (label, value) pairs) of a scheda written as text."""
    labels = set(load_config().labels)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    head: list[str] = []
    pairs: list[tuple[str, list[str]]] = []
    for line in lines:
        if fold(line) in labels:
            pairs.append((line, []))
        elif pairs:
            pairs[-1][1].append(line)
        else:
            head.append(line)
    return head, [(label, "\n".join(value)) for label, value in pairs]


def render_scheda(text: str, style: PrintStyle) -> bytes:
    """The scheda as a PDF printed in `style`."""
    return render_fields(*_fields(text), style)


def render_fields(head: list[str], pairs: list[tuple[str, str]], style: PrintStyle) -> bytes:
    """Heading lines, then each (label, value) pair, as a PDF printed in `style`."""
    pdf = FPDF(unit="pt", format=style.page)
    pdf.set_margins(36, 36, 36)
    pdf.set_auto_page_break(True, 36)
    pdf.add_page()
    pdf.set_text_color(*BLACK)
    pdf.set_font("Helvetica", "", 11)
    for line in head:
        pdf.multi_cell(0, 15, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    family, weight, size = style.label_font
    value_family, value_weight, value_size = style.value_font
    for label, value in pairs:
        pdf.set_font(family, weight, size)
        pdf.set_text_color(*style.label_colour)
        if style.inline:
            width = pdf.get_string_width(label) + 8
            pdf.cell(width, value_size * 1.5, label)
            pdf.set_text_color(*BLACK)
            pdf.set_font(value_family, value_weight, value_size)
            pdf.multi_cell(0, value_size * 1.5, value or " ", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.multi_cell(0, size * 1.4, label, new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(*BLACK)
            pdf.set_font(value_family, value_weight, value_size)
            if value:
                pdf.multi_cell(0, value_size * 1.4, value, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(value_size * 0.6)
    return bytes(pdf.output())
