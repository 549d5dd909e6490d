"""Who sits at a scheda's negotiation table, when the table is written as a list of entries (one
per line: `Ente: ruoli // ruoli`, `Ente (ruoli, ruoli)`, or an entry alone), as printed schede
and other sites write it; prose about the table gives no rows. Expectations written by hand."""

from __future__ import annotations

from extract.config import load_config
from extract.loaders.text_loader import load_text
from extract.pipeline import Pipeline

CONFIG = load_config()
PIPELINE = Pipeline(CONFIG)
RESOURCES = PIPELINE.resources


def _card_actors(statura: str) -> set[tuple[str, str, tuple[str, ...]]]:
    text = f"Un cortile per tutti\n\nNato nel\nMarzo 2017\n\nA\nSoragna (PR)\n\nPeso\nMicroprogettazione\n\n{statura}\n"
    document = load_text(text.encode(), "test", "test.txt", CONFIG)
    document.doc_type = "card"
    return {
        (mention.value["body"], mention.value["organisation"], tuple(mention.value["roles"]))
        for mention in PIPELINE.run_one("actors.v1", document)
    }


def _actors(body: str) -> set[tuple[str, tuple[str, ...]]]:
    head = "Un percorso per il quartiere\n\nStato di avanzamento\nConcluso\n\n"
    text = f"{head}Tavolo di Negoziazione\n{body}\n\nIndirizzo\nVia Roma 1\n"
    document = load_text(text.encode(), "test", "test.txt", CONFIG)
    document.doc_type = "scheda"
    return {
        (mention.value["organisation"], tuple(mention.value["roles"]))
        for mention in PIPELINE.run_one("actors.v1", document)
        if mention.value["body"] == "negotiation_table"
    }


def test_entries_with_their_roles_after_a_colon() -> None:
    found = _actors(
        "Comune di Faenza: amministratori // dirigenti\nAusl della Romagna: operatori\nTerzo settore: volontari"
    )
    assert found == {
        ("comune", ("amministratori", "dirigenti")),
        ("ausl", ("operatori",)),
        ("terzo_settore", ("volontari",)),
    }


def test_entries_with_their_roles_in_parentheses_and_an_entry_alone() -> None:
    found = _actors(
        "Comune di Carpi (amministratori, dirigenti)\nAzienda USL di Modena (operatori)\nComitati di cittadini"
    )
    assert found == {("comune", ("amministratori", "dirigenti")), ("ausl", ("operatori",)), ("cittadini", ())}


def test_prose_about_the_table_gives_no_rows() -> None:
    prose = (
        "Il Tavolo sarà convocato in apertura per condividere il programma e al termine di ciascuna fase per "
        "verificare l'andamento del percorso con il Comune e l'Ausl.\n"
        "Le sedute sono verbalizzate dallo staff di progetto e pubblicate sul sito del Comune entro pochi giorni."
    )
    assert _actors(prose) == set()


def test_a_size_with_its_list_in_parentheses() -> None:
    found = _card_actors("Cabina di regia ristretta: 4 (Comune // Ausl // Terzo settore)")
    assert found == {
        ("steering_core", "comune", ()),
        ("steering_core", "ausl", ()),
        ("steering_core", "terzo_settore", ()),
    }


def test_a_size_with_its_noun_then_a_colon_and_the_list() -> None:
    found = _card_actors("Cabina di regia allargata —\n9 componenti: Comune // Unione // Volontari.")
    assert found == {
        ("steering_extended", "comune", ()),
        ("steering_extended", "unione_comuni", ()),
        ("steering_extended", "volontari", ()),
    }
    found = _card_actors(
        "Persone coinvolte nell'attuazione del progetto\n160 Amministrazione: Amministratori // Operatori"
    )
    assert found == {("implementation", "comune", ("amministratori", "operatori"))}  # a size, then an entry


def test_a_forms_list_asked_in_a_question_of_its_own_after_the_size() -> None:
    """A form's summary: the size under its question, then the list under a question and its help
    text of their own, each a paragraph: the list is the first paragraph that names bodies."""
    statura = (
        "Cabina di regia ristretta *\n\n5\n\n"
        "Soggetti della cabina di regia ristretta *\n\nSeparati da //\n\nComune // Ausl // Terzo settore"
    )
    assert _card_actors(statura) == {
        ("steering_core", "comune", ()),
        ("steering_core", "ausl", ()),
        ("steering_core", "terzo_settore", ()),
    }


def test_a_sub_label_before_the_list_and_table_rows_without_colons() -> None:
    """A form's cell `Soggetti: Comune // Ausl` (the head names no body: a sub-label, the list
    after it), and an implementation table read row by row (`Scuole Dirigenti // Operatori`):
    the roles begin at the first role after a body; a body alone stays a body."""
    assert _card_actors("Cabina di regia ristretta\n4\nSoggetti: Comune // Ausl.") == {
        ("steering_core", "comune", ()),
        ("steering_core", "ausl", ()),
    }
    rows = "Persone coinvolte nell'attuazione del progetto\n60\n"
    rows += "Scuole Dirigenti // Operatori\nTerzo settore Volontari\nVolontari"
    assert _card_actors(rows) == {
        ("implementation", "scuole", ("dirigenti", "operatori")),
        ("implementation", "terzo_settore", ("volontari",)),
        ("implementation", "volontari", ()),
    }


def test_several_entries_run_together_on_one_line() -> None:
    """Each `Org:` opens an entry; an item naming an organisation and no role (`Cittadini`) opens
    one too; other items are the roles of the entry before (`operatori`, `Volontari`)."""
    found = _card_actors(
        "Persone coinvolte nell'attuazione del progetto: 140 (Amministrazione: Amministratori // Dirigenti"
        " // Ausl: operatori // Terzo settore: operatori // Volontari // Cittadini)"
    )
    assert found == {
        ("implementation", "comune", ("amministratori", "dirigenti")),
        ("implementation", "ausl", ("operatori",)),
        ("implementation", "terzo_settore", ("operatori", "volontari")),
        ("implementation", "cittadini", ()),
    }


def test_a_parenthesis_of_roles_after_an_organisation_stays_its_roles() -> None:
    found = _card_actors("Persone coinvolte nell'attuazione del progetto\n60\nAusl di Parma (operatori)")
    assert found == {("implementation", "ausl", ("operatori",))}


def test_a_list_line_opening_with_a_separator_goes_on_the_entry_above() -> None:
    found = _card_actors(
        "Persone coinvolte nell'attuazione del progetto\n140\nTerzo settore: Dirigenti // Operatori\n"
        "// Volontari\nScuole: Operatori"
    )
    assert found == {
        ("implementation", "terzo_settore", ("dirigenti", "operatori", "volontari")),
        ("implementation", "scuole", ("operatori",)),
    }


def test_entries_run_together_each_with_its_roles_in_parentheses() -> None:
    """A press release writes the list as a sentence: entries cut at the commas outside the
    parentheses, each with its own roles; words that are no role are dropped."""
    found = _card_actors(
        "Persone coinvolte nell'attuazione del progetto: 40\nAmministrazione (amministratori, dirigenti), Asp"
        " (operatori), Imprese (negozianti del centro), Scuole, Terzo settore (volontari)."
    )
    assert found == {
        ("implementation", "comune", ("amministratori", "dirigenti")),
        ("implementation", "asp", ("operatori",)),
        ("implementation", "imprese", ()),
        ("implementation", "scuole", ()),
        ("implementation", "terzo_settore", ("volontari",)),
    }
