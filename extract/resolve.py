"""From many mentions to one value per field (Scrapy's output processors).

Strategies are named pure functions chosen per field in `schemas/pipeline.json`:
`max_confidence` takes the most confident mention, then the earliest in the text (labelled
values carry the highest confidence, so they win over header lines and prose);
`union` keeps every distinct value, sorted. Derivations then fill what the SPEC derives
from other fields (a start year from a start date), as mentions with the source's span.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable

from extract.config import Config
from extract.document import Mention
from extract.gazetteer import Gazetteer
from extract.registry import Registry
from extract.text import fold

RESOLVERS = Registry("resolver")
Resolver = Callable[[list[Mention]], list[Mention]]
DERIVED_CONFIDENCE_FACTOR = 0.9


@RESOLVERS.register("max_confidence")
def max_confidence(mentions: list[Mention]) -> list[Mention]:
    """The highest confidence wins; ties go to the mention that comes first in the text."""
    return [min(mentions, key=lambda mention: (-mention.confidence, mention.start, mention.end))]


@RESOLVERS.register("union")
def union(mentions: list[Mention]) -> list[Mention]:
    """One mention per distinct value (the first in the text), ordered by value."""
    first: dict[str, Mention] = {}
    for mention in sorted(mentions, key=lambda item: (item.start, item.end)):
        first.setdefault(str(mention.value), mention)
    return [first[key] for key in sorted(first)]


@RESOLVERS.register("rows")
def rows(mentions: list[Mention]) -> list[Mention]:
    """Child-table rows: every mention is a row; the same row found twice at one span is kept once."""
    seen: dict[tuple[str, int, int], Mention] = {}
    for mention in sorted(mentions, key=lambda item: (item.start, item.end, -item.confidence)):
        seen.setdefault((json.dumps(mention.value, sort_keys=True, default=str), mention.start, mention.end), mention)
    return list(seen.values())


def _year_of(source: str, target: str) -> Callable[[dict[str, list[Mention]]], list[Mention]]:
    def derive(chosen: dict[str, list[Mention]]) -> list[Mention]:
        if target in chosen or source not in chosen:
            return []
        mention = chosen[source][0]
        confidence = mention.confidence * DERIVED_CONFIDENCE_FACTOR
        return [
            Mention(
                target,
                mention.raw,
                mention.value.year,
                mention.start,
                mention.end,
                f"derive:year_of_{source}",
                confidence,
            )
        ]

    derive.__name__ = f"{target}_from_{source}"
    return derive


DERIVATIONS = (_year_of("start_date", "start_year"), _year_of("end_date", "end_year"))


def _territory_of_place(chosen: dict[str, list[Mention]], gazetteer: Gazetteer) -> list[Mention]:
    """A process placed in one comune and naming no territory of its own is that comune's
    (`Comune di Meldola` -> municipalities [Meldola]); a union or a district names no comune."""
    if chosen.get("municipalities") or "place" not in chosen:
        return []
    mention = chosen["place"][0]
    province = chosen["province"][0].value if chosen.get("province") else None
    comune = gazetteer.comune(str(mention.value), frozenset({province}) if province else frozenset())
    if comune is None or fold(comune.name) != fold(str(mention.value)):
        return []
    confidence = mention.confidence * DERIVED_CONFIDENCE_FACTOR
    return [Mention("municipalities", mention.raw, comune.name, mention.start, mention.end, "derive:place", confidence)]


def resolve(
    mentions: list[Mention], config: Config, gazetteer: Gazetteer | None = None
) -> tuple[dict[str, list[Mention]], list[Mention]]:
    """(chosen mentions by field, every mention including derived ones); with a gazetteer, a
    process's territory is derived from its place when it names none."""
    settings = config.pipeline["resolvers"]
    by_field: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_field[mention.field].append(mention)
    chosen = {
        field: RESOLVERS.get(settings.get(field, settings["default"]))(found) for field, found in by_field.items()
    }
    derived = [mention for derivation in DERIVATIONS for mention in derivation(chosen)]
    if gazetteer is not None:
        derived += _territory_of_place(chosen, gazetteer)
    for mention in derived:
        chosen[mention.field] = [mention]
    return chosen, mentions + derived
