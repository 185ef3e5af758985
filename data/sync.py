"""A meeting file's link state, kept in meta: the one place its ``link.*`` keys are read and written.

A desk's replica remembers which hub it belongs to and how far it has read
that hub's events; the hub's file remembers its numbering and the desks it
paired; both keep TLS material. kiosk/link reads and writes all of it through
the typed functions here, never by key name.

The key names on disk never change: replicas and hub files made by earlier
versions open as they are (tests/link/test_sync_meta.py builds one from the
literal names).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the store passes itself in (data.store imports this module)
    from data.store import Store

_STATE_KEYS = {
    "term": "link.term",
    "seq_base": "link.seq_base",
    "seq_top": "link.seq_top",
    "cursor": "link.cursor",
    "fingerprint": "link.fingerprint",
    "hub": "link.hub",
    "desk": "link.desk",
    "meeting": "link.meeting",
    "rejected": "link.rejected",
}
_KEY_KEYS = {
    "desk_key": "link.desk_key",
    "desk_cert": "link.desk_cert",
    "hub_cert": "link.hub_cert",
    "hub_key": "link.hub_key",
}
SEQ_BASE_KEY = _STATE_KEYS["seq_base"]
"""For the store's one-statement numbering of an event (``Store.insert_event``), in SQL."""
_PAIRED = "link.credentials"
_RETIRED = ("link.token",)  # a signdesk/1 desk's credential: such a copy pairs again


@dataclass(frozen=True, slots=True)
class SyncState:
    """Where a file stands with its hub (a replica) or in its own numbering (a hub)."""

    term: str = ""          # which hub's numbering ``cursor`` counts in; new at a hand-over
    seq_base: int = 0       # the block the hub numbers from after a hand-over (hub's file)
    seq_top: int = 0        # the highest old-hub number the taking-over desk held (hub's file)
    cursor: int = 0         # the hub position of the last event this replica received
    fingerprint: str = ""   # of the roster last applied from the hub
    hub: str = ""           # the hub's address, host:port
    desk: str = ""          # which desk this replica is
    meeting: str = ""       # the uid of the meeting the replica belongs to
    rejected: frozenset[str] = frozenset()  # events the hub refused for good (never resent)


@dataclass(frozen=True, slots=True)
class LinkKeys:
    """TLS material kept in the file, PEM; '' when absent.

    A replica holds its own key and certificate (signed by the hub at pairing)
    and the pinned hub certificate; a hub's file holds the hub's key and
    certificate. Read only where a connection is made.
    """

    desk_key: str = ""
    desk_cert: str = ""
    hub_cert: str = ""
    hub_key: str = ""

    @property
    def paired(self) -> bool:
        """True when a desk can open a connection with these (a replica made by
        signdesk/1 has none and must pair again)."""
        return bool(self.desk_key and self.desk_cert and self.hub_cert)


def _read(store: Store, keys: dict[str, str]) -> dict[str, str]:
    marks = ",".join("?" for _ in keys)
    got = dict(store.all(f"SELECT key, value FROM meta WHERE key IN ({marks})",
                         tuple(keys.values())))
    return {name: got.get(key) or "" for name, key in keys.items()}


def sync_state(store: Store) -> SyncState:
    """The file's link state, read in one query.

    A malformed number or list (a damaged file) raises ValueError rather than
    reading as a start from zero, which would fetch or resend everything.
    """
    v = _read(store, _STATE_KEYS)
    rejected = json.loads(v["rejected"] or "[]")
    if not isinstance(rejected, list):
        raise ValueError("link.rejected is not a list")
    return SyncState(
        term=v["term"], seq_base=int(v["seq_base"] or 0), seq_top=int(v["seq_top"] or 0),
        cursor=int(v["cursor"] or 0), fingerprint=v["fingerprint"], hub=v["hub"],
        desk=v["desk"], meeting=v["meeting"], rejected=frozenset(str(r) for r in rejected),
    )


def set_sync_state(
    store: Store, *, term: str | None = None, seq_base: int | None = None,
    seq_top: int | None = None, cursor: int | None = None, fingerprint: str | None = None,
    hub: str | None = None, desk: str | None = None, meeting: str | None = None,
    rejected: Iterable[str] | None = None,
) -> None:
    """Change the given parts of the link state (None: leave as is), in one transaction
    (the caller's, if one is open)."""
    values: dict[str, str] = {}
    for name, value in (("term", term), ("fingerprint", fingerprint), ("hub", hub),
                        ("desk", desk), ("meeting", meeting)):
        if value is not None:
            values[name] = str(value)
    for name, number in (("seq_base", seq_base), ("seq_top", seq_top), ("cursor", cursor)):
        if number is not None:
            values[name] = str(int(number))
    if rejected is not None:
        values["rejected"] = json.dumps(sorted(set(rejected)))
    with store.transact():
        for name, text in values.items():
            store.set_meta(_STATE_KEYS[name], text)


def link_keys(store: Store) -> LinkKeys:
    """The file's TLS material, read in one query."""
    return LinkKeys(**_read(store, _KEY_KEYS))


def set_link_keys(store: Store, keys: LinkKeys) -> None:
    """Store the non-empty parts of ``keys`` (empty parts are left as they are)."""
    with store.transact():
        for f in dataclass_fields(LinkKeys):
            value = getattr(keys, f.name)
            if value:
                store.set_meta(_KEY_KEYS[f.name], value)


def paired_desks_json(store: Store) -> str:
    """The hub's record of paired desks, as the JSON text ``kiosk.link.pairing`` writes."""
    return store.get_meta(_PAIRED, "[]") or "[]"


def set_paired_desks_json(store: Store, text: str) -> None:
    """Replace the hub's record of paired desks."""
    store.set_meta(_PAIRED, text)


def forget_identity(store: Store) -> None:
    """Remove every TLS key, pin and pairing record (a desk's replica becoming the hub:
    the old hub's key never left its machine, so the new hub is a new identity)."""
    doomed = (*_KEY_KEYS.values(), _PAIRED, *_RETIRED)
    with store.transact() as db:
        db.execute(f"DELETE FROM meta WHERE key IN ({','.join('?' for _ in doomed)})", doomed)
