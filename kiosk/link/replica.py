"""A desk's copy of the meeting: writing snapshots, events and roster updates into it.

Also the two ends of a hand-over: ``snapshot_of`` (what the hub sends a joining
desk) and ``take_over`` (a desk's replica becoming the authority when its
machine runs the hub). Everything here works on a ``Store`` and never touches
a socket.

What a replica remembers of its hub (term, cursor, roster fingerprint, desk,
address, refused events) and its TLS identity are read and written through
``data.sync`` (``SyncState``, ``LinkKeys``), never by meta key.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from data.records import EventRecord
from data.store import Store
from data.sync import (
    LinkKeys,
    forget_identity,
    set_link_keys,
    set_sync_state,
    sync_state,
)
from kiosk.idnumbers import KEY_META
from kiosk.link.identity import owner_only
from kiosk.link.protocol import (
    ROSTER_TABLES,
    event_from_wire,
    event_to_wire,
    id_key_of,
    roster_fingerprint,
    roster_rows,
    set_id_key,
)

EPOCH = 1 << 32
"""Each hand-over starts a new block of hub_seq numbers, so that events the old
hub numbered but the new hub has not seen yet keep their numbers without ever
colliding with the new hub's."""


def new_term() -> str:
    """A fresh id for one hub's numbering of its events."""
    return secrets.token_hex(8)


def ensure_hub_meta(store: Store) -> str:
    """Give an authority file a term if it has none; returns the term."""
    term = sync_state(store).term
    if not term:
        term = new_term()
        set_sync_state(store, term=term)
    return term


def snapshot_of(
    store: Store, roster: Callable[[str], dict[str, list[list[Any]]]] | None = None,
) -> dict[str, Any]:
    """Everything a joining desk needs, read in one transaction so it is consistent.

    ``roster`` maps the roster's fingerprint to the rows to send (the hub's
    per-desk view, cached per roster version); by default all rows.
    """
    with store.reading():
        events = store.events_after(0)
        fingerprint = roster_fingerprint(store)
        snap = {
            "type": "snapshot",
            "term": sync_state(store).term,
            "pos": events[-1].seq if events else 0,
            "fingerprint": fingerprint,
            "roster": roster(fingerprint) if roster else roster_rows(store),
            "roster_version": store.get_meta("roster_version", "0"),
            "id_key": id_key_of(store),
            "events": [event_to_wire(e) for e in events],
        }
    return snap


def write_snapshot(
    path: str | Path, snap: dict[str, Any], *, keys: LinkKeys, hub: str, desk: str,
    fingerprint: str,
) -> Path:
    """Build a desk's replica file from a snapshot; the file appears whole or not at all.

    ``keys`` are the desk's TLS identity and the pinned hub certificate (a
    hub's key is never written here): the file is owner-only.
    """
    path = Path(path)
    tmp = path.with_name(path.name + ".joining")
    for suffix in ("", "-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    store = Store.open(tmp, create=True)
    owner_only(tmp)
    try:
        with store.transact() as db:
            _upsert_roster(db, snap["roster"])
            db.executemany(
                "INSERT INTO events (id, kind, member_id, desk, operator, method, at, target, "
                "reason, hub_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [tuple(event_from_wire(e).values()) for e in snap["events"]],
            )
            store.set_meta("role", "replica")
            store.set_meta("roster_version", str(snap.get("roster_version", "0")))
            set_sync_state(store, hub=hub, desk=desk, meeting=snap["roster"]["meeting"][0][1],
                           term=snap["term"] or "", cursor=int(snap["pos"]),
                           fingerprint=fingerprint)
            set_link_keys(store, LinkKeys(keys.desk_key, keys.desk_cert, keys.hub_cert))
            # The new file made its own secret: only the hub's hashes a swipe as it did.
            db.execute("DELETE FROM meta WHERE key = ?", (KEY_META,))
            set_id_key(store, snap)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    os.replace(tmp, path)
    return path


def _upsert_roster(db: sqlite3.Connection, roster: dict[str, list[list[Any]]]) -> None:
    # Parents before children, so foreign keys hold at every statement.
    for table in ("desks", "branches", "members", "cards", "meeting"):
        cols = ROSTER_TABLES[table]
        key = "code" if table == "cards" else "id"
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != key)
        db.executemany(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)}) "
            f"ON CONFLICT({key}) DO UPDATE SET {updates}",
            [tuple(r) for r in roster.get(table, [])],
        )


def apply_roster(store: Store, message: dict[str, Any]) -> None:
    """Bring a replica's roster and settings up to the hub's."""
    with store.transact() as db:
        _upsert_roster(db, message["roster"])
        set_id_key(store, message)
        store.set_meta("roster_version", str(message.get("roster_version", "0")))
        set_sync_state(store, fingerprint=message["fingerprint"])


def apply_snapshot(store: Store, snap: dict[str, Any]) -> None:
    """Bring an existing replica up to a fresh snapshot from its hub, in place.

    What a desk does when it could not apply an update: the roster is upserted
    first (so every member an event names exists), then every event it lacks,
    and its own pending events keep waiting (or get the hub's number).
    """
    if snap["roster"]["meeting"][0][1] != sync_state(store).meeting:
        raise ValueError("the snapshot is of another meeting")
    with store.transact() as db:
        _upsert_roster(db, snap["roster"])
        set_id_key(store, snap)
        apply_events(store, snap["events"], int(snap["pos"]))
        set_sync_state(store, term=str(snap.get("term") or ""),
                       fingerprint=str(snap.get("fingerprint", "")))
        store.set_meta("roster_version", str(snap.get("roster_version", "0")))


