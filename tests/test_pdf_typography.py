"""Labels told by typography, on hand-built word boxes (no PDF): a leading run in the labels'
style is a label and the rest of its line its value; the labels' style is learned from the
runs the vocabulary knows, whatever that style is."""

from __future__ import annotations

from extract.config import load_config
from extract.loaders.pdf import load_pdf
from extract.loaders.pdf.backends import Word
from extract.loaders.pdf.typography import inner_labels, label_styles, leading_run, style_of, value_start
from tests.scheda_print_styles import STYLES, render_fields

KNOWN = {"stato di avanzamento", "natura processo", "anno di avvio"}


def _is_label(text: str) -> bool:
    return text.lower() in KNOWN


def _line(*runs: tuple[str, bool, float], top: float = 100.0) -> list[Word]:
    """Words of one line from (text, bold, size) runs, laid left to right."""
    words, x = [], 40.0
    for text, bold, size in runs:
        for token in text.split():
            width = len(token) * size * 0.5
            words.append(Word(token, x, top, x + width, top + size, size, bold, top + size * 0.8))
            x += width + size * 0.3
    return words


def test_a_leading_run_is_the_words_before_the_style_changes() -> None:
    assert leading_run(_line(("Stato di avanzamento", True, 9.0), ("Concluso", False, 9.0))) == 3
    assert leading_run(_line(("Tutto in un solo stile", False, 9.0))) == 0
    assert leading_run([]) == 0
    # small caps (`NATO` in 9 pt, `NEL` in 7 pt, one ink) and a value in the ink of the label
    assert leading_run(_line(("NATO", True, 9.0), ("NEL", True, 7.0), ("Marzo 2016", False, 9.0))) == 2


def test_sizes_a_renderer_rounds_differently_are_one_style() -> None:
    assert style_of(_line(("a", True, 9.02))[0]) == style_of(_line(("a", True, 8.98))[0])


def test_bold_labels_are_learned_and_split_from_their_values() -> None:
    lines = [
        _line(("Stato di avanzamento", True, 9.0), ("Concluso", False, 9.0)),
        _line(("Natura Processo", True, 9.0), ("Processo certificato", False, 9.0)),
    ]
    styles = label_styles(lines, _is_label)
    assert styles == {(True, 9.0, 0)}
    assert [value_start(line, styles) for line in lines] == [3, 2]


def test_labels_in_another_style_are_learned_the_same_way() -> None:
    """Labels in a larger regular type, values bold: the style comes from the document."""
    lines = [
        _line(("Stato di avanzamento", False, 11.0), ("Concluso", True, 9.0)),
        _line(("Anno di avvio", False, 11.0), ("2019", True, 9.0)),
    ]
    styles = label_styles(lines, _is_label)
    assert styles == {(False, 11.0, 0)}
    assert value_start(_line(("Soggetto ignoto", False, 11.0), ("valore", True, 9.0)), styles) == 2


def test_no_split_without_a_learned_style_or_when_a_colon_ends_the_label() -> None:
    one = [_line(("Stato di avanzamento", True, 9.0), ("Concluso", False, 9.0))]
    assert label_styles(one, _is_label) == frozenset()  # one recognised label teaches nothing
    styles = frozenset({(True, 9.0, 0)})
    assert value_start(_line(("Stato di avanzamento:", True, 9.0), ("Concluso", False, 9.0)), styles) == 0
    assert value_start(_line(("Una frase con una parola", False, 9.0), ("evidenziata", True, 9.0)), styles) == 0
    assert value_start(_line(("Tutto in grassetto", True, 9.0)), styles) == 0
    # a run ending in a comma is a sentence going on: a name in bold before its role
    named = _line(("Elisa Guidi,", True, 9.0), ("responsabile, Comune di Verucchio", False, 9.0))
    assert value_start(named, styles) == 0
    # a label in small caps alone on its line, one ink: the vocabulary knows it whole, no split
    small_caps = _line(("Stato", True, 9.0), ("di avanzamento", True, 7.0))
    assert value_start(small_caps, styles) == 1
    assert value_start(small_caps, styles, _is_label) == 0


def test_a_value_that_merely_contains_a_label_word_stays_a_value() -> None:
    lines = [
        _line(("Stato di avanzamento", True, 9.0), ("Concluso", False, 9.0)),
        _line(("Natura Processo", True, 9.0), ("Processo certificato", False, 9.0)),
        _line(("Il processo", False, 9.0), ("natura", True, 9.0)),  # body text, then a bold word
    ]
    styles = label_styles(lines, _is_label)
    assert value_start(lines[2], styles) == 0


