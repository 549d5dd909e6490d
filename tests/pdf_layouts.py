"""Renders a card written as text (blank-line separated blocks, like `data/raw/cards/*.txt`) into
PDFs of different designs, to check that the PDF loader finds the same card in each: no
coordinates, page sizes or fonts of the real cards are assumed anywhere.

Layouts vary the column arrangement of the identity page and of the story, the fonts and
sizes, the page size, and where labels stand (above their value, or before it on the line).
Only PDF core fonts are used (no font files needed on the machine).
"""

from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF

from extract.config import load_config
from extract.text import fold


@dataclass(frozen=True)
class Layout:
    name: str
    page: str  # "A4", "Letter", "A5"
    identity_columns: int
    story_columns: int
    label_font: tuple[str, str, float]  # family, style, size
    value_font: tuple[str, str, float]
    label_inline: bool = False  # `Peso: Microprogettazione` on one line instead of the label above
    margin: float = 40.0
    gutter: float = 24.0


LAYOUTS = (
    Layout("one_column_labels_above", "A4", 1, 1, ("Helvetica", "B", 7), ("Times", "", 12)),
    Layout("three_columns_helvetica", "A4", 3, 2, ("Helvetica", "B", 6.5), ("Helvetica", "", 10), margin=30),
    Layout("two_columns_letter_inline", "Letter", 2, 2, ("Courier", "B", 8), ("Times", "", 11), label_inline=True),
    Layout("small_page_big_type", "A5", 1, 1, ("Times", "BI", 9), ("Helvetica", "", 11), margin=28),
)


def _is_label(block: str, labels: set[str]) -> bool:
    return fold(block) in labels


class _Writer:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.pdf = FPDF(unit="pt", format=layout.page)
        self.pdf.set_auto_page_break(False)
        self.pdf.set_text_color(20, 20, 20)

    def new_page(self, columns: int) -> None:
        self.pdf.add_page()
        layout = self.layout
        usable = self.pdf.w - 2 * layout.margin
        self.columns = columns
        self.width = (usable - (columns - 1) * layout.gutter) / columns
        self.column = 0
        self.y = layout.margin

    def x(self) -> float:
        return self.layout.margin + self.column * (self.width + self.layout.gutter)

    def ensure(self, height: float) -> None:
        if self.y + height > self.pdf.h - self.layout.margin:
            if self.column + 1 < self.columns:
                self.column += 1
            else:
                self.new_page(self.columns)
                return
            self.y = self.top_of_columns

    def lines(self, text: str, font: tuple[str, str, float], width: float | None = None) -> None:
        family, style, size = font
        self.pdf.set_font(family, style, size)
        width = width or self.width
        for line in text.split("\n"):
            wrapped = self.pdf.multi_cell(width, size * 1.3, line, dry_run=True, output="LINES")
            height = size * 1.3 * max(1, len(wrapped))
            self.ensure(height)
            self.pdf.set_xy(self.x(), self.y)
            self.pdf.multi_cell(width, size * 1.3, line)
            self.y += height

    def label(self, text: str, value: str | None) -> None:
        family, style, size = self.layout.label_font
        self.pdf.set_text_color(150, 40, 20)
        self.pdf.set_font(family, style, size)
        label_width = self.pdf.get_string_width(text + " ") + 2
        vfamily, _vstyle, vsize = self.layout.value_font
        self.pdf.set_font(vfamily, "B", vsize * 1.2)
        fits = value is not None and label_width + self.pdf.get_string_width(value) + 4 < self.width
        if fits and (self.layout.label_inline or len(value or "") < 30):
            self.pdf.set_font(family, style, size)
            self.ensure(self.layout.value_font[2] * 1.6)
            self.pdf.set_xy(self.x(), self.y + self.layout.value_font[2] * 0.45)
            self.pdf.cell(label_width, size, text + " ")
            self.pdf.set_text_color(20, 20, 20)
            self.pdf.set_font(vfamily, "B", vsize * 1.2)
            self.pdf.set_xy(self.x() + label_width, self.y)
            self.pdf.multi_cell(self.width - label_width, vsize * 1.5, value)
            self.y += vsize * 1.9
            return
        self.lines(text, self.layout.label_font)
        self.pdf.set_text_color(20, 20, 20)
        if value:
            self.lines(value, self.layout.value_font)

    def gap(self, size: float) -> None:
        self.y += size


