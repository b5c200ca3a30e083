"""`workbook validate`: every problem on its own line, non-zero exit on problems, zero on a clean course."""

from __future__ import annotations

import subprocess
import sys

from .conftest import FIXTURES, REPO


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbook.cli", "validate", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=120)


def test_reports_every_problem_in_a_folder_one_line_each() -> None:
    result = run(str(FIXTURES / "banks"))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) >= 10
    assert any("duplicate-ids.yaml, item 'fx-twice', field 'id'" in line for line in lines)
    assert any("missing-feedback.yaml, item 'fx-no-feedback', field 'options[b].feedback'" in line for line in lines)
    assert not any("valid.yaml" in line and "/valid.yaml" in line for line in lines)
    assert "Traceback" not in result.stdout + result.stderr
    assert "problem(s) found" in result.stderr


def test_a_valid_bank_passes() -> None:
    result = run(str(FIXTURES / "banks" / "valid.yaml"))
    assert (result.returncode, result.stdout.strip()) == (0, "No problems found.")


def test_the_whole_course_passes() -> None:
    result = run()
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "No problems found."


def test_a_missing_path_is_named() -> None:
    result = run("no/such/bank.yaml")
    assert result.returncode == 1 and "no/such/bank.yaml: no such file or folder." in result.stderr


def test_help_speaks_to_supervisors() -> None:
    result = subprocess.run([sys.executable, "-m", "workbook.cli", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for command in ("serve", "supervise", "validate"):
        assert command in result.stdout
