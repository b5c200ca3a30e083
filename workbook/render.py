"""HTML for the page parts that are not interactive: headers, vignettes, feedback, references.

Content is plain text written by supervisors; everything is escaped here, so no file can inject markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from workbook.content import Content
from workbook.models import Course, Module, Question, QuestionType, Vignette
from workbook.scoring import Outcome

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
    position = [m.id for m in course.modules].index(module.id) + 1
    objectives = "".join(f"<li>{escape(o)}</li>" for o in module.objectives)
    return (
        '<header class="wb-module-header">'
        f'<p class="wb-kicker">{escape(course.title)} · Module {module.number}'
        f" · about {module.minutes} minutes</p>"
        f"<h1>{escape(module.title)}</h1>"
        f'<nav class="wb-nav" aria-label="Course navigation">{navigation(course, position - 1, query)}</nav>'
        '<section class="wb-objectives" aria-label="Learning objectives">'
        f"<h2>Learning objectives</h2><p>By the end of this module you can:</p><ul>{objectives}</ul></section>"
        "</header>"
    )


def navigation(course: Course, index: int, query: str = "") -> str:
    """Previous / contents / next links; relative, so they work in Voila and in JupyterLab alike.
    `query` (e.g. "?trainee=CODE") is appended so the trainee stays who they are from page to page."""
    modules = course.modules
    links = []
    if index > 0:
        prev = modules[index - 1]
        links.append(f'<a class="wb-prev" href="{escape(prev.notebook + query)}">← {prev.number}. {escape(prev.title)}</a>')
    links.append(f'<a class="wb-home" href="{escape(course.landing_notebook + query)}">Course contents</a>')
    if index + 1 < len(modules):
        nxt = modules[index + 1]
        links.append(f'<a class="wb-next" href="{escape(nxt.notebook + query)}">{nxt.number}. {escape(nxt.title)} →</a>')
    return " ".join(links)


def course_contents(course: Course, query: str = "") -> str:
    items = "".join(
        f'<li><a href="{escape(m.notebook + query)}">{m.number}. {escape(m.title)}</a>'
        f' <span class="wb-minutes">({m.minutes} min)</span></li>'
        for m in course.modules
    )
    return f'<nav class="wb-contents" aria-label="Course contents"><ol>{items}</ol></nav>'


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


def question_prompt(question: Question) -> str:
    situation = f'<div class="wb-situation">{paragraphs(question.situation)}</div>' if question.situation else ""
    return (
        f'<p class="wb-kicker">{escape(TYPE_LABELS[question.type])}</p>{situation}'
        f'<div class="wb-prompt">{paragraphs(question.prompt)}</div>'
    )


def feedback(question: Question, outcome: Outcome, attempt: int, content: Content) -> str:
    """The teaching feedback after an answer: verdict, each chosen option's feedback, explanation, sources."""
    if not question.scored:
        guidance = f"<p>{escape(question.guidance)}</p>" if question.guidance else ""
        return f'<div class="wb-feedback wb-saved" role="status"><p><strong>Saved</strong> (attempt {attempt}).</p>{guidance}</div>'
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
        f"<p><strong>{verdict}</strong> Attempt {attempt} recorded.</p>"
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
