"""Where answers live: a file path or a database URL, and the two databases the store speaks.

SQLite (a file in the private data folder, WAL mode) is the default for one machine. PostgreSQL
(`postgresql://user@host/db`) is for several servers sharing one store, such as a JupyterHub. The
store's SQL is written once, with `?` placeholders and syntax both accept; a dialect supplies the
few things that differ: connecting, the schema's column types, locking, and which errors are
worth a retry.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import sqlite3
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


class Connection(Protocol):
    def execute(self, query: str, params: Sequence[Any] = ...) -> Any: ...


class Dialect(Protocol):
    """What the store needs to know about one database."""

    name: str
    description: str  # for messages: a path, or the URL without its password
    types: dict[str, str]  # the schema's {id} and {real} column types
    reconnect_when_transient: bool  # whether a retry needs a new connection (a server's may have died)
    errors: tuple[type[BaseException], ...]  # every error the store turns into a clear message

    def connect(self, timeout: float) -> Connection: ...
    def prepare(self, connection: Connection, timeout: float) -> None: ...
    def begin(self, connection: Connection) -> None: ...
    def writer_turn(self, timeout: float) -> contextlib.AbstractContextManager[None]: ...
    def lock_key(self, connection: Connection, key: str) -> None: ...
    def is_transient(self, error: BaseException) -> bool: ...
    def version(self, connection: Connection) -> int: ...
    def set_version(self, connection: Connection, version: int) -> None: ...
    def has_table(self, connection: Connection, name: str) -> bool: ...
    def integrity_check(self, connection: Connection) -> str: ...


class SQLiteDialect:
    """One file, WAL mode, writers serialised by `BEGIN IMMEDIATE` and a busy timeout."""

    name = "sqlite"
    types = {"id": "INTEGER PRIMARY KEY AUTOINCREMENT", "real": "REAL"}
    reconnect_when_transient = False  # busy or locked: the same connection simply tries again
    errors = (sqlite3.Error,)

    def __init__(self, path: Path):
        self.path = path
        self.description = str(path)

    def connect(self, timeout: float) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        return sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)

    def prepare(self, connection: sqlite3.Connection, timeout: float) -> None:
        connection.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")  # an acknowledged answer survives a crash or power cut
        with contextlib.suppress(OSError):
            os.chmod(self.path, 0o600)  # answers are private to the account running the site

    def begin(self, connection: sqlite3.Connection) -> None:
        connection.execute("BEGIN IMMEDIATE")  # take the write lock now: no upgrade deadlock later

    @contextlib.contextmanager
    def writer_turn(self, timeout: float) -> Iterator[None]:
        """Writers take turns through a lock file before asking SQLite. SQLite's own busy wait backs off
        to 100 ms sleeps, so under many writers an unlucky one waited over a second while newcomers went
        first; polling a file lock every millisecond keeps every writer's wait short. The kernel drops
        the lock when a process dies, so a killed writer never leaves it held."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(f"{self.path}.writer-lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        break  # let SQLite's busy timeout decide, and report, as before
                    time.sleep(0.001)
            yield
        finally:
            os.close(descriptor)  # closing releases the lock

    def lock_key(self, connection: sqlite3.Connection, key: str) -> None:
        """Nothing to do: BEGIN IMMEDIATE already serialises every writer."""

    def is_transient(self, error: BaseException) -> bool:
        if not isinstance(error, sqlite3.OperationalError):
            return False
        text = str(error).lower()
        return "locked" in text or "busy" in text

    def version(self, connection: sqlite3.Connection) -> int:
        return connection.execute("PRAGMA user_version").fetchone()[0]

    def set_version(self, connection: sqlite3.Connection, version: int) -> None:
        connection.execute(f"PRAGMA user_version = {int(version)}")

    def has_table(self, connection: sqlite3.Connection, name: str) -> bool:
        return connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None

    def integrity_check(self, connection: sqlite3.Connection) -> str:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


