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


def test_validated_content_is_reused_across_processes_until_a_file_changes(tmp_path, monkeypatch) -> None:
    import shutil
    import subprocess
    import sys

    from workbook import content as content_module

    root = tmp_path / "data"
    shutil.copytree(REPO / "data", root)
    monkeypatch.setenv("WORKBOOK_DATA_DIR", str(tmp_path / "private"))
    probe = ("import sys; from pathlib import Path; from workbook.content import load_content; "
             f"c = load_content(Path({str(root)!r})); print(c.course.title, 'jsonschema' in sys.modules)")

    def fresh_kernel() -> str:
        return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                              timeout=120).stdout.strip()

    assert fresh_kernel().endswith("True")  # the first one validates
    assert fresh_kernel().endswith("False")  # the next one reuses the validated content, without jsonschema
    course = root / "course.yaml"
    course.write_text(course.read_text().replace('title: "Social Media and Client Confidentiality"',
                                                 'title: "Social Media and Confidentiality, edited"'))
    assert fresh_kernel() == "Social Media and Confidentiality, edited True"  # an edit is seen at once
    cached = content_module._disk_cache(root.resolve())
    cached.write_bytes(b"not a pickle")
    assert fresh_kernel().endswith("True")  # a damaged cache is ignored and rebuilt
    assert oct(cached.parent.stat().st_mode & 0o777) == "0o700"
