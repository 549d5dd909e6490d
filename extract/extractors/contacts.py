"""People named as the contact, referente or responsabile of a process (SPEC `contacts`).

Where a document names who is responsible, wherever it does so:

- a contacts block (`Contatti`, `Per informazioni`, `Referente del laboratorio`, `Info e
  iscrizioni`, a labelled `Referente:` …): one person per line, with the role, the
  organisation, the e-mails and phones on that line and the lines that follow;
- a sentence or a line outside any block, when a responsibility cue ties the name to the
  process in the same clause: a role before it (`referente Chiara Benazzi`, `la responsabile
  del progetto, dott.ssa Anna Neri`, `Coordinamento: …`), after it (`Maria Rossi,
  responsabile del progetto`, `Anna Neri (referente)`), or an e-mail or phone beside it;
- a scheda's `Struttura responsabile del processo` or `Gestione di Processo` value.

Names are found by `extract.lexicon.person_names` (capitalisation and the first-name gazetteer); the
given name goes first (the e-mail's local part decides, then the gazetteer). Exclusion cues
before the name (mayors, assessori, authors) and committees (a `Comitato di garanzia` field, a
sentence about its members) make no contact. Where to look is found by substring search for the
cue words, `@` and phone-like digits, and only the stretch of a line around them is read for
names: no document is tokenised.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import NotRequired

from pydantic import with_config
from typing_extensions import TypedDict

from extract.document import Document, LabelledField, Mention
from extract.extractors.base import Extractor, component
from extract.extractors.contact_records import RecordLabels, records
from extract.lexicon.contact_values import EMAIL, RoleReader, phones_in
from extract.lexicon.names import FirstNames
from extract.lexicon.person_names import PersonName, PersonNames
from extract.lexicon.resources import Resources, built_once
from extract.settings import STRICT
from extract.text import fold
from extract.view import CONTACT_VALUE_TAG, CONTACTS_TAG, DocumentView

NAME = "contacts.v1"
BLOCK_CONFIDENCE = 0.85
FIELD_CONFIDENCE = 0.8
PROSE_CONFIDENCE = 0.75
VALUE_CONFIDENCE = 0.7
MAX_COMPLEMENT_WORDS = 6
MAX_HEADING_WORDS = 7
STEM_KEY = 4  # cue words that begin alike share one substring search
BLOCK, FIELD, PROSE = "block", "field", "prose"

# Where one clause of a sentence ends: punctuation, brackets, quotes, a spaced dash, a sentence end.
_BOUNDARY = re.compile(r"[,;:()\[\]«»\"“”]|\s[–—-]\s|[–—]|[.!?](?=\s|$)")
_APPOSITION = frozenset(",:–—-(")
_ARTICLES = frozenset({"", "il", "lo", "la", "l'", "l’", "i", "gli", "le", "un", "una", "uno"})
_OF = re.compile(r"(?<!\w)(?:di|del|della|dei|degli|delle|dello|dell['’]|per)\s*$", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?](?=\s+[«\"“A-ZÀ-Ý])")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[«\"“A-ZÀ-Ý])|[.!?]\s*$")
_PHONE_LIKE = re.compile(r"(?<![\w/])(?:\+39|\(?0\d{1,3}\)?[ ./-]?\d{3,}|3\d{2}[ ./-]?\d{6,7})")  # not a date
_DIGIT_RUN = re.compile(r"[(+03][\d ./)-]{6,}")
_RUNS_ON = (" –", " —", " -", ",")  # a line of details ending so goes on in the next
_DASH = re.compile(r"\s[–—-]\s")  # between the parts of a contact's line
_NAME_EDGE = re.compile(r"[.;:,()«»\"“”\[\]]")
SHORT_LINE = 100  # a line no longer than this is a line of a box, not of running prose
LOOKBACK = 300  # characters before a name read for the clause and sentence it stands in
WINDOW = 240  # characters around a cue, an e-mail or a phone searched for the name it belongs to
_COORDINATION = re.compile(r"[\s,]*(?:(?:e|ed)\s+)?")
_OPENS_BRACKET = re.compile(r"\s*\(\s*")
_BRACKETED = re.compile(r"\([^()]*\)")
_ARTICLE_WORDS = r"(?:(?:il|la|lo|i|gli|le)\s+|l['’]\s*)?"
_ARTICLE = re.compile(rf"^{_ARTICLE_WORDS}", re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[a-z]\))\s+")


@dataclass
class _Person:
    name: PersonName
    confidence: float
    role: str | None = None
    organisation: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    cue: str | None = None  # where the role word that ties the name stands: `before` or `after` it

    def add_values(self, text: str) -> None:
        self.emails += [email.lower() for email in EMAIL.findall(text) if email.lower() not in self.emails]
        self.phones += [phone for phone in phones_in(text) if phone not in self.phones]


def _words(words: list[str]) -> str:
    """An alternation of `words`, longest first; a space in a phrase matches any blank."""
    escaped = (re.escape(word).replace("\\ ", r"\s+") for word in sorted(set(words), key=len, reverse=True))
    return "|".join(escaped)


def _stems(words: list[str]) -> tuple[str, ...]:
    """The shortest beginnings that find every word by substring search (`referente`,
    `referenti` -> `referent`): one `str.find` loop each."""
    stems: dict[str, str] = {}
    for word in sorted({word.lower() for word in words}):
        key = word[:STEM_KEY]
        known = stems.get(key, word)
        common = 0
        while common < min(len(known), len(word)) and known[common] == word[common]:
            common += 1
        stems[key] = word[:common]
    return tuple(stems.values())


def _phrases(words: list[str]) -> re.Pattern[str]:
    """Any of `words` as whole words, case-insensitive."""
    return re.compile(rf"(?<!\w)(?:{_words(words)})(?!\w)", re.IGNORECASE)


@with_config(STRICT)
class ContactsRules(TypedDict):
    about: NotRequired[str]
    titles: list[str]
    name_particles: list[str]
    not_name_words: list[str]
    named_after_words: list[str]
    skip_words: list[str]
    role_cues: list[str]
    role_heads: list[str]
    excluded_cues: list[str]
    political_roles: list[str]
    author_cues: list[str]
    committee_cues: list[str]
    clause_breakers: list[str]
    copulas: list[str]
    block_headings: list[str]
    invitation_cues: list[str]
    value_exclusions: list[str]
    responsible_fields: list[str]
    committee_fields: list[str]
    organisation_suffixes: list[str]
    organisation_suffixes_about: NotRequired[str]
    record_labels: dict[str, list[str]]
    record_labels_about: NotRequired[str]
    organisation_labels: list[str]
    organisation_openers: list[str]
    entity_openers: list[str]
    value_labels: list[str]
    max_name_tokens: int


@dataclass(frozen=True)
class _Rules:
    names: PersonNames
    reader: RoleReader
    cue: re.Pattern[str]
    excluded: re.Pattern[str]
    author: re.Pattern[str]
    committee: re.Pattern[str]
    political: re.Pattern[str]
    breaker: re.Pattern[str]
    copula: re.Pattern[str]
    heading: re.Pattern[str]
    heading_line: re.Pattern[str]
    cue_stems: tuple[str, ...]
    organisation_label: re.Pattern[str]
    invitation: re.Pattern[str]
    value_exclusion: re.Pattern[str]
    responsible_fields: frozenset[str]
    committee_fields: frozenset[str]
    records: RecordLabels


def compile_rules(data: ContactsRules, resources: Resources) -> _Rules:
    """The settings of `schemas/contacts.json`, compiled once when the component is built."""
    cue = _phrases(data["role_cues"])
    headings = _words(data["block_headings"])
    return _Rules(
        names=PersonNames(data, _first_names(resources), resources.gazetteer),
        reader=RoleReader(data),
        cue=cue,
        excluded=_phrases(data["excluded_cues"]),
        author=_phrases(data["author_cues"]),
        committee=_phrases(data["committee_cues"]),
        political=_phrases(data["political_roles"]),
        breaker=_phrases(data["clause_breakers"]),
        copula=re.compile(rf"\s(?:{_words(data['copulas'])})\s*$", re.IGNORECASE),
        heading=re.compile(rf"(?:{headings})(?!\w)", re.IGNORECASE),
        heading_line=re.compile(
            rf"^[ \t]*(?:\d+(?:\.\d+)*\.?[ \t]+)?{_ARTICLE_WORDS}(?:{headings})(?!\w)[^\n]*",
            re.IGNORECASE | re.MULTILINE,
        ),
        cue_stems=_stems(data["role_cues"]),
        organisation_label=re.compile(
            rf"^\s*(?:{_words(data['organisation_labels'])})\s*:\s*(?P<value>[^\n(–—]+)", re.IGNORECASE | re.MULTILINE
        ),
        invitation=_phrases(data["invitation_cues"]),
        value_exclusion=_phrases(data["value_exclusions"]),
        responsible_fields=frozenset(fold(label) for label in data["responsible_fields"]),
        committee_fields=frozenset(fold(label) for label in data["committee_fields"]),
        records=RecordLabels(data),
    )


@built_once("contacts.first_names")
def _first_names(resources: Resources) -> FirstNames:
    return FirstNames()


# --- clauses around a name -------------------------------------------------------------------


def _blank(clause: str) -> bool:
    return clause.strip().lower() in _ARTICLES


def _clause_before(pre: str) -> tuple[str, int]:
    """The clause that ends where the name begins (with its offset in `pre`); past an
    apposition's comma or a label's colon when nothing but an article stands between
    (`la responsabile del progetto, dott.ssa Anna Neri`, `Referente: Anna Neri`)."""
    boundaries = list(_BOUNDARY.finditer(pre))
    if not boundaries:
        return pre, 0
    last = boundaries[-1]
    if not _blank(pre[last.end() :]):
        return pre[last.end() :], last.end()
    if last.group().strip() not in _APPOSITION:
        return "", len(pre)
    start = boundaries[-2].end() if len(boundaries) > 1 else 0
    return pre[start : last.start()], start


def _first_part(post: str) -> str:
    """The clause right after a name: up to the next comma, bracket or dash, or a whole bracket."""
    post = post.lstrip(" \t:,–—-")
    if post.startswith("("):
        close = post.find(")")
        return post[1:close] if close > 0 else post[1:]
    match = _BOUNDARY.search(post)
    return post[: match.start()] if match else post


def _cue_role(clause: str, rules: _Rules) -> tuple[str, int] | None:
    """The role a clause before a name gives it (`… referente del progetto` -> `referente del
    progetto`; `il referente è …` -> `referente`) and where it starts: its last cue and what
    follows, a short complement that is no new clause."""
    cues = list(rules.cue.finditer(clause))
    if not cues:
        return None
    complement = rules.copula.sub("", clause[cues[-1].end() :])
    if rules.breaker.search(complement) or len(complement.split()) > MAX_COMPLEMENT_WORDS:
        return None
    role = rules.copula.sub("", clause[cues[-1].start() :])
    return role.strip(" \t,:;–—-"), cues[-1].start()


def _post_cue(part: str, rules: _Rules) -> str | None:
    """The role a clause after a name gives it, when it holds a cue with no new clause before
    it (`una delle due Referenti del progetto` -> `Referenti del progetto`)."""
    cue = rules.cue.search(part)
    if cue is None or rules.breaker.search(part[: cue.start()]):
        return None
    return part.strip(" \t.,;") if cue.start() == 0 else part[cue.start() :].strip(" \t.,;")


def _sentence_start(text: str, line_start: int, position: int) -> int:
    """Where the sentence holding `position` starts: after a full stop before a capital."""
    breaks = _SENTENCE_BREAK.finditer(text, line_start, position + 2)  # the capital may be the first past it
    ends = [match.end() for match in breaks if match.end() <= position]
    return ends[-1] if ends else line_start


def _sentence_end(text: str, position: int, limit: int) -> int:
    match = _SENTENCE_END.search(text, position, limit)
    return match.end() if match else limit


# --- one line ----------------------------------------------------------------------------------


def _owned(pre: str, at_line_start: bool) -> bool:
    """A name after `di`/`del` that belongs to something else: a byline at the line's start
    (`di Marta Ferrari`), or a body or place named after a person (`Comune di …`, `Casa di …`).
    After a common noun it is the person's own mention (`il lavoro di Anna Neri, referente`)."""
    of = _OF.search(pre)
    if of is None:
        return False
    before = pre[: of.start()].rstrip()
    if not before:
        return at_line_start
    word = re.search(r"[^\W\d_]+['’]?$", before)
    return word is None or word.group()[:1].isupper()


