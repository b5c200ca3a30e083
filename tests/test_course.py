"""The course as a whole: every module has its notebook, objectives, a bank with a quiz, and a vignette."""

from __future__ import annotations

import json

from .conftest import REPO

NOTEBOOKS = REPO / "notebooks"


def _code(notebook: str) -> str:
    cells = json.loads((NOTEBOOKS / notebook).read_text())["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def test_every_module_has_a_notebook_that_presents_it(content) -> None:
    for module in content.course.modules:
        assert " " not in module.notebook
        code = _code(module.notebook)
        assert f'module_header("{module.id}")' in code, module.notebook
        assert f'references("{module.id}")' in code, module.notebook


def test_every_module_has_objectives_and_a_quiz(content) -> None:
    for module in content.course.modules:
        assert module.objectives and "TODO" not in module.objectives, module.id
        bank = content.bank(module.id)
        assert sum(q.scored for q in bank.for_use("module")) >= 5, module.id
        assert f'quiz("{module.id}")' in _code(module.notebook), module.id


def test_every_question_and_vignette_a_notebook_names_exists(content) -> None:
    import re

    for module in content.course.modules:
        code = _code(module.notebook)
        for question_id in re.findall(r'(?:ask|reflect)\("([^"]+)"\)', code):
            content.question(question_id)
        for vignette_id in re.findall(r'vignette\("([^"]+)"\)', code):
            assert content.vignette(vignette_id).module == module.id


def test_no_notebook_is_left_unexecuted_or_with_errors() -> None:
    for path in sorted(NOTEBOOKS.glob("*.ipynb")) + sorted((REPO / "supervisor").glob("*.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        code_cells = [c for c in cells if c["cell_type"] == "code"]
        assert all(c.get("execution_count") for c in code_cells), f"{path.name} must be committed executed (nbval)"
        errors = [o for c in code_cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
        assert not errors, path.name


def test_every_module_has_a_vignette_a_reflection_and_a_summary(content) -> None:
    for module in content.course.modules:
        code = _code(module.notebook)
        assert "vignette(" in code and "reflect(" in code, module.notebook
        markdown = "\n".join("".join(c["source"]) for c in json.loads((NOTEBOOKS / module.notebook).read_text())["cells"]
                             if c["cell_type"] == "markdown")
        assert "## Summary" in markdown, module.notebook



def test_the_question_bank_is_as_large_as_the_course_promises(content) -> None:
    from workbook.models import QuestionType

    module_ids = {module.id for module in content.course.modules}
    module_questions = [q for bank in content.banks.values() if bank.module in module_ids for q in bank.questions]
    final_pool = [q for bank in content.banks.values() for q in bank.for_use("final")]
    assert len(module_questions) >= 80
    assert len(final_pool) >= 30 and all(q.scored for q in final_pool)
    assert {q.type for q in module_questions} == set(QuestionType)
    ids = [q.id for bank in content.banks.values() for q in bank.questions]
    assert len(ids) == len(set(ids))


def test_every_scored_question_teaches_and_cites(content) -> None:
    for bank in content.banks.values():
        for question in bank.questions:
            if not question.scored:
                continue
            assert question.explanation.strip() and question.cites, question.id
            assert all(option.feedback.strip() for option in question.options), question.id


def test_the_certificate_never_claims_more_hours_than_the_course_takes(content) -> None:
    module_hours = sum(module.minutes for module in content.course.modules) / 60
    assert module_hours - 1 <= content.course.contact_hours <= module_hours + 1


def test_the_pre_test_is_short_and_covers_every_module(content) -> None:
    pool = content.pool("pretest")
    scored = [q for q in pool if q.scored]
    assert len(pool) <= 20, "a pre-test is a few items, not a second course"
    assert sorted(q.module for q in scored) == sorted(m.id for m in content.course.modules)
    assert {q.module for q in pool if q.type.value == "confidence"} == {m.id for m in content.course.modules}
