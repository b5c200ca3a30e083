"""Cohorts: a supervisor's group of trainees, with a code to hand out and a roster."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd

from workbook.registry import ALPHABET
from workbook.store import AnswerStore


class CohortError(ValueError):
    """The cohort cannot be created as asked; the message says what to change."""


@dataclass(frozen=True)
class Cohort:
    code: str
    name: str
    starts: str
    ends: str


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:24] or "cohort"


def create(store: AnswerStore, name: str, starts: date | str, ends: date | str) -> Cohort:
    """A new cohort; its code is the name's slug plus four random characters (easy to read out, hard to guess)."""
    name = " ".join((name or "").split())
    if not name:
        raise CohortError("Give the cohort a name, for example 'Spring 2027 practicum'.")
    try:
        first, last = date.fromisoformat(str(starts)), date.fromisoformat(str(ends))
    except ValueError:
        raise CohortError("Give the dates as YYYY-MM-DD.") from None
    if last < first:
        raise CohortError("The cohort cannot end before it starts.")
    code = f"{_slug(name)}-{''.join(secrets.choice(ALPHABET) for _ in range(4)).lower()}"
    cohort = Cohort(code, name, first.isoformat(), last.isoformat())
    store.write(lambda c: c.execute(
        "INSERT INTO cohorts (code, name, starts, ends, created_at) VALUES (?, ?, ?, ?, ?)",
        (cohort.code, cohort.name, cohort.starts, cohort.ends, datetime.now(UTC).isoformat(timespec="seconds"))))
    return cohort


def all_cohorts(store: AnswerStore) -> list[Cohort]:
    return [Cohort(*row) for row in store.read("SELECT code, name, starts, ends FROM cohorts ORDER BY starts, name")]


def exists(store: AnswerStore, code: str) -> bool:
    return bool(store.read("SELECT 1 FROM cohorts WHERE code = ?", (code,)))


def roster(store: AnswerStore, code: str) -> pd.DataFrame:
    """The trainees who signed up with this cohort's code, with when they signed up."""
    rows = store.read("SELECT id, display_name, created_at FROM trainees WHERE cohort = ? ORDER BY created_at, id",
                      (code,))
    return pd.DataFrame(rows, columns=["trainee", "name", "signed_up"])