def _excluded(line: _Line, name: PersonName, clause: str) -> bool:
    """Authors, mayors, assessori, presidents and committee members are not contacts."""
    text, rules, reach = line.text, line.rules, line.reach(name)
    pre = text[reach : name.lead_start]
    if _owned(pre, reach == line.start) or rules.author.search(clause) or rules.excluded.search(clause):
        return True
    if line.mode == BLOCK:
        return bool(EMAIL.search(pre) or _PHONE_LIKE.search(pre))
    sentence = text[_sentence_start(text, reach, name.lead_start) : name.lead_start]
    return bool(rules.committee.search(sentence) or rules.author.search(sentence))


@dataclass(frozen=True)
class _Line:
    """A line being read for people: where it is, how (`mode`), and the names found on it."""

    text: str
    start: int
    end: int
    mode: str
    rules: _Rules
    names: list[PersonName]

    def reach(self, name: PersonName) -> int:
        """How far back from a name the line is read for its clause (a paragraph may be one line)."""
        return max(self.start, name.lead_start - LOOKBACK)

    def after_previous(self, index: int) -> int:
        """Where the name before `names[index]` on the line ends (the line's start for the first)."""
        return self.names[index - 1].end if index else self.start

    def segment_end(self, index: int) -> int:
        """Where what is written after `names[index]` ends: at the next name, or the line's end."""
        return self.names[index + 1].lead_start if index + 1 < len(self.names) else self.end


