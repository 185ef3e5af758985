"""The link state in meta: files written under the old key names open, and only data/sync.py
names those keys.

The replica here is built the way SignDesk wrote them before ``data.sync``
existed: raw rows under the literal ``link.*`` names (the on-disk format), so
a rename in data/sync.py fails this test instead of stranding every desk's copy.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from data.store import Store
from data.sync import (
    LinkKeys,
    forget_identity,
    link_keys,
    set_paired_desks_json,
    set_sync_state,
    sync_state,
)
from kiosk.desk import replica_desk
from kiosk.link import identity, pairing
from kiosk.link.client import desk_context
from kiosk.link.replica import add_rejected, pending_count, rejected_ids, take_over

ROOT = Path(__file__).resolve().parents[2]


def _old_replica(store: Store) -> dict[str, str]:
    """Turn an open meeting file into a replica as the previous version wrote it."""
    hub = identity.new_hub_identity(store.meeting().uid)
    desk = identity.new_desk_key()
    rows = {
        "role": "replica",
        "link.hub": "10.0.0.5:8765", "link.desk": "1号台",
        "link.meeting": store.meeting().uid, "link.term": "f319b15b605639d4",
        "link.cursor": "90", "link.fingerprint": "fp123",
        "link.rejected": json.dumps(["e2", "e1"]),
        "link.desk_key": desk.key_pem,
        "link.desk_cert": identity.issue_desk_cert(hub, desk.public_der, "1号台"),
        "link.hub_cert": hub.cert_pem,
        "link.token": "a signdesk/1 credential",
    }
    with store.transact() as db:
        db.executemany("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) "
                       "DO UPDATE SET value = excluded.value", list(rows.items()))
    return rows


def test_a_replica_written_under_the_old_key_names_opens(demo_path: Path) -> None:
    with Store.open(demo_path) as store:
        rows = _old_replica(store)
    with Store.open(demo_path) as store:
        assert store.is_replica
        state = sync_state(store)
        assert (state.hub, state.desk, state.meeting, state.term, state.cursor,
                state.fingerprint) == ("10.0.0.5:8765", "1号台", rows["link.meeting"],
                                       "f319b15b605639d4", 90, "fp123")
        assert state.rejected == {"e1", "e2"} and rejected_ids(store) == {"e1", "e2"}
        assert (state.seq_base, state.seq_top) == (0, 0)
        keys = link_keys(store)
        assert keys.paired and keys.desk_key == rows["link.desk_key"] and not keys.hub_key
        assert desk_context(store) is not None  # the stored TLS identity still loads
        assert pending_count(store) == 0
    assert replica_desk(demo_path) == "1号台"


def test_writes_land_under_the_same_key_names(demo_path: Path) -> None:
    with Store.open(demo_path) as store:
        _old_replica(store)
        set_sync_state(store, cursor=120, term="t2", hub="10.0.0.6:8765")
        add_rejected(store, ["e3"])
        raw = dict(store.all("SELECT key, value FROM meta WHERE key LIKE 'link.%'"))
        assert (raw["link.cursor"], raw["link.term"], raw["link.hub"]) == ("120", "t2",
                                                                           "10.0.0.6:8765")
        assert json.loads(raw["link.rejected"]) == ["e1", "e2", "e3"]
        # The desk's replica becomes the hub: every key, pin, pairing record and the
        # retired signdesk/1 token go; the numbering moves to a new block.
        set_sync_state(store, meeting=store.meeting().uid)
        take_over(store)
        raw = dict(store.all("SELECT key, value FROM meta WHERE key LIKE 'link.%'"))
        for gone in ("link.desk_key", "link.desk_cert", "link.hub_cert", "link.token",
                     "link.credentials"):
            assert gone not in raw
        assert int(raw["link.seq_base"]) == sync_state(store).seq_base > 0
        assert raw["link.cursor"] == "0" and raw["link.term"] != "t2"


def test_a_hub_file_keeps_its_identity_and_paired_desks_under_the_old_names(
        demo_store: Store) -> None:
    hub = identity.ensure_hub_identity(demo_store)
    raw = dict(demo_store.all("SELECT key, value FROM meta WHERE key LIKE 'link.%'"))
    assert (raw["link.hub_key"], raw["link.hub_cert"]) == (hub.key_pem, hub.cert_pem)
    cred = pairing.Credential("c1", "1号台", "ab" * 32, "2026-11-28T09:00:00+08:00")
    set_paired_desks_json(demo_store, pairing.credentials_json({cred.id: cred}))
    assert json.loads(demo_store.get_meta("link.credentials") or "")[0]["id"] == "c1"
    assert pairing.load_credentials(demo_store) == {"c1": cred}
    forget_identity(demo_store)
    assert link_keys(demo_store) == LinkKeys() and pairing.load_credentials(demo_store) == {}


@pytest.mark.parametrize("key, value", [
    ("link.cursor", "ninety"), ("link.seq_base", "1e9x"), ("link.rejected", "{\"a\": 1}"),
    ("link.rejected", "[not json"),
])
def test_a_damaged_sync_state_is_refused_not_read_as_zero(
        demo_store: Store, key: str, value: str) -> None:
    demo_store.set_meta(key, value)
    with pytest.raises(ValueError):
        sync_state(demo_store)


def test_only_data_sync_names_the_link_meta_keys() -> None:
    """Every other module reads and writes the link state through data.sync."""
    literal = re.compile(r"""["']link\.[a-z_]+["']""")
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for top in ("kiosk", "data", "ui", "reports", "cli")
        for path in sorted((ROOT / top).rglob("*.py")) if path != ROOT / "data" / "sync.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert offenders == []
