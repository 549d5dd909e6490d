"""The observatory's scheda number wherever a document states it (SPEC `documents.observatory_id`):
the page's own address (an HTML canonical link, a printed page's footer, kept as `source_url`) or
an address of a scheda written in the text (a `Sito:` or `Fonti` line of an article or a report).
The address pattern is the site's, and lives in `schemas/observatory.json`."""

from __future__ import annotations

import re
from typing import NotRequired

from pydantic import with_config
from typing_extensions import TypedDict

from extract.document import Mention
from extract.extractors.base import Extractor, component
from extract.lexicon.resources import Resources
from extract.settings import STRICT
from extract.view import DocumentView

NAME = "observatory_id.v1"


@with_config(STRICT)
class ObservatoryRules(TypedDict):
    about: NotRequired[str]
    scheda_url: str  # a regular expression with a group `id`
    own_address_confidence: float
    text_address_confidence: float
    max_id: int


@component
class ObservatoryId(Extractor):
    name = NAME
    emits = ("observatory_id",)
    settings_file = "observatory.json"
    Settings = ObservatoryRules

    def __init__(self, resources: Resources, settings: ObservatoryRules) -> None:
        super().__init__(resources, settings)
        self.address = re.compile(settings["scheda_url"], re.IGNORECASE)
        self.own, self.in_text = settings["own_address_confidence"], settings["text_address_confidence"]
        self.max_id = settings["max_id"]

    def _number(self, match: re.Match[str]) -> int | None:
        number = int(match["id"])
        return number if 0 < number <= self.max_id else None

    def __call__(self, view: DocumentView) -> list[Mention]:
        document = view.document
        mentions = []
        own = self.address.search(document.source_url or "")
        if own and (number := self._number(own)) is not None:  # the page's own address: no span of the text
            mentions.append(Mention("observatory_id", own.group(0), number, 0, 0, f"{NAME}:source_url", self.own))
        for match in self.address.finditer(document.text):
            if (number := self._number(match)) is not None:
                raw, start, end = match.group(0), match.start(), match.end()
                mentions.append(Mention("observatory_id", raw, number, start, end, f"{NAME}:text", self.in_text))
        return mentions
