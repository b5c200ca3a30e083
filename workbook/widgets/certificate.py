"""The certificate page: what is still needed, or the PDF to download."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

import ipywidgets as widgets

from workbook import certificate, journey, render
from workbook.content import Content
from workbook.errors import StoreUnavailableError
from workbook.progress import progress
from workbook.registry import Trainee
from workbook.store import AnswerStore


class CertificatePanel(widgets.VBox):
    def __init__(self, content: Content, store: Callable[[], AnswerStore], trainee: Trainee | None, query: str = ""):
        self._content = content
        self._store = store
        self._trainee = trainee
        self.status = widgets.HTML()
        self.make_button = widgets.Button(description="Create my certificate", button_style="primary",
                                          layout=widgets.Layout(display="none"))
        self.make_button.on_click(self.make)
        self.download = widgets.HTML()
        super().__init__([self.status, self.make_button, self.download])
        self.add_class("wb-certificate")
        if trainee is None:
            self.status.value = "<p><strong>Sign in on the start page to earn your certificate.</strong></p>"
            return
        try:
            done = progress(store(), content, trainee.id)
        except StoreUnavailableError:
            self.status.value = "<p>Your progress cannot be loaded just now; reload the page in a minute.</p>"
            return
        needed = []
        if not done.final.passed:
            needed.append(f'pass the <a href="{escape(journey.FINAL.notebook + query)}">final assessment</a>')
        if not done.evaluation_done:
            needed.append(f'send the <a href="{escape(journey.EVALUATION.notebook + query)}">course evaluation</a>')
        if needed:
            self.status.value = f"<p>To receive your certificate, please {' and '.join(needed)}.</p>"
            return
        self._score = done.final.best_score or 0.0
        self.status.value = (f"<p>Well done, {escape(trainee.name)}: you passed the final assessment with "
                             f"{self._score:.0%}. Your certificate shows your name as given when you signed in, the "
                             "course, the date, the contact hours, your score and a verification code.</p>")
        self.make_button.layout.display = None

    def __repr__(self) -> str:
        return "Certificate"

    def make(self, _button: widgets.Button | None = None) -> None:
        if self._trainee is None:
            return
        course = self._content.course
        try:
            issued = certificate.issue(self._store(), self._trainee, course.title, course.contact_hours, self._score)
        except StoreUnavailableError:
            self.download.value = "<p>The certificate cannot be created just now; try again in a minute.</p>"
            return
        filename = "certificate-" + (re.sub(r"[^A-Za-z0-9]+", "-", self._trainee.name).strip("-").lower() or "trainee")
        self.download.value = (
            f'<p>Verification code: <strong class="wb-code">{escape(issued.code)}</strong></p><p>'
            + render.download_link(certificate.pdf(issued), f"{filename}.pdf", "application/pdf",
                                   "Download your certificate (PDF)") + "</p>")
