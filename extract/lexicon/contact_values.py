"""What is written beside a contact's name: e-mail addresses and phone numbers (what marks a
line as contact information), and the role and organisation in the text after the name."""

from __future__ import annotations

import re
from typing import Any

import phonenumbers

from extract.text import fold

REGION = "IT"
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_DIGITS = re.compile(r"\d")
_BRACKET = re.compile(r"\(([^()]*)\)")
_PART_SEPARATOR = re.compile(r",|;|\||·|/\s|\s[–—-]\s|\s[–—]|[–—]\s")
_NUMERIC = re.compile(r"[\d\s/+.()-]*")
_PART_EDGES = " .;:|-–—·/\t"
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-ZÀ-Ý]")
MAX_ROLE_WORDS = 10


def phones_in(text: str) -> list[str]:
    """Phone numbers in `text` (Italian unless prefixed), as E.164, found by `phonenumbers`."""
    if not _DIGITS.search(text):
        return []
    return [
        phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        for match in phonenumbers.PhoneNumberMatcher(text, REGION)
    ]


def without_phones(text: str) -> str:
    if not _DIGITS.search(text):
        return text
    for match in reversed(list(phonenumbers.PhoneNumberMatcher(text, REGION))):
        text = text[: match.start] + " " + text[match.end :]
    return text


def has_contact_value(text: str) -> bool:
    return ("@" in text and EMAIL.search(text) is not None) or bool(phones_in(text))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


_LINKING_END = re.compile(
    r"(?<!\w)(?:di|d['’]|del|dello|della|dei|degli|delle|dell['’]|per|e|a|al|alla|presso)$", re.IGNORECASE
)


