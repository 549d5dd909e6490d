"""Label variants: a label as the observatory wrote it in one year or another is its field, in
text, HTML and PDF alike; a value that merely contains a label's words stays a value.

The first table holds every wording of a field label found in `../shared/corpus` (text, saved
HTML, printed schede, cards) and the wordings the issue names, plus wordings written here that
no vocabulary entry spells (case, a colon, an article, a preposition dropped or added, a
parenthetical aside, a qualifying word). Expectations are fields of SPEC, written by hand.
"""

from __future__ import annotations

import pytest

from extract.config import load_config
from extract.loaders.html_loader import load_html
from extract.loaders.pdf import load_pdf
from extract.loaders.text_loader import load_text
from tests.scheda_print_styles import STYLES, render_fields

CORPUS_WORDINGS = {
    "Stato di avanzamento": "status",
    "Natura Processo": "nature",
    "Anno della certificazione": "certification_year",
    "Anno Finanziamento": "funding_year",
    "Importo finanziato dal Bando": "amount_funded_eur",
    "Cofinanziamento altri soggetti": "cofinancing",
    "Percentuale Cofinanziamento": "cofinancing_pct",
    "Costo complessivo del processo": "total_cost_eur",
    "Anno di avvio": "start_year",
    "Anno di chiusura": "end_year",
    "Data inizio del processo": "start_date",
    "Data inizio": "start_date",
    "Data fine del processo": "end_date",
    "Data fine": "end_date",
    "Durata (mesi)": "duration_months",
    "Titolari della decisione": "promoter",
    "Soggetto promotore": "promoter",
    "Numero partecipanti (stimate o effettive)": "participants_count",
    "Numero persone partecipanti (stimate o effettive)": "participants_count",
    "Persone coinvolte nell'attuazione del progetto": "people_involved_count",
    "Persone coinvolte nell'attuazione del progetto:": "people_involved_count",
    "Data ultima modifica": "modified_date",
    "Data ultima modifica:": "modified_date",
    "Livello di partecipazione": "participation_level",
    "Nato nel": "start_date",
    "Riscontro della prevalenza di genere fra i partecipanti": "gender_prevalence",
    "Tra i soggetti partecipanti si registra la presenza femminile": "women_presence",
    "Presenza femminile rilevata": "women_presence",
    "Cabina di regia ristretta": "steering_core_size",
    "Cabina di regia allargata": "steering_extended_size",
}

UNLISTED_WORDINGS = {
    "STATO DI AVANZAMENTO": "status",
    "Stato di avanzamento:": "status",
    "Natura del processo partecipativo": "nature",
    "Anno del finanziamento": "funding_year",
    "Data di inizio del processo": "start_date",
    "Data avvio processo partecipativo": "start_date",
    "Data di conclusione": "end_date",
    "Durata in mesi": "duration_months",
    "Durata del processo (mesi)": "duration_months",
    "Numero dei partecipanti": "participants_count",
    "Numero persone partecipanti": "participants_count",
    "Numero partecipanti (stima)": "participants_count",
    "Titolare della decisione": "promoter",
    "Costo complessivo del percorso": "total_cost_eur",
    "Importo finanziato dal bando regionale": "amount_funded_eur",
    "Percentuale di cofinanziamento": "cofinancing_pct",
    "Soggetto proponente (tipologia)": "proposer_type",  # the same words in another order
    "PRESENZA FEMMINILE:": "women_presence",  # shortened, and ending in a colon as labels do
    "Ultima modifica:": "modified_date",
    "Ultima modifica": "modified_date",  # `Data` is a generic head, colon or not
    "Prevalenza di genere:": "gender_prevalence",
    "% di cofinanziamento": "cofinancing_pct",  # a sign spelled out
    "N. partecipanti (stima)": "participants_count",  # an abbreviation
    "Costo totale": "total_cost_eur",  # a synonym
    "Avvio del processo": "start_date",  # without the generic head `Data`
    "Conclusione del processo": "end_date",
    "Decisione condivisa (codecisione)": "codecision",  # the aside names the label
    "Piattaforme digitali utilizzate": "digital_platforms",  # its words reordered, one derived
    "Strumenti digitali e piattaforme utilizzati": "digital_platforms",
    "Presenza di donne tra i partecipanti": "women_presence",  # a synonym
    "Ultimo aggiornamento": "modified_date",  # a synonym, with the generic head `Data` left out
    "1.2 Nato nel *": "start_date",  # a form's outline number and required-field mark
    "2.3 Persone coinvolte nell'attuazione del progetto *": "people_involved_count",
    "1.1 Titolo dell'esperienza *": "title",  # `esperienza`, Community Lab's word for a project
    "b) Stato di avanzamento": "status",
    "Titolo": "title",
}

