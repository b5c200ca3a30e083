"""The Voila site, used in headless Chromium as trainees and supervisors use it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Site, http_get, off_machine
from tests.conftest import add_cohort
from workbook import registry, render
from workbook.content import load_content
from workbook.models import QuestionType
from workbook.store import AnswerStore
from workbook.testing import free_port

CONTENT = load_content()
COURSE = CONTENT.course
DEMO_MODULE = CONTENT.module("looking-clients-up")


def first_single_choice(module_id: str):
    return next(q for q in CONTENT.bank(module_id).for_use("module") if q.type is QuestionType.SINGLE_CHOICE)


def signed_up(site: Site, name: str, cohort: str = "") -> tuple[registry.Trainee, str]:
    """A trainee registered on the site's store, as the start page would; returns it and its resume code."""
    with AnswerStore(site.data_dir / "answers.sqlite3") as store:
        if cohort and not store.read("SELECT 1 FROM cohorts WHERE code = ?", (cohort,)):
            add_cohort(store, cohort)
        return registry.register(store, name, cohort)


def test_landing_page_lists_every_module_and_opens_one(page: Page, site: Site) -> None:
    _, code = signed_up(site, "Landing Check")
    page.goto(site.trainee_url + f"/?trainee={code}")  # the folder listing redirects to the landing page
    contents = page.locator(".wb-contents")
    expect(contents).to_be_visible()
    for module in COURSE.modules:
        expect(contents.get_by_role("link", name=f"{module.number}. {module.title}")).to_be_visible()
    contents.get_by_role("link", name=f"{DEMO_MODULE.number}. {DEMO_MODULE.title}").click()
    expect(page.get_by_role("heading", level=1, name=DEMO_MODULE.title)).to_be_visible()
    assert page.url.endswith(f"{DEMO_MODULE.notebook}?trainee={code}"), "the link must keep the trainee"
    assert len(page.context.pages) == 1, "course links open in the same tab"
    assert off_machine(site.requests) == []


def test_answering_by_clicking_records_the_answer_and_shows_feedback(page: Page, site: Site) -> None:
    question = first_single_choice(DEMO_MODULE.id)
    wrong = next(o for o in question.options if not o.correct)
    right = next(o for o in question.options if o.correct)
    trainee, code = signed_up(site, "Browser Trainee", "spring-cohort")
    page.goto(site.page_url(DEMO_MODULE.notebook, f"trainee={code}"))
    card = page.locator(f".wb-question-{question.id}")
    card.scroll_into_view_if_needed()

    card.get_by_label(wrong.text, exact=True).check()
    card.get_by_role("button", name="Check answer").click()
    feedback = card.locator(".wb-feedback")
    expect(feedback).to_contain_text("Not quite")
    expect(feedback).to_contain_text(wrong.feedback.split(".")[0])
    expect(feedback).to_contain_text("Attempt 1 recorded")
    expect(feedback.locator(".wb-cites")).to_contain_text(CONTENT.citations[question.cites[0]].label)

    card.get_by_label(right.text, exact=True).check()
    card.get_by_role("button", name="Check answer").click()
    expect(feedback).to_contain_text("Correct")
    expect(feedback).to_contain_text("Attempt 2 recorded")

    with AnswerStore(site.data_dir / "answers.sqlite3") as store:
        rows = store.answers()
    rows = rows[rows["trainee"] == trainee.id]
    assert rows[["cohort", "module", "question_id", "answer", "correct", "attempt"]].to_dict("records") == [
        {"cohort": "spring-cohort", "module": DEMO_MODULE.id, "question_id": question.id, "answer": wrong.id,
         "correct": False, "attempt": 1},
        {"cohort": "spring-cohort", "module": DEMO_MODULE.id, "question_id": question.id, "answer": right.id,
         "correct": True, "attempt": 2},
    ]
    assert off_machine(site.requests) == [], "the page must not contact any other machine"


@pytest.mark.parametrize("module", COURSE.modules, ids=[m.id for m in COURSE.modules])
def test_every_module_page_renders_its_quiz(page: Page, site: Site, module) -> None:
    page.goto(site.page_url(module.notebook))  # not signed in: the page still works, and saves nothing
    expect(page.get_by_role("heading", level=1, name=module.title)).to_be_visible()
    scored = [q for q in CONTENT.bank(module.id).for_use("module") if q.scored]
    expect(page.locator(f".wb-question-{scored[-1].id}")).to_be_visible()  # the quiz, down to its last question
    expect(page.locator(".wb-references")).to_be_visible()
    errors = page.locator('[data-mime-type="application/vnd.jupyter.stderr"], .jp-RenderedText.jp-mod-error')
    assert errors.count() == 0, errors.all_inner_texts()


