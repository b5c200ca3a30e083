"""The quiz widget, driven as a trainee would (set the value, press the button), without a browser."""

from __future__ import annotations

from pathlib import Path

from workbook.errors import StoreUnavailableError
from workbook.identity import Trainee
from workbook.store import AnswerStore
from workbook.widgets import QuestionWidget


def make(fixture_bank, content, store, question_id: str) -> QuestionWidget:
    return QuestionWidget(fixture_bank.question(question_id), content=content, trainee=Trainee("tr-1", "cohort-a"),
                          store=lambda: store)


def test_answering_records_the_row_and_shows_teaching_feedback(fixture_bank, content, store) -> None:
    widget = make(fixture_bank, content, store, "fx-single")
    widget.select("a")
    widget.submit_button.click()
    row = store.answers().iloc[0]
    assert (row["trainee"], row["cohort"], row["module"], row["question_id"], row["answer"]) == \
        ("tr-1", "cohort-a", "fixture-module", "fx-single", "a")
    assert bool(row["correct"]) is False and row["attempt"] == 1
    shown = widget.feedback.value
    assert "Not quite" in shown
    assert "Accepting creates a personal relationship online." in shown  # the chosen option's own feedback
    assert "Personal online relationships with clients blur roles." in shown  # the explanation
    assert "NASW Code 1.06(h)" in shown  # the citation, by its label


def test_another_attempt_is_recorded_as_a_new_row(fixture_bank, content, store) -> None:
    widget = make(fixture_bank, content, store, "fx-single")
    widget.select("a")
    widget.submit()
    widget.select("b")
    widget.submit()
    frame = store.answers()
    assert frame["attempt"].tolist() == [1, 2] and frame["answer"].tolist() == ["a", "b"]
    assert "Correct" in widget.feedback.value and "Attempt 2 recorded" in widget.feedback.value


def test_no_selection_asks_for_one_and_records_nothing(fixture_bank, content, store) -> None:
    widget = make(fixture_bank, content, store, "fx-single")
    widget.submit()
    assert "Choose one of the options" in widget.feedback.value
    assert store.count() == 0


def test_checkboxes_for_multiple_select(fixture_bank, content, store) -> None:
    widget = make(fixture_bank, content, store, "fx-multi")
    widget.input.children[0].value = True  # "Names"
    widget.input.children[2].value = True  # "The year of a visit"
    widget.submit()
    row = store.answers().iloc[0]
    assert row["answer"] == ["a", "c"] and row["score"] == 0.0
    assert "The year alone may be kept." in widget.feedback.value


def test_reflection_and_confidence_are_saved_with_guidance(fixture_bank, content, store) -> None:
    reflection = make(fixture_bank, content, store, "fx-reflection")
    reflection.input.value = "I would keep my personal profile private."
    reflection.submit()
    rating = make(fixture_bank, content, store, "fx-confidence")
    rating.input.value = 3
    rating.submit()
    frame = store.answers()
    assert frame["answer"].tolist() == ["I would keep my personal profile private.", 3]
    assert "Saved" in reflection.feedback.value and "Consider what clients may find" in reflection.feedback.value


def test_feedback_escapes_markup(fixture_bank, content, store) -> None:
    widget = make(fixture_bank, content, store, "fx-reflection")
    widget.input.value = "<script>alert('x')</script>"
    widget.submit()
    assert store.answers()["answer"].iloc[0] == "<script>alert('x')</script>"
    assert "<script>" not in widget.feedback.value


class FlakyStore:
    """A store that is unavailable until told otherwise, then behaves like the real one."""

    def __init__(self, real: AnswerStore):
        self.real = real
        self.available = False

    def record_answer(self, **row):
        if not self.available:
            raise StoreUnavailableError("The answer store is not available; your answer is kept and will be retried.")
        return self.real.record_answer(**row)


def test_an_unavailable_store_keeps_the_answer_and_saves_it_on_the_next_submit(fixture_bank, content, tmp_path: Path) -> None:
    with AnswerStore(tmp_path / "answers.sqlite3") as real:
        flaky = FlakyStore(real)
        widget = QuestionWidget(fixture_bank.question("fx-single"), content=content, trainee=Trainee("tr-1"),
                                store=lambda: flaky)
        scheduled: list[float] = []
        widget.schedule_retry = lambda delay, _action: scheduled.append(delay)
        widget.select("a")
        widget.submit()
        assert "not saved yet" in widget.feedback.value
        assert scheduled == [2.0]  # an automatic retry was arranged
        assert real.count() == 0
        flaky.available = True
        widget.select("b")
        widget.submit()
        frame = real.answers()
        assert frame["answer"].tolist() == ["a", "b"]  # the kept answer first, nothing lost
        assert frame["attempt"].tolist() == [1, 2]
        assert "Attempt 2 recorded" in widget.feedback.value


def test_repr_is_stable_for_nbval(fixture_bank, content, store) -> None:
    assert repr(make(fixture_bank, content, store, "fx-multi")) == "Question fx-multi (multiple_select, 4 options)"


def test_a_reopened_page_shows_the_earlier_answer_and_counts_on(fixture_bank, content, store) -> None:
    first = make(fixture_bank, content, store, "fx-single")
    first.select("b")
    first.submit()
    reopened = make(fixture_bank, content, store, "fx-single")
    reopened.restore(store.latest(trainee="tr-1", question_id="fx-single"))
    assert reopened.answer() == "b"
    assert "earlier visit" in reopened.feedback.value and "Correct" in reopened.feedback.value
    reopened.select("a")
    reopened.submit()
    assert store.answers()["attempt"].tolist() == [1, 2]  # the first attempt is kept, never overwritten


def test_latest_is_none_before_any_answer(store) -> None:
    assert store.latest(trainee="nobody", question_id="fx-single") is None
