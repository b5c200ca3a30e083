"""Exports for supervisors: answers and reports as CSV or Excel, optionally with names replaced by
stable pseudonyms (the same trainee gets the same pseudonym in every export from this site, so
exports can be compared over time without revealing who anyone is)."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

import pandas as pd

from workbook.keys import site_key
from workbook.statistics import item_statistics
from workbook.store import AnswerStore

FORMATS = ("csv", "xlsx")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a cell as a formula


class ExportError(ValueError):
    """The export cannot be written as asked; the message says why."""


def pseudonym(trainee_id: str, key: bytes) -> str:
    digest = hmac.new(key, trainee_id.encode(), hashlib.sha256).hexdigest()
    return f"Trainee-{digest[:8].upper()}"


def trainees(store: AnswerStore) -> pd.DataFrame:
    rows = store.read("SELECT id, display_name, cohort, created_at FROM trainees ORDER BY created_at, id")
    return pd.DataFrame(rows, columns=["trainee", "name", "cohort", "signed_up"])


def answers_table(store: AnswerStore, cohort: str | None = None) -> pd.DataFrame:
    """Every answer with the trainee's display name, answers as text (lists joined by '; ')."""
    answers = store.answers(cohort=cohort)
    names = trainees(store)[["trainee", "name"]]
    table = answers.merge(names, on="trainee", how="left")
    table["answer"] = [("; ".join(map(str, a)) if isinstance(a, list) else
                        json.dumps(a, ensure_ascii=False) if isinstance(a, dict) else a) for a in table["answer"]]
    table["answered_at"] = table["answered_at"].dt.strftime("%Y-%m-%dT%H:%M:%S%z")
    columns = ["trainee", "name", "cohort", "context", "module", "question_id", "attempt", "answer", "correct", "score",
               "answered_at"]
    return table[columns]


def anonymise(table: pd.DataFrame, key: bytes) -> pd.DataFrame:
    """Replace trainee ids and names by pseudonyms; nothing else in the table changes."""
    out = table.copy()
    if "trainee" in out:
        out["trainee"] = [pseudonym(t, key) for t in out["trainee"]]
    if "name" in out:
        out["name"] = out["trainee"]
    return out


def report_tables(store: AnswerStore, cohort: str | None = None, anonymous: bool = False,
                  data_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """The tables an export holds: answers, and item statistics over module and final-assessment answers."""
    answers = answers_table(store, cohort)
    raw = store.answers(cohort=cohort)
    stats = pd.concat([item_statistics(raw, "module").assign(context="module"),
                       item_statistics(raw, "final").assign(context="final")], ignore_index=True)
    tables = {"answers": answers, "item_statistics": stats}
    if anonymous:
        key = site_key("pseudonym", data_dir)
        tables = {name: anonymise(table, key) for name, table in tables.items()}
    return tables


def to_csv_cell(value: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice on CSV
    injection), so a trainee's `=HYPERLINK(...)` opens as the text they typed."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def from_csv_cell(value: str) -> str:
    """The text as typed, from a CSV cell written by `to_csv_cell`."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_START) else value


def _text_not_formulas(sheet) -> None:  # noqa: ANN001 - an openpyxl worksheet
    """openpyxl stores any text starting with '=' as a formula; trainees' text must stay text."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def write(tables: dict[str, pd.DataFrame], target: Path, fmt: str) -> list[Path]:
    """Write the tables: one CSV per table in folder `target`, or one Excel workbook with a sheet each."""
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format '{fmt}'; use one of: {', '.join(FORMATS)}.")
    if fmt == "xlsx":
        path = target if target.suffix == ".xlsx" else target.with_suffix(".xlsx")
        path.parent.mkdir(parents=True, exist_ok=True)
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            for name, table in tables.items():
                table.to_excel(writer, sheet_name=name[:31], index=False)
                _text_not_formulas(writer.sheets[name[:31]])
        return [path]
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables.items():
        path = target / f"{name}.csv"
        table.map(to_csv_cell).to_csv(path, index=False)
        written.append(path)
    return written
