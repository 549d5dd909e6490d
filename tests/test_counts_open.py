"""Counts with an open vocabulary (`counts.v1`): sentences that must give a row, whatever the
counted noun, and look-alike numbers that must give none (all text written for these tests)."""

from __future__ import annotations

import pytest

from extract.config import load_config
from extract.lexicon import ItalianLemmas
from extract.loaders.text_loader import load_text
from extract.pipeline import Pipeline

CONFIG = load_config()
PIPELINE = Pipeline(CONFIG)
RESOURCES = PIPELINE.resources


def _counts(sentence: str) -> list[tuple]:
    document = load_text(f"Un percorso di quartiere\n\n{sentence}\n".encode(), "test", "test.txt", CONFIG)
    document.doc_type = "card"
    return [
        (row["group"], row["unit"], row["count"], row["qualifier"], row["kind"])
        for row in (mention.value for mention in PIPELINE.run_one("counts.v1", document))
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # any noun that counts people, groups or meetings, read by its lemma
        ("Alla prima serata hanno partecipato 64 cittadini.", ("cittadini", "people", 64, "exact", "achieved")),
        ("Hanno partecipato 21 cittadine e 9 ragazze.", ("cittadine", "people", 21, "exact", "achieved")),
        ("Hanno partecipato 21 cittadine e 9 ragazze.", ("ragazze", "people", 9, "exact", "achieved")),
        ("Al sondaggio hanno risposto 143 ragazzi/giovani.", ("ragazzi/giovani", "people", 143, "exact", "achieved")),
        ("La commissione conta 3 membri nominati dal Consiglio.", ("membri", "people", 3, "exact", "achieved")),
        ("Ogni classe è stata seguita da 1 tutor.", ("tutor", "people", 1, "exact", "achieved")),
        (
            "Il corso di sartoria è stato guidato da sette laboratrici.",
            ("laboratrici", "people", 7, "exact", "achieved"),
        ),
        ("Sono intervenute otto educatrici del nido.", ("educatrici", "people", 8, "exact", "achieved")),
        ("Hanno collaborato 16 professioniste.", ("professioniste", "people", 16, "exact", "achieved")),
        ("Hanno aderito 12 commercianti del centro.", ("commercianti", "people", 12, "exact", "achieved")),
        ("Ai tavoli sedevano 5 infermiere del distretto.", ("infermiere", "people", 5, "exact", "achieved")),
        ("Sono state coinvolte 9 scuole primarie.", ("scuole primarie", "groups", 9, "exact", "achieved")),
        ("Hanno aderito 11 istituti scolastici superiori.", ("istituti scolastici", "groups", 11, "exact", "achieved")),
        ("Sono nati 5 gruppi di mutuo aiuto.", ("gruppi di mutuo aiuto", "groups", 5, "exact", "achieved")),
        ("Sono nati 4 nuovi comitati.", ("comitati", "groups", 4, "exact", "achieved")),
        (
            "Si sono svolti due incontri pubblici in biblioteca.",
            ("incontri pubblici", "meetings", 2, "exact", "achieved"),
        ),
        ("Sono stati organizzati 3 incontri di presentazione.", ("incontri", "meetings", 3, "exact", "achieved")),
        ("Si sono tenuti 4 incontri aperti alla cittadinanza.", ("incontri", "meetings", 4, "exact", "achieved")),
        ("Il tavolo si è riunito in 6 sedute.", ("sedute", "meetings", 6, "exact", "achieved")),
        ("Sono stati realizzati 3 workshop e 2 focus group.", ("workshop", "meetings", 3, "exact", "achieved")),
        ("Sono stati realizzati 3 workshop e 2 focus group.", ("focus group", "meetings", 2, "exact", "achieved")),
        (
            "Sono stati formati 35 amministratori di sostegno.",
            ("amministratori di sostegno", "people", 35, "exact", "achieved"),
        ),
        ("Sono stati formati 12 «custodi del verde».", ("custodi del verde", "people", 12, "exact", "achieved")),
        ("Sono circa 250 le persone che hanno visitato la mostra.", ("persone", "people", 250, "approx", "achieved")),
        # qualifiers
        ("Alla festa è arrivata una quarantina di famiglie.", ("famiglie", "people", 40, "approx", "achieved")),
        ("Hanno preso parte più di 70 anziani.", ("anziani", "people", 70, "at_least", "achieved")),
        ("Si sono aggiunti almeno altri 6 volontari.", ("volontari", "people", 6, "at_least", "achieved")),
        ("Erano presenti intorno ai 60 genitori.", ("genitori", "people", 60, "approx", "achieved")),
        ("Il laboratorio accoglie al massimo 15 bambini.", ("bambini", "people", 15, "at_most", "achieved")),
        ("Il gruppo si riunirà in primavera (max. 5 sedute).", ("sedute", "meetings", 5, "at_most", "target")),
        # target or achieved, from the verbs and the plan words of the sentence
        ("Nel prossimo anno verranno formati 30 facilitatori.", ("facilitatori", "people", 30, "exact", "target")),
        ("Saranno coinvolte almeno 100 famiglie.", ("famiglie", "people", 100, "at_least", "target")),
        ("Con il secondo bando il progetto raggiungerebbe 80 anziani.", ("anziani", "people", 80, "exact", "target")),
        ("L'obiettivo è coinvolgere 50 commercianti.", ("commercianti", "people", 50, "exact", "target")),
        ("È previsto un ciclo di 6 laboratori.", ("laboratori", "meetings", 6, "exact", "target")),
        ("Il piano prevedeva 8 incontri, ma se ne sono tenuti 6.", ("incontri", "meetings", 8, "exact", "target")),
        # a predicate after its subject: a scope complement, an aside in brackets, a meal as an event
        ("Oggi i custodi di frazione sono 11.", ("custodi di frazione", "people", 11, "exact", "achieved")),
        (
            "I laboratori intergenerazionali (cucina, orto) sono stati otto.",
            ("laboratori intergenerazionali", "meetings", 8, "exact", "achieved"),
        ),
        ("Il primo inverno le veglie sono state nove.", ("veglie", "meetings", 9, "exact", "achieved")),
        ("Abbiamo organizzato due pranzi di comunità.", ("pranzi di comunità", "meetings", 2, "exact", "achieved")),
        # a card's story says its plans in the first person plural
        ("Nel 2019 vogliamo portare il pranzo ad almeno 40 anziani.", ("anziani", "people", 40, "at_least", "target")),
        ("Sono stati coinvolti 50 commercianti.", ("commercianti", "people", 50, "exact", "achieved")),
        ("Oggi 20 volontari gestiscono lo sportello.", ("volontari", "people", 20, "exact", "achieved")),
        (
            "Hanno partecipato 45 residenti, che saranno ricontattati in autunno.",
            ("residenti", "people", 45, "exact", "achieved"),
        ),
        (
            "Il percorso ha due fasi. La prima comprende 3 laboratori aperti. In autunno si terrà l'assemblea finale.",
            ("laboratori", "meetings", 3, "exact", "target"),
        ),
    ],
)
def test_counts_with_an_open_vocabulary(sentence: str, expected: tuple) -> None:
    assert expected in _counts(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # codes: Italian groups thousands, five bare digits are a postal code or a protocol number
        "La sede è in piazza Bentivoglio 1, 42044 Gualtieri, aperta ai cittadini.",
        "Ha risposto la delibera 20571 dei consiglieri.",
        # money and percentages
        "Il contributo regionale ammonta a 12.500 euro.",
        "Sono stati stanziati € 8.000 per la formazione.",
        "Il costo complessivo è di 40 mila euro.",
        "Il 45% dei residenti ha risposto al questionario.",
        "Il 30 per cento degli iscritti è under 25.",
        # ages
        "Il corso è aperto ai ragazzi dagli 11 ai 14 anni.",
        "Possono partecipare giovani tra i 18 e i 30 anni.",
        "Lo sportello è dedicato agli anziani over 75.",
        # times
        "La sala è aperta dalle 15 alle 18 cittadini e associazioni compresi.",
        "L'incontro inizia alle 20.30 in biblioteca.",
        "Alle ore 17 volontari e tecnici si sono ritrovati.",
        # addresses
        "Lo sportello si trova in Piazza del Duomo, 7b.",
        "La sede è in via Mazzini 24, vicino alla stazione.",
        "L'ufficio è in Via Verdi, 3 volontari lo tengono aperto.",
        # laws
        "Il progetto è finanziato dalla legge regionale 8/2021.",
        "Ai sensi della Legge n. 328 le associazioni hanno diritto.",
        "Come stabilisce la legge regionale 3 associazioni hanno firmato.",
        # school classes
        "Hanno lavorato gli alunni della 4° B.",
        "Ha aderito la classe 3 A del liceo.",
        "Hanno partecipato le classi 3^ e 4^ della primaria.",
        # list numbering
        "1. Laboratori nelle scuole",
        "2) Incontri con le famiglie",
        # years
        "Dal 2020 volontari e operatori lavorano insieme.",
        "Il percorso si è concluso nel 2022.",
        "Tra il 2016 e il 2018 incontri e laboratori si sono moltiplicati.",
        # page and article numbers
        "Il calendario degli incontri è a pagina 12.",
        "Si veda pag. 4 per le associazioni coinvolte.",
        "Come previsto dall'art. 9 del regolamento.",
        "Ai sensi dell'articolo 14 volontari e associazioni sono assicurati.",
        # posts offered in a call
        "Il bando mette a disposizione 25 posti.",
        "Sono disponibili 10 posti per volontari del servizio civile.",
        # ordinals, ranges, articles, populations, phones, dates, things
        "Si è svolto il 3’ laboratorio del ciclo.",
        "Ogni gruppo conta 6-8 persone.",
        "Hanno partecipato tra 20 e 30 persone.",
        "Si è tenuto un incontro pubblico.",
        "Il comune conta 12.000 abitanti.",
        "Nel primo anno sono stati consegnati 300 pranzi a domicilio.",  # meals served, not events
        "Sei un volontario? Scrivici.",
        "Per informazioni chiamare lo 0544 123456.",
        "L'assemblea si è tenuta il 12 marzo.",
        "Sono stati raccolti 300 questionari.",
        "Sono state individuate 5 azioni concrete.",
        "Nelle due settimane di apertura lo sportello ha accolto molte persone.",
    ],
)
def test_no_count_from_look_alikes(sentence: str) -> None:
    assert _counts(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # coordinated: the head of the count just before
        (
            "Si sono svolti dieci incontri online e tre in presenza.",
            [
                ("incontri online", "meetings", 10, "exact", "achieved"),
                ("incontri", "meetings", 3, "exact", "achieved"),
            ],
        ),
        (
            "Sono stati realizzati 4 laboratori pubblici e 2 riservati.",
            [
                ("laboratori pubblici", "meetings", 4, "exact", "achieved"),
                ("laboratori", "meetings", 2, "exact", "achieved"),
            ],
        ),
        (
            "Saranno coinvolte 20 famiglie del centro e almeno 15 delle frazioni.",
            [("famiglie", "people", 20, "exact", "target"), ("famiglie", "people", 15, "at_least", "target")],
        ),
        # partitive `ne`: the last count, or the nearest head before it
        (
            "L'obiettivo era di almeno 10 volontari. Ne sono stati formati 14, tra i 62 e i 79 anni.",
            [("volontari", "people", 10, "at_least", "target"), ("volontari", "people", 14, "exact", "achieved")],
        ),
        (
            "Il piano prevedeva 8 incontri, ma se ne sono tenuti 6.",
            [("incontri", "meetings", 8, "exact", "target"), ("incontri", "meetings", 6, "exact", "achieved")],
        ),
        (
            "Alle assemblee sono arrivati molti cittadini: se ne contavano oltre 200.",
            [("cittadini", "people", 200, "at_least", "achieved")],
        ),
        # predicative: the head stands before its number
        ("I partecipanti sono stati circa 200.", [("partecipanti", "people", 200, "approx", "achieved")]),
        ("Volontari coinvolti: 12", [("volontari", "people", 12, "exact", "achieved")]),
        ("Nel 2023 i volontari erano 25.", [("volontari", "people", 25, "exact", "achieved")]),
        # people keep no adjective there either (`passeggeri abituali` -> `passeggeri`)
        ("Oggi i passeggeri abituali sono oltre 90.", [("passeggeri", "people", 90, "at_least", "achieved")]),
        (
            "Hanno partecipato 20 volontari e 5 esterni.",
            [("volontari", "people", 20, "exact", "achieved"), ("volontari", "people", 5, "exact", "achieved")],
        ),
        # no elided count: a noun of its own, a part, a year, a relative clause
        ("Il corso durerà 3 mesi e 2 settimane.", []),
        (
            "Hanno partecipato 40 persone e 3 di loro si sono iscritte.",
            [("persone", "people", 40, "exact", "achieved")],
        ),
        (
            "Sono stati formati 30 volontari e 12 dei quali sono over 65.",
            [("volontari", "people", 30, "exact", "achieved")],
        ),
        (
            "Hanno aderito 12 associazioni e 2023 è l'anno del bilancio.",
            [("associazioni", "groups", 12, "exact", "achieved")],
        ),
        ("Le persone che sono 12 non bastano.", []),
        ("Se ne parlerà il 12.", []),
    ],
)
def test_a_number_whose_noun_is_left_out(sentence: str, expected: list[tuple]) -> None:
    assert _counts(sentence) == expected


@pytest.mark.parametrize(
    ("word", "pos", "lemma"),
    [("cittadine", "noun", "cittadina"), ("sedute", "noun", "seduta"), ("pubblici", "adj", "pubblico")],
)
def test_lemma_tables_read_without_a_model(word: str, pos: str, lemma: str) -> None:
    assert ItalianLemmas().lemma(word, pos) == lemma
