"""Trainee records: sign-up, resume codes, hub users, and deleting a trainee's data on request.

A resume code is 80 random bits written as four groups of four letters and digits (easy to read
aloud, no 0/O or 1/I confusion). Only its SHA-256 is stored, so the database alone cannot be used
to resume as anyone.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from workbook.store import AnswerStore

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 symbols: 5 bits each, no look-alikes
CODE_GROUPS = 4
NAME_LIMIT = 120
_CODE = re.compile(rf"^[{ALPHABET}]{{4}}(-[{ALPHABET}]{{4}}){{{CODE_GROUPS - 1}}}$")
_COHORT = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class Trainee:
    id: str
    cohort: str = ""
    name: str = ""


class SignUpError(ValueError):
    """The sign-up form was filled in a way we cannot accept; the message says what to change."""


def new_code() -> str:
    groups = ("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(CODE_GROUPS))
    return "-".join(groups)


def normalise_code(code: str) -> str:
    """Codes are forgiving to type: any case, spaces or dashes anywhere."""
    compact = re.sub(r"[\s-]", "", code).upper()
    return "-".join(compact[i:i + 4] for i in range(0, len(compact), 4))


def valid_cohort(cohort: str) -> bool:
    return bool(_COHORT.match(cohort))


def looks_like_code(code: str) -> bool:
    return bool(_CODE.match(normalise_code(code)))


def _hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def register(store: AnswerStore, display_name: str, cohort: str = "") -> tuple[Trainee, str]:
    """Create a trainee; return it with the resume code (shown once, never stored in clear)."""
    name = " ".join((display_name or "").split())
    if not name:
        raise SignUpError("Enter a display name (a first name or a pseudonym is fine).")
    if len(name) > NAME_LIMIT:
        raise SignUpError(f"Use a display name of at most {NAME_LIMIT} characters.")
    cohort = (cohort or "").strip()
    if cohort and not valid_cohort(cohort):
        raise SignUpError("A cohort code uses only letters, digits, '-' and '_' (ask your supervisor for it).")
    if cohort and not store.read("SELECT 1 FROM cohorts WHERE code = ?", (cohort,)):
        raise SignUpError(f"No cohort has the code '{cohort}'. Check it with your supervisor, or leave it empty.")
    code = new_code()
    trainee = Trainee(f"t-{secrets.token_hex(5)}", cohort, name)
    store.write(lambda c: c.execute(
        "INSERT INTO trainees (id, code_hash, display_name, cohort, created_at) VALUES (?, ?, ?, ?, ?)",
        (trainee.id, _hash(code), name, cohort, _now())))
    return trainee, code


def find(store: AnswerStore, code: str) -> Trainee | None:
    if not looks_like_code(code):
        return None
    rows = store.read("SELECT id, cohort, display_name FROM trainees WHERE code_hash = ?", (_hash(code),))
    return Trainee(rows[0][0], rows[0][1], rows[0][2]) if rows else None


def hub_trainee(store: AnswerStore, hub_user: str) -> Trainee:
    """The trainee record for a JupyterHub user, created on their first page view."""
    trainee_id = f"hub-{hub_user}"
    store.write(lambda c: c.execute(
        "INSERT INTO trainees (id, code_hash, display_name, cohort, created_at) VALUES (?, NULL, ?, '', ?)"
        " ON CONFLICT DO NOTHING",
        (trainee_id, hub_user, _now())))
    rows = store.read("SELECT cohort, display_name FROM trainees WHERE id = ?", (trainee_id,))
    return Trainee(trainee_id, rows[0][0], rows[0][1])


def delete_trainee(store: AnswerStore, trainee_id: str) -> int:
    """Remove every row about a trainee (answers, assessments, certificates, the record); return how many."""

    def delete(connection) -> int:  # noqa: ANN001 - sqlite3.Connection
        removed = 0
        for table, column in (("answers", "trainee"), ("assessments", "trainee"), ("certificates", "trainee"),
                              ("trainees", "id")):
            removed += connection.execute(f"DELETE FROM {table} WHERE {column} = ?", (trainee_id,)).rowcount
        return removed

    return store.write(delete)
