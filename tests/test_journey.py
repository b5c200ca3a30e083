"""The trainee's journey without a browser: progress, the final assessment, certificates, the policy,
de-identification of reflections, and downloading or deleting one's own data."""

from __future__ import annotations

import io
import json
import random
from dataclasses import replace

import pandas as pd
import pytest
from docx import Document

from workbook import assessment, certificate, policy, registry
from workbook.content import FINAL_POOL, Content
from workbook.deidentify import find_identifiers
from workbook.models import AssessmentRules, QuestionBank
from workbook.progress import progress
from workbook.store import AnswerStore
from workbook.widgets.mydata import answers_csv
from workbook.widgets.question import QuestionWidget


@pytest.fixture
def course(content: Content) -> Content:
    """The real course with a small final pool (every scored module question) and small, known rules."""
    scored = [replace(q, use=("final",)) for b in content.banks.values() for q in b.questions if q.scored]
    pool = QuestionBank(FINAL_POOL, "Final assessment", tuple(scored))
    rules = AssessmentRules(questions=5, pass_mark=0.8, attempts=3)
    return replace(content, banks={**content.banks, FINAL_POOL: pool},
                   course=replace(content.course, final_assessment=rules))


def right_answer(question) -> object:  # noqa: ANN001
    ids = sorted(question.correct_ids, key=[o.id for o in question.options].index)
    return ids if question.type.value == "multiple_select" else ids[0]


def wrong_answer(question) -> object:  # noqa: ANN001
    wrong = next(o.id for o in question.options if not o.correct)
    return [wrong] if question.type.value == "multiple_select" else wrong


# ------------------------------------------------------------------ assessment

def test_draw_takes_distinct_questions_from_the_pool(course: Content) -> None:
    pool = course.pool("final")
    drawn = assessment.draw(pool, 5, random.Random(1))
    assert len(drawn) == len(set(drawn)) == 5 and set(drawn) <= {q.id for q in pool}
    assert assessment.draw(pool, 5, random.Random(2)) != drawn  # a different draw per attempt
    assert len(assessment.draw(pool, 10_000)) == len(pool)


def test_reloading_keeps_the_open_attempt_and_never_costs_one(store: AnswerStore, course: Content) -> None:
    trainee, _ = registry.register(store, "Robin")
    first = assessment.start(store, course, trainee)
    again = assessment.start(store, course, trainee)
    assert again == first and len(assessment.attempts(store, trainee.id)) == 1


def test_fail_then_pass_scores_each_attempt_and_reviews_what_was_missed(store: AnswerStore, course: Content) -> None:
    trainee, _ = registry.register(store, "Robin")
    attempt = assessment.start(store, course, trainee)
    questions = [course.question(q) for q in attempt.question_ids]
    answers = {q.id: (wrong_answer(q) if n < 2 else right_answer(q)) for n, q in enumerate(questions)}
    failed = assessment.submit(store, course, trainee, attempt, answers)
    assert failed.attempt.score == pytest.approx(0.6) and failed.attempt.passed is False
    assert [m.question.id for m in failed.missed] == [q.id for q in questions[:2]]
    second = assessment.start(store, course, trainee)
    assert second.number == 2
    passed = assessment.submit(store, course, trainee, second,
                               {q: right_answer(course.question(q)) for q in second.question_ids})
    assert passed.attempt.score == 1.0 and passed.attempt.passed and not passed.missed
    standing = assessment.standing(store, course, trainee.id)
    assert standing.passed and standing.best_score == 1.0 and not standing.can_start
    final_rows = store.answers(trainee=trainee.id, context="final")
    assert len(final_rows) == 10 and set(final_rows["module"]) == {FINAL_POOL}


