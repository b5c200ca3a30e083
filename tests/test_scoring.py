"""Scoring every question type, and refusing answers that do not fit the question."""

from __future__ import annotations

import pytest

from workbook.models import QuestionBank
from workbook.scoring import InvalidAnswerError, normalise, score


def test_single_choice(fixture_bank: QuestionBank) -> None:
    question = fixture_bank.question("fx-single")
    right, wrong = score(question, "b"), score(question, "a")
    assert (right.correct, right.score) == (True, 1.0)
    assert (wrong.correct, wrong.score) == (False, 0.0)
    assert wrong.chosen_feedback == (("Accept it to build rapport.", "Accepting creates a personal relationship online.", False),)


def test_multiple_select_partial_credit_as_moodle_defines_it(fixture_bank: QuestionBank) -> None:
    question = fixture_bank.question("fx-multi")  # a, b, d right (k = 3); c wrong
    assert (score(question, ["a", "b", "d"]).correct, score(question, ["a", "b", "d"]).score) == (True, 1.0)
    assert score(question, ["a", "b"]).score == pytest.approx(2 / 3, abs=1e-4)
    assert score(question, ["a", "b"]).correct is False
    assert score(question, ["a", "c"]).score == 0.0  # one right, one wrong cancel out
    assert score(question, ["c"]).score == 0.0  # never below zero
    assert score(question, ["d", "a", "b", "a"]).score == 1.0  # order and repeats do not matter


def test_true_false_and_scenario(fixture_bank: QuestionBank) -> None:
    assert score(fixture_bank.question("fx-true-false"), "false").correct is True
    assert score(fixture_bank.question("fx-true-false"), "true").correct is False
    consequence = score(fixture_bank.question("fx-scenario"), "a")
    assert consequence.correct is False and "1.03(i)" in consequence.chosen_feedback[0][1]


def test_reflections_and_confidence_are_recorded_not_scored(fixture_bank: QuestionBank) -> None:
    reflection = score(fixture_bank.question("fx-reflection"), "I would think about it.")
    rating = score(fixture_bank.question("fx-confidence"), 4)
    assert (reflection.correct, reflection.score, rating.correct, rating.score) == (None, None, None, None)


@pytest.mark.parametrize(("question_id", "answer", "message"), [
    ("fx-single", None, "Choose one of the options"),
    ("fx-single", "z", "Choose one of the options"),
    ("fx-multi", [], "Select at least one option"),
    ("fx-multi", ["a", "z"], "has no option 'z'"),
    ("fx-confidence", 6, "from 1 to 5"),
    ("fx-confidence", True, "from 1 to 5"),
    ("fx-reflection", "   ", "Write something"),
])
def test_answers_that_do_not_fit_are_refused_with_a_clear_message(fixture_bank, question_id, answer, message) -> None:
    with pytest.raises(InvalidAnswerError, match=message):
        normalise(fixture_bank.question(question_id), answer)
