"""The real site, started as a user would start it, and a headless Chromium to use it with.

The site runs `python -m workbook serve` on free ports with a throwaway data folder; Chromium is
Debian's (`/usr/bin/chromium`, or $WORKBOOK_CHROMIUM), driven by Playwright. Screenshots go to
`test-artifacts/` so a person can look at what the test saw.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from workbook.site import stop
from workbook.testing import free_port

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("WORKBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
START_TIMEOUT = 120.0
PAGE_TIMEOUT_MS = 90_000  # a module page starts its own kernel; generous on a busy 2-core machine


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@dataclass
class Site:
    """A running `workbook serve`: where to reach it and where it keeps answers."""

    trainee_url: str
    dashboard_url: str
    token: str
    data_dir: Path
    process: subprocess.Popen
    log: Path
    requests: list[str] = field(default_factory=list)

    def page_url(self, notebook: str, query: str = "") -> str:
        return f"{self.trainee_url}/voila/render/{notebook}" + (f"?{query}" if query else "")


def http_get(url: str, timeout: float = 30.0, with_location: bool = False):  # noqa: ANN201
    """Status and body of a GET (and the redirect target, if asked), without following redirects to a
    login page (hard timeout: a misconfigured Voila answers 200 and then hangs)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=timeout) as response:
            found = response.status, response.read(), response.headers.get("Location")
    except urllib.error.HTTPError as error:
        found = error.code, error.read(), error.headers.get("Location")
    return found if with_location else found[:2]


def wait_for(url: str, process: subprocess.Popen, log: Path, what: str = "workbook serve",
             status: int | None = None) -> None:
    """Until `url` answers (with `status`, if given), or fail with the server's log."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            answered = http_get(url, timeout=5)[0]
            if status is None or answered == status:
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{url} did not answer within {START_TIMEOUT:.0f} s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    data_dir = tmp_path_factory.mktemp("site-data")
    log = tmp_path_factory.mktemp("site-log") / "serve.log"
    port, dashboard_port, token = free_port(), free_port(), secrets.token_urlsafe(16)
    env = {k: v for k, v in os.environ.items() if k not in ("QUERY_STRING", "JUPYTERHUB_USER")}
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "workbook", "serve", "--data-dir", str(data_dir), "--port", str(port),
             "--dashboard-port", str(dashboard_port), f"--token={token}"],  # a token may start with "-"
            stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )
    running = Site(f"http://127.0.0.1:{port}", f"http://127.0.0.1:{dashboard_port}", token, data_dir, process, log)
    try:
        wait_for(running.trainee_url + "/", process, log)
        wait_for(running.dashboard_url + "/", process, log)
        yield running
    finally:
        stop([process], timeout=30)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect

    # A page's widgets appear once its own kernel has run the notebook: allow for that on a busy machine.
    expect.set_options(timeout=PAGE_TIMEOUT_MS)
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's package (apt-get install chromium) "
                    "or set WORKBOOK_CHROMIUM.")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, site: Site, request: pytest.FixtureRequest):
    """A fresh browser context; every request it makes is recorded so tests can check none leaves the machine."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    opened = context.new_page()
    site.requests.clear()
    opened.on("request", lambda r: site.requests.append(r.url))
    yield opened
    ARTIFACTS.mkdir(exist_ok=True)
    opened.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def off_machine(urls: list[str]) -> list[str]:
    """The requests that went anywhere but this machine."""
    local = {"127.0.0.1", "localhost", "::1"}
    return [u for u in urls if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).hostname not in local]
