"""The store under faults: writers killed mid-stream, and a store that is locked, read-only or full.

Whatever happens, an answer acknowledged to a trainee is in the database, the database stays sound,
and an answer the store could not take is kept on the page, explained, and saved by a later retry.
"""

from __future__ import annotations

import contextlib
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from workbook.database import SQLiteDialect
from workbook.errors import StoreUnavailableError
from workbook.registry import Trainee
from workbook.store import AnswerStore
from workbook.widgets.question import QuestionWidget

KILLS = 20
WRITER = """
import sys
from workbook.store import AnswerStore
where, run = sys.argv[1], sys.argv[2]
with AnswerStore(where) as store:
    for i in range(100_000):
        row = store.record_answer(trainee=f"run-{run}", module="m", question_id=f"q{i}", answer="x" * (i % 500),
                                  correct=None, score=None)
        print(row.id, row.question_id, flush=True)  # acknowledged: the trainee would now see "recorded"
"""


def test_a_writer_killed_mid_stream_twenty_times_leaves_a_sound_store_with_every_acknowledged_answer(
        store_url: str) -> None:
    chance = random.Random(20261201)
    acknowledged: dict[str, set[str]] = {}
    for run in range(KILLS):
        with subprocess.Popen([sys.executable, "-c", WRITER, store_url, str(run)], stdout=subprocess.PIPE,
                              text=True) as writer:
            wanted = chance.randint(1, 150)
            seen = acknowledged.setdefault(f"run-{run}", set())
            assert writer.stdout is not None
            while len(seen) < wanted:
                line = writer.stdout.readline()
                assert line, f"the writer of run {run} stopped by itself"
                seen.add(line.split()[1])
            writer.send_signal(signal.SIGKILL)  # mid-stream: it is writing the next answer right now
            for line in writer.stdout:  # acknowledgements printed before the kill landed count too
                seen.add(line.split()[1])
            writer.wait(timeout=30)
        assert writer.returncode == -signal.SIGKILL
        with AnswerStore(store_url) as store:
            assert store.integrity_check() == "ok"
    with AnswerStore(store_url) as store:
        frame = store.answers()
        assert store.integrity_check() == "ok"
    stored = frame.groupby("trainee")["question_id"].apply(set).to_dict()
    for trainee, questions in acknowledged.items():
        assert questions <= stored.get(trainee, set()), f"{trainee} lost acknowledged answers"
    assert not frame.duplicated(["trainee", "question_id"]).any()


# ------------------------------------------------------------------ store unavailable

class ReadOnlySQLite(SQLiteDialect):
    """The store's file opened read-only, as on a read-only mount or with lost write permission."""

    def connect(self, timeout: float) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=timeout, isolation_level=None,
                               check_same_thread=False)

    def prepare(self, connection: sqlite3.Connection, timeout: float) -> None:
        connection.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")


class FullDiskSQLite(SQLiteDialect):
    """A disk with no room left: SQLite may not grow the file by a single page (SQLITE_FULL)."""

    def prepare(self, connection: sqlite3.Connection, timeout: float) -> None:
        super().prepare(connection, timeout)
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")


def _filled_store(path: Path) -> None:
    with AnswerStore(path) as store:
        store.record_answer(trainee="someone-else", module="m", question_id="q", answer="a", correct=True, score=1)


def _locked(path: Path):  # noqa: ANN202
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    return AnswerStore(path, busy_timeout=0.05, retry_for=0.2), lambda: (blocker.execute("ROLLBACK"), blocker.close())


def _read_only(path: Path):  # noqa: ANN202
    return AnswerStore(ReadOnlySQLite(path)), lambda: None


def _disk_full(path: Path):  # noqa: ANN202
    full = AnswerStore(FullDiskSQLite(path))
    with contextlib.suppress(StoreUnavailableError):  # other trainees' answers fill the disk to the last byte
        for i in range(100_000):
            full.record_answer(trainee="filler", module="m", question_id=f"q{i:05}", answer="a", correct=True, score=1)
    return full, lambda: None


@pytest.mark.parametrize("fault", [_locked, _read_only, _disk_full], ids=["locked", "read-only", "disk-full"])
def test_an_unavailable_store_tells_the_trainee_keeps_the_answer_and_a_retry_saves_it(
        fault, fixture_bank, content, tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite3"
    _filled_store(path)
    broken, repair = fault(path)
    current = {"store": broken}
    widget = QuestionWidget(fixture_bank.question("fx-single"), content=content, trainee=Trainee("tr-1"),
                            store=lambda: current["store"])
    retries: list[float] = []
    widget.schedule_retry = lambda delay, _action: retries.append(delay)
    with AnswerStore(path) as store:
        before = store.count()
    widget.select("a")
    widget.submit()
    assert "Your answer is not saved yet" in widget.feedback.value
    assert "retried by itself" in widget.feedback.value
    assert "Traceback" not in widget.feedback.value and str(path) not in widget.feedback.value
    widget.retry_pending()  # the timer fires while the store is still unavailable
    assert retries == [2.0, 5.0]  # backing off
    assert "not saved yet" in widget.feedback.value
    repair()
    broken.close()
    current["store"] = AnswerStore(path)
    widget.retry_pending()
    assert "Attempt 1 recorded" in widget.feedback.value
    with AnswerStore(path) as store:
        mine = store.answers(trainee="tr-1")
        assert mine["answer"].tolist() == ["a"] and store.count() == before + 1  # saved once, nothing else lost
        assert store.integrity_check() == "ok"
    current["store"].close()


def test_a_postgresql_connection_cut_by_the_server_is_made_again_and_the_answer_saved(postgres) -> None:
    import psycopg

    url = postgres.create_database()
    with AnswerStore(url) as store:
        store.record_answer(trainee="t", module="m", question_id="q1", answer="a", correct=True, score=1)
        with psycopg.connect(url, autocommit=True) as admin:  # a restart, a failover or an idle timeout
            cut = admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                                " AND pid <> pg_backend_pid()").fetchall()
        assert cut == [(True,)]
        row = store.record_answer(trainee="t", module="m", question_id="q2", answer="b", correct=False, score=0)
        assert row.attempt == 1
        assert store.answers()["question_id"].tolist() == ["q1", "q2"]
