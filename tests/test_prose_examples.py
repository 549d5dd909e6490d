"""Behaviour of the prose extractors that one example line cannot say (a labelled number that is
no count, targets under expected results, a card's actors and contacts, date roles and date
lines). The one-line examples and look-alikes are data in `schemas/examples/*.jsonl` (all text
written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from extract.config import load_config
from extract.lexicon.names import FirstNames, given_name_first
from extract.loaders.text_loader import load_text
from extract.normalise import build_normalisers
from extract.normalise.dates import DateValue
from extract.pipeline import Pipeline

CONFIG = load_config()
PIPELINE = Pipeline(CONFIG)
RESOURCES = PIPELINE.resources
NORMALISERS = build_normalisers(CONFIG)


def _run(text: str, extractor: str, doc_type: str) -> list[tuple[str, object]]:
    document = load_text(text.encode(), "test", "test.txt", CONFIG)
    document.doc_type = doc_type
    return [(mention.field, mention.value) for mention in PIPELINE.run_one(extractor, document)]


def _counts(text: str, doc_type: str = "card") -> list[tuple]:
    return [
        (row["group"], row["unit"], row["count"], row["qualifier"], row["kind"])
        for field, row in _run(text, "counts.v1", doc_type)
        if field == "counts"
    ]


def test_numbers_that_fill_a_column_are_not_counts() -> None:
    text = (
        "Un percorso di quartiere\n\nCabina di regia ristretta: 4\n\nComune // Ausl\n\n"
        "Persone coinvolte nell'attuazione del progetto: 90\n"
    )
    assert _counts(text) == []


def test_scheda_counts_are_targets_under_expected_results() -> None:
    text = (
        "Obiettivi e Risultati\nRisultati Attesi\nCoinvolgere almeno 50 famiglie nel percorso.\n"
        "Risultati conseguiti\nHanno partecipato 62 famiglie e 3 scuole.\n"
        "Numero partecipanti (stimate o effettive)\n140\nCodecisione\nNo\nNatura Processo\nVolontario\n"
    )
    found = _counts(text, "scheda")
    assert ("famiglie", "people", 50, "at_least", "target") in found
    assert ("famiglie", "people", 62, "exact", "achieved") in found
    assert ("scuole", "groups", 3, "exact", "achieved") in found
    assert all(row[2] != 140 for row in found)


CARD = """TITOLO DI PROVA

Cabina di regia ristretta: 2

Comune // Ausl-Aosp.

Cabina di regia allargata: 5

Unione dei Comuni // Ufficio di Piano // Ausl/Asp // Terzo settore

Persone coinvolte nell'attuazione del progetto: 40

- Amministrazioni: Amministratori // Tecnici // pasticceri
- Terzo settore: Volontari
- Scuole

