"""The scorer's matching rules, on rows and values made up here (no pipeline run)."""

from __future__ import annotations

from pathlib import Path

from extract.evaluate import (
    NO_PROCESS_FIELD,
    GoldDocument,
    LinksGold,
    score,
    score_links,
    score_rows,
    score_scalar,
)


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


def _gold(doc_id: str, gold: dict) -> GoldDocument:
    return GoldDocument(Path(f"{doc_id}.txt"), Path("."), f"{doc_id}.txt", doc_id, gold)


def test_links_score_pairs_of_gold_documents_sharing_a_process_key() -> None:
    """Gold: {a, b, c} one process, d alone. The run links a-b and c-d: one pair right (a-b),
    one wrong (c-d), two missed (a-c, b-c)."""
    docs = [_gold(name, {"processes": {}}) for name in "abcd"]
    links = [LinksGold(Path("."), [["a", "b", "c"]])]
    tables = {"links": [{"doc_id": "a", "process_key": "p1"}, {"doc_id": "b", "process_key": "p1"},
                        {"doc_id": "c", "process_key": "p2"}, {"doc_id": "d", "process_key": "p2"}]}  # fmt: skip
    score = score_links(docs, links, tables)
    assert (score.tp, score.fp, score.fn) == (1, 1, 2)
    assert score_links(docs, links, {}).fn == 3  # no links table: every document alone
    same_bytes = [LinksGold(Path("."), [["a", "a"]])]  # one document at two paths makes no pair
    assert (score_links(docs, same_bytes, {}).tp, score_links(docs, same_bytes, {}).fn) == (0, 0)


def test_a_processes_row_for_a_document_of_no_process_is_a_false_positive() -> None:
    gold = [_gold("x", {"processes": None}), _gold("y", {"processes": None})]
    scores = score(gold, {"processes": [{"doc_id": "x", "title": "C"}], "documents": []})
    none = scores.fields[NO_PROCESS_FIELD]
    assert (none.tp, none.fp, none.tn, none.fn) == (0, 1, 1, 0)
