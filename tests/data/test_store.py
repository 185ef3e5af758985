"""The meeting file: schema versions, pragmas, integrity, immutable events, durability."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import data.schema as schema
import data.store as store_mod
from data.store import CorruptFileError, NewerFileError, NotAMeetingFileError, Store, StoreError
from data.sync import set_sync_state
from kiosk.meeting import create_meeting

ROOT = Path(__file__).resolve().parents[2]

NOW = len(schema.MIGRATIONS)  # the version files are created at today


def test_new_file_is_at_current_version_with_durable_pragmas(tmp_path: Path) -> None:
    store = create_meeting(tmp_path / "m.sqlite", title="大会", date="2026-11-28")
    db = store.db
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.meeting().title == "大会"
    store.close()


def test_newer_file_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    create_meeting(path, title="t", date="2026-11-28").close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version=99")
    db.close()
    with pytest.raises(NewerFileError, match="newer SignDesk"):
        Store.open(path)


def test_older_file_is_copied_aside_then_upgraded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.sqlite"
    create_meeting(path, title="t", date="2026-11-28").close()

    def v2(db: sqlite3.Connection) -> None:
        """Add a column (test step)."""
        db.execute("ALTER TABLE meeting ADD COLUMN extra TEXT")

    monkeypatch.setattr(store_mod, "MIGRATIONS", [*schema.MIGRATIONS, v2])
    now = schema.SCHEMA_VERSION
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", now + 1)
    store = Store.open(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == now + 1
    store.close()
    backup = tmp_path / f"m.sqlite.v{now}.bak"
    assert backup.exists()
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == now
    assert old.execute("SELECT title FROM meeting").fetchone()[0] == "t"


def test_a_failing_upgrade_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.sqlite"
    create_meeting(path, title="t", date="2026-11-28").close()

    def v2(db: sqlite3.Connection) -> None:
        """Half a step, then a failure."""
        db.execute("CREATE TABLE half (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(store_mod, "MIGRATIONS", [*schema.MIGRATIONS, v2])
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    with pytest.raises(RuntimeError):
        Store.open(path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name='half'").fetchone()[0] == 0


def test_not_a_meeting_file(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("hello, not a database" * 100)
    with pytest.raises(NotAMeetingFileError):
        Store.open(text)
    other = tmp_path / "other.sqlite"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE t (x)")
    db.close()
    with pytest.raises(NotAMeetingFileError):
        Store.open(other)
    with pytest.raises(StoreError, match="no meeting file"):
        Store.open(tmp_path / "missing.sqlite")


def test_damage_is_reported_not_ignored(demo_path: Path) -> None:
    db = sqlite3.connect(demo_path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    raw = bytearray(demo_path.read_bytes())
    # Scribble over a few pages in the middle of the file (not the header).
    start = page_size * 5
    raw[start:start + page_size * 3] = os.urandom(page_size * 3)
    demo_path.write_bytes(bytes(raw))
    with pytest.raises((CorruptFileError, NotAMeetingFileError)):
        Store.open(demo_path)


def test_events_are_immutable_and_idempotent(demo_store: Store) -> None:
    mid = demo_store.members()[0].id
    kw = dict(id="e1", kind="arrive", member_id=mid, desk="1号台", operator="x",
              method="scan", at="2026-11-28T09:00:00+08:00")
    first = demo_store.insert_event(**kw, stamp=True)
    assert first is not None and first.hub_seq == 1
    assert demo_store.insert_event(**kw, stamp=True) is None  # a repeat adds nothing
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        demo_store.db.execute("DELETE FROM events")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        demo_store.db.execute("UPDATE events SET desk = 'elsewhere'")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        demo_store.db.execute("UPDATE events SET hub_seq = 5")  # stamped once only
    assert len(demo_store.events_after(0)) == 1


def test_transact_rolls_back_on_error(demo_store: Store) -> None:
    before = demo_store.last_event_seq()
    mid = demo_store.members()[0].id
    with pytest.raises(ValueError), demo_store.transact():
        demo_store.insert_event(id="e2", kind="arrive", member_id=mid, desk="d", operator="o",
                                method="scan", at="2026-11-28T09:00:00+08:00")
        raise ValueError("stop")
    assert demo_store.last_event_seq() == before


def test_a_check_in_that_returned_survives_a_killed_process(demo_path: Path) -> None:
    """The process is killed (SIGKILL) right after check_in returned: the event is there."""
    store = Store.open(demo_path)
    cards = store.current_cards()
    # A member who is expected (an excluded one's card answers without an event).
    code = next(cards[m.id] for m in store.members()
                if m.status == "active" and m.removed_at is None and m.id in cards)
    store.close()
    script = (
        "import sys, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from data.store import Store\n"
        "from kiosk.checkin import Desk, check_in\n"
        f"s = Store.open({str(demo_path)!r})\n"
        f"r = check_in(s, {code!r}, Desk('1号台', 't'))\n"
        "print(r.outcome, r.event.id if r.event else '', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline().split()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert line[0] == "welcome"
    store = Store.open(demo_path)
    assert store.event(line[1]) is not None
    store.close()


def test_a_new_hub_numbers_above_its_hand_over_block(demo_store: Store) -> None:
    mid = demo_store.members()[0].id
    set_sync_state(demo_store, seq_base=1_000_000)
    ev = demo_store.insert_event(id="h1", kind="arrive", member_id=mid, desk="d", operator="o",
                                 method="scan", at="2026-11-28T09:00:00+08:00", stamp=True)
    assert ev.hub_seq == 1000001


def test_a_failed_commit_does_not_swallow_later_writes(demo_store: Store, demo_path: Path) -> None:
    """A COMMIT that fails must end the transaction, or every later write would
    join it, report success, and never reach the disk."""
    mid = demo_store.members()[0].id
    with pytest.raises(sqlite3.IntegrityError), demo_store.transact() as db:
        # A deferred foreign key is only checked at COMMIT: the commit fails.
        db.execute("PRAGMA defer_foreign_keys=ON")
        db.execute("INSERT INTO cards(code, member_id, issued_at) VALUES ('X', 999999, 'now')")
    assert not demo_store.db.in_transaction
    ev = demo_store.insert_event(id="after", kind="arrive", member_id=mid, desk="d",
                                 operator="o", method="scan", at="2026-11-28T09:00:00+08:00")
    assert ev is not None
    other = sqlite3.connect(demo_path)
    assert other.execute("SELECT count(*) FROM events WHERE id = 'after'").fetchone()[0] == 1
    assert other.execute("SELECT count(*) FROM cards WHERE code = 'X'").fetchone()[0] == 0
    other.close()


def test_two_processes_upgrading_one_file_at_once(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The version is read again under the exclusive lock: a step never runs twice."""
    path = tmp_path / "m.sqlite"
    create_meeting(path, title="t", date="2026-11-28").close()

    def v2(db: sqlite3.Connection) -> None:
        """Add a column (test step)."""
        db.execute("ALTER TABLE meeting ADD COLUMN extra TEXT")

    monkeypatch.setattr(store_mod, "MIGRATIONS", [*schema.MIGRATIONS, v2])
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", NOW + 1)
    # Both opened the file at version 1; the first finishes its upgrade before
    # the second takes the lock.
    first = Store(path, sqlite3.connect(path, isolation_level=None, timeout=10.0))
    second = Store(path, sqlite3.connect(path, isolation_level=None, timeout=10.0))
    first._configure()
    second._configure()
    seen = second._version()
    first._migrate(first._version())
    second._migrate(seen)
    assert second._version() == NOW + 1
    first.close()
    second.close()


