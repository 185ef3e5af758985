"""Failures over real sockets: the hub killed and restarted, a desk killed mid-send, a hand-over."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from linkkit import (
    ROOT,
    TestDesk,
    assert_converged,
    cards_by_branch,
    event_ids,
    pending,
    start_hub_process,
    wait_for,
)

from data.store import Store
from data.sync import link_keys
from kiosk.checkin import Outcome
from kiosk.demo import BRANCHES
from kiosk.link.hub import Hub
from kiosk.link.replica import EPOCH


@pytest.mark.slow
def test_hub_killed_and_restarted_mid_stream(hub_path: Path, tmp_path: Path) -> None:
    proc, address, code = start_hub_process(hub_path)
    port = int(address.rsplit(":", 1)[1])
    cards = cards_by_branch(hub_path)
    desks = [TestDesk(address, code, f"{n}号台", tmp_path) for n in (1, 2, 3)]
    saw_offline = threading.Event()
    try:
        wait_for(lambda: all(d.link.status().online for d in desks), 10, "online")

        def run(n: int, desk: TestDesk) -> None:
            for code in cards[BRANCHES[n]][:30]:
                assert desk.scan(code).outcome == Outcome.WELCOME
                st = desk.link.status()
                if st.state == "offline" and st.pending:
                    saw_offline.set()
                time.sleep(0.03)

        threads = [threading.Thread(target=run, args=(n, d)) for n, d in enumerate(desks)]
        for t in threads:
            t.start()
        time.sleep(0.3)
        proc.kill()  # kill -9: no goodbye to anyone
        proc.wait()
        wait_for(saw_offline.is_set, 10, "a desk to show offline with check-ins waiting")
        proc, _, code2 = start_hub_process(hub_path, port)
        for t in threads:
            t.join()
        assert_converged(hub_path, [d.path for d in desks])
        made = sorted(e for d in desks for e in d.recorded)
        assert len(made) == 90
        assert sorted(event_ids(hub_path)) == made  # each exactly once
        wait_for(lambda: all(set(d.recorded) <= d.acked for d in desks), 5, "acks")
    finally:
        for d in desks:
            d.stop()
        proc.kill()
        proc.wait()


def _headless(address: str, code: str, replica: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "desk", "--headless", "--join", address,
         "--pair", code, "--name", "5号台", "--replica", str(replica)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


@pytest.mark.slow
def test_desk_killed_mid_send(hub: Hub, hub_path: Path, tmp_path: Path) -> None:
    replica = tmp_path / "desk5.sqlite"
    codes = cards_by_branch(hub_path)[BRANCHES[4]]
    proc = _headless(hub.address, hub.pairing_code, replica)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("".join(c + "\n" for c in codes))
    proc.stdin.flush()
    results = []
    while len(results) < 15:
        line = json.loads(proc.stdout.readline())
        if "outcome" in line:
            results.append(line)
    os.kill(proc.pid, signal.SIGKILL)  # mid-stream: scans still coming, pushes in flight
    proc.wait()
    assert all(r["outcome"] == "welcome" for r in results)
    committed = event_ids(replica)
    assert pending(replica) > 0  # it died with check-ins not yet acknowledged
    assert {r["event"] for r in results} <= set(committed)
    # The restarted desk resumes from its file and sends what was waiting.
    proc = _headless(hub.address, hub.pairing_code, replica)
    out, err = proc.communicate("", timeout=30)
    assert proc.returncode == 0, err
    last = json.loads(out.strip().splitlines()[-1])
    assert last["link"] == "done" and last["pending"] == 0
    assert pending(replica) == 0
    assert sorted(event_ids(hub_path)) == sorted(committed)
    assert_converged(hub_path, [replica])


def test_hand_over_to_a_desks_replica(hub_path: Path, tmp_path: Path) -> None:
    cards = cards_by_branch(hub_path)
    old = Hub(hub_path, host="127.0.0.1", port=0, discovery=False, keep_code=True)
    old.start()
    a, b, c = (TestDesk(old.address, old.pairing_code, f"{n}号台", tmp_path) for n in (1, 2, 3))
    new: Hub | None = None
    try:
        for desk, n in ((a, 0), (b, 1), (c, 2)):
            for code in cards[BRANCHES[n]][:5]:
                desk.scan(code)
        assert_converged(hub_path, [a.path, b.path, c.path])
        # Desk 1 loses the network: the old hub goes on accepting desks 2 and 3,
        # which desk 1 never hears of, while desk 1 keeps signing in on its own.
        a.stop()
        for code in cards[BRANCHES[0]][5:10]:
            a.scan(code)
        for desk, n in ((b, 1), (c, 2)):
            for code in cards[BRANCHES[n]][5:10]:
                desk.scan(code)
        wait_for(lambda: set(b.recorded + c.recorded) <= b.acked | c.acked, 5, "old hub acks")
        wait_for(lambda: pending(b.path) == 0 and pending(c.path) == 0, 5, "stamped")
        old.stop()  # the hub machine dies
        accepted_by_old = set(event_ids(hub_path))
        assert not accepted_by_old & set(a.recorded[5:])
        # The organizer starts a hub on desk 1's machine from its replica.
        new = Hub(a.path, host="127.0.0.1", port=0, discovery=False, keep_code=True)
        new.start()
        assert new.took_over == 5
        # The old hub's key died with it: the new hub is a new identity, and
        # the other desks pair with it again (keeping their copies).
        with Store.open(a.path) as store:
            assert new.fingerprint and not link_keys(store).desk_key
        b.link.set_address(new.address)
        wait_for(lambda: b.link.status().state == "refused", 10, "desk 2 to refuse a new hub")
        b.link.pair_again(new.pairing_code)
        c.link.pair_again(new.pairing_code, new.address)
        assert_converged(a.path, [b.path, c.path])
        # Nothing lost, nothing counted twice: the new hub holds exactly the
        # union of what the old hub accepted and what desk 1 made offline.
        ids = event_ids(a.path)
        assert len(ids) == len(set(ids))
        assert set(ids) == accepted_by_old | set(a.recorded)
        with Store.open(a.path) as store:
            assert store.get_meta("role") == "authority"
            mine = [store.event(e) for e in a.recorded[5:]]
            assert all(e.hub_seq > EPOCH for e in mine)
            old_order = {e.id: e.hub_seq for e in store.events_after(0)}
        with Store.open(hub_path) as store:
            for e in store.events_after(0):
                assert old_order[e.id] == e.hub_seq  # the old hub's order is kept
        # Sign-in goes on through the new hub.
        b.scan(cards[BRANCHES[1]][10])
        assert_converged(a.path, [b.path, c.path])
    finally:
        for d in (a, b, c):
            d.stop()
        old.stop()
        if new is not None:
            new.stop()


@pytest.mark.slow
def test_desks_rediscover_the_new_hub_after_a_hand_over(hub_path: Path, tmp_path: Path) -> None:
    """No address typing: the desk finds the hub of its meeting on the network (mDNS) when
    the old one dies, and trusts it once paired with the new hub's code."""
    from kiosk.link.client import DeskLink

    cards = cards_by_branch(hub_path)
    old = Hub(hub_path, host="127.0.0.1", port=0, discovery=False, keep_code=True)
    old.start()
    b = TestDesk(old.address, old.pairing_code, "2号台", tmp_path, start=False)
    b.link = DeskLink(b.path, discovery=True, retry_max=0.3)
    b.link.start()
    a = TestDesk(old.address, old.pairing_code, "1号台", tmp_path)
    new: Hub | None = None
    try:
        b.scan(cards[BRANCHES[1]][0])
        assert_converged(hub_path, [a.path, b.path])
        a.stop()
        old.stop()
        a.scan(cards[BRANCHES[0]][0])  # desk 1 signs in on its own meanwhile
        new = Hub(a.path, host="127.0.0.1", port=0, discovery=True, keep_code=True)
        new.start()
        # Found, but not trusted: it is another hub until desk 2 pairs with its code.
        wait_for(lambda: b.link.status().hub == new.address
                 and b.link.status().state == "refused", 30, "desk 2 to find the new hub")
        b.link.pair_again(new.pairing_code)
        assert_converged(a.path, [b.path], timeout=30)
        assert b.link.status().hub == new.address
        assert len(event_ids(a.path)) == 2
    finally:
        a.stop()
        b.stop()
        old.stop()
        if new is not None:
            new.stop()


