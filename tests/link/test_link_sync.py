"""Many desks on one hub over real sockets: concurrent sign-in, duplicates, outages, roster changes."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from linkkit import Relay, TestDesk, assert_converged, cards_by_branch, event_ids, wait_for

from data.store import Store
from kiosk.checkin import Outcome
from kiosk.demo import BRANCHES
from kiosk.link.hub import Hub
from kiosk.meeting import set_signin, update_settings
from kiosk.members import set_status


@pytest.mark.slow
def test_eleven_desks_sign_in_concurrently(hub: Hub, hub_path: Path, tmp_path: Path) -> None:
    cards = cards_by_branch(hub_path)
    desks = [TestDesk(hub.address, hub.pairing_code, f"{n}号台", tmp_path) for n in range(1, 12)]
    try:
        wait_for(lambda: all(d.link.status().online for d in desks), 10, "desks online")
        barrier = threading.Barrier(len(desks))
        errors: list[BaseException] = []

        def run(n: int, desk: TestDesk) -> None:
            try:
                barrier.wait()
                for code in cards[BRANCHES[n]][:15]:
                    assert desk.scan(code).outcome == Outcome.WELCOME
            except BaseException as exc:  # noqa: BLE001 — reported by the main thread
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(n, d)) for n, d in enumerate(desks)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
        made = [e for d in desks for e in d.recorded]
        assert len(made) == 11 * 15
        assert_converged(hub_path, [d.path for d in desks])
        # Every acknowledged check-in is at the hub exactly once, and nothing else arrived.
        at_hub = event_ids(hub_path)
        assert sorted(at_hub) == sorted(made)
        wait_for(lambda: all(set(d.recorded) <= d.acked for d in desks), 5, "acks")
        # A member signed in at desk 3 is "already signed in" at desk 7.
        result = desks[6].scan(cards[BRANCHES[2]][0])
        assert result.outcome == Outcome.ALREADY and result.earlier is not None
        assert result.earlier.desk == "3号台"
        # The dashboard lists every desk online, nothing waiting.
        wait_for(lambda: all(s.online and s.waiting == 0 for s in hub.desks_status()), 5,
                 "dashboard shows every desk online with nothing waiting")
        assert sorted(s.name for s in hub.desks_status()) == sorted(d.name for d in desks)
    finally:
        for d in desks:
            d.stop()


def test_same_member_at_two_desks(hub: Hub, hub_path: Path, tmp_path: Path) -> None:
    with Store.open(hub_path) as store:
        update_settings(store, "test", wrong_desk_admits=1)
    member_card = cards_by_branch(hub_path)[BRANCHES[0]][0]
    a = TestDesk(hub.address, hub.pairing_code, "1号台", tmp_path, start=False)
    b = TestDesk(hub.address, hub.pairing_code, "2号台", tmp_path, start=False)
    try:
        # Both desks decide before either hears of the other: both admit.
        ra, rb = a.scan(member_card), b.scan(member_card)
        assert ra.recorded and rb.recorded
        starters = [threading.Thread(target=d.link.start) for d in (a, b)]
        for t in starters:
            t.start()
        for t in starters:
            t.join()
        assert_converged(hub_path, [a.path, b.path])
        # Both events are kept; the one the hub accepted first counts.
        with Store.open(hub_path) as store:
            events = store.events_for(ra.member.id)
        assert {e.id for e in events} == {ra.event.id, rb.event.id}
        first = min(events, key=lambda e: e.hub_seq)
        loser, winner = (b, a) if first.id == ra.event.id else (a, b)
        wait_for(lambda: loser.notices, 5, "the losing desk to be told")
        assert not winner.notices
        notice = loser.notices[0]
        assert notice.kind == "duplicate" and notice.desk == winner.name
        assert loser.link.status().notices == (notice,)
        figures_present = [s for s in hub.desks_status() if s.name == loser.name][0]
        assert figures_present.duplicates == 1
    finally:
        a.stop()
        b.stop()


def test_desk_offline_for_a_while_then_back(hub: Hub, hub_path: Path, tmp_path: Path) -> None:
    cards = cards_by_branch(hub_path)
    proxy = Relay(hub.address)
    a = TestDesk(hub.address, hub.pairing_code, "1号台", tmp_path, address=proxy.address)
    b = TestDesk(hub.address, hub.pairing_code, "2号台", tmp_path)
    try:
        wait_for(lambda: a.link.status().online and b.link.status().online, 10, "online")
        a.scan(cards[BRANCHES[0]][0])
        wait_for(lambda: len(event_ids(b.path)) == 1, 5, "desk 2 to see desk 1's check-in")
        proxy.cut()
        wait_for(lambda: a.link.status().state == "offline", 10, "desk 1 to say it is offline")
        for code in cards[BRANCHES[0]][1:11]:
            assert a.scan(code).outcome == Outcome.WELCOME  # signing in goes on offline
        for code in cards[BRANCHES[1]][:5]:
            b.scan(code)
        wait_for(lambda: a.link.status().pending == 10, 5, "desk 1 to count 10 waiting")
        assert a.link.status().state == "offline"
        wait_for(lambda: any(s.name == "1号台" and not s.online for s in hub.desks_status()), 10,
                 "dashboard to show desk 1 offline")
        time.sleep(0.5)  # the outage lasts a while; nothing of desk 1's reaches the hub
        assert len(event_ids(hub_path)) == 1 + 5
        proxy.restore()
        assert_converged(hub_path, [a.path, b.path])
        assert len(event_ids(hub_path)) == 16
        assert a.link.status().online and a.link.status().pending == 0
    finally:
        a.stop()
        b.stop()
        proxy.cut()


def test_roster_and_settings_changes_reach_desks(hub: Hub, hub_path: Path, tmp_path: Path) -> None:
    desk = TestDesk(hub.address, hub.pairing_code, "1号台", tmp_path)
    try:
        wait_for(lambda: desk.link.status().online, 10, "online")
        with Store.open(hub_path) as store:  # the organizer's window: another connection
            member = store.members()[0]
            set_status(store, member.id, "excluded", "长期卧床", "organizer")
        assert_converged(hub_path, [desk.path])
        with Store.open(desk.path) as store:
            assert store.member(member.id).status == "excluded"
        with Store.open(hub_path) as store:
            set_signin(store, "closed", "organizer")
        wait_for(lambda: Store.open(desk.path).meeting().signin_state == "closed", 5,
                 "the closed sign-in to reach the desk")
        code = cards_by_branch(hub_path)[BRANCHES[0]][1]
        assert desk.scan(code).outcome == Outcome.CLOSED
    finally:
        desk.stop()


def test_organizer_check_in_at_the_hub_reaches_desks(hub: Hub, hub_path: Path,
                                                     tmp_path: Path) -> None:
    from kiosk.checkin import Desk, check_in

    desk = TestDesk(hub.address, hub.pairing_code, "1号台", tmp_path)
    try:
        wait_for(lambda: desk.link.status().online, 10, "online")
        code = cards_by_branch(hub_path)[BRANCHES[0]][0]
        with Store.open(hub_path) as store:
            assert check_in(store, code, Desk("1号台", "organizer")).recorded
        assert_converged(hub_path, [desk.path], timeout=5)
        assert desk.scan(code).outcome == Outcome.ALREADY
    finally:
        desk.stop()
