"""A networked desk: the window on a joined replica, with a real hub on 127.0.0.1."""

from __future__ import annotations

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
