"""The extractor registry: each extractor registers under a versioned name with the fields it may
emit. Extractor modules import this, never the package, so that the package's `load_all` (which
imports them) and they form no cycle."""

from __future__ import annotations

from collections.abc import Callable

from extract.document import Document, Mention
from extract.registry import Registry
from extract.resources import Resources

EXTRACTORS = Registry("extractor")

Extractor = Callable[[Document, Resources], list[Mention]]


def extractor(name: str, emits: tuple[str, ...]) -> Callable[[Extractor], Extractor]:
    """Register an extractor under `name`, recording the fields it may emit."""

    def add(function: Extractor) -> Extractor:
        function.emits = emits  # type: ignore[attr-defined]
        return EXTRACTORS.register(name)(function)

    return add
