"""The landing page's panel: sign in (or resume with a code), then the course map with progress."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as widgets

from workbook import registry, render
from workbook.content import Content
from workbook.errors import StoreUnavailableError
from workbook.identity import UNKNOWN_CODE, Visitor
from workbook.progress import progress
from workbook.store import AnswerStore


class StartPanel(widgets.VBox):
    def __init__(self, content: Content, store: Callable[[], AnswerStore], visitor: Visitor):
        self._content = content
        self._store = store
        self.message = widgets.HTML()
        self.name = widgets.Text(description="Your name", placeholder="A first name or a pseudonym",
                                 style={"description_width": "8em"}, layout=widgets.Layout(width="32em"))
        self.cohort = widgets.Text(description="Cohort code", placeholder="Optional, from your supervisor",
                                   style={"description_width": "8em"}, layout=widgets.Layout(width="32em"))
        self.start_button = widgets.Button(description="Start the course", button_style="primary")
        self.start_button.on_click(self.sign_up)
        self.code = widgets.Text(description="Resume code", placeholder="XXXX-XXXX-XXXX-XXXX",
                                 style={"description_width": "8em"}, layout=widgets.Layout(width="32em"))
        self.resume_button = widgets.Button(description="Resume")
        self.resume_button.on_click(self.resume)
        self.form = widgets.VBox([
            widgets.HTML("<h3>New here?</h3><p>Choose a display name (a pseudonym is fine). If your supervisor gave "
                         "you a cohort code, add it so your work appears in your group's reports.</p>"),
            self.name, self.cohort, self.start_button,
            widgets.HTML("<h3>Coming back?</h3><p>Enter the resume code you were given, or open your saved link.</p>"),
            self.code, self.resume_button,
        ])
        self.form.add_class("wb-sign-in")
        self.map = widgets.HTML()
        super().__init__([self.message, self.form, self.map])
        self.add_class("wb-start")
        if visitor.trainee is not None:
            self._welcome(visitor, new_code=None)
        else:
            if visitor.problem:
                self.message.value = f'<div class="wb-status wb-status-problem" role="alert"><p>{escape(visitor.problem)}</p></div>'
            self.map.value = "<h3>Course contents</h3>" + render.course_contents(content.course)

    def __repr__(self) -> str:
        return "Start panel (sign in, resume, course contents)"

    def sign_up(self, _button: widgets.Button | None = None) -> None:
        try:
            trainee, code = registry.register(self._store(), self.name.value, self.cohort.value)
        except registry.SignUpError as error:
            self.message.value = f'<div class="wb-status wb-status-problem" role="alert"><p>{escape(str(error))}</p></div>'
            return
        except StoreUnavailableError:
            self.message.value = ('<div class="wb-status wb-status-problem" role="alert"><p>The course cannot save your '
                                  "sign-up just now. Please try again in a minute.</p></div>")
            return
        self._welcome(Visitor(trainee, code=code), new_code=code)

    def resume(self, _button: widgets.Button | None = None) -> None:
        code = self.code.value.strip()
        try:
            trainee = registry.find(self._store(), code)
        except StoreUnavailableError:
            trainee = None
        if trainee is None:
            self.message.value = f'<div class="wb-status wb-status-problem" role="alert"><p>{escape(UNKNOWN_CODE)}</p></div>'
            return
        self._welcome(Visitor(trainee, code=registry.normalise_code(code)), new_code=None)

    def _welcome(self, visitor: Visitor, new_code: str | None) -> None:
        trainee = visitor.trainee
        assert trainee is not None
        query = visitor.link_query()
        self.form.layout.display = "none"
        if new_code:
            greeting = (
                f"<h3>Welcome, {escape(trainee.name)}</h3>"
                f'<p>Your resume code is <strong class="wb-code">{escape(new_code)}</strong>. Keep it private: anyone '
                "with it can see your answers. It is shown only once.</p>"
                f'<p>Open <a class="wb-resume-link" href="{escape(self._content.course.landing_notebook + query)}">'
                "your personal course page</a> and bookmark it: it brings you back to your answers and progress on "
                "this site, on any day.</p>")
        else:
            greeting = (f"<h3>Welcome back, {escape(trainee.name)}</h3>"
                        "<p>Your answers and progress are below. Carry on where you left off.</p>")
        self.message.value = f'<div class="wb-status wb-status-in" role="status">{greeting}</div>'
        try:
            done = progress(self._store(), self._content, trainee.id)
        except StoreUnavailableError:
            done = None
        self.map.value = "<h3>Your course</h3>" + render.course_contents(self._content.course, query, done)
