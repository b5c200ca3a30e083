"""One question on the page: shows it, takes an answer, records it, explains the result.

Testable without a browser: set the input's `.value` (or `select()`), then call `submit()`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import HTMLStyle

from workbook import render
from workbook.content import Content
from workbook.deidentify import describe, find_identifiers
from workbook.errors import StoreUnavailableError
from workbook.models import Question, QuestionType
from workbook.registry import Trainee
from workbook.scoring import InvalidAnswerError, normalise, score
from workbook.store import AnswerRow, AnswerStore

RETRY_DELAYS = (2.0, 5.0, 10.0, 30.0)  # seconds between automatic retries of a kept answer; the last repeats
NOT_SAVED_YET = (
    '<div class="wb-feedback wb-notice" role="alert"><p><strong>Your answer is not saved yet.</strong> '
    "The answer store is busy or unavailable. Your answer is kept on this page and saving is retried "
    "by itself every few seconds; this message changes when it is saved. Please keep the page open.</p></div>")
SUBMIT_LABELS = {QuestionType.REFLECTION: "Save reflection", QuestionType.CONFIDENCE: "Save rating"}
# Every widget is a model the browser must create and sync before the quiz can be clicked, so the
# questions on a page share their layout and style models instead of having one each.
FULL_WIDTH = widgets.Layout(width="100%")
BUTTON_LAYOUT = widgets.Layout()
BUTTON_STYLE = widgets.ButtonStyle()
TEXT_STYLE = HTMLStyle()


class QuestionWidget(widgets.VBox):
    """A question with its answer control, a submit button and a feedback area."""

    def __init__(self, question: Question, *, content: Content, trainee: Trainee | None,
                 store: Callable[[], AnswerStore], context: str = "module", reveal: bool = True, exam: bool = False,
                 number: int | None = None):
        """`trainee` None: the visitor is not signed in, so answers are checked but not saved. `reveal` False
        (the pre-test) saves without showing the answer; `exam` (the final assessment) shows no button at all."""
        self.question = question
        self._content = content
        self._trainee = trainee
        self._store = store
        self._context = context
        self._reveal = reveal
        self._pending: list[dict[str, Any]] = []  # answers the store could not take yet, oldest first
        self._pending_outcome: Any = None  # the score of the newest kept answer, to explain once it is saved
        self._retries = 0
        self._retry_timer: threading.Timer | None = None
        self._flush_lock = threading.Lock()  # a retry timer and a click never write the same answer twice
        self.schedule_retry: Callable[[float, Callable[[], None]], None] = self._start_timer
        self._confirmed_text: str | None = None  # a reflection the trainee chose to save despite flags
        self.on_recorded: list[Callable[[AnswerRow], None]] = []
        self.prompt = widgets.HTML(render.question_prompt(question, number), layout=FULL_WIDTH, style=TEXT_STYLE)
        self.input = self._make_input(question)
        self.submit_button = widgets.Button(
            description=SUBMIT_LABELS.get(question.type, "Check answer"), button_style="primary",
            tooltip="Record this answer and show feedback", layout=BUTTON_LAYOUT, style=BUTTON_STYLE,
        )
        self.submit_button.on_click(self.submit)
        self.feedback = widgets.HTML("", layout=FULL_WIDTH, style=TEXT_STYLE)
        parts = [self.prompt, self.input] if exam else [self.prompt, self.input, self.submit_button, self.feedback]
        self.save_anyway: widgets.Button | None = None  # only reflections are checked for identifying details
        if question.type is QuestionType.REFLECTION and not exam:
            self.save_anyway = widgets.Button(description="Save anyway", button_style="warning",
                                              tooltip="Save the reflection as it is",
                                              layout=widgets.Layout(display="none"), style=BUTTON_STYLE)
            self.save_anyway.on_click(self._save_despite_flags)
            parts.append(self.save_anyway)
        super().__init__(parts, layout=FULL_WIDTH)
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
        shown = (render.feedback(self.question, outcome, previous.attempt, self._content) if self._reveal
                 else render.saved_quietly(previous.attempt))
        self.feedback.value = note + shown

    # ------------------------------------------------------------------ submit
    def submit(self, _button: widgets.Button | None = None) -> None:
        """Score, record and explain the current answer; every submit is a new attempt."""
        try:
            answer = normalise(self.question, self.answer())
        except InvalidAnswerError as error:
            self.feedback.value = f'<div class="wb-feedback wb-notice" role="alert"><p>{escape(str(error))}</p></div>'
            return
        if self.question.type is QuestionType.REFLECTION and answer != self._confirmed_text:
            flags = find_identifiers(answer)
            if flags:
                self._warn(flags)
                return
        if self.save_anyway is not None:
            self.save_anyway.layout.display = "none"
        outcome = score(self.question, answer)
        if self._trainee is None:
            self.feedback.value = render.not_saved_note() + (
                render.feedback(self.question, outcome, None, self._content) if self._reveal else "")
            return
        self._pending.append({
            "trainee": self._trainee.id, "cohort": self._trainee.cohort, "module": self.question.module,
            "question_id": self.question.id, "answer": answer, "correct": outcome.correct, "score": outcome.score,
            "context": self._context,
        })
        self._pending_outcome = outcome
        self._save_pending()

    def retry_pending(self) -> None:
        """Try again to save the answers kept on the page (called by the retry timer, or by a test)."""
        self._retry_timer = None
        if self._pending:
            self._save_pending()

    def _save_pending(self) -> None:
        try:
            row = self._flush()
        except StoreUnavailableError:
            self.feedback.value = NOT_SAVED_YET
            delay = RETRY_DELAYS[min(self._retries, len(RETRY_DELAYS) - 1)]
            self._retries += 1
            self.schedule_retry(delay, self.retry_pending)
            return
        self._retries = 0
        if row is None:  # a retry found nothing left to save (another call saved it)
            return
        if self._reveal:
            self.feedback.value = render.feedback(self.question, self._pending_outcome, row.attempt, self._content)
        else:
            self.feedback.value = render.saved_quietly(row.attempt)
        for callback in self.on_recorded:
            callback(row)

    def _start_timer(self, delay: float, action: Callable[[], None]) -> None:
        if self._retry_timer is not None:
            self._retry_timer.cancel()
        self._retry_timer = threading.Timer(delay, action)
        self._retry_timer.daemon = True  # a closed page's kernel does not wait for it
        self._retry_timer.start()

    def _warn(self, flags: list) -> None:
        """Show what looks identifying; the trainee edits the text, or saves it as it is."""
        items = "".join(f"<li>{escape(describe(f))}</li>" for f in flags)
        self.feedback.value = (
            '<div class="wb-feedback wb-notice wb-deid" role="alert"><p><strong>Not saved yet: this may identify '
            "someone.</strong> Reflections should not contain anything that could identify a real client or "
            f"colleague. Please check:</p><ul>{items}</ul><p>Edit your reflection and save again, or choose "
            "<em>Save anyway</em> if these are not identifying (for example, an invented example).</p></div>")
        if self.save_anyway is not None:
            self.save_anyway.layout.display = None

    def _save_despite_flags(self, _button: widgets.Button | None = None) -> None:
        self._confirmed_text = self.answer()
        self.submit()

    def _flush(self) -> AnswerRow | None:
        """Write every kept answer in order; return the newest row."""
        row = None
        with self._flush_lock:
            store = self._store()
            while self._pending:
                row = store.record_answer(**self._pending[0])
                self._pending.pop(0)
        return row
