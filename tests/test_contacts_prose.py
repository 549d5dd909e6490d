"""Contacts wherever a document names who is responsible for the process: the cases that need
more than one row or more than a row's keys to say (shared roles, names met twice, a report's
identity section), and the name readers beneath. The single-row examples and the look-alikes
that must give none are data in `schemas/examples/contacts.v1.jsonl`. All text written for
these tests."""

from __future__ import annotations

import pytest

from extract.config import load_config
from extract.lexicon.names import FirstNames, given_name_first
from extract.lexicon.person_names import PersonNames
from extract.loaders.text_loader import load_text
from extract.pipeline import Pipeline

CONFIG = load_config()
PIPELINE = Pipeline(CONFIG)
RESOURCES = PIPELINE.resources
CONTACT_RULES = PIPELINE.component("contacts.v1").settings  # schemas/contacts.json, as the component read it
NAMES = PersonNames(CONTACT_RULES, FirstNames(), RESOURCES.gazetteer)


def _contacts(text: str, doc_type: str = "other") -> list[dict]:
    document = load_text(text.encode(), "test", "test.txt", CONFIG)
    document.doc_type = doc_type
    return [mention.value for mention in PIPELINE.run_one("contacts.v1", document)]


def _page(body: str) -> str:
    return f"Un percorso per il quartiere\n\nIl Comune ha avviato il percorso partecipativo.\n\n{body}\n"


@pytest.mark.parametrize(
    "body",
    [
        "Anna Neri e Luca Bassi, referenti del progetto, hanno guidato la passeggiata.",
        "Referenti: Anna Neri (Comune di Zocca) e Luca Bassi (Ausl di Modena)",
        "Hanno parlato Anna Neri, referente del Comune, e Luca Bassi, responsabile dell'Ausl.",
    ],
)
def test_names_joined_by_e_share_the_role(body: str) -> None:
    rows = _contacts(_page(body))
    assert [row["name"] for row in rows] == ["Anna Neri", "Luca Bassi"]
    assert all(row["role"] for row in rows)


def test_a_mayor_beside_a_referente_is_left_out() -> None:
    rows = _contacts(_page("Al tavolo sedevano il sindaco Mario Fabbri e la referente del percorso Giulia Sarti."))
    assert [(row["name"], row["role"]) for row in rows] == [("Giulia Sarti", "referente del percorso")]


def test_scheda_responsible_structure_names_the_contact() -> None:
    text = (
        "Un percorso per il quartiere\n\nStato di avanzamento\nConcluso\n\nGestione di Processo\n\n"
        "Struttura responsabile del processo\nSettore Welfare, Comune di Zocca – dott.ssa Carla Mancini\n\n"
        "Comitato di Garanzia locale\nNe fanno parte Anna Riva (referente) e Paolo Serra.\n\n"
        "Titolari della decisione\nGiunta comunale, sindaco Marco Bellini\n"
    )
    rows = _contacts(text, "scheda")
    assert [(row["name"], row["organisation"]) for row in rows] == [("Carla Mancini", "Comune di Zocca")]


def test_a_responsible_structure_line_ending_on_a_dash_goes_on_with_its_e_mail() -> None:
    text = (
        "Un percorso per il quartiere\n\nStato di avanzamento\nConcluso\n\n"
        "Struttura responsabile del processo\nSettore Cultura. Responsabile del procedimento: dott. Andrea Zanotti – "
        "tel. 0547 698125 –\na.zanotti@comune.example.it\n\nIndirizzo\nLargo De Gasperi 9\n"
    )
    rows = _contacts(text, "scheda")
    assert [(row["name"], row["email"], row["phone"]) for row in rows] == [
        ("Andrea Zanotti", "a.zanotti@comune.example.it", "+390547698125")
    ]


def test_scheda_process_management_value_names_the_contact() -> None:
    text = (
        "Un percorso per il quartiere\n\nStato di avanzamento\nConcluso\n\n"
        "Gestione di Processo\nProcesso seguito dalla referente del Comune, geom. Anna Bertelli\n\n"
        "Titolari della decisione\nGiunta comunale\n"
    )
    rows = _contacts(text, "scheda")
    assert [(row["name"], row["role"]) for row in rows] == [("Anna Bertelli", "referente del Comune")]


@pytest.mark.parametrize(
    "title", ["dott.", "dott.ssa", "Dott.ssa", "ing.", "arch.", "geom.", "avv.", "prof.", "prof.ssa"]
)
def test_honorifics_are_dropped(title: str) -> None:
    rows = _contacts(_page(f"Referente del progetto: {title} Carla Bassi"))
    assert [row["name"] for row in rows] == ["Carla Bassi"]


