"""The module's progress bar, which moves as the trainee answers."""

from __future__ import annotations

import ipywidgets as widgets

from workbook.content import Content
from workbook.models import Module
from workbook.progress import answered_ids
from workbook.store import AnswerStore


class ModuleProgressBar(widgets.HBox):
    def __init__(self, wanted: list[str], answered: set[str], title: str):
        self._wanted = set(wanted)
        self._answered = answered & self._wanted
        self.bar = widgets.IntProgress(min=0, max=max(1, len(self._wanted)), description="Progress",
                                       layout=widgets.Layout(width="50%"))
        self.label = widgets.HTML()
        super().__init__([self.bar, self.label])
        self.add_class("wb-progress")
        self._title = title
        self._update()

    @classmethod
    def for_trainee(cls, store: AnswerStore, content: Content, trainee_id: str, module: Module) -> ModuleProgressBar:
        wanted = [q.id for q in content.banks[module.id].for_use("module")] if module.id in content.banks else []
        return cls(wanted, answered_ids(store, trainee_id, "module"), module.title)

    def __repr__(self) -> str:
        return f"Progress {len(self._answered)} of {len(self._wanted)}"

    def mark(self, question_id: str) -> None:
        if question_id in self._wanted:
            self._answered.add(question_id)
            self._update()

    def _update(self) -> None:
        self.bar.value = len(self._answered)
        self.label.value = (f'<span class="wb-count">{len(self._answered)} of {len(self._wanted)} questions '
                            "answered in this module</span>")
