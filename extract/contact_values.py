"""E-mail addresses and phone numbers in text: what marks a line as contact information."""

from __future__ import annotations

import re

import phonenumbers

REGION = "IT"
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")


def phones_in(text: str) -> list[str]:
    """Phone numbers in `text` (Italian unless prefixed), as E.164, found by `phonenumbers`."""
    return [
        phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        for match in phonenumbers.PhoneNumberMatcher(text, REGION)
    ]


def has_contact_value(text: str) -> bool:
    return ("@" in text and EMAIL.search(text) is not None) or bool(phones_in(text))
