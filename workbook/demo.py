"""A fictional demo cohort, so a supervisor can try the dashboard before a real workshop.

Every trainee here is invented ("Demo trainee 01" ...); answers are simulated from a simple ability
model (a stronger trainee picks the best option more often; harder questions are missed more), so
the cohort report, item statistics and live view show realistic, varied numbers. The cohort code
starts with "demo-" so the data is easy to recognise and to delete.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from workbook import assessment, cohorts, registry
from workbook.content import Content
from workbook.models import Question, QuestionType
from workbook.scoring import score
from workbook.store import AnswerStore

REFLECTIONS = (
    "I had not thought about how a check-in could show where I work. I will switch location sharing off.",
    "My client Jordan mentioned my holiday photos on 12 March, which surprised me.",  # flagged on purpose
    "I want a written policy before my next placement, so the conversation does not depend on my mood that day.",
    "Searching for a client feels like care but the codes ask for consent first; I will ask instead.",
)


@dataclass(frozen=True)
class DemoCohort:
    code: str
    trainees: int
    answers: int


def _choose(question: Question, ability: float, rng: random.Random) -> object:
    """A simulated answer: the best one with a probability that grows with ability and the question's ease."""
    ease = (sum(map(ord, question.id)) % 40) / 100  # a stable per-question difficulty, 0 to 0.39
    knows = rng.random() < min(0.97, ability + ease - 0.1)
    if question.type is QuestionType.MULTIPLE_SELECT:
        right = [o.id for o in question.options if o.correct]
        return right if knows else rng.sample([o.id for o in question.options], k=max(1, len(right) - 1))
    best = [o.id for o in question.options if o.correct]
    return best[0] if knows else rng.choice([o.id for o in question.options if not o.correct] or best)


def _record(store: AnswerStore, trainee: registry.Trainee, question: Question, answer: object, context: str) -> None:
    outcome = score(question, answer)
    store.record_answer(trainee=trainee.id, cohort=trainee.cohort, module=question.module, question_id=question.id,
                        answer=answer, correct=outcome.correct, score=outcome.score, context=context)


def fill(store: AnswerStore, content: Content, trainees: int = 12, seed: int = 7) -> DemoCohort:
    """Create a demo cohort and simulate its trainees through the pre-test, every module and the final."""
    rng = random.Random(seed)
    cohort = cohorts.create(store, "Demo practicum", "2026-09-01", "2026-12-15")
    recorded = 0
    for number in range(1, trainees + 1):
        trainee, _ = registry.register(store, f"Demo trainee {number:02d}", cohort.code)
        ability = 0.35 + 0.6 * (number - 1) / max(1, trainees - 1)
        for question in content.pool("pretest"):
            answer = rng.randint(1, 3) if question.type is QuestionType.CONFIDENCE else _choose(question, ability * 0.7, rng)
            _record(store, trainee, question, answer, "pretest")
            recorded += 1
        reached = len(content.course.modules) if ability >= 0.55 else max(2, round(len(content.course.modules) * ability * 1.3))
        finished = content.course.modules[:reached]
        for module in finished:
            for question in content.bank(module.id).for_use("module"):
                if question.type is QuestionType.REFLECTION:
                    answer: object = rng.choice(REFLECTIONS)
                elif question.type is QuestionType.CONFIDENCE:
                    answer = min(5, rng.randint(3, 4) + (ability > 0.7))
                else:
                    answer = _choose(question, ability, rng)
                _record(store, trainee, question, answer, "module")
                recorded += 1
        if len(finished) == len(content.course.modules):
            for _ in range(content.course.final_assessment.attempts):
                attempt = assessment.start(store, content, trainee, rng)
                answers = {qid: _choose(content.question(qid), ability + 0.1, rng) for qid in attempt.question_ids}
                recorded += len(answers)
                if assessment.submit(store, content, trainee, attempt, answers).attempt.passed:
                    break
    return DemoCohort(cohort.code, trainees, recorded)
