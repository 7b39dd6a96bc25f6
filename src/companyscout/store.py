"""The database: one tinydb file, read as a whole, changed under a lock, written atomically.

tinydb's own ``JSONStorage`` rewrites its file in place, so a crash or a full disk in the
middle of a write leaves a truncated database, and two processes that write at once lose
each other's changes. Here every transaction instead

1. takes a file lock next to the database (``filelock``), so read-modify-write cycles of
   concurrent ``scout`` processes run one after the other;
2. loads the whole file into an in-memory tinydb (the data is small: a person's contacts and
   interviews), so the caller's many tinydb operations cost no disk I/O;
3. writes once, at the end, to a temporary file in the same folder, fsyncs it, renames it over
   the database with ``os.replace`` and fsyncs the folder. A reader or a crash therefore sees
   either the old or the new file, never a mix.

Readers take no lock: the rename makes every file they open complete. A file that does not
parse is moved aside as ``scout.json.corrupt-<timestamp>`` and reported, never replaced by an
empty database without a word.
"""

from __future__ import annotations

import errno
import json
import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, cast

from tinydb import TinyDB
from tinydb.storages import Storage

from companyscout.errors import LockTimeout, StoreError
from companyscout.paths import database_path

# Version of the layout of the file; raise it when a migration is needed.
SCHEMA_VERSION = 1
META_TABLE = "_meta"
SCHEMA_KEY = "schema_version"
# The next id of each table, in the meta record: an id once given is never given again.
NEXT_IDS_KEY = "next_ids"
_META_DOC_ID = 1

DEFAULT_LOCK_TIMEOUT = 10.0
LOCK_TIMEOUT_ENV = "SCOUT_LOCK_TIMEOUT"

# Table names used across the project.
COMPANIES = "companies"
BRIEFS = "briefs"
CONTACTS = "contacts"
INTERVIEWS = "interviews"
PROMISES = "promises"
SETTINGS = "settings"

_TEMP_PREFIX = "."  # + database file name + random part
_TEMP_SUFFIX = ".tmp"

Tables = dict[str, dict[str, Any]]


