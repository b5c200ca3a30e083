"""What a course notebook calls: one line per page part. Keeps the notebooks free of logic."""

from __future__ import annotations

from IPython.display import HTML, display

from workbook import journey, render
from workbook.content import Content, load_content
from workbook.errors import StoreUnavailableError
from workbook.identity import Visitor, current_visitor
from workbook.models import QuestionType
from workbook.store import AnswerRow, AnswerStore
from workbook.widgets import QuestionWidget
from workbook.widgets.progress import ModuleProgressBar

_store: AnswerStore | None = None
_shown: set[str] = set()  # question ids already on this page, so quiz() does not repeat ask()
_progress_bar: ModuleProgressBar | None = None


def _answer_store() -> AnswerStore:
    """One store per kernel, opened on first use (pages opened without a code never touch the database)."""
    global _store
    if _store is None:
        _store = AnswerStore()
    return _store


def _content() -> Content:
    return load_content()


def _visitor() -> Visitor:
    return current_visitor(_answer_store())


def _query() -> str:
    """Appended to course links, so moving between pages keeps the trainee signed in."""
    return _visitor().link_query()


def module_header(module_id: str) -> None:
    """Title, position in the course, who is signed in, this module's progress, navigation and objectives."""
    global _progress_bar
    content = _content()
    module = content.module(module_id)
    visitor = _visitor()
    display(HTML(render.module_header(content.course, module, _query()) + render.status(visitor)))
    if visitor.trainee is not None:
        try:
            _progress_bar = ModuleProgressBar.for_trainee(_answer_store(), content, visitor.trainee.id, module)
            display(_progress_bar)
        except StoreUnavailableError:
            display(HTML(render.status(Visitor(None, problem="Your progress cannot be shown just now."))))


def page_header(page_id: str) -> None:
    """Title, who is signed in and navigation, for a course page that is not a module."""
    content = _content()
    display(HTML(render.page_header(content.course, journey.page(page_id), _query()) + render.status(_visitor())))


def start() -> None:
    """The landing page's sign-in and course map."""
    from workbook.widgets.start import StartPanel

    display(StartPanel(_content(), _answer_store, _visitor()))


def vignette(vignette_id: str) -> None:
    content = _content()
    display(HTML(render.vignette(content.vignette(vignette_id), content)))


def _show(question_id: str, *, context: str = "module", reveal: bool = True) -> QuestionWidget:
    content = _content()
    trainee = _visitor().trainee
    widget = QuestionWidget(content.question(question_id), content=content, trainee=trainee, store=_answer_store,
                            context=context, reveal=reveal)
    previous = _previous_answer(question_id, context)
    if previous is not None:
        widget.restore(previous)
    if _progress_bar is not None and context == "module":
        widget.on_recorded.append(lambda row: _progress_bar.mark(row.question_id))
    _shown.add(question_id)
    display(widget)
    return widget


def _previous_answer(question_id: str, context: str) -> AnswerRow | None:
    """The trainee's latest answer, if any; a busy store only means the page opens without it."""
    trainee = _visitor().trainee
    if trainee is None:
        return None
    try:
        return _answer_store().latest(trainee=trainee.id, question_id=question_id, context=context)
    except StoreUnavailableError:
        return None


def ask(question_id: str) -> None:
    """One question, inline in the teaching text."""
    _show(question_id)


def quiz(module_id: str) -> None:
    """Every scored module question not already shown on this page, in bank order."""
    bank = _content().bank(module_id)
    for question in bank.for_use("module"):
        if question.scored and question.id not in _shown:
            _show(question.id)


def reflect(question_id: str) -> None:
    """A free-text reflection (recorded, not scored), checked for identifying details before it is saved."""
    content = _content()
    if content.question(question_id).type is not QuestionType.REFLECTION:
        raise ValueError(f"Question '{question_id}' is not a reflection; use ask() for it.")
    _show(question_id)


def references(module_id: str) -> None:
    """The module's references, then the links on to the next page."""
    content = _content()
    module = content.module(module_id)
    display(HTML(render.references(module, content) + render.navigation(content.course, module.notebook, _query())))


def pretest() -> None:
    """The unscored pre-test: every question marked for it, saved without showing the answers."""
    for question in _content().pool("pretest"):
        _show(question.id, context="pretest", reveal=False)


def final_assessment() -> None:
    from workbook.widgets.assessment import AssessmentPanel

    visitor = _visitor()
    display(AssessmentPanel(_content(), _answer_store, visitor.trainee))


def evaluation() -> None:
    from workbook.widgets.evaluation import EvaluationForm

    visitor = _visitor()
    display(EvaluationForm(_content(), _answer_store, visitor.trainee))


def certificate() -> None:
    from workbook.widgets.certificate import CertificatePanel

    visitor = _visitor()
    display(CertificatePanel(_content(), _answer_store, visitor.trainee, visitor.link_query()))


def policy_builder() -> None:
    from workbook.widgets.policy import PolicyBuilder

    visitor = _visitor()
    display(PolicyBuilder(_content(), _answer_store, visitor.trainee))


def my_data() -> None:
    from workbook.widgets.mydata import MyDataPanel

    visitor = _visitor()
    display(MyDataPanel(_content(), _answer_store, visitor.trainee))


__all__ = ["ask", "certificate", "evaluation", "final_assessment", "module_header", "my_data", "page_header", "policy_builder",
           "pretest", "quiz", "references", "reflect", "start", "vignette"]
