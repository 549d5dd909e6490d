"""The process title: the page's <h1>, else the line a scheda puts before its
"Hai gestito, partecipato…" prompt, else the first line that is not a header."""

from __future__ import annotations

import re

from extract.document import Document, Mention
from extract.extractors import Resources, built_once, extractor
from extract.text import collapse_whitespace, fold, line_spans

FIRST_LINES_SEARCHED = 12


@built_once("title.boilerplate")
def _boilerplate(resources: Resources) -> tuple[re.Pattern[str], set[str]]:
    title_rules = resources.config.values.get("title", {})
    anchor = re.compile(title_rules.get("anchor", r"^Hai gestito"), re.IGNORECASE)
    skip = {fold(item) for item in title_rules.get("skip_lines", [])}
    return (anchor, skip)


@extractor("title.v1", emits=("title",))
def extract_title(document: Document, resources: Resources) -> list[Mention]:
    if document.title_span is not None:
        start, end = document.title_span
        raw = document.text[start:end]
        return [Mention("title", raw, collapse_whitespace(raw), start, end, "title.v1:h1", 0.95)]
    anchor, skip = _boilerplate(resources)
    region_line = resources.gazetteer.region_line
    lines = [span for span in line_spans(document.text)[:FIRST_LINES_SEARCHED] if span[0]]
    candidates = [
        span
        for span in lines
        if not region_line.match(span[0]) and fold(span[0]) not in skip and fold(span[0]) not in resources.config.labels
    ]
    for position, (line, _start, _end) in enumerate(lines):
        if anchor.search(line) and position > 0:
            previous = lines[position - 1]
            if previous in candidates:
                return [_mention(previous, "title.v1:before_prompt", 0.9)]
    if candidates:
        prefixes = tuple(fold(prefix) for prefix in resources.config.values["title"].get("strip_prefixes", ()))
        return [_mention(candidates[0], "title.v1:first_line", 0.5, prefixes)]
    return []


def _mention(span: tuple[str, int, int], name: str, confidence: float, prefixes: tuple[str, ...] = ()) -> Mention:
    """The title line, less a document-kind prefix (`Relazione finale L'Unione …` -> `L'Unione …`)."""
    line, start, end = span
    folded = fold(line)
    for prefix in prefixes:
        if folded.startswith(prefix + " ") and len(folded) > len(prefix) + 1:
            cut = len(line) - len(line[len(prefix) :].lstrip(" :.-–"))
            line, start = line[cut:], start + cut
            break
    return Mention("title", line, collapse_whitespace(line), start, end, name, confidence)
