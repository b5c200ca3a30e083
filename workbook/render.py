"""HTML for the page parts that are not interactive: headers, vignettes, feedback, references.

Content is plain text written by supervisors; everything is escaped here, so no file can inject markup.
"""

from __future__ import annotations

import base64
import textwrap
from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

from workbook.content import Content
from workbook.journey import CERTIFICATE, EVALUATION, FINAL, PRETEST, SIDE_PAGES, Page, neighbours, sequence
from workbook.models import Course, Module, Question, QuestionType, Vignette
from workbook.scoring import Outcome

if TYPE_CHECKING:
    from workbook import assessment
    from workbook.identity import Visitor
    from workbook.progress import Progress

TYPE_LABELS = {
    QuestionType.SINGLE_CHOICE: "Choose one answer",
    QuestionType.MULTIPLE_SELECT: "Select every answer that applies",
    QuestionType.TRUE_FALSE: "True or false",
    QuestionType.SCENARIO: "What would you do?",
    QuestionType.REFLECTION: "Reflection (saved, not scored)",
    QuestionType.CONFIDENCE: "Rate your confidence (not scored)",
}


def paragraphs(text: str) -> str:
    """Plain text to escaped HTML paragraphs; a blank line starts a new paragraph."""
    blocks = [b.strip() for b in text.strip().split("\n\n") if b.strip()]
    return "".join(f"<p>{escape(' '.join(b.split()))}</p>" for b in blocks)


def module_header(course: Course, module: Module, query: str = "") -> str:
    objectives = "".join(f"<li>{escape(o)}</li>" for o in module.objectives)
    return (
        '<header class="wb-module-header">'
        f'<p class="wb-kicker">{escape(course.title)} · Module {module.number} of {len(course.modules)}'
        f" · about {module.minutes} minutes</p>"
        f"<h1>{escape(module.title)}</h1>"
        f"{navigation(course, module.notebook, query)}"
        '<section class="wb-objectives" aria-label="Learning objectives">'
        f"<h2>Learning objectives</h2><p>By the end of this module you can:</p><ul>{objectives}</ul></section>"
        "</header>"
    )


def page_header(course: Course, page: Page, query: str = "") -> str:
    """The header of a course page that is not a module (pre-test, assessment, certificate, ...)."""
    return (
        f'<header class="wb-module-header"><p class="wb-kicker">{escape(course.title)}</p>'
        f"<h1>{escape(page.title)}</h1>{navigation(course, page.notebook, query)}</header>"
    )


def navigation(course: Course, notebook: str, query: str = "") -> str:
    """Previous / contents / next links; relative, so they work in Voila and in JupyterLab alike.
    `query` (e.g. "?trainee=CODE") is appended so the trainee stays who they are from page to page."""
    before, after = neighbours(course, notebook)
    links = []
    if before:
        links.append(f'<a class="wb-prev" href="{escape(before.notebook + query)}">← {escape(before.title)}</a>')
    links.append(f'<a class="wb-home" href="{escape(course.landing_notebook + query)}">Course contents</a>')
    if after:
        links.append(f'<a class="wb-next" href="{escape(after.notebook + query)}">{escape(after.title)} →</a>')
    return f'<nav class="wb-nav" aria-label="Course navigation">{" ".join(links)}</nav>'


def course_contents(course: Course, query: str = "", progress: Progress | None = None) -> str:
    """The course map: every page in order, with each module's progress when the trainee is known."""
    rows = []
    for page in sequence(course):
        module = next((m for m in course.modules if m.notebook == page.notebook), None)
        state = ""
        if module and progress:
            done = progress.of(module.id)
            state = (f' <progress max="{done.total}" value="{done.answered}" aria-label="{escape(page.title)}: '
                     f'{done.answered} of {done.total} answered"></progress>'
                     f' <span class="wb-count">{done.answered}/{done.total}</span>')
        elif progress:
            state = _milestone(page, progress)
        minutes = f' <span class="wb-minutes">({module.minutes} min)</span>' if module else ""
        rows.append(f'<li><a href="{escape(page.notebook + query)}">{escape(page.title)}</a>{minutes}{state}</li>')
    extras = "".join(f'<li><a href="{escape(p.notebook + query)}">{escape(p.title)}</a></li>' for p in SIDE_PAGES)
    return (f'<nav class="wb-contents" aria-label="Course contents"><ol>{"".join(rows)}</ol>'
            f'<p>Also:</p><ul class="wb-side-pages">{extras}</ul></nav>')


