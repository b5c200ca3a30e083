"""The JupyterHub deployment, for real: deploy/jupyterhub/jupyterhub_config.py run by JupyterHub with
configurable-http-proxy (npm), a local spawner and a test authenticator, every trainee's course server
writing to one PostgreSQL store. Trainees sign in to the hub, land on the course with their hub name as
identity, answer, and reach nothing of anyone else's nor anything of Jupyter's but the course."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, wait_for
from tests.browser.test_hostile_visitors import PROBE_JS
from workbook.content import load_content
from workbook.models import QuestionType
from workbook.site import stop
from workbook.store import AnswerStore
from workbook.testing import free_port

REPO = Path(__file__).resolve().parents[2]
DEPLOY_CONFIG = REPO / "deploy" / "jupyterhub" / "jupyterhub_config.py"
PASSWORD = "workshop-password"
CONTENT = load_content()
MODULE = CONTENT.module("looking-clients-up")



def proxy_command() -> str:
    """configurable-http-proxy, from npm: $WORKBOOK_CHP, else the copy scripts/test.sh installs, else PATH."""
    for candidate in (os.environ.get("WORKBOOK_CHP"), str(REPO / ".tools" / "node_modules" / ".bin" /
                                                           "configurable-http-proxy"),
                      shutil.which("configurable-http-proxy")):
        if candidate and Path(candidate).exists():
            return candidate
    missing = ("configurable-http-proxy is not installed: run scripts/test.sh, or "
               "npm install --prefix .tools configurable-http-proxy")
    if os.environ.get("WORKBOOK_REQUIRE_HUB") == "1":
        pytest.fail(missing)
    pytest.skip(missing)


@dataclass
class Hub:
    url: str
    database_url: str
    log: Path


@pytest.fixture(scope="module")
def hub(postgres, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    folder = tmp_path_factory.mktemp("hub")
    database_url = postgres.create_database()
    port = free_port()
    config = folder / "test_config.py"
    config.write_text(f"""
c = get_config()
load_subconfig({str(DEPLOY_CONFIG)!r})  # the documented deployment, then this test's own choices:
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {PASSWORD!r}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(folder / "home" / "{username}")!r}
c.Spawner.cmd = [{str(Path(sys.executable).parent / "jupyterhub-singleuser")!r}]
if {os.geteuid() == 0}:  # CI runs as root; a real hub starts servers as each user, never as root
    c.Spawner.args = [*c.Spawner.args, "--ServerApp.allow_root=True"]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.command = [{proxy_command()!r}]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.JupyterHub.db_url = "sqlite:///{folder / 'hub.sqlite'}"
