"""Pairing and refusal over real sockets: unpaired clients get nothing, wrong codes slow down, revoke."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
from linkkit import TestDesk, cards_by_branch, event_ids, wait_for
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from kiosk.demo import BRANCHES
from kiosk.link.client import JoinError, join_meeting
from kiosk.link.hub import Hub
from kiosk.link.pairing import parse_pairing_uri
from kiosk.link.protocol import PROTOCOL, SUBPROTOCOL, decode, encode


def _talk(address: str, *messages: dict[str, Any]) -> list[dict[str, Any]]:
    """Send raw messages as an unpaired client; return everything the hub answers."""

    async def go() -> list[dict[str, Any]]:
        got: list[dict[str, Any]] = []
        async with connect(f"ws://{address}/", subprotocols=[Subprotocol(SUBPROTOCOL)],
                           max_size=None) as ws:
            for m in messages:
                await ws.send(encode(m))
            try:
                while True:
                    got.append(decode(await asyncio.wait_for(ws.recv(), 3)))
            except (ConnectionClosed, TimeoutError):
                pass
        return got

    return asyncio.run(go())


def test_unpaired_client_can_neither_read_nor_write(hub: Hub, hub_path: Path) -> None:
    member = 1
    push = {"type": "push", "events": [["f" * 32, "arrive", member, "x", "x", "scan",
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


def test_wrong_version_is_refused(hub: Hub) -> None:
    answers = _talk(hub.address, {"type": "pair", "proto": "signdesk/0", "code": hub.pairing_code})
    assert answers == [{"type": "error", "code": "version", "message": f"this hub speaks {PROTOCOL}"}]


def test_wrong_codes_are_slowed_down(hub: Hub, tmp_path: Path) -> None:
    wrong = "000000"
    with pytest.raises(JoinError) as first:
        join_meeting(tmp_path / "x.sqlite", code=wrong, desk="x", address=hub.address)
    assert first.value.code == "bad_code"
    with pytest.raises(JoinError) as second:  # right away: not even checked
        join_meeting(tmp_path / "x.sqlite", code=hub.pairing_code, desk="x", address=hub.address)
    assert second.value.code == "slow_down"
    time.sleep(first.value.retry_after)
    with pytest.raises(JoinError) as third:
        join_meeting(tmp_path / "x.sqlite", code=wrong, desk="x", address=hub.address)
    assert third.value.retry_after == pytest.approx(2 * first.value.retry_after)
    time.sleep(third.value.retry_after)
    join_meeting(tmp_path / "x.sqlite", code=hub.pairing_code, desk="x", address=hub.address)
    assert (tmp_path / "x.sqlite").exists()
    assert not list(tmp_path.glob("*.joining*"))


def test_revoked_desk_is_cut_off(hub: Hub, hub_path: Path, tmp_path: Path) -> None:
    desk = TestDesk(hub.address, hub.pairing_code, "1号台", tmp_path)
    try:
        wait_for(lambda: desk.link.status().online, 10, "online")
        [status] = hub.desks_status()
        assert status.name == "1号台" and status.online and not status.revoked
        assert hub.revoke(status.credential)
        wait_for(lambda: desk.link.status().state == "revoked", 5, "the desk to learn it")
        [status] = hub.desks_status()
        assert status.revoked and not status.online
        result = desk.scan(cards_by_branch(hub_path)[BRANCHES[0]][0])
        assert result.recorded  # the desk still works on its own copy …
        time.sleep(0.5)
        assert event_ids(hub_path) == []  # … but the hub takes nothing from it
        assert desk.link.status().pending == 1
    finally:
        desk.stop()


@pytest.mark.slow
def test_desk_finds_the_hub_by_itself(hub_path: Path, tmp_path: Path) -> None:
    """mDNS/DNS-SD: the desk joins without an address (multicast works on loopback here)."""
    hub = Hub(hub_path, host="127.0.0.1", port=0, discovery=True)
    hub.start()
    try:
        # Other hubs may be announcing on this machine too: the QR code names the meeting.
        _, code, meeting = parse_pairing_uri(hub.pairing_uri)
        path = join_meeting(tmp_path / "d.sqlite", code=code, desk="1号台", meeting=meeting)
        assert path.exists()
    finally:
        hub.stop()
