"""Sign-up, resume codes and how a page request becomes a trainee (or, safely, nobody)."""

from __future__ import annotations

import pytest

from tests.conftest import add_cohort
from workbook import registry
from workbook.identity import UNKNOWN_CODE, visitor_from
from workbook.store import AnswerStore


def test_sign_up_gives_an_unguessable_code_that_resumes_the_same_trainee(store: AnswerStore) -> None:
    add_cohort(store, "spring-2027")
    trainee, code = registry.register(store, "  Robin   Ash ", "spring-2027")
    assert trainee.name == "Robin Ash" and trainee.cohort == "spring-2027"
    assert registry.looks_like_code(code) and len(code.replace("-", "")) == 16  # 80 random bits
    visitor = visitor_from(f"trainee={code}", None, store)
    assert visitor.trainee == trainee
    assert visitor_from(f"trainee={code.lower().replace('-', ' ')}", None, store).trainee == trainee  # forgiving
    assert visitor.link_query() == f"?trainee={code}"


def test_codes_are_distinct_and_only_their_hash_is_stored(store: AnswerStore) -> None:
    codes = {registry.register(store, f"T{n}")[1] for n in range(50)}
    assert len(codes) == 50
    stored = [row[0] for row in store.read("SELECT code_hash FROM trainees")]
    assert not set(stored) & codes and all(len(h) == 64 for h in stored)


@pytest.mark.parametrize("query", ["trainee=ABCD-EFGH-JKLM-NPQR", "trainee=../../etc/passwd", "trainee=t-0001",
                                   "trainee=%27%20OR%201%3D1%20--"])
def test_a_wrong_or_unknown_code_gets_a_clear_message_and_nobody_s_data(store: AnswerStore, query: str) -> None:
    registry.register(store, "Someone else")
    visitor = visitor_from(query, None, store)
    assert visitor.trainee is None and visitor.problem == UNKNOWN_CODE
    assert visitor.link_query() == ""


def test_no_code_means_not_signed_in_without_touching_the_database(tmp_path) -> None:
    store = AnswerStore(tmp_path / "never.sqlite3")
    visitor = visitor_from("", None, store)
    assert visitor.trainee is None and not visitor.problem
    assert not (tmp_path / "never.sqlite3").exists()


def test_a_hub_user_is_the_identity_and_needs_no_code(store: AnswerStore) -> None:
    first = visitor_from("trainee=ABCD-EFGH-JKLM-NPQR", "river", store)
    assert first.trainee is not None and first.trainee.id == "hub-river" and first.trainee.name == "river"
    assert visitor_from("", "river", store).trainee == first.trainee  # same record on every page
    assert first.link_query() == ""


@pytest.mark.parametrize(("name", "cohort", "message"), [
    ("", "", "Enter a display name"),
    ("   ", "", "Enter a display name"),
    ("x" * 121, "", "at most 120 characters"),
    ("Robin", "spring 2027!", "A cohort code uses only"),
    ("Robin", "no-such-cohort", "No cohort has the code 'no-such-cohort'"),
])
def test_sign_up_refuses_bad_input_with_a_specific_message(store: AnswerStore, name: str, cohort: str,
                                                           message: str) -> None:
    with pytest.raises(registry.SignUpError, match=message):
        registry.register(store, name, cohort)
    assert store.read("SELECT COUNT(*) FROM trainees")[0][0] == 0


def test_deleting_a_trainee_removes_every_row_about_them_and_the_code_stops_working(store: AnswerStore) -> None:
    keep, _ = registry.register(store, "Keep")
    gone, code = registry.register(store, "Gone")
    for trainee in (keep, gone):
        store.record_answer(trainee=trainee.id, module="m", question_id="q", answer="a", correct=True, score=1.0)
    assert registry.delete_trainee(store, gone.id) == 2
    assert registry.find(store, code) is None
    assert set(store.answers()["trainee"]) == {keep.id}


def test_navigation_links_keep_the_query(content) -> None:
    from dataclasses import replace

    from workbook import render

    only = content.course.modules[0]
    three = tuple(replace(only, id=f"m{n}", number=n, notebook=f"0{n}-page.ipynb") for n in (1, 2, 3))
    course = replace(content.course, modules=three)
    html = render.module_header(course, course.modules[1], "?trainee=AMY7")
    assert f'href="{course.modules[0].notebook}?trainee=AMY7"' in html
    assert f'href="{course.modules[2].notebook}?trainee=AMY7"' in html
    assert f'href="{course.landing_notebook}?trainee=AMY7"' in html
    first = render.module_header(course, course.modules[0], "?trainee=AMY7")
    assert 'href="pre-test.ipynb?trainee=AMY7"' in first  # the course starts with the pre-test
    last = render.module_header(course, course.modules[2], "")
    assert 'href="final-assessment.ipynb"' in last  # and ends with the final assessment


def test_a_supervisor_creates_a_cohort_and_sees_its_roster(store: AnswerStore) -> None:
    from workbook import cohorts

    made = cohorts.create(store, "Spring 2027 practicum", "2027-01-10", "2027-05-30")
    assert made.code.startswith("spring-2027-practicum-") and cohorts.exists(store, made.code)
    joined, _ = registry.register(store, "Robin", made.code)
    registry.register(store, "Elsewhere")
    assert list(cohorts.roster(store, made.code)["name"]) == ["Robin"]
    assert [c.name for c in cohorts.all_cohorts(store)] == ["Spring 2027 practicum"]
    with pytest.raises(cohorts.CohortError, match="cannot end before it starts"):
        cohorts.create(store, "Backwards", "2027-05-01", "2027-01-01")
    with pytest.raises(cohorts.CohortError, match="YYYY-MM-DD"):
        cohorts.create(store, "Vague", "next spring", "2027-01-01")
