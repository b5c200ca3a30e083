"""Shared fixtures: a fresh answer store, the fixture bank, the real course content."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbook.content import Content, check_citations, load_bank, load_content
from workbook.models import QuestionBank
from workbook.store import AnswerStore
from workbook.testing import PostgresServer, PostgresUnavailable, start_postgres

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]


def add_cohort(store: AnswerStore, code: str, name: str = "Test cohort") -> None:
    """A cohort with a known code (real cohorts get a random suffix; tests need to name theirs)."""
    store.write(lambda c: c.execute("INSERT INTO cohorts (code, name, starts, ends, created_at) VALUES (?, ?, ?, ?, ?)",
                                    (code, name, "2027-01-01", "2027-06-30", "2026-11-22T00:00:00+00:00")))


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL server for the run; each test gets its own database in it.
    Missing server programs skip the PostgreSQL half of the suite, except where
    WORKBOOK_REQUIRE_POSTGRES=1 (CI), where they fail it."""
    try:
        server = start_postgres()
    except PostgresUnavailable as error:
        if os.environ.get("WORKBOOK_REQUIRE_POSTGRES") == "1":
            pytest.fail(str(error))
        pytest.skip(str(error))
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a fresh, empty store lives: every store test runs once on each database."""
    if request.param == "sqlite":
        return str(tmp_path / "answers.sqlite3")
    return request.getfixturevalue("postgres").create_database()


@pytest.fixture
def store(store_url: str) -> Iterator[AnswerStore]:
    with AnswerStore(store_url) as opened:
        yield opened


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content(REPO / "data")


@pytest.fixture(scope="session")
def fixture_bank() -> QuestionBank:
    citations, problems = check_citations(REPO / "data" / "citations.yaml")
    assert not problems
    return load_bank(FIXTURES / "banks" / "valid.yaml", citations)
