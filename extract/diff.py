"""What changed between two runs' outputs, per document and field, with the span each value came from."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from extract.config import load_config
from extract.evaluate import GoldDocument, Scores, load_output, normalise, same, score
from extract.report import format_table
from extract.rows import row_value, value_as_text

IGNORED_COLUMNS = {"doc_id", "source_path"}


@dataclass(frozen=True)
class Evidence:
    """Where a value was read: the mention's raw text, offsets and extractor."""

    raw: str
    start_char: int
    end_char: int
    extractor: str


@dataclass(frozen=True)
class Change:
    source_path: str
    field: str
    kind: str  # added | removed | changed
    before: Any
    after: Any
    before_from: Evidence | None
    after_from: Evidence | None


@dataclass
class RunDiff:
    changes: list[Change]
    only_in_a: list[str]
    only_in_b: list[str]
    scores_a: Scores | None = None
    scores_b: Scores | None = None

    def as_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "changes": [_jsonable(asdict(change)) for change in self.changes],
            "only_in_a": self.only_in_a,
            "only_in_b": self.only_in_b,
        }
        if self.scores_a is not None and self.scores_b is not None:
            result["f1"] = f1_changes(self.scores_a, self.scores_b)
        return result


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if hasattr(value, "tolist"):
        return _jsonable(value.tolist())
    return value if value is None or isinstance(value, (bool, int, float, str)) else value_as_text(value)


def _is_empty(value: Any) -> bool:
    normalised = normalise(value)
    return normalised is None or normalised == []


def _equal(a: Any, b: Any) -> bool:
    left, right = normalise(a), normalise(b)
    if isinstance(left, list) and isinstance(right, list):
        return sorted(map(str, left)) == sorted(map(str, right))
    return same(left, right)


def evidence_for(mentions: list[dict[str, Any]], field: str, value: Any) -> Evidence | None:
    """The mention that gave `field` this value (for a list, its first item; for a child-table
    row, the row itself)."""
    items = list(value) if isinstance(value, (list, tuple)) or hasattr(value, "tolist") else [value]
    if not items:
        return None
    wanted = value_as_text(row_value(items[0]) if isinstance(items[0], dict) else items[0])
    found = [mention for mention in mentions if mention["field"] == field and mention["value"] == wanted]
    chosen = [mention for mention in found if mention.get("chosen") is True]
    if chosen:  # the run recorded its choice
        found = chosen
    if not found:
        return None
    # An output written before choices were recorded: the resolver's own order, most confident,
    # then earliest in the text.
    best = min(found, key=lambda mention: (-mention["confidence"], mention["start_char"]))
    return Evidence(best["raw"], int(best["start_char"]), int(best["end_char"]), best["extractor"])


def matched_documents(paths_a: dict[str, str], paths_b: dict[str, str]) -> dict[str, str]:
    """doc_id in A -> doc_id in B for the documents the two runs share: the same bytes, or else a
    file changed at the same path (its bytes, so its doc_id, differ; it is one document changed,
    not one removed and one added)."""
    pairs = {doc_id: doc_id for doc_id in paths_a if doc_id in paths_b}
    by_path_a: dict[str, list[str]] = {}
    by_path_b: dict[str, list[str]] = {}
    for paths, other, by_path in ((paths_a, paths_b, by_path_a), (paths_b, paths_a, by_path_b)):
        for doc_id, path in paths.items():
            if doc_id not in other:
                by_path.setdefault(path, []).append(doc_id)
    for path, (doc_a, *more_a) in by_path_a.items():
        found_b = by_path_b.get(path, [])
        if not more_a and len(found_b) == 1:  # one document at that path on each side
            pairs[doc_a] = found_b[0]
    return pairs


def diff_outputs(out_a: Path, out_b: Path, gold: list[GoldDocument] | None = None) -> RunDiff:
    """Compare two output folders document by document (matched by doc_id, else by path: a file
    changed in place), table by table as the field catalogue sorts them: field by field for
    one-row-per-document tables, row by row for the rest."""
    catalogue = load_config().catalogue
    tables_a, tables_b = load_output(out_a), load_output(out_b)
    paths_a = {row["doc_id"]: row["source_path"] for row in tables_a["documents"]}
    paths_b = {row["doc_id"]: row["source_path"] for row in tables_b["documents"]}
    mentions_a = by_doc(tables_a.get("mentions", []))
    mentions_b = by_doc(tables_b.get("mentions", []))
    pairs = matched_documents(paths_a, paths_b)
    changes: list[Change] = []
    for doc_a, doc_b in sorted(pairs.items(), key=lambda pair: paths_b[pair[1]]):
        for table in catalogue.scalar_tables:
            row_a = _row(tables_a, table, doc_a)
            row_b = _row(tables_b, table, doc_b)
            for field in sorted((set(row_a) | set(row_b)) - IGNORED_COLUMNS):
                before, after = row_a.get(field), row_b.get(field)
                if _equal(before, after):
                    continue
                kind = "added" if _is_empty(before) else "removed" if _is_empty(after) else "changed"
                changes.append(
                    Change(
                        paths_b[doc_b],
                        f"{table}.{field}",
                        kind,
                        _jsonable(before),
                        _jsonable(after),
                        evidence_for(mentions_a.get(doc_a, []), field, before) if not _is_empty(before) else None,
                        evidence_for(mentions_b.get(doc_b, []), field, after) if not _is_empty(after) else None,
                    )
                )
        changes += _child_changes(
            catalogue.row_tables, tables_a, tables_b, (doc_a, doc_b), paths_b[doc_b], mentions_a, mentions_b
        )
    matched_b = set(pairs.values())
    result = RunDiff(
        changes=changes,
        only_in_a=sorted(paths_a[key] for key in set(paths_a) - set(pairs)),
        only_in_b=sorted(paths_b[key] for key in set(paths_b) - matched_b),
    )
    if gold:
        result.scores_a, result.scores_b = score(gold, tables_a), score(gold, tables_b)
    return result


