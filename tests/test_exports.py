"""Exports round-trip: written, read back with pandas, equal; anonymised exports hide who is who."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import add_cohort
from workbook import registry
from workbook.cli import main
from workbook.exports import ExportError, report_tables, write
from workbook.store import AnswerStore


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    with AnswerStore(tmp_path / "answers.sqlite3") as store:
        add_cohort(store, "spring")
        add_cohort(store, "autumn")
        ada, _ = registry.register(store, "Ada Example", "spring")
        ben, _ = registry.register(store, "Ben <script>", "autumn")
        for trainee, answer, score in ((ada, "a", 1.0), (ben, "b", 0.0)):
            store.record_answer(trainee=trainee.id, cohort=trainee.cohort, module="m", question_id="q1",
                                answer=answer, correct=score == 1.0, score=score)
        store.record_answer(trainee=ada.id, cohort="spring", module="m", question_id="q2", answer=["a", "c"],
                            correct=False, score=0.5)
        store.record_answer(trainee=ben.id, cohort="autumn", module="m", question_id="r", answer="Ünïcode, \"q\"\n2",
                            correct=None, score=None)
    return tmp_path


def read_back(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False, dtype=str)


def as_text(table: pd.DataFrame) -> pd.DataFrame:
    """A table as CSV holds it: every value as text, missing values and empty text alike as None."""
    return table.astype(object).map(lambda v: None if (v is None or v is pd.NA or v != v or v == "") else str(v))


def test_csv_export_round_trips(filled: Path, tmp_path: Path) -> None:
    with AnswerStore(filled / "answers.sqlite3") as store:
        tables = report_tables(store, data_dir=filled)
    written = write(tables, tmp_path / "out", "csv")
    assert [p.name for p in written] == ["answers.csv", "item_statistics.csv"]
    for path, (name, table) in zip(written, tables.items(), strict=True):
        pd.testing.assert_frame_equal(as_text(read_back(path)), as_text(table).reset_index(drop=True), obj=name)
    answers = read_back(written[0])
    assert list(answers["name"]) == ["Ada Example", "Ben <script>", "Ada Example", "Ben <script>"]
    assert answers["answer"].tolist() == ["a", "b", "a; c", "Ünïcode, \"q\"\n2"]


def test_excel_export_round_trips(filled: Path, tmp_path: Path) -> None:
    with AnswerStore(filled / "answers.sqlite3") as store:
        tables = report_tables(store, data_dir=filled)
    (path,) = write(tables, tmp_path / "report", "xlsx")
    assert path.suffix == ".xlsx"
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets) == ["answers", "item_statistics"]
    pd.testing.assert_frame_equal(sheets["answers"][["trainee", "name", "question_id", "attempt"]],
                                  tables["answers"][["trainee", "name", "question_id", "attempt"]].astype(
                                      {"attempt": "int64"}), check_dtype=False)


def test_anonymised_exports_use_stable_pseudonyms_and_no_names(filled: Path, tmp_path: Path) -> None:
    with AnswerStore(filled / "answers.sqlite3") as store:
        first = report_tables(store, anonymous=True, data_dir=filled)["answers"]
        again = report_tables(store, anonymous=True, data_dir=filled)["answers"]
        real = report_tables(store, data_dir=filled)["answers"]
    assert first.equals(again)  # stable from one export to the next
    assert first["trainee"].str.fullmatch(r"Trainee-[0-9A-F]{8}").all()
    assert (first["name"] == first["trainee"]).all()
    assert first["trainee"].nunique() == 2
    text = first.to_csv()
    for secret in set(real["trainee"]) | set(real["name"]):
        assert secret not in text
    assert first.drop(columns=["trainee", "name"]).equals(real.drop(columns=["trainee", "name"]))


def test_cohort_filter_and_the_command_line(filled: Path, tmp_path: Path, capsys) -> None:
    assert main(["export", "--data-dir", str(filled), "--cohort", "spring", "--anonymise", str(tmp_path / "x")]) == 0
    out = capsys.readouterr().out
    assert "answers 2 row(s)" in out and "anonymised" in out
    assert set(read_back(tmp_path / "x" / "answers.csv")["cohort"]) == {"spring"}
    assert main(["export", "--data-dir", str(tmp_path / "nowhere"), str(tmp_path / "y")]) == 1
    assert "No answer store" in capsys.readouterr().err


def test_an_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="Unknown export format 'pdf'"):
        write({}, tmp_path, "pdf")
