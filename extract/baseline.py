"""The committed quality baseline: per-field F1 on the shared corpus, and which documents
each field got right, so a regression names the documents that got worse."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.config import load_config
from extract.diff import by_doc, evidence_for
from extract.evaluate import Outcome, Scores, normalise
from extract.report import row_differences
from extract.rows import row_value

DEFAULT_TOLERANCE = 0.005


def build_baseline(scores: Scores, corpus: str, tolerance: float = DEFAULT_TOLERANCE) -> dict[str, Any]:
    correct: dict[str, list[str]] = {}
    for outcome in scores.outcomes:
        if not outcome.score.fp and not outcome.score.fn:
            correct.setdefault(outcome.field, []).append(outcome.doc)
    return {
        "about": "Per-field F1 of `extract eval` on the corpus; the quality test fails when a field falls "
        "below its F1 here by more than the tolerance. Raise it only in a commit of its own.",
        "corpus": corpus,
        "tolerance": tolerance,
        "micro_f1": round(scores.micro().f1, 4),
        "fields": {name: round(score.f1, 4) for name, score in sorted(scores.fields.items())},
        "correct": {name: sorted(set(docs)) for name, docs in sorted(correct.items())},
    }


def write_baseline(path: Path, baseline: dict[str, Any]) -> None:
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(baseline, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    temporary.replace(path)


@dataclass(frozen=True)
class Regression:
    field: str
    baseline_f1: float
    f1: float
    worse: list[Outcome]


def regressions(scores: Scores, baseline: dict[str, Any]) -> list[Regression]:
    """Fields whose F1 fell below the baseline by more than its tolerance (or that vanished)."""
    tolerance = baseline.get("tolerance", DEFAULT_TOLERANCE)
    found = []
    for field, baseline_f1 in baseline["fields"].items():
        current = scores.fields[field].f1 if field in scores.fields else 0.0
        if current < baseline_f1 - tolerance:
            was_correct = set(baseline.get("correct", {}).get(field, []))
            worse = [
                outcome
                for outcome in scores.outcomes
                if outcome.field == field and outcome.doc in was_correct and (outcome.score.fp or outcome.score.fn)
            ]
            found.append(Regression(field, baseline_f1, current, worse))
    return found


def format_regressions(found: list[Regression], tables: dict[str, list[dict[str, Any]]]) -> str:
    """Each regressed field, then every document it used to get right: gold, now, and the span read."""
    mentions = by_doc(tables.get("mentions", []))
    row_tables = load_config().catalogue.row_tables
    lines = []
    for regression in found:
        lines.append(f"{regression.field}: F1 {regression.baseline_f1:.3f} -> {regression.f1:.3f}")
        for outcome in regression.worse:
            if outcome.field in row_tables:
                missing, extra = row_differences(outcome.gold, [row_value(row) for row in outcome.extracted])
                lines += [f"  {outcome.doc}: missing {row}" for row in missing]
                lines += [f"  {outcome.doc}: extra {row}" for row in extra]
                continue
            column = outcome.field.split(".", 1)[-1]
            evidence = evidence_for(mentions.get(outcome.doc_id, []), column, outcome.extracted)
            where = (
                f'  <- "{evidence.raw}" [{evidence.start_char}:{evidence.end_char}] {evidence.extractor}'
                if evidence
                else ""
            )
            lines.append(f"  {outcome.doc}: gold {outcome.gold!r}, now {_plain(outcome.extracted)!r}{where}")
    return "\n".join(lines)


def _plain(value: Any) -> Any:
    """Arrays as lists and pandas' missing markers (nan, NA) as None, for a readable message."""
    if hasattr(value, "tolist"):
        return value.tolist()
    return None if normalise(value) is None else value
