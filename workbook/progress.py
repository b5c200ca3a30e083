"""How far a trainee has come: questions answered per module, and the course's milestones."""

from __future__ import annotations

from dataclasses import dataclass

from workbook import assessment
from workbook.content import EVALUATION, Content
from workbook.models import Module
from workbook.store import AnswerStore


@dataclass(frozen=True)
class ModuleProgress:
    module: Module
    answered: int
    total: int

    @property
    def fraction(self) -> float:
        return self.answered / self.total if self.total else 1.0

    @property
    def done(self) -> bool:
        return self.answered >= self.total


@dataclass(frozen=True)
class Progress:
    modules: tuple[ModuleProgress, ...]
    pretest_done: bool
    final: assessment.Standing
    evaluation_done: bool
    certificate_code: str | None

    def of(self, module_id: str) -> ModuleProgress:
        return next(p for p in self.modules if p.module.id == module_id)

    @property
    def modules_done(self) -> int:
        return sum(p.done for p in self.modules)

    @property
    def certificate_ready(self) -> bool:
        return self.final.passed and self.evaluation_done


def answered_ids(store: AnswerStore, trainee_id: str, context: str) -> set[str]:
    rows = store.read("SELECT DISTINCT question_id FROM answers WHERE trainee = ? AND context = ?", (trainee_id, context))
    return {r[0] for r in rows}


def module_progress(store: AnswerStore, content: Content, trainee_id: str, module: Module) -> ModuleProgress:
    """Questions of the module answered at least once (reflections and ratings count: they are part of it)."""
    return _count(content, module, answered_ids(store, trainee_id, "module"))


def _count(content: Content, module: Module, answered: set[str]) -> ModuleProgress:
    wanted = [q.id for q in content.banks[module.id].for_use("module")] if module.id in content.banks else []
    return ModuleProgress(module, sum(q in answered for q in wanted), len(wanted))


def progress(store: AnswerStore, content: Content, trainee_id: str) -> Progress:
    answered = answered_ids(store, trainee_id, "module")
    modules = [_count(content, module, answered) for module in content.course.modules]
    pretest = {q.id for q in content.pool("pretest")}
    pretest_done = bool(pretest) and pretest <= answered_ids(store, trainee_id, "pretest")
    evaluation_done = bool(answered_ids(store, trainee_id, "evaluation")) or EVALUATION not in content.banks
    codes = store.read("SELECT code FROM certificates WHERE trainee = ? ORDER BY issued_on DESC LIMIT 1", (trainee_id,))
    return Progress(tuple(modules), pretest_done, assessment.standing(store, content, trainee_id), evaluation_done,
                    codes[0][0] if codes else None)