def render(card_text: str, layout: Layout) -> bytes:
    """The card as a PDF in `layout`."""
    labels = set(load_config().labels)
    blocks = [block.strip() for block in card_text.split("\n\n") if block.strip()]
    title = blocks[0]
    second = blocks.index(title, 1)
    identity, story = blocks[1:second], blocks[second + 1 :]
    footer_start = next(index for index, block in enumerate(story) if block.startswith("Aggiungi"))
    story, footer = story[:footer_start], [line for block in story[footer_start:] for line in block.split("\n")]
    writer = _Writer(layout)
    pdf = writer.pdf
    writer.new_page(1)
    writer.lines(title, ("Helvetica", "B", layout.value_font[2] * 1.6))
    writer.gap(layout.value_font[2])
    writer.columns = layout.identity_columns
    writer.width = (pdf.w - 2 * layout.margin - (layout.identity_columns - 1) * layout.gutter) / layout.identity_columns
    writer.top_of_columns = writer.y
    per_column = -(-sum(len(block) for block in identity) // layout.identity_columns)
    filled = 0
    index = 0
    while index < len(identity):
        block = identity[index]
        next_column = filled > per_column * (writer.column + 1) and writer.column + 1 < writer.columns
        if next_column and not block.startswith("-"):
            writer.column += 1
            writer.y = writer.top_of_columns
        head, colon, rest = block.partition(":")
        if _is_label(block, labels):
            value = identity[index + 1] if index + 1 < len(identity) else ""
            writer.label(block, None)
            writer.lines(value, layout.value_font)
            filled += len(block) + len(value)
            index += 2
        elif colon and fold(head) in labels and "\n" not in block:
            writer.label(head + ":", rest.strip())
            filled += len(block)
            index += 1
        else:
            writer.lines(block, layout.value_font)
            filled += len(block)
            index += 1
        writer.gap(layout.value_font[2] * 1.2)
    writer.new_page(1)
    writer.lines(title, ("Helvetica", "B", layout.value_font[2] * 1.4))
    writer.gap(layout.value_font[2] * 0.6)
    place, quote, paragraphs = story[0], story[1], story[2:]
    contacts_at = next(index for index, block in enumerate(paragraphs) if fold(block).startswith("contatti"))
    narrative, contacts = paragraphs[:contacts_at], paragraphs[contacts_at:]
    writer.lines(place, ("Helvetica", "", layout.value_font[2]))
    writer.gap(layout.value_font[2])
    writer.lines(quote, ("Times", "I", layout.value_font[2] * 1.1))
    writer.gap(layout.value_font[2] * 1.5)
    writer.columns = layout.story_columns
    writer.width = (pdf.w - 2 * layout.margin - (layout.story_columns - 1) * layout.gutter) / layout.story_columns
    writer.top_of_columns = writer.y
    per_column = -(-sum(len(block) for block in narrative) // layout.story_columns)
    filled = 0
    for block in narrative:
        if filled >= per_column * (writer.column + 1) and writer.column + 1 < writer.columns:
            writer.column += 1
            writer.y = writer.top_of_columns
        writer.lines(block, ("Times", "", layout.value_font[2] * 0.95))
        writer.gap(layout.value_font[2] * 0.8)
        filled += len(block)
    writer.columns, writer.column = 1, 0
    writer.width = pdf.w - 2 * layout.margin
    writer.y = max(writer.y, writer.top_of_columns) + layout.value_font[2] * 3
    for block in contacts:
        if fold(block).startswith("contatti"):
            writer.lines(block, ("Helvetica", "B", layout.value_font[2] * 0.9))
        else:
            writer.lines(block, ("Helvetica", "", layout.value_font[2] * 0.8))
        writer.gap(layout.value_font[2] * 0.4)
    pdf.set_font("Helvetica", "", layout.value_font[2] * 0.9)
    bottom = pdf.h - layout.margin - len(footer) * layout.value_font[2] * 1.6
    for number, block in enumerate(footer):
        pdf.set_xy(pdf.w / 2, bottom + number * layout.value_font[2] * 1.6)
        pdf.cell(pdf.w / 2 - layout.margin, layout.value_font[2], block)
    return bytes(pdf.output())
