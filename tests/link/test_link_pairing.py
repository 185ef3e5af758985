"""Pairing and refusal over real sockets: TLS both ways, the code exchange, the door, revoke.

Everything here talks to a real hub on 127.0.0.1 through real TLS: raw clients
(unpaired, wrong codes from many source addresses, a byte-for-byte replay), a
sniffer on the cable (tests/netkit.py's relay), a rogue hub with its own
certificate, and a hub in the middle relaying the code exchange.
"""

from __future__ import annotations

import asyncio
import base64
import shutil
import socket
import time
from pathlib import Path
from typing import Any

import pytest
from linkkit import Relay, TestDesk, cards_by_branch, event_ids, wait_for
from websockets.asyncio.client import connect
from websockets.asyncio.server import serve
from websockets.exceptions import ConnectionClosed, InvalidHandshake
from websockets.typing import Subprotocol

from data.store import Store
from data.sync import link_keys
from kiosk.demo import BRANCHES
from kiosk.link import identity, pairing
from kiosk.link.client import DeskLink, JoinError, join_meeting
from kiosk.link.hub import Hub
from kiosk.link.pairing import PairingDoor, parse_pairing_uri
from kiosk.link.protocol import PROTOCOL, SUBPROTOCOL, decode, encode
from kiosk.meeting import update_settings


def _talk(address: str, *messages: dict[str, Any], source: str | None = None,
          context: Any = None) -> list[dict[str, Any]]:
    """Send raw messages over TLS without a client certificate; return the hub's answers."""

    async def go() -> list[dict[str, Any]]:
        got: list[dict[str, Any]] = []
        extra = {"local_addr": (source, 0)} if source else {}
        async with connect(f"wss://{address}/", subprotocols=[Subprotocol(SUBPROTOCOL)],
                           ssl=context or identity.pairing_context(),
                           server_hostname=identity.SERVER_NAME, max_size=None, **extra) as ws:
            for m in messages:
                await ws.send(encode(m))
            try:
                while True:
                    got.append(decode(await asyncio.wait_for(ws.recv(), 3)))
            except (ConnectionClosed, TimeoutError):
                pass
        return got

    return asyncio.run(go())


def _guess(address: str, code: str, source: str) -> dict[str, Any]:
    """One pairing attempt with ``code`` from the source address ``source``: the hub's last word."""

    async def go() -> dict[str, Any]:
        key = identity.new_desk_key()
        exchange = pairing.desk_exchange(code)
        async with connect(f"wss://{address}/", subprotocols=[Subprotocol(SUBPROTOCOL)],
                           ssl=identity.pairing_context(), server_hostname=identity.SERVER_NAME,
                           local_addr=(source, 0)) as ws:
            hub_fp = identity.peer_fingerprint(ws) or ""
            await ws.send(encode({"type": "pair", "proto": PROTOCOL, "desk": "x",
                                  "key": base64.b64encode(key.public_der).decode(),
                                  "pake": base64.b64encode(exchange.start()).decode()}))
            reply = decode(await ws.recv())
            if reply["type"] == "error":
                return reply
            secret = exchange.finish(base64.b64decode(reply["pake"]))
            await ws.send(encode({"type": "confirm", "mac": pairing.confirmation(
                secret, "desk", hub_fp, key.public_der, "x")}))
            return decode(await ws.recv())

    return asyncio.run(go())


def test_unpaired_client_can_neither_read_nor_write(hub: Hub, hub_path: Path) -> None:
    push = {"type": "push", "events": [["f" * 32, "arrive", 1, "x", "x", "scan",
                                        "2026-01-01T00:00:00+08:00", None, "", None]]}
    for first in (
        {"type": "hello", "proto": PROTOCOL, "want_snapshot": True},
        {"type": "hello", "proto": PROTOCOL, "token": "abcd.efgh", "want_snapshot": True},
        {**push, "proto": PROTOCOL},
    ):
        answers = _talk(hub.address, first, push)
        assert [a["type"] for a in answers] == ["error"]
        assert answers[0]["code"] == "unpaired"
    assert event_ids(hub_path) == []


def test_plain_websocket_and_foreign_certificates_are_refused(hub: Hub) -> None:
    """No TLS, no talk; a client certificate the hub did not sign fails the handshake."""

    async def plain() -> None:
        async with connect(f"ws://{hub.address}/", open_timeout=3) as ws:
            await ws.recv()

    with pytest.raises((ConnectionClosed, OSError, InvalidHandshake)):
        asyncio.run(plain())
    stranger = identity.new_hub_identity("stranger")  # self-signed: not from this hub
    key = identity.new_desk_key()
    cert = identity.issue_desk_cert(stranger, key.public_der, "1号台")
    ctx = identity.pairing_context()
    identity._load_chain(ctx, cert, key.key_pem)
    with pytest.raises((ConnectionClosed, OSError, InvalidHandshake)):
        _talk(hub.address, {"type": "hello", "proto": PROTOCOL}, context=ctx)
    assert hub.desks_status() == []


