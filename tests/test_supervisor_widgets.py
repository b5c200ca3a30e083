"""The supervisor's panels without a browser: each does what its button says, on a real store."""

from __future__ import annotations

from workbook import certificate, registry
from workbook.content import Content
from workbook.store import AnswerStore
from workbook.widgets.live import LiveView
from workbook.widgets.supervisor import CertificateCheck, CohortsPanel, ExportPanel, ReflectionsPanel


def test_creating_a_cohort_shows_its_code_and_roster(store: AnswerStore) -> None:
    panel = CohortsPanel(lambda: store)
    panel.name.value = ""
    panel.create()
    assert "Give the cohort a name" in panel.message.value
    panel.name.value = "Thursday group"
    panel.create()
    code = store.read("SELECT code FROM cohorts")[0][0]
    assert code in panel.message.value and "Thursday group" in panel.listing.value
    registry.register(store, "Robin <b>", code)
    panel.show()
    assert "1: Robin &lt;b&gt;" in panel.listing.value


def test_certificate_check_tells_genuine_from_made_up(store: AnswerStore, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("WORKBOOK_DATA_DIR", str(tmp_path))
    trainee, _ = registry.register(store, "Robin")
    issued = certificate.issue(store, trainee, "The course", 3, 0.85)
    check = CertificateCheck(lambda: store)
    check.code.value = issued.code
    check.check()
    assert "Genuine" in check.result.value and "85%" in check.result.value
    check.code.value = "ABCD-EFGH-JKLM-NPQR"
    check.check()
    assert "Not genuine" in check.result.value


def test_live_view_counts_latest_answers_and_reveals_on_request(store: AnswerStore, content: Content) -> None:
    view = LiveView(content, lambda: store)
    question = content.question(view.question.value)
    right = next(o.id for o in question.options if o.correct)
    wrong = next(o.id for o in question.options if not o.correct)
    for trainee, answer in (("a", wrong), ("b", right), ("a", right)):  # "a" changes their mind
        store.record_answer(trainee=trainee, module=question.module, question_id=question.id, answer=answer,
                            correct=None, score=None)
    tally = view.refresh()
    assert tally.trainees == 2 and tally.counts[[o.id for o in question.options].index(right)] == 2
    assert bytes(view.chart.value).startswith(b"\x89PNG") and 'data-trainees="2"' in view.counts.value
    assert view.answer.value == ""
    view.reveal.value = True
    assert "Best answer" in view.answer.value


def test_reflection_comments_are_saved_and_flags_shown(store: AnswerStore, content: Content) -> None:
    trainee, _ = registry.register(store, "Robin")
    question = next(q for b in content.banks.values() for q in b.questions if q.type.value == "reflection")
    store.record_answer(trainee=trainee.id, module=question.module, question_id=question.id,
                        answer="My client Dana Whitfield called me on 3/14/2024.", correct=None, score=None)
    panel = ReflectionsPanel(content, lambda: store)
    card = panel.items.children[0]
    header, box, button = card.children
    assert "Dana Whitfield" in header.value and "looks like a name" in header.value
    box.value = "Let us talk about disguising details."
    button.click()
    assert store.read("SELECT comment FROM comments") == [("Let us talk about disguising details.",)]
    assert "Let us talk about disguising details." in panel.items.children[0].children[0].value


def test_export_panel_offers_a_download(store: AnswerStore, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("WORKBOOK_DATA_DIR", str(tmp_path))
    trainee, _ = registry.register(store, "Robin")
    store.record_answer(trainee=trainee.id, module="m", question_id="q", answer="a", correct=True, score=1.0)
    panel = ExportPanel(lambda: store)
    panel.prepare("xlsx")
    assert 'download="workbook-export-anonymised.xlsx"' in panel.link.value
    panel.prepare("csv")
    assert 'download="workbook-export-anonymised.zip"' in panel.link.value and "answers: 1 rows" in panel.link.value


def test_an_empty_cohort_report_says_so(store: AnswerStore, content: Content) -> None:
    from workbook.widgets.supervisor import ReportPanel

    report = ReportPanel(content, lambda: store)
    assert "No trainees have signed in yet." in report.table.value
    assert "nobody has taken it yet" in report.summary.value
