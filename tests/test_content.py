"""Loading content: valid files become typed models; each kind of mistake gets one clear sentence."""

from __future__ import annotations

import pytest

from workbook.content import check_citations
from workbook.models import QuestionType

from .conftest import FIXTURES, REPO

BANKS = FIXTURES / "banks"


@pytest.fixture(scope="module")
def citations():
    found, problems = check_citations(REPO / "data" / "citations.yaml")
    assert problems == []
    return found


def test_valid_bank_loads_into_typed_models(fixture_bank) -> None:
    assert fixture_bank.module == "fixture-module"
    assert [q.type for q in fixture_bank.questions] == list(QuestionType)
    single = fixture_bank.question("fx-single")
    assert single.correct_ids == {"b"} and single.cites == ("nasw-1.06.h",)
    assert single.use == ("module", "pretest")
    assert fixture_bank.question("fx-multi").use == ("module",)  # the default
    assert len(fixture_bank.question("fx-confidence").scale) == 5
    assert [q.id for q in fixture_bank.for_use("pretest")] == ["fx-single", "fx-confidence"]


def test_the_real_course_loads_and_every_citation_resolves(content) -> None:
    assert content.course.modules, "the course outline lists modules"
    for bank in content.banks.values():
        for question in bank.questions:
            assert all(c in content.citations for c in question.cites), question.id


def test_citations_carry_only_verified_facts(citations) -> None:
    # Facts the fact sheet marks U (unverified) must never become citable.
    for unverified in ("apa-3.10.a", "nasw-1.07.p", "aamft-6.2", "aamft-6.3"):
        assert unverified not in citations