@pytest.mark.parametrize("first", [
    {"type": "pair", "proto": "signdesk/1", "code": "123456"},
    {"type": "hello", "proto": "signdesk/2"},  # no photos, no ID cards: it would fail on them
    {"type": "hello"},
])
def test_wrong_version_is_refused(hub: Hub, first: dict) -> None:
    answers = _talk(hub.address, first)
    assert answers == [{"type": "error", "code": "version", "message": f"this hub speaks {PROTOCOL}"}]


def test_full_width_code_joins_and_a_malformed_one_is_refused_before_sending(
        hub: Hub, tmp_path: Path) -> None:
    wide = "".join(chr(ord(c) + 0xFEE0) for c in hub.pairing_code)  # ０-９, as an IME types
    wide = wide[:3] + "\u3000" + wide[3:]  # and an ideographic space in the middle
    path = join_meeting(tmp_path / "w.sqlite", code=wide, desk="1号台", address=hub.address)
    assert path.exists()
    with pytest.raises(JoinError) as bad:
        join_meeting(tmp_path / "b.sqlite", code="12345", desk="2号台", address=hub.address)
    assert bad.value.code == "bad_format"
    assert hub.door.state().wrong == 0  # nothing reached the hub


def test_code_changes_after_each_pairing_unless_kept(hub_path: Path, tmp_path: Path) -> None:
    hub = Hub(hub_path, host="127.0.0.1", port=0, discovery=False)
    hub.start()
    try:
        first = hub.pairing_code
        join_meeting(tmp_path / "a.sqlite", code=first, desk="1号台", address=hub.address)
        assert hub.pairing_code != first
        with pytest.raises(JoinError) as old:
            join_meeting(tmp_path / "b.sqlite", code=first, desk="2号台", address=hub.address)
        assert old.value.code == "bad_code"
        hub.door.keep_open = True  # the organizer ticks "keep the code" for a round of desks
        second = hub.pairing_code
        join_meeting(tmp_path / "c.sqlite", code=second, desk="3号台", address=hub.address)
        join_meeting(tmp_path / "d.sqlite", code=second, desk="4号台", address=hub.address)
        assert hub.pairing_code == second
    finally:
        hub.stop()


def _loopback_sources(n: int) -> list[str]:
    """``n`` distinct 127.x.y.z source addresses this machine can bind."""
    out = []
    for i in range(2, 250):
        addr = f"127.0.{i // 50}.{i % 50 + 2}"
        with socket.socket() as s:
            try:
                s.bind((addr, 0))
            except OSError:
                continue
        out.append(addr)
        if len(out) == n:
            break
    return out


def test_pairing_budget_is_global_whatever_the_source_address(
        hub_path: Path, tmp_path: Path) -> None:
    """Rotating addresses buys nothing: one budget, the code rotates, then pairing closes."""
    door = PairingDoor(burst=3, refill=600.0, rotate_after=2, close_after=6, reopen_after=3600)
    hub = Hub(hub_path, host="127.0.0.1", port=0, discovery=False, door=door)
    hub.start()
    try:
        sources = _loopback_sources(12)
        assert len(sources) == 12
        codes_seen = {hub.pairing_code}
        answers = []
        # A burst from 12 addresses at once: only 3 are even checked.
        for src in sources:
            wrong = "100000" if hub.pairing_code != "100000" else "100001"
            answers.append(_guess(hub.address, wrong, src)["code"])
            codes_seen.add(hub.pairing_code)
        assert answers[:3] == ["bad_code"] * 3
        assert set(answers[3:]) == {"slow_down"}, answers
        assert door.state().wrong == 3
        assert len(codes_seen) == 2  # rotated after two wrong tries, not before
        # Keep going, slowly enough for the budget (now one try per 0.3 s), each
        # from a new address.
        door.refill = 0.3
        for src in sources[:6]:
            time.sleep(0.35)
            if door.state().closed:
                break
            wrong = "100000" if hub.pairing_code != "100000" else "100001"
            _guess(hub.address, wrong, src)
            codes_seen.add(hub.pairing_code)
        state = door.state()
        assert state.closed and state.wrong == 6
        # Closed: even the right code is not checked, from anywhere.
        right = _guess(hub.address, hub.pairing_code, sources[-1])
        assert right["code"] == "pairing_closed"
        with pytest.raises(JoinError) as closed:
            join_meeting(tmp_path / "x.sqlite", code=hub.pairing_code, desk="1号台",
                         address=hub.address)
        assert closed.value.code == "pairing_closed"
        # The organizer opens it again: a new code, and it works.
        code = hub.new_pairing_code()
        assert code not in codes_seen
        time.sleep(0.5)
        assert join_meeting(tmp_path / "x.sqlite", code=code, desk="1号台",
                            address=hub.address).exists()
    finally:
        hub.stop()


