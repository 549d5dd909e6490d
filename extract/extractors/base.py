"""Extractor components and their registry (spaCy's model): each extractor is a class registered
under a versioned name with the fields it may emit, the label tags it reads and, when it has
one, the settings file of its own in `schemas/` and the shape of that file. It is built once per
pipeline, when its settings are read and its rules compiled, so that two instances can hold two
settings; it is then called once per document with the document's view, where per-document
state lives. Extractor modules import this, never the package, so that the package's `load_all`
(which imports them) and they form no cycle."""

from __future__ import annotations

from typing import Any, ClassVar

from extract.document import Mention
from extract.lexicon.resources import Resources
from extract.registry import Registry
from extract.view import DocumentView

EXTRACTORS = Registry("extractor")
LABELLED = "*labelled*"  # what `label_value.v1` emits: the field each label of `labels.jsonl` names


class Extractor:
    """A component: `name`, `emits`, `consumes` and `settings_file`/`Settings` are declared by
    the class; `__init__` compiles what the settings say, `__call__` reads one document."""

    name: ClassVar[str]
    emits: ClassVar[tuple[str, ...]]
    consumes: ClassVar[tuple[str, ...]] = ()
    settings_file: ClassVar[str | None] = None  # a file of `schemas/` this component reads
    Settings: ClassVar[Any] = None  # its shape (a TypedDict), checked when the pipeline is built

    def __init__(self, resources: Resources, settings: Any = None) -> None:
        self.resources = resources
        self.settings = settings

    def __call__(self, view: DocumentView) -> list[Mention]:
        raise NotImplementedError


def component(cls: type[Extractor]) -> type[Extractor]:
    """Register an extractor class under its `name` (a taken name raises)."""
    if cls.settings_file and cls.Settings is None:
        raise TypeError(f"{cls.__name__} names a settings file but declares no Settings shape")
    return EXTRACTORS.register(cls.name)(cls)
