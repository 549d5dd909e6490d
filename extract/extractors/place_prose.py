"""Places read from the prose and the layout of cards, articles and reports.

- `A: Cervia (RA)` (card) and `Località: Unione Colline Matildiche` (article header): the
  place as named, its province from the sigla, the ISTAT comune or the unione/distretto
  gazetteer (`schemas/areas.json`), the region from the province.
- `i comuni di Albinea, Quattro Castella e Vezzano`: the territory's comuni, short names
  resolved within the provinces the list itself and the document's place name; `Comune di
  X, con l'adesione dei Comuni di Y e di Z` counts X too.
- A report names its promoter on a line of its own under the title (`Unione Valnure
  Valchero`), and a title may name the area (`… per l'Unione Colline Matildiche`).
"""

from __future__ import annotations

import re
from collections import Counter

from extract.document import Mention
from extract.extractors.base import Extractor, component
from extract.extractors.places import longest_comune, place_patterns, shared_area
from extract.lexicon.gazetteer import Comune
from extract.lexicon.resources import Resources
from extract.text import collapse_whitespace, line_spans
from extract.view import DocumentView

LOCATED_TAG = "place.located"
LOCATED_CONFIDENCE = 0.9
_ADDRESS_OF_NO_PLACE = re.compile(r"@|://|\bwww\.")  # an e-mail or a web address names no place
HEAD_LINE_CONFIDENCE = 0.6
TITLE_CONFIDENCE = 0.5
LIST_CONFIDENCE = 0.7
HEAD_LINES = 3
NAME_HEADING = "place_heading.v1"
_LIST_END = re.compile(r"[.;:()\n]")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
MAX_NAME_WORDS = 6


def named_place(raw: str, start: int, resources: Resources, confidence: float, name: str) -> list[Mention]:
    """`Cervia (RA)`, `Distretto di Reggio Emilia`, `Unione dei Comuni della Bassa Romagna (RA)`:
    place as named, province and region from the sigla, the comune or the area gazetteer."""
    gazetteer = resources.gazetteer
    match = place_patterns(resources).sigla_suffix.match(raw)
    place = (match["name"] if match else raw).strip(" .,;")
    sigla = match["sigla"] if match and gazetteer.is_province(match["sigla"]) else None
    if of_comune := place_patterns(resources).comune_of.fullmatch(place):  # `Comune di Cattolica` -> Cattolica
        start += of_comune.start("name")
        place = of_comune["name"]
    if not place:
        return []
    end = start + len(place)
    mentions = [Mention("place", place, collapse_whitespace(place), start, end, name, confidence)]
    comune = gazetteer.comune(place, frozenset({sigla}) if sigla else frozenset())
    area = gazetteer.area(place) if comune is None else None
    inner = None
    if comune is None and area is None and (found := place_patterns(resources).comune_of.search(place) or None):
        located = longest_comune(found["name"], 0, resources)
        inner = located[0] if located else None
    province = sigla or (comune or area or inner).province if (sigla or comune or area or inner) else None
    if province:
        derived = confidence if sigla or comune or area else confidence * 0.9
        mentions.append(Mention("province", raw, province, start, start + len(raw), name, derived))
        region = gazetteer.region_of_province(province)
        if region:
            mentions.append(Mention("region", raw, region, start, start + len(raw), name, derived))
    return mentions


@component
class LocatedPlace(Extractor):
    """`A: Cervia (RA)`, `Località: …`: labels tagged `place.located`."""

    name = "place_located.v1"
    emits = ("place", "province", "region")
    consumes = (LOCATED_TAG,)

    def __call__(self, view: DocumentView) -> list[Mention]:
        resources = view.resources
        mentions: list[Mention] = []
        for item, _tag, _end in view.field_blocks(LOCATED_TAG):
            lines = item.value_lines()
            if lines and not _ADDRESS_OF_NO_PLACE.search(lines[0][0]):  # `A: protocollo@…`: an e-mail's recipient
                raw, start = lines[0]
                mentions += named_place(raw, start, resources, LOCATED_CONFIDENCE, "place_located.v1")
        return mentions


def _scan_list(
    words: list[tuple[str, int, int]], resources: Resources, provinces: frozenset[str], skip_unknown: bool = False
) -> list[tuple[Comune, int, int]]:
    """Comuni written one after the other (`Scarperia e San Piero, Borgo San Lorenzo e Vicchio`):
    at each word the longest run of words that is a comune, then a comma or a connector; the
    list ends at the first word that is neither."""
    connectors = place_patterns(resources).list_connectors
    found: list[tuple[Comune, int, int]] = []
    index = 0
    while index < len(words):
        size = min(MAX_NAME_WORDS, len(words) - index)
        comune = None
        while size > 0 and comune is None:
            name = " ".join(word for word, _start, _end in words[index : index + size])
            comune = resources.gazetteer.comune(name, provinces)
            size -= 0 if comune is not None else 1
        if comune is None and skip_unknown and words[index][0][:1].isupper():
            index += 1  # a name not known by itself (`Porretta`): the first pass only gathers provinces
            continue
        if comune is None:
            break
        found.append((comune, words[index][1], words[index + size - 1][2]))
        index += size
        while index < len(words) and words[index][0].lower() in connectors:
            index += 1
        if index < len(words) and not words[index][0][:1].isupper():
            break
    return found


