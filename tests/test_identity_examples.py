"""The identity of a process told in prose (title, promoter, place), its periods and the repair of
damaged text: the cases one example line cannot say (a territory through a whole run, the comune
named most, a heading's outline number, a phase in a card's story). The one-line examples and
look-alikes of identity_prose.v1, title.v1, dates.v1 and money_prose.v1 are data in
`schemas/examples/*.jsonl` (all text written for these tests)."""

from __future__ import annotations

from datetime import date

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


def test_place_is_the_comune_named_most() -> None:
    text = (
        "Cervia – Un pomeriggio di lavoro ai tavoli.\n\nA Cervia i residenti hanno discusso del lungomare, "
        "con ospiti arrivati da Ravenna. Il Comune di Cervia raccoglierà le proposte."
    )
    assert _best(text, "identity_prose.v1", "place") == "Cervia"
    assert _best(text, "identity_prose.v1", "province") == "RA"


def test_a_bare_common_word_is_no_place() -> None:
    assert _values("Bella serata in piazza: Sale e Nave erano i temi del quiz.", "identity_prose.v1", "place") == []


def test_a_year_with_a_start_verb_is_a_start() -> None:
    assert _best("Nel 2022 è stato avviato il Community Lab del distretto.", "dates.v1", "start_date") == date(
        2022, 1, 1
    )
    assert _best("Nel 2022 è stato avviato il Community Lab.", "dates.v1", "start_date_precision") == "year"


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
