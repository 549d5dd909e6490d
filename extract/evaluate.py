"""Scores extracted tables against gold files, exactly as SPEC.md says.

A gold key with `null` makes any extracted value a false positive; an absent key is not
scored; scalars match after normalisation (amounts within 0.005, strings case- and
whitespace-insensitive); lists and child-table rows score as sets. Counting is by set
operations per field, like spaCy's PRFScore; a missing document or row counts as all
false negatives, never as skipped.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import warnings
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from extract.catalogue import Catalogue
from extract.config import load_config

GOLD_SUFFIX = ".gold.json"
LINKS_GOLD = "links.gold.json"  # which documents describe the same process (SPEC, gold section)
NO_PROCESS_FIELD = "processes.none"  # gold `"processes": null`: a processes row is a false positive
AMOUNT_TOLERANCE = 0.005


@dataclass(frozen=True)
class GoldDocument:
    """A document with its answer key; `name` is its path relative to the gold folder given."""

    path: Path
    root: Path
    name: str
    doc_id: str
    gold: dict[str, Any]


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 1.0

    def add(self, other: FieldScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn


@dataclass(frozen=True)
class Outcome:
    """One scored comparison: which document, field, gold and extracted values, and the counts."""

    doc: str
    doc_id: str
    field: str
    gold: Any
    extracted: Any
    score: FieldScore


@dataclass
class Scores:
    fields: dict[str, FieldScore] = field(default_factory=lambda: defaultdict(FieldScore))
    outcomes: list[Outcome] = field(default_factory=list)
    links: FieldScore | None = None  # pairs of gold documents sharing a process_key, when gold has links

    def record(self, outcome: Outcome) -> None:
        self.fields[outcome.field].add(outcome.score)
        self.outcomes.append(outcome)

    def micro(self, prefixes: tuple[str, ...] = ()) -> FieldScore:
        total = FieldScore()
        for name, score in self.fields.items():
            if not prefixes or name.startswith(prefixes):
                total.add(score)
        return total

    def as_dict(self) -> dict[str, Any]:
        micro = self.micro()
        result = {
            "fields": {name: _score_dict(score) for name, score in sorted(self.fields.items())},
            "micro": _score_dict(micro),
        }
        if self.links is not None:
            result["links"] = _score_dict(self.links)
        return result


def _score_dict(score: FieldScore) -> dict[str, Any]:
    return {
        "tp": score.tp,
        "fp": score.fp,
        "fn": score.fn,
        "tn": score.tn,
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(score.f1, 4),
    }


def find_gold(dirs: Iterable[Path]) -> list[GoldDocument]:
    """Every `<document>.gold.json` under `dirs` whose document sits beside it."""
    found = []
    for directory in dirs:
        paths = [directory] if directory.is_file() else sorted(directory.rglob(f"*{GOLD_SUFFIX}"))
        base = directory.parent if directory.is_file() else directory
        for gold_path in paths:
            if gold_path.name == LINKS_GOLD:  # the links of a folder, not a document's answer key
                continue
            document = gold_path.with_name(gold_path.name[: -len(GOLD_SUFFIX)])
            if not document.is_file():
                warnings.warn(f"gold file without its document: {gold_path}", stacklevel=2)
                continue
            try:
                gold = json.loads(gold_path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                warnings.warn(f"malformed gold file {gold_path}: {exc}", stacklevel=2)
                continue
            doc_id = hashlib.sha256(document.read_bytes()).hexdigest()
            found.append(GoldDocument(document, base, document.relative_to(base).as_posix(), doc_id, gold))
    return found


def normalise(value: Any) -> Any:
    """The comparable form of a gold or extracted value."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, Decimal)):
        return float(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return " ".join(value.split()).casefold()
    if hasattr(value, "tolist"):
        return normalise(value.tolist())
    if isinstance(value, (list, tuple, set)):
        return [normalise(item) for item in value]
    return value


def same(gold: Any, extracted: Any) -> bool:
    """Equal after normalisation; numbers within the amount tolerance; a bool only equals a bool."""
    if isinstance(gold, bool) or isinstance(extracted, bool):
        return type(gold) is type(extracted) and gold == extracted
    if isinstance(gold, float) and isinstance(extracted, float):
        return abs(gold - extracted) <= AMOUNT_TOLERANCE
    return gold == extracted


def score_scalar(gold: Any, extracted: Any) -> FieldScore:
    gold, extracted = normalise(gold), normalise(extracted)
    if isinstance(gold, list) or isinstance(extracted, list):
        return score_set(gold or [], extracted or [])
    if gold is None:
        return FieldScore(fp=1) if extracted is not None else FieldScore(tn=1)
    if extracted is None:
        return FieldScore(fn=1)
    return FieldScore(tp=1) if same(gold, extracted) else FieldScore(fp=1, fn=1)


def score_set(gold: list[Any], extracted: list[Any]) -> FieldScore:
    gold_set = {json.dumps(item, sort_keys=True) for item in gold}
    extracted_set = {json.dumps(item, sort_keys=True) for item in extracted}
    return FieldScore(
        tp=len(gold_set & extracted_set), fp=len(extracted_set - gold_set), fn=len(gold_set - extracted_set)
    )


def score_rows(gold_rows: list[dict[str, Any]], extracted_rows: list[dict[str, Any]]) -> FieldScore:
    """Child-table rows as a set: a gold row is found by an extracted row agreeing on the gold row's
    keys, each extracted row used once, with the largest possible number of gold rows found."""
    extracted = [{key: normalise(value) for key, value in row.items()} for row in extracted_rows]
    candidates = [
        [
            index
            for index, row in enumerate(extracted)
            if all(_row_value_matches(normalise(value), row.get(key)) for key, value in gold_row.items())
        ]
        for gold_row in gold_rows
    ]
    tp = _maximum_matching(candidates)
    return FieldScore(tp=tp, fn=len(gold_rows) - tp, fp=len(extracted_rows) - tp)


def _maximum_matching(candidates: list[list[int]]) -> int:
    """Size of a maximum one-to-one matching of gold rows to extracted rows (augmenting paths)."""
    owner: dict[int, int] = {}

    def assign(gold: int, seen: set[int]) -> bool:
        for row in candidates[gold]:
            if row in seen:
                continue
            seen.add(row)
            if row not in owner or assign(owner[row], seen):
                owner[row] = gold
                return True
        return False

    return sum(assign(gold, set()) for gold in range(len(candidates)))


def _row_value_matches(gold: Any, extracted: Any) -> bool:
    if isinstance(gold, list):
        return sorted(map(str, gold)) == sorted(map(str, extracted or []))
    return same(gold, extracted)


def load_output(out_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Rows of every Parquet table of a run's output folder."""
    if not (out_dir / "documents.parquet").exists():
        raise FileNotFoundError(f"no pipeline output in {out_dir} (documents.parquet is missing)")
    return {path.stem: pd.read_parquet(path).to_dict("records") for path in sorted(out_dir.glob("*.parquet"))}


def _processes_first(table: str) -> bool:
    """Process fields are recorded before document fields, so reports list them first."""
    return table != "processes"


def score(gold_docs: list[GoldDocument], tables: dict[str, Any], catalogue: Catalogue | None = None) -> Scores:
    """Score extracted tables (`name -> list of row dicts`) against the gold documents; which
    tables score field by field and which row by row is the catalogue's (by default, `schemas/`)."""
    catalogue = catalogue or load_config().catalogue
    index: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for name, rows in tables.items():
        for row in rows:
            index[name][row["doc_id"]].append(row)
    scores = Scores()
    for gold_doc in gold_docs:
        label = gold_doc.name
        if "processes" in gold_doc.gold and gold_doc.gold["processes"] is None:
            rows = index["processes"].get(gold_doc.doc_id, [])
            none = FieldScore(fp=1) if rows else FieldScore(tn=1)
            scores.record(Outcome(label, gold_doc.doc_id, NO_PROCESS_FIELD, None, rows[0] if rows else None, none))
        for table in sorted(catalogue.scalar_tables, key=_processes_first):
            expected = gold_doc.gold.get(table)
            if not isinstance(expected, dict):
                continue
            rows = index[table].get(gold_doc.doc_id, [])
            row = rows[0] if rows else {}
            for key, gold_value in expected.items():
                extracted = row.get(key)
                scores.record(
                    Outcome(
                        label,
                        gold_doc.doc_id,
                        f"{table}.{key}",
                        gold_value,
                        extracted,
                        score_scalar(gold_value, extracted),
                    )
                )
        for table in catalogue.row_tables:
            expected_rows = gold_doc.gold.get(table)
            if not isinstance(expected_rows, list):
                continue
            extracted_rows = [
                {key: value for key, value in row.items() if key != "doc_id"}
                for row in index[table].get(gold_doc.doc_id, [])
            ]
            outcome = score_rows(expected_rows, extracted_rows)
            scores.record(Outcome(label, gold_doc.doc_id, table, expected_rows, extracted_rows, outcome))
    return scores


@dataclass(frozen=True)
class LinksGold:
    """`links.gold.json` of a gold folder: clusters of documents (by doc_id) that describe one process."""

    root: Path
    clusters: list[list[str]]


def find_links_gold(dirs: Iterable[Path]) -> list[LinksGold]:
    """The `links.gold.json` of each folder given (paths in it are relative to that folder)."""
    found = []
    for directory in dirs:
        path = directory / LINKS_GOLD
        if not (directory.is_dir() and path.is_file()):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        clusters = []
        for cluster in data.get("clusters", []):
            members = [directory / name for name in cluster]
            missing = [str(member) for member in members if not member.is_file()]
            if missing:
                warnings.warn(f"{path}: linked documents not found: {', '.join(missing)}", stacklevel=2)
            clusters.append([hashlib.sha256(m.read_bytes()).hexdigest() for m in members if m.is_file()])
        found.append(LinksGold(directory, clusters))
    return found


def _pairs(groups: Iterable[Iterable[str]]) -> set[frozenset[str]]:
    return {frozenset((a, b)) for group in groups for a, b in itertools.combinations(sorted(set(group)), 2)}


def score_links(gold_docs: list[GoldDocument], links: list[LinksGold], tables: dict[str, Any]) -> FieldScore:
    """Pairs of gold documents that share a `process_key` against the pairs the gold clusters
    make (SPEC): a document with gold in no cluster is a process of its own. Without a `links`
    table every document is its own process."""
    documents = {gold.doc_id for gold in gold_docs} | {doc for item in links for c in item.clusters for doc in c}
    keys: dict[str, set[str]] = defaultdict(set)
    for row in tables.get("links", []):
        if row["doc_id"] in documents:
            keys[row["process_key"]].add(row["doc_id"])
    expected = _pairs(cluster for item in links for cluster in item.clusters)
    found = _pairs(keys.values())
    return FieldScore(tp=len(expected & found), fp=len(found - expected), fn=len(expected - found))