Narrativa del progetto con 3 incontri.
"""


def test_actors_of_a_card() -> None:
    rows = {
        (row["body"], row["organisation"], tuple(sorted(row["roles"])))
        for field, row in _run(CARD, "actors.v1", "card")
        if field == "actors"
    }
    assert rows == {
        ("steering_core", "comune", ()),
        ("steering_core", "ausl", ()),
        ("steering_core", "aosp", ()),
        ("steering_extended", "unione_comuni", ()),
        ("steering_extended", "ufficio_di_piano", ()),
        ("steering_extended", "ausl", ()),
        ("steering_extended", "asp", ()),
        ("steering_extended", "terzo_settore", ()),
        ("implementation", "comune", ("amministratori",)),  # `pasticceri` and `Tecnici` are not roles
        ("implementation", "terzo_settore", ("volontari",)),
        ("implementation", "scuole", ()),
    }


def test_card_sizes_come_from_the_labels() -> None:
    found = dict(_run(CARD, "label_value.v1", "card"))
    assert found["steering_core_size"] == 2
    assert found["steering_extended_size"] == 5
    assert found["people_involved_count"] == 40


def _contacts(text: str, doc_type: str = "card") -> list[dict]:
    return [row for field, row in _run(text, "contacts.v1", doc_type) if field == "contacts"]


def test_contacts_block_with_surname_first_and_phones() -> None:
    text = (
        "Un percorso di quartiere\n\nContatti:\n\nBertoni Chiara: responsabile Ufficio Casa.\n\n"
        "E-mail: bertonic@comune.esempio.it | Tel: 051 6219876\n\n"
        "dott. Marco Ferri, Coordinatore (Comune di Imola)\nCell. 333 1234567 – M.Ferri@Comune.Imola.bo.it\n\n"
        "Footer del sito\n\nAltra riga\n\nMario Verdi: mario.verdi@esempio.it\n"
    )
    rows = _contacts(text)
    assert rows[0] == {
        "name": "Chiara Bertoni",
        "role": "responsabile Ufficio Casa",
        "organisation": None,
        "email": "bertonic@comune.esempio.it",
        "phone": "+390516219876",
    }
    assert rows[1]["name"] == "Marco Ferri"
    assert rows[1]["organisation"] == "Comune di Imola"
    assert rows[1]["email"] == "m.ferri@comune.imola.bo.it"
    assert rows[1]["phone"] == "+393331234567"
    assert len(rows) == 3  # the inline `Nome Cognome: e-mail` after the footer is a contact too


@pytest.mark.parametrize(
    ("words", "email", "expected"),
    [
        (["Poggiali", "Daniela"], "poggialid@esempio.it", "Daniela Poggiali"),
        (["Santi", "Kim"], "santik@esempio.it", "Kim Santi"),
        (["Marco", "Rossi"], "mrossi@esempio.it", "Marco Rossi"),
        (["Anna", "Bianchi"], "anna.bianchi@esempio.it", "Anna Bianchi"),
        (["Bianchi", "Anna"], None, "Anna Bianchi"),
        (["Anna", "Bianchi"], None, "Anna Bianchi"),
    ],
)
def test_given_name_first(words: list[str], email: str | None, expected: str) -> None:
    assert given_name_first(words, email, FirstNames()) == expected


def _dates(text: str, doc_type: str) -> dict[str, object]:
    return dict(_run(text, "dates.v1", doc_type))


def test_dates_take_their_role_from_the_cue_before_them() -> None:
    text = (
        "Relazione finale\n\nData presentazione progetto 03/02/2018 Data avvio processo partecipativo 05/03/2018 "
        "Data presentazione relazione finale 20/12/2018\n\nProt. AL/2018/0001234 del 21/12/2018\n\n"
        "Il processo si è concluso a fine novembre 2018.\n"
    )
    found = _dates(text, "other")
    assert found["start_date"] == date(2018, 3, 5) and found["start_date_precision"] == "day"
    assert found["end_date"] == date(2018, 11, 1) and found["end_date_precision"] == "month"


def test_published_date_from_the_article_date_line_and_the_card_footer() -> None:
    article = "Un titolo\nNov 8 2018\n\nSottotitolo.\n\nTesto dell'articolo, avviato nel Marzo 2017.\n"
    assert _dates(article, "article")["published_date"] == date(2018, 11, 8)
    card = "TITOLO\n\nNato nel: 2014\n\nTesto.\n\nAggiungi un posto al tavolo\n3 marzo 2016\n"
    assert _dates(card, "card")["published_date"] == date(2016, 3, 3)


_PAGE_AROUND = "\n\n".join(f"Riga {number} del sito, con le notizie." for number in range(12))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Vetto, 3 maggio 2019", date(2019, 5, 3)),  # a comune's dateline amid a web page
        ("Rossi, 3 maggio 2019", None),  # a name, not a comune: a comment's or a byline's date
        ("3 maggio 2019", None),  # a bare date amid the page: a comment's time stamp
    ],
)
def test_a_dateline_amid_a_page_is_the_document_date(line: str, expected: date | None) -> None:
    card = f"Menu del sito\n\n{_PAGE_AROUND}\n\nNato nel: 2014\n\nTesto.\n\n{line}\n\n{_PAGE_AROUND}\n"
    assert _dates(card, "card").get("published_date") == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Laboratorio regionale Community Lab · Modena, 9 maggio 2019", date(2019, 5, 9)),
        ("Edizione 2019 | pubblicata il 9 maggio 2019", date(2019, 5, 9)),
        ("Community Lab · dal 9 maggio 2019 al 3 giugno 2019", None),  # a period, not a date line
        ("Incontro del 9 maggio 2019 · sala civica", None),
    ],
)
def test_a_colophon_line_gives_its_date_after_the_last_separator(line: str, expected: date | None) -> None:
    card = f"TITOLO\n\nNato nel: 2014\n\nTesto.\n\n{line}\n"
    assert _dates(card, "card").get("published_date") == expected


def test_article_header_glued_on_one_line() -> None:
    text = (
        "Titolo dell'articolo\nGiu 3 2020\n\nSottotitolo.\n\n"
        "Autore: Giulia RossiRegione: Emilia RomagnaLocalità: Unione Terre d'ArginePeriodo: 2016-2017"
        "Soggetto promotore: Unione Terre d'Argine\n\nTesto.\n"
    )
    document = load_text(text.encode(), "test", "test.txt", CONFIG)
    fields = {item.label: item.value for item in document.fields}
    assert fields["Autore"] == "Giulia Rossi"
    assert fields["Località"] == "Unione Terre d'Argine"
    assert fields["Periodo"] == "2016-2017"
    document.doc_type = "article"
    found = dict(_run(text, "label_value.v1", "article"))
    assert found["region"] == "Emilia-Romagna"
    assert found["start_date"] == date(2016, 1, 1) and found["end_date"] == date(2017, 1, 1)
    places = dict(_run(text, "place_located.v1", "article"))
    assert places == {"place": "Unione Terre d'Argine", "province": "MO", "region": "Emilia-Romagna"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("A: Cervia (RA)", {"place": "Cervia", "province": "RA", "region": "Emilia-Romagna"}),
        ("A: Distretto di Carpi", {"place": "Distretto di Carpi", "province": "MO", "region": "Emilia-Romagna"}),
        ("A: Comune di Lucca", {"place": "Lucca", "province": "LU", "region": "Toscana"}),
        ("A: Unione Montana X (PR)", {"place": "Unione Montana X", "province": "PR", "region": "Emilia-Romagna"}),
    ],
)
def test_card_place_line(line: str, expected: dict) -> None:
    assert dict(_run(f"TITOLO\n\n{line}\n\nTesto.", "place_located.v1", "card")) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Il progetto riguarda i comuni di Carpi, Soliera e Novi.", {"Carpi", "Soliera", "Novi di Modena"}),
        (
            "Il Comune di Migliarino, con l'adesione dei Comuni di Massa Fiscaglia e di Migliaro, ha partecipato.",
            {"Migliarino", "Massa Fiscaglia", "Migliaro"},
        ),
        ("Nei comuni di Vignola e Spilamberto fanno festa.", {"Vignola", "Spilamberto"}),
        (
            "Ha coinvolto i comuni di Scarperia e San Piero, Vicchio e Dicomano, in provincia di Firenze.",
            {"Scarperia e San Piero", "Vicchio", "Dicomano"},
        ),
        (
            "Nei comuni di Porretta, Granaglione e Lizzano, sull'Appennino.",
            {"Porretta Terme", "Granaglione", "Lizzano in Belvedere"},
        ),
        (
            "Il progetto coinvolge i comuni dell'Unione: Sassuolo, Fiorano Modenese e Maranello.",
            {"Sassuolo", "Fiorano Modenese", "Maranello"},
        ),
        (
            "Le tre amministrazioni, cioè i Comuni della valle – Bardi, Bedonia e Compiano – hanno deciso insieme.",
            {"Bardi", "Bedonia", "Compiano"},
        ),
        ("Tutti i comuni più piccoli – quelli di montagna – hanno aderito.", set()),
    ],
)
def test_territory_lists_in_prose(sentence: str, expected: set) -> None:
    found = {
        value
        for field, value in _run(f"Un percorso di quartiere\n\n{sentence}", "territory_prose.v1", "article")
        if field == "municipalities"
    }
    assert found == expected


def test_union_named_with_comuni_is_not_a_list() -> None:
    text = "Un percorso di quartiere\n\nA cura dell'Unione dei Comuni del Frignano, con sede a Pavullo."
    assert [value for field, value in _run(text, "territory_prose.v1", "article") if field == "municipalities"] == []


def test_report_heading_names_promoter_and_place() -> None:
    text = "Relazione finale Un titolo\n\nUnione Valli e Delizie\n\nData avvio processo partecipativo 02/02/2020\n"
    found = dict(_run(text, "place_heading.v1", "other"))
    assert found["promoter"] == "Unione Valli e Delizie"
    assert found["place"] == "Unione Valli e Delizie" and found["province"] == "FE"


def test_date_value_types() -> None:
    assert NORMALISERS["date"]("Ott 21 2021") == DateValue(date(2021, 10, 21), "day")
    assert NORMALISERS["region"]("Emilia Romagna") == "Emilia-Romagna"


def test_a_labelled_place_that_is_an_e_mail_address_is_no_place() -> None:
    """A card printed from a webmail: the message's `A:` (its recipient) comes before the card's
    own `A:`; an e-mail or a web address names no place, so only the card's value counts."""
    text = (
        "Posta\n\nA: protocollo@comune.example.it\n\nLa spesa sale in quota\n\nNato nel: Ottobre 2017\n"
        "A: Zerba (PC)\nPeso: Microprogettazione\n"
    )
    document = load_text(text.encode(), "test", "test.txt", CONFIG)
    document.doc_type = "card"
    places = [m.value for m in PIPELINE.run_one("place_located.v1", document) if m.field == "place"]
    assert places == ["Zerba"]


@pytest.mark.parametrize(
    ("above", "expected"),
    [
        ("La spesa sale in quota", "La spesa sale in quota"),  # the card's own title above its quote
        ("Zerba (PC) · Progetto di comunità", None),  # a place kicker above the quote is no title
    ],
)
def test_a_cards_title_is_the_heading_above_its_quote(above: str, expected: str | None) -> None:
    """A card carried inside a newsletter: the page opens with the newsletter's own heading; the
    card's title is the heading right above the card's quote, which stands above its first label."""
    text = (
        f"PONENTE SOCIALE\n\nLettera informativa n. 3\n\n{above}\n\n“Quassù siamo pochi.”\n\n"
        "Nato nel: Ottobre 2017\nA: Zerba (PC)\n"
    )
    document = load_text(text.encode(), "test", "test.txt", CONFIG)
    document.doc_type = "card"
    heads = [m.value for m in PIPELINE.run_one("title.v1", document) if m.extractor == "title.v1:card_head"]
    assert heads == ([expected] if expected else [])
