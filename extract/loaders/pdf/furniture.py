"""Page furniture by repetition: what a browser prints on every page at the same place (the print
date and the page's title at the top, the URL and `n/N` at the bottom) is not the document's text.

A segment is furniture when a segment with the same text (digits aside: `1/2`, `2/2`) stands at
the same height among the first or last rows of every page of a document of two pages or more
(a form's values repeat heights and short texts on every page too: `Si`, a year). The text of a
document's heading (its largest type) is never furniture. The first furniture that is a web
address is the page the document was printed from (on a one-page print, a web address alone in
its last rows). Pure functions over segments, tested on hand-built boxes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MIN_PAGES = 2  # one page repeats nothing
SAME_PLACE = 3.0  # points: furniture stands this close to the same height on every page
MARGIN_ROWS = 2  # furniture is among the first or the last rows of a page, never amid its text
_DIGITS = re.compile(r"\d+")
_URL = re.compile(r"https?://\S+")


def _key(text: str, top: float) -> tuple[str, int]:
    return _DIGITS.sub("#", " ".join(text.split())), round(top / SAME_PLACE)


def furniture(pages: Sequence[Sequence[tuple[str, float, float]]], heading_size: float) -> set[tuple[str, int]]:
    """Keys (text with digits folded, height band) of the (text, top, size) lines that every page
    repeats in its margin rows; lines in the heading's type are kept."""
    if len(pages) < MIN_PAGES:
        return set()
    shared: set[tuple[str, int]] | None = None
    for lines in pages:
        keys = set()
        rows = sorted({round(top / SAME_PLACE) for _text, top, _size in lines})
        margins = set(rows[:MARGIN_ROWS] + rows[-MARGIN_ROWS:])
        for text, top, size in lines:
            if size < heading_size and round(top / SAME_PLACE) in margins:
                key = _key(text, top)
                keys |= {key, (key[0], key[1] - 1), (key[0], key[1] + 1)}  # a band edge between two pages
        shared = keys if shared is None else shared & keys
    return shared or set()


def is_furniture(text: str, top: float, keys: set[tuple[str, int]]) -> bool:
    return _key(text, top) in keys


def printed_from(texts: Sequence[str]) -> str | None:
    """The web address among the furniture, if any (`https://…/scheda-processo/1407`)."""
    for text in texts:
        found = _URL.search(text)
        if found:
            return found.group().rstrip(".,;")
    return None


def footer_address(lines: Sequence[tuple[str, float, float]]) -> str | None:
    """A web address alone in a page's last rows: where a one-page print came from (its furniture
    cannot be told by repetition)."""
    rows = sorted({round(top / SAME_PLACE) for _text, top, _size in lines})
    bottom = set(rows[-MARGIN_ROWS:])
    return printed_from(
        [text for text, top, _size in lines if round(top / SAME_PLACE) in bottom and _URL.fullmatch(text.strip())]
    )
