"""The course evaluation: a short form of ratings and optional comments, recorded once per submission."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as widgets

from workbook.content import EVALUATION, Content
from workbook.deidentify import describe, find_identifiers
from workbook.errors import StoreUnavailableError
from workbook.models import QuestionType
from workbook.progress import answered_ids
from workbook.registry import Trainee
from workbook.store import AnswerStore


class EvaluationForm(widgets.VBox):
    def __init__(self, content: Content, store: Callable[[], AnswerStore], trainee: Trainee | None):
        self._store = store
        self._trainee = trainee
        self._questions = content.bank(EVALUATION).questions
        self.inputs: dict[str, widgets.Widget] = {}
        rows: list[widgets.Widget] = []
        for number, question in enumerate(self._questions, start=1):
            if question.type is QuestionType.CONFIDENCE:
                control = widgets.RadioButtons(options=[(label, i) for i, label in enumerate(question.scale, start=1)],
                                               value=None, layout=widgets.Layout(width="100%"))
            else:
                control = widgets.Textarea(rows=3, layout=widgets.Layout(width="100%"), placeholder=question.guidance or "")
            self.inputs[question.id] = control
            rows.append(widgets.HTML(f'<p class="wb-prompt"><strong>{number}.</strong> {escape(question.prompt)}</p>'))
            rows.append(control)
        self.send_button = widgets.Button(description="Send my evaluation", button_style="primary")
        self.send_button.on_click(self.send)
        self.message = widgets.HTML()
        self.form = widgets.VBox([*rows, self.send_button])
        super().__init__([self.message, self.form])
        self.add_class("wb-evaluation")
        if trainee is None:
            self.message.value = "<p><strong>Sign in on the start page to send the evaluation.</strong></p>"
            self.send_button.disabled = True
        elif self._already_sent():
            self.message.value = ('<div class="wb-feedback wb-saved" role="status"><p><strong>Thank you: your '
                                  "evaluation is recorded.</strong> You can send another if your views change.</p></div>")

    def __repr__(self) -> str:
        return f"Course evaluation ({len(self._questions)} items)"

    def _already_sent(self) -> bool:
        try:
            return bool(answered_ids(self._store(), self._trainee.id, "evaluation")) if self._trainee else False
        except StoreUnavailableError:
            return False

    def send(self, _button: widgets.Button | None = None) -> None:
        if self._trainee is None:
            return
        ratings = [q for q in self._questions if q.type is QuestionType.CONFIDENCE]
        missing = [n for n, q in enumerate(self._questions, start=1) if q in ratings and self.inputs[q.id].value is None]
        if missing:
            self.message.value = ('<div class="wb-feedback wb-notice" role="alert"><p>Please answer every rating '
                                  f"(still open: {', '.join(map(str, missing))}).</p></div>")
            return
        comments = " ".join(self.inputs[q.id].value for q in self._questions if q not in ratings)
        flags = find_identifiers(comments)
        if flags and getattr(self, "_confirmed", None) != comments:
            self._confirmed = comments
            items = "".join(f"<li>{escape(describe(f))}</li>" for f in flags)
            self.message.value = ('<div class="wb-feedback wb-notice" role="alert"><p>Your comments may identify '
                                  f"someone:</p><ul>{items}</ul><p>Edit them, or press send again to send as it is.</p></div>")
            return
        try:
            store = self._store()
            for question in self._questions:
                value = self.inputs[question.id].value
                if question in ratings or str(value).strip():
                    store.record_answer(trainee=self._trainee.id, cohort=self._trainee.cohort, module=EVALUATION,
                                        question_id=question.id, answer=value, correct=None, score=None,
                                        context="evaluation")
        except StoreUnavailableError:
            self.message.value = ('<div class="wb-feedback wb-notice" role="alert"><p>Your evaluation is not saved yet '
                                  "(the store is busy). Keep this page open and press send again.</p></div>")
            return
        self.message.value = ('<div class="wb-feedback wb-saved" role="status"><p><strong>Thank you: your evaluation '
                              "is recorded.</strong> Your certificate is on the next page.</p></div>")
