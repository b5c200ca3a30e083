"""`workbook validate`: check content files and report every problem, one line each."""

from __future__ import annotations

from pathlib import Path

from workbook import config
from workbook.content import check_bank, check_citations, check_content, check_course, check_vignettes
from workbook.errors import ContentProblem
from workbook.yamlfile import display_path, read_yaml


def validate_paths(paths: list[Path]) -> list[ContentProblem]:
    """Problems in the given files or folders; with no paths, in the whole configured course."""
    if not paths:
        return check_content()[1]
    citations, problems = check_citations(config.content_dir() / "citations.yaml")
    for path in paths:
        if path.is_dir():
            if (path / "course.yaml").exists():
                problems += check_content(path)[1]
                continue
            files = sorted(path.rglob("*.yaml")) + sorted(path.rglob("*.yml"))
            if not files:
                problems.append(ContentProblem(display_path(path), None, None, "the folder holds no .yaml files"))
            for file in files:
                problems += _check_file(file, citations)
        else:
            problems += _check_file(path, citations)
    return problems


def _check_file(path: Path, citations: dict) -> list[ContentProblem]:
    """Pick the checker by what the file says it is (its top-level keys), not by its name."""
    try:
        data = read_yaml(path)
    except Exception as error:  # read_yaml only raises ContentError; keep one line per file regardless
        problems = getattr(error, "problems", None)
        return list(problems) if problems else [ContentProblem(display_path(path), None, None, str(error))]
    keys = set(data) if isinstance(data, dict) else set()
    if "questions" in keys:
        return check_bank(path, citations)[1]
    if "vignettes" in keys:
        return check_vignettes(path, citations)[1]
    if "modules" in keys:
        return check_course(path, citations)[1]
    if "sources" in keys:
        return check_citations(path)[1]
    return [ContentProblem(display_path(path), None, None,
                           "is not a question bank, vignette, course or citations file (no questions, vignettes, "
                           "modules or sources at the top)")]
