"""Plain-text tables for the terminal: per-field scores and their changes."""

from __future__ import annotations

from collections.abc import Sequence

from extract.evaluate import FieldScore, Scores, normalise, same


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Columns padded to their widest cell; the first column left-aligned, the rest right-aligned."""
    cells = [[str(item) for item in row] for row in [headers, *rows]]
    widths = [max(len(row[index]) for row in cells) for index in range(len(headers))]

    def line(row: list[str]) -> str:
        return "  ".join(
            cell.ljust(width) if index == 0 else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        )

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def _score_cells(score: FieldScore) -> list[object]:
    return [f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}", score.tp, score.fp, score.fn, score.tn]


def scores_table(scores: Scores) -> str:
    """The per-field table `extract eval` prints, with the micro average last."""
    rows = [[name, *_score_cells(score)] for name, score in sorted(scores.fields.items())]
    rows.append(["micro average", *_score_cells(scores.micro())])
    return format_table(["field", "P", "R", "F1", "TP", "FP", "FN", "TN"], rows)


def scores_markdown(scores: Scores) -> str:
    """The same table as Markdown, for the README."""
    lines = ["| field | P | R | F1 | TP | FP | FN |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, score in [*sorted(scores.fields.items()), ("**micro average**", scores.micro())]:
        lines.append(
            f"| {name} | {score.precision:.3f} | {score.recall:.3f} | {score.f1:.3f} "
            f"| {score.tp} | {score.fp} | {score.fn} |"
        )
    return "\n".join(lines)


def _compact(value: object, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def misses_listing(scores: Scores) -> str:
    """Every disagreement with gold, by document: the gold value and what was extracted. For a
    child table only the rows that differ are shown (missing from the output, or extra)."""
    lines = []
    for outcome in sorted(scores.outcomes, key=lambda item: (item.doc, item.field)):
        if not (outcome.score.fp or outcome.score.fn):
            continue
        if isinstance(outcome.gold, list) and outcome.gold and isinstance(outcome.gold[0], dict):
            missing, extra = row_differences(outcome.gold, outcome.extracted)
            for row in missing:
                lines.append(f"{outcome.doc}  {outcome.field}  missing {_compact(row)}")
            for row in extra:
                lines.append(f"{outcome.doc}  {outcome.field}  extra   {_compact(row)}")
            continue
        lines.append(
            f"{outcome.doc}  {outcome.field}  gold {_compact(outcome.gold)}  got {_compact(outcome.extracted)}"
        )
    return "\n".join(lines) if lines else "no disagreement with gold"


def row_differences(gold: list[dict], extracted: list[dict]) -> tuple[list[dict], list[dict]]:
    """Gold rows no extracted row agrees with, and extracted rows agreeing with no gold row."""

    def agrees(gold_row: dict, row: dict) -> bool:
        return all(_same_cell(value, row.get(key)) for key, value in gold_row.items())

    missing = [row for row in gold if not any(agrees(row, other) for other in extracted)]
    extra = [row for row in extracted if not any(agrees(other, row) for other in gold)]
    return missing, extra


def _same_cell(gold: object, extracted: object) -> bool:
    gold, extracted = normalise(gold), normalise(extracted)
    if isinstance(gold, list):
        return sorted(map(str, gold)) == sorted(map(str, extracted or []))
    return same(gold, extracted)
