"""The resolver's choice is recorded in `mentions` (`chosen`, `choice`), and what reads provenance
(diff, the review page) takes it from there instead of working the tie-break out again."""

from __future__ import annotations

from datetime import date

from extract.config import load_config
from extract.diff import evidence_for
from extract.document import Mention
from extract.lexicon.gazetteer import Gazetteer
from extract.resolve import resolve
from extract.review import highlighted


def _mention(field: str, value: object, start: int, confidence: float, extractor: str = "x.v1") -> Mention:
    return Mention(field, str(value), value, start, start + 4, extractor, confidence)


def _resolve(mentions: list[Mention], doc_type: str = "scheda"):
    config = load_config()
    return resolve(mentions, config.catalogue, doc_type, Gazetteer(config.places, config.areas))


def test_the_most_confident_mention_is_chosen_and_the_others_say_why_not() -> None:
    labelled, header, prose = (
        _mention("promoter", "Comune di A", 50, 0.95),
        _mention("promoter", "Comune di B", 10, 0.6),
        _mention("promoter", "Comune di C", 90, 0.6),
    )
    result = _resolve([labelled, header, prose])
    assert result.chosen["promoter"] == [labelled]
    assert [result.choice(m) for m in (labelled, header, prose)] == [
        (True, "most_confident"),
        (False, "less_confident"),
        (False, "less_confident"),
    ]


def test_equal_confidence_goes_to_the_first_in_the_text() -> None:
    later, earlier = _mention("nature", "B", 80, 0.9), _mention("nature", "A", 20, 0.9)
    result = _resolve([later, earlier])
    assert result.choice(earlier) == (True, "first_of_equal")
    assert result.choice(later) == (False, "later_of_equal")
    lone = _mention("status", "concluso", 5, 0.5)
    assert _resolve([lone]).choice(lone) == (True, "only")


def test_a_list_keeps_the_first_mention_of_each_value() -> None:
    first, again, other = (
        _mention("methods", "focus_group", 10, 0.8),
        _mention("methods", "focus_group", 60, 0.8),
        _mention("methods", "world_cafe", 30, 0.8),
    )
    result = _resolve([again, first, other])
    assert [m.value for m in result.chosen["methods"]] == ["focus_group", "world_cafe"]
    assert result.choice(first) == (True, "first_of_value")
    assert result.choice(again) == (False, "repeated_value")


def test_a_derived_value_is_chosen_and_says_so() -> None:
    start = Mention("start_date", "17/12/2014", date(2014, 12, 17), 100, 110, "label_value.v1", 0.95)
    result = _resolve([start])
    (year,) = result.chosen["start_year"]
    assert year.value == 2014 and result.choice(year) == (True, "derived")
    assert year in result.mentions


def test_diff_takes_the_mention_the_run_chose() -> None:
    """Two mentions give the same value; the run chose the less confident one (say, a rule
    changed). The evidence shown is the chosen one, not the one a re-derived tie-break picks."""
    common = {"field": "title", "value": "T"}
    mentions = [
        {**common, "raw": "T a", "start_char": 0, "end_char": 3, "extractor": "a", "confidence": 0.9, "chosen": False},
        {**common, "raw": "T b", "start_char": 9, "end_char": 12, "extractor": "b", "confidence": 0.5, "chosen": True},
    ]
    assert evidence_for(mentions, "title", "T").extractor == "b"
    for mention in mentions:
        del mention["chosen"]  # an output written before choices were recorded
    assert evidence_for(mentions, "title", "T").extractor == "a"


def test_the_review_page_marks_a_left_out_mention() -> None:
    text = "Comune di A e Comune di B"
    mentions = [
        {"field": "promoter", "start_char": 0, "end_char": 11, "chosen": True, "choice": "most_confident"},
        {"field": "promoter", "start_char": 14, "end_char": 25, "chosen": False, "choice": "less_confident"},
    ]
    page = highlighted(text, mentions)
    assert '<mark data-fields="promoter" title="promoter">Comune di A</mark>' in page
    assert 'data-chosen="no" title="promoter (left out: less_confident)">Comune di B</mark>' in page
