"""The answer store: every answer a trainee gives, as one row, in SQLite (WAL mode).

Many kernels (one per open page) write at once. WAL lets readers and one writer proceed together;
a busy timeout plus a bounded retry loop means a writer waits its turn instead of failing. If the
store still cannot take the write, StoreUnavailableError tells the caller, who keeps the answer.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from workbook import config
from workbook.errors import StoreUnavailableError

T = TypeVar("T")
SCHEMA_VERSION = 3
COLUMNS = ("id", "trainee", "cohort", "module", "question_id", "context", "answer", "correct", "score", "attempt",
           "answered_at")
CONTEXTS = ("module", "pretest", "final", "evaluation", "policy")  # where an answer was given; attempts count per context
_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    trainee     TEXT    NOT NULL,
    cohort      TEXT    NOT NULL DEFAULT '',
    module      TEXT    NOT NULL,
    question_id TEXT    NOT NULL,
    context     TEXT    NOT NULL DEFAULT 'module',
    answer      TEXT    NOT NULL,
    correct     INTEGER,
    score       REAL,
    attempt     INTEGER NOT NULL CHECK (attempt >= 1),
    answered_at TEXT    NOT NULL,
    UNIQUE (trainee, context, question_id, attempt)
);
CREATE INDEX IF NOT EXISTS answers_by_question ON answers (module, question_id);
CREATE INDEX IF NOT EXISTS answers_by_trainee ON answers (trainee, context);
-- Who is taking the course. `id` is the pseudonymous id supervisors see. The resume code itself is
-- never stored, only its SHA-256 (a copied database file does not let anyone resume as a trainee).
CREATE TABLE IF NOT EXISTS trainees (
    id           TEXT PRIMARY KEY,
    code_hash    TEXT UNIQUE,
    display_name TEXT NOT NULL,
    cohort       TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
);
-- Final-assessment attempts: the questions drawn, and the result once submitted.
CREATE TABLE IF NOT EXISTS assessments (
    trainee      TEXT    NOT NULL,
    attempt      INTEGER NOT NULL CHECK (attempt >= 1),
    questions    TEXT    NOT NULL,
    started_at   TEXT    NOT NULL,
    submitted_at TEXT,
    score        REAL,
    passed       INTEGER,
    PRIMARY KEY (trainee, attempt)
);
-- Cohorts a supervisor created. Trainees join one with its code.
CREATE TABLE IF NOT EXISTS cohorts (
    code         TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    starts       TEXT NOT NULL,
    ends         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
-- A supervisor's comment on one answer (a reflection, usually).
CREATE TABLE IF NOT EXISTS comments (
    answer_id    INTEGER NOT NULL,
    comment      TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
);
-- Certificates issued. `code` is what a supervisor types in to check one.
CREATE TABLE IF NOT EXISTS certificates (
    code         TEXT PRIMARY KEY,
    trainee      TEXT NOT NULL,
    name         TEXT NOT NULL,
    course       TEXT NOT NULL,
    issued_on    TEXT NOT NULL,
    hours        REAL NOT NULL,
    score        REAL NOT NULL
);
"""


@dataclass(frozen=True)
class AnswerRow:
    """One recorded answer, as acknowledged to the trainee."""

    id: int
    trainee: str
    cohort: str
    module: str
    question_id: str
    context: str
    answer: Any
    correct: bool | None
    score: float | None
    attempt: int
    answered_at: str


def _is_busy(error: Exception) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


