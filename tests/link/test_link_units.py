"""The link's pure parts: wire format, codes, the pairing door, certificates, replica writes."""

from __future__ import annotations

import os
import stat
from dataclasses import asdict
from pathlib import Path

import pytest

from data.store import Store
from data.sync import LinkKeys, set_paired_desks_json, sync_state
from kiosk.checkin import Desk, check_in
from kiosk.link import identity, pairing
from kiosk.link.protocol import (
    ProtocolError,
    binary_frame,
    decode,
    encode,
    event_from_wire,
    event_to_wire,
    roster_fingerprint,
)
from kiosk.link.replica import (
    EPOCH,
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
    assert decode(binary_frame(encode(msg))) == msg
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


def test_credentials_are_certificate_fingerprints_and_old_tokens_are_dropped(
        demo_store: Store) -> None:
    cred = pairing.new_credential("3号台", "ab" * 32)
    assert pairing.revoke(cred).revoked and not cred.revoked
    old = {"id": "9f2c1a7e", "name": "2号台", "digest": "00" * 32, "paired_at": "x",
           "revoked_at": None}  # a signdesk/1 token hash: that desk pairs again
    import json
    set_paired_desks_json(demo_store, json.dumps([old, asdict(cred)]))
    assert pairing.load_credentials(demo_store) == {cred.id: cred}


def test_pairing_codes_normalised_and_uri_carries_the_fingerprint() -> None:
    codes = {pairing.new_pairing_code() for _ in range(50)}
    assert all(len(c) == 6 and c.isdigit() and c[0] != "0" for c in codes)
    for typed in ("482913", "４８２９１３", "482 913", "４８２　９１３", " 482-913\n"):
        assert pairing.normalize_code(typed) == "482913", typed
    for bad in ("48291", "4829134", "48291x", "", "٤٨٢٩١٣", "48\u200b2913", None, 482913):
        assert pairing.normalize_code(bad) is None, bad  # type: ignore[arg-type]
    fp = "0f" * 32
    uri = pairing.pairing_uri("192.168.1.20:8765", "482913", "abc", fp)
    assert pairing.parse_pairing_uri(uri) == ("192.168.1.20:8765", "482913", "abc", fp)
    assert pairing.parse_pairing_uri(uri.replace("482913", "４８２９１３")).code == "482913"
    old = pairing.parse_pairing_uri("signdesk://h:1?pair=482913&meeting=abc")
    assert old.fingerprint is None
    for bad in ("https://example.com/?pair=1", uri.replace(fp, "zz"),
                "signdesk://h:1?pair=12&meeting=abc"):
        with pytest.raises(ValueError):
            pairing.parse_pairing_uri(bad)


class _Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_pairing_door_budget_rotation_and_closing() -> None:
    clock = _Clock()
    door = pairing.PairingDoor(burst=3, refill=10.0, rotate_after=2, close_after=6,
                               reopen_after=60.0, clock=clock)
    first = door.code
    for _ in range(3):
        assert door.admit() is None
    reason, wait = door.admit()  # the burst is spent, whoever asks
    assert reason == "slow_down" and wait == pytest.approx(10.0)
    door.wrong()
    assert door.code == first  # one wrong try: same code
    door.wrong()
    second = door.code
    assert second != first  # rotated after 2 wrong tries on it
    door.right()  # a right code gives its token back and moves the code on
    assert door.code != second and door.state().wrong == 2
    for _ in range(4):
        clock.t += 10.0  # one more try every 10 s
        assert door.admit() is None
        door.wrong()
    state = door.state()
    assert state.closed and state.wrong == 6
    reason, wait = door.admit()
    assert reason == "closed" and wait == pytest.approx(60.0)
    clock.t += 60.0  # nobody reopened it: it reopens by itself, with a new code
    state = door.state()
    assert not state.closed and state.wrong == 0
    closed_code = state.code
    assert door.open() != closed_code  # the organizer's "new code"


def test_pairing_door_keeps_the_code_when_asked() -> None:
    door = pairing.PairingDoor(keep_open=True)
    code = door.code
    assert door.admit() is None
    door.right()
    assert door.code == code
    assert door.rotate() != code


def test_code_exchange_agrees_only_on_the_same_code() -> None:
    def run(desk_code: str, hub_code: str) -> tuple[str, str]:
        d, h = pairing.desk_exchange(desk_code), pairing.hub_exchange(hub_code)
        dm, hm = d.start(), h.start()
        assert desk_code.encode() not in dm + hm  # the code never travels
        kd, kh = d.finish(hm), h.finish(dm)
        return (pairing.confirmation(kd, "desk", "fp", b"key", "1号台"),
                pairing.confirmation(kh, "desk", "fp", b"key", "1号台"))

    mine, hubs = run("482913", "482913")
    assert mine == hubs
    mine, hubs = run("482913", "482914")
    assert mine != hubs


def test_desk_certificates_are_signed_by_the_hub(demo_store: Store) -> None:
    hub = identity.ensure_hub_identity(demo_store)
    assert identity.ensure_hub_identity(demo_store) == hub  # kept in the file
    if os.name == "posix":
        assert stat.S_IMODE(os.stat(demo_store.path).st_mode) == 0o600
    desk = identity.new_desk_key()
    cert = identity.issue_desk_cert(hub, desk.public_der, "1号台")
    assert identity.cert_matches_key(cert, desk.public_der)
    assert not identity.cert_matches_key(cert, identity.new_desk_key().public_der)
    assert identity.pem_fingerprint(cert) != hub.fingerprint
    identity.server_context(hub)
    identity.desk_context(desk.key_pem, cert, hub.cert_pem)  # loads: key and cert belong
    with pytest.raises(ValueError):
        identity.load_public_key(b"\x30" * 300)


def _replica_of(hub_store: Store, tmp_path: Path) -> Path:
    snap = snapshot_of(hub_store)
    return write_snapshot(tmp_path / "r.sqlite", snap, keys=LinkKeys(), hub="h:1", desk="1号台",
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
        old_term = sync_state(r).term
        ev = check_in(r, cards[members[1].id], Desk("1号台", "t")).event
        assert take_over(r) == 1
        assert take_over(r) == 0  # already the authority
        assert r.get_meta("role") == "authority" and sync_state(r).term != old_term
        assert r.event(ev.id).hub_seq == EPOCH + 1
        assert r.events_after(0)[0].hub_seq == 1
        assert r.audit_log()[-1][3] == "hub_takeover"


def test_fingerprint_sees_settings_and_desk_assignments(demo_store: Store) -> None:
    before = roster_fingerprint(demo_store)
    set_signin(demo_store, "closed", "t")
    after_settings = roster_fingerprint(demo_store)
    assign_desk(demo_store, "第一支部", "2号台", "t")
    assert len({before, after_settings, roster_fingerprint(demo_store)}) == 3
