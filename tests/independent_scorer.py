"""Independent re-implementation of the gold scoring rules (SPEC, "Gold annotations and scoring").

Written from the specification only, without reading ``extract/``, so a test can
cross-check the project's own evaluator against it. Standard library plus pandas.

Conventions where SPEC is silent:

* A gold key that is absent is not scored; a gold ``null`` is scored (extracting
  anything is one false positive). A document with no output row counts as null.
* Scalars: equal -> 1 TP; both non-null and different -> 1 FP and 1 FN.
* Normalisation: numbers as floats within 0.005 (booleans stay booleans), dates as
  ISO ``YYYY-MM-DD``, strings case-folded with whitespace runs collapsed;
  NaN/NaT/None are null.
* Lists and child-table rows score as sets, with a maximum one-to-one matching.

Usage: ``python tests/independent_scorer.py OUT_DIR GOLD_PATH...``
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import math
import numbers
import pathlib
import re
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

GOLD_SUFFIX = ".gold.json"
SCALAR_TABLES = ("processes", "documents")
CHILD_TABLES = ("counts", "actors", "contacts")
AMOUNT_TOLERANCE = 0.005
_FLOAT_SLACK = 1e-9  # so that 0.005 itself, after float rounding, is still "within"
_WHITESPACE = re.compile(r"\s+")

Counts = tuple[int, int, int]


# --------------------------------------------------------------------------- normalisation


def _is_null(value: Any) -> bool:
    """None, NaN, NaT, pandas NA."""
    if value is None:
        return True
    if isinstance(value, (str, bytes, list, tuple, dict, set)) or hasattr(value, "__len__"):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def normalise(value: Any) -> Any:
    """Map a gold or Parquet value to a comparable form: None, bool, float, str or list."""
    if _is_null(value):
        return None
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()  # numpy arrays and numpy scalars -> Python values
    if isinstance(value, (list, tuple, set, frozenset)):
        return _unique([n for n in (normalise(item) for item in value) if n is not None])
    if isinstance(value, bool):
        return value
    if isinstance(value, (numbers.Number, decimal.Decimal)):
        number = float(value)
        return None if math.isnan(number) else number
    if isinstance(value, dt.datetime):  # includes pandas Timestamp
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return _WHITESPACE.sub(" ", str(value)).strip().casefold()


def equal(a: Any, b: Any) -> bool:
    """Equality of two normalised values (lists compare as sets)."""
    if isinstance(a, list) and isinstance(b, list):
        return all(any(equal(x, y) for y in b) for x in a) and all(any(equal(y, x) for x in a) for y in b)
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= AMOUNT_TOLERANCE + _FLOAT_SLACK
    return type(a) is type(b) and a == b


def _unique(items: list[Any]) -> list[Any]:
    """Drop items equal to an earlier one."""
    kept: list[Any] = []
    for item in items:
        if not any(equal(item, seen) for seen in kept):
            kept.append(item)
    return kept


def max_matching(gold: Sequence[Any], extracted: Sequence[Any], match: Callable[[Any, Any], bool]) -> int:
    """Size of a maximum one-to-one matching between gold and extracted items (Kuhn's algorithm)."""
    owner: dict[int, int] = {}  # extracted index -> gold index

    def augment(g: int, seen: set[int]) -> bool:
        for e, item in enumerate(extracted):
            if e not in seen and match(gold[g], item):
                seen.add(e)
                if e not in owner or augment(owner[e], seen):
                    owner[e] = g
                    return True
        return False

    return sum(augment(g, set()) for g in range(len(gold)))


# --------------------------------------------------------------------------- scoring rules


def score_value(gold: Any, extracted: Any) -> Counts:
    """(tp, fp, fn) of one gold value (scalar or list) against one extracted value."""
    g, x = normalise(gold), normalise(extracted)
    if isinstance(g, list):
        xs = x if isinstance(x, list) else ([] if x is None else [x])
        tp = max_matching(g, xs, equal)
        return tp, len(xs) - tp, len(g) - tp
    if x == []:  # an empty extracted list is "nothing extracted"
        x = None
    if g is None:
        return 0, int(x is not None), 0
    if x is None:
        return 0, 0, 1
    return (1, 0, 0) if equal(g, x) else (0, 1, 1)


def score_rows(gold_rows: list[dict[str, Any]], extracted_rows: list[dict[str, Any]]) -> Counts:
    """(tp, fp, fn) of child-table rows: a gold row matches an extracted row equal on all its keys."""

    def row_matches(gold_row: dict[str, Any], row: dict[str, Any]) -> bool:
        return all(equal(normalise(v), normalise(row.get(k))) for k, v in gold_row.items())

    tp = max_matching(gold_rows, extracted_rows, row_matches)
    return tp, len(extracted_rows) - tp, len(gold_rows) - tp


# --------------------------------------------------------------------------- inputs


def find_gold_files(gold_paths: list[pathlib.Path]) -> list[pathlib.Path]:
    """Gold files named directly, plus ``*.gold.json`` found recursively under folders; deduplicated."""
    found: dict[pathlib.Path, None] = {}
    for path in map(pathlib.Path, gold_paths):
        for file in sorted(path.rglob(f"*{GOLD_SUFFIX}")) if path.is_dir() else [path]:
            found.setdefault(file.resolve(), None)
    return list(found)


def load_gold(gold_file: pathlib.Path) -> tuple[str, dict[str, Any]]:
    """(doc_id of the document beside the gold file, gold object); raises ValueError if unusable."""
    if not gold_file.name.endswith(GOLD_SUFFIX):
        raise ValueError(f"not a {GOLD_SUFFIX} file")
    document = gold_file.with_name(gold_file.name[: -len(GOLD_SUFFIX)])
    if not document.is_file():
        raise ValueError(f"document {document.name} not found beside the gold file")
    try:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"unreadable gold: {error}") from error
    if not isinstance(gold, dict):
        raise ValueError("gold is not a JSON object")
    for table in SCALAR_TABLES:
        if not isinstance(gold.get(table, {}), dict):
            raise ValueError(f"gold {table!r} is not an object")
    for table in CHILD_TABLES:
        rows = gold.get(table) or []
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise ValueError(f"gold {table!r} is not a list of objects")
    return hashlib.sha256(document.read_bytes()).hexdigest(), gold


