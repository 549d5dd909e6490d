"""Extractors: each reads a Document and emits Mentions for the fields it declares.

They are registered by versioned name (`label_value.v1`) and chosen per document type in
`schemas/pipeline.json`; the runner wraps each call so one failing extractor costs only
its own fields. The registry is `extract.extractors.base`, the run's shared resources
`extract.resources` (re-exported here for callers outside the package).
"""

from __future__ import annotations

from extract.extractors.base import EXTRACTORS, Extractor, extractor
from extract.registry import Registry
from extract.resources import Resources, built_once

__all__ = ["EXTRACTORS", "Extractor", "Resources", "built_once", "extractor", "load_all"]


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