class RoleReader:
    """Reads `coordinatrice del progetto, Servizio Politiche giovanili dell'Unione della Romagna
    Faentina` as a role (`coordinatrice del progetto`) and an organisation (`Unione della Romagna
    Faentina`): the role is what is written first, a later capitalised part is the organisation,
    and an office (`Servizio …`) belongs to the body it names after `del`/`dell'`."""

    def __init__(self, rules: dict[str, Any]) -> None:
        labels = _alternation(rules["value_labels"])
        self._value_labels = re.compile(rf"(?<!\w)(?:{labels})(?!\w)\s*[:.]?\s*", re.IGNORECASE)
        self._openers = tuple(fold(opener) for opener in rules["organisation_openers"])
        self._suffixes = tuple(" " + fold(suffix).rstrip(".") for suffix in rules.get("organisation_suffixes", ()))
        openers = _alternation([opener.rstrip(".") for opener in rules["organisation_openers"]])
        name_word = r"(?:(?:di|del|della|dei|degli|delle|e|d['’]|dell['’])\s*)?[A-ZÀ-Ý][\w'’-]*"
        self._named_body = re.compile(  # `Cooperativa sociale Il Faro`, `Comune di Zocca`: a body and its name
            rf"(?<!\w)(?i:{openers})(?:\s+[a-zà-ÿ]+)?(?:\s+{name_word})+"
        )
        entities = _alternation([opener.rstrip(".") for opener in rules["entity_openers"]])
        self._entity_after_of = re.compile(
            rf"\s(?:del|dell['’]|della|dei|degli|delle|di|d['’]|per\s+(?:il|la|i|gli|le|l['’]))\s*"
            rf"(?=(?:{entities})\b\S*\s+\S)",
            re.IGNORECASE,
        )
        self._entity_start = re.compile(rf"(?:{entities})\b", re.IGNORECASE)
        self._role_head = re.compile(rf"(?:{_alternation(rules['role_heads'])})\b", re.IGNORECASE)
        breakers = _alternation(rules["clause_breakers"])
        self._breaker = re.compile(rf"(?<!\w)(?:{breakers})(?!\w)", re.IGNORECASE)

    def clean(self, text: str) -> str:
        """`text` without e-mails, phones and their labels (`Tel:`, `E-mail:`)."""
        return self._value_labels.sub(" ", EMAIL.sub(" ", without_phones(text)))

    def organisation_within(self, part: str) -> str | None:
        """The body a phrase ends with (`affidata alla Cooperativa Il Faro` -> `Cooperativa Il
        Faro`): from the last capitalised organisation word on."""
        found = [match for match in self._named_body.finditer(part) if match.group()[:1].isupper()]
        return self.organisation(found[-1].group()) if found else None

    def is_organisation(self, part: str) -> bool:
        """A body by its first word (`Comune di …`, `Associazione …`) or its legal form (`… APS`)."""
        folded = fold(part).rstrip(" .,;")
        return folded.startswith(self._openers) or folded.endswith(self._suffixes)

    def organisation(self, part: str) -> str | None:
        """The body a capitalised part names: itself when it opens with an organisation word
        (`Unione dei Comuni …`, `Casa della Comunità di …`), or the body after `del` in an
        office's name (`Servizio Partecipazione del Comune di Formigine` -> `Comune di Formigine`)."""
        part = part.strip(_PART_EDGES)
        if not part[:1].isupper():
            return None
        if not self._entity_start.match(part) and (cut := self._entity_after_of.search(part)):
            return part[cut.end() :].strip(_PART_EDGES)
        return part

    def split_entity(self, role: str) -> tuple[str, str | None]:
        """`responsabile Servizi Sociali del Comune di Imola` -> (`responsabile Servizi Sociali`,
        `Comune di Imola`); a role naming no body stays whole."""
        cut = self._entity_after_of.search(role)
        if cut is None:
            return self._split_at_body(role)
        if not role[: cut.start()].strip() or self._breaker.search(role, cut.end()):
            return role, None  # `della cooperativa che affianca …` goes on as a clause: no name
        return role[: cut.start()].strip(_PART_EDGES), role[cut.end() :].strip(_PART_EDGES)

    def _split_at_body(self, role: str) -> tuple[str, str | None]:
        """`coordinatrice del progetto Cooperativa sociale La Lanterna` -> (`coordinatrice del
        progetto`, `Cooperativa sociale La Lanterna`): a role in lower case, then with no comma a
        capitalised body of its own (an entity: `Cooperativa`, `Comune di …`) that ends the part.
        An office after a role word stays the role (`responsabile Casa della Salute di …`)."""
        stripped = role.strip(_PART_EDGES)
        for match in self._named_body.finditer(stripped):
            before = stripped[: match.start()].rstrip()
            entity = match.group()[:1].isupper() and bool(self._entity_start.match(match.group()))
            if before[-1:].islower() and not _LINKING_END.search(before) and entity and match.end() == len(stripped):
                return before, match.group()
        return role, None

    def is_office(self, role: str) -> bool:
        """An office written where a role stands (`Servizio Sociale Territoriale`): capitalised,
        no role word."""
        return role[:1].isupper() and not self._role_head.match(role)

    def is_role(self, part: str, strict: bool) -> bool:
        """A role as written: a role word (`educatrice`), an office (`Ufficio di piano …`), or
        in a contacts block (`strict` False) any short phrase that is not a clause."""
        part = part.strip(_PART_EDGES)
        if len(part.split()) > MAX_ROLE_WORDS or _SENTENCE_BREAK.search(part):
            return False  # a sentence, not a role
        if self._role_head.match(part) or part[:1].isupper():
            return True
        return not strict and bool(part) and len(part.split()) <= 4 and not self._breaker.search(part)

    def _bracket_organisation(self, inside: str) -> str | None:
        """A capitalised bracket that is no role names the organisation (`(Comune di Reggio Emilia)`)."""
        if not inside[:1].isupper() or self._role_head.match(inside):
            return None
        if inside.isupper() and not self.is_organisation(inside):
            return ""  # a province (`(BO)`): neither a role nor a body
        return self.organisation(inside)

    def parts(self, rest: str) -> tuple[list[str], str | None]:
        """The parts of the text after a name, and the organisation a bracket names."""
        organisation: str | None = None

        def unbracket(match: re.Match[str]) -> str:
            nonlocal organisation
            inside = match[1].strip()
            found = self._bracket_organisation(inside)
            if found is None:
                return ", " + inside + ", "  # `(coordinatrice del progetto, …)` is read as parts
            if found and organisation is None:
                organisation = found
            return " "

        parts = [part.strip(_PART_EDGES) for part in _PART_SEPARATOR.split(_BRACKET.sub(unbracket, rest))]
        return [part for part in parts if part and not _NUMERIC.fullmatch(part)], organisation

    def _names_body(self, part: str) -> bool:
        return self.is_organisation(part) or (part[:1].isupper() and not self._role_head.match(part))

    def read(self, rest: str, strict: bool, prose: bool = False) -> tuple[str | None, str | None]:
        """(role, organisation) from the text after a name, e-mails and phones removed: the
        first parts are the role, a later part naming a body is the organisation. `strict`: the
        first part must be a role word or capitalised; `prose`: every part must (a sentence
        goes on after the role)."""
        parts, organisation = self.parts(self.clean(rest))
        role_parts: list[str] = []
        for index, part in enumerate(parts):
            if index == 0 and self.is_organisation(part) and not self._role_head.match(part):
                organisation = organisation or self.organisation(part)
            elif index and organisation is None and self._names_body(part):
                organisation = self.organisation(part) or part
            elif (index == 0 or role_parts) and self.is_role(part, prose or (strict and not role_parts)):
                role_parts.append(part)
            else:
                break
        role = ", ".join(role_parts) or None
        if role is not None and organisation is None:
            role, organisation = self.split_entity(role)
        return role, organisation
