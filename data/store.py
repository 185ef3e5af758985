"""The store: one connection to one meeting file, its migrations and its queries.

The file is opened in WAL mode with ``synchronous=FULL`` and foreign keys on, so
that a commit that returned survives a power cut. Every write goes through
``transact()``, which takes the write lock up front (``BEGIN IMMEDIATE``) so that
two processes on the same file never decide on stale reads.

A write either reaches the file or raises: ``transact()`` refuses to join a
transaction it did not open (one left open by mistake would silently swallow
every later write until the window closed), a COMMIT that leaves the
connection in a transaction raises, and reads never keep a statement running
(a half-read statement pins the connection to an old snapshot, and a screen
reading through it stops following the file without a word).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sqlite3
import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from data.copies import copies_advice
from data.errors import UserError
from data.jpeg import photo_problem
from data.private import make_private, private_umask
from data.records import (
    BranchRecord,
    CardRecord,
    DeskRecord,
    EventRecord,
    MeetingRecord,
    MemberRecord,
)
from data.schema import MIGRATIONS, SCHEMA_VERSION
from data.sync import SEQ_BASE_KEY

log = logging.getLogger(__name__)

APPLICATION_ID = 0x5344534B  # "SDSK": marks the file as a SignDesk meeting
SQLITE_MAGIC = b"SQLite format 3\x00"


def file_header(path: Path) -> tuple[bool, int]:
    """(is an SQLite file, its application id) from the first 100 bytes, without SQLite.

    Tells a damaged SignDesk file (ours: say where the copies are) from a file
    that never was a meeting (say so).
    """
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except OSError:
        return False, 0
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        return False, 0
    return True, int.from_bytes(head[68:72], "big")


READ_ONLY_ZH = {
    "media": "它在只读介质上（光盘、写保护的U盘或只读共享）",
    "file": "文件本身是只读的（权限或属性不允许写入）",
    "folder": "它所在的文件夹是只读的（SQLite 需在文件旁写日志）",
    "asked": "它以只读方式打开",
}
"""The reasons of ``read_only_reason`` in Chinese, by kind, for the windows."""


def read_only_kind(reason: str | None) -> str | None:
    """Which of ``READ_ONLY_ZH``'s kinds an English reason is (None for none)."""
    if reason is None:
        return None
    for kind, words in (("media", "read-only media"), ("file", "the file is read-only"),
                        ("folder", "its folder")):
        if words in reason:
            return kind
    return "asked"


def read_only_reason(path: Path) -> str | None:
    """Why SignDesk cannot write to the meeting file at ``path``, or None if it can.

    Checks the medium (a read-only mount: a CD, a write-protected stick, a
    read-only share), the file (permissions, or the immutable attribute, which
    binds root too) and its folder (SQLite keeps its -wal and -shm beside the file).
    """
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return "it is on read-only media (the disk or share is mounted read-only)"
    except (AttributeError, OSError):  # Windows has no statvfs
        pass
    if not os.access(path, os.W_OK):
        return "the file is read-only (its permissions or attributes forbid writing)"
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return (f"its folder {folder} is read-only, and SQLite keeps its journal (-wal, -shm) "
                "beside the file")
    return None


class StoreError(UserError):
    """A meeting file cannot be used; the message says why in plain words."""


class NewerFileError(StoreError):
    """The file was written by a newer SignDesk than this one."""


class CorruptFileError(StoreError):
    """A SignDesk meeting file is damaged; the message names the copies that exist."""


class ReadOnlyError(StoreError):
    """A write was asked of a meeting file that can only be read; the message says why."""


class EmptyFileError(StoreError):
    """The file is empty (0 bytes): not a meeting, and never written into."""


class NotAMeetingFileError(StoreError):
    """The file exists but is not a SignDesk meeting file."""


class UncommittedError(StoreError):
    """A write could not be committed, or would have joined a transaction left open."""


class PhotoRefused(UserError, ValueError):
    """The file refuses a member photo (not a small portrait JPEG, or no such member)."""


MAX_PHOTO_SOURCE = 200
"""Longest note of where a photo came from (a file name, 'camera')."""


_MEMBER_SELECT = """
    SELECT m.id, m.number, m.name, m.branch_id, b.name, m.gender, m.birth_date,
           m.education, m.phone, m.category, m.status, m.status_reason, m.notes,
           m.pinyin, m.initials, m.removed_at, m.exclusion_case, m.approved_by,
           m.approved_on, m.state_source, m.vote_suspended, m.lost_contact, m.mobile
    FROM members m JOIN branches b ON b.id = m.branch_id
"""

_EVENT_COLUMNS = "seq, id, kind, member_id, desk, operator, method, at, target, reason, hub_seq"
# A replica's events the hub refused are kept but never counted (see refuse_event).
_COUNTED = "AND id NOT IN (SELECT event_id FROM refused)"


