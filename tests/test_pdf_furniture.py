"""Page furniture by repetition, on hand-built lines (text, top, size): what every page prints at
the same height is dropped, the document's heading never is, and a repeated web address is the
page the document was printed from."""

from __future__ import annotations

from extract.loaders.pdf.furniture import footer_address, furniture, is_furniture, printed_from

HEADING = 14.0


def _page(number: int, body: list[tuple[str, float, float]]) -> list[tuple[str, float, float]]:
    return [
        ("25/07/23, 10:11", 20.0, 7.0),
        ("Rimini ci vivo | Osservatorio", 20.0, 7.0),
        *body,
        ("https://example.org/scheda-processo/1407", 820.4 + number * 0.2, 7.0),
        (f"{number}/2", 820.0, 7.0),
    ]


def test_what_every_page_repeats_at_the_same_place_is_furniture() -> None:
    pages = [
        _page(1, [("Rimini ci vivo", 60.0, 16.0), ("Stato di avanzamento Concluso", 120.0, 9.0)]),
        _page(2, [("Tavolo di Negoziazione", 60.0, 9.0), ("Il TdN sarà costituito", 80.0, 9.0)]),
    ]
    keys = furniture(pages, HEADING)
    assert is_furniture("25/07/23, 10:11", 20.0, keys)
    assert is_furniture("2/2", 820.0, keys)  # the page number differs only in its digits
    assert is_furniture("https://example.org/scheda-processo/1407", 820.6, keys)
    assert not is_furniture("Stato di avanzamento Concluso", 120.0, keys)
    assert not is_furniture("Tavolo di Negoziazione", 60.0, keys)


def test_a_line_repeated_elsewhere_on_the_page_or_on_one_page_only_is_text() -> None:
    pages = [
        [("Contatti", 100.0, 9.0), ("Note", 300.0, 9.0)],
        [("Contatti", 500.0, 9.0), ("Altro", 300.0, 9.0)],
    ]
    keys = furniture(pages, HEADING)
    assert not is_furniture("Contatti", 100.0, keys)
    assert furniture([pages[0]], HEADING) == set()  # one page repeats nothing


def test_the_heading_is_never_furniture() -> None:
    pages = [[("Piazze che curano", 40.0, 18.0), ("testo", 80.0, 9.0)], [("Piazze che curano", 40.0, 18.0)]]
    assert not is_furniture("Piazze che curano", 40.0, furniture(pages, HEADING))


def test_the_repeated_address_is_where_the_page_was_printed_from() -> None:
    assert printed_from(["1/2", "https://example.org/scheda-processo/1407"]) == (
        "https://example.org/scheda-processo/1407"
    )
    assert printed_from(["1/2", "25/07/23, 10:11"]) is None


def test_a_form_repeating_short_values_at_the_same_heights_keeps_them() -> None:
    """`Si` and a year on both pages at the same height, amid the text: values, not furniture."""
    body = [("Titolo", 40.0, 9.0), ("Si", 200.0, 9.0), ("2021", 146.8, 9.0), ("Fine", 700.0, 9.0), ("x", 760.0, 9.0)]
    other = [("Altro", 40.0, 9.0), ("Si", 201.0, 9.0), ("260", 144.4, 9.0), ("Fine2", 700.0, 9.0), ("y", 760.0, 9.0)]
    keys = furniture([_page(1, body), _page(2, other)], HEADING)
    assert not is_furniture("Si", 200.0, keys)
    assert not is_furniture("2021", 146.8, keys)
    assert is_furniture("25/07/23, 10:11", 20.0, keys)


def test_a_one_page_print_gives_the_address_alone_in_its_last_rows() -> None:
    page = _page(1, [("Testo con https://altro.example/link nel mezzo", 300.0, 9.0)])
    assert footer_address(page) == "https://example.org/scheda-processo/1407"
    assert footer_address([("Testo con https://altro.example/link", 300.0, 9.0), ("Fine", 400.0, 9.0)]) is None