def _line_people(
    text: str, line_start: int, line_end: int, mode: str, rules: _Rules, window: tuple[int, int] | None = None
) -> list[_Person]:
    """The people a line names (in `window` of it, if given), each with the role, organisation
    and values written beside it. Names joined by `e` or a comma share a role written before
    the first (`referenti Anna Neri e Luca Bassi`) or after the last (`Anna Neri e Luca Bassi,
    referenti del progetto`)."""
    first, last = window or (line_start, line_end)
    found = rules.names.find(text, first, last)
    names = [  # a name in the brackets right after a person's (`Matteo Govoni (Emporio La Spesa Giusta)`) is theirs
        name
        for index, name in enumerate(found)
        if not (index and _OPENS_BRACKET.fullmatch(text[found[index - 1].end : name.lead_start]))
    ]
    line = _Line(text, line_start, line_end, mode, rules, names)
    people = [_judge(line, index) for index in range(len(line.names))]
    for index in range(1, len(people)):  # forwards: a role before the first name
        _share(line, people, index - 1, index)
    for index in range(len(people) - 2, -1, -1):  # backwards: a role after the last one
        _share(line, people, index + 1, index)
    return [person for person in people if person is not None]


def _share(line: _Line, people: list[_Person | None], source: int, target: int) -> None:
    """Give `people[target]` the role of its neighbour `people[source]` when only `e` or a comma
    stands between them and the role is written on the far side of the neighbour."""
    giver, taker = people[source], people[target]
    far_side = "before" if source < target else "after"
    if giver is None or giver.cue != far_side or (taker is not None and taker.role is not None):
        return
    gap = line.text[line.names[min(source, target)].end : line.names[max(source, target)].lead_start]
    if not _COORDINATION.fullmatch(_BRACKETED.sub("", gap)):
        return
    shared = _judge(line, target, giver.role)
    if shared is not None:
        shared.organisation = (taker.organisation if taker else None) or shared.organisation
        people[target] = shared