def test_scheda_office_without_a_person_gives_nothing() -> None:
    text = (
        "Un percorso per il quartiere\n\nStato di avanzamento\nConcluso\n\n"
        "Struttura responsabile del processo\nReferente del Servizio Civile per il Comune di Zocca\n"
    )
    assert _contacts(text, "scheda") == []


def test_a_name_named_twice_is_one_row_with_every_value() -> None:
    body = (
        "«Abbiamo ascoltato tutti», racconta Giorgio Ferrante, responsabile del progetto.\n\n"
        "Contatti\nGiorgio Ferrante\ntel. 0543 712345 – g.ferrante@esempio.it"
    )
    rows = _contacts(_page(body))
    assert rows == [
        {
            "name": "Giorgio Ferrante",
            "role": "responsabile del progetto",
            "organisation": None,
            "email": "g.ferrante@esempio.it",
            "phone": "+390543712345",
        }
    ]


def test_a_report_identity_section_gives_the_organisation() -> None:
    body = (
        "Soggetto richiedente: Comune di Zocca\nResponsabile del progetto: Gatti Lucia, Responsabile Servizi Sociali\n"
        "e-mail: l.gatti@comune.zocca.example.it – tel. 059 987 654"
    )
    assert _contacts(_page(body)) == [
        {
            "name": "Lucia Gatti",
            "role": "Responsabile Servizi Sociali",
            "organisation": "Comune di Zocca",
            "email": "l.gatti@comune.zocca.example.it",
            "phone": "+39059987654",
        }
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("la referente Anna Maria De Luca ha detto", ("Anna", "Maria", "De", "Luca")),
        ("Referente: De Luca Anna", ("De", "Luca", "Anna")),
        ("contattare Monica Dall'Asta entro", ("Monica", "Dall'Asta")),
        ("Spiega Maria Rossi, referente", ("Maria", "Rossi")),
        ("Dott Mario Bianchi", ("Mario", "Bianchi")),
        ("in Piazza Felice Orsini", None),
        ("a Reggio Emilia", None),
        ("in Emilia Romagna", None),
        ("dell'Unione Reno Galliera", None),
        ("il Consiglio Comunale", None),
    ],
)
def test_person_names(text: str, expected: tuple[str, ...] | None) -> None:
    found = NAMES.find(text)
    assert (found[0].words if found else None) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["De", "Luca", "Anna"], "Anna De Luca"),
        (["Anna", "Maria", "De", "Luca"], "Anna Maria De Luca"),
        (["Zoli", "Andrea"], "Andrea Zoli"),
        (["Dall'Asta", "Monica"], "Monica Dall'Asta"),
    ],
)
def test_given_name_first_with_particles(words: list[str], expected: str) -> None:
    particles = frozenset(CONTACT_RULES["name_particles"])
    assert given_name_first(words, None, FirstNames(), particles) == expected


@pytest.mark.parametrize("separator", [": ", "\n\n"], ids=["value_after_a_colon", "value_on_the_next_line"])
def test_contacts_written_as_labelled_records(separator: str) -> None:
    """A form's contacts: one field a line (`Cognome e nome`, `Ruolo`, `Ente / organizzazione`,
    `Telefono`, `E-mail`), the value after a colon or on its own line; an empty E-mail is none."""

    def record(name: str, role: str, organisation: str, phone: str, email: str) -> str:
        fields = [("Cognome e nome", name), ("Ruolo", role), ("Ente / organizzazione", organisation)]
        fields += [("Telefono", phone), ("E-mail", email)]
        return "\n\n".join(f"{label}{separator}{value}" if value else label for label, value in fields)

    body = "Contatti\n\nReferente 1\n\n" + record(
        "Tumiati Marta", "assistente sociale", "Comune di Mesola", "0533 993127", "marta.tumiati@comune-mesola.it"
    )
    body += "\n\nReferente 2\n\n" + record(
        "Cavallari Sergio", "coordinatore dei volontari", "Associazione Il Ponte", "340 7719305", ""
    )
    found = {row["name"]: row for row in _contacts(_page(body + "\n\nLuogo e data\n\nMesola, 14 giugno 2017"))}
    assert set(found) == {"Marta Tumiati", "Sergio Cavallari"}
    marta, sergio = found["Marta Tumiati"], found["Sergio Cavallari"]
    assert (marta["role"], marta["organisation"]) == ("assistente sociale", "Comune di Mesola")
    assert (marta["email"], marta["phone"]) == ("marta.tumiati@comune-mesola.it", "+390533993127")
    assert (sergio["role"], sergio["organisation"]) == ("coordinatore dei volontari", "Associazione Il Ponte")
    assert (sergio["email"], sergio["phone"]) == (None, "+393407719305")


