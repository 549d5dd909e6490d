"""Page furniture by repetition, on hand-built lines (text, top, size): what every page prints at
the same height is dropped, the document's heading never is, and a repeated web address is the
page the document was printed from."""

from __future__ import annotations

from extract.loaders.pdf.furniture import Placed, footer_address, furniture, is_furniture, overlay, printed_from

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


def _placed(text: str, x0: float, top: float, size: float = 9.0) -> list[Placed]:
    """Words of one line from x0, 5 points apart per character."""
    words, x = [], x0
    for word in text.split():
        words.append(Placed(word, x, top, x + 5 * len(word), top + size * 0.8))
        x += 5 * (len(word) + 1)
    return words


BANNER = "Questo sito usa cookie tecnici"


def test_a_box_fixed_over_the_text_of_every_page_is_dropped_with_its_buttons() -> None:
    first = [
        *_placed("Carta di identità", 40, 20),  # the page's top line
        *_placed("Stato di avanzamento", 40, 100),
        *_placed(BANNER, 40, 103),  # the banner's line falls between the text's lines
        *_placed("Concluso", 40, 112),
        *_placed("Accetta Rifiuta", 200, 112),  # buttons printed on the first page only, on its baseline
        *_placed("Fine", 40, 300),
    ]
    second = [*_placed("Tavolo di negoziazione", 40, 60), *_placed(BANNER, 40, 103), *_placed("Il TdN", 40, 200)]
    dropped = overlay([first, second])
    assert {first[index].text for index in dropped[0]} == {*BANNER.split()}  # not the buttons: another baseline
    assert {second[index].text for index in dropped[1]} == {*BANNER.split()}


def test_buttons_on_the_banners_own_baseline_go_with_it() -> None:
    banner = [*_placed(BANNER, 40, 103), *_placed("Maggiori informazioni", 120, 115)]
    informazioni = banner[-1]
    buttons = [Placed("Accetta", informazioni.x1 + 5, 113, informazioni.x1 + 40, informazioni.baseline)]
    buttons.append(Placed("lontano", 40, 113, 70, informazioni.baseline))  # the text's, on that baseline by chance
    text = _placed("il testo della pagina va avanti per righe e righe", 40, 200)
    first = [*_placed("Testo", 40, 60), *banner, *buttons, *text]
    second = [*_placed("Pagina due", 40, 60), *banner, *text[:-1]]
    dropped = {first[index].text for index in overlay([first, second])[0]}
    assert "Accetta" in dropped and "lontano" not in dropped


def test_header_strips_footers_and_single_pages_are_no_overlay() -> None:
    """A strip at the page's edge (the card's title and date) is left to `furniture`; one page
    repeats nothing; a word repeated alone on its row is a coincidence (`Si` in a form)."""
    header = "Piazze che curano Community Lab"
    first = [*_placed(header, 40, 20), *_placed("Si", 300, 150), *_placed("Testo uno", 40, 150)]
    second = [*_placed(header, 40, 20), *_placed("Si", 300, 150), *_placed("Testo due", 40, 90)]
    second.append(Placed("altro", 40, 400, 60, 407))
    assert overlay([first, second]) == [set(), set()]
    assert overlay([first]) == [set()]


def test_a_copy_of_the_same_page_is_not_all_overlay() -> None:
    page = [
        *_placed("Uno due tre", 40, 20),
        *_placed("quattro cinque sei", 40, 100),
        *_placed("fine del testo", 40, 200),
    ]
    assert overlay([page, list(page)]) == [set(), set()]


def test_a_header_row_in_two_sizes_is_one_row_of_furniture() -> None:
    """Type of two sizes on one printed row straddles a height band: still one of the page's
    first rows, and dropped on every page."""
    header = [("Community Lab", 33.9, 10.0), ("Edizione 2018", 46.1, 8.0), ("Laboratorio di welfare", 47.7, 7.5)]
    body = [(f"riga {number}", 100.0 + 14 * number, 10.0) for number in range(5)]
    pages = [
        [*header, ("Testo della pagina uno", 90.0, 10.0), *body],
        [*header, ("Testo della pagina due", 90.0, 10.0)],
    ]
    keys = furniture(pages, HEADING)
    assert all(is_furniture(text, top, keys) for text, top, _size in header)
    assert not is_furniture("Testo della pagina uno", 90.0, keys)
