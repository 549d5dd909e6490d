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

LINE_END_HYPHEN = {"\ufffe": "-"}  # PDFium writes a hyphen that ends a line as U+FFFE: it is a hyphen
BOLD_WEIGHT = 600
FONT_NAME_BYTES = 128  # a font name longer than this is cut, which keeps its weight words
MISSING_SPACE = 0.5  # × font size: a gap this wide between glyphs separates words even without a space
MAX_RULE_SEGMENTS = 5  # a drawn path of at most this many segments is a line or a rectangle (curves are icons)
MAX_RULES = 400  # a page drawing more lines and boxes than this is a drawing, not a table: none are kept
MIN_FRAME = 12.0  # points: a drawn shape at least this wide and tall may hold a line of text


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
    colour: int = 0  # fill colour as 0xRRGGBB (labels may be told by colour instead of weight)


Rule = tuple[float, float, float, float]  # (x0, top, x1, bottom) of a drawn line or rectangle


class Page(NamedTuple):
    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]
    title: str = ""  # the document's own title (its metadata), on the first page: what a browser prints as the title
    rules: tuple[Rule, ...] = ()  # the lines and rectangles drawn on the page: a table's borders
    frames: tuple[Rule, ...] = ()  # the boxes of any shape drawn on it (rounded corners too): a field's box


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
        pages = [_pdfium_page(document, index, pdfium_c) for index in range(min(len(document), max_pages))]
        return _titled(pages, document.get_metadata_value("Title"))
    finally:
        document.close()


def _pdfium_page(document: object, index: int, pdfium_c: object) -> Page:
    page = document[index]  # type: ignore[index]
    width, height = page.get_size()
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    left, right, bottom, top, origin_x, origin_y = (ctypes.c_double() for _ in range(6))
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    colour = 0
    font_name, font_flags = ctypes.create_string_buffer(FONT_NAME_BYTES), ctypes.c_int()
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
                    colour,
                )
            )
            current.clear()

    raw = textpage.raw
    size = weight = 0.0
    for position, char in enumerate(text):
        char = LINE_END_HYPHEN.get(char, char)
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
            if weight < BOLD_WEIGHT:  # a font not embedded reports no weight, and some embedded bold
                # fonts report less than a bold one's (455 for `DejaVuSans-Bold`): read the name
                pdfium_c.FPDFText_GetFontInfo(raw, position, font_name, FONT_NAME_BYTES, font_flags)  # type: ignore[attr-defined]
                weight = BOLD_WEIGHT if _bold_name(font_name.value.decode("latin-1")) else weight
            pdfium_c.FPDFText_GetCharOrigin(raw, position, origin_x, origin_y)  # type: ignore[attr-defined]
            found = pdfium_c.FPDFText_GetFillColor(raw, position, red, green, blue, alpha)  # type: ignore[attr-defined]
            colour = (red.value << 16 | green.value << 8 | blue.value) if found else 0
        current.append((char, left.value, bottom.value, right.value, top.value, size, weight, origin_y.value))
    flush()
    textpage.close()
    rules, frames = _pdfium_rules(page, height, pdfium_c)
    page.close()
    return Page(index + 1, width, height, tuple(words), rules=rules, frames=frames)


def _pdfium_rules(page: object, height: float, pdfium_c: object) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    """The page's drawn lines and rectangles (paths of few segments), and the boxes of any shape
    it draws (a path as wide and tall as a line of text), in top-left coordinates."""
    raw = page.raw  # type: ignore[attr-defined]
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    rules: list[Rule] = []
    frames: list[Rule] = []
    for index in range(pdfium_c.FPDFPage_CountObjects(raw)):  # type: ignore[attr-defined]
        item = pdfium_c.FPDFPage_GetObject(raw, index)  # type: ignore[attr-defined]
        if pdfium_c.FPDFPageObj_GetType(item) != pdfium_c.FPDF_PAGEOBJ_PATH:  # type: ignore[attr-defined]
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(item, left, bottom, right, top):  # type: ignore[attr-defined]
            continue
        box = (left.value, height - top.value, right.value, height - bottom.value)
        if pdfium_c.FPDFPath_CountSegments(item) <= MAX_RULE_SEGMENTS:  # type: ignore[attr-defined]
            rules.append(box)
        if min(box[2] - box[0], box[3] - box[1]) >= MIN_FRAME:
            frames.append(box)
        if len(rules) + len(frames) > MAX_RULES:
            return (), ()
    return tuple(rules), tuple(frames)


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
                    _colour(item["chars"][0].get("non_stroking_color")),
                )
                for item in found
            )
            drawn = [*page.rects, *page.lines]
            rules = tuple((item["x0"], item["top"], item["x1"], item["bottom"]) for item in drawn)
            shapes = [*page.rects, *page.curves]
            frames = tuple(
                (item["x0"], item["top"], item["x1"], item["bottom"])
                for item in shapes
                if min(item["x1"] - item["x0"], item["bottom"] - item["top"]) >= MIN_FRAME
            )
            if len(rules) + len(frames) > MAX_RULES:
                rules = frames = ()
            pages.append(
                Page(page.page_number, float(page.width), float(page.height), words, rules=rules, frames=frames)
            )
        return _titled(pages, (pdf.metadata or {}).get("Title"))


def _titled(pages: list[Page], title: object) -> list[Page]:
    """The pages with the document's metadata title on the first (nothing when it has none)."""
    text = str(title or "").strip()
    return [pages[0]._replace(title=text), *pages[1:]] if pages and text else pages


def _colour(colour: object) -> int:
    """pdfminer's fill colour (grey, RGB or CMYK components in 0..1) as 0xRRGGBB."""
    if not isinstance(colour, (tuple, list)) or not all(isinstance(part, (int, float)) for part in colour):
        return 0
    if len(colour) == 1:
        colour = (colour[0],) * 3
    elif len(colour) == 4:
        cyan, magenta, yellow, black = colour
        colour = tuple((1 - part) * (1 - black) for part in (cyan, magenta, yellow))
    if len(colour) != 3:
        return 0
    red, green, blue = (max(0, min(255, round(float(part) * 255))) for part in colour)
    return red << 16 | green << 8 | blue


def _bold_name(name: str) -> bool:
    """A font whose name says it is bold (`Helvetica-Bold`, `DejaVuSans-Bold`, `Arial Black`)."""
    lowered = name.lower()
    return "bold" in lowered or "black" in lowered or "heavy" in lowered


def _bold(word: dict) -> bool:
    return _bold_name(str(word.get("fontname", "")))


BACKENDS: dict[str, Backend] = {"pdfium": read_pdfium, "pdfplumber": read_pdfplumber}
