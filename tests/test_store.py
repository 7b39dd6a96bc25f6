"""The database keeps its promises: atomic writes, locking, damaged files moved aside (cases 19–22)."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from companyscout import store
from companyscout.cli import cli
from companyscout.errors import LockTimeout, StoreError
from companyscout.store import Database, now_iso, open_database


def _write_raw(db: Database, data: bytes) -> None:
    db.path.parent.mkdir(parents=True, exist_ok=True)
    db.path.write_bytes(data)


def _contacts(db: Database) -> list[dict[str, object]]:
    with db.read() as tdb:
        return [dict(doc) for doc in tdb.table("contacts").all()]


def test_transaction_writes_and_read_sees_it(scout_home: Path) -> None:
    db = open_database()
    assert db.path == scout_home / "scout.json"
    with db.transaction() as tdb:
        tdb.table("contacts").insert({"name": "Ada Lovelace"})
    assert _contacts(db) == [{"name": "Ada Lovelace"}]
    data = json.loads(db.path.read_text())
    assert data["_meta"] == {"1": {"schema_version": store.SCHEMA_VERSION}}


def test_read_of_missing_database_creates_nothing(scout_home: Path) -> None:
    db = open_database()
    assert _contacts(db) == []
    assert not scout_home.exists()


def test_nothing_written_when_block_raises(scout_home: Path) -> None:
    db = open_database()
    with db.transaction() as tdb:
        tdb.table("contacts").insert({"name": "kept"})
    before = db.path.read_bytes()
    with pytest.raises(ZeroDivisionError):
        with db.transaction() as tdb:
            tdb.table("contacts").insert({"name": "lost"})
            raise ZeroDivisionError
    assert db.path.read_bytes() == before


def test_read_snapshot_refuses_writes() -> None:
    db = open_database()
    with pytest.raises(RuntimeError, match="transaction"):
        with db.read() as tdb:
            tdb.table("contacts").insert({"name": "x"})


def test_nested_transaction_joins_the_outer_one() -> None:
    db = Database(lock_timeout=0.1)
    with db.transaction() as outer:
        outer.table("contacts").insert({"name": "a"})
        with open_database().transaction() as inner:  # another object for the same file
            assert inner is outer
            inner.table("contacts").insert({"name": "b"})
    assert [c["name"] for c in _contacts(db)] == ["a", "b"]


def test_now_iso_is_timezone_aware_utc() -> None:
    assert now_iso().endswith("+00:00")


@pytest.mark.parametrize(
    "content, reason",
    [
        (b'{"contacts": {"1": {"name": "Ada', "not valid JSON"),
        (b"\x00" * 64, "NUL bytes"),
        (b"", "empty"),
        (b"hello, I am not JSON", "not valid JSON"),
        (b"[1, 2, 3]", "not a scout database"),
        (b'{"contacts": [1, 2]}', "does not hold records"),
        (b'{"contacts": {"1": {"name": "x"}}, "_meta": {"1": {"schema_version": "two"}}}', "schema"),
    ],
)
def test_damaged_database_is_moved_aside_with_recovery_steps(scout_home: Path, content: bytes, reason: str) -> None:
    db = open_database()
    _write_raw(db, content)
    with pytest.raises(StoreError) as info:
        with db.transaction():
            pass
    message = str(info.value)
    assert reason in message
    assert "moved to" in message and "To recover" in message
    aside = list(scout_home.glob("scout.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert aside[0].name in message
    assert not db.path.exists()  # never silently replaced by an empty database
    # The next command starts afresh, and the damaged copy stays.
    with db.transaction() as tdb:
        tdb.table("contacts").insert({"name": "new"})
    assert aside[0].exists()


def test_damaged_database_found_by_a_reader_is_moved_aside_too(scout_home: Path) -> None:
    db = open_database()
    _write_raw(db, b"{not json")
    with pytest.raises(StoreError, match="moved to"):
        with db.read():
            pass
    assert len(list(scout_home.glob("scout.json.corrupt-*"))) == 1


def test_two_damaged_files_in_the_same_second_both_kept(scout_home: Path) -> None:
    db = open_database()
    for content in (b"first", b"second"):
        _write_raw(db, content)
        with pytest.raises(StoreError):
            with db.read():
                pass
    kept = sorted(p.read_bytes() for p in scout_home.glob("scout.json.corrupt-*"))
    assert kept == [b"first", b"second"]


def test_newer_schema_asks_to_upgrade_and_leaves_file_alone(scout_home: Path) -> None:
    db = open_database()
    content = b'{"_meta": {"1": {"schema_version": 99}}, "contacts": {}}'
    _write_raw(db, content)
    with pytest.raises(StoreError, match="upgrade scout"):
        with db.transaction():
            pass
    assert db.path.read_bytes() == content
    assert not list(scout_home.glob("scout.json.corrupt-*"))


def test_plain_tinydb_file_without_version_is_read() -> None:
    db = open_database()
    _write_raw(db, b'{"contacts": {"3": {"name": "Grace"}}}')
    assert _contacts(db) == [{"name": "Grace"}]


@pytest.mark.parametrize(
    "code, expected",
    [(errno.ENOSPC, "disk is full"), (errno.EROFS, "read-only"), (errno.EACCES, "permission denied")],
)
def test_write_failure_leaves_original_untouched(monkeypatch: pytest.MonkeyPatch, code: int, expected: str) -> None:
    db = open_database()
    with db.transaction() as tdb:
        tdb.table("contacts").insert({"name": "kept"})
    before = db.path.read_bytes()

    def failing_fsync(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(store.os, "fsync", failing_fsync)
    with pytest.raises(StoreError) as info:
        with db.transaction() as tdb:
            tdb.table("contacts").insert({"name": "new"})
    assert expected in str(info.value) and "left unchanged" in str(info.value)
    monkeypatch.undo()
    assert db.path.read_bytes() == before
    assert sorted(p.name for p in db.path.parent.iterdir()) == ["scout.json", "scout.json.lock"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_read_only_folder_gives_clear_error(scout_home: Path) -> None:
    db = open_database()
    with db.transaction() as tdb:
        tdb.table("contacts").insert({"name": "kept"})
    before = db.path.read_bytes()
    os.chmod(scout_home, 0o500)
    try:
        with pytest.raises(StoreError, match="permission denied"):
            with db.transaction() as tdb:
                tdb.table("contacts").insert({"name": "new"})
        assert _contacts(db) == [{"name": "kept"}]  # reading still works
    finally:
        os.chmod(scout_home, 0o700)
    assert db.path.read_bytes() == before


def test_unwritable_data_folder_gives_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    db = Database(blocker / "scout.json")
    with pytest.raises(StoreError, match="cannot create the data folder"):
        with db.transaction():
            pass


def _run_python(code: str, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


_HOLD_LOCK = """
    import sys, time
    from filelock import FileLock
    lock = FileLock(sys.argv[1])
    lock.acquire()
    print("locked", flush=True)
    time.sleep(30)
