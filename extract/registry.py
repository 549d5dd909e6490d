"""Named, versioned catalogues of functions (loaders, extractors, normalisers, resolvers, scorers).

Modelled on spaCy's registry: a name is registered once; asking for an unknown name
lists the valid ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Registry:
    """A catalogue of one kind of component, keyed by versioned name (`label_value.v1`)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, Any] = {}

    def register(self, name: str) -> Callable[[Any], Any]:
        """Decorator adding the object under `name`; a taken name raises instead of replacing."""

        def add(obj: Any) -> Any:
            if name in self._items:
                raise ValueError(f"{self.kind} {name!r} is already registered")
            self._items[name] = obj
            return obj

        return add

    def names(self) -> tuple[str, ...]:
        return tuple(sorted(self._items))

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def get(self, name: str) -> Any:
        try:
            return self._items[name]
        except KeyError:
            valid = ", ".join(sorted(self._items))
            raise KeyError(f"unknown {self.kind} {name!r}; valid names: {valid}") from None
