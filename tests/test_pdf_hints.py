"""A form's help text under a label (`Nato nel *` / `Mese e anno di avvio` / `Settembre 2016`),
on hand-built lines: it is found by its type and ink, and left out of the field's value."""

from __future__ import annotations

from extract.config import load_config
from extract.loaders.labels import segment_labelled_text
from extract.loaders.pdf.backends import Word
from extract.loaders.pdf.hints import form_hints
from extract.loaders.pdf.segments import Segment

CONFIG = load_config()
GREY, INK = 0x5F6368, 0x202124


def _line(text: str, top: float, size: float, colour: int = INK) -> Segment:
    words, x = [], 40.0
    for token in text.split():
        width = len(token) * size * 0.5
        words.append(Word(token, x, top, x + width, top + size, size, False, top + size * 0.8, colour))
        x += width + size * 0.3
    return Segment(words, 1)


def _is_label(text: str) -> bool:
    return CONFIG.labels.match(text) is not None


def test_help_text_is_smaller_than_its_label_and_its_answer_and_in_another_ink() -> None:
    lines = [
        _line("Nato nel *", 100, 13.9),
        _line("Mese e anno di avvio", 116, 10.9, GREY),
        _line("Settembre 2016", 130, 12.4),
        _line("Sono nato per *", 160, 13.9),
        _line("Accompagnare la nascita del nuovo Comune", 176, 12.4),  # an answer right under its label
        _line("Nota in piccolo, nello stesso inchiostro", 190, 10.9),  # smaller, but the next line's ink
        _line("e poi il testo riprende", 204, 12.4),
    ]
    assert form_hints(lines, _is_label) == [1]
    assert form_hints([_line("Testo qualsiasi", 100, 13.9), *lines[1:3]], _is_label) == []  # no label above


def test_a_hint_line_is_left_out_of_the_value_under_the_label() -> None:
    text = "Nato nel *\nMese e anno di avvio\nSettembre 2016\n\nA *\nVentasso (RE)\n"
    fields = segment_labelled_text(text, CONFIG.labels, hints={text.index("Mese")})
    values = {item.key: item.value for item in fields}
    assert values["nato nel"] == "Settembre 2016"
    assert values["a"] == "Ventasso (RE)"
    assert segment_labelled_text(text, CONFIG.labels)[0].value == "Mese e anno di avvio\nSettembre 2016"
