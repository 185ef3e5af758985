"""A networked desk: the window on a joined replica, with a real hub on 127.0.0.1."""

from __future__ import annotations

import time

from desk_helpers import card_of, member_of, open_window, scan

from data.store import Store
from kiosk.checkin import Desk, check_in


def test_desk_on_a_replica_sends_check_ins_to_the_hub_and_sees_others(qtbot, hub, demo_path, tmp_path):
    from kiosk.link.client import DeskLink, join_meeting
    from ui.link_widgets import LinkStatusLabel

    replica = tmp_path / "desk1.sqlite"
    join_meeting(replica, code=hub.pairing_code, desk="1号台", address=hub.address)
    link = DeskLink(replica, address=hub.address, discovery=False).start()
    try:
        w = open_window(qtbot, replica, link=link)
        assert w.findChild(LinkStatusLabel) is not None
        with Store.open(demo_path) as authority:
            a = member_of(authority, "第一支部", 0)
            b = member_of(authority, "第一支部", 1)
            code_a, code_b = card_of(authority, a), card_of(authority, b)
        scan(qtbot, w, code_a)
        qtbot.waitUntil(lambda: w.panel.colour == "green")

        def at_hub() -> list:
            with Store.open(demo_path) as s:
                return [(e.member_id, e.desk, e.hub_seq is not None) for e in s.events_after(0)]

        qtbot.waitUntil(lambda: at_hub() == [(a.id, "1号台", True)], timeout=10000)
        # Another desk (here: the hub's own file) signs b in; this desk learns of it.
        with Store.open(demo_path) as s:
            check_in(s, code_b, Desk("1号台", "other laptop"))
        qtbot.waitUntil(lambda: w.secretary.table.item(0, 2).text() == "2", timeout=10000)
        scan(qtbot, w, code_b)
        qtbot.waitUntil(lambda: w.panel.colour == "amber")
    finally:
        link.stop()


def test_desk_pairs_again_with_a_new_hub_from_its_window(qtbot, hub, demo_path, tmp_path):
    """After a hand-over the desk refuses the new hub until the organizer types its code
    and PIN in the bar that shows up; then it syncs with it, keeping its check-ins."""
    from kiosk.link.client import DeskLink, join_meeting
    from kiosk.link.hub import Hub
    from kiosk.meeting import update_settings

    with Store.open(demo_path) as s:
        update_settings(s, "test", pin="246813")
    replica = tmp_path / "desk1.sqlite"
    join_meeting(replica, code=hub.pairing_code, desk="1号台", address=hub.address)
    other = join_meeting(tmp_path / "desk2.sqlite", code=hub.pairing_code, desk="2号台",
                         address=hub.address)
    link = DeskLink(replica, address=hub.address, discovery=False, retry_max=0.3).start()
    new = None
    try:
        w = open_window(qtbot, replica, link=link)
        bar = w.pair_again
        qtbot.waitUntil(lambda: link.status().online, timeout=10000)
        assert bar is not None and not bar.isVisible()
        hub.stop()  # the hub's laptop dies; desk 2's laptop takes over
        new = Hub(other, host="127.0.0.1", port=0, discovery=False, keep_code=True)
        new.start()
        with Store.open(demo_path) as authority:
            code_a = card_of(authority, member_of(authority, "第一支部", 0))
        # Signed in meanwhile, on the desk's own copy (the scan path without key timing:
        # the link retrying in the background must not make this test about the scanner).
        assert w.handle_scan(code_a).outcome == "welcome"
        link.set_address(new.address)
        qtbot.waitUntil(lambda: bar.isVisible(), timeout=10000)
        assert link.status().state == "refused" and bar.pin.isVisible()
        bar.code.setText("１２３４５６" if new.pairing_code != "123456" else "654321")
        bar.pin.setText("111111")
        assert not bar.pair() and "PIN" in bar.note.text()  # a stranger at the kiosk desk
        bar.code.setText(new.pairing_code)
        bar.pin.setText("246813")
        assert bar.pair()
        qtbot.waitUntil(lambda: link.status().online, timeout=15000)
        qtbot.waitUntil(lambda: not bar.isVisible(), timeout=5000)

        def at_new_hub() -> int:
            with Store.open(other) as s:
                return len(s.events_after(0))

        qtbot.waitUntil(lambda: at_new_hub() == 1, timeout=10000)
    finally:
        link.stop()
        if new is not None:
            new.stop()


def test_revoked_desk_window_erases_and_says_so(qtbot, hub, demo_path, tmp_path):
    from PySide6.QtWidgets import QLabel

    from kiosk.link.client import DeskLink, join_meeting

    replica = tmp_path / "desk1.sqlite"
    join_meeting(replica, code=hub.pairing_code, desk="1号台", address=hub.address)
    link = DeskLink(replica, address=hub.address, discovery=False).start()
    try:
        w = open_window(qtbot, replica, link=link)
        qtbot.waitUntil(lambda: link.status().online, timeout=10000)
        [desk] = hub.desks_status()
        assert hub.revoke(desk.credential)
        qtbot.waitUntil(lambda: w.findChild(QLabel, "erasedNote") is not None, timeout=10000)
        assert "erased" in w.findChild(QLabel, "erasedNote").text()
        assert not replica.exists() and w.session is None
    finally:
        link.stop()


