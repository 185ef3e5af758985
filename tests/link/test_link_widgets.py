"""The Qt views of the link, on a real hub and a real desk (offscreen)."""

from __future__ import annotations

from pathlib import Path

from linkkit import TestDesk, cards_by_branch

from data.store import Store
from kiosk.demo import BRANCHES
from kiosk.link.hub import Hub
from kiosk.link.replica import refused_ids
from kiosk.meeting import update_settings
from ui.link_widgets import HubPanel, LinkStatusLabel, ago


def test_hub_panel_shows_code_qr_desks_and_revokes(qtbot, hub: Hub, tmp_path: Path) -> None:
    panel = HubPanel(hub, interval_ms=50)
    qtbot.addWidget(panel)
    code = hub.pairing_code
    assert panel.code_label.text() == f"{code[:3]} {code[3:]}"
    assert not panel.qr_label.pixmap().isNull()
    assert hub.address in panel.address_label.text()
    assert panel.table.rowCount() == 0
    desk = TestDesk(hub.address, code, "3号台", tmp_path)
    try:
        qtbot.waitUntil(lambda: panel.table.rowCount() == 1
                        and panel.table.item(0, 1).text() == "Online", timeout=5000)
        assert panel.table.item(0, 0).text() == "3号台"
        qtbot.waitUntil(lambda: panel.table.item(0, 3).text() == "0", timeout=5000)
        asked: list[str] = []
        panel.confirm = lambda name: asked.append(name) or True
        button = panel.revoke_button("3号台")
        assert button is not None and button.isEnabled()
        qtbot.mouseClick(button, qtbot_left())
        assert asked == ["3号台"]
        qtbot.waitUntil(lambda: panel.table.item(0, 1).text() == "Revoked", timeout=5000)
        assert not panel.revoke_button("3号台").isEnabled()
        qtbot.waitUntil(lambda: desk.link.status().state == "erased", timeout=5000)
        assert not desk.path.exists()
        # Revoking changed the code: the panel shows the new one.
        assert hub.pairing_code != code
        qtbot.waitUntil(lambda: panel.code_label.text().replace(" ", "") == hub.pairing_code,
                        timeout=2000)
        old = hub.pairing_code
        qtbot.mouseClick(panel.new_code, qtbot_left())
        assert hub.pairing_code != old
        assert panel.code_label.text().replace(" ", "") == hub.pairing_code
    finally:
        desk.stop()


def qtbot_left():  # -> Qt.MouseButton
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_link_status_label_online_offline_waiting_duplicate(
        qtbot, hub: Hub, hub_path: Path, tmp_path: Path) -> None:
    with Store.open(hub_path) as store:
        update_settings(store, "test", wrong_desk_admits=1)
    cards = cards_by_branch(hub_path)
    first = TestDesk(hub.address, hub.pairing_code, "1号台", tmp_path)
    desk = TestDesk(hub.address, hub.pairing_code, "2号台", tmp_path, start=False)
    label = LinkStatusLabel(desk.link, interval_ms=50)
    qtbot.addWidget(label)
    try:
        # Desk 2 admits a member before it is connected; desk 1 admits them too, and
        # the hub hears of desk 1's first: desk 2 must be told.
        shared = cards[BRANCHES[0]][0]
        assert desk.scan(shared).recorded
        assert first.scan(shared).recorded
        qtbot.waitUntil(lambda: first.link.status().online and first.link.status().pending == 0,
                        timeout=5000)
        desk.link.start()
        qtbot.waitUntil(lambda: "already signed in at 1号台" in label.text(), timeout=5000)
        qtbot.waitUntil(lambda: "Online" in label.text() and "all check-ins sent" in label.text(),
                        timeout=5000)
        hub.stop()
        qtbot.waitUntil(lambda: "Offline" in label.text(), timeout=10000)
        desk.scan(cards[BRANCHES[0]][5])
        qtbot.waitUntil(lambda: "waiting to be sent: 1" in label.text(), timeout=5000)
        assert "Offline" in label.text()
    finally:
        desk.stop()
        first.stop()


def test_ago() -> None:
    assert ago(None) == "—"
    assert ago(100.0, 101.0) == "just now"
    assert ago(100.0, 130.0) == "30 s ago"
    assert ago(100.0, 400.0) == "5 min ago"


def test_a_refused_check_in_is_shown_and_stops_counting(
        qtbot, hub: Hub, hub_path: Path, tmp_path: Path) -> None:
    """Desk 1 admits a member while offline, after the sign-in closing time the
    organizer set meanwhile: the hub refuses that one check-in, the desk says why
    in its status line, and its figures agree with the hub's again."""
    from datetime import datetime, timedelta

    from linkkit import assert_converged

    from kiosk.checkin import Desk, check_in

    cards = cards_by_branch(hub_path)
    desk = TestDesk(hub.address, hub.pairing_code, "1号台", tmp_path, start=False)
    label = LinkStatusLabel(desk.link, interval_ms=50)
    qtbot.addWidget(label)
    try:
        closed = datetime.now().astimezone() - timedelta(minutes=20)
        with Store.open(hub_path) as store:
            update_settings(store, "organizer", closes_at=closed.isoformat(timespec="seconds"))
        with Store.open(desk.path) as store:  # the desk has not heard of the closing yet
            result = check_in(store, cards[BRANCHES[0]][0], Desk("1号台", "t"))
        assert result.recorded
        desk.link.start()
        qtbot.waitUntil(lambda: "The hub refused the check-in of" in label.text(), timeout=10000)
        assert result.member.name in label.text()
        assert "sign-in was closed at that time" in label.text()
        assert_converged(hub_path, [desk.path])
        with Store.open(desk.path) as store:
            assert refused_ids(store) == {result.event.id}
    finally:
        desk.stop()


def test_a_desk_of_another_version_is_refused_by_name_and_keeps_signing_in(
        qtbot, hub: Hub, hub_path: Path, tmp_path: Path, monkeypatch) -> None:
    """A paired desk left on the older protocol (version 2 knew no photos, no ID-card
    check-ins) is told why in its status line, signs members in, and sends them once
    it speaks the hub's version."""
    import kiosk.link.client as client

    cards = cards_by_branch(hub_path)
    desk = TestDesk(hub.address, hub.pairing_code, "1号台", tmp_path, start=False)
    monkeypatch.setattr(client, "PROTOCOL", "signdesk/2")
    desk.link.start()
    label = LinkStatusLabel(desk.link, interval_ms=50)
    qtbot.addWidget(label)
    try:
        qtbot.waitUntil(lambda: desk.link.status().state == "refused", timeout=5000)
        assert "this hub speaks signdesk/3" in desk.link.status().message
        assert desk.scan(cards[BRANCHES[0]][0]).recorded
        qtbot.waitUntil(lambda: "another version than the hub" in label.text(), timeout=2000)
        assert "Refused by the hub" in label.text()
        qtbot.waitUntil(lambda: "waiting to be sent: 1" in label.text(), timeout=2000)
    finally:
        desk.stop()
    monkeypatch.setattr(client, "PROTOCOL", "signdesk/3")
    desk.link = client.DeskLink(desk.path, discovery=False, on_ack=desk._on_ack, retry_max=0.5)
    desk.link.start()
    try:
        qtbot.waitUntil(lambda: desk.link.status().online
                        and desk.link.status().pending == 0, timeout=5000)
        assert desk.acked == set(desk.recorded)
    finally:
        desk.stop()