PRIVATE_PATHS = [
    "/voila/render/dashboard.ipynb",
    "/voila/render/live.ipynb",
    "/voila/render/report.ipynb",
    "/voila/render/exports.ipynb",
    "/voila/render/reflections.ipynb",
    "/voila/render/../supervisor/dashboard.ipynb",
    "/voila/render/%2E%2E/supervisor/dashboard.ipynb",
    "/voila/tree/../supervisor",
    "/voila/files/00-start.ipynb",
    "/voila/files/../data/course.yaml",
    "/answers.sqlite3",
    "/voila/files/answers.sqlite3",
    "/api/contents",
    "/api/kernels",
    "/api/sessions",
    "/api/terminals",
    "/voila/api/contents/..%2Fsupervisor",
    "/voila/render/..%2Fsupervisor%2Flive.ipynb",
    "/voila/render/%2e%2e%2fsupervisor%2fitems.ipynb",
    "/voila/render/../../../../etc/passwd",
    "/voila/static/../../answers.sqlite3",
    "/voila/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "/voila/files/pseudonym.key",
    "/voila/files/certificate.key",
    "/voila/files/../pyproject.toml",
    "/voila/files/../workbook/store.py",
    "/lab",
    "/tree",
    "/notebooks/00-start.ipynb",
    "/terminals/websocket/1",
    "/.git/config",
]
# What a leak would look like: the database, a secret key's neighbours, system or project files.
LEAKS = (b"SQLite format 3", b"answers_overview", b"root:x:0:0", b"[project]", b"class AnswerStore",
         b"repositoryformatversion")


def followed(url: str) -> tuple[int, bytes]:
    """Status and body at the end of any redirects (a redirect is fine if where it lands refuses)."""
    for _ in range(5):
        status, body, location = http_get(url, with_location=True)
        if status not in (301, 302, 303, 307, 308) or not location:
            return status, body
        url = urljoin(url, location)
    raise AssertionError(f"{url} redirects in a loop")


@pytest.mark.parametrize("path", PRIVATE_PATHS)
def test_trainee_site_refuses_private_paths(site: Site, path: str) -> None:
    status, body = followed(site.trainee_url + path)
    assert status in (400, 403, 404, 405), f"{path} answered {status}"
    assert not any(leak in body for leak in LEAKS)


def test_the_list_of_tried_paths_is_long_enough() -> None:
    assert len(PRIVATE_PATHS) >= 30


def test_trainee_site_refuses_the_data_folder_by_absolute_path(site: Site) -> None:
    for name in ("answers.sqlite3", "answers.sqlite3-wal", "pseudonym.key", "certificate.key"):
        for path in (f"/voila/files{site.data_dir}/{name}", f"/files{site.data_dir}/{name}",
                     f"/voila/static{site.data_dir}/{name}"):
            status, body = http_get(site.trainee_url + path)
            assert status in (400, 403, 404, 405) and not any(leak in body for leak in LEAKS), path


def test_dashboard_needs_the_token(site: Site) -> None:
    status, _ = http_get(site.dashboard_url + "/voila/render/dashboard.ipynb")
    assert status in (302, 403)
    status, _ = http_get(site.dashboard_url + "/voila/render/dashboard.ipynb?token=not-the-token")
    assert status in (302, 403)


def test_supervisor_sees_a_trainee_in_the_cohort_report(page: Page, site: Site) -> None:
    trainee, _ = signed_up(site, "Report Check", "report-cohort")
    with AnswerStore(site.data_dir / "answers.sqlite3") as store:
        store.record_answer(trainee=trainee.id, cohort=trainee.cohort, module=DEMO_MODULE.id,
                            question_id=first_single_choice(DEMO_MODULE.id).id, answer="a", correct=False, score=0.0)
    page.goto(f"{site.dashboard_url}/?token={site.token}")
    expect(page.get_by_role("heading", name="Supervisor dashboard")).to_be_visible()
    assert re.search(r"/voila/render/dashboard\.ipynb", page.url)
    page.get_by_role("link", name="Cohort report").click()
    expect(page.locator(".wb-cohort-report")).to_contain_text("Report Check")
    expect(page.locator(".wb-report img")).to_be_visible()  # the before/after chart
    assert off_machine(site.requests) == []


