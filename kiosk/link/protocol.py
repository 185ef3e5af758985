"""The wire format shared by hub and desks (``signdesk/3``; see docs/PROTOCOL.md).

Messages are JSON objects with a ``type`` sent as WebSocket text frames; the one
large message, the join snapshot, is zlib-compressed JSON in a binary frame.
Events travel as compact arrays in ``EVENT_FIELDS`` order. Everything here is
pure: reading rows from a store and shaping them, no sockets.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from typing import Any

from data.records import EventRecord
from data.store import Store
from kiosk import idnumbers
from kiosk.validate import Rejected, parse_event

PROTOCOL = "signdesk/3"
"""The protocol version every hello and pair message names. Version 3 added photos,
ID-card check-ins and the members' ID columns: a desk of version 2 would fail on
them, so the hub refuses it by name ("version") and it says so instead of looping."""

SUBPROTOCOL = "signdesk.v2"
"""The WebSocket subprotocol both ends ask for ('/' is not allowed in one). It names the
transport (TLS with pinned ends), unchanged since version 2: kept, so that a desk of
another version reaches the hub's "version" answer instead of a failed handshake."""

SERVICE_TYPE = "_signdesk._tcp.local."
"""The DNS-SD service type hubs advertise."""

# The roster tables a desk replicates, with their columns in a fixed order.
# Audit and meta stay on the hub: desks need neither, and meta holds secrets.
ROSTER_TABLES: dict[str, tuple[str, ...]] = {
    "meeting": ("id", "uid", "code_prefix", "title", "date", "venue", "quorum_rule",
                "opens_at", "closes_at", "signin_state", "wrong_desk_admits", "track_leave",
                "pin_hash", "created_at"),
    "desks": ("id", "name"),
    "branches": ("id", "name", "position", "desk_id"),
    "members": ("id", "number", "name", "branch_id", "gender", "birth_date", "education",
                "phone", "category", "status", "status_reason", "notes", "pinyin", "initials",
                "removed_at", "exclusion_case", "approved_by", "approved_on", "state_source",
                "vote_suspended", "lost_contact", "mobile", "id_hash", "id_last4"),
    "cards": ("code", "member_id", "issued_at", "revoked_at"),
}

# Messages a desk may send before it has proved who it is.
UNAUTHENTICATED = frozenset({"pair", "hello"})

MAX_PUSH = 500
"""Most events a desk sends in one push (keeps each hub transaction short)."""


class ProtocolError(Exception):
    """A message that does not follow the protocol (``PROTOCOL``)."""


def encode(message: dict[str, Any]) -> str:
    """A message as a text frame."""
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"))


def decode(frame: str | bytes, *, binary: bool = True,
           max_inflated: int = 512 * 1024 * 1024) -> dict[str, Any]:
    """A text frame (JSON) or binary frame (zlib JSON) back to a message.

    The hub passes ``binary=False``: desks never send compressed frames, so it
    never inflates anything a stranger sent. A desk inflates at most
    ``max_inflated`` bytes, so a hostile 'snapshot' cannot exhaust its memory.
    """
    try:
        if isinstance(frame, bytes):
            if not binary:
                raise ProtocolError("binary messages are not accepted here")
            inflater = zlib.decompressobj()
            data = inflater.decompress(frame, max_inflated)
            if inflater.unconsumed_tail:
                raise ProtocolError(f"message inflates beyond {max_inflated} bytes")
            frame = data.decode("utf-8")
        message = json.loads(frame)
    except (ValueError, zlib.error, RecursionError) as exc:
        raise ProtocolError(f"unreadable message: {exc}") from exc
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        raise ProtocolError("a message is a JSON object with a 'type'")
    return message


def binary_frame(text: str) -> bytes:
    """A large message's JSON text (the snapshot) as a compressed binary frame."""
    # Level 1: a 100,000-member snapshot compresses in a fraction of the time of
    # level 6 and is only ~15% larger, which on a LAN is the better trade.
    return zlib.compress(text.encode("utf-8"), 1)


def event_to_wire(ev: EventRecord) -> list[Any]:
    """An event as a compact array (without the sender's local ``seq``)."""
    return [ev.id, ev.kind, ev.member_id, ev.desk, ev.operator, ev.method, ev.at, ev.target,
            ev.reason, ev.hub_seq]


def event_from_wire(row: Any) -> dict[str, Any]:
    """An event from the hub as keyword arguments for ``Store.insert_event``; checks
    its shape with ``kiosk.validate.parse_event`` (raises ``ProtocolError`` saying why)."""
    try:
        return parse_event(row, from_hub=True)
    except Rejected as exc:
        raise ProtocolError(f"bad event: {exc}") from exc


def roster_rows(store: Store) -> dict[str, list[list[Any]]]:
    """The roster tables as rows in ``ROSTER_TABLES`` column order."""
    out: dict[str, list[list[Any]]] = {}
    for table, cols in ROSTER_TABLES.items():
        order = "code" if table == "cards" else "id"
        out[table] = [list(r) for r in store.all(
            f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}")]
    return out


def roster_fingerprint(store: Store) -> str:
    """A short digest that changes whenever anything a desk copies of the roster changes.

    The roster version is bumped by member edits and imports; settings, desks
    and branch assignments do not bump it, so their rows are hashed too, and
    cheap counts catch anything else.
    """
    h = hashlib.sha1()
    h.update((store.get_meta("roster_version", "0") or "0").encode())
    # What a desk's view leaves out (kiosk.link.leastdata); a change there must
    # reach desks already in sync: "ids-own" blanked other branches' ID hashes.
    h.update(b"view:ids-own")
    # A desk with another ID secret (or none, after an upgrade) must be sent this one.
    h.update(id_key_of(store).encode())
    for sql in (
        "SELECT * FROM meeting",
        "SELECT id, name FROM desks ORDER BY id",
        "SELECT id, name, position, desk_id FROM branches ORDER BY id",
        "SELECT count(*), COALESCE(max(id), 0) FROM members",
        "SELECT count(*), count(revoked_at) FROM cards",
    ):
        h.update(repr(store.all(sql)).encode())
    return h.hexdigest()[:16]


def id_key_of(store: Store) -> str:
    """The meeting's secret for ID-number hashes ('' when it has none).

    It travels to every desk with the roster: a desk hashes each swiped ID
    card itself, with the network down too, and finds its own branches' members
    by it; any other number it asks the hub about (``id_lookup``; README: ID
    cards and privacy).
    """
    key = store.get_meta(idnumbers.KEY_META) or ""
    return key if idnumbers.is_key(key) else ""


def set_id_key(store: Store, message: dict[str, Any]) -> None:
    """Keep the secret a hub sent with a snapshot or roster (in the caller's transaction).

    Absent (an older hub) leaves the replica's as it is; anything but 64 hex
    characters or '' is refused (``ValueError``): the desk asks for a snapshot.
    """
    if "id_key" not in message:
        return
    key = message["id_key"]
    if key == "":
        store.db.execute("DELETE FROM meta WHERE key = ?", (idnumbers.KEY_META,))
    elif idnumbers.is_key(key):
        store.set_meta(idnumbers.KEY_META, key)
    else:
        raise ValueError("the hub sent a malformed ID-number secret")


def meeting_summary(store: Store) -> dict[str, Any]:
    """What a desk is told about the meeting before it has the roster."""
    m = store.meeting()
    return {"uid": m.uid, "title": m.title, "date": m.date, "venue": m.venue}
