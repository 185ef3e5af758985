"""The organizer's window and a desk open a meeting file holding hostile text and times.

Events are immutable, so a time stored as "not a time", "" or 1900 (naive) stays:
the dashboard's chart and desk list, the members table and the desk's recent
list must show such a file, not fail on it.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtWidgets import QApplication

from data.store import Store
from tests.hostile_kit import hostile_meeting
from ui.desk.texts import clock


def test_the_organizer_window_shows_a_hostile_file(qtbot, tmp_path: Path) -> None:
    from ui.organizer.window import OrganizerWindow

    path = tmp_path / "hostile.sqlite"
    made = hostile_meeting(path)
    with Store.open(path) as store:  # a desk whose last check-in has a naive time
        store.insert_event(id=uuid.uuid4().hex, kind="arrive", member_id=made["members"]["@注释"],
                           desk="7号台", operator="t", method="scan", at="1900-01-01T00:00:00",
                           stamp=True)
    win = OrganizerWindow(path)  # raised TypeError (naive 1900 minus an aware now)
    qtbot.addWidget(win)
    win.show()
    for _ in range(5):
        QApplication.processEvents()
    assert win.dashboard.present_tile.value.text() == "7"
    win.dashboard._show_desks()  # the desk list's "last check-in" on every stored time
    win.close()


def test_the_desk_clock_never_fails() -> None:
    for at in ("not a time", "", "0001-01-01T00:00:00+14:00", "1900-01-01T00:00:00",
               "9999-12-31T23:59:59-12:00"):
        assert isinstance(clock(at), str)
    assert clock("2026-11-28T08:31:00") == "08:31"


def test_a_read_only_file_opens_and_says_why_it_cannot_be_changed(qtbot, tmp_path: Path) -> None:
    """As root, only the immutable attribute makes a file read-only (see tests/data)."""
    import subprocess

    from kiosk.demo import build_demo
    from ui.organizer.window import OrganizerWindow

    path = tmp_path / "m.sqlite"
    build_demo(path, arrivals=0.3).close()
    r = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if r.returncode != 0:
        import pytest
        pytest.skip(f"chattr +i is not available here: {r.stderr.strip()}")
    try:
        win = OrganizerWindow(path)
        qtbot.addWidget(win)
        win.show()
        assert win.read_only_bar is not None and win.read_only_bar.isVisible()
        assert "can only be read: the file is read-only" in win.read_only_bar.text()
        assert "(read-only)" in win.windowTitle()
        assert win.dashboard.present_tile.value.text() != "0"  # the figures are there
        win.close()
    finally:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)