def test_supervisor_creates_a_cohort_and_checks_certificates(page: Page, site: Site) -> None:
    from workbook import certificate

    trainee, _ = signed_up(site, "Certified Trainee")
    with AnswerStore(site.data_dir / "answers.sqlite3") as store:
        issued = certificate.issue(store, trainee, COURSE.title, COURSE.contact_hours, 0.9, site.data_dir)
    page.goto(f"{site.dashboard_url}/?token={site.token}")
    panel = page.locator(".wb-cohorts")
    panel.get_by_label("Name").fill("Thursday workshop")
    panel.get_by_role("button", name="Create cohort").click()
    expect(panel).to_contain_text("Give trainees this cohort code: thursday-workshop-")
    expect(panel.locator("table")).to_contain_text("Thursday workshop")
    check = page.locator(".wb-certificate-check")
    check.get_by_label("Code").fill(issued.code.lower())
    check.get_by_role("button", name="Check certificate").click()
    expect(check).to_contain_text("Genuine. Certified Trainee completed")
    check.get_by_label("Code").fill("ABCD-EFGH-JKLM-NPQR")
    check.get_by_role("button", name="Check certificate").click()
    expect(check).to_contain_text("Not genuine")


def test_live_view_counts_the_room_as_trainees_answer(browser, page: Page, site: Site) -> None:
    question = first_single_choice(DEMO_MODULE.id)
    page.goto(f"{site.dashboard_url}/voila/render/live.ipynb?token={site.token}")
    live = page.locator(".wb-live")
    live.get_by_label("Module").select_option(label=f"{DEMO_MODULE.number}. {DEMO_MODULE.title}")
    scored = [q for q in CONTENT.bank(DEMO_MODULE.id).for_use("module") if q.scored]
    live.get_by_label("Question").select_option(label=f"{scored.index(question) + 1}. {render.shorten(question.prompt)}")
    expect(live.locator(f'.wb-tally[data-question="{question.id}"]')).to_be_visible()  # not the previous question's
    before = {o.id: int(live.locator(f'.wb-tally tr[data-option="{o.id}"] .wb-n').inner_text())
              for o in question.options}
    right = next(o for o in question.options if o.correct)
    wrong = next(o for o in question.options if not o.correct)
    choices = [right, right, wrong]  # a scripted room of three trainees
    room = browser.new_context()
    for number, option in enumerate(choices):
        _, code = signed_up(site, f"Room trainee {number}")
        trainee_page = room.new_page()
        trainee_page.goto(site.page_url(DEMO_MODULE.notebook, f"trainee={code}"))
        card = trainee_page.locator(f".wb-question-{question.id}")
        card.get_by_label(option.text, exact=True).check()
        card.get_by_role("button", name="Check answer").click()
        expect(card.locator(".wb-feedback")).to_contain_text("recorded")
        trainee_page.close()
    room.close()
    for option in question.options:  # the chart refreshes by itself; no reload
        expected = before[option.id] + sum(c.id == option.id for c in choices)
        expect(live.locator(f'.wb-tally tr[data-option="{option.id}"] .wb-n')).to_have_text(str(expected))
    expect(live.locator("img")).to_be_visible()
    live.get_by_role("button", name="Reveal the answer").click()
    expect(live).to_contain_text("Best answer")
    expect(live).to_contain_text(right.text)
    assert off_machine(site.requests) == []


def test_stopping_the_site_stops_both_voila_servers(tmp_path) -> None:
    """A service manager stops `workbook serve` with SIGTERM; no Voila server may outlive it."""
    port, dashboard_port = free_port(), free_port()
    with subprocess.Popen([sys.executable, "-m", "workbook", "serve", "--data-dir", str(tmp_path), "--port", str(port),
                           "--dashboard-port", str(dashboard_port)], stdout=subprocess.PIPE, text=True) as serve:
        for line in serve.stdout:
            if "Press Ctrl-C to stop" in line:
                break
        children = children_of(serve.pid)
        assert len(children) == 2, "one Voila process per server"
        serve.send_signal(signal.SIGTERM)
        assert serve.wait(timeout=60) == 0
    for pid in children:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        raise AssertionError(f"Voila process {pid} outlived workbook serve")


def children_of(parent: int) -> list[int]:
    """Process ids whose parent is `parent`, read from /proc (no procps needed)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found
