"""Recording an answer: from the quiz's click handler to the committed row, p50 and p99, against the
floor of one bare INSERT and COMMIT on the same database. Target: p99 under 20 ms on this machine.

    .venv/bin/python benchmarks/record_answer.py [--answers 1000] [--postgres]
"""

from __future__ import annotations

import argparse
import multiprocessing
import sqlite3
import tempfile
import time
from pathlib import Path

from common import percentile, report

from workbook.content import load_content
from workbook.registry import Trainee
from workbook.store import AnswerStore
from workbook.widgets.question import QuestionWidget


def click_times(where: str, answers: int) -> list[float]:
    """Seconds per click of "Check answer": score, write, commit, render the feedback."""
    content = load_content()
    question = next(q for q in content.pool("module") if q.type.value == "single_choice")
    store = AnswerStore(where)
    widget = QuestionWidget(question, content=content, trainee=Trainee("bench-trainee"), store=lambda: store)
    widget.select(question.options[0].id)
    widget.submit()  # open the connection and the schema once, as a page's first answer does
    times = []
    for _ in range(answers):
        start = time.perf_counter()
        widget.submit()
        times.append(time.perf_counter() - start)
    assert "recorded" in widget.feedback.value, "the benchmark must measure saved answers"
    store.close()
    return times


def bare_insert_times(path: Path, answers: int) -> list[float]:
    """The floor: a bare INSERT and COMMIT into the same table, durable in the same way."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA synchronous = FULL")
    times = []
    for i in range(answers):
        start = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO answers (trainee, module, question_id, answer, attempt, answered_at)"
                           " VALUES ('floor', 'm', ?, '\"a\"', 1, '2027-01-01')", (f"q{i}",))
        connection.execute("COMMIT")
        times.append(time.perf_counter() - start)
    connection.close()
    return times


def _writer(where: str, writer: int, stop_at: float, pause: float) -> None:
    """Another trainee's kernel: an answer, then `pause` seconds (0: flat out), until `stop_at`."""
    with AnswerStore(where) as store:
        i = 0
        while time.time() < stop_at:
            store.record_answer(trainee=f"load-{writer}", module="m", question_id=f"q{i}", answer="a",
                                correct=True, score=1.0)
            i += 1
            time.sleep(pause)


def row(name: str, times: list[float], floor_p50: float) -> dict[str, object]:
    p50, p99 = percentile(times, 0.50), percentile(times, 0.99)
    return {"measure": name, "p50 ms": f"{p50 * 1000:.1f}", "p99 ms": f"{p99 * 1000:.1f}",
            "p50 x floor": f"{p50 / floor_p50:.1f}", "p99 under 20 ms": "yes" if p99 < 0.020 else "no"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1000)
    parser.add_argument("--load-writers", type=int, default=15)
    parser.add_argument("--postgres", action="store_true", help="also measure a throwaway PostgreSQL server")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.sqlite3"
        AnswerStore(path).count()
        floor = bare_insert_times(path, args.answers)
        floor_p50 = percentile(floor, 0.5)
        rows = [row("bare INSERT + COMMIT (floor)", floor, floor_p50),
                row("click to committed row, SQLite", click_times(str(path), args.answers), floor_p50)]
        context = multiprocessing.get_context("spawn")
        # a busy workshop: 60 trainees answering every 10 s is 6 answers a second; then a stress test
        for label, pause in ((f"same, with {args.load_writers} other writers at 6 answers/s in all",
                              args.load_writers / 6), (f"same, with {args.load_writers} other writers flat out", 0.0)):
            stop_at = time.time() + 120
            writers = [context.Process(target=_writer, args=(str(path), w, stop_at, pause))
                       for w in range(args.load_writers)]
            for writer in writers:
                writer.start()
            time.sleep(3)  # let them start writing
            rows.append(row(label, click_times(str(path), args.answers // 4), floor_p50))
            for writer in writers:
                writer.terminate()
                writer.join()
    if args.postgres:
        from workbook.testing import start_postgres

        server = start_postgres()
        try:
            rows.append(row("click to committed row, PostgreSQL", click_times(server.create_database(), args.answers),
                            floor_p50))
        finally:
            server.stop()
    report("record_answer", rows, {"answers per measure": args.answers, "target": "p99 under 20 ms"})


if __name__ == "__main__":
    main()
