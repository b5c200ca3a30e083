"""What the supervisor notebooks call. Served only by the token-protected dashboard server."""

from __future__ import annotations

from IPython.display import HTML, display

from workbook.content import load_content
from workbook.store import AnswerStore

PAGES = (("dashboard.ipynb", "Home: cohorts and certificates"), ("live.ipynb", "Live workshop view"),
         ("report.ipynb", "Cohort report"), ("items.ipynb", "Item statistics"),
         ("reflections.ipynb", "Reflections"), ("exports.ipynb", "Exports"))
_store: AnswerStore | None = None


def _answer_store() -> AnswerStore:
    global _store
    if _store is None:
        _store = AnswerStore()
    return _store


def navigation() -> None:
    links = " ".join(f'<a href="{page}">{title}</a>' for page, title in PAGES)
    display(HTML(f'<nav class="wb-nav" aria-label="Supervisor pages">{links}</nav>'))


def cohorts() -> None:
    from workbook.widgets.supervisor import CohortsPanel

    display(CohortsPanel(_answer_store))


def certificate_check() -> None:
    from workbook.widgets.supervisor import CertificateCheck

    display(CertificateCheck(_answer_store))


def live() -> None:
    from workbook.widgets.live import LiveView

    view = LiveView(load_content(), _answer_store)
    display(view)
    view.start()


def report() -> None:
    from workbook.widgets.supervisor import ReportPanel

    display(ReportPanel(load_content(), _answer_store))


def items() -> None:
    from workbook.widgets.supervisor import ItemsPanel

    display(ItemsPanel(load_content(), _answer_store))


def reflections() -> None:
    from workbook.widgets.supervisor import ReflectionsPanel

    display(ReflectionsPanel(load_content(), _answer_store))


def exports() -> None:
    from workbook.widgets.supervisor import ExportPanel

    display(ExportPanel(_answer_store))
