"""What a module notebook calls: one line per page part. Keeps the notebooks free of logic."""

from __future__ import annotations

import os

from IPython.display import HTML, display

from workbook import render
from workbook.content import Content, load_content
from workbook.errors import StoreUnavailableError
from workbook.identity import current_trainee, link_query
from workbook.models import QuestionType
from workbook.store import AnswerRow, AnswerStore
from workbook.widgets import QuestionWidget

_store: AnswerStore | None = None
_shown: set[str] = set()  # question ids already on this page, so quiz() does not repeat ask()


def _answer_store() -> AnswerStore:
    """One store per kernel, opened on first use (pages that only show text never touch the database)."""
    global _store
    if _store is None:
        _store = AnswerStore()
    return _store


def _content() -> Content:
    return load_content()


def _identity_query() -> str:
    """Appended to course links, so moving between pages keeps the answers under one trainee. Empty when
    the page was opened without a code (the stored notebook outputs stay free of random guest ids)."""
    if not os.environ.get("QUERY_STRING"):
        return ""
    return link_query(current_trainee(), os.environ.get("JUPYTERHUB_USER"))


def module_header(module_id: str) -> None:
    """Title, position in the course, navigation and learning objectives."""
    content = _content()
    display(HTML(render.module_header(content.course, content.module(module_id), _identity_query())))


def course_contents() -> None:
    """The list of modules with links, for the landing page."""
    display(HTML(render.course_contents(_content().course, _identity_query())))


def vignette(vignette_id: str) -> None:
    content = _content()
    display(HTML(render.vignette(content.vignette(vignette_id), content)))


def _show(question_id: str) -> QuestionWidget:
    content = _content()
    trainee = current_trainee()
    widget = QuestionWidget(content.question(question_id), content=content, trainee=trainee, store=_answer_store)
    previous = _previous_answer(trainee.id, question_id)
    if previous is not None:
        widget.restore(previous)
    _shown.add(question_id)
    display(widget)
    return widget


def _previous_answer(trainee_id: str, question_id: str) -> AnswerRow | None:
    """The trainee's latest answer, if any. Anonymous first visits skip the database altogether; a busy
    store only means the page opens without earlier answers, never that it fails."""
    if not os.environ.get("QUERY_STRING") and not os.environ.get("JUPYTERHUB_USER"):
        return None
    try:
        return _answer_store().latest(trainee=trainee_id, question_id=question_id)
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
    """A free-text reflection (recorded, not scored)."""
    content = _content()
    if content.question(question_id).type is not QuestionType.REFLECTION:
        raise ValueError(f"Question '{question_id}' is not a reflection; use ask() for it.")
    _show(question_id)


def references(module_id: str) -> None:
    content = _content()
    display(HTML(render.references(content.module(module_id), content)))
