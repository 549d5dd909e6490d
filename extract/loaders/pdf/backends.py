"""PDF backends behind one small interface: bytes in, pages of positioned words out.

Two implementations, measured against each other in `bench/pdf.py`:
- `pdfium` (pypdfium2, the default): PDFium's text page, one call per character for its
  box, font size and weight; about 100 times faster than pdfminer here.
- `pdfplumber` (pdfminer.six underneath): `extract_words` with font names and sizes.

Coordinates are PDF points with the origin at the page's top left (pdfplumber's
convention). Whatever a backend cannot read becomes a `LoadError` with a stable code.
"""

from __future__ import annotations

import ctypes
import io
from collections.abc import Callable
from typing import NamedTuple

from extract.loaders.errors import LoadError

BOLD_WEIGHT = 600
MISSING_SPACE = 0.5  # × font size: a gap this wide between glyphs separates words even without a space


class Word(NamedTuple):
    """A run of characters without spaces, with its box and typography (a tuple: pages of
    words cross a process boundary, and tuples pickle fast)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    baseline: float  # y of the text line the word sits on (glyph boxes vary, baselines do not)


class Page(NamedTuple):
    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]


Backend = Callable[[bytes, int], list[Page]]


def _encrypted(message: str) -> LoadError:
    return LoadError("encrypted_pdf", f"the PDF is encrypted with a password ({message}); it cannot be read")


def read_pdfium(data: bytes, max_pages: int) -> list[Page]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise _encrypted(str(exc)) from exc
        raise LoadError("malformed_pdf", f"the PDF cannot be opened: {exc}") from exc
    try:
        return [_pdfium_page(document, index, pdfium_c) for index in range(min(len(document), max_pages))]
    finally:
        document.close()


def _pdfium_page(document: object, index: int, pdfium_c: object) -> Page:
    page = document[index]  # type: ignore[index]
    width, height = page.get_size()
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    left, right, bottom, top, origin_x, origin_y = (ctypes.c_double() for _ in range(6))
    words: list[Word] = []
    current: list[tuple[str, float, float, float, float, float, int, float]] = []

    def flush() -> None:
        if current:
            words.append(
                Word(
                    "".join(char for char, *_ in current),
                    min(item[1] for item in current),
                    height - max(item[4] for item in current),
                    max(item[3] for item in current),
                    height - min(item[2] for item in current),
                    current[0][5],
                    current[0][6] >= BOLD_WEIGHT,
                    height - current[0][7],
                )
            )
            current.clear()

    raw = textpage.raw
    size = weight = 0.0
    for position, char in enumerate(text):
        if char.isspace() or not char.isprintable():
            flush()
            continue
        pdfium_c.FPDFText_GetCharBox(raw, position, left, right, bottom, top)  # type: ignore[attr-defined]
        if current and (
            left.value - current[-1][3] > size * MISSING_SPACE or abs(bottom.value - current[-1][2]) > size * 0.5
        ):
            flush()  # a gap or a new line without a space character between
        if not current:  # typography and baseline are read once a word, from its first character
            size = pdfium_c.FPDFText_GetFontSize(raw, position)  # type: ignore[attr-defined]
            weight = pdfium_c.FPDFText_GetFontWeight(raw, position)  # type: ignore[attr-defined]
            pdfium_c.FPDFText_GetCharOrigin(raw, position, origin_x, origin_y)  # type: ignore[attr-defined]
        current.append((char, left.value, bottom.value, right.value, top.value, size, weight, origin_y.value))
    flush()
    textpage.close()
    page.close()
    return Page(index + 1, width, height, tuple(words))


def read_pdfplumber(data: bytes, max_pages: int) -> list[Page]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise _encrypted("pdfminer: incorrect password") from exc
        raise LoadError("malformed_pdf", f"the PDF cannot be opened: {cause or type(cause).__name__}") from exc
    with pdf:
        pages = []
        for page in pdf.pages[:max_pages]:
            found = page.extract_words(extra_attrs=["fontname", "size"], return_chars=True)
            words = tuple(
                Word(
                    item["text"],
                    item["x0"],
                    item["top"],
                    item["x1"],
                    item["bottom"],
                    item["size"],
                    _bold(item),
                    float(page.height) - item["chars"][0]["matrix"][5],
                )
                for item in found
            )
            pages.append(Page(page.page_number, float(page.width), float(page.height), words))
        return pages


def _bold(word: dict) -> bool:
    name = str(word.get("fontname", "")).lower()
    return "bold" in name or "black" in name or "heavy" in name


BACKENDS: dict[str, Backend] = {"pdfium": read_pdfium, "pdfplumber": read_pdfplumber}
