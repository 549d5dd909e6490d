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
from collections.abc import Callable
from functools import partial

from extract.document import Mention
from extract.extractors.base import Extractor, component
from extract.lexicon.nlp import nlp_for
from extract.lexicon.resources import Resources
from extract.text import line_spans
from extract.view import DocumentView

NAME = "actors.v1"
CONFIDENCE = 0.85
TAG_PREFIX = "actors."
_BULLET = re.compile(r"^[-–•*·▪]\s*")
_ITEM = re.compile(r"[^;]+")
NEGOTIATION_TABLE = "negotiation_table"
IMPLEMENTATION = "implementation"
# the bodies of SPEC actors, each read under labels tagged `actors.<body>`
BODIES = ("steering_core", "steering_extended", IMPLEMENTATION, NEGOTIATION_TABLE)
MIN_TABLE_ITEMS = 2
MAX_TABLE_ITEM = 160
_ENTRY_HEAD = re.compile(r"^[-–•*·▪]?\s*[^\W\d_][^:.]{0,60}:\s")  # `Comune di X: …`
_ROLES_ASIDE = re.compile(r"\(([^()]+)\)\s*[.;]?$")  # `Ausl di Piacenza (operatori)`
MAX_SIZE_WORDS = 3  # `circa 250`; a longer value is a list (`Terzo settore` would read as 3)
# `4 (Comune // Ausl // Terzo settore)`: the size, then the list in parentheses
_SIZE_THEN_LIST = re.compile(r"^(?P<size>[^()]{1,30}?)\s*\((?P<list>.+)\)\s*[.;]?\s*$")
# `3 componenti: Comune // Ausl // Terzo settore.`: the size with its noun in lower case (not an
# entry's own head, `160 Amministrazione: Amministratori`), a colon, then the list
_SIZE_COLON_LIST = re.compile(r"^(?P<size>[^:()]{0,25}\d[^:()]{0,10}\s(?-i:[a-zà-ÿ])[^\s:()]*)\s*:\s*(?P<list>\S.*)$")
ENTRY_GOES_ON = ("//", "/", ",", ";")  # a list line opening with one of these goes on the one above
_ITEM_SEPARATOR = re.compile(r"\s*//\s*")
_ASIDE = re.compile(r"\([^()]+\)")
MIN_BRACKETED = 2  # entries with roles in parentheses that make a line a list of entries
MAX_LIST_PARAGRAPHS = 3  # paragraphs under a label that may hold its list (a question, its help, the list)


def _paragraphs(text: str, start: int, end: int) -> list[list[tuple[str, int]]]:
    """The paragraphs of non-empty lines in [start, end), each as (line, offset) pairs."""
    found: list[list[tuple[str, int]]] = [[]]
    for line, line_start, _line_end in line_spans(text[start:end]):
        if line:
            found[-1].append((line, start + line_start))
        elif found[-1]:
            found.append([])
    return [paragraph for paragraph in found if paragraph]


def _list_lines(resources: Resources, text: str, start: int, end: int) -> list[tuple[str, int]]:
    """The list under a label: its first paragraph, or the first of the next few that names an
    organisation (a form asks for the list in a question of its own, with its help text:
    `Soggetti della cabina di regia *` / `Separati da //` / `Comune // Ausl`)."""
    paragraphs = _paragraphs(text, start, end)
    for paragraph in paragraphs[:MAX_LIST_PARAGRAPHS]:
        if any(_organisations(resources, text, offset, offset + len(line)) for line, offset in paragraph):
            return paragraph
    return paragraphs[0] if paragraphs else []


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


def _roles_after_organisation(resources: Resources, text: str, start: int, end: int) -> int | None:
    """Where the roles begin in an entry written without a colon, as a table's row reads
    (`Scuole Dirigenti // Operatori`): at the first role after an organisation; None when no
    role follows one (`Volontari` alone is a body)."""
    nlp = nlp_for(resources)
    organisations = _organisations(resources, text, start, end)
    for match in nlp.matches("roles", nlp.parse(text, start, end)):
        if any(org_end <= match.start_char for _key, _org_start, org_end in organisations):
            return match.start_char
    return None


