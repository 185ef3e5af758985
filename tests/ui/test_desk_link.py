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
