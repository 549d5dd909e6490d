"""Damaged text as scrapers get it, repaired before any offset is taken.

- Mojibake (UTF-8 read as cp1252 or latin-1: `perchÃ©`) is fixed by ftfy, run only when a
  character typical of mojibake is present (ftfy costs about 0.7 ms per KB; most pages are clean).
- UTF-8 read as the Thai code page (cp874), which ftfy does not know (`modalitร` for
  `modalità`, `laย bozza` for `la bozza`): a run of Thai letters inside Latin text is encoded
  back to cp874 and decoded as UTF-8; a lost continuation byte 0xA0 (a space) is restored.
- Soft hyphens are dropped and words hyphenated across a line break (`parteci-\\npativo`)
  joined, so that a word is one token wherever the page broke it.
"""

from __future__ import annotations

import re

import ftfy

_MOJIBAKE_HINT = re.compile("[ÂÃâÅ\u0e00-\u0e7f\ufffd]")  # lead bytes of UTF-8 read as cp1252, Thai, U+FFFD
_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    fix_line_breaks=False,
    normalization=None,
    explain=False,
)
# A run of cp874 (Thai) characters glued to a Latin letter, and a space or NBSP that may stand
# for a lost 0xA0 continuation byte.
_THAI_RUN = re.compile(r"(?<=[A-Za-zÀ-ÿ ])([\u0e01-\u0e5b]+)([ \u00a0])?")
_HYPHENATED_BREAK = re.compile(r"(?<=[a-zà-ÿ])-\n(?=[a-zà-ÿ])")
SOFT_HYPHEN = "\u00ad"


def _thai_as_utf8(match: re.Match[str]) -> str:
    run, space = match.group(1), match.group(2) or ""
    try:
        data = run.encode("cp874")
    except UnicodeEncodeError:
        return match.group(0)
    for candidate in (data + b"\xa0", data) if space else (data,):
        try:
            decoded = candidate.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if all(ord(ch) < 0x250 for ch in decoded):
            # The 0xA0 byte was the space the scraper kept: `modalitร di` -> `modalità di`.
            return decoded.replace("\u00a0", "") + space
    return match.group(0)


def repair_text(text: str) -> str:
    """The text with mojibake fixed, soft hyphens dropped and hyphenated line breaks joined."""
    if _MOJIBAKE_HINT.search(text):
        text = ftfy.fix_text(text, _FTFY)
        text = _THAI_RUN.sub(_thai_as_utf8, text)
    if SOFT_HYPHEN in text:
        text = text.replace(SOFT_HYPHEN, "")
    if "-\n" in text:
        text = _HYPHENATED_BREAK.sub("", text)
    return text
