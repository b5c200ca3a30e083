"""Typed content records: what a question, bank, module, vignette and citation are."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class QuestionType(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_SELECT = "multiple_select"
    TRUE_FALSE = "true_false"
    SCENARIO = "scenario"
    REFLECTION = "reflection"
    CONFIDENCE = "confidence"


SCORED_TYPES = frozenset(
    {QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_SELECT, QuestionType.TRUE_FALSE, QuestionType.SCENARIO}
)
DEFAULT_CONFIDENCE_SCALE = (
    "Not at all confident",
    "Slightly confident",
    "Moderately confident",
    "Very confident",
    "Completely confident",
)


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    feedback: str
    correct: bool = False


@dataclass(frozen=True)
class Question:
    id: str
    type: QuestionType
    prompt: str
    module: str
    options: tuple[Option, ...] = ()
    explanation: str | None = None
    cites: tuple[str, ...] = ()
    situation: str | None = None
    guidance: str | None = None
    scale: tuple[str, ...] = DEFAULT_CONFIDENCE_SCALE
    use: tuple[str, ...] = ("module",)

    @property
    def scored(self) -> bool:
        """Whether answers earn a score (reflections and confidence ratings are recorded, not scored)."""
        return self.type in SCORED_TYPES

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.options if o.correct)

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(f"question '{self.id}' has no option '{option_id}'")


@dataclass(frozen=True)
class QuestionBank:
    module: str
    title: str
    questions: tuple[Question, ...]
    source: str = ""

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(f"bank '{self.module}' has no question '{question_id}'")

    def for_use(self, use: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if use in q.use)


@dataclass(frozen=True)
class Citation:
    id: str
    kind: str
    label: str
    reference: str
    point: str


@dataclass(frozen=True)
class Module:
    id: str
    number: int
    title: str
    notebook: str
    minutes: int
    objectives: tuple[str, ...]
    references: tuple[str, ...]


@dataclass(frozen=True)
class AssessmentRules:
    """How the final assessment works: questions drawn per attempt, pass mark (a fraction), attempts allowed."""

    questions: int = 20
    pass_mark: float = 0.8
    attempts: int = 3


@dataclass(frozen=True)
class Course:
    title: str
    subtitle: str
    contact_hours: float
    modules: tuple[Module, ...]
    audience: str = ""
    landing_notebook: str = "00-start.ipynb"
    final_assessment: AssessmentRules = AssessmentRules()

    def module(self, module_id: str) -> Module:
        for module in self.modules:
            if module.id == module_id:
                return module
        raise KeyError(f"the course has no module '{module_id}'")


@dataclass(frozen=True)
class Vignette:
    id: str
    module: str
    title: str
    story: str
    discussion: tuple[str, ...]
    analysis: str
    cites: tuple[str, ...] = field(default=())
