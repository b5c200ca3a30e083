"""A workshop on one machine: N simulated trainees (default 60) arrive over a few minutes, each opens
the same module in headless Chromium and answers its quiz by clicking, against one `workbook serve`.
Reports page time-to-interactive (p50, p95; split into the server running the notebook and the browser
drawing its widgets), answer latency (click to "recorded" on the page), memory per trainee kernel and
errors. Target: p95 under 3 s on 2 cores with no errors. Baseline in the same run: one trainee alone.

    .venv/bin/python benchmarks/workshop.py [--trainees 60] [--arrive-over 180] [--preheat 0]

The trainees' browsers run on the same 2 cores as the server, which a real room does not do: the
figures are an upper bound on what the server alone would cost.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from common import percentile, report
from page_time import CHROMIUM, FLAGS, free_port, wait_until_quiet

from workbook import config, registry
from workbook.content import load_content
from workbook.models import QuestionType
from workbook.store import AnswerStore


@dataclass
class Visit:
    loaded: float = 0.0  # navigation until the notebook's HTML has arrived (the server's share)
    interactive: float = 0.0  # navigation until the first option can be clicked
    answers: list[float] = field(default_factory=list)
    error: str = ""


async def trainee(browser, url: str, questions, delay: float, visit: Visit) -> None:
    await asyncio.sleep(delay)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    try:
        start = time.perf_counter()
        await page.goto(url, wait_until="domcontentloaded", timeout=180_000)
        visit.loaded = time.perf_counter() - start
        first = page.locator(f".wb-question-{questions[0].id} input[type=radio]:enabled").first
        await first.wait_for(state="visible", timeout=180_000)
        visit.interactive = time.perf_counter() - start
        for question in questions:
            card = page.locator(f".wb-question-{question.id}")
            await card.scroll_into_view_if_needed()
            await card.get_by_label(question.options[0].text, exact=True).check()
            clicked = time.perf_counter()
            await card.get_by_role("button", name="Check answer").click()
            await card.locator(".wb-feedback", has_text="recorded").wait_for(timeout=60_000)
            visit.answers.append(time.perf_counter() - clicked)
    except Exception as error:  # noqa: BLE001 - a benchmark counts every failure, whatever it is
        visit.error = f"{type(error).__name__}: {str(error).splitlines()[0][:120]}"
    finally:
        await context.close()


def kernels_of(server: psutil.Process) -> list[psutil.Process]:
    return [p for p in server.children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]


async def run(url_of, codes: list[str], questions, arrive_over: float, server: psutil.Process) -> tuple[list[Visit], list[int]]:
    from playwright.async_api import async_playwright

    visits = [Visit() for _ in codes]
    peak_rss: list[int] = []

    async def watch_memory() -> None:
        while True:
            rss = [k.memory_info().rss for k in kernels_of(server) if k.is_running()]
            if len(rss) > len(peak_rss):
                peak_rss[:] = rss
            await asyncio.sleep(1)

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        watcher = asyncio.create_task(watch_memory())
        spacing = arrive_over / max(1, len(codes))
        await asyncio.gather(*(trainee(browser, url_of(code), questions, i * spacing, visit)
                               for i, (code, visit) in enumerate(zip(codes, visits, strict=True))))
        watcher.cancel()
        await browser.close()
    return visits, peak_rss


def summary(name: str, visits: list[Visit]) -> dict[str, object]:
    ok = [v for v in visits if not v.error]
    ready = [v.interactive for v in ok] or [float("nan")]
    loaded = [v.loaded for v in ok] or [float("nan")]
    answers = [a for v in ok for a in v.answers] or [float("nan")]
    return {"run": name, "trainees": len(visits), "errors": len(visits) - len(ok),
            "ready p50 s": f"{percentile(ready, 0.5):.2f}", "ready p95 s": f"{percentile(ready, 0.95):.2f}",
            "server share p95 s": f"{percentile(loaded, 0.95):.2f}",
            "answer p50 s": f"{percentile(answers, 0.5):.2f}", "answer p95 s": f"{percentile(answers, 0.95):.2f}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=60)
    parser.add_argument("--arrive-over", type=float, default=180.0, help="seconds over which trainees arrive")
    parser.add_argument("--preheat", type=int, default=0, help="workbook serve --preheat N")
    parser.add_argument("--module", default="looking-clients-up")
    args = parser.parse_args()
    content = load_content()
    module = content.module(args.module)
    questions = [q for q in content.bank(module.id).for_use("module") if q.type is QuestionType.SINGLE_CHOICE]
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch)
        with AnswerStore(data_dir / config.DATABASE_FILE) as store:
            codes = [registry.register(store, f"Workshop trainee {i:02}")[1] for i in range(args.trainees + 2)]
        port = free_port()
        command = [sys.executable, "-m", "workbook", "serve", "--no-dashboard", "--data-dir", str(data_dir),
                   "--port", str(port), "--preheat", str(args.preheat)]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            deadline = time.monotonic() + 120
            while not any(c.status == "LISTEN" and c.laddr.port == port for c in psutil.net_connections("tcp")):
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit("the site did not start")
                time.sleep(0.5)
            wait_until_quiet(process.pid)
            server = psutil.Process(process.pid)

            def url_of(code: str) -> str:
                return f"http://127.0.0.1:{port}/voila/render/{module.notebook}?trainee={code}"

            asyncio.run(run(url_of, codes[:1], questions, 0, server))  # warm-up: the server's first page
            wait_until_quiet(process.pid)
            alone, _ = asyncio.run(run(url_of, codes[1:2], questions, 0, server))
            wait_until_quiet(process.pid)
            room, peak = asyncio.run(run(url_of, codes[2:], questions, args.arrive_over, server))
            with AnswerStore(data_dir / config.DATABASE_FILE) as store:
                saved = store.count()
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)
    expected = (2 + sum(1 for v in room if not v.error)) * len(questions)
    rows = [summary("one trainee alone (baseline)", alone), summary(f"{args.trainees} trainees", room)]
    errors = sorted({v.error for v in room if v.error})
    mib = [r / 2**20 for r in peak]
    report("workshop", rows, {
        "arrivals": f"{args.trainees} over {args.arrive_over:.0f} s", "preheat": args.preheat,
        "questions answered per trainee": len(questions),
        "answers in the store": f"{saved} (expected at least {expected})",
        "kernels alive at peak": len(peak),
        "memory per kernel (MiB, median / max)": f"{statistics.median(mib):.0f} / {max(mib):.0f}" if mib else "n/a",
        "errors seen": "; ".join(errors) or "none"})


if __name__ == "__main__":
    main()
