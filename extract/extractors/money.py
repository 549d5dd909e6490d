"""Money stated in prose (reports, news items, project pages): `un contributo di 15.000 euro`,
`ammontano a 18 mila euro di cui 15 mila dalla Regione`.

An amount is a number in euro (digits with Italian grouping, `mila`/`milioni` as a scale, `€`
before or `euro` after; after `di cui` the euro of the amount before carries over). Its role
comes from the cue words of its clause in `schemas/money.json`: a total cost, or the amount the
Region's call funded (a cue before it, or `dalla Regione` right after it). Labelled amounts
(`Importo finanziato dal Bando`) come from the labels and are more trusted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import NotRequired

from pydantic import with_config
from typing_extensions import TypedDict

from extract.document import Mention
from extract.extractors.base import Extractor, component
from extract.lexicon.resources import Resources
from extract.normalise.numbers import CENTS
from extract.settings import STRICT
from extract.text import fold
from extract.view import DocumentView

NAME = "money_prose.v1"
CONFIDENCE = 0.5
AFTER_CHARS = 40
_CLAUSE_BREAK = re.compile(r"[.;!?\n](?!\d)")


@with_config(STRICT)
class MoneyRules(TypedDict):
    about: NotRequired[str]
    scale_words: dict[str, int]
    total_cues: list[str]
    funded_cues_before: list[str]
    funded_cues_after: list[str]
    clause_chars: int


@dataclass(frozen=True)
class _MoneyRules:
    amount: re.Pattern[str]
    scales: dict[str, int]
    total: re.Pattern[str]
    funded_before: re.Pattern[str]
    funded_after: re.Pattern[str]
    clause_chars: int


def _words(items: list[str]) -> str:
    return "|".join(re.escape(fold(item)).replace(r"\ ", r"\s+") for item in sorted(items, key=len, reverse=True))


def compile_rules(data: MoneyRules) -> _MoneyRules:
    """The settings of `schemas/money.json`, compiled once when the component is built."""
    scales = {fold(word): int(value) for word, value in data["scale_words"].items()}
    number = r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,2})?"
    scale = "|".join(map(re.escape, scales))
    amount = re.compile(
        rf"(?<![\w.,])(?:(?P<euro_before>€|euro)\s*)?(?P<number>{number})(?:\s*(?P<scale>{scale})\b)?"
        rf"(?:\s*(?:di\s+)?(?P<euro_after>€|euro|eur)\b)?",
        re.IGNORECASE,
    )
    return _MoneyRules(
        amount=amount,
        scales=scales,
        total=re.compile(rf"(?<!\w)(?:{_words(data['total_cues'])})(?!\w)"),
        funded_before=re.compile(rf"(?<!\w)(?:{_words(data['funded_cues_before'])})(?!\w)"),
        funded_after=re.compile(rf"^\s*(?:{_words(data['funded_cues_after'])})(?!\w)"),
        clause_chars=int(data["clause_chars"]),
    )


def _value(match: re.Match[str], rules: _MoneyRules) -> Decimal:
    number = Decimal(match["number"].replace(".", "").replace(",", "."))
    if match["scale"]:
        number *= rules.scales[fold(match["scale"])]
    return number.quantize(CENTS)


def _role(text: str, start: int, end: int, previous_end: int, rules: _MoneyRules) -> str | None:
    """`total_cost_eur`, `amount_funded_eur` or None, from the clause before the amount and the words after it."""
    after = fold(text[end : end + AFTER_CHARS])
    if rules.funded_after.search(after):
        return "amount_funded_eur"
    window_start = max(previous_end, start - rules.clause_chars)
    breaks = list(_CLAUSE_BREAK.finditer(text, window_start, start))
    before = fold(text[breaks[-1].end() if breaks else window_start : start])
    cues = [(match.end(), "total_cost_eur") for match in rules.total.finditer(before)]
    cues += [(match.end(), "amount_funded_eur") for match in rules.funded_before.finditer(before)]
    return max(cues)[1] if cues else None


@component
class MoneyProse(Extractor):
    name = NAME
    emits = ("amount_funded_eur", "total_cost_eur")
    settings_file = "money.json"
    Settings = MoneyRules

    def __init__(self, resources: Resources, settings: MoneyRules) -> None:
        super().__init__(resources, settings)
        self.rules = compile_rules(settings)

    def __call__(self, view: DocumentView) -> list[Mention]:
        document = view.document
        rules = self.rules
        text = document.text
        mentions: list[Mention] = []
        for start, end, _item in view.prose_regions:
            previous_end, euro_before = start, False
            for match in rules.amount.finditer(text, start, end):
                in_euro = bool(match["euro_before"] or match["euro_after"])
                carried = euro_before and fold(text[previous_end : match.start()]).strip() == "di cui"
                if not (in_euro or (carried and match["scale"])):
                    continue
                role = _role(text, match.start(), match.end(), previous_end, rules)
                previous_end, euro_before = match.end(), True
                if role is not None:
                    raw = match.group(0)
                    mentions.append(
                        Mention(role, raw, _value(match, rules), match.start(), match.end(), NAME, CONFIDENCE)
                    )
        return mentions
