"""The room's answers to one question, for the live workshop view: counts per option, anonymous."""

from __future__ import annotations

import json
from dataclasses import dataclass

from workbook.models import Question
from workbook.store import AnswerStore


@dataclass(frozen=True)
class Tally:
    question: Question
    counts: tuple[int, ...]  # per option, in the question's order
    trainees: int

    @property
    def labels(self) -> list[str]:
        return [f"{chr(65 + i)}. {o.text}" for i, o in enumerate(self.question.options)]


def tally(store: AnswerStore, question: Question, cohort: str | None = None) -> Tally:
    """Each trainee's latest answer to the question on a module page (a changed mind moves their vote)."""
    params: list[str] = [question.id]
    where = "question_id = ? AND context = 'module'"
    if cohort:
        where += " AND cohort = ?"
        params.append(cohort)
    rows = store.read(
        "SELECT answer FROM (SELECT answer, ROW_NUMBER() OVER (PARTITION BY trainee ORDER BY attempt DESC) AS newest"
        f" FROM answers WHERE {where}) AS ranked WHERE newest = 1", params)

    index = {o.id: i for i, o in enumerate(question.options)}
    counts = [0] * len(question.options)
    for (encoded,) in rows:
        answer = json.loads(encoded)
        for option in answer if isinstance(answer, list) else [answer]:
            if option in index:
                counts[index[option]] += 1
    return Tally(question, tuple(counts), len(rows))