def read_output(out_dir: pathlib.Path) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """table -> doc_id -> rows (as dicts); a missing Parquet file is an empty table."""
    tables: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for table in (*SCALAR_TABLES, *CHILD_TABLES):
        path = pathlib.Path(out_dir) / f"{table}.parquet"
        by_doc: dict[str, list[dict[str, Any]]] = {}
        if path.exists():
            for row in pd.read_parquet(path).to_dict("records"):
                by_doc.setdefault(str(row.get("doc_id")), []).append(row)
        tables[table] = by_doc
    return tables


# --------------------------------------------------------------------------- public API


def _add(totals: dict[str, Counts], field: str, counts: Counts) -> None:
    old = totals.get(field, (0, 0, 0))
    totals[field] = (old[0] + counts[0], old[1] + counts[1], old[2] + counts[2])


def score_output(gold_paths: list[pathlib.Path], out_dir: pathlib.Path) -> dict[str, tuple[int, int, int]]:
    """Per field name -> (tp, fp, fn), summed over all gold documents.

    Gold files that cannot be used (no document beside them, bad JSON, wrong shape)
    are skipped with a ``UserWarning`` naming the file and the reason.
    """
    output = read_output(out_dir)
    totals: dict[str, Counts] = {}
    for gold_file in find_gold_files(gold_paths):
        try:
            doc_id, gold = load_gold(gold_file)
        except ValueError as error:
            warnings.warn(f"skipped gold {gold_file}: {error}", stacklevel=2)
            continue
        for table in SCALAR_TABLES:
            rows = output[table].get(doc_id, [])
            row = rows[0] if rows else {}
            for key, gold_value in gold.get(table, {}).items():
                _add(totals, f"{table}.{key}", score_value(gold_value, row.get(key)))
        for table in CHILD_TABLES:
            if table in gold:
                _add(totals, table, score_rows(gold[table] or [], output[table].get(doc_id, [])))
    return totals


def micro_f1(scores: dict[str, Counts]) -> float:
    """2TP / (2TP + FP + FN) over all fields; 1.0 when there is nothing to score."""
    tp, fp, fn = (sum(c[i] for c in scores.values()) for i in range(3))
    return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


def main(argv: list[str]) -> int:
    """Print per-field tp/fp/fn and the micro F1."""
    if len(argv) < 2:
        print("usage: python tests/independent_scorer.py OUT_DIR GOLD_PATH...", file=sys.stderr)
        return 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        scores = score_output([pathlib.Path(p) for p in argv[1:]], pathlib.Path(argv[0]))
    for warning in caught:
        print(f"warning: {warning.message}", file=sys.stderr)
    width = max((len(field) for field in scores), default=5)
    print(f"{'field':<{width}}  {'tp':>4} {'fp':>4} {'fn':>4}")
    for field, (tp, fp, fn) in sorted(scores.items()):
        print(f"{field:<{width}}  {tp:>4} {fp:>4} {fn:>4}")
    tp, fp, fn = (sum(c[i] for c in scores.values()) for i in range(3))
    print(f"{'TOTAL':<{width}}  {tp:>4} {fp:>4} {fn:>4}")
    print(f"micro F1: {micro_f1(scores):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