def card_key(code: str) -> str:
    """How a desk stores a card code of a branch it does not serve: a digest.

    Codes carry 104 random bits, so the digest cannot be turned back into a
    working card, yet a scan of that card still finds its member.
    """
    return "#" + hashlib.sha256(code.encode("utf-8")).hexdigest()[:32]


def _member_record(row: Sequence[Any]) -> MemberRecord:
    """A member row of ``_MEMBER_SELECT`` (flags as bools, not SQLite's 0/1)."""
    return MemberRecord(*row[:20], bool(row[20]), bool(row[21]), bool(row[22]))


def now_iso() -> str:
    """The local wall time with its UTC offset, to the second, as ISO 8601."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Store:
    """One open meeting file. Not shared between threads: open one per thread."""

    # Every store open in this process (tests check none holds a transaction
    # when a window's event loop goes idle).
    _open: weakref.WeakSet[Store] = weakref.WeakSet()

    def __init__(self, path: Path, db: sqlite3.Connection, read_only: str | None = None) -> None:
        self.path = path
        self.db = db
        self.read_only = read_only  # why writes are refused, or None
        self._role: str | None = None
        self._depth = 0  # how deep inside this store's own transact() we are
        self.closed = False
        self.thread = threading.get_ident()  # the thread that may use it
        Store._open.add(self)

    @classmethod
    def open_stores(cls) -> list[Store]:
        """The stores open in this process now (for checks in tests and at shutdown)."""
        return [s for s in list(cls._open) if not s.closed]

    def holds_transaction(self) -> bool:
        """True while this connection is inside a transaction (never when closed)."""
        return not self.closed and self.db.in_transaction

    # ---- opening -------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False, check: bool = True,
             read_only: bool = False) -> Store:
        """Open (or with ``create`` make) a meeting file, upgrading it if older.

        A file SignDesk cannot write to (read-only media, a read-only file or
        folder), or any file with ``read_only``, opens for reading: queries
        work, and every write raises ``ReadOnlyError`` saying why. An empty
        (0-byte) file is refused and never written into; a damaged one raises
        ``CorruptFileError`` naming the copies that exist.
        Raises ``StoreError`` subclasses with a message fit for the user.
        """
        path = Path(path)
        if not create and not path.exists():
            raise StoreError(f"no meeting file at {path}")
        if create and path.exists() and path.stat().st_size > 0:
            raise StoreError(f"{path} already exists; choose another name")
        if not create and path.is_dir():
            raise NotAMeetingFileError(f"{path} is a folder, not a meeting file")
        if not create and path.stat().st_size == 0:
            raise EmptyFileError(cls._empty_message(path))
        why = None if create else read_only_reason(path)
        if read_only and why is None:
            why = "it was opened for reading only"
        db = cls._connect(path, why)
        try:
            store = cls(path, db, why)
            # Read what the file is before the first write (setting WAL is one).
            version = store._version()
            if version > 0 and store._application_id() != APPLICATION_ID:
                raise NotAMeetingFileError(f"{path} is not a SignDesk meeting file")
            if version == 0 and not create:
                # An SQLite file without SignDesk's tables: someone else's
                # database, or an empty one; either way not written into.
                raise NotAMeetingFileError(f"{path} is not a SignDesk meeting file")
            if why is None:
                # Owner-only before the first write: SQLite gives the -wal and -shm
                # files it creates the mode of the meeting file itself.
                make_private(path)
                store._configure()
                for suffix in ("-wal", "-shm"):  # left wider by an older SignDesk
                    make_private(f"{path}{suffix}")
            else:
                store.db.execute("PRAGMA foreign_keys=ON")
            if check and version > 0:
                store.check_integrity()
            if why is not None and version < SCHEMA_VERSION:
                raise ReadOnlyError(
                    f"{path} was written by an older SignDesk (file format {version}) and must be "
                    f"upgraded before it can be read, but {why}; copy it to a folder you can "
                    "write to and open the copy")
            store._migrate(version)
            log.debug("opened %s (file format %d)%s", path, max(version, SCHEMA_VERSION),
                      f" for reading only: {why}" if why else "")
            return store
        except sqlite3.DatabaseError as exc:
            db.close()
            raise cls._unreadable(path, exc) from exc
        except BaseException:
            db.close()
            raise

    @staticmethod
    def _connect(path: Path, read_only: str | None) -> sqlite3.Connection:
        """The connection: read-write, or read-only by SQLite's URI parameters."""
        try:
            if read_only is None:
                with private_umask():
                    return sqlite3.connect(path, isolation_level=None, timeout=10.0)
            wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
            folder_writable = os.access(path.parent, os.W_OK | os.X_OK) and \
                "read-only media" not in read_only
            if folder_writable or (wal.exists() and shm.exists()):
                # mode=ro: SQLite reads the WAL too, so nothing committed is missed.
                uri = f"{path.resolve().as_uri()}?mode=ro"
            elif wal.exists() and wal.stat().st_size > 0:
                raise StoreError(
                    f"{path} cannot be read where it is: its journal ({wal.name}) holds changes "
                    f"not yet in the file, and {read_only}; copy the file together with "
                    f"{wal.name} to a folder you can write to and open the copy")
            else:
                # Nothing can change the file on read-only media: SQLite may
                # then read it without locks or a -shm it could not create.
                uri = f"{path.resolve().as_uri()}?immutable=1"
            return sqlite3.connect(uri, uri=True, isolation_level=None, timeout=10.0)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {path}: {exc}") from exc

    @staticmethod
    def _empty_message(path: Path) -> str:
        wal = Path(f"{path}-wal")
        extra = ""
        if wal.exists() and wal.stat().st_size > 0:
            extra = (f" Its journal {wal.name} beside it holds {wal.stat().st_size:,} bytes: keep "
                     "both files as they are.")
        return (f"{path} is empty (0 bytes): it holds no meeting, and SignDesk will not write "
                f"into it. If it should hold one, it was cut short (a full disk, a copy that "
                f"stopped).{extra} {copies_advice(path)}")

    @staticmethod
    def _unreadable(path: Path, exc: sqlite3.DatabaseError) -> StoreError:
        """The error for a file SQLite could not read: damage if it is ours, else a foreign file."""
        is_sqlite, app_id = file_header(path)
        if is_sqlite and app_id == APPLICATION_ID:
            log.error("%s is damaged: %s", path, exc)
            return CorruptFileError(f"{path} is damaged ({exc}). {copies_advice(path)}")
        if path.suffix.lower() in (".sqlite", ".signdesk", ".db") and not is_sqlite:
            # Not even an SQLite header: a meeting file whose first page is gone
            # looks exactly like this, so the copies are named too.
            return NotAMeetingFileError(
                f"{path} is not a SignDesk meeting file, or its beginning is damaged ({exc}). "
                f"If it held a meeting: {copies_advice(path)}")
        return NotAMeetingFileError(f"{path} is not a SignDesk meeting file ({exc})")

    def _configure(self) -> None:
        # WAL lets a dashboard read while a desk writes; FULL syncs the WAL on
        # every commit, which is what makes a green screen a durable fact.
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("PRAGMA foreign_keys=ON")
        # A deleted photo or member's data is overwritten, not left in free pages
        # (SQLite's default depends on how it was built).
        self.db.execute("PRAGMA secure_delete=ON")

    def _version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _application_id(self) -> int:
        return int(self.db.execute("PRAGMA application_id").fetchone()[0])

    def check_integrity(self) -> None:
        """Run SQLite's integrity check; raise ``CorruptFileError`` naming the damage."""
        rows = [r[0] for r in self.db.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            log.error("integrity check failed on %s: %s", self.path, "; ".join(rows[:5]))
            raise CorruptFileError(
                f"{self.path} is damaged: " + "; ".join(rows[:5]) + ". "
                + copies_advice(self.path, self._uid_if_readable())
            )
        bad_keys = self.db.execute("PRAGMA foreign_key_check").fetchall()
        if bad_keys:
            raise CorruptFileError(f"{self.path} has {len(bad_keys)} broken references. "
                                   + copies_advice(self.path, self._uid_if_readable()))

    def _uid_if_readable(self) -> str | None:
        """The meeting's uid if a damaged file still gives it (to pick its replicas)."""
        try:
            row = self.db.execute("SELECT uid FROM meeting").fetchone()
            return str(row[0]) if row else None
        except sqlite3.Error:
            return None

    def _migrate(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise NewerFileError(
                f"{self.path} was written by a newer SignDesk (file format {version}, "
                f"this program knows up to {SCHEMA_VERSION}); please update SignDesk"
            )
        if version == SCHEMA_VERSION:
            return
        if version > 0:
            # Keep the untouched original next to the file before changing it.
            backup = self.path.with_name(f"{self.path.name}.v{version}.bak")
            self.db.execute("PRAGMA wal_checkpoint(FULL)")
            shutil.copy2(self.path, backup)
            make_private(backup)
            log.info("upgrading %s from file format %d to %d; the original is kept as %s",
                     self.path, version, SCHEMA_VERSION, backup)
        self.db.execute("BEGIN EXCLUSIVE")
        try:
            # Another process may have upgraded the file since it was read.
            if self._version() != version:
                self.db.execute("ROLLBACK")
                self._migrate(self._version())
                return
            for step in MIGRATIONS[version:]:
                step(self.db)
            self.db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Close the connection (a WAL checkpoint happens on last close)."""
        self.closed = True
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- transactions and raw access ------------------------------------------

    @contextmanager
    def transact(self) -> Iterator[sqlite3.Connection]:
        """Run a block as one write transaction: commit on success, roll back on error.

        Returns only after COMMIT, i.e. after the WAL is synced to disk. Inside
        another ``transact()`` of this store the block is part of the outer
        transaction (the domain composes operations so). A transaction this
        store did not open is never joined: that raises ``UncommittedError``,
        since the write would report success and reach the disk only if and
        when someone else commits.
        """
        self.check_writable()
        if self._depth:
            self._depth += 1
            try:
                yield self.db
            finally:
                self._depth -= 1
            return
        if self.db.in_transaction:
            raise UncommittedError(
                f"{self.path}: a transaction was left open on this connection; "
                "refusing to write into it (nothing was written)")
        self.db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException:
            # Also when COMMIT itself failed: a transaction left open would be
            # joined by every later write, which would then report success
            # and never reach the disk. SQLite may already have rolled back.
            self._end_failed()
            raise
        finally:
            self._depth = 0
        if self.db.in_transaction:
            self._end_failed()
            raise UncommittedError(f"{self.path}: the write was not committed")

    @property
    def read_only_zh(self) -> str | None:
        """Why writes are refused, in Chinese (None when they are not)."""
        kind = read_only_kind(self.read_only)
        return READ_ONLY_ZH[kind] if kind else None

    def check_writable(self) -> None:
        """Raise ``ReadOnlyError`` (English and Chinese, with the reason) if the file takes no writes."""
        if self.read_only is None:
            return
        error = ReadOnlyError(self.refusal())
        error.zh = (f"会议文件 {self.path.name} 只能查看，不能修改：{self.read_only_zh}。"  # type: ignore[attr-defined]
                    "请把文件复制到可写的文件夹（例如“文档”）后打开副本，再签到或修改。")
        raise error

    def refusal(self) -> str:
        """Why this file takes no writes, in a sentence for the user (read-only files)."""
        return (f"{self.path} can be read but not changed: {self.read_only}. Figures, member "
                "lists and reports work; to sign members in or change anything, copy the file "
                "to a folder you can write to (e.g. Documents) and open the copy")

    def _end_failed(self) -> None:
        """Roll back after a failure; a connection that cannot is closed, never reused."""
        if not self.db.in_transaction:
            return
        try:
            self.db.execute("ROLLBACK")
        except sqlite3.Error as exc:
            self.close()
            raise UncommittedError(
                f"{self.path}: a failed write could not be rolled back ({exc}); "
                "the file was closed so that nothing more is written into it") from exc

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """Run reads on one consistent snapshot (a read transaction, always ended)."""
        if self.db.in_transaction:
            raise UncommittedError(f"{self.path}: a transaction was left open on this connection")
        self.db.execute("BEGIN")
        try:
            yield self.db
        finally:
            self.db.execute("COMMIT")

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        """First row of a query, or None."""
        # Close the cursor at once: a statement left running keeps this
        # connection on the snapshot it started with.
        cur = self.db.execute(sql, params)
        try:
            return cur.fetchone()
        finally:
            cur.close()

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """All rows of a query."""
        return self.db.execute(sql, params).fetchall()

    def data_version(self) -> int:
        """SQLite's data_version: changes when another connection commits."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    # ---- meta ------------------------------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        """A value from the key/value table, or ``default``."""
        row = self.one("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0] if row else default

    def roster_version(self) -> int:
        """A counter bumped by every roster change (desks re-read the roster when it moves)."""
        return int(self.get_meta("roster_version", "0") or 0)

    def bump_roster_version(self) -> None:
        """Say the roster changed (inside the caller's transaction if there is one)."""
        with self.transact():
            self.set_meta("roster_version", str(self.roster_version() + 1))

    @property
    def is_replica(self) -> bool:
        """True for a desk's copy of a hub's meeting (its events wait for the hub's order)."""
        return self.role == "replica"

    @property
    def role(self) -> str:
        """'authority' (a stand-alone file or the hub) or 'replica' (a desk's copy).

        Read once and cached: only a hand-over changes it, through ``set_meta``.
        """
        if self._role is None:
            self._role = self.get_meta("role", "authority") or "authority"
        return self._role

    def set_meta(self, key: str, value: str) -> None:
        """Set a key/value pair (inside the caller's transaction if there is one)."""
        if key == "role":
            self._role = value
        with self.transact() as db:
            db.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # ---- meeting -----------------------------------------------------------------

    def meeting(self) -> MeetingRecord:
        """The meeting this file holds."""
        row = self.one(
            "SELECT uid, code_prefix, title, date, venue, quorum_rule, opens_at, closes_at, "
            "signin_state, wrong_desk_admits, track_leave, pin_hash, created_at FROM meeting"
        )
        if row is None:
            raise StoreError(f"{self.path} holds no meeting yet")
        return MeetingRecord(*row[:9], bool(row[9]), bool(row[10]), row[11], row[12])

    def insert_meeting(self, **fields: Any) -> None:
        """Create the meeting row (once per file)."""
        cols = ", ".join(fields)
        marks = ", ".join("?" for _ in fields)
        with self.transact() as db:
            db.execute(f"INSERT INTO meeting (id, {cols}) VALUES (1, {marks})", tuple(fields.values()))

    _MEETING_FIELDS = frozenset(
        {"title", "date", "venue", "quorum_rule", "opens_at", "closes_at", "signin_state",
         "wrong_desk_admits", "track_leave", "pin_hash"}
    )

    def update_meeting(self, **fields: Any) -> None:
        """Change meeting settings; column names are checked against a fixed set."""
        unknown = set(fields) - self._MEETING_FIELDS
        if unknown:
            raise ValueError(f"not a meeting setting: {sorted(unknown)}")
        sets = ", ".join(f"{k} = ?" for k in fields)
        with self.transact() as db:
            db.execute(f"UPDATE meeting SET {sets} WHERE id = 1", tuple(fields.values()))

    # ---- desks and branches --------------------------------------------------------

    def desks(self) -> list[DeskRecord]:
        """All desks, by name."""
        return [DeskRecord(*r) for r in self.all("SELECT id, name FROM desks ORDER BY id")]

    def desk_id(self, name: str, *, create: bool = False) -> int | None:
        """The id of the desk with this name; created if asked to."""
        row = self.one("SELECT id FROM desks WHERE name = ?", (name,))
        if row:
            return int(row[0])
        if not create:
            return None
        with self.transact() as db:
            return int(db.execute("INSERT INTO desks(name) VALUES (?)", (name,)).lastrowid)

    def branches(self) -> list[BranchRecord]:
        """All branches in their meeting order, with the desk serving each."""
        return [
            BranchRecord(*r)
            for r in self.all(
                "SELECT b.id, b.name, b.position, b.desk_id, d.name FROM branches b "
                "LEFT JOIN desks d ON d.id = b.desk_id ORDER BY b.position, b.id"
            )
        ]

    def branch_id(self, name: str, *, create: bool = False) -> int | None:
        """The id of a branch by name; created at the end of the order if asked to."""
        row = self.one("SELECT id FROM branches WHERE name = ?", (name,))
        if row:
            return int(row[0])
        if not create:
            return None
        with self.transact() as db:
            pos = db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM branches").fetchone()[0]
            return int(
                db.execute(
                    "INSERT INTO branches(name, position) VALUES (?, ?)", (name, pos)
                ).lastrowid
            )

    def branch_desk(self, branch_id: int) -> str | None:
        """The name of the desk serving a branch, or None when any desk may."""
        row = self.one(
            "SELECT d.name FROM branches b JOIN desks d ON d.id = b.desk_id WHERE b.id = ?",
            (branch_id,),
        )
        return row[0] if row else None

    def assign_branch(self, branch_id: int, desk_id: int | None) -> None:
        """Say which desk serves a branch (None: any desk)."""
        with self.transact() as db:
            db.execute("UPDATE branches SET desk_id = ? WHERE id = ?", (desk_id, branch_id))

    # ---- members ---------------------------------------------------------------------

    def members(self, *, include_removed: bool = False) -> list[MemberRecord]:
        """All members in branch order, then by number and name."""
        where = "" if include_removed else "WHERE m.removed_at IS NULL"
        return [
            _member_record(r)
            for r in self.all(
                f"{_MEMBER_SELECT} {where} ORDER BY b.position, b.id, m.number, m.id"
            )
        ]

    def members_compact(self) -> list[MemberRecord]:
        """The roster as ``members()`` gives it (not the removed), in less memory (for desks).

        A desk holds the whole roster (100,000 members at the largest meetings).
        Equal strings share one object: fields with few distinct values (branch,
        gender, category, birth month…) and the names, pinyin and initials that
        namesakes repeat (tens of MB at 100,000 members). Only the number and
        phone, unique per member, are kept one per member.
        """
        shared: dict[object, object] = {}
        keep = shared.setdefault
        rows = self.db.execute(
            f"{_MEMBER_SELECT} WHERE m.removed_at IS NULL ORDER BY b.position, b.id, m.number, m.id")
        return [
            MemberRecord(r[0], r[1], keep(r[2], r[2]), r[3], keep(r[4], r[4]), keep(r[5], r[5]),
                         keep(r[6], r[6]), keep(r[7], r[7]), r[8], keep(r[9], r[9]),
                         keep(r[10], r[10]), keep(r[11], r[11]), keep(r[12], r[12]),
                         keep(r[13], r[13]), keep(r[14], r[14]), None, keep(r[16], r[16]),
                         keep(r[17], r[17]), keep(r[18], r[18]), keep(r[19], r[19]),
                         bool(r[20]), bool(r[21]), bool(r[22]))
            for r in rows
        ]

    def roster_key(self) -> str:
        """Changes whenever the roster or the branch-to-desk assignment changes."""
        # Which desk serves which branch lives outside the members table: count it in.
        desks = self.one("SELECT group_concat(id || ':' || COALESCE(desk_id, ''), ',') FROM branches")
        return f"{self.roster_version()}|{desks[0] if desks and desks[0] else ''}"

    def member(self, member_id: int) -> MemberRecord | None:
        """One member by id (removed ones too)."""
        row = self.one(f"{_MEMBER_SELECT} WHERE m.id = ?", (member_id,))
        return _member_record(row) if row else None

    def member_by_number(self, number: str) -> MemberRecord | None:
        """One member by their member number."""
        row = self.one(f"{_MEMBER_SELECT} WHERE m.number = ?", (number,))
        return _member_record(row) if row else None

    _MEMBER_FIELDS = frozenset(
        {"number", "name", "branch_id", "gender", "birth_date", "education", "phone",
         "category", "status", "status_reason", "notes", "pinyin", "initials", "removed_at",
         "exclusion_case", "approved_by", "approved_on", "state_source", "vote_suspended",
         "lost_contact", "mobile", "id_hash", "id_last4"}
    )

    def insert_member(self, fields: dict[str, Any]) -> int:
        """Add a member; returns the new id."""
        self._check_member_fields(fields)
        cols = ", ".join(fields)
        marks = ", ".join("?" for _ in fields)
        with self.transact() as db:
            return int(
                db.execute(
                    f"INSERT INTO members ({cols}) VALUES ({marks})", tuple(fields.values())
                ).lastrowid
            )

    def update_member(self, member_id: int, fields: dict[str, Any]) -> None:
        """Change some of a member's fields."""
        if not fields:
            return
        self._check_member_fields(fields)
        sets = ", ".join(f"{k} = ?" for k in fields)
        with self.transact() as db:
            db.execute(f"UPDATE members SET {sets} WHERE id = ?", (*fields.values(), member_id))

    def _check_member_fields(self, fields: dict[str, Any]) -> None:
        unknown = set(fields) - self._MEMBER_FIELDS
        if unknown:
            raise ValueError(f"not a member field: {sorted(unknown)}")

    # ---- cards --------------------------------------------------------------------------

    def card(self, code: str) -> CardRecord | None:
        """A card by its code (or, in a desk's replica, its digest), revoked or not."""
        row = self.one(
            "SELECT code, member_id, issued_at, revoked_at FROM cards WHERE code IN (?, ?)",
            (code, card_key(code)),
        )
        return CardRecord(*row) if row else None

    def member_for_card(
        self, code: str,
    ) -> tuple[CardRecord, MemberRecord | None, str | None] | None:
        """A card, its member and the desk serving the member's branch, in one query.

        This is the scan path's hot lookup, hence one statement instead of three.
        """
        row = self.one(
            "SELECT c.code, c.member_id, c.issued_at, c.revoked_at, m.id, m.number, m.name, "
            "m.branch_id, b.name, m.gender, m.birth_date, m.education, m.phone, m.category, "
            "m.status, m.status_reason, m.notes, m.pinyin, m.initials, m.removed_at, "
            "m.exclusion_case, m.approved_by, m.approved_on, m.state_source, m.vote_suspended, "
            "m.lost_contact, m.mobile, d.name "
            "FROM cards c LEFT JOIN members m ON m.id = c.member_id "
            "LEFT JOIN branches b ON b.id = m.branch_id "
            "LEFT JOIN desks d ON d.id = b.desk_id WHERE c.code IN (?, ?)",
            (code, card_key(code)),
        )
        if row is None:
            return None
        member = _member_record(row[4:27]) if row[4] is not None else None
        return CardRecord(*row[:4]), member, row[27]

    def member_for_id_hash(self, digest: str) -> tuple[MemberRecord, str | None] | None:
        """The member whose ID number has this keyed hash, and the desk serving their branch.

        A removed member's hash stays (a re-import brings them back) but finds no one here.
        """
        if not digest:
            return None
        row = self.one(
            _MEMBER_SELECT.replace("FROM members m", ", d.name FROM members m")
            + " LEFT JOIN desks d ON d.id = b.desk_id"
            # "!= ''" repeats the partial index's condition so the planner uses it.
            " WHERE m.id_hash = ? AND m.id_hash != '' AND m.removed_at IS NULL LIMIT 1",
            (digest,),
        )
        return (_member_record(row[:23]), row[23]) if row else None

    def has_id_numbers(self) -> bool:
        """True when any current member has an ID number's hash (cheap: the partial index)."""
        return self.one("SELECT 1 FROM members WHERE id_hash != '' AND removed_at IS NULL "
                        "LIMIT 1") is not None

    def current_cards(self) -> dict[int, str]:
        """Each member's valid card code."""
        return dict(self.all("SELECT member_id, code FROM cards WHERE revoked_at IS NULL"))

    def revoke_cards(self, member_id: int, at: str) -> None:
        """Revoke every valid card of a member (inside the caller's transaction if any)."""
        with self.transact() as db:
            db.execute("UPDATE cards SET revoked_at = ? WHERE member_id = ? AND revoked_at IS NULL",
                       (at, member_id))

    def insert_card(self, code: str, member_id: int, at: str) -> None:
        """Issue a card, revoking the member's earlier ones in the same transaction."""
        with self.transact() as db:
            db.execute(
                "UPDATE cards SET revoked_at = ? WHERE member_id = ? AND revoked_at IS NULL",
                (at, member_id),
            )
            db.execute(
                "INSERT INTO cards(code, member_id, issued_at) VALUES (?, ?, ?)",
                (code, member_id, at),
            )

    # ---- events ---------------------------------------------------------------------------

    def events_for(self, member_id: int) -> list[EventRecord]:
        """All events about one member, in local order."""
        return [
            EventRecord(*r)
            for r in self.all(
                f"SELECT {_EVENT_COLUMNS} FROM events WHERE member_id = ? {_COUNTED} "
                "ORDER BY seq",
                (member_id,),
            )
        ]

    def events_after(self, seq: int, limit: int | None = None) -> list[EventRecord]:
        """Events whose local sequence is above ``seq`` (for incremental readers)."""
        sql = f"SELECT {_EVENT_COLUMNS} FROM events WHERE seq > ? {_COUNTED} ORDER BY seq"
        params: tuple = (seq,)
        if limit is not None:
            sql += " LIMIT ?"
            params = (seq, limit)
        return [EventRecord(*r) for r in self.all(sql, params)]

    def event(self, event_id: str) -> EventRecord | None:
        """One event by its global id."""
        row = self.one(f"SELECT {_EVENT_COLUMNS} FROM events WHERE id = ?", (event_id,))
        return EventRecord(*row) if row else None

    def insert_event(
        self,
        *,
        id: str,
        kind: str,
        member_id: int,
        desk: str,
        operator: str,
        method: str,
        at: str,
        target: str | None = None,
        reason: str = "",
        hub_seq: int | None = None,
        stamp: bool = False,
        received_at: str | None = None,
    ) -> EventRecord | None:
        """Insert an event unless one with that id is already here (idempotent).

        With ``stamp`` the file is the authority and gives the event the next
        ``hub_seq``. ``received_at`` is when the authority received an event made
        elsewhere (a desk's). Returns the stored record, or None if it was a repeat.
        """
        # One statement computes the authority's next number and inserts, so the
        # hot path costs a single write on top of the commit.
        # After a hand-over the new hub numbers from a fresh block (SyncState.seq_base),
        # above anything the old hub may still have handed out.
        next_hub_seq = (
            "(SELECT max(COALESCE(MAX(hub_seq), 0), COALESCE((SELECT CAST(value AS INTEGER) "
            f"FROM meta WHERE key = '{SEQ_BASE_KEY}'), 0)) + 1 FROM events)"
        ) if (stamp and hub_seq is None) else "?"
        params: tuple = (id, kind, member_id, desk, operator, method, at, target, reason,
                         received_at)
        if next_hub_seq == "?":
            params += (hub_seq,)
        with self.transact() as db:
            # fetchall: a RETURNING statement stepped only once is still a
            # running write, and COMMIT refuses to end the transaction under it.
            rows = db.execute(
                "INSERT INTO events (id, kind, member_id, desk, operator, method, at, target, "
                f"reason, received_at, hub_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                f"{next_hub_seq}) "
                "ON CONFLICT(id) DO NOTHING RETURNING seq, hub_seq",
                params,
            ).fetchall()
            if not rows:
                return None
            row = rows[0]
            return EventRecord(
                row[0], id, kind, member_id, desk, operator, method, at, target, reason, row[1],
            )

    def stamp_event(self, event_id: str, hub_seq: int) -> None:
        """Record the authority's order for an event this replica sent earlier."""
        with self.transact() as db:
            db.execute(
                "UPDATE events SET hub_seq = ? WHERE id = ? AND hub_seq IS NULL",
                (hub_seq, event_id),
            )

    def refuse_event(self, event_id: str, code: str, reason: str) -> None:
        """Record that the authority refused this replica's event: it stays in the
        file, is never sent again, and no longer counts in presence or figures."""
        with self.transact() as db:
            db.execute(
                "INSERT INTO refused(event_id, code, reason, at) SELECT id, ?, ?, ? FROM events "
                "WHERE id = ? AND hub_seq IS NULL ON CONFLICT(event_id) DO NOTHING",
                (code, reason, now_iso(), event_id),
            )

    def desk_events(self, desk: str, kinds: Sequence[str], limit: int) -> list[EventRecord]:
        """A desk's latest events of some kinds, newest first."""
        marks = ",".join("?" for _ in kinds)
        return [EventRecord(*r) for r in self.all(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE desk = ? AND kind IN ({marks}) "
            "ORDER BY seq DESC LIMIT ?", (desk, *kinds, limit))]

    def voided_among(self, member_ids: Iterable[int]) -> set[str]:
        """The ids of events voided, among the events of these members."""
        # By member (indexed), not by target (not indexed): cheap on a full file.
        mids = sorted(set(member_ids))
        if not mids:
            return set()
        marks = ",".join("?" for _ in mids)
        return {r[0] for r in self.all(
            f"SELECT target FROM events WHERE member_id IN ({marks}) AND kind = 'void'", mids)}

    def arrivals_by_desk(self) -> dict[str, tuple[int, str]]:
        """For each desk: how many arrivals it recorded and when the last one was."""
        return {desk: (n, at) for desk, n, at in self.all(
            "SELECT desk, count(*), max(at) FROM events WHERE kind = 'arrive' GROUP BY desk")}

    def event_ids_between(self, low: str, high: str) -> list[str]:
        """Event ids ``low <= id < high`` (the events a short id prefix may name)."""
        return [r[0] for r in self.all("SELECT id FROM events WHERE id >= ? AND id < ?",
                                       (low, high))]

    def last_event_seq(self) -> int:
        """The highest local event sequence (0 when there are none)."""
        return int(self.one("SELECT COALESCE(MAX(seq), 0) FROM events")[0])

    # ---- photos --------------------------------------------------------------------------------

    def photo(self, member_id: int) -> bytes | None:
        """A member's photo (JPEG bytes), or None when they have none. Read one at a time:
        nothing keeps the roster's photos in memory."""
        row = self.one("SELECT image FROM photos WHERE member_id = ?", (member_id,))
        return bytes(row[0]) if row else None

    def photo_member_ids(self) -> set[int]:
        """The ids of the members who have a photo (the 缺照片 filter is the others)."""
        return {r[0] for r in self.all("SELECT member_id FROM photos")}

    def photos_version(self) -> int:
        """A counter bumped by every photo added, replaced or removed (desks follow it)."""
        return int(self.get_meta("photos_version", "0") or 0)

    def bump_photos_version(self) -> None:
        """Say photos were added, replaced or removed (inside the caller's transaction if
        there is one): a desk's decoded photos and its search thumbnails follow it."""
        with self.transact():
            self.set_meta("photos_version", str(self.photos_version() + 1))

    def set_photo(self, member_id: int, jpeg: bytes, source: str, *,
                  actor: str = "organizer") -> None:
        """Keep ``jpeg`` as the member's photo (replacing any), audited under ``actor``.

        Refused (``PhotoRefused``) unless it is a JPEG of at most 240x320 pixels
        and 48 KiB (``data.jpeg``) of a member on the roster (not removed); the schema checks the
        size and the JPEG's first bytes again, so no other writer gets past it.
        """
        problem = photo_problem(jpeg)
        if problem is not None:
            raise PhotoRefused(problem)
        source = " ".join(str(source).split())[:MAX_PHOTO_SOURCE]
        with self.transact() as db:
            if self.one("SELECT 1 FROM members WHERE id = ? AND removed_at IS NULL",
                        (member_id,)) is None:
                raise PhotoRefused(f"no member {member_id} on this meeting's roster")
            replaced = self.one("SELECT 1 FROM photos WHERE member_id = ?", (member_id,))
            # To the millisecond: desks tell a replaced photo by its time and size.
            at = datetime.now().astimezone().isoformat(timespec="milliseconds")
            db.execute(
                "INSERT INTO photos(member_id, image, source, added_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(member_id) DO UPDATE SET image = excluded.image, "
                "source = excluded.source, added_at = excluded.added_at",
                (member_id, sqlite3.Binary(jpeg), source, at))
            self.audit("photo_replaced" if replaced else "photo_added", actor=actor,
                       member_id=member_id, detail={"source": source, "bytes": len(jpeg)}, at=at)
            self.bump_photos_version()

    def remove_photo(self, member_id: int, *, actor: str = "organizer") -> bool:
        """Delete a member's photo, audited; False when they had none (nothing written)."""
        with self.transact() as db:
            gone = db.execute("DELETE FROM photos WHERE member_id = ?", (member_id,)).rowcount
            if not gone:
                return False
            self.audit("photo_removed", actor=actor, member_id=member_id)
            self.bump_photos_version()
        return True

    # ---- audit -------------------------------------------------------------------------------

    def audit(
        self, action: str, *, actor: str, member_id: int | None = None,
        detail: dict[str, Any] | None = None, at: str | None = None,
    ) -> None:
        """Append a line to the roster audit (inside the caller's transaction if any)."""
        with self.transact() as db:
            db.execute(
                "INSERT INTO audit(at, actor, action, member_id, detail) VALUES (?, ?, ?, ?, ?)",
                (at or now_iso(), actor, action, member_id,
                 json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)),
            )

    def last_audit_seq(self) -> int:
        """The number of the latest audit line (0 when there is none)."""
        return int(self.one("SELECT COALESCE(MAX(seq), 0) FROM audit")[0])

    def audit_actions_after(self, seq: int) -> list[tuple[str, int | None]]:
        """(action, member_id) of the audit lines after ``seq``, oldest first."""
        return [(r[0], r[1]) for r in self.all(
            "SELECT action, member_id FROM audit WHERE seq > ? ORDER BY seq", (seq,))]

    def audit_log(self) -> list[tuple[int, str, str, str, int | None, dict[str, Any]]]:
        """The audit, oldest first: (seq, at, actor, action, member_id, detail)."""
        return [
            (r[0], r[1], r[2], r[3], r[4], json.loads(r[5]))
            for r in self.all("SELECT seq, at, actor, action, member_id, detail FROM audit ORDER BY seq")
        ]

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for many rows inside the caller's transaction."""
        with self.transact() as db:
            db.executemany(sql, rows)
