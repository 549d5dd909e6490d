"""People named as the contact of a process (SPEC `contacts`): a `Contatti` / `Referente` block,
one person per line with the e-mail and phone lines that follow, or `Nome Cognome: e-mail`.

A person line starts with two or three capitalised words, one of them a first name in the
gazetteer of `gender-guesser` (Italian names); honorifics are dropped. The given name goes
first: the e-mail's local part is the strongest evidence (`poggialid@` makes Poggiali the
surname), then the gazetteer. Phones are found by `phonenumbers` and written as E.164;
e-mails are lower-cased. What follows the name is the role, and a bracketed or
comma-separated `Comune di …` is the organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import phonenumbers

from extract.contact_values import EMAIL, REGION, phones_in
from extract.document import Document, Mention
from extract.extractors import Resources, built_once, extractor
from extract.extractors.regions import contact_block_end, field_blocks
from extract.names import FirstNames, given_name_first
from extract.text import fold, line_spans

NAME = "contacts.v1"
CONFIDENCE = 0.85
INLINE_CONFIDENCE = 0.7
# `Rossi`, `De-Luca`, `Dall'Asta`, `D'Angelo`: a capital, then letters, apostrophes, a hyphen.
_NAME_WORD = r"[A-ZÀ-Ý](?:[a-zà-ÿ]+|['’](?=[A-ZÀ-Ý]))(?:['’]?[A-ZÀ-Ý]?[a-zà-ÿ]+)*(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?"
_OF = re.compile(r"\b(?:di|del|della|dei|degli|delle|per)\s*$", re.IGNORECASE)
_NAME_RUN = re.compile(rf"(?<![\w.@])(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})(?![\w@])")


@dataclass
class _Person:
    name_words: list[str]
    start: int
    end: int
    role: str | None = None
    organisation: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _ContactRules:
    titles: frozenset[str]
    organisation_openers: tuple[str, ...]
    value_labels: re.Pattern[str]


@built_once("contacts.rules")
def _rules(resources: Resources) -> _ContactRules:
    data = resources.config.contacts
    labels = "|".join(sorted((re.escape(label) for label in data["value_labels"]), key=len, reverse=True))
    return _ContactRules(
        titles=frozenset(fold(title).rstrip(".") for title in data["titles"]),
        organisation_openers=tuple(fold(opener) for opener in data["organisation_openers"]),
        value_labels=re.compile(rf"\b(?:{labels})\s*[:.]?\s*", re.IGNORECASE),
    )


@built_once("contacts.first_names")
def _first_names(resources: Resources) -> FirstNames:
    return FirstNames()


def _without_phones(text: str) -> str:
    for match in reversed(list(phonenumbers.PhoneNumberMatcher(text, REGION))):
        text = text[: match.start] + " " + text[match.end :]
    return text


def _role_and_organisation(rest: str, rules: _ContactRules) -> tuple[str | None, str | None]:
    """`Dirigente Servizi Sociali (Comune di Reggio Emilia)` -> role, organisation."""
    rest = rules.value_labels.sub(" ", EMAIL.sub(" ", _without_phones(rest)))
    organisation = None
    if (bracket := re.search(r"\(([^()]+)\)", rest)) and bracket[1].strip()[:1].isupper():
        organisation = bracket[1].strip()  # `(Comune di Reggio Emilia)`; `(coordinatore …)` is a role
        rest = rest[: bracket.start()] + rest[bracket.end() :]
    elif bracket:
        rest = rest[: bracket.start()] + ", " + bracket[1] + rest[bracket.end() :]
    parts = [part.strip(" .;:|-–—") for part in re.split(r",|\||\s[–—-]\s", rest)]
    parts = [part for part in parts if part and not re.fullmatch(r"[\d\s/+.()-]+", part)]
    role_parts = []
    for part in parts:
        if organisation is None and fold(part).startswith(rules.organisation_openers) and role_parts:
            organisation = part
        else:
            role_parts.append(part)
    role = ", ".join(role_parts) or None
    return role, organisation


def _person_line(line: str, rules: _ContactRules, names: FirstNames) -> tuple[list[str], str, int] | None:
    """(name words, the rest of the line, offset of the name) when the line names a person:
    two or three capitalised words with a first name among them, honorifics dropped, after an
    optional lead-in (`referente del progetto Silvia Cavallari, …`), not inside a name
    (`Comune di Reggio Emilia`) nor after an e-mail or a phone."""
    for candidate in _NAME_RUN.finditer(line):
        words = candidate["name"].split()
        offset = candidate.start()
        while words and fold(words[0]).rstrip(".") in rules.titles:
            offset = line.index(words[1], offset) if len(words) > 1 else offset
            words = words[1:]
        if len(words) < 2 or not any(names.is_first_name(word) for word in words):
            continue
        before = line[: candidate.start()]
        if EMAIL.search(before) or re.search(r"\d", before) or _OF.search(before):
            continue
        rest = line[candidate.end() :]
        if rest and rest[0] not in " :,–—-(\t|":
            continue
        return words, rest.lstrip(" :,–—-\t|"), offset
    return None


def _describe(person: _Person, line: str, rules: _ContactRules) -> None:
    role, organisation = _role_and_organisation(line, rules)
    if person.role is None and role and not fold(role).startswith(rules.organisation_openers):
        person.role = role
    elif person.organisation is None:
        person.organisation = organisation or role


def _people(text: str, start: int, end: int, rules: _ContactRules, names: FirstNames) -> list[_Person]:
    people: list[_Person] = []
    paragraph_open = False  # a role on its own line belongs to the person's paragraph only
    for line, line_start, _ in line_spans(text[start:end]):
        if not line:
            paragraph_open = False
            continue
        absolute = start + line_start
        found = _person_line(line, rules, names)
        if found is not None:
            words, rest, offset = found
            name_start = absolute + offset
            person = _Person(words, name_start, name_start + len(" ".join(words)))
            person.role, person.organisation = _role_and_organisation(rest, rules)
            people.append(person)
            paragraph_open = True
        elif not people:
            continue
        elif not EMAIL.search(line) and not phones_in(line):
            if paragraph_open:
                _describe(people[-1], line, rules)  # a role or an organisation on a line of its own
            continue
        person = people[-1]
        person.emails += [email.lower() for email in EMAIL.findall(line) if email.lower() not in person.emails]
        person.phones += [phone for phone in phones_in(line) if phone not in person.phones]
        person.end = max(person.end, absolute + len(line))
    return [person for person in people if person.emails or person.phones or person.role]


def _mention(text: str, person: _Person, names: FirstNames, confidence: float) -> Mention:
    email = person.emails[0] if person.emails else None
    value = {
        "name": given_name_first(person.name_words, email, names),
        "role": person.role,
        "organisation": person.organisation,
        "email": email,
        "phone": person.phones[0] if person.phones else None,
    }
    return Mention("contacts", text[person.start : person.end], value, person.start, person.end, NAME, confidence)


@extractor(NAME, emits=("contacts",))
def extract_contacts(document: Document, resources: Resources) -> list[Mention]:
    rules = _rules(resources)
    text = document.text
    blocks = [
        (item, tag, contact_block_end(document, document.fields.index(item), resources))
        for item, tag, _end in field_blocks(document, resources, "contacts")
    ]
    if not blocks and not EMAIL.search(text):
        return []
    names = _first_names(resources)
    mentions = [
        _mention(text, person, names, CONFIDENCE)
        for item, _tag, block_end in blocks
        for person in _people(text, item.value_start if item.value else item.label_end, block_end, rules, names)
    ]
    covered = [(item.label_start, block_end) for item, _tag, block_end in blocks]
    for line, start, end in line_spans(text):
        if "@" not in line or any(a <= start < b for a, b in covered):
            continue
        for person in _people(text, start, end, rules, names):
            if person.emails and person.role is None:  # `Nome Cognome: e-mail` and nothing else
                mentions.append(_mention(text, person, names, INLINE_CONFIDENCE))
    return mentions