def test_the_pass_mark_is_inclusive_and_attempts_are_limited(store: AnswerStore, course: Content) -> None:
    trainee, _ = registry.register(store, "Robin")
    for number in (1, 2, 3):
        attempt = assessment.start(store, course, trainee)
        questions = [course.question(q) for q in attempt.question_ids]
        answers = {q.id: (wrong_answer(q) if n == 0 and number < 3 else right_answer(q)) for n, q in enumerate(questions)}
        if number < 3:
            answers[questions[1].id] = wrong_answer(questions[1])  # 3 of 5 = 60%: not passed
        result = assessment.submit(store, course, trainee, attempt, answers)
        assert result.attempt.passed is (number == 3)
    trainee2, _ = registry.register(store, "Sam")
    for _ in range(3):
        attempt = assessment.start(store, course, trainee2)
        assessment.submit(store, course, trainee2, attempt,
                          {q: wrong_answer(course.question(q)) for q in attempt.question_ids})
    with pytest.raises(assessment.AssessmentError, match="used all 3 attempts"):
        assessment.start(store, course, trainee2)


def test_exactly_the_pass_mark_passes(store: AnswerStore, course: Content) -> None:
    trainee, _ = registry.register(store, "Robin")
    attempt = assessment.start(store, course, trainee)
    questions = [course.question(q) for q in attempt.question_ids]
    answers = {q.id: (wrong_answer(q) if n == 0 else right_answer(q)) for n, q in enumerate(questions)}
    result = assessment.submit(store, course, trainee, attempt, answers)
    assert result.attempt.score == pytest.approx(0.8) and result.attempt.passed


def test_submitting_with_questions_unanswered_names_them_and_records_nothing(store: AnswerStore,
                                                                            course: Content) -> None:
    trainee, _ = registry.register(store, "Robin")
    attempt = assessment.start(store, course, trainee)
    answers = {q: right_answer(course.question(q)) for q in attempt.question_ids[:3]}
    with pytest.raises(assessment.AssessmentError, match="still open: question 4, 5"):
        assessment.submit(store, course, trainee, attempt, answers)
    assert store.count() == 0 and assessment.standing(store, course, trainee.id).open_attempt == attempt


# ------------------------------------------------------------------ progress

def test_progress_counts_distinct_questions_per_module_and_the_milestones(store: AnswerStore, course: Content) -> None:
    trainee, _ = registry.register(store, "Robin")
    module = course.course.modules[0]
    questions = course.bank(module.id).for_use("module")
    for question in questions[:3]:
        for _ in range(2):  # a second attempt does not count twice
            store.record_answer(trainee=trainee.id, module=module.id, question_id=question.id, answer="x",
                                correct=None, score=None)
    done = progress(store, course, trainee.id)
    assert (done.of(module.id).answered, done.of(module.id).total) == (3, len(questions))
    assert not done.pretest_done and not done.final.passed and not done.evaluation_done and not done.certificate_ready
    for question in course.pool("pretest"):
        store.record_answer(trainee=trainee.id, module=question.module, question_id=question.id, answer="x",
                            correct=None, score=None, context="pretest")
    assert progress(store, course, trainee.id).pretest_done
    assert progress(store, course, trainee.id).of(module.id).answered == 3  # pre-test answers are separate


# ------------------------------------------------------------------ certificate

def test_a_certificate_verifies_and_a_made_up_or_edited_one_does_not(store: AnswerStore, tmp_path) -> None:
    trainee, _ = registry.register(store, "Zoë Ångström")
    issued = certificate.issue(store, trainee, "Social Media and Client Confidentiality", 3, 0.85, tmp_path)
    assert certificate.verify(store, issued.code, tmp_path) == replace(issued, hours=3.0)
    assert certificate.verify(store, issued.code.lower(), tmp_path) is not None
    assert certificate.verify(store, "ABCD-EFGH-JKLM-NPQR", tmp_path) is None
    assert certificate.issue(store, trainee, "Social Media and Client Confidentiality", 3, 0.85, tmp_path) == issued
    store.write(lambda c: c.execute("UPDATE certificates SET score = 1.0"))  # someone edits the score in the database
    assert certificate.verify(store, issued.code, tmp_path) is None
    assert oct((tmp_path / certificate.KEY_FILE).stat().st_mode & 0o777) == "0o600"


