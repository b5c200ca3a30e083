"""Loading content: valid files become typed models; each kind of mistake gets one clear sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.content import check_citations, load_bank
from workbook.errors import ContentError
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


@pytest.mark.parametrize(("fixture", "expected"), [
    ("missing-feedback.yaml", "item 'fx-no-feedback', field 'options[b].feedback': is missing."),
    ("two-correct-single-choice.yaml", "item 'fx-two-correct', field 'options': must mark exactly one option"),
    ("duplicate-ids.yaml", "item 'fx-twice', field 'id': is used by another question in this file."),
    ("unknown-citation.yaml", "item 'fx-bad-cite', field 'cites': cites 'apa-9.99', which is not in data/citations.yaml."),
    ("bad-yaml.yaml", "the YAML cannot be read at line 7, column 12"),
    ("wrong-type.yaml", "item 'fx-list-prompt', field 'prompt': must be of type string but is list."),
    ("unknown-field.yaml", "item 'fx-typo', field 'explenation': is not a field this format knows"),
    ("wrong-version.yaml", "field 'schema_version': is 7 but this version of the workbook reads bank files of version 1."),
    ("unknown-type.yaml", "item 'fx-essay', field 'type': must be one of 'single_choice'"),
    ("not-utf8.yaml", "the file is not UTF-8 text"),
])
def test_invalid_bank_gives_one_sentence_naming_file_question_and_field(fixture, expected, citations) -> None:
    with pytest.raises(ContentError) as raised:
        load_bank(BANKS / fixture, citations)
    message = str(raised.value)
    assert fixture in message and expected in message
    assert "\n" not in message and "Traceback" not in message


def test_missing_and_oversized_files_are_reported_not_raised_raw(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="the file does not exist"):
        load_bank(tmp_path / "absent.yaml")
    huge = tmp_path / "huge.yaml"
    huge.write_text("questions: []\n" + "# padding\n" * 300_000)
    with pytest.raises(ContentError, match="larger than the 2048 KB"):
        load_bank(huge)


def test_the_real_course_loads_and_every_citation_resolves(content) -> None:
    assert content.course.modules, "the course outline lists modules"
    for bank in content.banks.values():
        for question in bank.questions:
            assert all(c in content.citations for c in question.cites), question.id


def test_citations_carry_only_verified_facts(citations) -> None:
    # Facts the fact sheet marks U (unverified) must never become citable.
    for unverified in ("apa-3.10.a", "nasw-1.07.p", "aamft-6.2", "aamft-6.3"):
        assert unverified not in citations
