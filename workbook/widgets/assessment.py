"""The final assessment on the page: start an attempt, answer every question, submit, see the result
and a review of what was missed (with the right answer and why)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as widgets

from workbook import assessment, render
from workbook.content import Content
from workbook.errors import StoreUnavailableError
from workbook.registry import Trainee
from workbook.store import AnswerStore
from workbook.widgets.question import QuestionWidget


class AssessmentPanel(widgets.VBox):
    def __init__(self, content: Content, store: Callable[[], AnswerStore], trainee: Trainee | None):
        self._content = content
        self._store = store
        self._trainee = trainee
        self._attempt: assessment.Attempt | None = None
        self.questions: list[QuestionWidget] = []
        self.status = widgets.HTML()
        self.start_button = widgets.Button(description="Start the assessment", button_style="primary")
        self.start_button.on_click(self.start)
        self.body = widgets.VBox()
        self.submit_button = widgets.Button(description="Submit my answers", button_style="primary",
                                            layout=widgets.Layout(display="none"))
        self.submit_button.on_click(self.submit)
        self.result = widgets.HTML()
        super().__init__([self.status, self.start_button, self.body, self.submit_button, self.result])
        self.add_class("wb-assessment")
        self._refresh()

    def __repr__(self) -> str:
        return "Final assessment"

    def _rules(self) -> str:
        rules = self._content.course.final_assessment
        return (f"<p>{rules.questions} questions drawn at random from the course's question pool. You need "
                f"{rules.pass_mark:.0%} to pass, and you have {rules.attempts} attempts. You see your result and a "
                "review of anything you missed when you submit.</p>")

    def _refresh(self) -> None:
        if self._trainee is None:
            self.status.value = self._rules() + "<p><strong>Sign in on the start page to take the assessment.</strong></p>"
            self.start_button.layout.display = "none"
            return
        try:
            standing = assessment.standing(self._store(), self._content, self._trainee.id)
        except StoreUnavailableError:
            self.status.value = "<p>The assessment cannot be loaded just now; reload the page in a minute.</p>"
            self.start_button.layout.display = "none"
            return
        history = "".join(
            f"<li>Attempt {a.number}: {a.score:.0%}, {'passed' if a.passed else 'not passed'}</li>"
            for a in standing.submitted)
        history = f"<p>Your attempts so far:</p><ul>{history}</ul>" if history else ""
        if standing.passed:
            note = '<p class="wb-done"><strong>You have passed the final assessment.</strong> Next: the course evaluation.</p>'
        elif standing.open_attempt:
            note = f"<p>You have an attempt in progress (attempt {standing.open_attempt.number}).</p>"
        elif standing.attempts_left:
            note = f"<p>Attempts left: {standing.attempts_left}.</p>"
        else:
            note = (f"<p><strong>You have used all {standing.rules.attempts} attempts.</strong> Please talk to your "
                    "supervisor about what to do next.</p>")
        self.status.value = self._rules() + history + note
        self.start_button.description = "Continue the attempt" if standing.open_attempt else (
            "Try again" if standing.submitted else "Start the assessment")
        self.start_button.layout.display = None if (standing.can_start or standing.open_attempt) else "none"

    def start(self, _button: widgets.Button | None = None) -> None:
        if self._trainee is None:
            return
        try:
            self._attempt = assessment.start(self._store(), self._content, self._trainee)
        except (assessment.AssessmentError, StoreUnavailableError) as error:
            self.result.value = f'<div class="wb-feedback wb-notice" role="alert"><p>{escape(str(error))}</p></div>'
            return
        self.questions = [
            QuestionWidget(self._content.question(qid), content=self._content, trainee=self._trainee,
                           store=self._store, context="final", exam=True, number=n)
            for n, qid in enumerate(self._attempt.question_ids, start=1)]
        self.body.children = self.questions
        self.result.value = ""
        self.start_button.layout.display = "none"
        self.submit_button.layout.display = None
        self.status.value = f"<p>Attempt {self._attempt.number}: answer all {len(self.questions)} questions, then submit.</p>"

    def submit(self, _button: widgets.Button | None = None) -> None:
        if self._attempt is None or self._trainee is None:
            return
        answers = {w.question.id: w.answer() for w in self.questions}
        try:
            result = assessment.submit(self._store(), self._content, self._trainee, self._attempt, answers)
        except (assessment.AssessmentError, StoreUnavailableError) as error:
            self.result.value = f'<div class="wb-feedback wb-notice" role="alert"><p>{escape(str(error))}</p></div>'
            return
        self._attempt = None
        self.body.children = ()
        self.submit_button.layout.display = "none"
        self.result.value = render.assessment_result(result, self._content)
        self._refresh()
