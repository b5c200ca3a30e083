"""The policy builder: a guided form, a live preview, and downloads (Markdown and Word)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from html import escape

import ipywidgets as widgets

from workbook import policy, render
from workbook.content import Content
from workbook.errors import StoreUnavailableError
from workbook.registry import Trainee
from workbook.store import AnswerStore

POLICY_ID = "policy-builder"


class PolicyBuilder(widgets.VBox):
    def __init__(self, content: Content, store: Callable[[], AnswerStore], trainee: Trainee | None):
        if content.policy is None:
            raise ValueError("The policy builder needs data/policy.yaml.")
        self._template = content.policy
        self._store = store
        self._trainee = trainee
        wide = widgets.Layout(width="100%")
        self.author = widgets.Text(description="Your name", style={"description_width": "10em"}, layout=wide)
        self.practice = widgets.Text(description="Practice or agency", style={"description_width": "10em"}, layout=wide)
        self.choices: dict[str, widgets.RadioButtons] = {}
        self.additions: dict[str, widgets.Textarea] = {}
        parts: list[widgets.Widget] = [widgets.HTML("<h3>About you</h3>"), self.author, self.practice]
        for number, section in enumerate(self._template.sections, start=1):
            self.choices[section.id] = widgets.RadioButtons(options=[(c.label, c.id) for c in section.choices],
                                                            value=section.choices[0].id, layout=wide)
            self.additions[section.id] = widgets.Textarea(placeholder="Optional: add your own words to this section",
                                                          rows=2, layout=wide)
            hint = f'<p class="wb-hint">{escape(section.hint)}</p>' if section.hint else ""
            parts += [widgets.HTML(f"<h3>{number}. {escape(section.title)}</h3><p>{escape(section.question)}</p>{hint}"),
                      self.choices[section.id], self.additions[section.id]]
        self.build_button = widgets.Button(description="Preview and download", button_style="primary")
        self.build_button.on_click(self.build)
        self.message = widgets.HTML()
        self.preview = widgets.HTML()
        self.downloads = widgets.HTML()
        form = widgets.VBox(parts)
        form.add_class("wb-policy-form")
        super().__init__([form, self.build_button, self.message, self.downloads, self.preview])
        self.add_class("wb-policy")
        self._restore()

    def __repr__(self) -> str:
        return f"Policy builder ({len(self._template.sections)} sections)"

    def answers(self) -> policy.PolicyAnswers:
        return policy.PolicyAnswers(
            self.author.value, self.practice.value, {k: w.value for k, w in self.choices.items() if w.value},
            {k: w.value for k, w in self.additions.items() if w.value.strip()}, date.today().isoformat())

    def _restore(self) -> None:
        """Reopen the trainee's last saved policy, so they can revise it."""
        if self._trainee is None:
            return
        try:
            saved = self._store().latest(trainee=self._trainee.id, question_id=POLICY_ID, context="policy")
        except StoreUnavailableError:
            return
        if saved is None:
            return
        answers = policy.PolicyAnswers.from_record(saved.answer)
        self.author.value, self.practice.value = answers.author, answers.practice
        for section_id, choice in answers.choices.items():
            if section_id in self.choices and choice in dict(self.choices[section_id].options).values():
                self.choices[section_id].value = choice
        for section_id, text in answers.additions.items():
            if section_id in self.additions:
                self.additions[section_id].value = text
        self.message.value = f"<p>Your policy as you last saved it ({saved.answered_at[:10]}).</p>"

    def build(self, _button: widgets.Button | None = None) -> None:
        answers = self.answers()
        self.preview.value = policy.html(self._template, answers)
        stem = "social-media-policy" + (f"-{slug}" if (slug := re.sub(r"[^a-z0-9]+", "-", answers.practice.lower()).strip("-")) else "")
        self.downloads.value = (
            "<p>" + render.download_link(policy.markdown(self._template, answers).encode(), f"{stem}.md",
                                         "text/markdown", "Download as Markdown (.md)")
            + " · " + render.download_link(policy.docx(self._template, answers), f"{stem}.docx",
                                           "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                           "Download for a word processor (.docx)") + "</p>")
        if self._trainee is None:
            self.message.value = "<p>Not saved: sign in on the start page to keep your policy and revise it later.</p>"
            return
        try:
            self._store().record_answer(trainee=self._trainee.id, cohort=self._trainee.cohort, module=POLICY_ID,
                                        question_id=POLICY_ID, answer=answers.record(), correct=None, score=None,
                                        context="policy")
            self.message.value = '<p class="wb-saved">Saved. You can come back and revise it at any time.</p>'
        except StoreUnavailableError:
            self.message.value = "<p>Not saved yet (the store is busy); your downloads below still work.</p>"
