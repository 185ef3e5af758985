"""The link's pure parts: wire format, credentials, backoff, replica writes, take-over."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.store import Store
from kiosk.checkin import Desk, check_in
from kiosk.link import pairing
from kiosk.link.protocol import (
    ProtocolError,
    decode,
    encode,
    encode_binary,
    event_from_wire,
    event_to_wire,
    roster_fingerprint,
)
from kiosk.link.replica import (
    EPOCH,
    TERM,
    apply_events,
    ensure_hub_meta,
    pending_count,
    snapshot_of,
    take_over,
    write_snapshot,
)
from kiosk.meeting import assign_desk, set_signin


def test_frames_round_trip_and_garbage_is_refused() -> None:
    msg = {"type": "events", "events": [], "pos": 3, "名": "张三"}
    assert decode(encode(msg)) == msg
    assert decode(encode_binary(msg)) == msg
    for bad in ("not json", "[1, 2]", '{"no": "type"}', b"\x00\x01"):
        with pytest.raises(ProtocolError):
            decode(bad)


def test_event_wire_shape_is_checked() -> None:
    row = ["a" * 32, "arrive", 5, "1号台", "op", "scan", "2026-11-28T08:30:00+08:00", None, "",
           None]
    assert event_from_wire(row)["member_id"] == 5
    for bad in (row[:9], [*row[:2], "5", *row[3:]], ["x", *row[1:]], [*row[:9], "7"]):
        with pytest.raises(ProtocolError):
            event_from_wire(bad)


def test_credentials_verify_only_their_own_token() -> None:
    token, cred = pairing.issue("3号台")
    creds = {cred.id: cred}
    assert pairing.verify(token, creds) == cred
    assert pairing.verify(token[:-1] + ("A" if token[-1] != "A" else "B"), creds) is None
    assert pairing.verify("nonsense", creds) is None
    assert pairing.verify(cred.digest, creds) is None  # the stored hash is not a token
    assert pairing.revoke(cred).revoked and not cred.revoked


def test_pairing_codes_and_uri() -> None:
    codes = {pairing.new_pairing_code() for _ in range(50)}
    assert all(len(c) == 6 and c.isdigit() and c[0] != "0" for c in codes)
    uri = pairing.pairing_uri("192.168.1.20:8765", "482913", "abc")
    assert pairing.parse_pairing_uri(uri) == ("192.168.1.20:8765", "482913", "abc")
    with pytest.raises(ValueError):
        pairing.parse_pairing_uri("https://example.com/?pair=1")


def test_backoff_doubles_per_miss_and_clears_on_success() -> None:
    b = pairing.Backoff(base=0.05, cap=0.15)
    assert b.wait("p") == 0
    assert b.miss("p") == pytest.approx(0.05)
    assert 0 < b.wait("p") <= 0.05
    assert b.wait("other") == 0  # per peer
    assert b.miss("p") == pytest.approx(0.10)
    assert b.miss("p") == pytest.approx(0.15)  # capped
    b.success("p")
    assert b.wait("p") == 0


def _replica_of(hub_store: Store, tmp_path: Path) -> Path:
    snap = snapshot_of(hub_store)
    return write_snapshot(tmp_path / "r.sqlite", snap, token="t.x", hub="h:1", desk="1号台",
                          fingerprint="f")


def test_snapshot_replica_and_idempotent_events(demo_store: Store, tmp_path: Path) -> None:
    ensure_hub_meta(demo_store)
    cards = demo_store.current_cards()
    members = [m for m in demo_store.members() if m.status == "active" and m.category == "full"]
    check_in(demo_store, cards[members[0].id], Desk("1号台", "t"))
    path = _replica_of(demo_store, tmp_path)
    with Store.open(path) as r:
        assert r.get_meta("role") == "replica"
        assert r.members() == demo_store.members() and r.meeting() == demo_store.meeting()
        assert len(r.events_after(0)) == 1
        assert [e.id for e in r.events_after(0)] == [e.id for e in demo_store.events_after(0)]
        # A pending check-in at the desk, then the hub's copy of it arrives twice.
        mine = check_in(r, cards[members[1].id], Desk("1号台", "t")).event
        assert mine is not None and mine.hub_seq is None and pending_count(r) == 1
        wire = [*event_to_wire(mine)[:9], 2]
        applied = apply_events(r, [wire], 2)
        assert applied.inserted == [] and [e.hub_seq for e in applied.stamped] == [2]
        assert apply_events(r, [wire], 2).all == []
        assert pending_count(r) == 0 and len(r.events_after(0)) == 2


def test_take_over_keeps_order_and_numbers_pending_in_a_new_block(
        demo_store: Store, tmp_path: Path) -> None:
    ensure_hub_meta(demo_store)
    cards = demo_store.current_cards()
    members = [m for m in demo_store.members() if m.status == "active" and m.category == "full"]
    check_in(demo_store, cards[members[0].id], Desk("1号台", "t"))
    path = _replica_of(demo_store, tmp_path)
    with Store.open(path) as r:
        old_term = r.get_meta(TERM)
        ev = check_in(r, cards[members[1].id], Desk("1号台", "t")).event
        assert take_over(r) == 1
        assert take_over(r) == 0  # already the authority
        assert r.get_meta("role") == "authority" and r.get_meta(TERM) != old_term
        assert r.event(ev.id).hub_seq == EPOCH + 1
        assert r.events_after(0)[0].hub_seq == 1
        assert r.audit_log()[-1][3] == "hub_takeover"


def test_fingerprint_sees_settings_and_desk_assignments(demo_store: Store) -> None:
    before = roster_fingerprint(demo_store)
    set_signin(demo_store, "closed", "t")
    after_settings = roster_fingerprint(demo_store)
    assign_desk(demo_store, "第一支部", "2号台", "t")
    assert len({before, after_settings, roster_fingerprint(demo_store)}) == 3