def _milestone(page: Page, progress: Progress) -> str:
    done = {PRETEST.notebook: progress.pretest_done, FINAL.notebook: progress.final.passed,
            EVALUATION.notebook: progress.evaluation_done,
            CERTIFICATE.notebook: progress.certificate_code is not None}.get(page.notebook)
    return ' <span class="wb-done">✓ done</span>' if done else ""


def status(visitor: Visitor) -> str:
    """Who the page thinks you are, or why it does not know."""
    if visitor.problem:
        return f'<div class="wb-status wb-status-problem" role="alert"><p>{escape(visitor.problem)}</p></div>'
    if visitor.trainee is None:
        return ('<div class="wb-status" role="status"><p>You are not signed in: your answers are checked but not saved. '
                '<a href="00-start.ipynb">Sign in on the start page</a> to keep them and track your progress.</p></div>')
    cohort = f" · cohort {escape(visitor.trainee.cohort)}" if visitor.trainee.cohort else ""
    return (f'<div class="wb-status wb-status-in" role="status"><p>Signed in as '
            f"<strong>{escape(visitor.trainee.name)}</strong>{cohort}.</p></div>")


def download_link(data: bytes, filename: str, mime: str, label: str) -> str:
    """A link that downloads `data` from the page itself: nothing is served from the site's folders."""
    encoded = base64.b64encode(data).decode("ascii")
    return (f'<a class="wb-download" download="{escape(filename)}" href="data:{mime};base64,{encoded}">'
            f"{escape(label)}</a>")


def vignette(v: Vignette, content: Content) -> str:
    questions = "".join(f"<li>{escape(q)}</li>" for q in v.discussion)
    return (
        f'<article class="wb-vignette" aria-label="Case vignette: {escape(v.title)}">'
        f'<p class="wb-kicker">Case vignette · fictional</p><h3>{escape(v.title)}</h3>'
        f"{paragraphs(v.story)}"
        f"<h4>Questions to discuss</h4><ol>{questions}</ol>"
        "<details><summary>Show a model analysis</summary>"
        f"{paragraphs(v.analysis)}{cited(v.cites, content)}</details>"
        "</article>"
    )


def question_prompt(question: Question, number: int | None = None) -> str:
    situation = f'<div class="wb-situation">{paragraphs(question.situation)}</div>' if question.situation else ""
    label = f"Question {number} · {TYPE_LABELS[question.type]}" if number else TYPE_LABELS[question.type]
    return (
        f'<p class="wb-kicker">{escape(label)}</p>{situation}'
        f'<div class="wb-prompt">{paragraphs(question.prompt)}</div>'
    )


def not_saved_note() -> str:
    return ('<p class="wb-not-saved" role="status">Not saved: you are not signed in. '
            'Sign in on the <a href="00-start.ipynb">start page</a> to keep your answers.</p>')


def saved_quietly(attempt: int | None) -> str:
    """The pre-test's acknowledgement: saved, without revealing the answer."""
    return (f'<div class="wb-feedback wb-saved" role="status"><p><strong>Saved</strong> (attempt {attempt}). '
            "The modules explain the answer.</p></div>")


