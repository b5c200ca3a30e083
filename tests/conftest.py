"""Shared fixtures: a fresh answer store, the fixture bank, the real course content."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.content import Content, check_citations, load_bank, load_content
from workbook.models import QuestionBank
from workbook.store import AnswerStore

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]


def add_cohort(store: AnswerStore, code: str, name: str = "Test cohort") -> None:
    """A cohort with a known code (real cohorts get a random suffix; tests need to name theirs)."""
    store.write(lambda c: c.execute("INSERT INTO cohorts (code, name, starts, ends, created_at) VALUES (?, ?, ?, ?, ?)",
                                    (code, name, "2027-01-01", "2027-06-30", "2026-11-22T00:00:00+00:00")))


@pytest.fixture
def store(tmp_path: Path) -> AnswerStore:
    with AnswerStore(tmp_path / "answers.sqlite3") as opened:
        yield opened


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content(REPO / "data")


@pytest.fixture(scope="session")
def fixture_bank() -> QuestionBank:
    citations, problems = check_citations(REPO / "data" / "citations.yaml")
    assert not problems
    return load_bank(FIXTURES / "banks" / "valid.yaml", citations)