def test_the_certificate_pdf_holds_the_name_course_hours_score_date_and_code(store: AnswerStore, tmp_path) -> None:
    from pypdf import PdfReader

    trainee, _ = registry.register(store, "Zoë Ångström")
    issued = certificate.issue(store, trainee, "Social Media and Client Confidentiality", 3, 0.85, tmp_path)
    data = certificate.pdf(issued)
    assert data.startswith(b"%PDF")
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    for expected in ("Zoë Ångström", "Social Media and Client Confidentiality", "Contact hours: 3", "85%",
                     issued.issued_on, issued.code):
        assert expected in text


# ------------------------------------------------------------------ policy

def test_the_policy_is_written_from_the_choices_in_every_format(content: Content) -> None:
    template = content.policy
    assert template is not None
    choices = {s.id: s.choices[-1].id for s in template.sections}
    answers = policy.PolicyAnswers("Sam <b>Lee</b>", "Oak *Counselling*", choices,
                                   {"reviews": "I also <script>alert(1)</script> never post photos."}, "2026-11-22")
    md = policy.markdown(template, answers)
    assert md.startswith("# Social media policy: Oak \\*Counselling\\*")
    for section in template.sections:
        assert f"## {section.title}" in md
        assert " ".join(section.choices[-1].text.split()).replace("{practice}", "Oak")[:40].split("Oak")[0] in md
    assert "\\<script\\>" in md and "<script>" not in md
    html = policy.html(template, answers)
    assert "<script>" not in html and "&lt;script&gt;" in html and "Sam &lt;b&gt;Lee&lt;/b&gt;" in html
    document = Document(io.BytesIO(policy.docx(template, answers)))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Social media policy: Oak *Counselling*"
    assert "I also <script>alert(1)</script> never post photos." in texts
    assert texts[-1] == "Written by Sam <b>Lee</b> on 2026-11-22."


def test_a_section_left_unanswered_is_left_out(content: Content) -> None:
    template = content.policy
    answers = policy.PolicyAnswers("", "", {template.sections[0].id: template.sections[0].choices[0].id}, {})
    headings = [title for title, _ in policy.outline(template, answers) if title]
    assert headings == [template.sections[0].title]


# ------------------------------------------------------------------ de-identification

@pytest.mark.parametrize(("text", "kind", "found"), [
    ("My client Dana Whitfield posted again.", "name", "Dana Whitfield"),
    ("the patient named Jo was upset", "name", "Jo"),
    ("Mr. Okafor came in late.", "name", "Okafor"),
    ("client J.D. said it was fine", "name", "J.D."),
    ("She was admitted on 3/14/2024.", "date", "3/14/2024"),
    ("It happened on March 3rd.", "date", "March 3rd"),
    ("We met on the 5th of May", "date", "5th of May"),
    ("he posted on 3/14", "date", "3/14"),
    ("Call (555) 201-7788 after six.", "phone", "(555) 201-7788"),
    ("her number is +44 20 7946 0958", "phone", "+44 20 7946 0958"),
    ("write to sam.lee@example.org", "email", "sam.lee@example.org"),
    ("she posts as @dana_w99 now", "handle", "@dana_w99"),
    ("see www.example.com/profile/dana", "url", "www.example.com/profile/dana"),
    ("https://social.example/p/123 was the post", "url", "https://social.example/p/123"),
    ("They live at 42 Maple Street.", "address", "42 Maple Street"),
    ("MRN 4481923 was on the form", "record", "4481923"),
    ("SSN 123-45-6789", "record", "123-45-6789"),
])
def test_identifying_details_are_flagged(text: str, kind: str, found: str) -> None:
    flags = find_identifiers(text)
    assert (kind, found) in [(f.kind, f.text) for f in flags]


@pytest.mark.parametrize("text", [
    "My client felt anxious after three sessions.",
    "In 2019 I learned that APA Ethics Code 4.01 and ACA Code H.6.c apply online.",
    "NASW Code 1.07(r) and 1.03(i) guided my thinking; I scored 80% on the quiz.",
    "We worked on 2 goals over 12 weeks in 2023, about 50/50 progress.",
    "The client said it at 3 pm, 10 minutes before the end.",
    "I would decline the friend request and explain my policy in session.",
    "A supervisee asked whether to google a client; we agreed on consent first.",
])
def test_ordinary_reflections_are_not_flagged(text: str) -> None:
    assert find_identifiers(text) == []