def _own_clause(line: _Line, index: int) -> tuple[str, int]:
    """The clause before `names[index]` (see `_clause_before`), no further back than the name
    before it, and where it starts in the text."""
    name = line.names[index]
    reach = max(line.reach(name), line.after_previous(index))
    clause, start = _clause_before(line.text[reach : name.lead_start])
    return clause, reach + start


def _judge(line: _Line, index: int, shared_role: str | None = None) -> _Person | None:
    """The person `names[index]` is, if the line ties them to the process: always in a block or
    a field; in prose by a cue in the same clause, an e-mail or phone after the name, or the
    role of a coordinated name (`shared_role`)."""
    text, name, rules = line.text, line.names[index], line.rules
    clause, clause_start = _own_clause(line, index)
    if _excluded(line, name, clause):
        return None
    segment_end = line.segment_end(index)
    if line.mode != BLOCK:
        segment_end = min(segment_end, _sentence_end(text, name.end, segment_end))
    post = text[name.end : segment_end]
    first = _first_part(post)
    if line.mode != BLOCK and (rules.excluded.search(first) or rules.committee.search(first)):
        return None
    cue_role = _cue_role(clause, rules)
    post_role = _post_cue(first, rules)
    person = _Person(name, {BLOCK: BLOCK_CONFIDENCE, FIELD: FIELD_CONFIDENCE}.get(line.mode, PROSE_CONFIDENCE))
    person.cue = "before" if cue_role else "after" if post_role else None
    person.add_values(post)
    if line.mode == PROSE and person.cue is None and shared_role is None:
        if not (person.emails or person.phones):
            return None
        person.confidence = VALUE_CONFIDENCE
    if name.foreign and not (person.emails or person.phones):
        return None
    _describe_person(line, person, post, post_role or (cue_role[0] if cue_role else None) or shared_role)
    if person.organisation is None:
        role_start = clause_start + cue_role[1] if cue_role else name.lead_start
        before = text[max(line.reach(name), line.after_previous(index)) : role_start]
        person.organisation = _organisation_before(text, before, line.mode == PROSE, rules)
    return person