def test_sniffer_sees_tls_only_and_replayed_bytes_get_nothing(
        hub: Hub, hub_path: Path, tmp_path: Path) -> None:
    with Store.open(hub_path) as store:
        update_settings(store, "test", pin="246813")
        pin_hash = store.meeting().pin_hash
        members = store.members()[:40]
    relay = Relay(hub.address)
    code = hub.pairing_code
    desk = TestDesk(relay.address, code, "1号台", tmp_path, address=relay.address)
    try:
        result = desk.scan(cards_by_branch(hub_path)[BRANCHES[0]][0])
        wait_for(lambda: result.event.id in desk.acked, 10, "the check-in acknowledged")
        with Store.open(desk.path) as store:
            key_pem = link_keys(store).desk_key
        wire = bytes(relay.up) + bytes(relay.down)
        assert relay.up[:1] == b"\x16" and relay.down[:1] == b"\x16"  # TLS handshake records
        secrets_in_clear = [code, pin_hash, key_pem.splitlines()[1], result.event.id,
                            "pair", "hello", "snapshot", "push"]
        secrets_in_clear += [m.phone for m in members if m.phone]
        secrets_in_clear += [m.name for m in members]
        for s in secrets_in_clear:
            assert s.encode() not in wire, s
            assert s.encode("utf-16-le") not in wire, s
        # A byte-for-byte replay of what the desk sent, on a new connection:
        # TLS 1.3 answers with fresh keys, so the recording is worthless.
        before = hub.desks_status()
        host, port = hub.address.rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=5) as s:
            s.sendall(bytes(relay.up))
            s.settimeout(3)
            got = b""
            try:
                while chunk := s.recv(65536):
                    got += chunk
            except (TimeoutError, OSError):
                pass
        assert b"snapshot" not in got and b"welcome" not in got
        assert [d.online for d in hub.desks_status()] == [d.online for d in before]
        assert len(event_ids(hub_path)) == 1
    finally:
        desk.stop()
        relay.close()


def _rogue_file(hub_path: Path, tmp_path: Path) -> Path:
    """A copy of the meeting on someone else's laptop: the roster, but not the hub's key."""
    rogue = tmp_path / "rogue.sqlite"
    shutil.copy(hub_path, rogue)
    with Store.open(rogue) as store:
        with store.transact():
            store.db.execute("DELETE FROM meta WHERE key IN ('link.hub_key', 'link.hub_cert')")
        update_settings(store, "rogue", pin="000000", signin_state="closed")
        store.db.execute("UPDATE members SET name = '假名字' WHERE id = 1")
    return rogue


def test_rogue_hub_at_the_address_gets_nothing_and_changes_nothing(
        hub: Hub, hub_path: Path, tmp_path: Path) -> None:
    desk = TestDesk(hub.address, hub.pairing_code, "1号台", tmp_path)
    rogue = Hub(_rogue_file(hub_path, tmp_path), host="127.0.0.1", port=0, discovery=False)
    rogue.start()
    try:
        wait_for(lambda: desk.link.status().online, 10, "online at the real hub")
        with Store.open(desk.path) as store:
            before = (store.meeting(), store.member(1))
        assert rogue.fingerprint != hub.fingerprint
        desk.link.set_address(rogue.address)  # the hub's address now answers as the rogue
        wait_for(lambda: desk.link.status().state == "refused", 10, "the desk to refuse it")
        assert "not the hub this desk paired with" in desk.link.status().message
        desk.scan(cards_by_branch(hub_path)[BRANCHES[0]][0])
        time.sleep(1.0)
        assert rogue.desks_status() == []  # no hello, no push ever reached it
        assert event_ids(rogue.path) == []
        with Store.open(desk.path) as store:
            assert (store.meeting(), store.member(1)) == before  # PIN, sign-in, names unchanged
        # Joining with the real hub's QR code at the rogue's address: refused before pairing.
        real = parse_pairing_uri(hub.pairing_uri)
        with pytest.raises(JoinError) as qr:
            join_meeting(tmp_path / "q.sqlite", code=real.code, desk="2号台",
                         address=rogue.address, fingerprint=real.fingerprint)
        assert qr.value.code == "other_hub"
        assert rogue.door.state().wrong == 0
        # Typing the real code at the rogue: the exchange fails; the rogue had one guess.
        with pytest.raises(JoinError) as typed:
            join_meeting(tmp_path / "t.sqlite", code=real.code, desk="2号台",
                         address=rogue.address)
        assert typed.value.code == "bad_code"
        assert not (tmp_path / "t.sqlite").exists()
        # Back at the real hub, the desk goes on as before.
        desk.link.set_address(hub.address)
        wait_for(lambda: desk.link.status().online and desk.link.status().pending == 0, 10,
                 "the desk back at its hub")
    finally:
        desk.stop()
        rogue.stop()


