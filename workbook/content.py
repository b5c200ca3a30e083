"""Load the course content from data/: validate each file, cross-check ids, build typed models.

Every problem is collected (for `workbook validate`); loading raises ContentError on the first.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook import config
from workbook.errors import ContentError, ContentProblem, UnknownItemError
from workbook.models import (
    DEFAULT_CONFIDENCE_SCALE,
    AssessmentRules,
    Citation,
    Course,
    Module,
    Option,
    Question,
    QuestionBank,
    QuestionType,
    Vignette,
)
from workbook.yamlfile import display_path, read_yaml

if TYPE_CHECKING:
    from workbook.policy import PolicyTemplate


FINAL_POOL = "final-assessment"  # the bank the final assessment draws from
EVALUATION = "course-evaluation"  # the course-evaluation form, written as rating and free-text items
SPECIAL_BANKS = frozenset({FINAL_POOL, EVALUATION})


@dataclass(frozen=True)
class Content:
    """The whole course as loaded from one content directory."""

    course: Course
    citations: dict[str, Citation]
    banks: dict[str, QuestionBank]
    vignettes: dict[str, Vignette]
    policy: PolicyTemplate | None = None

    def question(self, question_id: str) -> Question:
        for bank in self.banks.values():
            for question in bank.questions:
                if question.id == question_id:
                    return question
        raise UnknownItemError(f"No question has the id '{question_id}'; check the notebook against data/banks.")

    def bank(self, module_id: str) -> QuestionBank:
        try:
            return self.banks[module_id]
        except KeyError:
            raise UnknownItemError(f"No question bank belongs to module '{module_id}'.") from None

    def pool(self, use: str) -> tuple[Question, ...]:
        """Every question marked for a use ("pretest", "final"), in course order, special banks last."""
        order = [m.id for m in self.course.modules] + sorted(self.banks.keys() - {m.id for m in self.course.modules})
        return tuple(q for module in order if module in self.banks for q in self.banks[module].for_use(use))

    def vignette(self, vignette_id: str) -> Vignette:
        try:
            return self.vignettes[vignette_id]
        except KeyError:
            raise UnknownItemError(f"No vignette has the id '{vignette_id}'; check data/vignettes.") from None

    def module(self, module_id: str) -> Module:
        try:
            return self.course.module(module_id)
        except KeyError:
            raise UnknownItemError(f"No module has the id '{module_id}'; check data/course.yaml.") from None


# ---------------------------------------------------------------- single files

def check_citations(path: Path) -> tuple[dict[str, Citation], list[ContentProblem]]:
    data, problems = _read_and_validate(path, "citations", "sources")
    if problems:
        return {}, problems
    name = display_path(path)
    citations: dict[str, Citation] = {}
    for entry in data["sources"]:
        if entry["id"] in citations:
            problems.append(ContentProblem(name, entry["id"], "id", "is used by another source too"))
        if entry["reference"] not in data["references"]:
            problems.append(ContentProblem(name, entry["id"], "reference", f"names '{entry['reference']}', which is not in references"))
            continue
        citations[entry["id"]] = Citation(entry["id"], entry["kind"], entry["label"],
                                          data["references"][entry["reference"]], entry["point"])
    return citations, problems


def check_bank(path: Path, citations: dict[str, Citation] | None = None) -> tuple[QuestionBank | None, list[ContentProblem]]:
    """Validate one bank file; with `citations`, also check every cited id exists."""
    data, problems = _read_and_validate(path, "bank", "questions")
    if problems:
        return None, problems
    name = display_path(path)
    seen: set[str] = set()
    questions = []
    for entry in data["questions"]:
        qid = entry["id"]
        if qid in seen:
            problems.append(ContentProblem(name, qid, "id", "is used by another question in this file"))
        seen.add(qid)
        option_ids = [o["id"] for o in entry.get("options", [])]
        for duplicate in sorted({o for o in option_ids if option_ids.count(o) > 1}):
            problems.append(ContentProblem(name, qid, f"options[{duplicate}].id", "is used by two options"))
        problems.extend(_unknown_citations(name, qid, entry.get("cites", []), citations))
        questions.append(_question(entry, data["module"]))
    return QuestionBank(data["module"], data["title"], tuple(questions), name), problems


def check_course(path: Path, citations: dict[str, Citation] | None = None) -> tuple[Course | None, list[ContentProblem]]:
    data, problems = _read_and_validate(path, "course", "modules")
    if problems:
        return None, problems
    name = display_path(path)
    modules = []
    for kind in ("id", "number", "notebook"):
        values = [m[kind] for m in data["modules"]]
        for duplicate in sorted({v for v in values if values.count(v) > 1}, key=str):
            problems.append(ContentProblem(name, None, f"modules.{kind}", f"{duplicate!r} is used by two modules"))
    for entry in data["modules"]:
        problems.extend(_unknown_citations(name, entry["id"], entry["references"], citations, field="references"))
        modules.append(Module(entry["id"], entry["number"], entry["title"], entry["notebook"], entry["minutes"],
                              tuple(entry["objectives"]), tuple(entry["references"])))
    course = Course(data["title"], data["subtitle"], data["contact_hours"],
                    tuple(sorted(modules, key=lambda m: m.number)), data.get("audience", ""),
                    data.get("landing_notebook", "00-start.ipynb"),
                    AssessmentRules(**data["final_assessment"]) if "final_assessment" in data else AssessmentRules())
    return course, problems


def check_vignettes(path: Path, citations: dict[str, Citation] | None = None) -> tuple[list[Vignette], list[ContentProblem]]:
    data, problems = _read_and_validate(path, "vignettes", "vignettes")
    if problems:
        return [], problems
    name = display_path(path)
    vignettes = []
    for entry in data["vignettes"]:
        problems.extend(_unknown_citations(name, entry["id"], entry["cites"], citations))
        vignettes.append(Vignette(entry["id"], entry["module"], entry["title"], entry["story"],
                                  tuple(entry["discussion"]), entry["analysis"], tuple(entry["cites"])))
    return vignettes, problems


# ---------------------------------------------------------------- the whole course

def check_content(root: Path | None = None) -> tuple[Content | None, list[ContentProblem]]:
    """Load and cross-check everything under a content directory (default: the configured one)."""
    root = root or config.content_dir()
    citations, problems = check_citations(root / "citations.yaml")
    course, course_problems = check_course(root / "course.yaml", citations)
    problems += course_problems
    module_ids = {m.id for m in course.modules} if course else set()
    banks: dict[str, QuestionBank] = {}
    question_files: dict[str, str] = {}
    for path in sorted((root / "banks").glob("*.yaml")):
        bank, bank_problems = check_bank(path, citations)
        problems += bank_problems
        if bank is None:
            continue
        if course and bank.module not in module_ids and bank.module not in SPECIAL_BANKS:
            problems.append(ContentProblem(bank.source, None, "module", f"'{bank.module}' is not a module in course.yaml"))
        if bank.module in banks:
            problems.append(ContentProblem(bank.source, None, "module", f"'{bank.module}' already has a bank in {banks[bank.module].source}"))
        banks[bank.module] = bank
        for question in bank.questions:
            if question.id in question_files and question_files[question.id] != bank.source:
                problems.append(ContentProblem(bank.source, question.id, "id", f"is also used in {question_files[question.id]}"))
            question_files.setdefault(question.id, bank.source)
    vignettes: dict[str, Vignette] = {}
    for path in sorted((root / "vignettes").glob("*.yaml")):
        found, vignette_problems = check_vignettes(path, citations)
        problems += vignette_problems
        for vignette in found:
            if vignette.id in vignettes:
                problems.append(ContentProblem(display_path(path), vignette.id, "id", "is used by another vignette"))
            if course and vignette.module not in module_ids:
                problems.append(ContentProblem(display_path(path), vignette.id, "module", f"'{vignette.module}' is not a module in course.yaml"))
            vignettes[vignette.id] = vignette
    policy = None
    if (root / "policy.yaml").exists():
        from workbook.policy import check_policy

        policy, policy_problems = check_policy(root / "policy.yaml", citations)
        problems += policy_problems
    if course is None:
        return None, problems
    return Content(course, citations, banks, vignettes, policy), problems


_cache: dict[Path, tuple[tuple, Content]] = {}
_CODE = ("content.py", "models.py", "schema.py", "yamlfile.py", "policy.py", "schemas")  # what shapes a Content


def _stamp(root: Path) -> tuple:
    """Changes whenever a content file, or the code that reads content, changes."""
    package = Path(__file__).parent
    files = sorted(root.rglob("*.yaml")) + sorted(p for name in _CODE for p in
                                                  ([package / name] if (package / name).is_file()
                                                   else sorted((package / name).glob("*"))))
    return tuple((str(p), stat.st_mtime_ns, stat.st_size) for p in files for stat in [p.stat()])


def _disk_cache(root: Path) -> Path:
    digest = hashlib.sha256(str(root).encode()).hexdigest()[:16]
    return config.data_dir() / "cache" / f"content-{digest}.pickle"


def _read_disk_cache(path: Path, stamp: tuple) -> Content | None:
    try:
        with path.open("rb") as handle:
            saved_stamp, content = pickle.load(handle)  # noqa: S301 - our own file in the private data folder
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return content if saved_stamp == stamp and isinstance(content, Content) else None


def _write_disk_cache(path: Path, stamp: tuple, content: Content) -> None:
    """Atomically, so a kernel never reads half a file; failing to cache is not an error."""
    with contextlib.suppress(OSError, pickle.PickleError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            pickle.dump((stamp, content), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)


def load_content(root: Path | None = None) -> Content:
    """The course content, reloaded whenever a file under `root` changes; raises ContentError if invalid.

    Every page's kernel needs it, and validating takes about a second (jsonschema's import alone most of
    it), so the validated content is kept in the data folder and reused until a file changes."""
    root = (root or config.content_dir()).resolve()
    stamp = _stamp(root)
    cached = _cache.get(root)
    if cached and cached[0] == stamp:
        return cached[1]
    disk = _disk_cache(root)
    content = _read_disk_cache(disk, stamp)
    if content is None:
        content, problems = check_content(root)
        if problems or content is None:
            raise ContentError(problems or [ContentProblem(str(root), None, None, "no course could be loaded")])
        _write_disk_cache(disk, stamp, content)
    _cache[root] = (stamp, content)
    return content


def load_bank(path: Path, citations: dict[str, Citation] | None = None) -> QuestionBank:
    """One bank file as a typed QuestionBank; raises ContentError naming file, question and field."""
    bank, problems = check_bank(path, citations)
    if problems or bank is None:
        raise ContentError(problems)
    return bank


# ---------------------------------------------------------------- helpers

def _read_and_validate(path: Path, kind: str, list_key: str) -> tuple[Any, list[ContentProblem]]:
    from workbook.schema import validate_document  # jsonschema takes ~0.8 s to import: only when validating

    try:
        data = read_yaml(path)
    except ContentError as error:
        return None, list(error.problems)
    return data, validate_document(data, kind, display_path(path), list_key)


def _unknown_citations(file: str, item: str, cites: Iterable[str], citations: dict[str, Citation] | None,
                       field: str = "cites") -> list[ContentProblem]:
    if citations is None:
        return []
    return [ContentProblem(file, item, field, f"cites '{c}', which is not in data/citations.yaml")
            for c in cites if c not in citations]


def _question(entry: dict[str, Any], module: str) -> Question:
    return Question(
        id=entry["id"],
        type=QuestionType(entry["type"]),
        prompt=entry["prompt"],
        module=module,
        options=tuple(Option(o["id"], o["text"], o["feedback"], o.get("correct", False)) for o in entry.get("options", [])),
        explanation=entry.get("explanation"),
        cites=tuple(entry.get("cites", [])),
        situation=entry.get("situation"),
        guidance=entry.get("guidance"),
        scale=tuple(entry.get("scale", DEFAULT_CONFIDENCE_SCALE)),
        use=tuple(entry.get("use", ["module"])),
    )
