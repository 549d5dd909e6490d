"""Contacts written as labelled records, one field a line, as forms and project pages print them:

    Cognome e nome: Tumiati Marta        Cognome e nome
    Ruolo: assistente sociale      or    Tumiati Marta
    Ente: Comune di Mesola               Ruolo
    Telefono: 0533 993127                assistente sociale …

A name label opens a person's record; the role, organisation and value labels after it fill it,
each value after a colon on the label's line or on the next line. The record labels are data
(`record_labels` in `schemas/contacts.json`, with its `organisation_labels` and `value_labels`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from extract.text import fold

NAME, ROLE, ORGANISATION, VALUES = "name", "role", "organisation", "values"


@dataclass
class Record:
    """One person's labelled fields: (start, end) of each value in the text, by kind."""

    name: tuple[int, int]
    role: tuple[int, int] | None = None
    organisation: tuple[int, int] | None = None
    values: tuple[tuple[int, int], ...] = ()


class RecordLabels:
    """Which kind of field a line's label gives, and where its value is."""

    def __init__(self, rules: dict[str, Any]) -> None:
        kinds = {
            NAME: rules["record_labels"]["name"],
            ROLE: rules["record_labels"]["role"],
            ORGANISATION: rules["organisation_labels"],
            VALUES: rules["value_labels"],
        }
        self._kind = {_key(label): kind for kind, labels in kinds.items() for label in labels}
        names = sorted(self._kind, key=len, reverse=True)
        alternatives = "|".join(re.escape(name).replace(r"\ ", r"\s*").replace("/", r"\s*/\s*") for name in names)
        self._line = re.compile(rf"^\s*(?P<label>{alternatives})\s*(?::\s*(?P<value>\S.*?))?\s*$", re.IGNORECASE)

    def read(self, line: str) -> tuple[str, int | None] | None:
        """(kind, offset of the value on the line or None when it is on the next) of a label line."""
        match = self._line.match(line)
        if match is None:
            return None
        kind = self._kind.get(_key(match["label"]))
        if kind is None:
            return None
        return kind, match.start("value") if match["value"] else None


def records(lines: Iterable[tuple[int, int]], text: str, labels: RecordLabels) -> tuple[list[Record], set[int]]:
    """The records of a block's lines ((start, end) each), and the starts of the lines they take."""
    spans = [(start, end) for start, end in lines if text[start:end].strip()]
    found: list[Record] = []
    taken: set[int] = set()
    index = 0
    while index < len(spans):
        start, end = spans[index]
        read = labels.read(text[start:end])
        if read is None:
            index += 1
            continue
        kind, offset = read
        value: tuple[int, int] | None = None
        used = [start]
        if offset is not None:
            value = (start + offset, end)
        elif index + 1 < len(spans) and labels.read(text[slice(*spans[index + 1])]) is None:
            value = spans[index + 1]
            used.append(spans[index + 1][0])
            index += 1
        index += 1
        if kind == NAME:
            found.append(Record(value) if value else Record((start, start)))
        elif found and value is not None:
            _fill(found[-1], kind, value)
        else:
            continue
        taken.update(used)
    return [record for record in found if record.name[1] > record.name[0]], taken


def _key(label: str) -> str:
    """A label folded, spaced alike around a slash (`Ente/organizzazione`)."""
    return fold(re.sub(r"\s*/\s*", " / ", label))


def _fill(record: Record, kind: str, value: tuple[int, int]) -> None:
    if kind == ROLE and record.role is None:
        record.role = value
    elif kind == ORGANISATION and record.organisation is None:
        record.organisation = value
    elif kind == VALUES:
        record.values += (value,)
