"""A curious or hostile trainee in a real browser: markup in a name or a reflection never runs, on the
trainee's pages or the supervisor's, and guessing at someone else's resume link shows nothing of theirs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Site
from tests.browser.test_site import signed_up
from workbook import registry
from workbook.content import load_content
from workbook.identity import UNKNOWN_CODE
from workbook.store import AnswerStore

CONTENT = load_content()
START = CONTENT.course.landing_notebook
PROBE = "window.__pwned"
NAME = '<img src=x onerror="window.__pwned=1">Mallory'
REFLECTION = "<script>window.__pwned = 2</script><b>bold?</b> An invented case, for a test."


def test_markup_in_a_name_and_a_reflection_is_shown_as_text_and_never_runs(page: Page, site: Site) -> None:
    trainee, code = signed_up(site, NAME, "hostile-cohort")
    question = next(q for b in CONTENT.banks.values() for q in b.questions if q.type.value == "reflection")
    with AnswerStore(site.data_dir / "answers.sqlite3") as store:
        store.record_answer(trainee=trainee.id, cohort=trainee.cohort, module=question.module,
                            question_id=question.id, answer=REFLECTION, correct=None, score=None)
    page.goto(site.page_url(START, f"trainee={code}"))
    expect(page.get_by_text(f"Welcome back, {NAME}")).to_be_visible()
    assert page.evaluate(PROBE) is None
    assert page.locator("img[src=x]").count() == 0

    page.goto(f"{site.dashboard_url}/?token={site.token}")
    expect(page.locator(".wb-cohorts")).to_contain_text(NAME)
    page.get_by_role("link", name="Reflections").click()
    expect(page.locator(".wb-reflections")).to_contain_text("<b>bold?</b> An invented case")
    expect(page.locator(".wb-reflections")).to_contain_text(NAME)
    assert page.evaluate(PROBE) is None
    assert page.locator(".wb-reflections b", has_text="bold?").count() == 0


@pytest.mark.parametrize("guess", ["made-up", "one-character-off", "trainee-id", "code-hash"])
def test_guessing_at_another_trainees_resume_link_shows_nothing_of_theirs(page: Page, site: Site, guess: str) -> None:
    victim, code = signed_up(site, "Victim Example")
    tried = {
        "made-up": "ABCD-EFGH-JKLM-NPQR",
        "one-character-off": code[:-1] + ("A" if code[-1] != "A" else "B"),
        "trainee-id": victim.id,
        "code-hash": hashlib.sha256(registry.normalise_code(code).encode()).hexdigest(),
    }[guess]
    page.goto(site.page_url(START, f"trainee={tried}"))
    expect(page.get_by_text(UNKNOWN_CODE)).to_be_visible()
    assert "Victim Example" not in page.content()


PROBE_JS = (Path(__file__).parent / "kernel_probe.js").read_text()


def test_code_sent_from_the_browser_to_the_pages_kernel_is_never_run(page: Page, site: Site, tmp_path: Path) -> None:
    marker = tmp_path / "the-kernel-ran-code-from-the-browser"
    page.goto(site.page_url(START))
    expect(page.locator(".wb-start")).to_be_visible()
    result = page.evaluate(PROBE_JS, str(marker))
    assert result["id"] and "kernel_info_reply" in result["replies"]  # the channel works, for widgets
    assert "execute_reply" not in result["replies"] and not marker.exists()
