"""Score an answer against a question and gather the feedback to show. No widgets here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbook.models import Question, QuestionType


class InvalidAnswerError(ValueError):
    """The answer does not fit the question (an unknown option, an empty selection, a value off the scale)."""


@dataclass(frozen=True)
class Outcome:
    """What an answer earned and why: feedback for each chosen option, then the explanation."""

    correct: bool | None
    score: float | None
    chosen_feedback: tuple[tuple[str, str, bool], ...]  # (option text, feedback, option is correct)


def normalise(question: Question, answer: Any) -> Any:
    """The canonical stored form of an answer, or InvalidAnswerError naming what is wrong."""
    option_ids = [o.id for o in question.options]
    match question.type:
        case QuestionType.SINGLE_CHOICE | QuestionType.TRUE_FALSE | QuestionType.SCENARIO:
            if answer not in option_ids:
                raise InvalidAnswerError(f"Choose one of the options for question '{question.id}'.")
            return answer
        case QuestionType.MULTIPLE_SELECT:
            chosen = list(answer) if isinstance(answer, list | tuple | set | frozenset) else []
            if not chosen:
                raise InvalidAnswerError(f"Select at least one option for question '{question.id}'.")
            unknown = [c for c in chosen if c not in option_ids]
            if unknown:
                raise InvalidAnswerError(f"Question '{question.id}' has no option {unknown[0]!r}.")
            return sorted(set(chosen), key=option_ids.index)
        case QuestionType.CONFIDENCE:
            if not isinstance(answer, int) or isinstance(answer, bool) or not 1 <= answer <= len(question.scale):
                raise InvalidAnswerError(f"Choose a rating from 1 to {len(question.scale)} for '{question.id}'.")
            return answer
        case QuestionType.REFLECTION:
            if not isinstance(answer, str) or not answer.strip():
                raise InvalidAnswerError("Write something before saving your reflection.")
            return answer
    raise InvalidAnswerError(f"Question '{question.id}' has an unknown type.")  # pragma: no cover


def score(question: Question, answer: Any) -> Outcome:
    """Score a normalised answer. Multiple select earns partial credit, as Moodle's default does:
    each right choice adds 1/k of the mark (k = number of right options), each wrong one takes 1/k away,
    never below zero; it is correct only when the selection is exactly right."""
    answer = normalise(question, answer)
    if not question.scored:
        return Outcome(None, None, ())
    chosen = [answer] if isinstance(answer, str) else list(answer)
    feedback = tuple((question.option(c).text, question.option(c).feedback, question.option(c).correct) for c in chosen)
    right = question.correct_ids
    if question.type is QuestionType.MULTIPLE_SELECT:
        hits = sum(1 for c in chosen if c in right)
        misses = len(chosen) - hits
        earned = max(0.0, (hits - misses) / len(right))
        return Outcome(set(chosen) == right, round(earned, 4), feedback)
    is_right = chosen[0] in right
    return Outcome(is_right, 1.0 if is_right else 0.0, feedback)
