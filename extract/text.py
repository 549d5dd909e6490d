"""Text helpers shared by loaders and extractors: one place that decides what "the same text" means."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from extract.repair import repair_text

_WHITESPACE = re.compile(r"\s+")
_TRAILING_PUNCT = re.compile(r"[\s:.\-–—]+$")


def collapse_whitespace(value: str) -> str:
    """Collapse runs of whitespace (including NBSP) to one space and strip the ends."""
    return _WHITESPACE.sub(" ", value.replace("\u00a0", " ")).strip()


@lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """Case-, accent- and whitespace-insensitive key for comparing labels and vocabulary entries."""
    decomposed = unicodedata.normalize("NFKD", value.replace("’", "'"))
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _TRAILING_PUNCT.sub("", collapse_whitespace(ascii_only).casefold())


def normalise_document_text(value: str) -> str:
    """Repaired (mojibake, soft hyphens, hyphenated breaks), NFC, unified newlines and NBSP as
    space, before any offset is taken."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    value = unicodedata.normalize("NFC", repair_text(value))
    return value.replace("\u00a0", " ")


def line_spans(text: str) -> list[tuple[str, int, int]]:
    """Every line of `text` stripped, with start and end offsets of the stripped part (blank lines kept)."""
    spans: list[tuple[str, int, int]] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        start = offset + (line.index(stripped) if stripped else 0)
        spans.append((stripped, start, start + len(stripped)))
        offset += len(line) + 1
    return spans
