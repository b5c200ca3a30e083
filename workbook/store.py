"""The answer store: every answer a trainee gives, as one row, in SQLite (WAL mode) or PostgreSQL.

Many kernels (one per open page) write at once. SQLite's WAL lets readers and one writer proceed
together; a busy timeout plus a bounded retry loop means a writer waits its turn instead of failing.
If the store still cannot take the write, StoreUnavailableError tells the caller, who keeps the answer.
The same SQL runs on both databases; `workbook.database` holds what differs.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from workbook import config
from workbook.database import Connection, Dialect, dialect_for
from workbook.errors import StoreUnavailableError

if TYPE_CHECKING:
    import pandas as pd  # imported when answers are read as a table: a course page never needs it

T = TypeVar("T")
SCHEMA_VERSION = 3
COLUMNS = ("id", "trainee", "cohort", "module", "question_id", "context", "answer", "correct", "score", "attempt",
           "answered_at")
CONTEXTS = ("module", "pretest", "final", "evaluation", "policy")  # where an answer was given; attempts count per context
_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id          {id},
    trainee     TEXT    NOT NULL,
    cohort      TEXT    NOT NULL DEFAULT '',
    module      TEXT    NOT NULL,
    question_id TEXT    NOT NULL,
    context     TEXT    NOT NULL DEFAULT 'module',
    answer      TEXT    NOT NULL,
    correct     INTEGER,
    score       {real},
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
    score        {real},
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
    answer_id    BIGINT  NOT NULL,
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
    hours        {real} NOT NULL,
    score        {real} NOT NULL
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


class AnswerStore:
    """Record answers and read them back as pandas DataFrames. Use as a context manager.

    `where` is a file path (SQLite), a `sqlite:///` URL or a `postgresql://` URL; by default the
    configured store (`WORKBOOK_DATABASE_URL`, else the SQLite file in the data folder)."""

    def __init__(self, where: Path | str | Dialect | None = None, *, busy_timeout: float = 5.0, retry_for: float = 20.0):
        self.dialect: Dialect = dialect_for(where if where is not None else config.database_location())
        self.path: Path | None = getattr(self.dialect, "path", None)  # None for a server database
        self.busy_timeout = busy_timeout
        self.retry_for = retry_for
        self._errors = self.dialect.errors
        self._lock = threading.Lock()
        self._connection: Connection | None = None

    # -------------------------------------------------------------- lifecycle
    def __enter__(self) -> AnswerStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._drop_connection()

    def _drop_connection(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(*self._errors):  # a broken connection has nothing left to close
                self._connection.close()
            self._connection = None

    def _connect(self) -> Connection:
        if self._connection is None:
            connection = self.dialect.connect(self.busy_timeout)
            try:
                self.dialect.prepare(connection, self.busy_timeout)
                if self.dialect.version(connection) < SCHEMA_VERSION:
                    self._upgrade(connection)
            except BaseException:
                connection.close()
                raise
            self._connection = connection
        return self._connection

    def _upgrade(self, connection: Connection) -> None:
        """Create the tables, carrying a version-1 store's answers over (they were all module answers)."""
        self.dialect.begin(connection)
        try:
            self.dialect.lock_key(connection, "schema")
            version = self.dialect.version(connection)
            if version < SCHEMA_VERSION:  # not done meanwhile by another kernel
                old = version == 1 and self.dialect.has_table(connection, "answers")
                if old:
                    connection.execute("ALTER TABLE answers RENAME TO answers_v1")
                    connection.execute("DROP INDEX IF EXISTS answers_by_question")
                for statement in _SCHEMA.format(**self.dialect.types).split(";"):
                    if statement.strip():
                        connection.execute(statement)
                if old:
                    connection.execute(
                        "INSERT INTO answers (id, trainee, cohort, module, question_id, context, answer, correct, score,"
                        " attempt, answered_at) SELECT id, trainee, cohort, module, question_id, 'module', answer,"
                        " correct, score, attempt, answered_at FROM answers_v1")
                    connection.execute("DROP TABLE answers_v1")
                self.dialect.set_version(connection, SCHEMA_VERSION)
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def _retry(self, operation: Callable[[], T]) -> T:
        """Run `operation`, retrying transient failures (busy, locked, lost connection) until `retry_for`
        has passed; then, or for any other database error, raise StoreUnavailableError."""
        deadline = time.monotonic() + self.retry_for
        delay = 0.01
        while True:
            try:
                return operation()
            except self._errors as error:
                transient = self.dialect.is_transient(error)
                if transient and self.dialect.reconnect_when_transient:
                    with self._lock:
                        self._drop_connection()  # a server connection may be dead: start afresh
                if not transient or time.monotonic() + delay > deadline:
                    raise StoreUnavailableError(
                        f"The answer store at {self.dialect.description} is not available ({_first_line(error)}); "
                        "your answer is kept and will be retried.") from error
                time.sleep(delay)
                delay = min(delay * 2, 0.5)
            except OSError as error:  # the data folder cannot be created or opened
                raise StoreUnavailableError(
                    f"The answer store at {self.dialect.description} is not available ({error.strerror or error}); "
                    "your answer is kept and will be retried.") from error

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        connection = self._connect()
        with self.dialect.writer_turn(self.busy_timeout):
            self.dialect.begin(connection)
            try:
                yield connection
            except BaseException:
                with contextlib.suppress(*self._errors):  # already rolled back, or the connection is gone
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
                self.dialect.lock_key(connection, f"{trainee}\x1f{context}\x1f{question_id}")
                attempt = connection.execute(
                    "SELECT COALESCE(MAX(attempt), 0) + 1 FROM answers WHERE trainee = ? AND context = ?"
                    " AND question_id = ?", (trainee, context, question_id),
                ).fetchone()[0]
                row_id = connection.execute(
                    "INSERT INTO answers (trainee, cohort, module, question_id, context, answer, correct, score,"
                    " attempt, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    (trainee, cohort, module, question_id, context, encoded,
                     None if correct is None else int(correct), score, attempt, answered_at),
                ).fetchone()[0]
                return AnswerRow(row_id, trainee, cohort, module, question_id, context, answer,
                                 correct, score, attempt, answered_at)

        return self._retry(write)

    # -------------------------------------------------------------- reading
    def answers(self, *, trainee: str | None = None, module: str | None = None,
                question_id: str | None = None, cohort: str | None = None, context: str | None = None,
                first_attempts: bool = False, scored: bool | None = None,
                columns: tuple[str, ...] = COLUMNS) -> pd.DataFrame:
        """Answers matching every given filter, oldest first, as a typed DataFrame. Reports over a large
        cohort ask for less: only first attempts, only (un)scored rows, only the columns they use."""
        unknown = set(columns) - set(COLUMNS)
        if unknown:
            raise ValueError(f"unknown answer column(s): {', '.join(sorted(unknown))}")
        filters = {"trainee": trainee, "module": module, "question_id": question_id, "cohort": cohort,
                   "context": context}
        clauses = [f"{name} = ?" for name, value in filters.items() if value is not None]
        params = [value for value in filters.values() if value is not None]
        if first_attempts:
            clauses.append("attempt = 1")  # attempts are numbered from 1 per trainee, context and question
        if scored is not None:
            clauses.append("score IS NOT NULL" if scored else "score IS NULL")
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        query = f"SELECT {', '.join(columns)} FROM answers{where} ORDER BY id"

        def read() -> list[tuple]:
            with self._lock:
                return self._connect().execute(query, params).fetchall()

        import pandas as pd

        return _typed(pd.DataFrame(self._retry(read), columns=list(columns)))

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

    def write(self, operation: Callable[[Connection], T]) -> T:
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
        """The database's own verdict on its storage: 'ok' when sound."""
        with self._lock:
            return self.dialect.integrity_check(self._connect())


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _decode(encoded: str, _seen: dict[str, Any] = {}) -> Any:  # noqa: B006 - a deliberate memo
    """JSON-decode an answer. Option ids and ratings repeat across a cohort, so immutable results are
    remembered: a million answers decode in a fraction of the time."""
    found = _seen.get(encoded)
    if found is not None:
        return found
    value = json.loads(encoded)
    if isinstance(value, str | int | float) and len(encoded) <= 64 and len(_seen) < 100_000:
        _seen[encoded] = value
    return value


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    if "answer" in frame:
        frame["answer"] = [_decode(value) for value in frame["answer"]]
    conversions = {"correct": "boolean", "score": "Float64", "attempt": "int64"}
    for column, dtype in conversions.items():
        if column in frame:
            frame[column] = frame[column].astype(dtype)
    if "answered_at" in frame:
        import pandas as pd

        frame["answered_at"] = pd.to_datetime(frame["answered_at"], utc=True, format="ISO8601")
    return frame
