"""The run's lexicon: what every extractor and the spaCy layer share for a whole run, built once
(configuration, normalisers, gazetteer, compiled rules). It stands below both the extractors and
`extract.lexicon.nlp`, so neither imports the other to reach it."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from extract.config import Config
from extract.lexicon.gazetteer import Gazetteer
from extract.normalise import build_normalisers

T = TypeVar("T")


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
