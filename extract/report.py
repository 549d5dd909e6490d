"""Plain-text tables for the terminal: per-field scores and their changes."""

from __future__ import annotations

from collections.abc import Sequence

from extract.evaluate import FieldScore, Scores


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