"""


@contextmanager
def lock_held_elsewhere(db: Database) -> Iterator[None]:
    """Hold the database lock in another process for the duration of the block."""
    db.path.parent.mkdir(parents=True, exist_ok=True)
    holder = _run_python(_HOLD_LOCK, str(db.lock_path))
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
        yield
    finally:
        holder.kill()
        holder.wait()


def test_lock_held_by_another_process_says_another_scout_is_running() -> None:
    db = Database(lock_timeout=0.2)
    with lock_held_elsewhere(db):
        with pytest.raises(LockTimeout, match="another scout is running"):
            with db.transaction():
                pass
    with db.transaction() as tdb:  # free again once the other process is gone
        tdb.table("contacts").insert({"name": "after"})


def test_cli_reports_another_scout_within_the_configured_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCOUT_LOCK_TIMEOUT", "0.2")
    with lock_held_elsewhere(open_database()):
        result = CliRunner().invoke(cli, ["contacts", "add", "Jane Doe", "--company", "Acme"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: another scout is running")
    assert _contacts(open_database()) == []


_ADD_MANY = """
    import sys
    from companyscout.contacts import add_contact
    from companyscout.store import open_database
    db = open_database()
    for i in range(100):
        add_contact(db, f"Person {sys.argv[1]}-{i}", company="Acme")
