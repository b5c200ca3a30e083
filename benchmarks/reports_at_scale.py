"""Item statistics and the cohort report over a million recorded answers, against the floor: a plain
SQL aggregate over the same rows. Target: each report under 2 s.

    .venv/bin/python benchmarks/reports_at_scale.py [--answers 1000000] [--trainees 2000]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from common import report, timed

from workbook import reports
from workbook.content import load_content
from workbook.exports import trainees
from workbook.statistics import item_statistics
from workbook.store import AnswerStore


def fill(path: Path, answers: int, people: int, seed: int = 7) -> None:
    """A store with `answers` rows: every trainee answers every module and pre-test question at least
    once, more attempts where the numbers call for it; scores as a scored question would give."""
    content = load_content()
    questions = [(q.module, q.id, use, q.scored) for use in ("module", "pretest") for q in content.pool(use)]
    rng = np.random.default_rng(seed)
    base = people * len(questions)
    extra = rng.multinomial(max(0, answers - base), np.ones(base) / base) if answers > base else np.zeros(base, int)
    with AnswerStore(path) as store:
        store.count()  # creates the schema
    rows = []
    for index in range(base):
        trainee = index // len(questions)
        module, qid, context, scored = questions[index % len(questions)]
        for attempt in range(1, 2 + int(extra[index])):
            right = rng.random() < 0.6
            answer = json.dumps("b" if right else "a") if scored else json.dumps(int(rng.integers(1, 6)))
            rows.append((f"t{trainee:05}", "bench", module, qid, context, answer,
                         int(right) if scored else None, float(right) if scored else None, attempt,
                         "2027-01-01T00:00:00.000+00:00"))
    with sqlite3.connect(path) as connection:
        connection.executemany(
            "INSERT INTO answers (trainee, cohort, module, question_id, context, answer, correct, score, attempt,"
            " answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        connection.executemany("INSERT INTO trainees (id, display_name, cohort, created_at) VALUES (?, ?, ?, ?)",
                               [(f"t{i:05}", f"Trainee {i}", "bench", "2027-01-01") for i in range(people)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--trainees", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    content = load_content()
    modules = [m.id for m in content.course.modules]
    sizes = {m: len(content.banks[m].for_use("module")) for m in modules}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.sqlite3"
        fill(path, args.answers, args.trainees)
        with AnswerStore(path) as store:
            rows_stored = store.count()

            def floor() -> object:
                return store.read("SELECT module, question_id, COUNT(*), AVG(score) FROM answers"
                                  " WHERE context = 'module' AND attempt = 1 GROUP BY module, question_id")

            # exactly what the dashboard's panels do: read what the report needs, then compute it
            def statistics_report() -> pd.DataFrame:
                return item_statistics(reports.item_answers(store, "module"), "module")

            def cohort() -> pd.DataFrame:
                answers = reports.report_answers(store)
                assessments = pd.DataFrame(columns=["trainee", "score", "passed"])
                reports.knowledge_gain(answers, assessments)
                return reports.cohort_report(answers, trainees(store), modules, sizes, assessments)

            def everything() -> pd.DataFrame:
                return store.answers()

            base = timed(floor, args.repeat)
            results = [{"measure": "plain SQL aggregate (floor)", "seconds": f"{base:.2f}", "x floor": "1.0"}]
            for name, action in (("item statistics", statistics_report), ("cohort report and pre/post gain", cohort),
                                 ("for comparison: every answer as a DataFrame", everything)):
                seconds = timed(action, args.repeat)
                results.append({"measure": name, "seconds": f"{seconds:.2f}", "x floor": f"{seconds / base:.1f}"})
    report("reports_at_scale", results, {"answers": rows_stored, "trainees": args.trainees, "target": "under 2 s each"})


if __name__ == "__main__":
    main()
