"""Examples for the identity of a process told in prose (title, promoter, place), periods and money
in prose, and the repair of damaged text: sentences that must give a value, and look-alikes that
must give none (all text written for these tests)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from extract.config import load_config
from extract.loaders.text_loader import load_text
from extract.pipeline import Pipeline
from extract.runner import run
from extract.text import normalise_document_text
from tests.conftest import read_tables

CONFIG = load_config()
PIPELINE = Pipeline(CONFIG)
RESOURCES = PIPELINE.resources


def _values(text: str, extractor: str, field: str, doc_type: str = "other") -> list[object]:
    document = load_text(text.encode(), "test", "test.txt", CONFIG)
    document.doc_type = doc_type
    mentions = PIPELINE.run_one(extractor, document)
    ranked = sorted((mention for mention in mentions if mention.field == field), key=lambda m: (-m.confidence, m.start))
    return [mention.value for mention in ranked]


def _best(text: str, extractor: str, field: str, doc_type: str = "other") -> object:
    values = _values(text, extractor, field, doc_type)
    return values[0] if values else None


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Ieri sera si è chiuso il percorso partecipativo “Orti in comune” con una festa.", "Orti in comune"),
        ("Il processo partecipato «Una scuola per tutti», rivolto alle famiglie, riparte.", "Una scuola per tutti"),
        ("Parte il progetto Piazze Vive, promosso dal Comune di Lugo, per ripensare il centro.", "Piazze Vive"),
        ("“Il borgo che vorrei” è il percorso con cui il paese sceglie il futuro della piazza.", "Il borgo che vorrei"),
        (
            'L\'evento rientra nel progetto della giunta comunale finanziato dalla Regione "Acqua bene comune".',
            "Acqua bene comune",
        ),
        ("Relazione finale “CASTELNOVO DECIDE” Comune di Castelnovo ne' Monti", "CASTELNOVO DECIDE"),
        (
            "RELAZIONE FINALE DEL PERCORSO PARTECIPATIVO\n“PIAZZE APERTE – il centro di tutti”",
            "PIAZZE APERTE – il centro di tutti",
        ),
        ("La Giunta ha lanciato “Vicini di casa”, un percorso partecipativo sull'abitare.", "Vicini di casa"),
        ("Riparte «Orti di quartiere», il progetto che unisce le generazioni.", "Orti di quartiere"),
    ],
)
def test_title_in_prose(text: str, title: str) -> None:
    assert _best(f"{text}\n", "identity_prose.v1", "title") == title


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto è stato presentato ieri in consiglio comunale.",  # no name after the noun
        "Il percorso\n\nLa Giunta ha approvato il calendario degli incontri.",  # a heading, then another line
        "Il progetto Comune di Cesena ha un nuovo sito.",  # a body is not a title
        "I cittadini hanno detto “basta traffico” durante l'assemblea.",  # a quote with no process noun
    ],
)
def test_not_a_title(text: str) -> None:
    assert _values(text, "identity_prose.v1", "title") == []


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("RELAZIONE FINALE DEL PROCESSO PARTECIPATIVO\n(art. 17 della legge regionale)\n", None),  # a kind, no name
        ("Relazione finale del percorso\nIl testo segue.\n", None),
        ("Relazione finale Orti condivisi a Lugo\nIl testo segue.\n", "Orti condivisi a Lugo"),
    ],
)
def test_a_heading_naming_only_a_kind_of_process_is_no_title(heading: str, title: str | None) -> None:
    assert _best(heading, "title.v1", "title") == title


def test_a_process_in_one_comune_has_that_comune_as_territory(pipeline, tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.txt").write_text(
        "Orti di quartiere\n\nIl Comune di Meldola promuove il percorso partecipativo “Orti di quartiere”.\n",
        encoding="utf-8",
    )
    (folder / "list.txt").write_text(
        "Reti di cura\n\nIl Comune di Lugo promuove il progetto “Reti di cura” con i comuni di Bagnara di Romagna"
        " e Cotignola.\n",
        encoding="utf-8",
    )
    run([folder], tmp_path / "out", pipeline=pipeline, progress=False)
    rows = read_tables(tmp_path / "out")["processes"].set_index("title")["municipalities"]
    assert list(rows["Orti di quartiere"]) == ["Meldola"]
    assert sorted(rows["Reti di cura"]) == ["Bagnara di Romagna", "Cotignola"]  # a territory stated is kept as stated


def test_an_article_keeps_its_heading_as_title() -> None:
    assert (
        _values("È partito il percorso partecipativo “Un parco per tutti”.", "identity_prose.v1", "title", "article")
        == []
    )


@pytest.mark.parametrize(
    ("text", "promoter", "place", "province"),
    [
        ("Il percorso, promosso dal Comune di Budrio, si chiude sabato.", "Comune di Budrio", "Budrio", "BO"),
        (
            "Il laboratorio è pensato dall'Amministrazione comunale di Sassuolo per i giovani.",
            "Comune di Sassuolo",
            "Sassuolo",
            "MO",
        ),
        ("Il Comune di Argenta ha avviato un percorso sul nuovo parco.", "Comune di Argenta", "Argenta", "FE"),
        (
            "Il Comune di Bobbio (con il sostegno della Regione) ha lanciato un percorso sulle frazioni.",
            "Comune di Bobbio",
            "Bobbio",
            "PC",
        ),
        (
            "Il progetto vede il Comune di Faenza, in qualità di capofila, insieme ad altri enti.",
            "Comune di Faenza",
            "Faenza",
            "RA",
        ),
        (
            "Il percorso intrapreso a marzo dalla Unione Terre di Castelli coinvolge otto comuni.",
            "Unione Terre di Castelli",
            "Unione Terre di Castelli",
            "MO",
        ),
    ],
)
def test_promoter_and_place_in_prose(text: str, promoter: str, place: str, province: str) -> None:
    assert _best(text, "identity_prose.v1", "promoter") == promoter
    assert _best(text, "identity_prose.v1", "place") == place
    assert _best(text, "identity_prose.v1", "province") == province
    assert _best(text, "identity_prose.v1", "region") == "Emilia-Romagna"


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto è finanziato dalla Regione Emilia-Romagna con il bando 2022.",  # the funder, not a body of ours
        "Il percorso è stato promosso da un gruppo di genitori della scuola.",  # no public body
        "Il progetto è promosso dal Comune di Fantasia, che non esiste.",  # not in the ISTAT list
    ],
)
def test_not_a_promoter(text: str) -> None:
    assert _values(text, "identity_prose.v1", "promoter") == []


def test_place_is_the_comune_named_most() -> None:
    text = (
        "Cervia – Un pomeriggio di lavoro ai tavoli.\n\nA Cervia i residenti hanno discusso del lungomare, "
        "con ospiti arrivati da Ravenna. Il Comune di Cervia raccoglierà le proposte."
    )
    assert _best(text, "identity_prose.v1", "place") == "Cervia"
    assert _best(text, "identity_prose.v1", "province") == "RA"


def test_a_bare_common_word_is_no_place() -> None:
    assert _values("Bella serata in piazza: Sale e Nave erano i temi del quiz.", "identity_prose.v1", "place") == []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Il percorso si è sviluppato da gennaio a giugno 2019.", date(2019, 1, 1), date(2019, 6, 1)),
        ("Gli incontri si terranno tra marzo e luglio 2021 in biblioteca.", date(2021, 3, 1), date(2021, 7, 1)),
        ("Il laboratorio si svolge da novembre 2022 a febbraio 2023.", date(2022, 11, 1), date(2023, 2, 1)),
        ("Le attività vanno da ottobre a gennaio 2024.", date(2023, 10, 1), date(2024, 1, 1)),
    ],
)
def test_periods_in_prose(text: str, start: date, end: date) -> None:
    assert _best(text, "dates.v1", "start_date") == start
    assert _best(text, "dates.v1", "start_date_precision") == "month"
    assert _best(text, "dates.v1", "end_date") == end


def test_a_year_with_a_start_verb_is_a_start() -> None:
    assert _best("Nel 2022 è stato avviato il Community Lab del distretto.", "dates.v1", "start_date") == date(
        2022, 1, 1
    )
    assert _best("Nel 2022 è stato avviato il Community Lab.", "dates.v1", "start_date_precision") == "year"


@pytest.mark.parametrize(
    "text",
    [
        "Nel 2022 la biblioteca ha contato molti prestiti.",  # a year with no start verb
        "Le iscrizioni vanno da gennaio a marzo.",  # no year
        "Aperto dalle 16 alle 19 di ogni giovedì.",  # times
    ],
)
def test_not_a_process_period(text: str) -> None:
    assert _values(text, "dates.v1", "start_date") == []


@pytest.mark.parametrize(
    ("text", "field", "amount"),
    [
        ("Il progetto ha ottenuto un contributo regionale di 15.000 euro.", "amount_funded_eur", Decimal("15000.00")),
        ("Il costo complessivo è di € 24.500,50 per due anni.", "total_cost_eur", Decimal("24500.50")),
        (
            "Le risorse complessive ammontano a 18 mila euro di cui 15 mila dalla Regione.",
            "total_cost_eur",
            Decimal("18000.00"),
        ),
        (
            "Le risorse complessive ammontano a 18 mila euro di cui 15 mila dalla Regione.",
            "amount_funded_eur",
            Decimal("15000.00"),
        ),
        ("Per un totale di 1,2 milioni di euro.", "total_cost_eur", Decimal("1200000.00")),
    ],
)
def test_money_in_prose(text: str, field: str, amount: Decimal) -> None:
    assert _best(text, "money_prose.v1", field) == amount


@pytest.mark.parametrize(
    "text",
    [
        "Il biglietto costa 5 euro.",  # an amount with no role
        "Hanno partecipato 15.000 persone.",  # not euro
        "Il costo complessivo sarà comunicato il 15 maggio.",  # a cue with no amount
    ],
)
def test_no_money(text: str) -> None:
    assert (
        _values(text, "money_prose.v1", "total_cost_eur") + _values(text, "money_prose.v1", "amount_funded_eur") == []
    )


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("le modalitร di adesione", "le modalità di adesione"),  # UTF-8 read as cp874
        ("scarica laย bozza", "scarica la bozza"),
        ("perchÃ© la cittÃ\u00a0 è", "perché la città è"),  # UTF-8 read as cp1252
        ("il percorso parteci-\npativo", "il percorso partecipativo"),  # a word hyphenated at a line break
        ("co\u00adprogettazione", "coprogettazione"),  # a soft hyphen
        ("Ausl-\nAosp e 2019-\n2020", "Ausl-\nAosp e 2019-\n2020"),  # a capital or a digit after the break: kept
        ("«Città» e ‘virgolette’ curve", "«Città» e ‘virgolette’ curve"),  # clean text untouched
    ],
)
def test_damaged_text_repaired(damaged: str, repaired: str) -> None:
    assert normalise_document_text(damaged) == repaired


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("B.4 Il cortile delle generazioni", "Il cortile delle generazioni"),  # a report's appendix entry
        ("3. Orti in comune", "Orti in comune"),
        ("2024 in piazza", "2024 in piazza"),  # a number that is the title's own
        ("A scuola di quartiere", "A scuola di quartiere"),
    ],
)
def test_a_heading_s_outline_number_is_not_part_of_the_title(heading: str, title: str) -> None:
    document = load_text(f"{heading}\n\nNato nel\nMarzo 2015\n".encode(), "test", "test.pdf", CONFIG)
    document.title_span = (0, len(heading))
    assert [mention.value for mention in PIPELINE.run_one("title.v1", document)] == [title]


def test_a_period_in_a_card_s_story_is_a_phase_not_the_process_s_period() -> None:
    card = "Nato nel\nOttobre 2017\n\nA\nPennabilli (RN)\n\nLa storia\n"
    story = "Sono nati i laboratori di comunità, cinque tra gennaio e aprile 2018, con i referenti.\n"
    assert _values(card + story, "dates.v1", "end_date", "card") == []
    assert _best(story, "dates.v1", "end_date", "article") == date(2018, 4, 1)  # elsewhere a period is read
    alone = card + "da settembre 2017 a giugno 2019\n"  # a period on a line by itself: a value, not a phase
    assert _best(alone, "dates.v1", "end_date", "card") == date(2019, 6, 1)
