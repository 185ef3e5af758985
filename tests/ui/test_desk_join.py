"""Joining a hub from the window: the start screen's join form against a real hub on
127.0.0.1, a scanned pairing QR code, the desk that opens and syncs, a refusal shown
inline, and resuming the desk this computer joined before."""

from __future__ import annotations

from pathlib import Path

from desk_helpers import card_of, member_of, scan
from PySide6.QtCore import Qt

from data.store import Store
from kiosk.link.hub import Hub
from ui.desk.join import JoinDialog, replica_for
from ui.desk.window import DeskWindow
from ui.launcher import start_screen as launcher
from ui.launcher.start_screen import StartScreen


def _close_desk(desk: DeskWindow) -> None:
    desk.link.stop()
    desk.shutdown()
    if desk in launcher._OPEN:
        launcher._OPEN.remove(desk)


def _at_hub(path: Path) -> list[tuple[int, str, bool]]:
    with Store.open(path) as s:
        return [(e.member_id, e.desk, e.hub_seq is not None) for e in s.events_after(0)]


def test_scanned_pairing_code_joins_opens_the_desk_and_its_check_in_reaches_the_hub(
        qtbot, hub: Hub, demo_path: Path, tmp_path: Path) -> None:
    desks = tmp_path / "desks"
    start = StartScreen(desks=desks)
    qtbot.addWidget(start)
    start.show()
    assert start.resume_button.isHidden()  # nothing joined yet on this computer
    qtbot.mouseClick(start.join_button, Qt.MouseButton.LeftButton)
    dialog = start.join_dialog
    assert isinstance(dialog, JoinDialog) and dialog.isVisible()
    dialog.name.setCurrentText("3号台")
    # The USB scanner types the hub's QR code into the focused code field, then Enter.
    dialog.code.setFocus()
    qtbot.keyClicks(dialog.code, hub.pairing_uri)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert dialog.code.text() == hub.pairing_code
    assert dialog.address.text() == hub.address
    assert dialog.meeting == hub.meeting_uid
    assert dialog.desk_window is None  # reading the code does not join by itself
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    assert not dialog.join_button.isEnabled()  # joining runs in the background
    qtbot.waitUntil(lambda: dialog.desk_window is not None, timeout=20_000)
    desk = dialog.desk_window
    assert isinstance(desk, DeskWindow)
    replica = replica_for("3号台", desks)
    try:
        assert desk.path == replica and desk.link is not None and desk.isVisible()
        assert desk in launcher._OPEN and not start.isVisible()
        assert not dialog.isVisible()
        with Store.open(replica) as s:
            assert s.get_meta("role") == "replica"
        with Store.open(demo_path) as authority:
            member = member_of(authority, "第三支部")
            code = card_of(authority, member)
        desk.activateWindow()
        scan(qtbot, desk, code)
        qtbot.waitUntil(lambda: desk.panel.colour == "green", timeout=5_000)
        qtbot.waitUntil(lambda: _at_hub(demo_path) == [(member.id, "3号台", True)], timeout=10_000)
    finally:
        _close_desk(desk)

    # The next start offers to resume that desk; resuming opens it without a code.
    again = StartScreen(desks=desks)
    qtbot.addWidget(again)
    assert not again.resume_button.isHidden() and "3号台" in again.resume_button.text()
    qtbot.mouseClick(again.resume_button, Qt.MouseButton.LeftButton)
    resumed = launcher._OPEN[-1]
    try:
        assert isinstance(resumed, DeskWindow) and resumed.path == replica
        assert resumed.link.wait_until(lambda st: st.online, timeout=10)
    finally:
        _close_desk(resumed)


def test_wrong_code_is_refused_inline_and_opens_nothing(qtbot, hub: Hub, tmp_path: Path) -> None:
    dialog = JoinDialog(folder=tmp_path / "desks", kiosk=False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setCurrentText("2号台")
    dialog.address.setText(hub.address)
    dialog.code.setText("12345")
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    assert "6 digits" in dialog.status.text() and dialog.worker is None
    wrong = "000000"  # codes never start with 0, so this one is always wrong
    assert wrong != hub.pairing_code
    dialog.code.setText(wrong)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)  # Enter after a typed code joins
    qtbot.waitUntil(lambda: "Wrong pairing code" in dialog.status.text(), timeout=10_000)
    qtbot.waitUntil(lambda: dialog.worker is None and dialog.join_button.isEnabled())
    assert dialog.desk_window is None and dialog.isVisible()
    assert not replica_for("2号台", tmp_path / "desks").exists()
    assert hub.desks_status() == []  # the hub paired nobody


def test_form_reads_the_qr_code_from_the_camera_and_refuses_other_codes(
        qtbot, hub: Hub, tmp_path: Path) -> None:
    import qrcode
    from PIL.ImageQt import ImageQt

    dialog = JoinDialog(folder=tmp_path / "desks", kiosk=False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.take_pairing("ABC123")  # a member's card is not a pairing code
    assert "not a SignDesk pairing code" in dialog.status.text()
    image = ImageQt(qrcode.make(hub.pairing_uri).convert("RGB"))
    camera = dialog.ensure_camera()
    assert camera.feed(image.copy())
    qtbot.waitUntil(lambda: dialog.address.text() == hub.address, timeout=10_000)
    assert dialog.code.text() == hub.pairing_code and dialog.meeting == hub.meeting_uid
    assert "Choose which desk" in dialog.status.text()  # no name yet: it asks for one
    assert not dialog.join()  # and refuses to join without it
    dialog.reject()
    assert dialog.camera is None
