"""The scorer's matching rules, on rows and values made up here (no pipeline run)."""

from __future__ import annotations

from extract.evaluate import score_rows, score_scalar


def test_child_rows_are_matched_one_to_one_at_best() -> None:
    """A loose gold row must not take the only row a stricter gold row can match."""
    gold = [{"name": "Ada Neri"}, {"name": "Ada Neri", "email": "ada@comune.it"}]
    extracted = [{"name": "Ada Neri", "email": "ada@comune.it"}, {"name": "Ada Neri", "email": None}]
    score = score_rows(gold, extracted)
    assert (score.tp, score.fp, score.fn) == (2, 0, 0)
    assert (score_rows(gold, extracted[:1]).tp, score_rows(gold, extracted[:1]).fn) == (1, 1)


def test_a_boolean_never_equals_a_number() -> None:
    assert score_scalar(True, 1).tp == 0
    assert score_scalar(False, False).tp == 1
    assert score_scalar(20000.0, 20000.004).tp == 1
