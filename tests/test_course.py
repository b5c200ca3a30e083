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