def _row(text: str, body: str, organisation: str, roles: list[str], start: int, end: int) -> Mention:
    value = {"body": body, "organisation": organisation, "roles": roles}
    return Mention("actors", text[start:end], value, start, end, NAME, CONFIDENCE)


def _is_entry_list(lines: list[tuple[str, int]]) -> bool:
    """Lines that are a list of entries, one per line (`Comune di X: amministratori // dirigenti`,
    `Ausl (operatori)`, `Comitati di cittadini`), not prose: several short lines, none a sentence."""
    return len(lines) >= MIN_TABLE_ITEMS and all(
        (len(line) <= MAX_TABLE_ITEM and not line.rstrip().endswith(".")) or _ENTRY_HEAD.match(line)
        for line, _start in lines
    )


def _items(line: str, line_start: int) -> list[tuple[int, int]]:
    """(start, end) of each `//`-separated item of a line."""
    items, start = [], 0
    for separator in [*_ITEM_SEPARATOR.finditer(line), None]:
        end = separator.start() if separator else len(line)
        if line[start:end].strip():
            items.append((line_start + start, line_start + end))
        start = separator.end() if separator else end
    return items


def _inline_entries(
    text: str, line_start: int, line_end: int, opens_entry: Callable[[str], bool]
) -> list[tuple[int, int]] | None:
    """(start, end) of each entry of a line that runs several together (`Amministrazione:
    operatori // Ausl: Dirigenti // operatori // Cittadini`), or None for a line of one entry.
    An entry opens at an item with its own `Org:` head, or at an item that names an organisation
    and no role (`Cittadini`); other items are its roles (`operatori`, `Dirigenti`, `Volontari`)."""
    items = _items(text[line_start:line_end], line_start)
    heads = [start for start, end in items if _ENTRY_HEAD.match(text[start:end] + " ")]
    if not heads:
        return None
    entries: list[list[int]] = []
    for start, end in items:
        item = text[start:end]
        if not entries or start in heads or opens_entry(item):
            entries.append([start, end])
        else:
            entries[-1][1] = end
    return [(start, end) for start, end in entries] if len(entries) > 1 else None


def _entries(line: str, line_start: int, body: str) -> list[tuple[int, int, int | None]]:
    """(start, end, roles start or None) of each entry of a list line.

    A card's line is one entry, `Org: Role // Role`, `Org (Role, Role)` or `Org // Org // Org`,
    and so is each line of a negotiation table written as a list of such lines; a negotiation
    table in prose separates its items by `;` (`amministratori e operatori del Comune di X; Ausl
    di Y; scuole`), each naming organisations and the roles that sit for them.
    """
    if body != NEGOTIATION_TABLE:
        stripped = _BULLET.sub("", line)
        start = line_start + len(line) - len(stripped)
        head, colon, _tail = stripped.partition(":")
        if not colon and (aside := _ROLES_ASIDE.search(stripped)):  # `Ausl di Piacenza (operatori)`
            return [(start, start + len(stripped), start + aside.start() + 1)]
        return [(start, start + len(stripped), start + len(head) + 1 if colon else None)]
    items = [match for match in _ITEM.finditer(line) if match.group(0).strip()]
    if len(items) < MIN_TABLE_ITEMS or any(len(match.group(0)) > MAX_TABLE_ITEM for match in items):
        return []  # prose about the table, not a list of who sits at it
    return [(line_start + match.start(), line_start + match.end(), line_start + match.start()) for match in items]