c.JupyterHub.cookie_secret_file = {str(folder / "cookie_secret")!r}
c.JupyterHub.pid_file = {str(folder / "hub.pid")!r}
""")
    env = {k: v for k, v in os.environ.items() if k not in ("QUERY_STRING", "JUPYTERHUB_USER")}
    env.update({"WORKBOOK_DATABASE_URL": database_url, "WORKBOOK_DATA_DIR": str(folder / "data"),
                "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"})
    log = folder / "hub.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=folder, env=env,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        # 200 from the hub itself: the proxy in front of it says 404 until the hub has added its route
        wait_for(f"http://127.0.0.1:{port}/hub/login", process, log, "jupyterhub", status=200)
        yield Hub(f"http://127.0.0.1:{port}", database_url, log)
    finally:
        stop([process], timeout=60)


@pytest.fixture
def hub_page(browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(120_000)
    opened = context.new_page()
    yield opened
    ARTIFACTS.mkdir(exist_ok=True)
    opened.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def sign_in(page: Page, hub: Hub, user: str) -> None:
    page.goto(f"{hub.url}/hub/login")
    page.get_by_label("Username").fill(user)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".wb-contents")).to_be_visible(timeout=180_000)  # the course's start page


def test_a_hub_user_lands_on_the_course_as_themself_and_answers_into_the_shared_store(hub_page: Page,
                                                                                    hub: Hub) -> None:
    sign_in(hub_page, hub, "alice")
    assert f"/user/alice/voila/render/{CONTENT.course.landing_notebook}" in hub_page.url
    expect(hub_page.get_by_text("Welcome back, alice")).to_be_visible()  # the hub's name is the identity
    expect(hub_page.locator(".wb-sign-in")).to_be_hidden()  # no sign-in form, no resume codes
    hub_page.goto(f"{hub.url}/user/alice/voila/render/{MODULE.notebook}")
    question = next(q for q in CONTENT.bank(MODULE.id).for_use("module") if q.type is QuestionType.SINGLE_CHOICE)
    card = hub_page.locator(f".wb-question-{question.id}")
    card.get_by_label(question.options[0].text, exact=True).check()
    card.get_by_role("button", name="Check answer").click()
    expect(card.locator(".wb-feedback")).to_contain_text("Attempt 1 recorded")
    with AnswerStore(hub.database_url) as store:
        rows = store.answers(trainee="hub-alice")
        assert rows[["module", "question_id", "answer"]].values.tolist() == [[MODULE.id, question.id,
                                                                              question.options[0].id]]
        assert store.read("SELECT display_name FROM trainees WHERE id = 'hub-alice'") == [("alice",)]


def test_a_trainee_reaches_nothing_but_the_course_on_their_own_server_and_nothing_on_anothers(
        hub_page: Page, hub: Hub, browser, tmp_path: Path) -> None:
    other = browser.new_context()
    sign_in(other.new_page(), hub, "bob")  # bob's server is running
    other.close()
    sign_in(hub_page, hub, "mallory")
    request = hub_page.context.request
    refused = {
        "another trainee's course": f"/user/bob/voila/render/{CONTENT.course.landing_notebook}",
        "another trainee's kernels": "/user/bob/api/kernels",
        "own files": "/user/mallory/api/contents",
        "own file download": f"/user/mallory/files/{CONTENT.course.landing_notebook}",
        "own notebook source": f"/user/mallory/api/contents/{CONTENT.course.landing_notebook}",
        "JupyterLab": "/user/mallory/lab",
        "terminals": "/user/mallory/api/terminals",
        "sessions": "/user/mallory/api/sessions",
        "kernel specs": "/user/mallory/api/kernelspecs",
        "the hub's user list": "/hub/api/users",
        "the hub's admin page": "/hub/admin",
    }
    for what, path in refused.items():
        response = request.get(hub.url + path, max_redirects=0)
        assert response.status in (302, 403, 404, 405), f"{what} ({path}) answered {response.status}"
    followed = request.get(f"{hub.url}/user/bob/voila/render/{CONTENT.course.landing_notebook}")
    assert "Welcome back, bob" not in followed.text() and "wb-contents" not in followed.text()
    started = request.post(f"{hub.url}/user/mallory/api/kernels", data={}, headers={"Content-Type": "application/json"})
    assert started.status == 403, "starting a kernel of one's own must be refused"
    hub_page.goto(f"{hub.url}/user/mallory/voila/render/{MODULE.notebook}")
    question = next(q for q in CONTENT.bank(MODULE.id).for_use("module") if q.type is QuestionType.SINGLE_CHOICE)
    card = hub_page.locator(f".wb-question-{question.id}")
    expect(card.get_by_label(question.options[0].text, exact=True)).to_be_visible()  # the course works
    marker = tmp_path / "the-kernel-ran-code-from-the-browser"
    result = hub_page.evaluate(PROBE_JS, str(marker))
    assert "kernel_info_reply" in result["replies"] and "execute_reply" not in result["replies"]
    assert not marker.exists()
    card.get_by_label(question.options[0].text, exact=True).check()  # and still does
    card.get_by_role("button", name="Check answer").click()
    expect(card.locator(".wb-feedback")).to_contain_text("Attempt 1 recorded")
