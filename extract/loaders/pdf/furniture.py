"""Page furniture by repetition: what a browser prints on every page at the same place (the print
date and the page's title at the top, the URL and `n/N` at the bottom) is not the document's text.

A segment is furniture when a segment with the same text (digits aside: `1/2`, `2/2`) stands at
the same height among the first or last rows of every page of a document of two pages or more (a
form's values repeat heights and short texts on every page too: `Si`, a year). The text of a
document's heading (its largest type) is never furniture, and a first page with no heading keeps
its own header and footer (a designed card's title and date line, printed on every page). The
first furniture that is a web address is the page the document was printed from (on a one-page
print, a web address alone in its last rows). A box fixed on the screen (a cookie banner, a "back
to top" bar) prints on every page at the same place over the text, its words interleaved with the
text's rows: words that stand at the same place on every page, several to a row, are dropped
before rows are built. Pure functions over segments and words, tested on hand-built boxes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

MIN_PAGES = 2  # one page repeats nothing
SAME_PLACE = 3.0  # points: furniture stands this close to the same height on every page
MARGIN_ROWS = 2  # furniture is among the first or the last rows of a page, never amid its text
MIN_OVERLAY_WORDS = 2  # words on one row that repeat on every page: a fixed box, not a coincidence
SAME_BASELINE = 0.5  # points: words of one text line share their baseline to within this
BUTTON_GAP = 20.0  # points: a button printed beside a fixed box's words stands this close to them
MAX_OVERLAY_SHARE = 0.5  # of a page's words: pages that repeat more are copies, not furniture
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
        rows = _rows([top for _text, top, _size in lines])
        margins = set().union(*rows[:MARGIN_ROWS], *rows[-MARGIN_ROWS:])
        for text, top, size in lines:
            if size < heading_size and round(top / SAME_PLACE) in margins:
                key = _key(text, top)
                keys |= {key, (key[0], key[1] - 1), (key[0], key[1] + 1)}  # a band edge between two pages
        shared = keys if shared is None else shared & keys
    return shared or set()


class Placed(NamedTuple):
    """What repetition needs of a word: its text and where it stands."""

    text: str
    x0: float
    top: float
    x1: float
    baseline: float


def _place_key(word: Placed) -> tuple[str, int, int]:
    return word.text, round(word.x0 / SAME_PLACE), round(word.top / SAME_PLACE)


def _keys_near(word: Placed) -> set[tuple[str, int, int]]:
    """The word's key and its neighbours' (a band edge between two pages)."""
    text, column, row = _place_key(word)
    return {(text, column + dx, row + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)}


def overlay(pages: Sequence[Sequence[Placed]]) -> list[set[int]]:
    """For each page, the indexes of its words that a fixed box prints over the text: the same
    word at the same place on all pages, at least MIN_OVERLAY_WORDS to a row, and on some page
    with the text above and below it (a header strip or a footer, which hold the title and the
    date, stand at the page's edge and are left to `furniture`); with them, the words of one page
    on their baselines within their width (the box's buttons, printed once)."""
    if len(pages) < MIN_PAGES:
        return [set() for _ in pages]
    common = set.intersection(*({word.text for word in words} for words in pages))
    page_keys = [{_place_key(word) for word in words if word.text in common} for words in pages]
    candidates = [
        _repeated_rows(words, _on_every_page(words, own, page_keys, common)) for own, words in enumerate(pages)
    ]
    amid: set[tuple[str, int, int]] = set()
    for words, found in zip(pages, candidates, strict=True):
        tops = sorted(word.top for index, word in enumerate(words) if index not in found)
        for index in found:
            if tops and tops[0] < words[index].top - SAME_PLACE and tops[-1] > words[index].top + SAME_PLACE:
                amid |= _keys_near(words[index])
    found_pages = []
    for words, found in zip(pages, candidates, strict=True):
        fixed = {index for index in found if _place_key(words[index]) in amid}
        fixed |= _on_their_lines(words, fixed)
        found_pages.append(fixed if len(fixed) <= MAX_OVERLAY_SHARE * len(words) else set())
    return found_pages


def _on_every_page(
    words: Sequence[Placed], own: int, page_keys: list[set[tuple[str, int, int]]], common: set[str]
) -> list[int]:
    """Indexes of the page's words that every other page holds at the same place."""
    others = [keys for number, keys in enumerate(page_keys) if number != own]
    found = []
    for index, word in enumerate(words):
        if word.text in common:
            near = _keys_near(word)
            if all(not keys.isdisjoint(near) for keys in others):
                found.append(index)
    return found


def _repeated_rows(words: Sequence[Placed], repeated: list[int]) -> set[int]:
    """Of the page's words found on every page, those on rows that hold enough of them."""
    per_row: dict[int, int] = {}
    for index in repeated:
        row = _place_key(words[index])[2]
        per_row[row] = per_row.get(row, 0) + 1
    return {
        index
        for index in repeated
        if sum(per_row.get(_place_key(words[index])[2] + dy, 0) for dy in (-1, 0, 1)) >= MIN_OVERLAY_WORDS
    }


def _on_their_lines(words: Sequence[Placed], fixed: set[int]) -> set[int]:
    """Words on the very baseline of a fixed box's words and next to them, word by word (the
    box's buttons, `Accetta Rifiuta` before `Maggiori informazioni`)."""
    by_baseline: dict[int, list[int]] = {}
    for index, word in enumerate(words):
        by_baseline.setdefault(round(word.baseline / SAME_BASELINE), []).append(index)
    found: set[int] = set()
    for line in {round(words[index].baseline / SAME_BASELINE) for index in fixed}:
        ordered = sorted(by_baseline.get(line, []), key=lambda index: words[index].x0)
        reached = {index for index in ordered if index in fixed}
        for sweep in (ordered, ordered[::-1]):  # outwards from the fixed words, in both directions
            previous = None
            for index in sweep:
                if index in reached:
                    previous = index
                elif previous is not None and _gap(words[previous], words[index]) <= BUTTON_GAP:
                    reached.add(index)
                    previous = index
                else:
                    previous = None
        found |= reached - fixed
    return found


def _gap(one: Placed, other: Placed) -> float:
    return max(other.x0 - one.x1, one.x0 - other.x1, 0.0)


def _rows(tops: Sequence[float]) -> list[set[int]]:
    """The height bands of a page's lines grouped into rows: a row whose lines straddle a band
    edge (type of two sizes on one line) is one row, not two."""
    rows: list[set[int]] = []
    for band in sorted({round(top / SAME_PLACE) for top in tops}):
        if rows and band - max(rows[-1]) <= 1:
            rows[-1].add(band)
        else:
            rows.append({band})
    return rows


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
    bottom = set().union(*_rows([top for _text, top, _size in lines])[-MARGIN_ROWS:])
    return printed_from(
        [text for text, top, _size in lines if round(top / SAME_PLACE) in bottom and _URL.fullmatch(text.strip())]
    )
