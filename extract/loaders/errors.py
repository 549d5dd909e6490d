"""The error a loader raises for input it cannot read; the runner turns it into an `errors` row."""

from __future__ import annotations


class LoadError(Exception):
    """An input that cannot become a Document; `error_type` is a stable machine-readable code."""

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message
