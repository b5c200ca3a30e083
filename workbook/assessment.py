"""The final assessment: draw questions at random from the pool, score a submitted attempt, keep the result.

An attempt is drawn when the trainee starts it and stored at once, so reloading the page shows the same
questions and never costs an attempt. The score is the mean of the questions' marks (multiple select
earns partial credit, as everywhere in the course); the pass mark and attempt limit come from course.yaml.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from workbook.content import FINAL_POOL, Content
from workbook.models import AssessmentRules, Question
from workbook.registry import Trainee
from workbook.scoring import normalise, score
from workbook.store import AnswerStore


class AssessmentError(ValueError):
    """The assessment cannot do what was asked (no attempts left, unanswered questions, ...)."""


@dataclass(frozen=True)
class Attempt:
    number: int
    question_ids: tuple[str, ...]
    started_at: str
    submitted_at: str | None = None
    score: float | None = None
    passed: bool | None = None

    @property
    def open(self) -> bool:
        return self.submitted_at is None


@dataclass(frozen=True)
class Missed:
    """A question the trainee did not get fully right, for the review after submitting."""

    question: Question
    answer: Any
    earned: float


@dataclass(frozen=True)
class Result:
    attempt: Attempt
    missed: tuple[Missed, ...]


def draw(pool: tuple[Question, ...], count: int, rng: random.Random | None = None) -> tuple[str, ...]:
    """`count` distinct questions at random (all of them, shuffled, if the pool is smaller)."""
    if not pool:
        raise AssessmentError("The final-assessment pool is empty; add questions with use: [final].")
    chosen = (rng or random.SystemRandom()).sample(list(pool), min(count, len(pool)))
    return tuple(q.id for q in chosen)


def attempts(store: AnswerStore, trainee_id: str) -> list[Attempt]:
    rows = store.read("SELECT attempt, questions, started_at, submitted_at, score, passed FROM assessments"
                      " WHERE trainee = ? ORDER BY attempt", (trainee_id,))
    return [Attempt(n, tuple(json.loads(q)), s, sub, sc, None if p is None else bool(p)) for n, q, s, sub, sc, p in rows]


@dataclass(frozen=True)
class Standing:
    """Where a trainee stands: attempts used and left, whether they passed, the best score."""

    attempts: tuple[Attempt, ...]
    rules: AssessmentRules

    @property
    def submitted(self) -> tuple[Attempt, ...]:
        return tuple(a for a in self.attempts if not a.open)

    @property
    def passed(self) -> bool:
        return any(a.passed for a in self.submitted)

    @property
    def best_score(self) -> float | None:
        scores = [a.score for a in self.submitted if a.score is not None]
        return max(scores) if scores else None

    @property
    def open_attempt(self) -> Attempt | None:
        return next((a for a in self.attempts if a.open), None)

    @property
    def attempts_left(self) -> int:
        return max(0, self.rules.attempts - len(self.submitted))

    @property
    def can_start(self) -> bool:
        return not self.passed and self.open_attempt is None and self.attempts_left > 0


def standing(store: AnswerStore, content: Content, trainee_id: str) -> Standing:
    return Standing(tuple(attempts(store, trainee_id)), content.course.final_assessment)


def start(store: AnswerStore, content: Content, trainee: Trainee, rng: random.Random | None = None) -> Attempt:
    """The trainee's open attempt, or a newly drawn one if they may start another."""
    current = standing(store, content, trainee.id)
    if current.open_attempt:
        return current.open_attempt
    if current.passed:
        raise AssessmentError("You have already passed the final assessment.")
    if not current.attempts_left:
        raise AssessmentError(f"You have used all {current.rules.attempts} attempts. Please talk to your supervisor.")
    drawn = draw(content.pool("final"), current.rules.questions, rng)
    number = len(current.attempts) + 1
    started = datetime.now(UTC).isoformat(timespec="seconds")
    store.write(lambda c: c.execute(
        "INSERT INTO assessments (trainee, attempt, questions, started_at) VALUES (?, ?, ?, ?)",
        (trainee.id, number, json.dumps(drawn), started)))
    return Attempt(number, drawn, started)


def submit(store: AnswerStore, content: Content, trainee: Trainee, attempt: Attempt,
           answers: dict[str, Any]) -> Result:
    """Score an attempt, record each answer (context "final") and the result; return it with what was missed."""
    unanswered = [i + 1 for i, qid in enumerate(attempt.question_ids) if answers.get(qid) in (None, [], "")]
    if unanswered:
        listed = ", ".join(str(n) for n in unanswered)
        raise AssessmentError(f"Answer every question before submitting (still open: question {listed}).")
    if not attempt.open:
        raise AssessmentError("This attempt was already submitted.")
    marks: list[float] = []
    missed: list[Missed] = []
    outcomes = []
    for qid in attempt.question_ids:
        question = content.question(qid)
        answer = normalise(question, answers[qid])
        outcome = score(question, answer)
        marks.append(outcome.score or 0.0)
        outcomes.append((question, answer, outcome))
        if not outcome.correct:
            missed.append(Missed(question, answer, outcome.score or 0.0))
    total = round(sum(marks) / len(marks), 4)
    passed = total >= content.course.final_assessment.pass_mark
    submitted = datetime.now(UTC).isoformat(timespec="seconds")
    def close(connection) -> int:  # noqa: ANN001 - sqlite3.Connection
        return connection.execute(
            "UPDATE assessments SET submitted_at = ?, score = ?, passed = ? WHERE trainee = ? AND attempt = ?"
            " AND submitted_at IS NULL", (submitted, total, int(passed), trainee.id, attempt.number)).rowcount

    if store.write(close) != 1:
        raise AssessmentError("This attempt was already submitted.")
    for question, answer, outcome in outcomes:
        store.record_answer(trainee=trainee.id, cohort=trainee.cohort, module=FINAL_POOL, question_id=question.id,
                            answer=answer, correct=outcome.correct, score=outcome.score, context="final")
    done = Attempt(attempt.number, attempt.question_ids, attempt.started_at, submitted, total, passed)
    return Result(done, tuple(missed))