def _slow_down_lookups(hub, desk: str, seconds: float) -> None:
    """Make the hub's next answer to ``desk`` come ``seconds`` late: its lookup budget spent
    (the same bucket a desk asking too often empties; ``kiosk.link.limits``)."""
    from kiosk.link import limits

    cred = next(d.credential for d in hub.desks_status() if d.name == desk)
    bucket = limits.TokenBucket(limits.LOOKUPS_PER_SECOND, limits.LOOKUPS_BURST)
    bucket._tokens = 1 - seconds * limits.LOOKUPS_PER_SECOND
    hub._lookups[cred] = bucket


def test_an_id_card_of_another_branch_is_asked_of_the_hub_without_blocking_the_desk(
        qtbot, hub, demo_path, tmp_path):
    """The replica holds only its own branches' ID hashes: another branch's card shows the
    waiting panel at once, the hub is asked on a worker (a timer keeps ticking on the GUI
    thread meanwhile), and the answer is the usual blue "go to X", recorded nowhere. A scan
    made while waiting wins over the late answer. With the hub gone: red, and it says the hub
    could not be asked."""
    from PySide6.QtCore import QTimer

    from kiosk.demo import demo_roster
    from kiosk.link.client import DeskLink, join_meeting

    ids = {r.number: r.id_number for r in demo_roster().rows}
    replica = tmp_path / "desk1.sqlite"
    join_meeting(replica, code=hub.pairing_code, desk="1号台", address=hub.address)
    link = DeskLink(replica, address=hub.address, discovery=False).start()
    try:
        assert link.wait_until(lambda s: s.online, 10)
        with Store.open(demo_path) as authority:
            mine = member_of(authority, "第一支部", 0)
            other = member_of(authority, "第三支部", 0)
            other2 = member_of(authority, "第三支部", 1)
        w = open_window(qtbot, replica, link=link)
        seen: list[str] = []
        w.panel.painted.connect(lambda _t: seen.append(w.panel.current.colour))
        ticks: list[float] = []
        timer = QTimer(w)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start(20)

        _slow_down_lookups(hub, "1号台", 1.0)
        scan(qtbot, w, ids[other.number])
        qtbot.waitUntil(lambda: w.panel.colour == "waiting", timeout=2000)
        asked = time.perf_counter()
        assert "主控台" in w.panel.headline.text() or "hub" in w.panel.headline.text()
        qtbot.waitUntil(lambda: w.panel.colour == "blue", timeout=5000)
        answered = time.perf_counter()
        assert answered - asked >= 0.7  # the hub's answer really was late
        during = [t for t in ticks if asked <= t <= answered]
        gaps = [b - a for a, b in zip(during, during[1:], strict=False)]
        assert len(during) >= 20 and max(gaps) < 0.25, (len(during), max(gaps, default=None))
        assert other.name in w.panel.name.text() and "3号台" in w.panel.headline.text()
        assert seen[-2:] == ["waiting", "blue"]
        with Store.open(replica) as s:
            assert s.events_for(other.id) == []  # sent on, not let in

        # A scan while the hub is being asked replaces the question: its late answer is dropped.
        _slow_down_lookups(hub, "1号台", 1.0)
        scan(qtbot, w, ids[other2.number])
        qtbot.waitUntil(lambda: w.panel.colour == "waiting", timeout=2000)
        scan(qtbot, w, ids[mine.number])
        qtbot.waitUntil(lambda: w.panel.colour == "green", timeout=2000)
        qtbot.waitUntil(lambda: w.lookup_task is not None and not w.lookup_task.running,
                        timeout=5000)
        qtbot.wait(100)
        assert w.panel.colour == "green" and mine.name in w.panel.name.text()

        # The hub gone: nothing to wait for, red at once, saying it could not ask.
        hub.stop()
        assert link.wait_until(lambda s: not s.online, 10)
        scan(qtbot, w, ids[other.number])
        qtbot.waitUntil(lambda: w.panel.colour == "red", timeout=2000)
        assert seen[-1] == "red" and "waiting" not in seen[-2:-1]
        detail = w.panel.detail.text()
        assert ids[other.number][-4:] in detail and ids[other.number] not in detail
        assert ("could not be asked" in detail or "无法" in detail), detail
        timer.stop()
    finally:
        link.stop()


def test_an_id_card_at_a_meeting_without_id_numbers_says_they_are_off(
        qtbot, hub, demo_path, tmp_path):
    """The roster came without ID numbers: the hub says so in its answer, and the desk says
    "ID cards cannot sign in here" rather than "this ID card is not on the list"."""
    from kiosk import idnumbers
    from kiosk.link.client import DeskLink, join_meeting

    with Store.open(demo_path) as authority:
        authority.db.execute("UPDATE members SET id_hash = '', id_last4 = ''")
    replica = tmp_path / "desk1.sqlite"
    join_meeting(replica, code=hub.pairing_code, desk="1号台", address=hub.address)
    link = DeskLink(replica, address=hub.address, discovery=False).start()
    try:
        assert link.wait_until(lambda s: s.online, 10)
        w = open_window(qtbot, replica, link=link)
        scan(qtbot, w, idnumbers.to_18("999999800101001"))
        qtbot.waitUntil(lambda: w.lookup_task is not None and not w.lookup_task.running,
                        timeout=5000)
        qtbot.waitUntil(lambda: w.panel.colour == "red", timeout=2000)
        assert "ID cards cannot sign in here" in w.panel.headline.text()
        w.shutdown()
    finally:
        link.stop()