def now_iso() -> str:
    """Return the current time as a timezone-aware UTC ISO 8601 timestamp (to the second).

    A clock frozen with ``SCOUT_NOW`` (see ``when``) is honoured, so that every record of a
    demo or a test carries the same "now".
    """
    if os.environ.get("SCOUT_NOW"):
        from companyscout.when import current_time

        return current_time().astimezone(timezone.utc).isoformat(timespec="seconds")
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def lock_timeout_setting() -> float:
    """Return the lock timeout in seconds: ``$SCOUT_LOCK_TIMEOUT`` when set, else 10."""
    raw = os.environ.get(LOCK_TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_LOCK_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        raise StoreError(
            f"{LOCK_TIMEOUT_ENV}={raw!r} is not a number of seconds; set it to e.g. 10 or unset it"
        ) from None
    if not value >= 0:  # also rejects NaN
        raise StoreError(f"{LOCK_TIMEOUT_ENV} must be 0 or more seconds; set it to e.g. 10 or unset it")
    return value


class _SnapshotStorage(Storage):
    """tinydb storage over a dict in memory; remembers whether anything was written."""

    def __init__(self, tables: Tables, *, writable: bool) -> None:
        super().__init__()
        self.tables = tables
        self.writable = writable
        self.changed = False

    def read(self) -> Tables:
        return self.tables

    def write(self, data: Tables) -> None:
        if not self.writable:
            raise RuntimeError("Database.read() gives a read-only snapshot; use Database.transaction()")
        self.tables = data
        self.changed = True


# Transactions open in this thread, by database path: a transaction started inside another on
# the same file (through any Database object) joins it instead of waiting for its own lock.
_THREAD = threading.local()


def _open_transactions() -> dict[str, TinyDB]:
    if not hasattr(_THREAD, "open"):
        _THREAD.open = {}
    opened: dict[str, TinyDB] = _THREAD.open
    return opened


class _Damaged(Exception):
    """The database file exists but is not a scout database (internal signal)."""


class Database:
    """The scout database file, opened per transaction.

    ``transaction()`` is for read-modify-write, ``read()`` for a consistent snapshot.
    A transaction opened inside another on the same file, in the same thread, joins it (one
    write at the outer end); transactions of separate processes or threads wait for each
    other up to the lock timeout.
    """

    def __init__(self, path: Path | None = None, *, lock_timeout: float | None = None) -> None:
        self.path: Path = Path(path) if path is not None else database_path()
        self.lock_timeout: float = lock_timeout_setting() if lock_timeout is None else lock_timeout

    @property
    def _key(self) -> str:
        return os.path.abspath(self.path)

    def _active(self) -> TinyDB | None:
        """Return the transaction this thread has open on this file, if any."""
        return _open_transactions().get(self._key)

    @property
    def lock_path(self) -> Path:
        """Return the path of the lock file, next to the database."""
        return self.path.with_name(self.path.name + ".lock")

    # -- public API -------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """Yield a tinydb to read and change; its changes are written once, atomically, at exit.

        Nothing is written when the block raises or changes nothing.
        """
        active = self._active()
        if active is not None:
            yield active
            return
        with self._locked():
            self._remove_stale_temp_files()
            tables = self._load(under_lock=True)
            storage_db = TinyDB(tables, storage=_SnapshotStorage, writable=True)
            _open_transactions()[self._key] = storage_db
            try:
                yield storage_db
            finally:
                del _open_transactions()[self._key]
            storage = cast(_SnapshotStorage, storage_db.storage)
            if storage.changed:
                self._write(storage.tables)

    @contextmanager
    def read(self) -> Iterator[TinyDB]:
        """Yield a read-only tinydb snapshot of the database (empty when there is no file yet)."""
        active = self._active()
        if active is not None:
            yield active
            return
        tables = self._load(under_lock=False)
        yield TinyDB(tables, storage=_SnapshotStorage, writable=False)

    # -- locking ----------------------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        from filelock import FileLock, Timeout

        self._ensure_folder()
        lock = FileLock(str(self.lock_path), timeout=self.lock_timeout)
        try:
            lock.acquire()
        except Timeout:
            raise LockTimeout(
                f"another scout is running and holds {self.lock_path} "
                f"(waited {self.lock_timeout:g} s); wait for it to finish, then try again"
            ) from None
        except OSError as exc:
            raise self._os_error("lock", self.lock_path, exc) from None
        try:
            yield
        finally:
            lock.release()

    def _ensure_folder(self) -> None:
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._os_error("create the data folder", folder, exc) from None

    # -- reading ----------------------------------------------------------------------------

    def _load(self, *, under_lock: bool) -> Tables:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise self._os_error("read", self.path, exc) from None
        try:
            return _parse(raw)
        except _Damaged as damage:
            if not under_lock:
                # Re-check under the lock: a writer may have just replaced the file.
                with self._locked():
                    return self._load(under_lock=True)
            raise self._move_aside(str(damage)) from None

    def _move_aside(self, reason: str) -> StoreError:
        """Return the error to raise after moving a damaged database out of the way."""
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        try:
            os.replace(self.path, aside)
        except OSError as exc:
            return StoreError(
                f"the database {self.path} is damaged ({reason}) and could not be moved aside "
                f"({exc.strerror or exc}); move it away yourself, then restore a backup or start afresh"
            )
        _fsync_folder(self.path.parent)
        return StoreError(
            f"the database {self.path} was damaged ({reason}) and has been moved to {aside}; "
            f"nothing was deleted. To recover: copy a backup of scout.json to {self.path}, "
            f"or repair the JSON in {aside.name} and move it back; otherwise the next scout "
            "command starts a new, empty database"
        )

    # -- writing ----------------------------------------------------------------------------

    def _write(self, tables: Tables) -> None:
        tables = dict(tables)
        meta = dict((tables.get(META_TABLE) or {}).get(str(_META_DOC_ID)) or {})
        tables[META_TABLE] = {str(_META_DOC_ID): {**meta, SCHEMA_KEY: SCHEMA_VERSION}}
        # ASCII escapes keep the file valid UTF-8 whatever text (even lone surrogates) arrives.
        payload = json.dumps(tables, ensure_ascii=True, separators=(",", ":")).encode("ascii")
        folder = self.path.parent
        fd, temp_name = -1, ""
        try:
            import tempfile  # here, not at the top: commands that only read start faster

            fd, temp_name = tempfile.mkstemp(
                prefix=_TEMP_PREFIX + self.path.name + ".", suffix=_TEMP_SUFFIX, dir=folder
            )
            with os.fdopen(fd, "wb") as handle:
                fd = -1  # owned by the file object now
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp_name, self.path)
            temp_name = ""
        except OSError as exc:
            raise self._os_error("write", self.path, exc) from None
        finally:
            if fd >= 0:
                os.close(fd)
            if temp_name:
                try:
                    os.unlink(temp_name)
                except OSError:
                    pass
        _fsync_folder(folder)

    def _remove_stale_temp_files(self) -> None:
        """Delete temp files left by a writer that was killed (safe: we hold the lock)."""
        try:
            leftovers = list(self.path.parent.glob(_TEMP_PREFIX + self.path.name + ".*" + _TEMP_SUFFIX))
        except OSError:
            return
        for leftover in leftovers:
            try:
                leftover.unlink()
            except OSError:
                pass

    def _os_error(self, action: str, target: Path, exc: OSError) -> StoreError:
        """Return a StoreError that says why ``action`` on ``target`` failed and what to do."""
        if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", None):
            advice = "the disk is full; free some space and try again"
        elif exc.errno == errno.EROFS:
            advice = "the file system is read-only; set SCOUT_HOME to a writable folder"
        elif exc.errno in (errno.EACCES, errno.EPERM):
            advice = "permission denied; check the folder's permissions or set SCOUT_HOME to a writable folder"
        else:
            advice = f"{exc.strerror or exc}; check the folder or set SCOUT_HOME to another one"
        return StoreError(f"cannot {action} {target}: {advice} (the database was left unchanged)")


def _parse(raw: bytes) -> Tables:
    """Return the tables of a database file, or raise _Damaged / StoreError (newer schema)."""
    if not raw.strip():
        raise _Damaged("the file is empty")
    if b"\x00" in raw:
        raise _Damaged("the file contains NUL bytes")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _Damaged("the file is not UTF-8 text") from None
    except (ValueError, RecursionError):
        raise _Damaged("the file is not valid JSON") from None
    if not isinstance(data, dict):
        raise _Damaged("the file is JSON but not a scout database")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(
            isinstance(doc_id, str) and doc_id.isdigit() and isinstance(doc, dict) for doc_id, doc in table.items()
        ):
            raise _Damaged(f"the table {name!r} does not hold records")
    version = _schema_version(data)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the database was written by a newer scout (schema {version}, this scout reads up to "
            f"{SCHEMA_VERSION}); upgrade scout (pip install -U companyscout) and try again"
        )
    return data


def _schema_version(data: Tables) -> int:
    """Return the schema version in the file; files without one (plain tinydb) count as 1."""
    meta = data.get(META_TABLE)
    if not meta:
        return 1
    versions = [doc.get(SCHEMA_KEY) for doc in meta.values()]
    if len(versions) != 1 or type(versions[0]) is not int or versions[0] < 1:
        raise _Damaged("its schema version is not understood")
    return versions[0]


def insert(tdb: TinyDB, table: str, record: Mapping[str, Any]) -> int:
    """Return the id under which ``record`` was stored in ``table``: never one given before.

    tinydb gives the highest id plus one, so removing the newest record and adding another
    would hand its id to someone else, and a note saying "contact 12" would then mean a
    different person. Ids of the tables people see are therefore counted in the meta record.
    """
    return insert_multiple(tdb, table, [record])[0]


def insert_multiple(tdb: TinyDB, table: str, records: Sequence[Mapping[str, Any]]) -> list[int]:
    """Return the ids under which ``records`` were stored in ``table``, each never given before."""
    from tinydb.table import Document

    meta_table = tdb.table(META_TABLE)
    meta = meta_table.get(doc_id=_META_DOC_ID)
    state: dict[str, Any] = dict(meta) if isinstance(meta, dict) else {SCHEMA_KEY: SCHEMA_VERSION}
    counters = state.get(NEXT_IDS_KEY)
    next_ids: dict[str, Any] = dict(counters) if isinstance(counters, dict) else {}
    target = tdb.table(table)
    counted = next_ids.get(table)
    highest = max((doc.doc_id for doc in target.all()), default=0)
    first = max(counted if type(counted) is int else 1, highest + 1)
    ids = list(range(first, first + len(records)))
    target.insert_multiple(Document(record, doc_id=doc_id) for doc_id, record in zip(ids, records, strict=True))
    state[NEXT_IDS_KEY] = {**next_ids, table: first + len(records)}
    if meta is None:
        meta_table.insert(Document(state, doc_id=_META_DOC_ID))
    else:
        meta_table.update(state, doc_ids=[_META_DOC_ID])
    return ids


def _fsync_folder(folder: Path) -> None:
    """Flush the folder entry so that a rename survives a power cut (no-op where unsupported)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def open_database() -> Database:
    """Return the user's database at ``$SCOUT_HOME/scout.json`` (nothing is read yet)."""
    return Database()