def test_another_programs_database_with_a_user_version_is_not_a_meeting(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE notes (x)")
    db.execute("PRAGMA user_version=1")  # many programs number their schema too
    db.close()
    with pytest.raises(NotAMeetingFileError):
        Store.open(other)


def test_a_transaction_left_open_is_never_joined(demo_store: Store, demo_path: Path) -> None:
    """A write into a transaction someone else left open would report success and
    reach the disk only when (if) that one commits: it raises instead."""
    demo_store.db.execute("BEGIN")  # left open by mistake
    with pytest.raises(store_mod.UncommittedError, match="left open"):
        demo_store.set_meta("probe", "1")
    demo_store.db.execute("ROLLBACK")
    demo_store.set_meta("probe", "2")
    other = sqlite3.connect(demo_path)
    assert other.execute("SELECT value FROM meta WHERE key = 'probe'").fetchone()[0] == "2"
    other.close()


def test_nested_transact_is_one_transaction(demo_store: Store, demo_path: Path) -> None:
    """The domain composes writes: an inner transact() belongs to the outer one."""
    other = sqlite3.connect(demo_path)
    with demo_store.transact():
        demo_store.set_meta("a", "1")
        demo_store.set_meta("b", "2")
        assert other.execute("SELECT count(*) FROM meta WHERE key IN ('a','b')").fetchone()[0] == 0
    assert not demo_store.holds_transaction()
    assert other.execute("SELECT count(*) FROM meta WHERE key IN ('a','b')").fetchone()[0] == 2
    other.close()


def test_a_read_never_pins_the_connection_to_an_old_snapshot(demo_store: Store,
                                                             demo_path: Path) -> None:
    """one() on a many-row query leaves no statement running: the connection
    still sees what other processes commit afterwards (a screen that reads
    through it would otherwise stop following the file, silently)."""
    assert demo_store.one("SELECT id FROM members") is not None  # many rows, one read
    before = demo_store.data_version()
    other = Store.open(demo_path)
    other.set_meta("probe", "x")
    other.close()
    assert demo_store.data_version() != before
    assert demo_store.get_meta("probe") == "x"


def test_open_stores_are_listed_until_closed(demo_path: Path) -> None:
    s = Store.open(demo_path)
    assert s in Store.open_stores()
    s.close()
    assert s not in Store.open_stores()
    assert not s.holds_transaction()
