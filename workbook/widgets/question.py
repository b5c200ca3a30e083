"""One question on the page: shows it, takes an answer, records it, explains the result.

Testable without a browser: set the input's `.value` (or `select()`), then call `submit()`.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as widgets

from workbook import render
from workbook.content import Content
from workbook.errors import StoreUnavailableError
from workbook.identity import Trainee
from workbook.models import Question, QuestionType
from workbook.scoring import InvalidAnswerError, normalise, score
from workbook.store import AnswerRow, AnswerStore

SUBMIT_LABELS = {QuestionType.REFLECTION: "Save reflection", QuestionType.CONFIDENCE: "Save rating"}
FULL_WIDTH = widgets.Layout(width="100%")


class QuestionWidget(widgets.VBox):
    """A question with its answer control, a submit button and a feedback area."""

    def __init__(self, question: Question, *, content: Content, trainee: Trainee,
                 store: Callable[[], AnswerStore]):
        self.question = question
        self._content = content
        self._trainee = trainee
        self._store = store
        self._pending: list[dict[str, Any]] = []  # answers the store could not take yet, oldest first
        self.prompt = widgets.HTML(render.question_prompt(question), layout=FULL_WIDTH)
        self.input = self._make_input(question)
        self.submit_button = widgets.Button(
            description=SUBMIT_LABELS.get(question.type, "Check answer"), button_style="primary",
            tooltip="Record this answer and show feedback",
        )
        self.submit_button.on_click(self.submit)
        self.feedback = widgets.HTML("", layout=FULL_WIDTH)
        super().__init__(
            [self.prompt, self.input, self.submit_button, self.feedback],
            layout=widgets.Layout(width="100%"),
        )
        self.add_class("wb-question")
        self.add_class(f"wb-question-{question.id}")

    def __repr__(self) -> str:
        # nbval compares this text, so it must stay free of model ids and other per-run values.
        return f"Question {self.question.id} ({self.question.type.value}, {len(self.question.options)} options)"

    # ------------------------------------------------------------------ input
    @staticmethod
    def _make_input(question: Question) -> widgets.Widget:
        kind = question.type
        if kind is QuestionType.MULTIPLE_SELECT:
            boxes = [widgets.Checkbox(value=False, description=o.text, indent=False, layout=FULL_WIDTH)
                     for o in question.options]
            box = widgets.VBox(boxes, layout=FULL_WIDTH)
            box.add_class("wb-checkboxes")
            return box
        if kind is QuestionType.REFLECTION:
            return widgets.Textarea(placeholder="Write your reflection here. Do not include anything that could "
                                                "identify a real client.", rows=6, layout=FULL_WIDTH)
        if kind is QuestionType.CONFIDENCE:
            choices = [(f"{i}. {label}", i) for i, label in enumerate(question.scale, start=1)]
        else:
            choices = [(o.text, o.id) for o in question.options]
        return widgets.RadioButtons(options=choices, value=None, layout=FULL_WIDTH)

    def answer(self) -> Any:
        """The answer as currently entered on the page, in the form the scorer expects."""
        if isinstance(self.input, widgets.VBox):
            return [o.id for o, box in zip(self.question.options, self.input.children, strict=True) if box.value]
        return self.input.value

    def select(self, *option_ids: str) -> None:
        """Enter an answer by option id(s), as a trainee's clicks would (for tests and demonstrations)."""
        if isinstance(self.input, widgets.VBox):
            for option, box in zip(self.question.options, self.input.children, strict=True):
                box.value = option.id in option_ids
        else:
            (self.input.value,) = option_ids

    def restore(self, previous: AnswerRow) -> None:
        """Show an answer recorded earlier (a reopened page): the choice, and its feedback, marked as earlier."""
        answer = previous.answer
        if self.question.type in (QuestionType.REFLECTION, QuestionType.CONFIDENCE):
            self.input.value = answer
        else:
            self.select(*([answer] if isinstance(answer, str) else answer))
        outcome = score(self.question, answer)
        note = (f'<p class="wb-earlier">You answered this on an earlier visit ({previous.answered_at[:10]}). '
                "Answer again to record another attempt; earlier attempts are kept.</p>")
        self.feedback.value = note + render.feedback(self.question, outcome, previous.attempt, self._content)

    # ------------------------------------------------------------------ submit
    def submit(self, _button: widgets.Button | None = None) -> None:
        """Score, record and explain the current answer; every submit is a new attempt."""
        try:
            answer = normalise(self.question, self.answer())
        except InvalidAnswerError as error:
            self.feedback.value = f'<div class="wb-feedback wb-notice" role="alert"><p>{escape(str(error))}</p></div>'
            return
        outcome = score(self.question, answer)
        self._pending.append({
            "trainee": self._trainee.id, "cohort": self._trainee.cohort, "module": self.question.module,
            "question_id": self.question.id, "answer": answer, "correct": outcome.correct, "score": outcome.score,
        })
        try:
            attempt = self._flush()
        except StoreUnavailableError:
            attempt = None
        if attempt is None:
            self.feedback.value = (
                '<div class="wb-feedback wb-notice" role="alert"><p><strong>Your answer is not saved yet.</strong> '
                "The answer store is busy or unavailable. Your answer is kept on this page and will be saved "
                "when you submit again; do not close the page.</p></div>"
            )
            return
        self.feedback.value = render.feedback(self.question, outcome, attempt, self._content)

    def _flush(self) -> int | None:
        """Write every kept answer in order; return the attempt number of the newest one."""
        attempt = None
        store = self._store()
        while self._pending:
            row = store.record_answer(**self._pending[0])
            self._pending.pop(0)
            attempt = row.attempt
        return attempt
