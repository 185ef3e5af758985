"""The window that once stopped, silently: new meeting → import → desk names → scans.

Driven through the real widgets from the start screen, with check-ins made
by another process (the command line) on the same file. After every step the
file itself, read through another connection, must hold what the window
shows, and the dashboard must follow what other processes write. The
autouse checks in conftest.py also run here: no transaction left open when
the event loop goes idle, every write visible to another connection.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from roster_helpers import click_import, read

from data.store import Store
from ui.launcher.start_screen import StartScreen
from ui.organizer import window as organizer_window

ROOT = Path(__file__).resolve().parents[2]
ROSTER = (
    "姓名,支部,党员编号,手机,状态,原因\n"
    "张三,第一支部,A001,13800000001,正常,\n"
    "钱二,第一支部,A002,13800000002,正常,\n"
    "李四,第二支部,A003,13800000003,正常,\n"
    "王五,第二支部,A004,13800000004,请假,生病\n"
)


def _cli(*args: str) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, timeout=60, check=True)
    return done.stdout


def test_new_meeting_import_desks_then_scans_elsewhere_are_followed(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "大会.sqlite"
    roster = tmp_path / "名册.csv"
    roster.write_text(ROSTER, encoding="utf-8-sig")
    start = StartScreen()
    qtbot.addWidget(start)
    start.show()

    def fill_new_meeting() -> None:
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, organizer_window.NewMeetingDialog)
        dlg.title.setText("第一次党员大会")
        dlg.path.setText(str(path))
        dlg.rule_buttons["election"].setChecked(True)
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill_new_meeting)
    qtbot.mouseClick(start.new_button, Qt.MouseButton.LeftButton)
    win = next(w for w in organizer_window._OPEN if isinstance(w, organizer_window.OrganizerWindow))
    qtbot.addWidget(win)
    assert win.path == path

    # Import the roster in that window.
    dlg = win.import_roster()
    assert read(dlg, roster)
    click_import(qtbot, dlg)
    qtbot.waitUntil(lambda: win.dashboard.expected_tile.value.text() == "4", timeout=3000)
    with Store.open(path) as other:
        assert len(other.members()) == 4

    # Type desk names in Branches & desks, as the organizer does (keys, Enter).
    win.tabs.setCurrentWidget(win.branches)
    for branch, desk in (("第一支部", "A1"), ("第二支部", "B2")):
        combo = win.branches.desk_combo(branch)
        combo.setFocus()
        combo.lineEdit().selectAll()
        qtbot.keyClicks(combo.lineEdit(), desk)
        qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
        qtbot.wait(250)  # the watcher polls in between, as it does for a person
        with Store.open(path) as other:  # in the file now, not when the window closes
            assert {b.name: b.desk_name for b in other.branches()}[branch] == desk
            assert [a[3] for a in other.audit_log()].count("assign_desk") >= 1

    # Scans at desks in other processes: the dashboard follows the file.
    with Store.open(path) as other:
        cards = other.current_cards()
        by_name = {m.name: m.id for m in other.members()}
    _cli("checkin", str(path), cards[by_name["张三"]], "--desk", "A1")
    qtbot.waitUntil(lambda: win.dashboard.present_tile.value.text() == "1", timeout=3000)
    _cli("checkin", str(path), cards[by_name["李四"]], "--desk", "B2")
    qtbot.waitUntil(lambda: win.dashboard.present_tile.value.text() == "2", timeout=3000)
    assert json.loads(_cli("stats", str(path), "--json"))["present"] == 2

    # A window opened directly on the file (a second organizer window) shows it too.
    second = organizer_window.open_window(path)
    assert second is not None
    qtbot.addWidget(second)
    assert second.dashboard.present_tile.value.text() == "2"
    _cli("checkin", str(path), cards[by_name["钱二"]], "--desk", "A1")
    qtbot.waitUntil(lambda: second.dashboard.present_tile.value.text() == "3"
                    and win.dashboard.present_tile.value.text() == "3", timeout=3000)
    second.close()
    win.close()


def test_a_meeting_without_members_shows_one_next_step_not_failure(qtbot, tmp_path):
    """No red quorum, no 0.00 %, no 'sign-in is open' for nobody: import the roster."""
    from kiosk.meeting import create_meeting

    path = tmp_path / "empty.sqlite"
    create_meeting(path, title="T", date="2026-11-28").close()
    roster = tmp_path / "名册.csv"
    roster.write_text(ROSTER, encoding="utf-8-sig")
    win = organizer_window.OrganizerWindow(path)
    qtbot.addWidget(win)
    win.show()
    dash = win.dashboard
    assert win.tabs.currentWidget() is dash
    assert dash.empty.isVisible() and not dash.live.isVisible()
    assert not dash.banner.isVisible() and not dash.turnout_tile.isVisible()
    assert dash.signin.state.text() == "No members yet"
    qtbot.mouseClick(dash.empty.import_button, Qt.MouseButton.LeftButton)
    dlg = next(w for w in QApplication.topLevelWidgets()
               if type(w).__name__ == "RosterImportDialog" and w.isVisible())
    assert read(dlg, roster)
    click_import(qtbot, dlg)
    qtbot.waitUntil(lambda: dash.live.isVisible(), timeout=3000)
    assert not dash.empty.isVisible()
    assert dash.signin.state.text() != "No members yet"
    # What the import did stays on screen until read.
    assert win.notice_bar.isVisible()
    assert "4 added" in win.notice.text() and "名册.csv" in win.notice.text()
    qtbot.wait(500)
    assert win.notice_bar.isVisible()
    qtbot.mouseClick(win.notice_ok, Qt.MouseButton.LeftButton)
    assert not win.notice_bar.isVisible()
