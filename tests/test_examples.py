"""Example corpora in the style of Duckling: inputs that must give a value, and look-alikes
that must give none, for each normaliser and extractor."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from extract.config import load_config
from extract.extractors import Resources, load_all
from extract.loaders.text_loader import load_text
from extract.normalise import build_normalisers
from extract.normalise.dates import DateValue

NORMALISERS = build_normalisers(load_config())
RESOURCES = Resources.build(load_config())
EXTRACTORS = load_all()

POSITIVE = {
    "eur": [
        ("20.000,00 €", Decimal("20000.00")),
        ("28.600,00\u00a0€", Decimal("28600.00")),
        ("€ 15.000", Decimal("15000.00")),
        ("15000 euro", Decimal("15000.00")),
        ("1.234.567,89 €", Decimal("1234567.89")),
        ("Euro 9.999,5", Decimal("9999.50")),
        ("0,00 €", Decimal("0.00")),
    ],
    "percent": [("63%", 63.0), ("37,5%", 37.5), ("28,57", 28.57), ("15,06 %", 15.06), ("0%", 0.0)],
    "year": [("2014", 2014), ("Anno 2015", 2015), ("nel 2016", 2016), ("l’anno 2017", 2017), ("2019.", 2019)],
    "int": [("6", 6), ("7 mesi", 7), ("sei", 6), ("0", 0)],
    "count": [("400", 400), ("10000", 10000), ("1.200", 1200), ("circa 400", 400), ("duecento", 200)],
    "bool": [("Sì", True), ("Si", True), ("SI", True), ("sì, con accordo", True), ("No", False), ("NO", False)],
    "status": [("Concluso", "concluso"), ("In corso", "in_corso"), ("Progetto", "progetto"), ("CONCLUSO", "concluso")],
    "gender": [("Femminile", "femminile"), ("Maschile", "maschile"), ("Nessuna prevalenza", "equilibrata")],
    "participation_level": [("EMPOWERMENT", "empowerment"), ("Consultazione", "consultazione")],
    "date": [
        ("17/12/2014", DateValue(date(2014, 12, 17), "day")),
        ("10.09.2017", DateValue(date(2017, 9, 10), "day")),
        ("09 /09/2014", DateValue(date(2014, 9, 9), "day")),
        ("1/3/19", DateValue(date(2019, 3, 1), "day")),
        ("2020-01-14", DateValue(date(2020, 1, 14), "day")),
        ("18 dicembre 2015", DateValue(date(2015, 12, 18), "day")),
        ("1° marzo 2020", DateValue(date(2020, 3, 1), "day")),
        ("Giugno 2013", DateValue(date(2013, 6, 1), "month")),
        ("fine dicembre 2013", DateValue(date(2013, 12, 1), "month")),
        ("sett. 2021", DateValue(date(2021, 9, 1), "month")),
        ("2013", DateValue(date(2013, 1, 1), "year")),
    ],
}

NEGATIVE = {
    "eur": ["Non prevista nel bando di riferimento", "—", "euro", ""],
    "percent": ["150%", "n.d.", "Non indicato o dato non disponibile nelle fonti consultate"],
    "year": ["0544", "0544 979368", "LR n. 3/2010", "Bassa Romagna 2020", "17/12/2014", "1850", "2014-2015", ""],
    "int": ["molti", "Non indicato"],
    "participation_level": ["Accetta tutti Solo necessari", "Requisiti per la Certificazione di Qualità", "alto"],
    "count": ["Non indicato o dato non disponibile nelle fonti consultate", "numerosi"],
    "bool": ["Non prevista come premialità nel bando di riferimento", "", "forse", "-"],
    "status": ["Sospeso da definire", ""],
    "gender": ["Non indicato o dato non disponibile nelle fonti consultate", "mista e varia"],
    "date": ["LR n. 3/2010", "0544 979368", "Bassa Romagna 2020", "32/13/2014", "n. 15/2018", "20.000,00 €", ""],
}


@pytest.mark.parametrize(
    ("name", "raw", "expected"), [(name, raw, value) for name, cases in POSITIVE.items() for raw, value in cases]
)
def test_normaliser_reads_the_value(name: str, raw: str, expected: object) -> None:
    got = NORMALISERS[name](raw)
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize(("name", "raw"), [(name, raw) for name, cases in NEGATIVE.items() for raw in cases])
def test_normaliser_refuses_the_look_alike(name: str, raw: str) -> None:
    assert NORMALISERS[name](raw) is None


def _mentions(text: str, extractor: str, doc_type: str = "scheda") -> list[tuple[str, object]]:
    document = load_text(text.encode(), "test", "test.txt", RESOURCES.config)
    document.doc_type = doc_type
    return [(mention.field, mention.value) for mention in EXTRACTORS.get(extractor)(document, RESOURCES)]


PLACE_POSITIVE = [
    ("Indirizzo\nPiazza del Popolo, 10, 47521 Cesena", {("place", "Cesena"), ("province", "FC")}),
    ("Indirizzo\nPiazza Roosevelt, n.7, 47841 Cattolica, RN, Italia", {("place", "Cattolica"), ("province", "RN")}),
    ("Indirizzo\nVia Emilia 3 - 41121 Modena (MO)", {("place", "Modena"), ("province", "MO")}),
    ("Indirizzo\nVia XX Settembre 12, 00187 Roma", {("place", "Roma"), ("region", "Lazio")}),
    ("Titolari della decisione\nComune di Castelvetro Piacentino", {("place", "Castelvetro Piacentino")}),
    (
        "Struttura responsabile del processo\nReferente del Servizio Civile per il Comune di Cervia",
        {("province", "RA")},
    ),
    ("Titolari della decisione\nUnione dei Comuni Valle del Savio", {("place", "Unione dei Comuni Valle del Savio")}),
    ("Indirizzo\nVia Roma 1 - 40121 Bologna BO", {("place", "Bologna"), ("province", "BO")}),
    ("Indirizzo\nVia Roma, 1, 40121 Bologna (BO)", {("place", "Bologna"), ("province", "BO")}),
    ("Indirizzo\nPiazza Grande 5, Modena", {("place", "Modena"), ("province", "MO")}),
    ("Indirizzo\tVia Emilia 3, 48018 Faenza", {("place", "Faenza"), ("province", "RA")}),
]
PLACE_NEGATIVE = [
    "Indirizzo\nViale Aldo Moro, 50",
    "Titolari della decisione\nGiunta comunale",
    "Struttura responsabile del processo\nUfficio del Comune di residenza dei partecipanti",
    "Tavolo di Negoziazione\nIl Comune di Ferrara convoca il tavolo",
]


@pytest.mark.parametrize(("text", "expected"), PLACE_POSITIVE)
def test_place_is_read_from_the_labelled_sources(text: str, expected: set) -> None:
    assert expected <= set(_mentions(text, "place.v1"))


@pytest.mark.parametrize("text", PLACE_NEGATIVE)
def test_no_place_from_look_alikes(text: str) -> None:
    assert not [value for field, value in _mentions(text, "place.v1") if field == "place"]


def test_territory_gives_official_names_with_the_document_context() -> None:
    text = "Indirizzo\nVia Roma 1, 41012 Carpi\nTerritorio Interessato\nCarpi, Novi e Soliera\nMappa\narchive/1.610.jpg"
    found = {value for field, value in _mentions(text, "territory.v1") if field == "municipalities"}
    assert found == {"Carpi", "Novi di Modena", "Soliera"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Brisighella Casola Valsenio Castel Bolognese Faenza",
            {"Brisighella", "Casola Valsenio", "Castel Bolognese", "Faenza"},
        ),
        ("Riolo Terme Solarolo", {"Riolo Terme", "Solarolo"}),
        ("Faenza centro storico", set()),  # words that belong to no comune: no run of names
    ],
    ids=["tags_in_a_row", "two_names", "not_all_names"],
)
def test_territory_written_as_names_side_by_side_gives_each_comune(line: str, expected: set[str]) -> None:
    found = {
        value
        for field, value in _mentions(f"Territorio Interessato\n{line}", "territory.v1")
        if field == "municipalities"
    }
    assert found == expected


@pytest.mark.parametrize("line", ["archive/2014131544240.610.jpg", "Mappa", "Caratteristiche", "Cerca un processo"])
def test_territory_ignores_what_is_not_a_comune(line: str) -> None:
    assert _mentions(f"Territorio Interessato\n{line}", "territory.v1") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Design del processo partecipativo\nFocus group (TdN) - Open space tecnology (aperti)",
            {"focus_group", "open_space_technology"},
        ),
        ("Design del processo partecipativo\nPresenza in strada\\interviste volanti", {"intervista"}),
        ("Fasi del percorso\nUn world cafè e una passeggiata di quartiere", {"world_cafe", "passeggiata_di_quartiere"}),
        ("Tecniche di Partecipazione\nAssemblea di cittadini (aperta); OST", {"assemblea", "open_space_technology"}),
    ],
)
def test_methods_named_in_the_design_fields(text: str, expected: set) -> None:
    assert {value for _field, value in _mentions(text, "methods.v1")} == expected


@pytest.mark.parametrize(
    "text",
    [
        "Design del processo partecipativo\nTrasmesso all'Assemblea legislativa della Regione",
        "Design del processo partecipativo\nConvocazione del Tavolo di negoziazione",
        "Obiettivi\nUn focus group con i cittadini",  # not a design field: schede read methods only there
    ],
)
def test_no_method_from_look_alikes(text: str) -> None:
    assert _mentions(text, "methods.v1") == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Regione Emilia-Romagna", "Emilia-Romagna"),
        ("Regione Emilia Romagna", "Emilia-Romagna"),
        ("Regione Toscana", "Toscana"),
    ],
)
def test_region_line(line: str, expected: str) -> None:
    assert _mentions(f"{line}\nTitolo", "region_line.v1") == [("region", expected)]


@pytest.mark.parametrize(
    "line", ["Sintesi della valutazione regionale", "Regione del cuore", "La Regione Emilia-Romagna finanzia"]
)
def test_no_region_from_look_alikes(line: str) -> None:
    assert _mentions(f"{line}\nTitolo", "region_line.v1") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Regione Emilia-Romagna\n\nPiazze vive\n\nHai gestito, partecipato o hai info su questo processo?",
            "Piazze vive",
        ),
        (
            "Orti in rete\nHai gestito, partecipato o hai info su questo processo? Integra le informazioni",
            "Orti in rete",
        ),
        ("Regione Emilia-Romagna\nCertificato\nUn parco per tutti\nProcesso", "Un parco per tutti"),
    ],
)
def test_title_skips_page_furniture(text: str, expected: str) -> None:
    assert _mentions(text, "title.v1") == [("title", expected)]


def test_an_empty_label_never_takes_the_next_one() -> None:
    text = "Anno di avvio\nAnno di chiusura\n2015\nCodecisione\n\nNumero partecipanti (stimate o effettive)\n120\n"
    found = dict(_mentions(text, "label_value.v1"))
    assert found == {"end_year": 2015, "participants_count": 120}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Titolari della decisione\nComune di Reggio nell'Emilia", "Reggio nell'Emilia"),
        ("Titolari della decisione\nComune di Ozzano dell'Emilia", "Ozzano dell'Emilia"),
        ("Titolari della decisione\nComune di Castelnovo ne' Monti", "Castelnovo ne' Monti"),
        ("Titolari della decisione\nComune di Sant'Ilario d'Enza", "Sant'Ilario d'Enza"),
        ("Titolari della decisione\nUnione dei Comuni della Bassa Romagna", "Unione dei Comuni della Bassa Romagna"),
        ("Titolari della decisione\nUnione delle Terre d'Argine, con sede a Carpi", "Unione delle Terre d'Argine"),
    ],
)
def test_place_names_with_connectors(text: str, expected: str) -> None:
    assert ("place", expected) in _mentions(text, "place.v1")


def test_territory_in_one_province_gives_province_and_region() -> None:
    found = set(_mentions("Territorio Interessato\nAlbinea, Quattro Castella, Vezzano sul Crostolo", "territory.v1"))
    assert {("province", "RE"), ("region", "Emilia-Romagna")} <= found
    assert not [f for f, _ in _mentions("Territorio Interessato\nCarpi, Faenza", "territory.v1") if f == "province"]


def test_child_rows_are_matched_one_to_one_at_best() -> None:
    """A loose gold row must not take the only row a stricter gold row can match."""
    from extract.evaluate import score_rows

    gold = [{"name": "Ada Neri"}, {"name": "Ada Neri", "email": "ada@comune.it"}]
    extracted = [{"name": "Ada Neri", "email": "ada@comune.it"}, {"name": "Ada Neri", "email": None}]
    score = score_rows(gold, extracted)
    assert (score.tp, score.fp, score.fn) == (2, 0, 0)
    assert (score_rows(gold, extracted[:1]).tp, score_rows(gold, extracted[:1]).fn) == (1, 1)


def test_a_boolean_never_equals_a_number() -> None:
    from extract.evaluate import score_scalar

    assert score_scalar(True, 1).tp == 0
    assert score_scalar(False, False).tp == 1
    assert score_scalar(20000.0, 20000.004).tp == 1
