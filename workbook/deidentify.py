"""Spot text in a reflection that looks like it could identify a real person, before it is saved.

This is a prompt to look again, not a guarantee: it flags likely identifiers (modelled on the HIPAA
Safe Harbor list) and the trainee decides. Phone numbers are found with Google's libphonenumber
(the `phonenumbers` package), which knows every country's numbering plan; the rest are patterns
written for the kinds of slip trainees make ("my client Dana", "seen on 3/14", "@handle").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

PHONE_REGIONS = ("US", "GB", "CA", "AU", "IE", "NZ", "DE")  # numbers written without a country code
MIN_PHONE_DIGITS = 7  # "possible" numbers shorter than this are counts and years, not phones


@dataclass(frozen=True)
class Flag:
    kind: str
    text: str
    start: int
    end: int


KINDS = {
    "name": "a name after a word such as 'client' or 'Mr.'",
    "date": "a date more precise than a year",
    "phone": "a phone number",
    "email": "an e-mail address",
    "handle": "a social media handle",
    "url": "a web address",
    "address": "a street address",
    "record": "a record, account or ID number",
}

_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
           r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_NAME = r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?"
_TITLE_WORDS = (r"(?:my|our|the|a|this|her|his|their)\s+(?:client|patient|counselee|service user|supervisee|"
                r"therapist|counsell?or|social worker)(?:'s)?\s+(?:(?:called|named|is)\s+)?")
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    ("url", re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|io|co|uk|me|info|ly)"
                       r"(?:/\S*)?\b", re.IGNORECASE)),
    ("handle", re.compile(r"(?<![\w.@])@[A-Za-z0-9_.]{2,30}\b")),
    ("name", re.compile(rf"\b(?i:{_TITLE_WORDS})({_NAME})\b")),
    ("name", re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+({_NAME})\b")),
    ("name", re.compile(r"\b(?i:(?:client|patient)\s+)([A-Z]\.?\s?[A-Z]\.?)(?![a-z])")),  # initials: client J.D.
    ("record", re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),  # a US social security number
    ("date", re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")),
    ("date", re.compile(r"\b(?i:on|since|from|until|by|before|after)\s+((?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01]))\b")),
    ("date", re.compile(rf"\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b")),
    ("date", re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b(?:,?\s+\d{{4}})?")),
    ("address", re.compile(r"\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|"
                           r"Boulevard|Blvd|Court|Ct|Place|Pl|Way|Terrace|Close|Crescent)\b")),
    ("record", re.compile(r"\b(?i:MRN|record|chart|file|case|account|acct|policy|member|licen[cs]e|ID|SSN)"
                          r"\s*(?i:no\.?|number|num|#)?\s*[:#]?\s*([A-Z]{0,3}-?\d[\d-]{3,})\b")),
)


def find_identifiers(text: str) -> list[Flag]:
    """Every stretch of `text` that looks identifying, in reading order, without overlaps."""
    found: list[Flag] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            group = 1 if pattern.groups else 0
            found.append(Flag(kind, match.group(group), match.start(group), match.end(group)))
    for region in PHONE_REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE):
            if sum(ch.isdigit() for ch in match.raw_string) >= MIN_PHONE_DIGITS:
                found.append(Flag("phone", match.raw_string, match.start, match.end))
    return _without_overlaps(found)


def _without_overlaps(flags: list[Flag]) -> list[Flag]:
    """Keep the longest flag where several cover the same text (a phone number is not also a date)."""
    kept: list[Flag] = []
    for flag in sorted(flags, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and flag.start < kept[-1].end:
            continue
        kept.append(flag)
    return kept


def describe(flag: Flag) -> str:
    return f"“{flag.text}” looks like {KINDS[flag.kind]}"
