"""The live workshop view: pick a question, watch the room's answers arrive as a bar chart that
refreshes by itself, then reveal the right answer and its explanation on the projector. The
vignettes' discussion prompts for the module follow below the chart."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from html import escape

import ipywidgets as widgets

from workbook import charts, render
from workbook.cohorts import all_cohorts
from workbook.content import Content
from workbook.errors import StoreUnavailableError
from workbook.live import Tally, tally
from workbook.store import AnswerStore

REFRESH_SECONDS = 2.0


class LiveView(widgets.VBox):
    def __init__(self, content: Content, store: Callable[[], AnswerStore], refresh_seconds: float = REFRESH_SECONDS):
        self._content = content
        self._store = store
        self._refresh_seconds = refresh_seconds
        self._task: asyncio.Task | None = None
        self._last: tuple | None = None
        cohorts = [("Everyone", "")] + [(f"{c.name} ({c.code})", c.code) for c in self._safe(all_cohorts, [])]
        self.cohort = widgets.Dropdown(options=cohorts, description="Cohort")
        modules = [(f"{m.number}. {m.title}", m.id) for m in content.course.modules if m.id in content.banks]
        self.module = widgets.Dropdown(options=modules, description="Module", layout=widgets.Layout(width="40em"))
        self.question = widgets.Dropdown(description="Question", layout=widgets.Layout(width="60em"))
        self.reveal = widgets.ToggleButton(description="Reveal the answer", button_style="warning", icon="eye")
        self.prompt = widgets.HTML()
        self.chart = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="1100px"))
        self.counts = widgets.HTML()
        self.answer = widgets.HTML()
        self.discussion = widgets.HTML()
        self.discussion.layout = widgets.Layout(flex="1 1 280px")
        room = widgets.VBox([self.prompt, self.chart, self.reveal, self.answer, self.counts],
                            layout=widgets.Layout(flex="3 1 600px"))
        beside = widgets.Box([room, self.discussion],  # side by side on a projector; stacked on a narrow screen
                             layout=widgets.Layout(display="flex", flex_flow="row wrap", align_items="flex-start"))
        super().__init__([widgets.HBox([self.cohort, self.module]), self.question, beside])
        self.add_class("wb-live")
        self.module.observe(lambda _: self._fill_questions(), "value")
        for control in (self.question, self.cohort, self.reveal):
            control.observe(lambda _: self.refresh(force=True), "value")
        self._fill_questions()

    def __repr__(self) -> str:
        return "Live workshop view"

    def _safe(self, read: Callable, default):  # noqa: ANN001, ANN202 - small internal helper
        try:
            return read(self._store())
        except StoreUnavailableError:
            return default

    def _fill_questions(self) -> None:
        bank = self._content.bank(self.module.value)
        scored = [q for q in bank.for_use("module") if q.scored]
        self.question.options = [(f"{n}. {render.shorten(q.prompt)}", q.id) for n, q in enumerate(scored, start=1)]
        if scored and self.question.value is None:
            self.question.value = scored[0].id
        vignettes = [v for v in self._content.vignettes.values() if v.module == self.module.value]
        prompts = "".join(f"<h4>{escape(v.title)}</h4><ol>{''.join(f'<li>{escape(d)}</li>' for d in v.discussion)}</ol>"
                          for v in vignettes)
        self.discussion.value = f'<aside class="wb-discussion"><h3>Discussion prompts</h3>{prompts}</aside>'
        self.refresh(force=True)

    def refresh(self, force: bool = False) -> Tally | None:
        """Re-count the room's answers; redraw only when something changed (or when asked to)."""
        if not self.question.value:
            return None
        question = self._content.question(self.question.value)
        try:
            current = tally(self._store(), question, self.cohort.value or None)
        except StoreUnavailableError:
            return None
        key = (question.id, self.cohort.value, self.reveal.value, current.counts)
        if not force and key == self._last:
            return current
        self._last = key
        correct = {i for i, o in enumerate(question.options) if o.correct} if self.reveal.value else None
        self.prompt.value = f"<h2>{escape(question.prompt)}</h2>"
        self.chart.value = charts.answer_bars(current.labels, list(current.counts),
                                              f"{current.trainees} trainee(s) answered", correct)
        rows = "".join(f'<tr data-option="{escape(o.id)}"><td>{escape(label)}</td><td class="wb-n">{n}</td></tr>'
                       for o, label, n in zip(question.options, current.labels, current.counts, strict=True))
        self.counts.value = (f'<table class="wb-tally" data-question="{escape(question.id)}" data-trainees="{current.trainees}"><thead><tr><th>Option</th>'
                             f"<th>Answers</th></tr></thead><tbody>{rows}</tbody></table>")
        if self.reveal.value:
            right = "".join(f"<li>{escape(o.text)}</li>" for o in question.options if o.correct)
            self.answer.value = (f'<div class="wb-feedback wb-correct"><p><strong>Best answer:</strong></p><ul>{right}</ul>'
                                 f"<p><strong>Why:</strong></p>{render.paragraphs(question.explanation or '')}"
                                 f"{render.cited(question.cites, self._content)}</div>")
        else:
            self.answer.value = ""
        return current

    def start(self) -> None:
        """Refresh by itself every few seconds while the page is open."""
        async def loop() -> None:
            while True:
                await asyncio.sleep(self._refresh_seconds)
                self.refresh()

        self._task = asyncio.ensure_future(loop())