NOT_LABELS = [
    "Processo concluso",  # a value holding a section's word
    "Costo 12.000 euro",  # a digit: a value
    "Data da definire",
    "Partecipanti attivi",
    "Data del processo",  # the start or the end: ambiguous, refused
    "il referente del progetto",  # lower case: a list item, not a label
    "Persone coinvolte nell'attuazione del",  # a label cut before its last word
    "Stato di avanzamento: Concluso",  # a label with its value, not a label alone
    "Numero di telefono dell'ufficio per le informazioni ai cittadini",
    "Anno",  # one word is matched only as written
    "Fonti",
    "Stato di avanzamento Progetto",  # a label with its value (an answer) on its line
    "Cofinanziamento altri soggetti Si",
    "Anno della certificazione Anno",  # two labels run together
    "Cabina di regia",  # shortened without a colon: a wrapped label's first line
    "Responsabile del progetto",  # a project is not the process: no synonym
    "Numero di telefono",
    "Ne fanno parte Anna Riva (referente) e Paolo Serra.",  # an aside inside a sentence names nothing
    "Tra i soggetti partecipanti si",  # a wrapped label's first line, in the label's order
    "Laboratori digitali utilizzati nelle scuole",  # words of no one label
    "Strumenti digitali",  # two words: too few to reorder
    "3 Cabina di regia ristretta",  # a number before a label is no outline number
    "12.000 Nato nel",
    "*",
]


@pytest.fixture(scope="module")
def config():
    return load_config()


@pytest.mark.parametrize("wording,field", [*CORPUS_WORDINGS.items(), *UNLISTED_WORDINGS.items()])
def test_a_wording_is_matched_to_its_field(config, wording: str, field: str) -> None:
    spec = config.labels.match(wording)
    assert spec is not None and spec.field == field, (wording, spec)


@pytest.mark.parametrize("text", NOT_LABELS)
def test_a_text_that_merely_shares_words_with_a_label_is_no_label(config, text: str) -> None:
    spec = config.labels.match(text)
    assert spec is None or (spec.field is None and spec.kind == "section" and text == spec.label), (text, spec)


# Fields read from each format: the same variant gives the same field and value.
PAIRS = [
    ("Stato di avanzamento", "Concluso"),
    ("Data di inizio del processo", "12/03/2019"),
    ("Numero persone partecipanti", "120"),
    ("Durata del processo (mesi)", "9"),
    ("Natura del processo partecipativo", "Facoltativo"),
]


def _fields_by_field(document, config) -> dict[str, str]:
    found = {}
    for item in document.fields:
        spec = config.label(item.key)
        if spec is not None and spec.field:
            found[spec.field] = item.value.strip()
    return found


EXPECTED = {
    "status": "Concluso",
    "start_date": "12/03/2019",
    "participants_count": "120",
    "duration_months": "9",
    "nature": "Facoltativo",
}


def test_variants_in_text(config) -> None:
    text = "Titolo del percorso\n\n" + "\n\n".join(f"{label}\n{value}" for label, value in PAIRS) + "\n"
    document = load_text(text.encode(), "t", "t.txt", config)
    assert _fields_by_field(document, config) == EXPECTED


def test_variants_in_html(config) -> None:
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in PAIRS)
    page = f"<html><body><h1>Titolo del percorso</h1><dl>{items}</dl></body></html>"
    document = load_html(page.encode(), "h", "h.html", config)
    assert _fields_by_field(document, config) == EXPECTED


@pytest.mark.parametrize("style", STYLES[:3], ids=lambda style: style.name)
def test_variants_in_pdf(config, style) -> None:
    data = render_fields(["Titolo del percorso"], PAIRS, style)
    document = load_pdf(data, "p", "p.pdf", config)
    assert _fields_by_field(document, config) == EXPECTED


def test_a_forms_hint_in_parentheses_under_its_label_is_not_the_value(config) -> None:
    """A form prints an instruction under each label (`Nato nel` / `(mese e anno di avvio)`); the
    value is the line after it. A value that is itself in parentheses, alone, stays the value."""
    text = (
        "Scheda sintetica\n\nNato nel\n(mese e anno di avvio)\nFebbraio 2019\n\n"
        "A\n(comune e provincia)\nLoiano (BO)\n\nPeso\n(da definire)\n"
    )
    document = load_text(text.encode(), "t", "t.txt", config)
    values = {item.key: item.value.strip() for item in document.fields}
    assert values["nato nel"] == "Febbraio 2019"
    assert values["a"] == "Loiano (BO)"
    assert values["peso"] == "(da definire)"