def _child_changes(
    row_tables: tuple[str, ...],
    tables_a: dict[str, list[dict[str, Any]]],
    tables_b: dict[str, list[dict[str, Any]]],
    documents: tuple[str, str],
    source_path: str,
    mentions_a: dict[str, list[dict[str, Any]]],
    mentions_b: dict[str, list[dict[str, Any]]],
) -> list[Change]:
    """Rows of `counts`, `actors`, `contacts` found by one run and not the other (`documents`: the
    document's doc_id in A and in B)."""
    doc_a, doc_b = documents
    changes = []
    for table in row_tables:
        rows_a = {
            value_as_text(row_value(row)): row_value(row) for row in tables_a.get(table, []) if row["doc_id"] == doc_a
        }
        rows_b = {
            value_as_text(row_value(row)): row_value(row) for row in tables_b.get(table, []) if row["doc_id"] == doc_b
        }
        for key in sorted(rows_a.keys() - rows_b.keys()):
            evidence = evidence_for(mentions_a.get(doc_a, []), table, rows_a[key])
            changes.append(Change(source_path, table, "removed", rows_a[key], None, evidence, None))
        for key in sorted(rows_b.keys() - rows_a.keys()):
            evidence = evidence_for(mentions_b.get(doc_b, []), table, rows_b[key])
            changes.append(Change(source_path, table, "added", None, rows_b[key], None, evidence))
    return changes


def by_doc(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row["doc_id"], []).append(row)
    return grouped


def _row(tables: dict[str, list[dict[str, Any]]], table: str, doc_id: str) -> dict[str, Any]:
    return next((row for row in tables.get(table, []) if row["doc_id"] == doc_id), {})


def f1_changes(scores_a: Scores, scores_b: Scores) -> dict[str, dict[str, float]]:
    """Per field F1 before, after and the change, for every field scored in either run."""
    changes = {}
    for field in sorted(set(scores_a.fields) | set(scores_b.fields)):
        before, after = scores_a.fields[field].f1, scores_b.fields[field].f1
        changes[field] = {"a": round(before, 4), "b": round(after, 4), "delta": round(after - before, 4)}
    micro_a, micro_b = scores_a.micro().f1, scores_b.micro().f1
    changes["micro average"] = {"a": round(micro_a, 4), "b": round(micro_b, 4), "delta": round(micro_b - micro_a, 4)}
    return changes


def _shown(value: Any, evidence: Evidence | None) -> str:
    where = (
        f'  <- "{evidence.raw}" [{evidence.start_char}:{evidence.end_char}] {evidence.extractor}' if evidence else ""
    )
    return f"{value!r}{where}"


def format_diff(result: RunDiff) -> str:
    """Readable in a terminal: changes grouped by document, then the F1 changes when gold was given."""
    lines: list[str] = []
    current = None
    for change in result.changes:
        if change.source_path != current:
            current = change.source_path
            lines.append(f"\n{current}")
        if change.kind == "added":
            lines.append(f"  + {change.field}: {_shown(change.after, change.after_from)}")
        elif change.kind == "removed":
            lines.append(f"  - {change.field}: {_shown(change.before, change.before_from)}")
        else:
            lines.append(f"  ~ {change.field}: {_shown(change.before, change.before_from)}")
            lines.append(f"    {' ' * len(change.field)}  -> {_shown(change.after, change.after_from)}")
    for label, paths in (("only in A", result.only_in_a), ("only in B", result.only_in_b)):
        if paths:
            lines.append(f"\n{label}: " + ", ".join(paths))
    if not lines:
        lines.append("no differences")
    documents = len({change.source_path for change in result.changes})
    lines.append(f"\n{len(result.changes)} changed values in {documents} documents")
    if result.scores_a is not None and result.scores_b is not None:
        rows = [
            [field, f"{item['a']:.3f}", f"{item['b']:.3f}", f"{item['delta']:+.3f}"]
            for field, item in f1_changes(result.scores_a, result.scores_b).items()
            if item["delta"] or field == "micro average"
        ]
        lines.append(
            "\nF1 changes against gold (fields that moved):\n" + format_table(["field", "A", "B", "change"], rows)
        )
    return "\n".join(lines).lstrip("\n")
