"""Dates in prose, each with its role (SPEC: start_date, end_date, published_date, modified_date).

Found by the Italian date patterns of `extract.normalise.dates` (never by scanning whole
texts with dateparser). The role comes from the structure and the words around a date:
- a line holding only a date among a document's first or last lines is its own date
  (an article's `Ott 21 2021`, a card's footer `18 dicembre 2015`): published_date; so is a
  dateline anywhere (a comune, a comma and a full date: `Castel d'Aiano, 20 novembre 2017`),
  which is how a letter or a card printed inside a web page signs itself;
- otherwise the cue nearest before the date on its line, and after any previous date,
  from `schemas/dates.json`: `Data avvio processo partecipativo 14/01/2020` is a start,
  `ultima modifica 2020-03-05` a modification, `presentazione`, `delibera`, `protocollo`
  or `del` (a stamp's date) keep a date out; a date with no cue fills nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import NotRequired

from pydantic import with_config
from typing_extensions import TypedDict

from extract.document import Document, Mention
from extract.extractors.base import Extractor, component
from extract.extractors.label_value import date_mentions
from extract.lexicon.gazetteer import Gazetteer
from extract.lexicon.resources import Resources
from extract.normalise.dates import DateParser, DateValue, find_dates
from extract.normalise.numbers import YearParser
from extract.settings import STRICT
from extract.text import fold, line_spans
from extract.view import DocumentView

NAME = "dates.v1"
CUE_CONFIDENCE = 0.6
PERIOD_CONFIDENCE = 0.55  # a period in running prose may be a pause or a phase; a cued date is the process's
LINE_CONFIDENCE = 0.7
DATELINE_CONFIDENCE = 0.65  # a dateline amid the page: below the page's own first and last lines
_DATELINE_PLACE = re.compile(r"^(?P<place>[^\W\d_][\w'’ -]{1,40}?),\s*$")
_DATELINE_OPENING = re.compile(r"[^\W\d_][\w'’ -]{1,40}?,")  # what a dateline's line opens with
ROLE_FIELDS = {"start": "start_date", "end": "end_date", "modified": "modified_date", "published": "published_date"}
ADJACENT = "excluded_adjacent"
MAX_HEAD_LINES = 60
BODY_LINE_WORDS = 12
_MARKUP = re.compile(r"^[*_#\s]+|[*_\s]+$")


@with_config(STRICT)
class DatesCues(TypedDict):
    start: list[str]
    end: list[str]
    modified: list[str]
    published: list[str]
    excluded: list[str]
    excluded_adjacent: list[str]


@with_config(STRICT)
class DatesDateLine(TypedDict):
    about: NotRequired[str]
    head_lines: int
    tail_lines: int
    prefixes: list[str]
    after_noun: list[str]


@with_config(STRICT)
class DatesProsePeriods(TypedDict):
    about: NotRequired[str]
    openers: list[str]
    joiners: list[str]
    year_openers: list[str]
    year_start_verbs: list[str]
    year_clause_chars: int
    verbs_before_year: list[str]


@with_config(STRICT)
class DatesRules(TypedDict):
    about: NotRequired[str]
    window_chars: int
    cues: DatesCues
    date_line: DatesDateLine
    phase_periods_about: NotRequired[str]
    phase_periods: list[str]
    prose_periods: DatesProsePeriods


@dataclass(frozen=True)
class _DateRules:
    parser: DateParser
    cues: list[tuple[re.Pattern[str], str]]
    adjacent: re.Pattern[str]
    window: int
    head_lines: int
    tail_lines: int
    line_prefix: re.Pattern[str]
    period: re.Pattern[str]
    year_start: tuple[re.Pattern[str], ...]
    months: dict[str, int]
    phase_periods: frozenset[str]


def compile_rules(data: DatesRules, resources: Resources) -> _DateRules:
    """The settings of `schemas/dates.json` (with the month names of `values.json`), compiled once."""
    config = resources.config
    years = YearParser(config.values["year_context_words"]["words"])
    cues = [
        (re.compile(rf"(?<!\w){re.escape(fold(cue))}(?!\w)"), role)
        for role, words in data["cues"].items()
        if role != ADJACENT
        for cue in words
    ]
    adjacent = "|".join(re.escape(fold(cue)) for cue in data["cues"][ADJACENT])
    months = {fold(name): int(number) for number, names in config.values["months"].items() for name in names}
    return _DateRules(
        parser=DateParser(config.values["months"], years),
        months=months,
        period=_period_pattern(data["prose_periods"], months),
        year_start=_year_start_pattern(data["prose_periods"]),
        phase_periods=frozenset(data.get("phase_periods", [])),
        cues=cues,
        adjacent=re.compile(rf"(?<!\w)(?:{adjacent})\s*$"),
        window=int(data["window_chars"]),
        head_lines=int(data["date_line"]["head_lines"]),
        tail_lines=int(data["date_line"]["tail_lines"]),
        line_prefix=re.compile(
            r"^(?:(?:" + "|".join(re.escape(item) for item in data["date_line"]["prefixes"]) + r")\s*"
            r"|[^\W\d_][\w'’]*\s+(?:"  # the document's own noun before a participle (`Scheda pubblicata il`)
             + "|".join(re.escape(item) for item in data["date_line"]["after_noun"]) + r")\s*"
            r"|[A-ZÀ-Ý][\w'’ ]{1,40}?(?:,|\s[|–—-])\s*"
            r"|[|\s]*(?:ore\s+)?\d{1,2}[:.]\d{2}\s*[-–—|,]\s*)",
            re.IGNORECASE,
        ),
    )


def _alternation(words: list[str]) -> str:
    return "|".join(
        re.escape(word).replace(r"\ ", r"\s+").replace("'", "['’]") for word in sorted(words, key=len, reverse=True)
    )


def _period_pattern(data: dict, months: dict[str, int]) -> re.Pattern[str]:
    names = _alternation(list(months))
    return re.compile(
        rf"\b(?:{_alternation(data['openers'])})\s*(?P<first_day>\d{{1,2}}(?:°|º)?\s+)?(?P<first>{names})\.?"
        rf"(?:\s+(?P<first_year>(?:19|20)\d{{2}}))?\s+(?:{_alternation(data['joiners'])})\s*"
        rf"(?P<second_day>\d{{1,2}}(?:°|º)?\s+)?(?P<second>{names})\.?\s+(?P<year>(?:19|20)\d{{2}})\b",
        re.IGNORECASE,
    )


def _year_start_pattern(data: dict) -> tuple[re.Pattern[str], ...]:
    """`Nel 2022 è stato avviato` (opener, year, start verb) and `avviato nel 2019` (verb, opener, year)."""
    verbs = "|".join(data["year_start_verbs"])
    openers = _alternation(data["year_openers"])
    year = r"(?P<year>(?:19|20)\d{2})\b(?![/.-]\d)"
    return (
        re.compile(
            rf"\b(?:{openers})\s+{year}(?=[^.;\n]{{0,{int(data['year_clause_chars'])}}}?\b(?:{verbs})[oaie]?\b)",
            re.IGNORECASE,
        ),
        re.compile(rf"\b(?:{'|'.join(data['verbs_before_year'])})[oaie]\s+(?:{openers})\s+{year}", re.IGNORECASE),
    )


def _period_end(year: int, month: int, day: str | None) -> DateValue | None:
    """One end of a period: the first of the month, or the day when the text gives it."""
    try:
        if day:
            return DateValue(date(year, month, int(day.strip(" °º"))), "day")
        return DateValue(date(year, month, 1), "month")
    except ValueError:
        return None


def _prose_periods(view: DocumentView, rules: _DateRules) -> list[Mention]:
    """`da gennaio a giugno 2019` -> start 2019-01 and end 2019-06; `Nel 2022 è stato avviato` -> start 2022."""
    document = view.document
    text = document.text
    mentions: list[Mention] = []
    phases = document.doc_type in rules.phase_periods
    for start, end, _item in view.prose_regions:
        for match in rules.period.finditer(text, start, end):
            if phases and not _whole_line(text, match.start(), match.end()):
                continue  # a phase of the story (`i laboratori, tra gennaio e aprile 2018`)
            year = int(match["year"])
            first, second = rules.months[fold(match["first"])], rules.months[fold(match["second"])]
            first_year = int(match["first_year"]) if match["first_year"] else year - (1 if first > second else 0)
            opening = _period_end(first_year, first, match["first_day"])
            closing = _period_end(year, second, match["second_day"])
            if opening is None or closing is None or opening.value > closing.value:
                continue
            first_start = match.start("first_day") if match["first_day"] else match.start("first")
            first_end = match.end("first_year") if match["first_year"] else match.end("first")
            second_start = match.start("second_day") if match["second_day"] else match.start("second")
            for role, value, span in (
                ("start", opening, (first_start, first_end)),
                ("end", closing, (second_start, match.end())),
            ):
                mentions += date_mentions(
                    ROLE_FIELDS[role], value, text[span[0] : span[1]], *span, f"{NAME}:period", PERIOD_CONFIDENCE
                )
        for pattern in rules.year_start if not phases else ():
            for match in pattern.finditer(text, start, end):
                value = DateValue(date(int(match["year"]), 1, 1), "year")
                raw, span = match["year"], (match.start("year"), match.end("year"))
                mentions += date_mentions("start_date", value, raw, *span, f"{NAME}:period", PERIOD_CONFIDENCE)
    return mentions


def _whole_line(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is its line's whole text, but for spaces and a final stop."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip(" .;")


def _role(window: str, rules: _DateRules) -> str | None:
    """The role of the cue that ends nearest to the end of `window` (the text before a date)."""
    folded = fold(window) if window.strip() else ""
    if rules.adjacent.search(folded):
        return "excluded"  # `AL/2021/0002229 del 28/01/2021`: a stamp's date
    best: tuple[int, int, str] | None = None
    for pattern, role in rules.cues:
        for match in pattern.finditer(folded):
            key = (match.end(), match.end() - match.start())
            if best is None or key > best[:2]:
                best = (*key, role)
    return best[2] if best else None


_SEPARATOR = re.compile(r"\s[·•|–—]\s")  # parts of a colophon line: `Edizione · Luogo, data`


def _whole_line_date(line: str, rules: _DateRules) -> tuple[str, tuple[int, int, DateValue]] | None:
    """(the date's text, its span in it and value) when a line is one full date, possibly after
    a publication word or a place (`Pubblicato il 9 giugno 2016`, `Bologna, 23 novembre 2016`)."""
    parts = _SEPARATOR.split(line)
    tails = [line] if len(parts) == 1 else [line, parts[-1]]  # `Community Lab · Bologna, 14 novembre 2017`
    candidates = []
    for tail in tails:
        prefix = rules.line_prefix.match(tail)
        candidates += [tail, tail[prefix.end() :] if prefix else None]
    for bare in candidates:
        if not bare:
            continue
        found = find_dates(bare, rules.parser)
        if len(found) == 1 and found[0][:2] == (0, len(bare)) and found[0][2].precision == "day":
            return bare, found[0]
    return None


def _head_size(lines: list[tuple[str, int]], rules: _DateRules) -> int:
    """How many lines open the document: at least `head_lines`, and on a scraped page everything
    above its first paragraph of prose (menus and headlines come before the dateline)."""
    for index, (line, _start) in enumerate(lines[:MAX_HEAD_LINES]):
        if len(line.split()) >= BODY_LINE_WORDS and line.endswith((".", ":", "!", "?")):
            return max(rules.head_lines, index)
    return rules.head_lines


def _is_dateline(line: str, bare: str, gazetteer: Gazetteer) -> bool:
    """Whether the text before a line's date is a comune and a comma (`Vetto, 3 maggio 2019`)."""
    place = _DATELINE_PLACE.match(line[: line.index(bare)])
    return place is not None and gazetteer.comune(place["place"]) is not None


def _date_lines(document: Document, resources: Resources, rules: _DateRules) -> list[Mention]:
    """published_date from a line that is only a date, near the top or the bottom of the text,
    or from a dateline anywhere."""
    lines = [(line, start) for line, start, _end in line_spans(document.text) if line]
    head = _head_size(lines, rules)
    edges = set(range(head)) | set(range(max(0, len(lines) - rules.tail_lines), len(lines)))
    mentions = []
    for index, (line, start) in enumerate(lines):
        unmarked = _MARKUP.sub("", line)
        if index not in edges and not _DATELINE_OPENING.match(unmarked):
            continue  # amid the text only a dateline counts: parse no other line for a date
        found = _whole_line_date(unmarked, rules)
        if found is None:
            continue
        bare, (date_start, date_end, value) = found
        if index in edges:
            confidence = LINE_CONFIDENCE
        elif _is_dateline(unmarked, bare, resources.gazetteer):
            confidence = DATELINE_CONFIDENCE
        else:
            continue
        offset = start + line.index(bare)
        mentions += date_mentions(
            "published_date", value, bare, offset + date_start, offset + date_end, f"{NAME}:line", confidence
        )
    return mentions


def _cued(view: DocumentView, rules: _DateRules) -> list[Mention]:
    document = view.document
    text = document.text
    mentions: list[Mention] = []
    for start, end, _item in view.prose_regions:
        previous_end = start
        for date_start, date_end, value in find_dates(text[start:end], rules.parser):
            date_start, date_end = start + date_start, start + date_end
            line_start = text.rfind("\n", 0, date_start) + 1
            window = text[max(previous_end, line_start, date_start - rules.window) : date_start]
            previous_end = date_end
            role = _role(window, rules)
            if role is None or role == "excluded":
                continue
            mentions += _role_mentions(role, value, text[date_start:date_end], date_start, date_end)
    return mentions


def _role_mentions(role: str, value: DateValue, raw: str, start: int, end: int) -> list[Mention]:
    return date_mentions(ROLE_FIELDS[role], value, raw, start, end, f"{NAME}:{role}", CUE_CONFIDENCE)


@component
class Dates(Extractor):
    name = NAME
    emits = (
        "start_date",
        "start_date_precision",
        "end_date",
        "end_date_precision",
        "published_date",
        "published_date_precision",
        "modified_date",
        "modified_date_precision",
    )

    settings_file = "dates.json"
    Settings = DatesRules

    def __init__(self, resources: Resources, settings: DatesRules) -> None:
        super().__init__(resources, settings)
        self.rules = compile_rules(settings, resources)

    def __call__(self, view: DocumentView) -> list[Mention]:
        document, resources = view.document, view.resources
        rules = self.rules
        line_mentions = _date_lines(document, resources, rules)
        taken = {mention.start for mention in line_mentions}
        cued = [mention for mention in _cued(view, rules) if mention.start not in taken]
        return line_mentions + _prose_periods(view, rules) + cued