def test_hub_in_the_middle_cannot_pair_even_relaying_the_code_exchange(
        hub: Hub, tmp_path: Path) -> None:
    """A rogue that relays every pairing message to the real hub (its own TLS both ways)
    fails: the desk's confirmation covers the certificate the desk saw."""
    mitm = identity.new_hub_identity("mitm")
    seen: list[str] = []

    async def relay(ws: Any) -> None:
        async with connect(f"wss://{hub.address}/", subprotocols=[Subprotocol(SUBPROTOCOL)],
                           ssl=identity.pairing_context(),
                           server_hostname=identity.SERVER_NAME) as up:
            async def down_to_up() -> None:
                async for m in ws:
                    seen.append(m)
                    await up.send(m)

            async def up_to_down() -> None:
                async for m in up:
                    await ws.send(m)

            await asyncio.wait([asyncio.create_task(down_to_up()),
                                asyncio.create_task(up_to_down())],
                               return_when=asyncio.FIRST_COMPLETED)

    async def run() -> JoinError:
        async with serve(relay, "127.0.0.1", 0, ssl=identity.server_context(mitm),
                         subprotocols=[Subprotocol(SUBPROTOCOL)]) as server:
            port = server.sockets[0].getsockname()[1]
            try:
                await asyncio.to_thread(join_meeting, tmp_path / "m.sqlite",
                                        code=hub.pairing_code, desk="1号台",
                                        address=f"127.0.0.1:{port}")
            except JoinError as exc:
                return exc
        raise AssertionError("paired through a hub in the middle")

    err = asyncio.run(run())
    assert err.code == "bad_code"
    assert hub.desks_status() == []
    assert seen and all(hub.pairing_code not in m for m in seen)


def test_revoke_cuts_off_erases_and_changes_the_code(
        hub: Hub, hub_path: Path, tmp_path: Path) -> None:
    code = hub.pairing_code
    online = TestDesk(hub.address, code, "1号台", tmp_path)
    offline = TestDesk(hub.address, code, "2号台", tmp_path, start=False)
    try:
        wait_for(lambda: online.link.status().online, 10, "online")
        by_name = {d.name: d for d in hub.desks_status()}
        assert hub.revoke(by_name["1号台"].credential)
        wait_for(lambda: online.link.status().state == "erased", 10, "the desk to erase")
        assert "erased" in online.link.status().message
        assert not online.path.exists() and not list(tmp_path.glob("1号台.sqlite*"))
        assert hub.pairing_code != code
        # The revoked desk's old code no longer pairs anyone.
        with pytest.raises(JoinError) as old:
            join_meeting(tmp_path / "again.sqlite", code=code, desk="1号台", address=hub.address)
        assert old.value.code == "bad_code"
        # A desk revoked while away erases its copy the next time it connects.
        assert hub.revoke(by_name["2号台"].credential)
        offline.link = DeskLink(offline.path, address=hub.address, discovery=False,
                                retry_max=0.3).start()
        wait_for(lambda: offline.link.status().state == "erased", 10, "the away desk to erase")
        assert not offline.path.exists()
        assert {d.name: d.revoked for d in hub.desks_status()} == {"1号台": True, "2号台": True}
    finally:
        online.stop()
        offline.stop()


@pytest.mark.slow
def test_desk_finds_the_hub_by_itself(hub_path: Path, tmp_path: Path) -> None:
    """mDNS/DNS-SD: the desk joins without an address (multicast works on loopback here)."""
    hub = Hub(hub_path, host="127.0.0.1", port=0, discovery=True, keep_code=True)
    hub.start()
    try:
        # Other hubs may be announcing on this machine too: the QR code names the meeting.
        info = parse_pairing_uri(hub.pairing_uri)
        path = join_meeting(tmp_path / "d.sqlite", code=info.code, desk="1号台",
                            meeting=info.meeting, fingerprint=info.fingerprint)
        assert path.exists()
    finally:
        hub.stop()