class Applied(NamedTuple):
    """What a batch from the hub changed in a replica."""

    inserted: list[EventRecord]  # events new here (other desks', the organizer's)
    stamped: list[EventRecord]   # this desk's own events, now numbered by the hub

    @property
    def all(self) -> list[EventRecord]:
        return self.inserted + self.stamped


def apply_events(store: Store, rows: list[Any], pos: int | None) -> Applied:
    """Insert events from the hub (repeats ignored) and stamp this desk's own ones.

    The cursor moves in the same transaction, so a crash never skips or
    half-applies a batch.
    """
    changed: list[EventRecord] = []
    stamped_now: list[EventRecord] = []
    with store.transact():
        for row in rows:
            fields = event_from_wire(row)
            try:
                ev = store.insert_event(**fields)
            except sqlite3.IntegrityError:
                # Only after a hand-over can two hubs' numbers meet here; the
                # event itself matters more than its place in the order.
                ev = store.insert_event(**{**fields, "hub_seq": None})
            if ev is not None:
                changed.append(ev)
                continue
            mine = store.event(fields["id"])
            if mine is not None and mine.hub_seq is None and fields["hub_seq"] is not None:
                try:
                    store.stamp_event(fields["id"], fields["hub_seq"])
                except sqlite3.IntegrityError:
                    continue
                stamped = store.event(fields["id"])
                if stamped is not None:
                    stamped_now.append(stamped)
        if pos is not None:
            set_sync_state(store, cursor=pos)
    return Applied(changed, stamped_now)


def pending_events(store: Store, limit: int, skip: set[str]) -> list[EventRecord]:
    """This replica's events the hub has not acknowledged yet, oldest first."""
    rejected = rejected_ids(store)
    rows = store.all(
        "SELECT seq, id, kind, member_id, desk, operator, method, at, target, reason, hub_seq "
        "FROM events WHERE hub_seq IS NULL AND id NOT IN (SELECT event_id FROM refused) "
        "ORDER BY seq LIMIT ?",
        (limit + len(skip) + len(rejected),),
    )
    out = [EventRecord(*r) for r in rows if r[1] not in skip and r[1] not in rejected]
    return out[:limit]


def pending_count(store: Store) -> int:
    """How many check-ins are waiting to reach the hub."""
    n = int(store.one("SELECT count(*) FROM events WHERE hub_seq IS NULL "
                      "AND id NOT IN (SELECT event_id FROM refused)")[0])
    return max(0, n - len(rejected_ids(store) - refused_ids(store)))


def refused_ids(store: Store) -> set[str]:
    """Events the hub refused, with a reason (they no longer count here)."""
    return {r[0] for r in store.all("SELECT event_id FROM refused")}


def rejected_ids(store: Store) -> set[str]:
    """Events the hub refused for good (never resent)."""
    return set(sync_state(store).rejected)


def add_rejected(store: Store, ids: list[str]) -> None:
    """Remember events the hub refused, so they are not sent again."""
    if ids:
        set_sync_state(store, rejected=rejected_ids(store) | set(ids))


def take_over(store: Store, actor: str = "hub") -> int:
    """Make a desk's replica the authority; returns how many pending events it stamped.

    The old hub's order is kept; this desk's unacknowledged events follow it,
    numbered in a new block (see ``EPOCH``), and the file gets a new term so
    every desk that connects next exchanges its whole set of events.

    The old hub's key never left its machine, so the new hub is a new identity
    (``Hub`` makes its certificate on start): this desk's own TLS identity and
    its pin of the old hub are removed, and every other desk pairs again with
    the new hub's code, keeping its copy and every check-in in it.
    """
    with store.transact():
        if not store.is_replica:
            return 0
        top = int(store.one("SELECT COALESCE(MAX(hub_seq), 0) FROM events")[0])
        base = (top // EPOCH + 1) * EPOCH
        pending = [r[0] for r in store.all(
            "SELECT id FROM events WHERE hub_seq IS NULL ORDER BY seq")]
        for n, event_id in enumerate(pending, start=1):
            store.stamp_event(event_id, base + n)
        store.set_meta("role", "authority")
        forget_identity(store)
        set_sync_state(store, seq_base=base, seq_top=top, term=new_term(), cursor=0)
        store.audit("hub_takeover", actor=actor,
                    detail={"stamped": len(pending), "seq_base": base,
                            "former_hub": sync_state(store).hub})
    return len(pending)


def erase_replica(path: str | Path) -> tuple[list[Path], list[Path]]:
    """Remove a desk's copy of the meeting and every file that goes with it.

    Done when the hub revokes the desk. Returns (removed, could not remove).
    """
    path = Path(path)
    candidates = [Path(str(path) + s) for s in ("", "-wal", "-shm", "-journal")]
    candidates += sorted(path.parent.glob(path.name + ".joining*"))
    candidates += sorted(path.parent.glob(path.name + ".v*.bak"))
    removed: list[Path] = []
    failed: list[Path] = []
    for p in candidates:
        if not p.exists():
            continue
        try:
            p.unlink()
            removed.append(p)
        except OSError:
            failed.append(p)
    return removed, failed
