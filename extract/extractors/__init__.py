"""Extractors: each reads a Document and emits Mentions for the fields it declares.

They are registered by versioned name (`label_value.v1`) and chosen per document type in
`schemas/pipeline.json`; the runner wraps each call so one failing extractor costs only
its own fields.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from extract.config import Config
from extract.document import Document, Mention
from extract.gazetteer import Gazetteer
from extract.normalise import build_normalisers
from extract.registry import Registry

EXTRACTORS = Registry("extractor")


@dataclass
class Resources:
    """What extractors share for a whole run, built once: vocabularies, gazetteer, matchers."""

    config: Config
    normalisers: dict[str, Callable[[str], Any]]
    gazetteer: Gazetteer
    cache: dict[str, Any]

    @classmethod
    def build(cls, config: Config) -> Resources:
        return cls(
            config=config,
            normalisers=build_normalisers(config),
            gazetteer=Gazetteer(config.places, config.areas),
            cache={},
        )


Extractor = Callable[[Document, Resources], list[Mention]]
T = TypeVar("T")


def built_once(key: str) -> Callable[[Callable[[Resources], T]], Callable[[Resources], T]]:
    """Decorate a builder of compiled rules (patterns, matchers, gazetteers) so that it runs once
    per run: its result is kept in the run's shared cache under `key`."""

    def wrap(build: Callable[[Resources], T]) -> Callable[[Resources], T]:
        @functools.wraps(build)
        def get(resources: Resources) -> T:
            if key not in resources.cache:
                resources.cache[key] = build(resources)
            return resources.cache[key]

        return get

    return wrap


def extractor(name: str, emits: tuple[str, ...]) -> Callable[[Extractor], Extractor]:
    """Register an extractor under `name`, recording the fields it may emit."""

    def add(function: Extractor) -> Extractor:
        function.emits = emits  # type: ignore[attr-defined]
        return EXTRACTORS.register(name)(function)

    return add


def load_all() -> Registry:
    """Import the extractor modules so that their registrations run; returns the registry."""
    from extract.extractors import (  # noqa: F401
        actors,
        contacts,
        counts,
        dates,
        identity,
        label_value,
        methods,
        money,
        place_prose,
        places,
        title,
    )

    return EXTRACTORS