def test_desk_unknown_to_the_new_hub_pairs_again_and_keeps_its_check_ins(
        hub_path: Path, tmp_path: Path) -> None:
    """Desk 3 paired after desk 1 last heard from the old hub: the new hub refuses it
    until it pairs again, and nothing it holds is lost."""
    cards = cards_by_branch(hub_path)
    old = Hub(hub_path, host="127.0.0.1", port=0, discovery=False, keep_code=True)
    old.start()
    a = TestDesk(old.address, old.pairing_code, "1号台", tmp_path)
    new: Hub | None = None
    c: TestDesk | None = None
    try:
        wait_for(lambda: a.link.status().online, 10, "online")
        a.stop()
        c = TestDesk(old.address, old.pairing_code, "3号台", tmp_path)
        c.scan(cards[BRANCHES[2]][0])
        wait_for(lambda: pending(c.path) == 0, 5, "desk 3's check-in at the old hub")
        old.stop()
        c.scan(cards[BRANCHES[2]][1])  # made while there is no hub at all
        new = Hub(a.path, host="127.0.0.1", port=0, discovery=False, keep_code=True)
        new.start()
        c.link.set_address(new.address)
        wait_for(lambda: c.link.status().state == "refused", 10, "the new hub to refuse desk 3")
        c.link.pair_again(new.pairing_code)
        assert_converged(a.path, [c.path])
        assert set(c.recorded) <= set(event_ids(a.path))
        assert len(event_ids(a.path)) == 2
    finally:
        a.stop()
        if c is not None:
            c.stop()
        old.stop()
        if new is not None:
            new.stop()
