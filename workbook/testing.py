"""Helpers for tests and benchmarks: a throwaway PostgreSQL server of Debian's, started and stopped here.

Shipped with the package (as click ships `click.testing`) so that the test suite, the benchmarks and
anyone checking a deployment start the same server the same way.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

SERVER_USER = "postgres"  # initdb refuses to run as root; Debian's package creates this account
START_TIMEOUT = 60.0


class PostgresUnavailable(RuntimeError):
    """This machine has no PostgreSQL server programs (Debian: apt-get install postgresql)."""


def postgres_bin() -> Path:
    """The folder holding initdb and pg_ctl: $WORKBOOK_PG_BIN, else the newest Debian install."""
    if os.environ.get("WORKBOOK_PG_BIN"):
        return Path(os.environ["WORKBOOK_PG_BIN"])
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise PostgresUnavailable("PostgreSQL's server programs are not installed (Debian: apt-get install postgresql).")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on just now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class PostgresServer:
    """A running throwaway cluster on 127.0.0.1 with trust authentication for one user."""

    folder: Path
    port: int
    user: str = "workbook"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """A new, empty database; its URL."""
        import psycopg

        name = name or f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        _run_as_server_user([str(postgres_bin() / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate",
                             "-w", "stop"], check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def _run_as_server_user(command: list[str], check: bool = True) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:
        command = ["runuser", "-u", SERVER_USER, "--", *command]
    return subprocess.run(command, capture_output=True, text=True, check=check, timeout=START_TIMEOUT)


def start_postgres(settings: dict[str, str] | None = None) -> PostgresServer:
    """Start a fresh cluster in a temporary folder; stop it with `.stop()`."""
    binaries = postgres_bin()
    folder = Path(tempfile.mkdtemp(prefix="workbook-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, SERVER_USER)
    port = free_port()
    server = PostgresServer(folder, port)
    _run_as_server_user([str(binaries / "initdb"), "-D", str(folder / "data"), "-A", "trust", "-U", server.user,
                         "--no-sync", "-E", "UTF8"])
    options = {"listen_addresses": "127.0.0.1", "port": str(port), "unix_socket_directories": str(folder),
               "max_connections": "200", "fsync": "on", **(settings or {})}
    flags = " ".join(f"-c {key}={value}" for key, value in options.items())
    _run_as_server_user([str(binaries / "pg_ctl"), "-D", str(folder / "data"), "-o", flags,
                         "-l", str(folder / "server.log"), "-w", "-t", str(int(START_TIMEOUT)), "start"])
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    server.stop()
    raise PostgresUnavailable(f"PostgreSQL did not start on port {port}; see {folder / 'server.log'}.")
