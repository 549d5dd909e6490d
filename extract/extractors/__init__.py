"""Extractors: each a component that reads a document's view and emits Mentions for the fields it
declares.

They are registered by versioned name (`label_value.v1`) and chosen per document type in
`schemas/pipeline.json`; the pipeline wraps each call so one failing extractor costs only its
own fields. The registry and the component class are `extract.extractors.base`, the run's
shared resources `extract.lexicon.resources` (re-exported here for callers outside the package). Every
module of this package is an extractor module: `load_all` imports them all, so a new extractor
is a new module and nothing else here.
"""

from __future__ import annotations

import importlib
import pkgutil

from extract.extractors.base import EXTRACTORS, Extractor, component
from extract.lexicon.resources import Resources, built_once
from extract.registry import Registry

__all__ = ["EXTRACTORS", "Extractor", "Resources", "built_once", "component", "load_all"]

NOT_EXTRACTORS = frozenset({"base", "contact_records"})  # the registry, and a helper of contacts.v1


def load_all() -> Registry:
    """Import every extractor module of the package so that their registrations run; returns the registry."""
    for module in pkgutil.iter_modules(__path__):
        if module.name not in NOT_EXTRACTORS:
            importlib.import_module(f"{__name__}.{module.name}")
    return EXTRACTORS