def _resolve_list(
    text: str, start: int, resources: Resources, context: frozenset[str]
) -> list[tuple[Comune, str, int]]:
    """Comuni of a written list, read first by their exact names, then again in the province
    most of the list lies in (and the document's), so that short or homonym names (`Vezzano`,
    `Lizzano`) resolve there."""
    stop = _LIST_END.search(text, start)
    end = stop.start() if stop else len(text)
    words = [(match.group(0), match.start(), match.end()) for match in _WORD.finditer(text, start, end)]
    exact = _scan_list(words, resources, frozenset(), skip_unknown=True)
    tally = Counter(comune.province for comune, _start, _end in exact)
    known = {first for _comune, first, _last in exact}
    for word, first, _last in words:  # a short name with one possible province (`Porretta`) votes too
        hints = resources.gazetteer.short_name_provinces(word) if word[:1].isupper() and first not in known else set()
        if len(hints) == 1:
            tally[next(iter(hints))] += 1
    top = max(tally.values(), default=0)
    provinces = frozenset(context | {province for province, count in tally.items() if count == top})
    resolved = _scan_list(words, resources, provinces) if provinces else exact
    return [(comune, text[first:last], first) for comune, first, last in resolved]


def _context_provinces(view: DocumentView) -> frozenset[str]:
    """Provinces the document's located place names (an unione's), the context of short names."""
    resources = view.resources
    provinces = set()
    for item, _tag, _end in view.field_blocks(LOCATED_TAG):
        for mention in named_place(item.value, item.value_start, resources, 1.0, ""):
            if mention.field == "province":
                provinces.add(mention.value)
    return frozenset(provinces)


@component
class TerritoryProse(Extractor):
    """`i comuni di A, B e C`, `i Comuni della valle – A, B e C` and `Comune di X, con l'adesione
    dei Comuni di Y e di Z`."""

    name = "territory_prose.v1"
    emits = ("municipalities",)
    consumes = (LOCATED_TAG,)

    def __call__(self, view: DocumentView) -> list[Mention]:
        document, resources = view.document, view.resources
        text = document.text
        patterns = place_patterns(resources)
        context = _context_provinces(view)
        mentions: list[Mention] = []
        comuni: list[Comune] = []
        for opener in patterns.list_opener.finditer(text):
            if patterns.not_a_list.search(text, max(0, opener.start() - 40), opener.start()):
                continue  # `Unione dei Comuni del Frignano` names a union, not a list
            found = _resolve_list(text, opener.end(), resources, context)
            apposition = None if found else patterns.list_apposition.match(text, opener.start())
            if apposition is not None:  # `i Comuni dell'Unione – A, B e C`: the list stands in apposition
                found = _resolve_list(text, apposition.end(), resources, context)
            if not found:
                continue
            provinces = frozenset(comune.province for comune, _raw, _start in found)
            lead = _partner_lead(text, opener.start(), resources, provinces)
            for comune, raw, start in ([lead] if lead else []) + found + _located_comuni(view):
                end = start + len(raw)
                mentions.append(
                    Mention("municipalities", raw, comune.name, start, end, "territory_prose.v1", LIST_CONFIDENCE)
                )
                comuni.append(comune)
        return mentions + shared_area(mentions, comuni)


def _located_comuni(view: DocumentView) -> list[tuple[Comune, str, int]]:
    """The comune a document is located in (`Località: Empoli`), part of any territory it lists."""
    resources = view.resources
    located = []
    for item, _tag, _end in view.field_blocks(LOCATED_TAG):
        lines = item.value_lines()
        if lines:
            raw, start = lines[0]
            name = place_patterns(resources).sigla_suffix.sub(r"\g<name>", raw).strip(" .")
            comune = resources.gazetteer.comune(name)
            if comune is not None:
                located.append((comune, name, start))
    return located


def _partner_lead(
    text: str, opener_start: int, resources: Resources, provinces: frozenset[str]
) -> tuple[Comune, str, int] | None:
    """The `Comune di X` that a partner list (`…, con l'adesione dei Comuni di`) is attached to."""
    window_start = max(0, opener_start - 120)
    window = text[window_start : opener_start + len("comuni di")]
    candidates = list(place_patterns(resources).comune_of.finditer(window))
    for match in reversed(candidates):
        if place_patterns(resources).partner.match(window, match.end("name")):
            return longest_comune(match["name"], window_start + match.start("name"), resources, provinces)
    return None


@component
class HeadingPlace(Extractor):
    """A report's promoter on its own line under the title; an area named in the title."""

    name = NAME_HEADING
    emits = ("place", "province", "region", "promoter")

    def __call__(self, view: DocumentView) -> list[Mention]:
        document, resources = view.document, view.resources
        gazetteer = resources.gazetteer
        patterns = place_patterns(resources)
        mentions: list[Mention] = []
        lines = [(line, start) for line, start, _end in line_spans(document.text) if line][:HEAD_LINES]
        for line, start in lines[1:]:
            bare = line.strip(" .")
            of_comune = patterns.comune_of.fullmatch(bare)
            if gazetteer.area(bare) or (of_comune and longest_comune(of_comune["name"], 0, resources)):
                end = start + len(bare)
                mentions.append(
                    Mention("promoter", bare, collapse_whitespace(bare), start, end, NAME_HEADING, HEAD_LINE_CONFIDENCE)
                )
                mentions += named_place(bare, start, resources, HEAD_LINE_CONFIDENCE, NAME_HEADING)
                break
        if lines:
            title, title_start = lines[0]
            for union in patterns.union_name.finditer(document.text, title_start, title_start + len(title)):
                raw = union["name"]
                if gazetteer.area(raw):
                    mentions += named_place(
                        raw, union.start("name"), resources, TITLE_CONFIDENCE, f"{NAME_HEADING}:title"
                    )
                    break
        return mentions
