"""The pages of the course beyond the modules, and the order a trainee walks through them."""

from __future__ import annotations

from dataclasses import dataclass

from workbook.models import Course


@dataclass(frozen=True)
class Page:
    notebook: str
    title: str


PRETEST = Page("pre-test.ipynb", "Before you start: a short pre-test")
FINAL = Page("final-assessment.ipynb", "Final assessment")
EVALUATION = Page("course-evaluation.ipynb", "Course evaluation")
CERTIFICATE = Page("certificate.ipynb", "Your certificate")
POLICY = Page("policy-builder.ipynb", "Build your social media policy")
MY_DATA = Page("my-data.ipynb", "Your data: download or delete")
SIDE_PAGES = (POLICY, MY_DATA)
PAGES = {p.notebook.removesuffix(".ipynb"): p for p in (PRETEST, FINAL, EVALUATION, CERTIFICATE, POLICY, MY_DATA)}


def page(page_id: str) -> Page:
    """A course page by its id (its notebook's name without .ipynb)."""
    try:
        return PAGES[page_id]
    except KeyError:
        raise KeyError(f"No course page is called '{page_id}'; known pages: {', '.join(PAGES)}") from None


def sequence(course: Course) -> list[Page]:
    """Start to finish: pre-test, every module in order, final assessment, evaluation, certificate."""
    modules = [Page(m.notebook, f"{m.number}. {m.title}") for m in course.modules]
    return [PRETEST, *modules, FINAL, EVALUATION, CERTIFICATE]


def neighbours(course: Course, notebook: str) -> tuple[Page | None, Page | None]:
    """The pages before and after `notebook` in the sequence (None at either end, or for side pages)."""
    pages = sequence(course)
    names = [p.notebook for p in pages]
    if notebook not in names:
        return None, None
    at = names.index(notebook)
    return (pages[at - 1] if at > 0 else None), (pages[at + 1] if at + 1 < len(pages) else None)
