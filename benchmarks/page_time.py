"""Time to interactive of a module page in headless Chromium: from navigation until the quiz's first
option can be clicked. Cold (a new Voila process, first visit), warm (a running server) and with Voila's
preheated kernels (`workbook serve --preheat 1`), each as a ratio to a bare Voila notebook holding one
markdown cell, measured the same way in the same run. Target: at most 1.5x the bare page.

    .venv/bin/python benchmarks/page_time.py [--samples 5] [--module looking-clients-up]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psutil
from common import report

from workbook import config, registry, site
from workbook.content import load_content
from workbook.store import AnswerStore
from workbook.testing import free_port

CHROMIUM = os.environ.get("WORKBOOK_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BARE_TEXT = "A bare page with one markdown cell."
COLD, WARM, HOT = "cold: new server, first visit", "warm: running server", "preheated kernels (pool of 1)"


def bare_notebook(folder: Path) -> Path:
    cell = {"cell_type": "markdown", "metadata": {}, "source": [BARE_TEXT]}
    notebook = {"cells": [cell], "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                             "language": "python"}},
                "nbformat": 4, "nbformat_minor": 5}
    (folder / "bare.ipynb").write_text(json.dumps(notebook))
    return folder


def wait_until_quiet(pid: int, below: float = 15.0, per_process: float = 1.5) -> None:
    """Until the server and its kernels have stopped starting up: CPU below `below` % plus what idle
    kernels use by themselves (`per_process` % each), for two seconds running."""
    parent = psutil.Process(pid)
    quiet = 0
    while quiet < 2:
        processes = [parent, *parent.children(recursive=True)]
        for process in processes:
            process.cpu_percent(None)
        time.sleep(1)
        used = sum(p.cpu_percent(None) for p in processes if p.is_running())
        quiet = quiet + 1 if used < below + per_process * len(processes) else 0


@contextmanager
def voila(root: Path, data_dir: Path, preheat: int = 0):
    """One Voila server with the site's own settings on `root`; yields its base URL."""
    server = site.Server("bench", root, "127.0.0.1", free_port(), site.TRAINEE_TEMPLATE, preheat=preheat)
    process = subprocess.Popen(site.voila_command(server), env=site.server_environment(data_dir), cwd=root,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        site._wait_until_listening(process, server)
        wait_until_quiet(process.pid)
        yield f"http://127.0.0.1:{server.port}", process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def time_to_interactive(browser, url: str, ready: str, signed_in_as: str | None = None) -> float:
    context = browser.new_context()
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=120_000)
    page.locator(ready).first.wait_for(state="visible", timeout=120_000)
    elapsed = time.perf_counter() - start
    if signed_in_as:  # a fast page that lost the trainee would be no use: check it knows who is there
        page.get_by_text(signed_in_as).first.wait_for(state="visible", timeout=10_000)
    context.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--module", default="looking-clients-up")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    content = load_content()
    module = content.module(args.module)
    question = next(q for q in content.bank(module.id).for_use("module") if q.scored)
    quiz_ready = f".wb-question-{question.id} input[type=radio]:enabled"
    bare_ready = f"text={BARE_TEXT}"
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch) / "data"
        bare_root = bare_notebook(Path(tempfile.mkdtemp(dir=scratch)))
        with AnswerStore(data_dir / config.DATABASE_FILE) as store:
            _, code = registry.register(store, "Benchmark Trainee")
        module_path = f"/voila/render/{module.notebook}?trainee={code}"
        cases = {"bare": (bare_root, "/voila/render/bare.ipynb", bare_ready, None),
                 "module": (config.notebooks_dir(), module_path, quiz_ready, "Benchmark Trainee")}
        results: dict[tuple[str, str], list[float]] = {}

        def note(name: str, setup: str, seconds: float) -> None:
            results.setdefault((name, setup), []).append(seconds)

        # Bare and module samples alternate, so both meet the same noise from this shared machine.
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for _ in range(args.samples):
                for name, (root, path, ready, who) in cases.items():
                    with voila(root, data_dir) as (base, _process):
                        note(name, COLD, time_to_interactive(browser, base + path, ready, who))
            for setup, preheat in ((WARM, 0), (HOT, 1)):
                with voila(bare_root, data_dir, preheat) as (bare_base, bare), \
                        voila(config.notebooks_dir(), data_dir, preheat) as (module_base, module_server):
                    servers = {"bare": (bare_base, bare), "module": (module_base, module_server)}
                    if not preheat:  # the first visit to a running server is the cold one, measured above
                        for name, (_root, path, ready, who) in cases.items():
                            time_to_interactive(browser, servers[name][0] + path, ready, who)
                    for _ in range(args.samples):
                        for name, (_root, path, ready, who) in cases.items():
                            for _base, process in servers.values():
                                wait_until_quiet(process.pid)  # kernels settled, pools refilled
                            note(name, setup, time_to_interactive(browser, servers[name][0] + path, ready, who))
            browser.close()
    rows = []
    for setup in (COLD, WARM, HOT):
        bare, page = statistics.median(results[("bare", setup)]), statistics.median(results[("module", setup)])
        rows.append({"setup": setup, "bare page s": f"{bare:.2f}", "module page s": f"{page:.2f}",
                     "module / bare": f"{page / bare:.2f}", "within 1.5x": "yes" if page / bare <= 1.5 else "no"})
    report("page_time", rows, {"module": module.id, "samples (median)": args.samples,
                               "ready when": "the first quiz option is visible and enabled"})


if __name__ == "__main__":
    main()
