"""The whole trainee journey in headless Chromium, from signing in to deleting one's data."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
from docx import Document
from playwright.sync_api import Browser, Locator, Page, expect
from pypdf import PdfReader

from tests.browser.conftest import ARTIFACTS, PAGE_TIMEOUT_MS, Site, off_machine
from workbook import cohorts
from workbook.content import load_content
from workbook.models import Question, QuestionType
from workbook.store import AnswerStore

CONTENT = load_content()
COURSE = CONTENT.course
NAME = "Browser Journey Trainee"


def answer(card: Locator, question: Question, right: bool) -> None:
    """Click an answer the way a trainee would: by the option's label."""
    options = [o for o in question.options if o.correct == right] or list(question.options)
    if question.type is QuestionType.MULTIPLE_SELECT:
        for option in (options if right else options[:1]):
            card.get_by_label(option.text, exact=True).check()
    else:
        card.get_by_label(options[0].text, exact=True).check()


def first_scored(module_id: str) -> Question:
    return next(q for q in CONTENT.bank(module_id).for_use("module") if q.type is QuestionType.SINGLE_CHOICE)


def take_assessment(page: Page, right: bool) -> None:
    panel = page.locator(".wb-assessment")
    panel.get_by_role("button", name=re.compile("Start the assessment|Try again")).click()
    cards = panel.locator(".wb-question")
    expect(cards.first).to_be_visible()
    for index in range(cards.count()):
        card = cards.nth(index)
        question_id = next(c for c in card.get_attribute("class").split() if c.startswith("wb-question-")).removeprefix(
            "wb-question-")
        answer(card, CONTENT.question(question_id), right)
    panel.get_by_role("button", name="Submit my answers").click()


