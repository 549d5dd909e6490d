"""Where a process happens: region, place, province and the comuni of its territory.

Sources are tried by the structure of the document, most specific first: the `Indirizzo`
line (postcode + comune + sigla), then who decides (`Titolari della decisione`), who is
funded, who runs it, each read for "Comune di X" or "Unione …". Comuni are checked
against the ISTAT list; region and province follow from the comune when not stated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.document import Document, LabelledField, Mention
from extract.extractors.base import Extractor, component
from extract.lexicon.gazetteer import Comune, Gazetteer
from extract.lexicon.resources import Resources, built_once
from extract.text import collapse_whitespace, line_spans
from extract.view import DocumentView

# (label tag, confidence): the order of trust between the labelled sources of a place.
TERRITORY_TAG = "territory"
ADDRESS_TAG = "place.address"
PLACE_SOURCES = ((ADDRESS_TAG, 0.9), ("place.holder", 0.8), ("place.beneficiary", 0.7), ("place.structure", 0.6))
DERIVED_CONFIDENCE_FACTOR = 0.9
TERRITORY_AREA_CONFIDENCE = 0.5
MAX_NAME_WORDS = 6  # words of the longest comune name (`San Benedetto Val di Sambro`)
_TERRITORY_SPLIT = re.compile(r"\s*(?:[,;/]|\s-\s|\be\b|\bed\b)\s*")
_NOT_A_NAME = re.compile(r"[/\\]\S|\.(?:jpe?g|png|gif|pdf)\b|https?:", re.IGNORECASE)


@dataclass(frozen=True)
class PlacePatterns:
    """The place patterns of `schemas/places.json`, compiled once per run."""

    postcode_locality: re.Pattern[str]
    comune_of: re.Pattern[str]
    union_name: re.Pattern[str]
    sigla_suffix: re.Pattern[str]
    list_opener: re.Pattern[str]
    list_apposition: re.Pattern[str]  # `i Comuni della valle – A, B e C`: the list after a dash or colon
    not_a_list: re.Pattern[str]
    list_connectors: frozenset[str]
    partner: re.Pattern[str]


@built_once("places.patterns")
def place_patterns(resources: Resources) -> PlacePatterns:
    places = resources.config.places
    cues = "|".join(
        re.escape(cue).replace("'", "['’]").replace(r"\ ", r"\s+") for cue in places["territory_partner_cues"]
    )
    return PlacePatterns(
        postcode_locality=re.compile(places["postcode_locality"], re.MULTILINE),
        comune_of=re.compile(places["comune_of"]),
        union_name=re.compile(places["union_name"]),
        sigla_suffix=re.compile(places["sigla_suffix"]),
        list_opener=re.compile(places["territory_list_opener"]),
        list_apposition=re.compile(places["territory_list_apposition"]),
        not_a_list=re.compile(places["territory_list_not_after"]),
        list_connectors=frozenset(places["territory_list_connectors"]),
        partner=re.compile(rf"\s*,?\s*(?:{cues})\s+(?i:comuni)\s+(?i:di)\b", re.IGNORECASE),
    )


def _fields_tagged(document: Document, resources: Resources, tag: str) -> list[LabelledField]:
    keys = resources.config.labels_tagged(tag)
    return [item for item in document.fields if item.key in keys]


def longest_comune(
    name: str, start: int, resources: Resources, provinces: frozenset[str] = frozenset()
) -> tuple[Comune, str, int] | None:
    """The longest leading run of words in `name` that is a comune (`Cesena Progetti` -> `Cesena`)."""
    words = name.split()
    for size in range(len(words), 0, -1):
        candidate = " ".join(words[:size])
        comune = resources.gazetteer.comune(candidate, provinces)
        if comune is not None:
            return comune, candidate, start
    return None


def _place_mentions(
    raw: str, start: int, comune: Comune | None, province: str | None, name: str, confidence: float
) -> list[Mention]:
    """place as named, plus province and region from the comune (or an explicit sigla)."""
    end = start + len(raw)
    mentions = [Mention("place", raw, collapse_whitespace(raw), start, end, name, confidence)]
    derived = confidence * DERIVED_CONFIDENCE_FACTOR
    if province:
        mentions.append(Mention("province", raw, province, start, end, name, confidence))
    elif comune is not None:
        mentions.append(Mention("province", raw, comune.province, start, end, f"{name}:istat", derived))
    if comune is not None:
        mentions.append(Mention("region", raw, comune.region, start, end, f"{name}:istat", derived))
    return mentions


def _from_address(item: LabelledField, resources: Resources, confidence: float) -> list[Mention]:
    """`…, 47841 Cattolica, RN, Italia`: the comune after the postcode; else a comma part that is one."""
    patterns = place_patterns(resources)
    gazetteer = resources.gazetteer
    for line, line_start in item.value_lines():
        for match in patterns.postcode_locality.finditer(line):
            locality, sigla = _split_sigla(match["locality"].strip(), match["sigla"] or match["sigla_paren"], resources)
            start = line_start + match.start("locality")
            found = longest_comune(locality, start, resources, frozenset({sigla}) if sigla else frozenset())
            if found is None:
                continue
            comune, raw, start = found
            return _place_mentions(raw, start, comune, sigla, "place.v1:address", confidence)
        position = 0
        for part in reversed(line.split(",")):
            name = part.strip()
            comune = gazetteer.comune(name) if name and not any(ch.isdigit() for ch in name) else None
            if comune is not None:
                start = line_start + line.rindex(name, 0, len(line) - position)
                return _place_mentions(name, start, comune, None, "place.v1:address", confidence * 0.95)
            position += len(part) + 1
    return []


def _split_sigla(locality: str, sigla: str | None, resources: Resources) -> tuple[str, str | None]:
    """`Bologna BO` -> (`Bologna`, `BO`); a stated sigla must be a real province."""
    words = locality.split()
    if sigla is None and len(words) > 1 and re.fullmatch(r"[A-Z]{2}", words[-1]):
        sigla, locality = words[-1], " ".join(words[:-1])
    return locality, sigla if sigla and resources.gazetteer.is_province(sigla) else None


def _from_entity(item: LabelledField, resources: Resources, confidence: float, name: str) -> list[Mention]:
    """`Comune di X` (X an ISTAT comune) or `Unione …` named in a labelled value."""
    patterns = place_patterns(resources)
    for line, line_start in item.value_lines():
        for match in patterns.comune_of.finditer(line):
            found = longest_comune(match["name"], line_start + match.start("name"), resources)
            if found is not None:
                comune, raw, start = found
                return _place_mentions(raw, start, comune, None, name, confidence)
        union = patterns.union_name.search(line)
        if union is not None:
            raw = union["name"].rstrip(" .,;")
            start = line_start + union.start("name")
            mentions = [
                Mention("place", raw, collapse_whitespace(raw), start, start + len(raw), name, confidence * 0.95)
            ]
            area = resources.gazetteer.area(raw)
            if area is not None:  # the unioni gazetteer knows its province
                region = resources.gazetteer.region_of_province(area.province)
                derived = confidence * DERIVED_CONFIDENCE_FACTOR
                mentions.append(
                    Mention("province", raw, area.province, start, start + len(raw), f"{name}:area", derived)
                )
                if region:
                    mentions.append(Mention("region", raw, region, start, start + len(raw), f"{name}:area", derived))
            return mentions
    return []


@component
class Place(Extractor):
    name = "place.v1"
    emits = ("place", "province", "region")
    consumes = tuple(tag for tag, _ in PLACE_SOURCES)

    def __call__(self, view: DocumentView) -> list[Mention]:
        document, resources = view.document, view.resources
        mentions: list[Mention] = []
        for tag, confidence in PLACE_SOURCES:
            for item in _fields_tagged(document, resources, tag):
                if tag == "place.address":
                    mentions += _from_address(item, resources, confidence)
                else:
                    mentions += _from_entity(item, resources, confidence, f"place.v1:{tag.split('.')[1]}")
        return mentions


@component
class RegionLine(Extractor):
    """A line `Regione Emilia-Romagna` (page header or label-hidden field) names the region."""

    name = "region_line.v1"
    emits = ("region",)

    def __call__(self, view: DocumentView) -> list[Mention]:
        document, resources = view.document, view.resources
        gazetteer = resources.gazetteer
        mentions = []
        for line, start, _end in line_spans(document.text):
            match = gazetteer.region_line.match(line) if line else None
            region = gazetteer.region(match["region"]) if match else None
            if region is not None:
                mentions.append(Mention("region", line, region, start, start + len(line), "region_line.v1", 0.95))
        return mentions


@component
class Territory(Extractor):
    """Comuni listed under `Territorio Interessato` / `Mappa`, each by its official ISTAT name.

    Names are resolved exactly first; short names (`Novi`) are then resolved within the
    provinces and region the document already names.
    """

    name = "territory.v1"
    emits = ("municipalities", "province", "region")
    consumes = (TERRITORY_TAG, ADDRESS_TAG)

    def __call__(self, view: DocumentView) -> list[Mention]:
        document, resources = view.document, view.resources
        gazetteer = resources.gazetteer
        parts: list[tuple[str, int]] = []
        for item in _fields_tagged(document, resources, TERRITORY_TAG):
            for line, line_start in item.value_lines():
                if _NOT_A_NAME.search(line):
                    continue
                for piece, offset in _pieces(line):
                    names = [] if gazetteer.comune(piece) else names_side_by_side(piece, gazetteer)
                    parts += [(name, line_start + offset + at) for name, at in names or [(piece, 0)]]
        exact = {raw: gazetteer.comune(raw) for raw, _ in parts}
        provinces = frozenset(comune.province for comune in exact.values() if comune is not None)
        provinces |= frozenset(  # the address's own province: the context a short name is read in
            mention.value
            for item in _fields_tagged(document, resources, ADDRESS_TAG)
            for mention in _from_address(item, resources, 1.0)
            if mention.field == "province"
        )
        regions = {comune.region for comune in exact.values() if comune is not None}
        region = next(iter(regions)) if len(regions) == 1 else None
        mentions = []
        resolved: list[Comune] = []
        for raw, start in parts:
            comune = exact[raw] or gazetteer.comune(raw, provinces, region)
            if comune is not None:
                resolved.append(comune)
                mentions.append(
                    Mention("municipalities", raw, comune.name, start, start + len(raw), "territory.v1", 0.9)
                )
        return mentions + shared_area(mentions, resolved)


def shared_area(mentions: list[Mention], comuni: list[Comune]) -> list[Mention]:
    """Province and region of a territory whose comuni all lie in one province: the weakest source."""
    if not comuni or len({comune.province for comune in comuni}) != 1:
        return []
    first = mentions[0]
    return [
        Mention(field, first.raw, value, first.start, first.end, "territory.v1:shared", TERRITORY_AREA_CONFIDENCE)
        for field, value in (("province", comuni[0].province), ("region", comuni[0].region))
    ]


def names_side_by_side(piece: str, gazetteer: Gazetteer) -> list[tuple[str, int]]:
    """Comuni written one after the other with no separator (tags on a page, `Brisighella Casola
    Valsenio Faenza`): the piece read as a run of whole official names, the longest first at each
    word, with their offsets; nothing unless every word belongs to a name and there are two."""
    words = [(match.group(), match.start()) for match in re.finditer(r"\S+", piece)]
    names: list[tuple[str, int]] = []
    index = 0
    while index < len(words):
        for size in range(min(MAX_NAME_WORDS, len(words) - index), 0, -1):
            start, end = words[index][1], words[index + size - 1][1] + len(words[index + size - 1][0])
            if gazetteer.comune(piece[start:end]) is not None:
                names.append((piece[start:end], start))
                index += size
                break
        else:
            return []
    return names if len(names) >= 2 else []


def _pieces(line: str) -> list[tuple[str, int]]:
    """`Carpi, Novi e Soliera` -> the three names with their offsets in the line."""
    pieces = []
    position = 0
    for chunk in _TERRITORY_SPLIT.split(line):
        index = line.find(chunk, position)
        cleaned = re.sub(r"^(?:[Cc]omun[ei]\s+di\s+)", "", chunk).strip(" .")
        cleaned = re.sub(r"\s*\([^()]*\)$", "", cleaned)  # `Fidenza (PR)`, `Bobbio (frazioni comprese)`
        if cleaned:
            pieces.append((cleaned, index + chunk.find(cleaned)))
        position = index + len(chunk)
    return pieces
