"""The extractor registry: each extractor registers under a versioned name with the fields it may
emit and the label tags it reads. Extractor modules import this, never the package, so that the
package's `load_all` (which imports them) and they form no cycle."""

from __future__ import annotations

from collections.abc import Callable

from extract.document import Document, Mention
from extract.registry import Registry
from extract.resources import Resources

EXTRACTORS = Registry("extractor")

Extractor = Callable[[Document, Resources], list[Mention]]


LABELLED = "*labelled*"  # what `label_value.v1` emits: the field each label of `labels.jsonl` names


def extractor(name: str, emits: tuple[str, ...], consumes: tuple[str, ...] = ()) -> Callable[[Extractor], Extractor]:
    """Register an extractor under `name`, recording the fields it may emit and the label tags
    (`schemas/labels.jsonl`) it reads, so that the pipeline's build can check both."""

    def add(function: Extractor) -> Extractor:
        function.emits = emits  # type: ignore[attr-defined]
        function.consumes = consumes  # type: ignore[attr-defined]
        return EXTRACTORS.register(name)(function)

    return add