def snapshot(page: Page, step: str) -> None:
    """Keep a picture of each stage for people reviewing the run (test-artifacts/)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"journey-{step}.png"), full_page=True)


def download(page: Page, link: Locator) -> bytes:
    with page.expect_download() as started:
        link.click()
    return Path(started.value.path()).read_bytes()


def test_a_trainee_walks_the_whole_course(browser: Browser, page: Page, site: Site) -> None:
    with AnswerStore(site.data_dir / "answers.sqlite3") as store:
        cohort = cohorts.create(store, "Journey cohort", "2027-01-10", "2027-03-31")
    # Sign in on the start page and follow the personal link.
    page.goto(site.trainee_url + "/")
    start = page.locator(".wb-start")
    start.get_by_label("Your name").fill(NAME)
    start.get_by_label("Cohort code").fill(cohort.code)
    start.get_by_role("button", name="Start the course").click()
    code = start.locator(".wb-code").inner_text()
    snapshot(page, "1-signed-in")
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", code)
    start.get_by_role("link", name="your personal course page").click()
    expect(page.locator(".wb-start")).to_contain_text(f"Welcome back, {NAME}")
    assert page.url.endswith(f"?trainee={code}")

    # Answer in two modules; the progress bar moves.
    modules = COURSE.modules[:2]
    for module in modules:
        page.goto(site.page_url(module.notebook, f"trainee={code}"))
        expect(page.locator(".wb-status-in")).to_contain_text(NAME)
        question = first_scored(module.id)
        card = page.locator(f".wb-question-{question.id}")
        answer(card, question, right=True)
        card.get_by_role("button", name="Check answer").click()
        expect(card.locator(".wb-feedback")).to_contain_text("Attempt 1 recorded")
        expect(page.locator(".wb-progress")).to_contain_text("1 of")
        card.scroll_into_view_if_needed()
        snapshot(page, f"2-module-{module.number}")

    # Reload: the answer is still there, marked as given earlier.
    page.reload()
    question = first_scored(modules[-1].id)
    expect(page.locator(f".wb-question-{question.id} .wb-earlier")).to_be_visible()

    # Resume in a fresh browser (no cookies, nothing stored) with the link.
    fresh = browser.new_context()
    other = fresh.new_page()
    other.set_default_timeout(PAGE_TIMEOUT_MS)
    other.goto(site.trainee_url + f"/voila/render/{COURSE.landing_notebook}?trainee={code}")
    expect(other.locator(".wb-start")).to_contain_text(f"Welcome back, {NAME}")
    expect(other.locator(".wb-contents progress").first).to_have_attribute("value", "1")
    other.locator(".wb-start").scroll_into_view_if_needed()
    snapshot(other, "3-resumed")
    other.goto(site.page_url(modules[0].notebook, f"trainee={code}"))
    expect(other.locator(f".wb-question-{first_scored(modules[0].id).id} .wb-earlier")).to_be_visible()
    fresh.close()

    # A wrong code shows a clear message, never someone's data.
    page.goto(site.page_url(modules[0].notebook, "trainee=ABCD-EFGH-JKLM-NPQR"))
    expect(page.locator(".wb-status-problem")).to_contain_text("not recognised")
    expect(page.locator(".wb-earlier")).to_have_count(0)

    # Fail the final assessment, then pass it.
    page.goto(site.page_url("final-assessment.ipynb", f"trainee={code}"))
    take_assessment(page, right=False)
    result = page.locator(".wb-result")
    expect(result).to_contain_text("Not passed yet")
    expect(result.locator(".wb-missed").first).to_contain_text("Best answer")
    result.scroll_into_view_if_needed()
    snapshot(page, "4-assessment-failed")
    take_assessment(page, right=True)
    expect(page.locator(".wb-result")).to_contain_text("Passed: 100%")

    # The certificate waits for the evaluation.
    page.goto(site.page_url("certificate.ipynb", f"trainee={code}"))
    expect(page.locator(".wb-certificate")).to_contain_text("course evaluation")
    page.goto(site.page_url("course-evaluation.ipynb", f"trainee={code}"))
    form = page.locator(".wb-evaluation")
    ratings = [q for q in CONTENT.bank("course-evaluation").questions if q.type is QuestionType.CONFIDENCE]
    for number, question in enumerate(ratings):
        form.get_by_role("radio", name=question.scale[3], exact=True).nth(
            sum(q.scale[3] == question.scale[3] for q in ratings[:number])).check()
    form.locator("textarea").first.fill("The scenario questions were the most useful part.")
    form.get_by_role("button", name="Send my evaluation").click()
    expect(form).to_contain_text("Thank you")

    page.goto(site.page_url("certificate.ipynb", f"trainee={code}"))
    panel = page.locator(".wb-certificate")
    panel.get_by_role("button", name="Create my certificate").click()
    pdf = download(page, panel.get_by_role("link", name="Download your certificate (PDF)"))
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    verification = panel.locator(".wb-code").inner_text()
    snapshot(page, "5-certificate")
    (ARTIFACTS / "journey-certificate.pdf").write_bytes(pdf)
    for expected in (NAME, COURSE.title, f"Contact hours: {COURSE.contact_hours:g}", "100%", verification):
        assert expected in text

    # Build a policy and download it in both formats.
    page.goto(site.page_url("policy-builder.ipynb", f"trainee={code}"))
    builder = page.locator(".wb-policy")
    builder.get_by_label("Practice or agency").fill("Riverside Training Clinic")
    builder.get_by_role("button", name="Preview and download").click()
    expect(builder.locator(".wb-policy-preview")).to_contain_text("Riverside Training Clinic")
    snapshot(page, "6-policy")
    markdown = download(page, builder.get_by_role("link", name=re.compile(r"Markdown"))).decode()
    assert markdown.startswith("# Social media policy: Riverside Training Clinic")
    document = Document(io.BytesIO(download(page, builder.get_by_role("link", name=re.compile(r"\.docx")))))
    assert document.paragraphs[0].text == "Social media policy: Riverside Training Clinic"

    # Download all answers, then delete everything.
    page.goto(site.page_url("my-data.ipynb", f"trainee={code}"))
    mine = page.locator(".wb-my-data")
    frame = pd.read_csv(io.BytesIO(download(page, mine.get_by_role("link", name="Download all my answers (CSV)"))))
    assert len(frame) >= 2 + 2 * min(COURSE.final_assessment.questions, len(CONTENT.pool("final")))
    assert set(frame["trainee"]) == {frame["trainee"][0]}
    trainee_id = frame["trainee"][0]
    mine.get_by_role("button", name="Delete all my data").click()
    expect(mine).to_contain_text("Nothing was deleted")
    mine.get_by_label("Type DELETE").fill("DELETE")
    mine.get_by_role("button", name="Delete all my data").click()
    expect(mine).to_contain_text("Deleted.")
    with AnswerStore(site.data_dir / "answers.sqlite3") as store:
        assert store.answers(trainee=trainee_id).empty
        assert store.read("SELECT COUNT(*) FROM trainees WHERE id = ?", (trainee_id,))[0][0] == 0
    page.goto(site.trainee_url + f"/voila/render/{COURSE.landing_notebook}?trainee={code}")
    expect(page.locator(".wb-start")).to_contain_text("not recognised")
    assert off_machine(site.requests) == []
