"""Whatever a trainee types (nothing, a megabyte, markup and script, any script of the world, SQL or a
spreadsheet formula) is stored exactly as typed and shown as text everywhere it appears again: the
trainee's own pages, the supervisor's dashboard, exports and the certificate."""

from __future__ import annotations

from html import escape
from io import BytesIO
from pathlib import Path

import ipywidgets as widgets
import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader

from workbook import certificate, exports, registry
from workbook.content import Content
from workbook.registry import SignUpError
from workbook.store import AnswerStore
from workbook.widgets.certificate import CertificatePanel
from workbook.widgets.question import QuestionWidget
from workbook.widgets.supervisor import CohortsPanel, ReflectionsPanel, ReportPanel

from .conftest import add_cohort

HOSTILE = {
    "script": "<script>alert('pwned')</script>",
    "image": '<img src=x onerror="alert(1)">',
    "attribute": '" onmouseover="alert(1)" x="',
    "entity": "&lt;already escaped&gt; &amp;",
    "sql": "Robert'); DROP TABLE trainees;--",
    "formula": '=HYPERLINK("http://example.invalid/steal","Open")',
    "unicode": "Zoë Ångström · Αλέξης · Дарья · 张伟 · مريم · 🙂 · \u202eright-to-left",
    "quotes": "It's \"quoted\" and back\\slashed",
}
MEGABYTE = "A long reflection. " * 55_189  # just over 1 MB of text


def _html_of(widget: widgets.Widget) -> str:
    """Every piece of HTML a widget tree puts on the page."""
    found = [widget.value] if isinstance(widget, widgets.HTML) else []
    for child in getattr(widget, "children", ()):
        found.append(_html_of(child))
    return "\n".join(found)


def _assert_shown_as_text(html: str, text: str) -> None:
    if any(c in text for c in "<>&\""):
        assert text not in html, f"{text!r} reached the page unescaped"
    assert escape(text) in html or escape(text, quote=False) in html, f"{text!r} is not on the page"


@pytest.mark.parametrize("name", [pytest.param(v, id=k) for k, v in HOSTILE.items()])
def test_a_hostile_display_name_is_kept_verbatim_and_shown_as_text(name: str, store: AnswerStore,
                                                                    content: Content, tmp_path: Path) -> None:
    add_cohort(store, "c1")
    trainee, _ = registry.register(store, name, "c1")
    assert store.read("SELECT display_name FROM trainees WHERE id = ?", (trainee.id,)) == [(name,)]
    # the dashboard: the cohort roster and the report grid
    _assert_shown_as_text(CohortsPanel(lambda: store).listing.value, name)
    _assert_shown_as_text(_html_of(ReportPanel(content, lambda: store)), name)
    # the trainee's certificate page and the certificate itself
    issued = certificate.issue(store, trainee, content.course.title, 4, 0.9, tmp_path)
    panel = CertificatePanel(content, lambda: store, trainee)
    assert "<script>" not in _html_of(panel)
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(certificate.pdf(issued))).pages)
    # printed as typed (a PDF runs no markup), in the scripts its DejaVu font covers (see the README)
    printable = "Zoë Ångström · Αλέξης · Дарья" if name == HOSTILE["unicode"] else name
    assert "".join(printable.split()) in "".join(text.split())


@pytest.mark.parametrize("name", ["", "   ", "x" * 1_000_000])
def test_an_empty_or_huge_name_is_refused_with_a_clear_sentence(name: str, store: AnswerStore) -> None:
    with pytest.raises(SignUpError) as refused:
        registry.register(store, name)
    assert str(refused.value).startswith(("Enter a display name", "Use a display name of at most"))
    assert store.read("SELECT COUNT(*) FROM trainees") == [(0,)]


@pytest.mark.parametrize("text", [pytest.param(v, id=k) for k, v in {**HOSTILE, "megabyte": MEGABYTE}.items()])
def test_a_hostile_reflection_is_stored_verbatim_and_shown_as_text_on_the_dashboard(
        text: str, store: AnswerStore, content: Content) -> None:
    trainee, _ = registry.register(store, "Robin")
    question = next(q for b in content.banks.values() for q in b.questions if q.type.value == "reflection")
    widget = QuestionWidget(question, content=content, trainee=trainee, store=lambda: store)
    widget.input.value = text
    widget.submit()
    if widget.save_anyway is not None and widget.save_anyway.layout.display != "none":  # flagged as possibly identifying: the trainee confirms
        widget.save_anyway.click()
    assert "<script>" not in widget.feedback.value
    assert store.answers(trainee=trainee.id)["answer"].tolist() == [text]
    shown = _html_of(ReflectionsPanel(content, lambda: store))
    assert "<script>" not in shown and "<img" not in shown
    first_words = " ".join(text.split()[:3])
    assert escape(first_words, quote=False) in shown or escape(first_words) in shown


def test_exports_keep_hostile_text_verbatim_and_never_as_a_live_formula(store: AnswerStore, tmp_path: Path) -> None:
    people = [registry.register(store, name)[0] for name in HOSTILE.values()]
    for person, text in zip(people, HOSTILE.values(), strict=True):
        store.record_answer(trainee=person.id, module="m", question_id="r", answer=text, correct=None, score=None)
    tables = exports.report_tables(store)
    [workbook_file] = exports.write(tables, tmp_path / "cohort.xlsx", "xlsx")
    sheet = openpyxl.load_workbook(workbook_file)["answers"]
    header = [cell.value for cell in sheet[1]]
    cells = {(row[header.index("name")].value, row[header.index("answer")].value) for row in sheet.iter_rows(min_row=2)}
    assert cells == {(text, text) for text in HOSTILE.values()}
    assert all(cell.data_type == "s" for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str))
    exports.write(tables, tmp_path / "csv", "csv")
    answers = pd.read_csv(tmp_path / "csv" / "answers.csv", dtype=str, keep_default_na=False)
    formula = HOSTILE["formula"]
    assert "'" + formula in set(answers["name"])  # a spreadsheet opens it as text, not as a formula
    assert exports.from_csv_cell("'" + formula) == formula
    others = set(answers["answer"]) - {"'" + formula}
    assert others == set(HOSTILE.values()) - {formula}