def feedback(question: Question, outcome: Outcome, attempt: int | None, content: Content) -> str:
    """The teaching feedback after an answer: verdict, each chosen option's feedback, explanation, sources.
    `attempt` None: the answer was checked but not saved (the visitor is not signed in)."""
    recorded = f" Attempt {attempt} recorded." if attempt else ""
    if not question.scored:
        guidance = f"<p>{escape(question.guidance)}</p>" if question.guidance else ""
        saved = f"<strong>Saved</strong> (attempt {attempt})." if attempt else "<strong>Checked.</strong>"
        return f'<div class="wb-feedback wb-saved" role="status"><p>{saved}</p>{guidance}</div>'
    if outcome.correct:
        verdict, css = "✓ Correct.", "wb-correct"
    elif outcome.score:
        verdict, css = f"◐ Partly right ({outcome.score:.0%} of the mark).", "wb-partial"
    else:
        verdict, css = "✗ Not quite.", "wb-incorrect"
    chosen = "".join(
        f'<li class="{"wb-opt-right" if right else "wb-opt-wrong"}"><strong>{escape(text)}</strong>'
        f' ({"a right choice" if right else "not the best choice"}): {escape(note)}</li>'
        for text, note, right in outcome.chosen_feedback
    )
    return (
        f'<div class="wb-feedback {css}" role="status">'
        f"<p><strong>{verdict}</strong>{recorded}</p>"
        f'<ul class="wb-chosen">{chosen}</ul>'
        f'<div class="wb-explanation"><strong>Why:</strong> {paragraphs(question.explanation or "")}</div>'
        f"{cited(question.cites, content)}</div>"
    )


def cited(ids: Iterable[str], content: Content) -> str:
    items = "".join(
        f"<li><strong>{escape(content.citations[i].label)}</strong>: {escape(content.citations[i].point)}</li>"
        for i in ids
    )
    return f'<div class="wb-cites"><p>Sources:</p><ul>{items}</ul></div>' if items else ""


def references(module: Module, content: Content) -> str:
    """The module's reference list: primary documents behind its outline references and every citation it uses."""
    ids = list(module.references)
    bank = content.banks.get(module.id)
    if bank:
        ids += [c for q in bank.questions for c in q.cites]
    ids += [c for v in content.vignettes.values() if v.module == module.id for c in v.cites]
    documents = sorted({content.citations[i].reference for i in ids if i in content.citations})
    items = "".join(f"<li>{escape(d)}</li>" for d in documents)
    return f'<section class="wb-references" aria-label="References"><h2>References</h2><ul>{items}</ul></section>'


def assessment_result(result: assessment.Result, content: Content) -> str:
    """Score, verdict and a review of every question not fully right: the answer given, the right one, why."""
    attempt = result.attempt
    rules = content.course.final_assessment
    verdict = ("✓ Passed" if attempt.passed else "✗ Not passed yet")
    css = "wb-correct" if attempt.passed else "wb-incorrect"
    review = []
    for missed in result.missed:
        question = missed.question
        given = [missed.answer] if isinstance(missed.answer, str) else list(missed.answer)
        given_text = "".join(f"<li>{escape(question.option(o).text)}</li>" for o in given)
        right_text = "".join(f"<li>{escape(o.text)}</li>" for o in question.options if o.correct)
        review.append(
            f'<li class="wb-missed">{paragraphs(question.prompt)}'
            f"<p><strong>Your answer</strong> ({missed.earned:.0%} of the mark):</p><ul>{given_text}</ul>"
            f"<p><strong>Best answer:</strong></p><ul>{right_text}</ul>"
            f'<div class="wb-explanation"><strong>Why:</strong> {paragraphs(question.explanation or "")}</div>'
            f"{cited(question.cites, content)}</li>")
    reviewed = (f"<h3>Review: questions to look at again ({len(review)})</h3><ol>{''.join(review)}</ol>"
                if review else "<p>You answered every question fully right.</p>")
    return (f'<section class="wb-result" aria-label="Assessment result"><div class="wb-feedback {css}" role="status">'
            f"<p><strong>{verdict}: {attempt.score:.0%}</strong> (pass mark {rules.pass_mark:.0%}), attempt "
            f"{attempt.number} of {rules.attempts}.</p></div>{reviewed}</section>")


def shorten(text: str, width: int = 90) -> str:
    """A prompt cut at a word boundary for a heading or a dropdown, marked with an ellipsis when cut."""
    return textwrap.shorten(text, width, placeholder=" …")
