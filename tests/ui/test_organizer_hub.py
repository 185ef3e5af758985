"""The organizer's window as the hub: a desk on "another computer" joins it and
its check-in appears on the dashboard (real sockets on 127.0.0.1)."""

from __future__ import annotations

from pathlib import Path

from data.store import Store
from kiosk.checkin import Desk, check_in
from kiosk.link.client import DeskLink, join_meeting
from ui.link_widgets import HubPanel
from ui.organizer.window import OrganizerWindow


def test_a_desk_joins_the_organizers_hub_and_its_check_in_shows(qtbot, demo_path: Path,
                                                              tmp_path: Path) -> None:
    win = OrganizerWindow(demo_path)
    qtbot.addWidget(win)
    assert win.start_hub(host="127.0.0.1", port=0, discovery=False)
    assert win.hub is not None and not win.hub_button.isVisible()
    code = win.hub.pairing_code
    replica = tmp_path / "desk3.sqlite"
    join_meeting(replica, code=code, desk="3号台", address=win.hub.address)
    link = DeskLink(replica).start()
    try:
        with Store.open(replica) as store:
            branch = next(b for b in store.branches() if b.desk_name == "3号台")
            member = next(m for m in store.members()
                          if m.branch_id == branch.id and m.status == "active")
            result = check_in(store, store.current_cards()[member.id], Desk("3号台", "secretary"))
            assert result.recorded
        link.nudge()
        before = win.watcher.figures().present
        qtbot.waitUntil(lambda: win.watcher.figures().present == before + 1, timeout=10_000)
        # The Desks & hub tab lists the desk, online.
        panel = win.findChild(HubPanel)
        # The code changed when the desk paired: the panel shows the current one.
        assert panel is not None
        panel.refresh()
        assert panel.code_label.text().replace(" ", "") == win.hub.pairing_code

        def listed() -> bool:
            panel.refresh()
            rows = [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())]
            return "3号台" in rows

        qtbot.waitUntil(listed, timeout=10_000)
    finally:
        link.stop()
        win.close()
    assert win.hub is None
