"""The trainee's own data: download everything as CSV, or delete it all after confirming."""

from __future__ import annotations

import json
from collections.abc import Callable

import ipywidgets as widgets

from workbook import registry, render
from workbook.content import Content
from workbook.errors import StoreUnavailableError
from workbook.registry import Trainee
from workbook.store import AnswerStore

CONFIRM_WORD = "DELETE"


def answers_csv(store: AnswerStore, trainee_id: str) -> bytes:
    """Every answer the trainee gave, one row each, answers as JSON text (readable in any spreadsheet)."""
    frame = store.answers(trainee=trainee_id)
    frame["answer"] = [json.dumps(a, ensure_ascii=False) for a in frame["answer"]]
    return frame.drop(columns=["id"]).to_csv(index=False).encode("utf-8")


class MyDataPanel(widgets.VBox):
    def __init__(self, content: Content, store: Callable[[], AnswerStore], trainee: Trainee | None):
        self._store = store
        self._trainee = trainee
        self.summary = widgets.HTML()
        self.download = widgets.HTML()
        self.confirm = widgets.Text(description="Type DELETE", style={"description_width": "8em"},
                                    placeholder=CONFIRM_WORD)
        self.delete_button = widgets.Button(description="Delete all my data", button_style="danger")
        self.delete_button.on_click(self.delete)
        self.message = widgets.HTML()
        danger = widgets.VBox([
            widgets.HTML("<h3>Delete all my data</h3><p>This removes your sign-in, every answer and reflection, your "
                         "assessment results, your saved policy and your certificate record from this site. A "
                         "certificate you downloaded will no longer verify. This cannot be undone.</p>"),
            self.confirm, self.delete_button])
        danger.add_class("wb-danger-zone")
        super().__init__([self.summary, self.download, danger, self.message])
        self.add_class("wb-my-data")
        if trainee is None:
            self.summary.value = "<p><strong>Sign in on the start page to see your data.</strong></p>"
            danger.layout.display = "none"
            return
        try:
            count = len(store().answers(trainee=trainee.id))
            csv = answers_csv(store(), trainee.id)
        except StoreUnavailableError:
            self.summary.value = "<p>Your data cannot be loaded just now; reload the page in a minute.</p>"
            return
        self.summary.value = (f"<p>This site holds {count} answer(s) from you, stored only on the machine that runs "
                              "it. Your supervisor can see them in your cohort's reports.</p>")
        self.download.value = "<p>" + render.download_link(csv, "my-answers.csv", "text/csv",
                                                           "Download all my answers (CSV)") + "</p>"

    def __repr__(self) -> str:
        return "Your data"

    def delete(self, _button: widgets.Button | None = None) -> None:
        if self._trainee is None:
            return
        if self.confirm.value.strip() != CONFIRM_WORD:
            self.message.value = (f'<div class="wb-feedback wb-notice" role="alert"><p>Type {CONFIRM_WORD} in the box to '
                                  "confirm. Nothing was deleted.</p></div>")
            return
        try:
            removed = registry.delete_trainee(self._store(), self._trainee.id)
        except StoreUnavailableError:
            self.message.value = ('<div class="wb-feedback wb-notice" role="alert"><p>The store is busy; nothing was '
                                  "deleted. Please try again in a minute.</p></div>")
            return
        self._trainee = None
        self.summary.value = ""
        self.download.value = ""
        self.delete_button.disabled = True
        self.message.value = (f'<div class="wb-feedback wb-saved" role="status"><p><strong>Deleted.</strong> {removed} '
                              "record(s) about you were removed. Your resume code no longer works.</p></div>")