class AnswerStore:
    """Record answers and read them back as pandas DataFrames. Use as a context manager."""

    def __init__(self, path: Path | str | None = None, *, busy_timeout: float = 5.0, retry_for: float = 20.0):
        self.path = Path(path) if path is not None else config.database_path()
        self.busy_timeout = busy_timeout
        self.retry_for = retry_for
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None

    # -------------------------------------------------------------- lifecycle
    def __enter__(self) -> AnswerStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            connection = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None,
                                         check_same_thread=False)
            try:
                self._retry(lambda: self._prepare(connection))
            except BaseException:
                connection.close()
                raise
            self._connection = connection
        return self._connection

    def _prepare(self, connection: sqlite3.Connection) -> None:
        connection.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
        if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")  # an acknowledged answer survives a crash
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version < SCHEMA_VERSION:
            self._upgrade(connection, version)
        with contextlib.suppress(OSError):
            os.chmod(self.path, 0o600)  # answers are private to the account running the site

    @staticmethod
    def _upgrade(connection: sqlite3.Connection, version: int) -> None:
        """Create the tables, carrying a version-1 store's answers over (they were all module answers)."""
        connection.execute("BEGIN IMMEDIATE")
        try:
            if connection.execute("PRAGMA user_version").fetchone()[0] == version:  # not done by another kernel
                old = version == 1 and connection.execute(
                    "SELECT 1 FROM sqlite_master WHERE name = 'answers'").fetchone() is not None
                if old:
                    connection.execute("ALTER TABLE answers RENAME TO answers_v1")
                    connection.execute("DROP INDEX IF EXISTS answers_by_question")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                if old:
                    connection.execute(
                        "INSERT INTO answers (id, trainee, cohort, module, question_id, context, answer, correct, score,"
                        " attempt, answered_at) SELECT id, trainee, cohort, module, question_id, 'module', answer,"
                        " correct, score, attempt, answered_at FROM answers_v1")
                    connection.execute("DROP TABLE answers_v1")
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def _retry(self, operation):  # noqa: ANN001, ANN202 - small internal helper
        deadline = time.monotonic() + self.retry_for
        delay = 0.01
        while True:
            try:
                return operation()
            except (sqlite3.OperationalError, pd.errors.DatabaseError) as error:
                if not _is_busy(error) or time.monotonic() + delay > deadline:
                    raise StoreUnavailableError(
                        f"The answer store at {self.path} is not available ({error}); your answer is kept and will be retried."
                    ) from error
                time.sleep(delay)
                delay = min(delay * 2, 0.5)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        connection = self._connect()
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    # -------------------------------------------------------------- writing
    def record_answer(self, *, trainee: str, module: str, question_id: str, answer: Any,
                      correct: bool | None, score: float | None, cohort: str = "", context: str = "module") -> AnswerRow:
        """Store one answer as the trainee's next attempt at the question (in its context: a module page,
        the pre-test, the final assessment or the evaluation); return the committed row."""
        if not trainee:
            raise ValueError("an answer needs a trainee")
        if context not in CONTEXTS:
            raise ValueError(f"unknown answer context {context!r}; expected one of {', '.join(CONTEXTS)}")
        encoded = json.dumps(answer, ensure_ascii=False)
        answered_at = datetime.now(UTC).isoformat(timespec="milliseconds")

        def write() -> AnswerRow:
            with self._lock, self._transaction() as connection:
                attempt = connection.execute(
                    "SELECT COALESCE(MAX(attempt), 0) + 1 FROM answers WHERE trainee = ? AND context = ?"
                    " AND question_id = ?", (trainee, context, question_id),
                ).fetchone()[0]
                cursor = connection.execute(
                    "INSERT INTO answers (trainee, cohort, module, question_id, context, answer, correct, score,"
                    " attempt, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (trainee, cohort, module, question_id, context, encoded,
                     None if correct is None else int(correct), score, attempt, answered_at),
                )
                return AnswerRow(cursor.lastrowid or 0, trainee, cohort, module, question_id, context, answer,
                                 correct, score, attempt, answered_at)

        return self._retry(write)

    # -------------------------------------------------------------- reading
    def answers(self, *, trainee: str | None = None, module: str | None = None,
                question_id: str | None = None, cohort: str | None = None, context: str | None = None) -> pd.DataFrame:
        """Answers matching every given filter, oldest first, as a typed DataFrame."""
        filters = {"trainee": trainee, "module": module, "question_id": question_id, "cohort": cohort,
                   "context": context}
        clauses = [f"{name} = ?" for name, value in filters.items() if value is not None]
        params = [value for value in filters.values() if value is not None]
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        query = f"SELECT {', '.join(COLUMNS)} FROM answers{where} ORDER BY id"

        def read() -> pd.DataFrame:
            with self._lock:
                return pd.read_sql_query(query, self._connect(), params=params)

        return _typed(self._retry(read))

    def latest(self, *, trainee: str, question_id: str, context: str = "module") -> AnswerRow | None:
        """The trainee's most recent attempt at a question, so a reopened page shows it as answered."""

        def read() -> tuple | None:
            with self._lock:
                return self._connect().execute(
                    f"SELECT {', '.join(COLUMNS)} FROM answers WHERE trainee = ? AND context = ? AND question_id = ?"
                    " ORDER BY attempt DESC LIMIT 1", (trainee, context, question_id)).fetchone()

        found = self._retry(read)
        if found is None:
            return None
        values = dict(zip(COLUMNS, found, strict=True))
        values["answer"] = json.loads(values["answer"])
        values["correct"] = None if values["correct"] is None else bool(values["correct"])
        return AnswerRow(**values)

    def read(self, query: str, params: tuple | list = ()) -> list[tuple]:
        """Rows of any SELECT, with the store's lock and retry (for the other tables' modules)."""

        def run() -> list[tuple]:
            with self._lock:
                return self._connect().execute(query, params).fetchall()

        return self._retry(run)

    def write(self, operation: Callable[[sqlite3.Connection], T]) -> T:
        """Run `operation(connection)` in one immediate transaction, retried while the store is busy."""

        def run() -> T:
            with self._lock, self._transaction() as connection:
                return operation(connection)

        return self._retry(run)

    def count(self) -> int:
        def read() -> int:
            with self._lock:
                return self._connect().execute("SELECT COUNT(*) FROM answers").fetchone()[0]

        return self._retry(read)

    def integrity_check(self) -> str:
        """SQLite's own verdict on the file: 'ok' when sound."""
        with self._lock:
            return self._connect().execute("PRAGMA integrity_check").fetchone()[0]


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["answer"] = [json.loads(value) for value in frame["answer"]]
    frame["correct"] = frame["correct"].astype("boolean")
    frame["score"] = frame["score"].astype("Float64")
    frame["attempt"] = frame["attempt"].astype("int64")
    frame["answered_at"] = pd.to_datetime(frame["answered_at"], utc=True, format="ISO8601")
    return frame
