"""The answer store: rows in, DataFrames out, attempts numbered, concurrent writers all kept."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from workbook.errors import StoreUnavailableError
from workbook.store import COLUMNS, AnswerStore


def test_records_a_row_and_reads_it_back_as_a_typed_dataframe(store: AnswerStore) -> None:
    row = store.record_answer(trainee="t-1", cohort="c-1", module="m", question_id="q", answer=["a", "c"],
                              correct=False, score=0.5)
    frame = store.answers()
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == 1
    record = frame.iloc[0]
    assert (record["trainee"], record["cohort"], record["module"], record["question_id"]) == ("t-1", "c-1", "m", "q")
    assert record["answer"] == ["a", "c"]
    assert record["correct"] is pd.NA or bool(record["correct"]) is False
    assert record["score"] == 0.5
    assert record["attempt"] == row.attempt == 1
    assert str(frame["answered_at"].dtype) == "datetime64[ms, UTC]" or "UTC" in str(frame["answered_at"].dtype)


def test_every_submission_is_a_new_attempt_and_never_overwrites(store: AnswerStore) -> None:
    for answer in ("b", "a", "a"):
        store.record_answer(trainee="t", module="m", question_id="q", answer=answer, correct=answer == "a",
                            score=float(answer == "a"))
    store.record_answer(trainee="other", module="m", question_id="q", answer="a", correct=True, score=1.0)
    mine = store.answers(trainee="t")
    assert mine["attempt"].tolist() == [1, 2, 3]
    assert mine["answer"].tolist() == ["b", "a", "a"]
    assert store.answers(trainee="other")["attempt"].tolist() == [1]


def test_unscored_answers_keep_null_correct_and_score(store: AnswerStore) -> None:
    store.record_answer(trainee="t", module="m", question_id="r", answer="My reflection.", correct=None, score=None)
    frame = store.answers(question_id="r")
    assert frame["correct"].isna().all() and frame["score"].isna().all()
    assert frame["answer"].iloc[0] == "My reflection."


def test_text_is_stored_verbatim(store: AnswerStore) -> None:
    tricky = "Robert'); DROP TABLE answers;-- <script>alert(1)</script> ünïcødé 🙂"
    store.record_answer(trainee="t", module="m", question_id="r", answer=tricky, correct=None, score=None)
    assert store.answers()["answer"].iloc[0] == tricky


def test_filters_combine(store: AnswerStore) -> None:
    for trainee, module in [("a", "m1"), ("a", "m2"), ("b", "m1")]:
        store.record_answer(trainee=trainee, module=module, question_id=f"{module}-q", answer="x", correct=True, score=1)
    assert len(store.answers(module="m1")) == 2
    assert len(store.answers(trainee="a", module="m1")) == 1
    assert store.answers(trainee="nobody").empty


def test_a_sqlite_database_is_in_wal_mode_and_private(tmp_path: Path) -> None:
    with AnswerStore(tmp_path / "answers.sqlite3") as store:
        store.record_answer(trainee="t", module="m", question_id="q", answer="a", correct=True, score=1)
        assert store.integrity_check() == "ok"
    with sqlite3.connect(store.path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.path.stat().st_mode & 0o077 == 0


WRITERS, ANSWERS_EACH, SHARED_EVERY = 16, 1000, 20


def _write_many(where: str, writer: int, answers: int) -> None:
    """One trainee's kernel: `answers` answers, every SHARED_EVERY-th to a question all writers answer
    (to race on attempt numbers). Any error escapes and fails the process."""
    with AnswerStore(where) as store:
        for i in range(answers):
            if i % SHARED_EVERY == 0:
                store.record_answer(trainee="shared", module="m", question_id="shared-q", answer=[writer, i],
                                    correct=None, score=None)
            else:
                store.record_answer(trainee=f"t{writer}", module="m", question_id=f"q{i}", answer=i, correct=True,
                                    score=1)


def test_sixteen_processes_writing_a_thousand_answers_each_lose_nothing(store_url: str) -> None:
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_write_many, args=(store_url, w, ANSWERS_EACH)) for w in range(WRITERS)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=600)
    assert [p.exitcode for p in processes] == [0] * WRITERS  # a "database is locked" would have crashed one
    with AnswerStore(store_url) as store:
        frame = store.answers()
        assert store.integrity_check() == "ok"
    assert len(frame) == WRITERS * ANSWERS_EACH
    own = frame[frame["trainee"] != "shared"]
    assert not own.duplicated(["trainee", "question_id"]).any()
    assert len(own) == WRITERS * (ANSWERS_EACH - ANSWERS_EACH // SHARED_EVERY)
    shared = frame[frame["trainee"] == "shared"]
    assert sorted(shared["attempt"]) == list(range(1, len(shared) + 1))  # attempts numbered without gaps or twins
    written = sorted(tuple(answer) for answer in shared["answer"])
    assert written == sorted((w, i) for w in range(WRITERS) for i in range(0, ANSWERS_EACH, SHARED_EVERY))


def _hold_lock(store_url: str):  # noqa: ANN202 - returns a release function
    """Another connection holding the answers table locked, as a long transaction elsewhere would."""
    if store_url.startswith("postgresql"):
        import psycopg

        blocker = psycopg.connect(store_url, autocommit=True)
        blocker.execute("BEGIN")
        blocker.execute("LOCK TABLE answers IN ACCESS EXCLUSIVE MODE")
    else:
        blocker = sqlite3.connect(store_url, isolation_level=None)
        blocker.execute("BEGIN EXCLUSIVE")

    def release() -> None:
        blocker.execute("ROLLBACK")
        blocker.close()

    return release


def test_a_store_held_locked_past_the_timeout_says_so_clearly(store_url: str) -> None:
    with AnswerStore(store_url) as store:
        store.record_answer(trainee="t", module="m", question_id="q", answer="a", correct=True, score=1)
    release = _hold_lock(store_url)
    try:
        with AnswerStore(store_url, busy_timeout=0.05, retry_for=0.3) as impatient, \
                pytest.raises(StoreUnavailableError, match="your answer is kept and will be retried"):
            impatient.record_answer(trainee="t", module="m", question_id="q", answer="b", correct=False, score=0)
    finally:
        release()
    with AnswerStore(store_url) as store:
        assert store.answers()["answer"].tolist() == ["a"]


def test_a_trainee_is_required(store: AnswerStore) -> None:
    with pytest.raises(ValueError, match="trainee"):
        store.record_answer(trainee="", module="m", question_id="q", answer="a", correct=True, score=1)


def test_a_version_1_sqlite_store_is_upgraded_and_keeps_every_answer(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite3"
    with sqlite3.connect(path) as old:
        old.executescript("""
            CREATE TABLE answers (id INTEGER PRIMARY KEY AUTOINCREMENT, trainee TEXT NOT NULL,
                cohort TEXT NOT NULL DEFAULT '', module TEXT NOT NULL, question_id TEXT NOT NULL, answer TEXT NOT NULL,
                correct INTEGER, score REAL, attempt INTEGER NOT NULL, answered_at TEXT NOT NULL,
                UNIQUE (trainee, question_id, attempt));
            INSERT INTO answers VALUES (1, 'amy', 'c1', 'm4', 'q1', '"a"', 1, 1.0, 1, '2026-01-01T00:00:00.000+00:00');
            INSERT INTO answers VALUES (2, 'amy', 'c1', 'm4', 'q1', '"b"', 0, 0.0, 2, '2026-01-02T00:00:00.000+00:00');
            PRAGMA user_version = 1;
        """)
    with AnswerStore(path) as store:
        rows = store.answers()
        assert list(rows["answer"]) == ["a", "b"] and set(rows["context"]) == {"module"}
        assert store.record_answer(trainee="amy", module="m4", question_id="q1", answer="c", correct=None,
                                   score=None).attempt == 3
        assert store.record_answer(trainee="amy", module="m4", question_id="q1", answer="c", correct=None,
                                   score=None, context="pretest").attempt == 1  # attempts count per context
        assert store.read("PRAGMA user_version")[0][0] == 3
