"""Examples for counts with an open vocabulary (counts.v2): numbers that count people, groups or
meetings whatever the noun, and every look-alike the issue names (all text written for these tests)."""

from __future__ import annotations

import pytest

from extract.config import load_config
from extract.extractors import Resources, load_all
from extract.loaders.text_loader import load_text

CONFIG = load_config()
RESOURCES = Resources.build(CONFIG)
EXTRACTORS = load_all()


def _counts(sentence: str, doc_type: str = "other") -> list[tuple]:
    document = load_text(f"Titolo\n\n{sentence}".encode(), "test", "test.txt", CONFIG)
    document.doc_type = doc_type
    return [
        (m.value["group"], m.value["unit"], m.value["count"], m.value["qualifier"], m.value["kind"])
        for m in EXTRACTORS.get("counts.v2")(document, RESOURCES)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Alla serata hanno partecipato 81 cittadini.", ("cittadini", "people", 81, "exact", "achieved")),
        (
            "Ai laboratori sono intervenuti 208 ragazzi/giovani.",
            ("ragazzi/giovani", "people", 208, "exact", "achieved"),
        ),
        ("Il comitato conta 2 membri nominati dalla Giunta.", ("membri", "people", 2, "exact", "achieved")),
        ("Ogni gruppo è seguito da 1 tutor.", ("tutor", "people", 1, "exact", "achieved")),
        ("Il laboratorio è stato condotto da sei laboratrici.", ("laboratrici", "people", 6, "exact", "achieved")),
        ("Il corso è breve (max. 4 sedute) e gratuito.", ("sedute", "meetings", 4, "at_most", "achieved")),
        ("Si sono iscritti 12 pensionati e 3 agronome.", ("agronome", "people", 3, "exact", "achieved")),
        ("Hanno aderito nove associazioni sportive.", ("associazioni", "groups", 9, "exact", "achieved")),
        (
            "Si sono svolti tre incontri pubblici in biblioteca.",
            ("incontri pubblici", "meetings", 3, "exact", "achieved"),
        ),
        ("Sono stati attivati 4 tavoli di lavoro.", ("tavoli di lavoro", "groups", 4, "exact", "achieved")),
        ("Hanno lavorato insieme 15 volontari disponibili.", ("volontari", "people", 15, "exact", "achieved")),
        ("Sono circa 300 le persone che hanno votato.", ("persone", "people", 300, "approx", "achieved")),
        ("Saranno organizzati cinque laboratori in primavera.", ("laboratori", "meetings", 5, "exact", "target")),
        ("Il Comune vorrebbe coinvolgere 200 famiglie.", ("famiglie", "people", 200, "exact", "target")),
        ("Si sono incontrati una trentina di genitori.", ("genitori", "people", 30, "approx", "achieved")),
        ("Hanno partecipato oltre 120 studentesse.", ("studentesse", "people", 120, "at_least", "achieved")),
        (
            "Alle sette serate di confronto hanno preso parte molti.",
            ("serate di confronto", "meetings", 7, "exact", "achieved"),
        ),
    ],
)
def test_counts_with_an_open_vocabulary(sentence: str, expected: tuple) -> None:
    assert expected in _counts(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Il progetto costa 15.000 euro.",  # money
        "Il 40% dei partecipanti è under 30.",  # a percentage
        "Il concorso è aperto ai giovani dai 16 ai 24 anni.",  # ages
        "Lo sportello è aperto dalle 16 alle 19.",  # times
        "Ci vediamo all'Ufficio Turismo (Piazza della Libertà, 9c).",  # an address
        "La sede è in via Roma 12 a Imola.",  # an address
        "Il percorso attua la Legge regionale 24/17.",  # a law
        "Hanno partecipato gli alunni della classe 5° C.",  # a school class
        "1) Scarica il modulo\n2) Invia le proposte",  # list numbering
        "Il progetto è nato nel 2019 e ha coinvolto molti.",  # a year
        "Vedi a pagina 12 e l'articolo 5 del regolamento.",  # page and article numbers
        "Per il corso sono disponibili 10 posti.",  # posts in a call
        "I posti disponibili sono 20 per 3 settori.",  # posts; a -tore word that counts no people
        "Abbiamo distribuito 60 questionari.",  # an instrument, not a meeting
        "Un incontro si è svolto ieri.",  # an article, not a count
        "Sono arrivate 5-10 persone.",  # a range
    ],
)
def test_look_alikes_give_no_count(sentence: str) -> None:
    assert _counts(sentence) == []