def _continued(text: str, lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A list line that opens with a separator (`// Volontari`) goes on the entry above it, cut
    where it wrapped (`Terzo settore: Dirigenti // Operatori` / `// Volontari`)."""
    joined: list[tuple[str, int]] = []
    for line, start in lines:
        if joined and line.lstrip().startswith(ENTRY_GOES_ON):
            head_start = joined[-1][1]
            joined[-1] = (text[head_start : start + len(line)], head_start)
        else:
            joined.append((line, start))
    return joined


def _organisation_only(resources: Resources, item: str) -> bool:
    """An item naming an organisation and no role (`Cittadini`, not `Volontari`): it opens an entry."""
    return bool(_organisations(resources, item, 0, len(item))) and not _roles(resources, item, 0, len(item))


def _bracketed_entries(line: str, line_start: int) -> list[tuple[int, int]] | None:
    """(start, end) of each entry of a line listing several with their roles in parentheses
    (`Amministrazione (amministratori, operatori), Ausl (operatori), Cittadini.`): the line cut at
    the separators outside the parentheses; None for a line with fewer than two such entries."""
    if len(_ASIDE.findall(line)) < MIN_BRACKETED:
        return None
    entries, depth, start = [], 0, 0
    for position, char in enumerate(line + ","):
        depth += (char == "(") - (char == ")")
        if depth == 0 and char in ",;":
            if line[start:position].strip(" ."):
                entries.append((line_start + start, line_start + position))
            start = position + 1
    return entries


def _line_entries(
    resources: Resources, text: str, line: str, line_start: int, shape: str
) -> list[tuple[int, int, int | None]]:
    """The entries of one list line: several run together on it, or as `_entries` reads it."""
    if shape != NEGOTIATION_TABLE:
        runs = _inline_entries(text, line_start, line_start + len(line), partial(_organisation_only, resources))
        runs = runs or _bracketed_entries(line, line_start)
        if runs:
            return [entry for start, end in runs for entry in _entries(text[start:end], start, shape)]
    return _entries(line, line_start, shape)


@component
class Actors(Extractor):
    name = NAME
    emits = ("actors",)
    consumes = tuple(TAG_PREFIX + body for body in BODIES)

    def __call__(self, view: DocumentView) -> list[Mention]:
        document, resources = view.document, view.resources
        text = document.text
        mentions: list[Mention] = []
        for item, tag, block_end in view.field_blocks(TAG_PREFIX):
            body = tag[len(TAG_PREFIX) :]
            inline = text[item.value_start : item.value_end].split("\n", 1)[0]
            is_size = not inline.strip() or (
                len(inline.split()) <= MAX_SIZE_WORDS and resources.normalisers["count"](inline) is not None
            )  # `: 12`, `: circa 250`
            aside = _SIZE_THEN_LIST.match(inline) or _SIZE_COLON_LIST.match(inline)
            if aside and resources.normalisers["count"](aside["size"]) is not None:
                lines = [(aside["list"], item.value_start + aside.start("list"))]
            else:
                lines = _list_lines(
                    resources, text, item.value_start + len(inline) if is_size else item.value_start, block_end
                )
            lines = _continued(text, lines)
            seen: set[str] = set()
            shape = "entries" if body == NEGOTIATION_TABLE and _is_entry_list(lines) else body
            for line, line_start in lines:
                for start, end, roles_start in _line_entries(resources, text, line, line_start, shape):
                    sub_label = roles_start is not None and text[roles_start - 1] == ":" and shape != NEGOTIATION_TABLE
                    if sub_label and not _organisations(resources, text, start, roles_start - 1):
                        start, roles_start = roles_start, None  # `Soggetti: Comune // Ausl`: a sub-label, then the list
                    if roles_start is None and body == IMPLEMENTATION:
                        roles_start = _roles_after_organisation(resources, text, start, end)
                    roles = _roles(resources, text, roles_start, end) if roles_start is not None else []
                    organisations_end = end if shape == NEGOTIATION_TABLE or roles_start is None else roles_start - 1
                    for organisation, org_start, org_end in _organisations(resources, text, start, organisations_end):
                        if organisation not in seen:
                            seen.add(organisation)
                            mentions.append(_row(text, body, organisation, roles, org_start, org_end))
        return mentions
