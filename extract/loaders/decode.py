"""Bytes to text with an explicit, ordered list of encodings; refuses what is not text.

Unlike a charset detector (trafilatura#231 read latin-1 as hp_roman8), we try the
declared charset, then UTF-8, then cp1252, and check that a cp1252 reading is plausible
Italian rather than mojibake or binary. Failure is a `LoadError`, never `errors='replace'`.
"""

from __future__ import annotations

import codecs
import contextlib
import re

from extract.loaders.errors import LoadError

FALLBACK_ENCODINGS = ("utf-8", "cp1252")
# Characters a genuine cp1252/latin-1 Italian text uses outside ASCII.
_PLAUSIBLE_NON_ASCII = re.compile(r"[À-ÖØ-öø-ÿ‘’‚“”„–—…€«»°•·ª º§©®™\u00a0]")
# UTF-8 multi-byte sequences read as cp1252 ("Ã¨" for "è"): the file was UTF-8 with damage.
_MOJIBAKE = re.compile(r"[ÂÃ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")
MAX_CONTROL_RATIO = 0.01
MIN_PLAUSIBLE_RATIO = 0.9


# Unicode category Cc (C0 and C1 controls) less the whitespace controls text uses.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    return len(_CONTROLS.findall(text)) / max(len(text), 1)


def _plausible_cp1252(text: str) -> bool:
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return True
    if _MOJIBAKE.search(text):
        return False
    plausible = sum(1 for ch in non_ascii if _PLAUSIBLE_NON_ASCII.match(ch))
    return plausible / len(non_ascii) >= MIN_PLAUSIBLE_RATIO


def _utf8_error(data: bytes) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    return ""


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used); raise `LoadError` for empty, binary or undecodable input."""
    if not data.strip():
        raise LoadError("empty_file", "the file is empty or holds only whitespace")
    if b"\x00" in data:
        nul_count = data.count(0)
        raise LoadError("binary_content", f"{nul_count} NUL bytes found: not a text document")
    encodings: list[str] = []
    if declared:
        with contextlib.suppress(LookupError):
            encodings.append(codecs.lookup(declared).name)
    encodings += [name for name in FALLBACK_ENCODINGS if name not in encodings]
    for encoding in encodings:
        try:
            text = data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
        except UnicodeDecodeError:
            continue
        if encoding != "utf-8" and not _plausible_cp1252(text):
            continue
        if _control_ratio(text) > MAX_CONTROL_RATIO:
            raise LoadError("binary_content", "too many control characters: not a text document")
        return text, encoding
    raise LoadError(
        "invalid_encoding",
        f"not valid UTF-8 ({_utf8_error(data)}) and not plausible cp1252 text",
    )