def _describe_person(line: _Line, person: _Person, post: str, cue_role: str | None) -> None:
    """Role and organisation from what follows the name (`, coordinatrice del progetto (Comune di
    …)`), else the role the cue gives (`cue_role`); an office after a role label is not the role."""
    reader = line.rules.reader
    described = line.mode == BLOCK and post.lstrip(" \t")[:1] in (":", "–", "—", "-")  # `Nome Cognome: ruolo`
    person.role, person.organisation = reader.read(post, strict=not described, prose=line.mode != BLOCK)
    if person.cue == "before" and person.role and reader.is_office(person.role):
        person.role = None  # `Referente del processo: Bellei Roberta – Servizio Sociale`: the label is the role
    if person.role is None and cue_role is not None:
        person.role = cue_role
        if person.organisation is None:
            person.role, person.organisation = reader.split_entity(cue_role)


def _organisation_before(text: str, pre: str, nearest: bool, rules: _Rules) -> str | None:
    """A body named earlier on the line (`Ufficio Servizi del Comune di Copparo, referente …`),
    or the body of the office named there, as the document writes it elsewhere (`Area Welfare,
    referente …` under a header `Unione dei Comuni della Bassa Romagna – Area Welfare`). In a
    sentence (`nearest`), only a body just before the role: `Cooperativa Il Faro (referente …)`."""
    parts = [part.strip(" \t.–—-") for part in re.split(r"[,;:()]|\s[–—-]\s", pre)]
    parts = [part for part in parts if part]
    if nearest:
        return rules.reader.organisation_within(parts[-1]) if parts else None
    parts = [part for part in parts if not _heading_line(part, rules)]
    for part in reversed(parts):
        if rules.reader.is_organisation(part) or rules.reader.split_entity(part)[1]:
            return rules.reader.organisation(part) or part
    office = parts[-1] if parts and parts[-1][:1].isupper() and len(parts[-1].split()) <= MAX_HEADING_WORDS else None
    return _office_body(text, office, rules) if office else None


def _office_body(text: str, office: str, rules: _Rules) -> str | None:
    """The body an office belongs to on another line that names both (`ENTE – Ufficio`)."""
    for match in re.finditer(rf"(?<!\w){re.escape(office)}(?!\w)", text):
        line_start, line_end = _line_bounds(text, match.start())
        for part in re.split(r"\s[–—-]\s|[|·]", text[line_start:line_end]):
            part = part.strip(" \t.,;:")
            if part != office and rules.reader.is_organisation(part):
                return rules.reader.organisation(part)
    return None


# --- blocks ------------------------------------------------------------------------------------


def _heading_line(line: str, rules: _Rules) -> bool:
    """A line that opens a contacts block: a short heading (`Per saperne di più`, `Referente
    del laboratorio`, `5. Referenti`) alone or before a colon (`Per informazioni e iscrizioni: …`)."""
    head = _ARTICLE.sub("", _NUMBERING.sub("", line.split(":", 1)[0]).strip(" \t–—-"), count=1)
    return (
        bool(head)
        and rules.heading.match(head) is not None
        and len(head.split()) <= MAX_HEADING_WORDS
        and not re.search(r"[\d@,.;()]", head)
    )


