"""Where things live: content, notebooks and the private data directory.

Notebooks never build paths themselves (Voila runs each from its own folder); they ask here.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DATA_DIR_ENV = "WORKBOOK_DATA_DIR"
DATABASE_URL_ENV = "WORKBOOK_DATABASE_URL"
CONTENT_DIR_ENV = "WORKBOOK_CONTENT_DIR"
APP_NAME = "social-media-workbook"
DATABASE_FILE = "answers.sqlite3"

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    """A top-level project folder: inside the wheel when installed, beside the package in a checkout."""
    packaged = _PACKAGE / "_content" / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name


def content_dir() -> Path:
    """The folder holding course.yaml, citations.yaml, banks/ and vignettes/."""
    override = os.environ.get(CONTENT_DIR_ENV)
    return Path(override).expanduser().resolve() if override else _shipped("data")


def notebooks_dir() -> Path:
    """The trainee notebooks: the only folder the trainee site serves."""
    return _shipped("notebooks")


def supervisor_dir() -> Path:
    """The supervisor notebooks, served by the separate, token-protected dashboard."""
    return _shipped("supervisor")


def data_dir() -> Path:
    """The private folder for trainees' answers; never under anything Voila serves."""
    override = os.environ.get(DATA_DIR_ENV)
    path = Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP_NAME))
    return path.resolve()


def database_path() -> Path:
    return data_dir() / DATABASE_FILE


def database_location() -> str | Path:
    """The answer store: `WORKBOOK_DATABASE_URL` (a shared PostgreSQL, say) if set, else the SQLite file."""
    return os.environ.get(DATABASE_URL_ENV) or database_path()


def template_root() -> Path:
    """The Jupyter data folder holding our Voila template (share/jupyter layout), shipped as package data."""
    return _PACKAGE / "share" / "jupyter"
