"""The trainee's own social media policy: sections and clauses from data/policy.yaml, put together
from the trainee's choices, previewed as HTML and downloaded as Markdown or a Word document."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

from docx import Document
from docx.shared import Pt

from workbook.errors import ContentProblem
from workbook.models import Citation


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    text: str


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    question: str
    choices: tuple[Choice, ...]
    hint: str = ""
    cites: tuple[str, ...] = ()

    def choice(self, choice_id: str) -> Choice:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        raise KeyError(f"section '{self.id}' has no choice '{choice_id}'")


@dataclass(frozen=True)
class PolicyTemplate:
    title: str
    intro: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class PolicyAnswers:
    """What the trainee filled in: names, a choice per section and optional words of their own."""

    author: str
    practice: str
    choices: dict[str, str]
    additions: dict[str, str]
    written_on: str = ""

    @classmethod
    def from_record(cls, record: dict) -> PolicyAnswers:
        return cls(record.get("author", ""), record.get("practice", ""), dict(record.get("choices", {})),
                   dict(record.get("additions", {})), record.get("written_on", ""))

    def record(self) -> dict:
        return {"author": self.author, "practice": self.practice, "choices": self.choices,
                "additions": self.additions, "written_on": self.written_on}


def check_policy(path: Path, citations: dict[str, Citation] | None = None) -> tuple[PolicyTemplate | None, list[ContentProblem]]:
    from workbook.content import _read_and_validate, _unknown_citations
    from workbook.yamlfile import display_path

    data, problems = _read_and_validate(path, "policy", "sections")
    if problems:
        return None, problems
    name = display_path(path)
    sections = []
    ids = [s["id"] for s in data["sections"]]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(ContentProblem(name, duplicate, "id", "is used by two sections"))
    for entry in data["sections"]:
        choice_ids = [c["id"] for c in entry["choices"]]
        for duplicate in sorted({i for i in choice_ids if choice_ids.count(i) > 1}):
            problems.append(ContentProblem(name, entry["id"], f"choices[{duplicate}].id", "is used by two choices"))
        problems.extend(_unknown_citations(name, entry["id"], entry.get("cites", []), citations))
        sections.append(Section(entry["id"], entry["title"], entry["question"],
                                tuple(Choice(c["id"], c["label"], c["text"]) for c in entry["choices"]),
                                entry.get("hint", ""), tuple(entry.get("cites", []))))
    return PolicyTemplate(data["title"], data["intro"], tuple(sections)), problems


def _fill(text: str, answers: PolicyAnswers) -> list[str]:
    """Clause text as paragraphs, with {practice} filled in (and nothing else interpreted)."""
    practice = answers.practice.strip() or "this practice"
    return [" ".join(p.split()).replace("{practice}", practice) for p in text.strip().split("\n\n") if p.strip()]


def outline(template: PolicyTemplate, answers: PolicyAnswers) -> list[tuple[str, list[str]]]:
    """The finished policy as (heading, paragraphs), in section order; unanswered sections are left out."""
    parts: list[tuple[str, list[str]]] = [("", _fill(template.intro, answers))]
    for section in template.sections:
        paragraphs: list[str] = []
        if answers.choices.get(section.id):
            paragraphs += _fill(section.choice(answers.choices[section.id]).text, answers)
        extra = answers.additions.get(section.id, "").strip()
        if extra:
            paragraphs += [" ".join(p.split()) for p in extra.split("\n\n") if p.strip()]
        if paragraphs:
            parts.append((section.title, paragraphs))
    return parts


def heading(template: PolicyTemplate, answers: PolicyAnswers) -> str:
    return f"{template.title}: {answers.practice.strip()}" if answers.practice.strip() else template.title


def footer(answers: PolicyAnswers) -> str:
    written = answers.written_on or date.today().isoformat()
    who = f" by {answers.author.strip()}" if answers.author.strip() else ""
    return f"Written{who} on {written}."


def markdown(template: PolicyTemplate, answers: PolicyAnswers) -> str:
    def md(text: str) -> str:  # the trainee's words stay words: escape Markdown and HTML syntax
        return "".join("\\" + ch if ch in "\\`*_{}[]<>#|!" else ch for ch in text)

    lines = [f"# {md(heading(template, answers))}", ""]
    for title, paragraphs in outline(template, answers):
        if title:
            lines += [f"## {md(title)}", ""]
        for paragraph in paragraphs:
            lines += [md(paragraph), ""]
    lines.append(f"*{md(footer(answers))}*")
    return "\n".join(lines) + "\n"


def html(template: PolicyTemplate, answers: PolicyAnswers) -> str:
    """The preview shown on the page; every piece of text escaped."""
    body = [f"<h2>{escape(heading(template, answers))}</h2>"]
    for title, paragraphs in outline(template, answers):
        if title:
            body.append(f"<h3>{escape(title)}</h3>")
        body += [f"<p>{escape(p)}</p>" for p in paragraphs]
    body.append(f"<p><em>{escape(footer(answers))}</em></p>")
    return f'<article class="wb-policy-preview" aria-label="Your policy, preview">{"".join(body)}</article>'


def docx(template: PolicyTemplate, answers: PolicyAnswers) -> bytes:
    """The policy as a Word document (.docx), which every word processor opens."""
    document = Document()
    document.core_properties.title = heading(template, answers)
    document.core_properties.author = answers.author.strip()
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(heading(template, answers), level=1)
    for title, paragraphs in outline(template, answers):
        if title:
            document.add_heading(title, level=2)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
    document.add_paragraph().add_run(footer(answers)).italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