def _line_bounds(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


def _blocks(view: DocumentView, rules: _Rules) -> list[tuple[int, int]]:
    """Spans of the contacts blocks: labelled (`Contatti:`) and headed (`Per informazioni`)."""
    document = view.document
    text = document.text
    spans = []
    for item, _tag, _end in view.field_blocks(CONTACTS_TAG):
        start = _line_bounds(text, item.label_start)[0]
        spans.append((start, view.contact_block_end(document.fields.index(item))))
    for match in rules.heading_line.finditer(text):
        if _heading_line(match.group(), rules):
            spans.append((match.start(), view.contact_paragraphs_end(match.end(), len(text))))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _description(line: str) -> bool:
    """A line of its own under a person that may give the role or the organisation: no address,
    opening hours, e-mail or phone (`Via dei Mille 9`, `Orari: …`)."""
    return not re.search(r"[\d@:]", line)


def _block_people(text: str, start: int, end: int, rules: _Rules) -> list[_Person]:
    """The people of a contacts block, one line each, with the values and descriptions on the
    lines under them; a mayor or assessore listed there is still no contact."""
    people, taken = _record_people(text, start, end, rules)
    header_organisation = None
    heading_role = None
    paragraph_open = False  # a role on its own line belongs to the person's paragraph only
    for line_start, line_end in _lines(text, start, end):
        if line_start in taken:
            continue
        line = text[line_start:line_end]
        if not line.strip():
            paragraph_open = False
            continue
        found = _line_people(text, line_start, line_end, BLOCK, rules)
        if found:
            for person in found:
                person.role = person.role or heading_role
                person.organisation = person.organisation or header_organisation
            people += found
            heading_role, paragraph_open = None, True
            continue
        has_values = "@" in line or bool(phones_in(line))
        if people and has_values:
            if _name_only(people[-1]) and (details := _details_before_values(line)):
                # a name set apart from its details (`Francesca Nanni –` / `assistente sociale, Ente – tel. …`)
                _describe(details, people[-1:], rules, heading_role, header_organisation)
            people[-1].add_values(line)
        elif not has_values and _description(line):
            # a person's paragraph, or the one right under a name set apart (in bold) from its details
            above = people if paragraph_open or (people and _name_only(people[-1])) else []
            paragraph_open = bool(above)  # the details' paragraph goes on being that person's
            heading_role, header_organisation = _describe(line, above, rules, heading_role, header_organisation)
    return [
        person
        for person in people
        if (person.emails or person.phones or person.role) and not (person.role and rules.political.match(person.role))
    ]


def _details_before_values(line: str) -> str | None:
    """The role and organisation that open a line of values, up to the first part (between
    dashes) holding a phone, an e-mail or a label's colon; None when the line opens with a value."""
    parts = _DASH.split(line)
    opening = list(itertools.takewhile(_description, parts))
    if len(opening) == len(parts):
        return None
    return " – ".join(opening).strip() or None


def _name_only(person: _Person) -> bool:
    return not (person.role or person.organisation or person.emails or person.phones)


def _record_people(text: str, start: int, end: int, rules: _Rules) -> tuple[list[_Person], set[int]]:
    """The people of a block written as labelled records, and the starts of the lines they take."""
    found, taken = records(_lines(text, start, end), text, rules.records)
    people = []
    for record in found:
        names = rules.names.find(text, *record.name)
        if not names:
            continue
        person = _Person(names[0], BLOCK_CONFIDENCE)
        person.role = text[slice(*record.role)].strip(" .;,") if record.role else None
        person.organisation = text[slice(*record.organisation)].strip(" .;,") if record.organisation else None
        for value in record.values:
            person.add_values(text[slice(*value)])
        people.append(person)
    return people, taken if people else set()


def _describe(
    line: str, people: list[_Person], rules: _Rules, heading_role: str | None, header_organisation: str | None
) -> tuple[str | None, str | None]:
    """A line without a name: the role or organisation of the person above it, or (before any
    person) a heading's role (`Referente del laboratorio`) and a header's organisation."""
    role, organisation = rules.reader.read(line, strict=False)
    if people:
        person = people[-1]
        if person.role is None and role is not None:
            person.role = role
            person.organisation = person.organisation or organisation
        elif person.organisation is None:
            person.organisation = organisation or (role if role and rules.reader.is_organisation(role) else None)
        return heading_role, header_organisation
    head = _ARTICLE.sub("", _NUMBERING.sub("", line).strip(" \t:–—-"), count=1)
    if _heading_line(line, rules):
        cue = rules.cue.match(head)
        return (head if cue else heading_role), header_organisation
    return heading_role, header_organisation or organisation


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    position = start
    while position <= end:
        newline = text.find("\n", position, end)
        line_end = end if newline < 0 else newline
        spans.append((position, line_end))
        if newline < 0:
            break
        position = newline + 1
    return spans


# --- fields, prose, and the whole document -------------------------------------------------------


def _field_people(text: str, fields: list[LabelledField], rules: _Rules) -> list[_Person]:
    """People named in a scheda's `Struttura responsabile del processo` (the field is the cue)."""
    people = []
    for item in fields:
        if item.key in rules.responsible_fields and item.value.strip():
            for start, end in _run_on_lines(item.value_lines()):
                people += _line_people(text, start, end, FIELD, rules)
    return people


def _run_on_lines(lines: list[tuple[str, int]]) -> list[tuple[int, int]]:
    """(start, end) of a value's lines, a line that ends on a separator (`… – tel. 0547 698125 –`)
    run on into the next, which holds the rest of its details (the e-mail)."""
    spans: list[tuple[int, int]] = []
    goes_on = False
    for line, offset in lines:
        if goes_on and spans:
            spans[-1] = (spans[-1][0], offset + len(line))
        else:
            spans.append((offset, offset + len(line)))
        goes_on = line.rstrip().endswith(_RUNS_ON)
    return spans


def _committee_spans(document: Document, rules: _Rules) -> list[tuple[int, int]]:
    return [(item.label_start, item.value_end) for item in document.fields if item.key in rules.committee_fields]


def _prose_people(text: str, marks: list[tuple[int, int]], skip: list[tuple[int, int]], rules: _Rules) -> list[_Person]:
    """People near a cue, an e-mail or a phone outside blocks: each is read on its line, but
    only the stretch of the line around those marks is searched for names."""
    windows: list[list[int]] = []  # line start, line end, window start, window end
    for position, mark_end in marks:
        if windows and windows[-1][0] <= position < windows[-1][1] and position < windows[-1][3]:
            windows[-1][3] = _snap(text, mark_end + WINDOW, windows[-1][1], forwards=True)
            continue
        if _inside(position, skip):
            continue
        line_start, line_end = _line_bounds(text, position)
        start = _snap(text, position - WINDOW, line_start, forwards=False)
        end = _snap(text, mark_end + WINDOW, line_end, forwards=True)
        if windows and windows[-1][0] == line_start and start <= windows[-1][3]:
            windows[-1][3] = end
        else:
            windows.append([line_start, line_end, start, end])
    people = [
        person
        for line_start, line_end, start, end in windows
        for person in _line_people(text, line_start, line_end, PROSE, rules, (start, end))
    ]
    for person in people:
        _read_short_lines(text, person, rules)
    return people


def _read_short_lines(text: str, person: _Person, rules: _Rules) -> None:
    """A person on a short line of a paragraph of short lines (an unlabelled contacts box):
    the e-mails and phones on the lines below, the organisation on the line above."""
    line_start, line_end = _line_bounds(text, person.name.start)
    if line_end - line_start > SHORT_LINE:
        return
    position = line_end + 1
    while position < len(text):
        below_start, below_end = _line_bounds(text, position)
        below = text[below_start:below_end]
        if not below.strip() or len(below) > SHORT_LINE or rules.names.find(text, below_start, below_end):
            break
        person.add_values(below)
        position = below_end + 1
    if person.organisation is None and line_start > 0:
        above_start, above_end = _line_bounds(text, line_start - 1)
        above = text[above_start:above_end]
        if above.strip() and len(above) <= SHORT_LINE and _description(above):
            person.organisation = rules.reader.read(above, strict=False)[1]


def _marks(text: str, rules: _Rules) -> list[tuple[int, int]]:
    """(start, end) of every cue word, `@` and phone number, in order. Plain substring search
    and a cheap digit pattern, checked afterwards: a regex over the whole text costs more."""
    lower = text.lower()
    marks = []
    for stem in rules.cue_stems:
        position = lower.find(stem)
        while position >= 0:
            cue = rules.cue.match(text, position)
            if cue is not None and not lower[position - 1 : position].isalpha():
                marks.append((position, cue.end()))
            position = lower.find(stem, position + len(stem))
    position = text.find("@")
    while position >= 0:
        marks.append((position, position + 1))
        position = text.find("@", position + 1)
    for digits in _DIGIT_RUN.finditer(text):
        phone = _PHONE_LIKE.match(text, digits.start())
        if phone and not text[digits.start() - 1 : digits.start()].isalnum():
            marks.append((phone.start(), phone.end()))
    return sorted(marks)


def _snap(text: str, position: int, limit: int, forwards: bool) -> int:
    """`position` moved to where no name can be cut in two: past the nearest punctuation
    towards `limit` (the line's end or start), or `limit` itself."""
    if forwards:
        if position >= limit:
            return limit
        found = _NAME_EDGE.search(text, position, limit)
        return found.start() if found else limit
    if position <= limit:
        return limit
    edges = [match.end() for match in _NAME_EDGE.finditer(text, max(limit, position - WINDOW), position)]
    return edges[-1] if edges else limit


def _organisation_by_label(text: str, person: _Person, rules: _Rules) -> str | None:
    """In a paragraph of `Label: value` lines (a report's identity section), the body of its
    `Soggetto richiedente:` line is the organisation of the responsabile it names."""
    start = text.rfind("\n\n", 0, person.name.start)
    end = text.find("\n\n", person.name.end)
    paragraph = text[start + 1 if start >= 0 else 0 : end if end >= 0 else len(text)]
    match = rules.organisation_label.search(paragraph)
    return match["value"].strip(" .;,") if match else None


def _key(person: _Person, rules: _Rules) -> str:
    return fold(rules.names.given_first(person.name.words, person.emails[0] if person.emails else None))


def _merged(people: list[_Person], rules: _Rules) -> list[_Person]:
    """One row per person: the first mention's role and organisation, values from any mention."""
    by_key: dict[str, _Person] = {}
    for person in people:
        kept = by_key.setdefault(_key(person, rules), person)
        if kept is person:
            continue
        kept.role = kept.role or person.role
        kept.organisation = kept.organisation or person.organisation
        kept.emails += [email for email in person.emails if email not in kept.emails]
        kept.phones += [phone for phone in person.phones if phone not in kept.phones]
    return list(by_key.values())


def _mention(text: str, person: _Person, rules: _Rules) -> Mention:
    email = person.emails[0] if person.emails else None
    value = {
        "name": rules.names.given_first(person.name.words, email),
        "role": person.role,
        "organisation": person.organisation,
        "email": email,
        "phone": person.phones[0] if person.phones else None,
    }
    start, end = person.name.start, person.name.end
    return Mention("contacts", text[start:end], value, start, end, NAME, person.confidence)


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)