def test_a_name_set_apart_from_its_details_keeps_them() -> None:
    """A card's contacts box with each name in bold, its own paragraph: the details under it are
    that person's, not a heading for the next one."""
    body = (
        "Contatti\n\nSimona Pelagatti\n\nreferente del progetto\nComune di Soragna\nTel. 0524 598803\n"
        "simona.pelagatti@comune-soragna.it\n\nLuca Rapacchi\n\nAssociazione Cortili Aperti\nTel. 347 2281954\n"
        "cortiliaperti@example.org"
    )
    found = {row["name"]: row for row in _contacts(_page(body), "card")}
    assert (found["Simona Pelagatti"]["role"], found["Simona Pelagatti"]["organisation"]) == (
        "referente del progetto",
        "Comune di Soragna",
    )
    assert (found["Luca Rapacchi"]["role"], found["Luca Rapacchi"]["organisation"]) == (
        None,
        "Associazione Cortili Aperti",
    )


def test_a_name_set_apart_on_its_line_keeps_the_details_that_open_the_line_of_values() -> None:
    """A web page's contacts with each name in bold, then a dash, the details going on on the next
    line before the phone and the e-mail: the role and the body are that person's."""
    body = (
        "Contatti\n\nMarta Ferri –\nassistente sociale, Unione dei Comuni del Frignano – tel. 0536 123456 – "
        "m.ferri@unione.example.it\nPiero Bassi –\npresidente, Associazione Il Faggio APS – cell. 348 1234567"
    )
    found = {row["name"]: row for row in _contacts(_page(body), "card")}
    assert (found["Marta Ferri"]["role"], found["Marta Ferri"]["organisation"]) == (
        "assistente sociale",
        "Unione dei Comuni del Frignano",
    )
    assert found["Marta Ferri"]["email"] == "m.ferri@unione.example.it"
    assert (found["Piero Bassi"]["role"], found["Piero Bassi"]["organisation"]) == (
        "presidente",
        "Associazione Il Faggio APS",
    )


def test_a_forms_contact_records_one_cell_a_paragraph_under_a_heading() -> None:
    """An application form's contacts section: each label and each value a cell of its own, so a
    paragraph of its own, under a section heading; the records are read whole."""
    cells = [
        "SEZIONE D – CONTATTI",
        "Contatto principale",
        "Nome e cognome",
        "Marta Ferri",
        "Ruolo",
        "Coordinatrice del progetto",
        "Ente / organizzazione",
        "Comune di Fanano",
        "Telefono",
        "0536 123456",
        "Altro contatto",
        "Nome e cognome",
        "Piero Bassi",
        "Ruolo",
        "Referente dei volontari",
        "E-mail",
        "p.bassi@example.org",
    ]
    found = {row["name"]: row for row in _contacts(_page("\n\n".join(cells)), "card")}
    assert (found["Marta Ferri"]["organisation"], found["Marta Ferri"]["phone"]) == (
        "Comune di Fanano",
        "+390536123456",
    )
    assert (found["Piero Bassi"]["role"], found["Piero Bassi"]["email"]) == (
        "Referente dei volontari",
        "p.bassi@example.org",
    )


def test_a_body_named_by_its_legal_form_is_the_organisation_not_the_role() -> None:
    body = "Contatti\n\nGianni Tarroni, Auser Passaggi APS – cell. 340 7719264"
    (row,) = _contacts(_page(body), "card")
    assert (row["name"], row["role"], row["organisation"]) == ("Gianni Tarroni", None, "Auser Passaggi APS")


@pytest.mark.parametrize(
    ("line", "role", "organisation"),
    [
        # a role, then with no comma a body of its own
        (
            "Sara Bernardi – coordinatrice del progetto Cooperativa sociale La Lanterna",
            "coordinatrice del progetto",
            "Cooperativa sociale La Lanterna",
        ),
        # an office after a role word is the role
        (
            "Anna Rinaldi – responsabile Casa della Salute di Sasso Marconi",
            "responsabile Casa della Salute di Sasso Marconi",
            None,
        ),
    ],
)
def test_a_contacts_role_and_its_body_without_a_comma(line: str, role: str, organisation: str | None) -> None:
    text = f"Nato nel\nMarzo 2017\n\nA\nFanano (MO)\n\nContatti\n\n{line}\ntel. 0536 689152\n"
    [contact] = _contacts(text, "card")
    assert (contact["role"], contact.get("organisation")) == (role, organisation)