class PostgresConnection:
    """A psycopg connection that takes the store's `?` placeholders."""

    _PLACEHOLDER = re.compile(r"\?")

    def __init__(self, raw: Any):
        self.raw = raw

    def execute(self, query: str, params: Sequence[Any] = ()) -> Any:
        return self.raw.execute(self._PLACEHOLDER.sub("%s", query.replace("%", "%%")), tuple(params))

    def close(self) -> None:
        self.raw.close()


class PostgresDialect:
    """A shared PostgreSQL database: transactions at READ COMMITTED, attempt numbers guarded by an
    advisory lock, lost connections and serialisation failures retried."""

    name = "postgresql"
    types = {"id": "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "real": "DOUBLE PRECISION"}
    reconnect_when_transient = True

    def __init__(self, url: str):
        parts = urlsplit(url)
        self.url = urlunsplit(("postgresql", parts.netloc, parts.path, parts.query, parts.fragment))
        host = parts.netloc.rsplit("@", 1)[-1]
        user = f"{parts.username}@" if parts.username else ""
        self.description = f"postgresql://{user}{host}{parts.path}"  # never the password

    @property
    def errors(self) -> tuple[type[BaseException], ...]:
        import psycopg

        return (psycopg.Error,)

    def connect(self, timeout: float) -> PostgresConnection:
        import psycopg  # imported here: a SQLite site never loads it

        raw = psycopg.connect(self.url, autocommit=True, connect_timeout=max(1, int(timeout)))
        return PostgresConnection(raw)

    def prepare(self, connection: PostgresConnection, timeout: float) -> None:
        connection.execute(f"SET lock_timeout = {int(timeout * 1000)}")

    def begin(self, connection: PostgresConnection) -> None:
        connection.execute("BEGIN")

    def writer_turn(self, timeout: float) -> contextlib.AbstractContextManager[None]:
        """Nothing to do: the server queues writers fairly itself."""
        return contextlib.nullcontext()

    def lock_key(self, connection: PostgresConnection, key: str) -> None:
        """Serialise writers of one key (a trainee's attempts at a question) until the transaction ends."""
        connection.execute("SELECT pg_advisory_xact_lock(hashtext(?))", (key,))

    def is_transient(self, error: BaseException) -> bool:
        import psycopg

        transient = (psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected,
                     psycopg.errors.LockNotAvailable, psycopg.OperationalError)
        return isinstance(error, transient)

    def version(self, connection: PostgresConnection) -> int:
        if not self.has_table(connection, "store_version"):
            return 0
        return connection.execute("SELECT COALESCE(MAX(version), 0) FROM store_version").fetchone()[0]

    def set_version(self, connection: PostgresConnection, version: int) -> None:
        connection.execute("CREATE TABLE IF NOT EXISTS store_version (version INTEGER NOT NULL)")
        connection.execute("DELETE FROM store_version")
        connection.execute("INSERT INTO store_version (version) VALUES (?)", (version,))

    def has_table(self, connection: PostgresConnection, name: str) -> bool:
        return connection.execute("SELECT to_regclass(?) IS NOT NULL", (name,)).fetchone()[0]

    def integrity_check(self, connection: PostgresConnection) -> str:
        connection.execute("SELECT COUNT(*) FROM answers").fetchone()  # the server checks its own pages
        return "ok"


def dialect_for(where: Path | str | Dialect) -> Dialect:
    """The dialect for a file path, a `sqlite:///path` URL or a `postgresql://` URL (or a dialect itself)."""
    if isinstance(where, SQLiteDialect | PostgresDialect):
        return where
    text = str(where)
    scheme = urlsplit(text).scheme.lower() if "://" in text else ""
    if scheme in POSTGRES_SCHEMES:
        return PostgresDialect(text)
    if scheme == "sqlite":
        if ":///" not in text:
            raise ValueError(f"A SQLite URL names a file as sqlite:///relative/path or sqlite:////absolute/path, not {where!r}.")
        return SQLiteDialect(Path(text.split(":///", 1)[1]))
    if scheme:
        raise ValueError(f"Unknown database URL scheme '{scheme}' in {where!r}; use a file path, sqlite:/// or postgresql://.")
    return SQLiteDialect(Path(text))