def _outside_blocks(fields: list[LabelledField], blocks: list[tuple[int, int]]) -> list[LabelledField]:
    return [item for item in fields if not _inside(item.label_start, blocks)] if blocks else fields


@component
class Contacts(Extractor):
    name = NAME
    emits = ("contacts",)
    consumes = (CONTACTS_TAG, CONTACT_VALUE_TAG)
    settings_file = "contacts.json"
    Settings = ContactsRules

    def __init__(self, resources: Resources, settings: ContactsRules) -> None:
        super().__init__(resources, settings)
        self.rules = compile_rules(settings, resources)

    def __call__(self, view: DocumentView) -> list[Mention]:
        document = view.document
        rules = self.rules
        text = document.text
        blocks = _blocks(view, rules)
        people = [person for start, end in blocks for person in _block_people(text, start, end, rules)]
        fields = _outside_blocks(document.fields, blocks)
        people += _field_people(text, fields, rules)
        field_spans = [(item.label_start, item.value_end) for item in fields if item.key in rules.responsible_fields]
        marks = _marks(text, rules)
        people += _prose_people(text, marks, blocks + field_spans + _committee_spans(document, rules), rules)
        for person in people:
            if (
                person.organisation is None
                and ":" in text[_line_bounds(text, person.name.start)[0] : person.name.start]
            ):
                person.organisation = _organisation_by_label(text, person, rules)
        people = _merged(people, rules)
        if len(people) == 1 and not (people[0].emails and people[0].phones):
            _fill_from_invitation(text, marks, people[0], rules)
        return [_mention(text, person, rules) for person in people]


def _fill_from_invitation(text: str, marks: list[tuple[int, int]], person: _Person, rules: _Rules) -> None:
    """The one contact of a document takes the e-mail and phone the document gives for the
    process (`Per iscriversi si può scrivere a … oppure chiamare lo …`) when it has none of its
    own; a press office's, a switchboard's or a toll-free number is not theirs."""
    for position, mark_end in marks:
        if text[position] != "@" and not _PHONE_LIKE.match(text, position):
            continue
        line_start, line_end = _line_bounds(text, position)
        sentence = text[_sentence_start(text, line_start, position) : _sentence_end(text, mark_end, line_end)]
        if not rules.invitation.search(sentence) or rules.value_exclusion.search(sentence):
            continue
        if text[position] == "@" and not person.emails:
            spanning = [found for found in EMAIL.finditer(text, line_start, line_end) if found.start() < position]
            person.emails += [spanning[-1].group().lower()] if spanning else []
        elif text[position] != "@" and not person.phones:
            person.phones += phones_in(text[position:line_end])[:1]