"""


def test_two_processes_adding_100_contacts_each_leave_exactly_200() -> None:
    writers = [_run_python(_ADD_MANY, tag) for tag in ("a", "b")]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()
    names = [str(c["name"]) for c in _contacts(open_database())]
    assert len(names) == 200 and len(set(names)) == 200


def test_lock_timeout_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCOUT_LOCK_TIMEOUT", "0.5")
    assert open_database().lock_timeout == 0.5
    monkeypatch.setenv("SCOUT_LOCK_TIMEOUT", "soon")
    with pytest.raises(StoreError, match="SCOUT_LOCK_TIMEOUT"):
        open_database()


_WRITE_FOREVER = """
    from companyscout.store import open_database
    db = open_database()
    n = 0
    while True:
        n += 1
        with db.transaction() as tdb:
            tdb.table("contacts").insert({"name": "x" * 2000, "n": n})
        if n == 1:
            print("ready", flush=True)
"""


def test_sigkill_during_writes_always_leaves_a_parseable_database(scout_home: Path) -> None:
    db = open_database()
    counts: list[int] = []
    for iteration in range(20):
        writer = _run_python(_WRITE_FOREVER)
        assert writer.stdout is not None and writer.stdout.readline() == b"ready\n"
        time.sleep(0.005 * iteration)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        # Every file in the folder is the database, its lock, or a temp file of ours.
        for entry in scout_home.iterdir():
            assert entry.name in ("scout.json", "scout.json.lock") or (
                entry.name.startswith(".scout.json.") and entry.name.endswith(".tmp")
            ), entry.name
        rows = _contacts(db)  # raises if the file does not parse
        counts.append(len(rows))
    assert counts == sorted(counts)  # old or new state, never less than before
    assert counts[-1] > 0
    assert not list(scout_home.glob("scout.json.corrupt-*"))


def test_temp_file_lives_next_to_the_database(monkeypatch: pytest.MonkeyPatch) -> None:
    db = open_database()
    renames: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def spying_replace(src: str, dst: str) -> None:
        renames.append((Path(src), Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(store.os, "replace", spying_replace)
    with db.transaction() as tdb:
        tdb.table("contacts").insert({"name": "x"})
    [(temp, target)] = renames
    assert target == db.path and temp.parent == db.path.parent and temp.name.endswith(".tmp")
    assert not temp.exists()


def test_temp_files_left_by_a_killed_writer_are_cleaned_up() -> None:
    db = open_database()
    with db.transaction() as tdb:
        tdb.table("contacts").insert({"name": "x"})
    leftover = db.path.parent / ".scout.json.k1ll3d.tmp"
    leftover.write_bytes(b'{"half": ')
    with db.transaction() as tdb:
        tdb.table("contacts").insert({"name": "y"})
    assert not leftover.exists()
    assert [c["name"] for c in _contacts(db)] == ["x", "y"]


def test_readers_do_not_wait_for_a_writer() -> None:
    db = Database(lock_timeout=0.2)
    with db.transaction() as tdb:
        tdb.table("contacts").insert({"name": "x"})
    with lock_held_elsewhere(db):
        assert _contacts(db) == [{"name": "x"}]


def test_listing_contacts_does_not_load_the_web_stack() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from companyscout.cli import cli\n"
        "for args in (['contacts', 'list'], ['contacts', 'due'], ['config', 'list']):\n"
        "    assert CliRunner().invoke(cli, args).exit_code == 0\n"
        "print(sorted(m for m in ('requests', 'bs4', 'lxml', 'trafilatura', 'urllib3') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, timeout=60)
    assert out.stdout == b"[]\n"
