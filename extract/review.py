"""A static HTML page for reviewers: each document's text with every mention highlighted and
labelled by field, the rows extracted from it beside the text, disagreements with gold marked,
errors listed. Self-contained (inline CSS, no script, no network); everything taken from the
documents is escaped.
"""

from __future__ import annotations

import html
import itertools
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from extract.config import load_config
from extract.evaluate import GoldDocument, Outcome, load_output, score

DISAGREES = ' <span class="bad">disagrees with gold</span>'
MAX_TEXT = 200_000  # characters of one document shown; the rest is said to be cut
STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d1d1f}
header{padding:12px 20px;background:#20364d;color:#fff}
nav{padding:8px 20px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ddd;padding:2px 6px;vertical-align:top}
section.doc{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:16px;padding:16px 20px;
border-bottom:3px solid #20364d}
pre.text{white-space:pre-wrap;font:13px/1.5 Georgia,serif;margin:0}
mark{background:#fff1a8;border-bottom:2px solid #d9a400;padding:0 1px}
mark[data-fields*=count]{background:#d7f5dd;border-color:#2e9d4c}
mark[data-fields*=contact]{background:#dbe9ff;border-color:#3a6fd8}
mark[data-fields*=actor]{background:#f5dcf3;border-color:#a43b9b}
mark[data-chosen=no]{background:#f1f1f1;border-bottom:1px dashed #999}
mark::after{content:attr(data-fields);font:10px system-ui;color:#6b5200;vertical-align:super;margin-left:2px}
.bad{background:#ffe1e1}.ok{color:#1c7c35}.failed{color:#b00020;font-weight:bold}.partial{color:#b36b00}
.errors li{color:#b00020}
"""


def _segments(text: str, mentions: list[dict[str, Any]]) -> list[tuple[int, int, list[dict[str, Any]]]]:
    """The text cut at every mention boundary: (start, end, the mentions covering that piece)."""
    bounds = {0, len(text)}
    for mention in mentions:
        bounds.update((max(0, min(len(text), mention["start_char"])), max(0, min(len(text), mention["end_char"]))))
    pieces = []
    for start, end in itertools.pairwise(sorted(bounds)):
        covering = [m for m in mentions if m["start_char"] <= start < end <= m["end_char"]]
        pieces.append((start, end, sorted(covering, key=lambda m: m["field"])))
    return pieces


def _choice(mention: dict[str, Any]) -> str:
    """`field` for a chosen mention; `field (left out: reason)` for one the resolver passed over."""
    if mention.get("chosen") is False:
        return f"{mention['field']} (left out: {mention.get('choice') or 'not chosen'})"
    return str(mention["field"])


def highlighted(text: str, mentions: list[dict[str, Any]]) -> str:
    """The text as escaped HTML, each mentioned piece in a <mark> naming its fields; a piece whose
    mentions were all left out by the resolver is marked as such."""
    shown = text[:MAX_TEXT]
    parts = []
    for start, end, covering in _segments(shown, [m for m in mentions if m["start_char"] < len(shown)]):
        piece = html.escape(shown[start:end])
        if covering:
            fields = sorted({str(m["field"]) for m in covering})
            label = html.escape(" ".join(fields), quote=True)
            title = html.escape("; ".join(dict.fromkeys(_choice(m) for m in covering)), quote=True)
            left_out = ' data-chosen="no"' if all(m.get("chosen") is False for m in covering) else ""
            parts.append(f'<mark data-fields="{label}"{left_out} title="{title}">{piece}</mark>')
        else:
            parts.append(piece)
    if len(text) > MAX_TEXT:
        parts.append(f"\n\n[… {len(text) - MAX_TEXT:,} more characters not shown]")
    return "".join(parts)


def _cell(value: Any) -> str:
    if hasattr(value, "tolist"):
        value = value.tolist()
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value))


def _table(rows: Iterable[dict[str, Any]]) -> str:
    rows = list(rows)
    if not rows:
        return "<p><em>none</em></p>"
    columns = [column for column in rows[0] if column != "doc_id"]
    head = "".join(f"<th>{html.escape(column)}</th>" for column in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(row.get(column))}</td>" for column in columns) + "</tr>" for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _process_table(row: dict[str, Any], disagreements: dict[str, Outcome]) -> str:
    lines = []
    for column, value in row.items():
        if column == "doc_id" or (_cell(value) == "" and f"processes.{column}" not in disagreements):
            continue
        outcome = disagreements.get(f"processes.{column}")
        gold = f" <small>(gold: {_cell(outcome.gold)})</small>" if outcome else ""
        css = ' class="bad"' if outcome else ""
        lines.append(f"<tr{css}><th>{html.escape(column)}</th><td>{_cell(value)}{gold}</td></tr>")
    return "<table>" + "".join(lines) + "</table>" if lines else "<p><em>no process row</em></p>"


def build_report(out_dir: Path, gold: list[GoldDocument] | None = None) -> str:
    """The whole review page for an output folder (and, when given, its gold files)."""
    tables = load_output(out_dir)
    by_doc: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for table, rows in tables.items():
        for row in rows:
            if row.get("doc_id") is not None:
                by_doc[row["doc_id"]][table].append(row)
    misses: dict[str, dict[str, Outcome]] = defaultdict(dict)
    if gold:
        for outcome in score(gold, tables).outcomes:
            if outcome.score.fp or outcome.score.fn:
                misses[outcome.doc_id][outcome.field] = outcome
    documents = sorted(tables.get("documents", []), key=lambda row: row["source_path"])
    index = "".join(
        f'<li><a href="#d{number}">{html.escape(row["source_path"])}</a> '
        f'<span class="{html.escape(row["status"])}">{html.escape(row["status"])}</span>'
        f"{' · ' + str(len(misses[row['doc_id']])) + ' disagreements' if misses.get(row['doc_id']) else ''}</li>"
        for number, row in enumerate(documents)
    )
    sections = []
    row_tables = load_config().catalogue.row_tables
    for number, row in enumerate(documents):
        rows = by_doc.get(row["doc_id"], {})
        text = rows["texts"][0]["text"] if rows.get("texts") else ""
        errors = "".join(
            f"<li>[{html.escape(error['stage'])}] {html.escape(error['error_type'])}: "
            f"{html.escape(error['message'])}</li>"
            for error in tables.get("errors", [])
            if error["source_path"] == row["source_path"]
        )
        disagreements = misses.get(row["doc_id"], {})
        child = "".join(
            f"<h3>{table}{DISAGREES if table in disagreements else ''}</h3>{_table(rows.get(table, []))}"
            for table in row_tables
        )
        process = rows.get("processes", [{}])[0] if rows.get("processes") else {}
        status, kind = html.escape(row["status"]), html.escape(row["doc_type"])
        sections.append(
            f'<section class="doc" id="d{number}"><div><h2>{html.escape(row["source_path"])} '
            f'<small class="{status}">{kind} · {status}</small></h2>'
            f'<pre class="text">\n{highlighted(text, rows.get("mentions", []))}</pre></div>'
            f"<div><h3>process</h3>{_process_table(process, disagreements)}{child}"
            f"{'<h3>errors</h3><ul class=errors>' + errors + '</ul>' if errors else ''}</div></section>"
        )
    return (
        '<!doctype html><html lang="it"><head><meta charset="utf-8"><title>extract review</title>'
        f"<style>{STYLE}</style></head><body><header><strong>extract review</strong> · {len(documents)} documents"
        f" · {html.escape(str(out_dir))}</header><nav><ol>{index}</ol></nav>{''.join(sections)}</body></html>"
    )
