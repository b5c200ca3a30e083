"""The ipywidgets front end (imported by notebooks, never by the core)."""

from workbook.widgets.question import QuestionWidget

__all__ = ["QuestionWidget"]