# ------------------------------------------------------------------ widgets on the journey

def test_a_flagged_reflection_is_held_until_edited_or_saved_anyway(store: AnswerStore, content: Content) -> None:
    trainee, _ = registry.register(store, "Robin")
    question = next(q for b in content.banks.values() for q in b.questions if q.type.value == "reflection")
    widget = QuestionWidget(question, content=content, trainee=trainee, store=lambda: store)
    widget.input.value = "My client Dana Whitfield messaged me on 3/14/2024."
    widget.submit()
    assert store.count() == 0 and "Dana Whitfield" in widget.feedback.value and "3/14/2024" in widget.feedback.value
    assert widget.save_anyway.layout.display is None
    widget.input.value = "A client messaged me late at night."  # edited: saved at once
    widget.submit()
    assert store.count() == 1
    widget.input.value = "Dr. Example is an invented name."
    widget.submit()
    assert store.count() == 1
    widget.save_anyway.click()
    assert list(store.answers()["answer"]) == ["A client messaged me late at night.", "Dr. Example is an invented name."]


def test_without_signing_in_answers_are_checked_but_not_saved(store: AnswerStore, content: Content) -> None:
    question = next(q for b in content.banks.values() for q in b.questions if q.scored)
    widget = QuestionWidget(question, content=content, trainee=None, store=lambda: store)
    widget.select(*([next(iter(question.correct_ids))]))
    widget.submit()
    assert "Not saved" in widget.feedback.value and "Why:" in widget.feedback.value
    assert store.path is None or not store.path.exists()  # not even a SQLite file was created
    assert store.count() == 0


def test_the_pretest_saves_without_revealing_the_answer(store: AnswerStore, content: Content) -> None:
    trainee, _ = registry.register(store, "Robin")
    question = content.pool("pretest")[0]
    widget = QuestionWidget(question, content=content, trainee=trainee, store=lambda: store, context="pretest",
                            reveal=False)
    widget.select(wrong_answer(question) if question.type.value != "multiple_select" else wrong_answer(question)[0])
    widget.submit()
    assert "Saved" in widget.feedback.value and "Why:" not in widget.feedback.value
    assert "Not quite" not in widget.feedback.value
    assert list(store.answers(context="pretest")["question_id"]) == [question.id]


def test_own_answers_download_as_csv_that_reads_back(store: AnswerStore) -> None:
    trainee, _ = registry.register(store, "Robin")
    other, _ = registry.register(store, "Other")
    store.record_answer(trainee=trainee.id, module="m", question_id="q1", answer=["a", "b"], correct=False, score=0.5)
    store.record_answer(trainee=trainee.id, module="m", question_id="q2", answer="Ünïcode, \"quoted\"\nline",
                        correct=None, score=None)
    store.record_answer(trainee=other.id, module="m", question_id="q1", answer="a", correct=True, score=1.0)
    frame = pd.read_csv(io.BytesIO(answers_csv(store, trainee.id)))
    assert list(frame["question_id"]) == ["q1", "q2"] and set(frame["trainee"]) == {trainee.id}
    assert [json.loads(a) for a in frame["answer"]] == [["a", "b"], "Ünïcode, \"quoted\"\nline"]


def test_the_verify_command_tells_genuine_from_made_up_codes(tmp_path, capsys) -> None:
    from workbook.cli import main

    with AnswerStore(tmp_path / "answers.sqlite3") as store:
        trainee, _ = registry.register(store, "Robin Ash")
        issued = certificate.issue(store, trainee, "The course", 3, 0.9, tmp_path)
    assert main(["verify", "--data-dir", str(tmp_path), issued.code.lower()]) == 0
    assert f"{issued.code}: genuine. Robin Ash completed \"The course\"" in capsys.readouterr().out
    assert main(["verify", "--data-dir", str(tmp_path), "ABCD-EFGH-JKLM-NPQR"]) == 1
    assert "NOT a certificate issued by this site" in capsys.readouterr().out
    assert main(["verify", "--data-dir", str(tmp_path / "elsewhere"), issued.code]) == 1
    assert "No answer store" in capsys.readouterr().err
