"""From many mentions to one value per field (Scrapy's output processors).

Strategies are named pure functions chosen per field in the field catalogue:
`max_confidence` takes the most confident mention, then the earliest in the text (labelled
values carry the highest confidence, so they win over header lines and prose);
`union` keeps every distinct value, sorted. Derivations then fill what the SPEC derives
from other fields (a start year from a start date), as mentions with the source's span.
Which strategy and which derivation a field takes is the field catalogue's
(`schemas/tables.json`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from extract.catalogue import Catalogue, Column
from extract.document import Mention
from extract.lexicon.gazetteer import Gazetteer
from extract.registry import Registry
from extract.text import fold

RESOLVERS = Registry("resolver")
# What a resolver says of each mention it was given, by id(): why it was chosen or left out. The
# words are codes, listed in the catalogue's description of `mentions.choice`.
Reasons = dict[int, str]
Resolver = Callable[[list[Mention]], tuple[list[Mention], Reasons]]
DERIVED_CONFIDENCE_FACTOR = 0.9


@RESOLVERS.register("max_confidence")
def max_confidence(mentions: list[Mention]) -> tuple[list[Mention], Reasons]:
    """The highest confidence wins; ties go to the mention that comes first in the text."""
    best = min(mentions, key=lambda mention: (-mention.confidence, mention.start, mention.end))
    tied = sum(mention.confidence == best.confidence for mention in mentions) > 1
    reasons = {}
    for mention in mentions:
        if mention is best:
            reasons[id(mention)] = "only" if len(mentions) == 1 else "first_of_equal" if tied else "most_confident"
        else:
            reasons[id(mention)] = "later_of_equal" if mention.confidence == best.confidence else "less_confident"
    return [best], reasons


@RESOLVERS.register("union")
def union(mentions: list[Mention]) -> tuple[list[Mention], Reasons]:
    """One mention per distinct value (the first in the text), ordered by value."""
    first: dict[str, Mention] = {}
    for mention in sorted(mentions, key=lambda item: (item.start, item.end)):
        first.setdefault(str(mention.value), mention)
    kept = {id(mention) for mention in first.values()}
    reasons = {id(mention): "first_of_value" if id(mention) in kept else "repeated_value" for mention in mentions}
    return [first[key] for key in sorted(first)], reasons


@RESOLVERS.register("rows")
def rows(mentions: list[Mention]) -> tuple[list[Mention], Reasons]:
    """Child-table rows: every mention is a row; the same row found twice at one span is kept once."""
    seen: dict[tuple[str, int, int], Mention] = {}
    for mention in sorted(mentions, key=lambda item: (item.start, item.end, -item.confidence)):
        seen.setdefault((json.dumps(mention.value, sort_keys=True, default=str), mention.start, mention.end), mention)
    kept = {id(mention) for mention in seen.values()}
    reasons = {id(mention): "row" if id(mention) in kept else "repeated_row" for mention in mentions}
    return list(seen.values()), reasons


DERIVATIONS = Registry("derivation")


def _derived(target: str, mention: Mention, value: object, extractor: str) -> Mention:
    confidence = mention.confidence * DERIVED_CONFIDENCE_FACTOR
    return Mention(target, mention.raw, value, mention.start, mention.end, extractor, confidence)


@DERIVATIONS.register("year_of")
def year_of(column: Column, chosen: dict[str, list[Mention]], doc_type: str, gazetteer: Gazetteer) -> list[Mention]:
    """A year from the chosen date of another field (`start_year` from `start_date`)."""
    source = column.derivation.source if column.derivation else ""
    if column.name in chosen or source not in chosen:
        return []
    mention = chosen[source][0]
    return [_derived(column.name, mention, mention.value.year, f"derive:year_of_{source}")]


@DERIVATIONS.register("territory_of_place")
def territory_of_place(
    column: Column, chosen: dict[str, list[Mention]], doc_type: str, gazetteer: Gazetteer
) -> list[Mention]:
    """A process placed in one comune and naming no territory of its own is that comune's
    (`Comune di Meldola` -> municipalities [Meldola]); a union or a district names no comune."""
    source = column.derivation.source if column.derivation else ""
    if chosen.get(column.name) or source not in chosen:
        return []
    mention = chosen[source][0]
    province = chosen["province"][0].value if chosen.get("province") else None
    comune = gazetteer.comune(str(mention.value), frozenset({province}) if province else frozenset())
    if comune is None or fold(comune.name) != fold(str(mention.value)):
        return []
    return [_derived(column.name, mention, comune.name, f"derive:{source}")]


@dataclass(frozen=True)
class Resolution:
    """What resolution made of one document's mentions: the chosen ones by field, every mention
    (derived ones included), and for each (by id) whether it was chosen and why."""

    chosen: dict[str, list[Mention]]
    mentions: list[Mention]
    reasons: Reasons
    chosen_ids: frozenset[int]

    def choice(self, mention: Mention) -> tuple[bool, str | None]:
        return id(mention) in self.chosen_ids, self.reasons.get(id(mention))


def resolve(mentions: list[Mention], catalogue: Catalogue, doc_type: str, gazetteer: Gazetteer) -> Resolution:
    """Each field's strategy and derivation are the catalogue's; a derivation limited to some
    document types runs only on them."""
    by_field: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_field[mention.field].append(mention)
    chosen: dict[str, list[Mention]] = {}
    reasons: Reasons = {}
    for field, found in by_field.items():
        chosen[field], said = RESOLVERS.get(catalogue.resolver_for(field))(found)
        reasons.update(said)
    derived: list[Mention] = []
    for column in catalogue.derived:
        rule = column.derivation
        if rule is not None and (not rule.doc_types or doc_type in rule.doc_types):
            derived += DERIVATIONS.get(rule.name)(column, chosen, doc_type, gazetteer)
    for mention in derived:
        chosen[mention.field] = [mention]
        reasons[id(mention)] = "derived"
    chosen_ids = frozenset(id(mention) for found in chosen.values() for mention in found)
    return Resolution(chosen, mentions + derived, reasons, chosen_ids)
