"""Packaging promises: the conda environment mirrors pyproject, and the core imports no widget code."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import yaml
from packaging.requirements import Requirement

from .conftest import REPO


def _pip_requirements() -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    listed = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    requirements = [Requirement(r) for r in listed]
    return {r.name.lower(): str(r.specifier) for r in requirements}


def _conda_requirements() -> dict[str, str]:
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    found = {}
    for entry in environment["dependencies"]:
        if isinstance(entry, dict) or entry.split()[0] in {"python", "pip"}:
            continue
        name, _, spec = entry.partition(" ")
        found[name.lower()] = str(Requirement(f"x{spec.replace(' ', '')}").specifier)
    return found


def test_environment_yml_mirrors_pyproject_exactly() -> None:
    assert _conda_requirements() == _pip_requirements()


def test_environment_yml_uses_conda_forge_and_installs_the_package() -> None:
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    assert environment["channels"] == ["conda-forge"]
    pip_section = next(e for e in environment["dependencies"] if isinstance(e, dict))
    assert pip_section["pip"] == ["--editable ."]


def test_the_core_does_not_import_widgets() -> None:
    code = ("import sys, workbook, workbook.content, workbook.store, workbook.scoring, workbook.reports, "
            "workbook.validate, workbook.cli; print('ipywidgets' in sys.modules, 'IPython' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.split() == ["False", "False"]


def test_a_course_page_imports_neither_pandas_nor_jsonschema(tmp_path) -> None:
    """Every page view starts a kernel that imports this: pandas (0.24 s) waits until a table is read,
    jsonschema (0.8 s) until content changes."""
    code = ("import sys, workbook.notebook; from workbook.content import load_content; load_content(); "
            "print('pandas' in sys.modules, 'jsonschema' in sys.modules)")
    env = {**os.environ, "WORKBOOK_DATA_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True, env=env)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True,
                            env=env)
    assert result.stdout.split() == ["False", "False"]
