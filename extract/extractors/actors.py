"""Who sits where (SPEC `actors`): the organisation lists of a card's `Cabina di regia ristretta /
allargata` and the role lists after `Persone coinvolte nell'attuazione del progetto`.

The labels are tagged `actors.<body>` in `schemas/labels.jsonl`. A steering list is the line
or lines after the label (`Comune // Casa della salute // Terzo settore.`); an
implementation list is one item per line (`- Ausl: Dirigenti // operatori`). Organisations
and roles are phrases of `schemas/vocab/organisations.jsonl` and `roles.jsonl`; other
words are dropped. `Ausl/Asp` and `Ausl-Aosp` name two organisations, so two rows.
"""

from __future__ import annotations

import re

from extract.document import Document, Mention
from extract.extractors import Resources, extractor
from extract.extractors.regions import field_blocks
from extract.nlp import nlp_for
from extract.text import line_spans

NAME = "actors.v1"
CONFIDENCE = 0.85
TAG_PREFIX = "actors."
_BULLET = re.compile(r"^[-–•*·▪]\s*")
_ONLY_NUMBER = re.compile(r"^[\d\s.,:]*$")


def _list_lines(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """The first paragraph of non-empty lines in [start, end): the list under a label."""
    lines: list[tuple[str, int]] = []
    for line, line_start, _line_end in line_spans(text[start:end]):
        if not line:
            if lines:
                break
            continue
        if _ONLY_NUMBER.match(line):
            continue
        lines.append((line, start + line_start))
    return lines


def _organisations(resources: Resources, text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    nlp = nlp_for(resources)
    parsed = nlp.parse(text, start, end)
    return [(match.key, match.start_char, match.end_char) for match in nlp.matches("organisations", parsed)]


def _roles(resources: Resources, text: str, start: int, end: int) -> list[str]:
    nlp = nlp_for(resources)
    roles: list[str] = []
    for match in nlp.matches("roles", nlp.parse(text, start, end)):
        if match.key not in roles:
            roles.append(match.key)
    return roles


def _row(text: str, body: str, organisation: str, roles: list[str], start: int, end: int) -> Mention:
    value = {"body": body, "organisation": organisation, "roles": roles}
    return Mention("actors", text[start:end], value, start, end, NAME, CONFIDENCE)


@extractor(NAME, emits=("actors",))
def extract_actors(document: Document, resources: Resources) -> list[Mention]:
    text = document.text
    mentions: list[Mention] = []
    for item, tag, block_end in field_blocks(document, resources, TAG_PREFIX):
        body = tag[len(TAG_PREFIX) :]
        inline = text[item.value_start : item.value_end]
        list_start = item.value_start if inline.strip() and not _ONLY_NUMBER.match(inline) else item.value_end
        seen: set[str] = set()
        for line, line_start in _list_lines(text, list_start, block_end):
            stripped = _BULLET.sub("", line)
            item_start = line_start + (len(line) - len(stripped))
            head, colon, _tail = stripped.partition(":")
            head_end = item_start + len(head)
            roles = _roles(resources, text, head_end + 1, item_start + len(stripped)) if colon else []
            for organisation, start, end in _organisations(resources, text, item_start, head_end):
                if organisation in seen:
                    continue
                seen.add(organisation)
                mentions.append(_row(text, body, organisation, roles, start, end))
    return mentions