def test_labels_told_by_colour_alone() -> None:
    blue, black = 0x1E5AA0, 0x141414
    lines = [
        [
            word._replace(colour=blue if index < 3 else black)
            for index, word in enumerate(_line(("Stato di avanzamento", False, 9.0), ("Concluso", False, 9.0)))
        ],
        [
            word._replace(colour=blue if index < 2 else black)
            for index, word in enumerate(_line(("Natura Processo", False, 9.0), ("Processo certificato", False, 9.0)))
        ],
    ]
    styles = label_styles(lines, _is_label)
    assert styles == {(False, 9.0, blue)}
    assert [value_start(line, styles) for line in lines] == [3, 2]


def test_a_styled_label_the_vocabulary_does_not_know_ends_the_field_before_it() -> None:
    """Printed inline in the labels' style, an unknown label (`Referente tecnico`) becomes a label
    with no field: its value does not run into `Natura Processo`'s."""
    pairs = [
        ("Stato di avanzamento", "Concluso"),
        ("Natura Processo", "Facoltativo"),
        ("Referente tecnico", "Ufficio partecipazione del Comune"),
        ("Durata (mesi)", "9"),
    ]
    config = load_config()
    document = load_pdf(render_fields(["Titolo"], pairs, STYLES[0]), "p", "p.pdf", config)
    values = {item.label: item.value.strip() for item in document.fields}
    assert values["Natura Processo"] == "Facoltativo"
    assert values["Referente tecnico"] == "Ufficio partecipazione del Comune"
    assert config.label(next(item.key for item in document.fields if item.label == "Referente tecnico")) is None


PURPLE, INK = 0x8E24AA, 0x222222


def _coloured(*runs: tuple[str, float, int]) -> list[Word]:
    """Words from (text, size, colour) runs: small caps set a label's first word larger."""
    words, x = [], 40.0
    for text, size, colour in runs:
        for token in text.split():
            width = len(token) * size * 0.5
            words.append(Word(token, x, 100, x + width, 100 + size, size, False, 100 + size * 0.8, colour))
            x += width + size * 0.3
    return words


def test_a_label_in_small_caps_is_one_run_and_the_dash_after_it_stays_with_it() -> None:
    line = _coloured(("Stato", 14.7, PURPLE), ("di avanzamento", 10.0, PURPLE), ("— Progetto", 14.0, INK))
    assert leading_run(line) == 3
    styles = label_styles(
        [line, _coloured(("Natura", 14.7, PURPLE), ("Processo", 10.0, PURPLE), ("— Altro", 14.0, INK))], _is_label
    )
    assert value_start(line, styles) == 4  # after `—`


def test_a_second_field_on_the_same_line_is_split_when_the_vocabulary_knows_its_label() -> None:
    first = _coloured(("Stato di avanzamento", 9.0, PURPLE), ("Concluso", 9.0, INK))
    second = _coloured(("Natura Processo", 9.0, PURPLE), ("Altro", 9.0, INK))
    both = _coloured(
        ("Stato di avanzamento", 9.0, PURPLE),
        ("Concluso", 9.0, INK),
        ("Anno di avvio", 9.0, PURPLE),
        ("2019", 9.0, INK),
    )
    styles = label_styles([first, second], _is_label)
    assert inner_labels(both, styles, _is_label) == [(4, 7)]
    emphasised = _coloured(("Stato di avanzamento", 9.0, PURPLE), ("Concluso e", 9.0, INK), ("valutato", 9.0, PURPLE))
    assert inner_labels(emphasised, styles, _is_label) == []  # a value's emphasis is no label


def test_a_required_fields_mark_after_its_label_is_no_value() -> None:
    """A form marks its required questions with a red `*` after the label: the mark stays with
    the label (the vocabulary reads `Nato nel *` as `Nato nel`), and nothing is split off."""
    styles = frozenset({(True, 9.0, 0)})
    assert value_start(_line(("Stato di avanzamento", True, 9.0), ("*", False, 9.0)), styles) == 0
    assert value_start(_line(("Stato di avanzamento", True, 9.0), ("Concluso", False, 9.0)), styles) == 3
