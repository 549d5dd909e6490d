"""Labels told by typography: a printed scheda writes each field as a run in the label's style
(bold, or another size or colour) followed on the same line by its value in the body's style
(`Stato di avanzamento  Concluso`). Which style labels wear is learned per document from the
lines whose leading run the label vocabulary recognises, so a design whose labels are set in
another weight, size or colour reads the same way. Nothing keys on a template's fonts or
coordinates.

Pure functions over positioned words, tested on hand-built boxes (`tests/test_pdf_typography.py`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from extract.loaders.pdf.backends import Word

SIZE_STEP = 0.5  # font sizes closer than this (points) are one style: renderers round sizes differently
MIN_LEARNED = 2  # a style counts as the labels' once this many recognised labels wear it
LABEL_END = ":"  # a label ending in a colon already separates its value in text
GOES_ON = ","  # a run ending in a comma is a sentence going on (`Elisa Guidi, responsabile …`), no label
SEPARATORS = frozenset({"—", "–", "-", "|", "·", "•", ":", "…"})  # printed between a label and its value

Style = tuple[bool, float, int]


def style_of(word: Word) -> Style:
    """A word's style: weight, size (rounded to SIZE_STEP) and colour."""
    return word.bold, round(word.size / SIZE_STEP) * SIZE_STEP, word.colour


def leading_run(words: Sequence[Word]) -> int:
    """How many words open the line in one style when another style follows them (0 when the
    line is all one style). A label in small caps changes size after its first word but keeps
    its weight and colour: the run goes on through those words when a word of another weight
    or colour (the value) follows."""
    if not words:
        return 0
    first = style_of(words[0])
    index = next((number for number, word in enumerate(words) if style_of(word) != first), 0)
    if not index:
        return 0
    ink = first[0], first[2]
    extended = next((number for number in range(index, len(words)) if _ink(words[number]) != ink), None)
    return extended if extended is not None else index


def _ink(word: Word) -> tuple[bool, int]:
    """Weight and colour: what small caps keep when their size changes."""
    return word.bold, word.colour


def _run_text(words: Sequence[Word], size: int) -> str:
    return " ".join(word.text for word in words[:size])


def label_styles(lines: Iterable[Sequence[Word]], is_label: Callable[[str], bool]) -> frozenset[Style]:
    """The styles a document's labels wear: those of leading runs the vocabulary recognises,
    worn by at least MIN_LEARNED of them."""
    votes: Counter[Style] = Counter()
    for words in lines:
        size = leading_run(words)
        if size and is_label(_run_text(words, size).rstrip(LABEL_END + " ")):
            votes[style_of(words[0])] += 1
    return frozenset(style for style, count in votes.items() if count >= MIN_LEARNED)


def value_start(words: Sequence[Word], styles: frozenset[Style], is_label: Callable[[str], bool] | None = None) -> int:
    """Where the value starts on a line that opens with a run in a label style (0: no split).
    A styled run the vocabulary does not know splits too, so that its value never runs into the
    field before; a run ending in a colon is left to the text's own label reading, one ending in a
    comma goes on into the rest of its sentence (a name in bold before its role). A line in one
    ink that `is_label` knows whole is a label in small caps alone (`NATO` `NEL`): no value; nor
    is a required field's mark (`*`) after the label."""
    size = leading_run(words)
    if not size or style_of(words[0]) not in styles or words[size - 1].text.endswith((LABEL_END, GOES_ON)):
        return 0
    if is_label is not None and len({_ink(word) for word in words}) == 1 and is_label(_run_text(words, len(words))):
        return 0
    if all(not word.text.strip("*()") for word in words[size:]):
        return 0  # a required field's mark after its label (`Nato nel *`) is the label's, not a value
    while size < len(words) - 1 and words[size].text in SEPARATORS:  # `Stato di avanzamento — Progetto`
        size += 1  # the dash stays with the label, whose trailing punctuation folding drops
    return size


def inner_labels(
    words: Sequence[Word], styles: frozenset[Style], is_label: Callable[[str], bool]
) -> list[tuple[int, int]]:
    """(label start, value start) of each further field on a line that prints two side by side
    (`… Unione di Comuni  Data ultima modifica — 19/09/2025`): a run in a learned label style
    after a word in another style, that the vocabulary knows, followed by its value. A word
    merely emphasised in a value is no label, so the vocabulary must know the run."""
    found = []
    index = max(value_start(words, styles), 1)
    while index < len(words):
        if style_of(words[index]) not in styles or style_of(words[index - 1]) in styles:
            index += 1
            continue
        ink = _ink(words[index])
        end = next((number for number in range(index, len(words)) if _ink(words[number]) != ink), len(words))
        text = " ".join(word.text for word in words[index:end]).rstrip(LABEL_END + "".join(SEPARATORS) + " ")
        if end < len(words) and is_label(text):
            while end < len(words) - 1 and words[end].text in SEPARATORS:
                end += 1
            found.append((index, end))
        index = end
    return found
