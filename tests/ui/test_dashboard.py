"""The live dashboard: check-ins from another process, open/close sign-in, the quorum line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from data.store import Store
from kiosk.checkin import Desk, Outcome, check_in
from ui.organizer.window import OrganizerWindow

ROOT = Path(__file__).resolve().parents[2]


def _member_of(path: Path, branch: str):
    with Store.open(path) as s:
        m = next(m for m in s.members() if m.branch == branch and m.category == "full"
                 and m.status == "active")
        return m, s.current_cards()[m.id]


@pytest.mark.slow
def test_dashboard_shows_a_checkin_written_by_another_process(qtbot, window, demo_path):
    dash = window.dashboard
    assert dash.present_tile.value.text() == "0"
    member, code = _member_of(demo_path, "第三支部")
    row = next(i for i, r in enumerate(dash.branches.rows) if r[0] == "第三支部")
    assert dash.branches.rows[row][3] == 0

    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "checkin", str(demo_path), code, "--desk", "3号台"],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("welcome")

    qtbot.waitUntil(lambda: dash.present_tile.value.text() == "1", timeout=3000)
    assert dash.branches.rows[row][3] == 1
    assert dash.branches.rows[row][5] == "2.50%"  # 1 of 40 expected in 第三支部
    assert member.name in dash.feed.lines[0][0] and "3号台" in dash.feed.lines[0][0]
    desks = {dash.desks.item(r, 0).text(): dash.desks.item(r, 1).text()
             for r in range(dash.desks.rowCount())}
    assert desks["3号台"] == "1"
    assert "●" in next(dash.desks.item(r, 2).text() for r in range(dash.desks.rowCount())
                       if dash.desks.item(r, 0).text() == "3号台")
    assert sum(dash._buckets.values()) == 1
    # The chart redraws at most once a second: the start at zero, then one arrival.
    qtbot.waitUntil(lambda: dash.chart.total.count() == 2, timeout=3000)
    # The members table shows the arrival time too.
    model = window.members.model
    arrived = model.data(model.index(model.row_of(member.id), model.COLUMNS.index("arrived")))
    assert arrived and ":" in arrived


def _answer_close(qtbot, controls, button_text: str) -> list[str]:
    """Click the close button and answer its confirmation; the question's text."""
    asked: list[str] = []

    def answer() -> None:
        box = controls.confirm
        if box is None:
            QTimer.singleShot(10, answer)
            return
        asked.append(box.text())
        qtbot.mouseClick(next(b for b in box.buttons() if b.text() == button_text),
                         Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    qtbot.mouseClick(controls.close_button, Qt.MouseButton.LeftButton)
    return asked


def test_close_signin_asks_first_naming_who_is_still_to_come(qtbot, window, demo_path):
    """One click must not stop every desk: the organizer confirms, knowing the cost."""
    controls = window.dashboard.signin
    member, code = _member_of(demo_path, "第一支部")
    with Store.open(demo_path) as s:
        check_in(s, code, Desk("1号台", "t"))
        expected = window.watcher.figures().total.expected
    qtbot.waitUntil(lambda: window.dashboard.present_tile.value.text() == "1", timeout=3000)
    asked = _answer_close(qtbot, controls, "Keep sign-in open")
    assert asked and f"Not signed in yet: {expected - 1} expected members" in asked[0]
    with Store.open(demo_path) as s:
        assert s.meeting().signin_state != "closed"  # kept open
    assert "OPEN" in controls.state.text()
    asked = _answer_close(qtbot, controls, "Close sign-in at every desk")
    assert "CLOSED" in controls.state.text()
    with Store.open(demo_path) as s:
        assert s.meeting().signin_state == "closed"


def test_open_and_close_signin(qtbot, window, demo_path):
    controls = window.dashboard.signin
    assert "OPEN" in controls.state.text()
    _answer_close(qtbot, controls, "Close sign-in at every desk")
    assert "CLOSED" in controls.state.text()
    assert not controls.close_button.isEnabled()
    member, code = _member_of(demo_path, "第一支部")
    with Store.open(demo_path) as s:
        assert s.meeting().signin_state == "closed"
        assert s.audit_log()[-1][3] == "settings"
        assert check_in(s, code, Desk("1号台", "t")).outcome == Outcome.CLOSED
    qtbot.mouseClick(controls.open_button, Qt.MouseButton.LeftButton)
    assert "OPEN" in controls.state.text()
    with Store.open(demo_path) as s:
        assert s.meeting().signin_state == "open"
        assert check_in(s, code, Desk("1号台", "t")).outcome == Outcome.WELCOME
    qtbot.waitUntil(lambda: window.dashboard.present_tile.value.text() == "1", timeout=3000)
    qtbot.mouseClick(controls.auto_button, Qt.MouseButton.LeftButton)
    with Store.open(demo_path) as s:
        assert s.meeting().signin_state == "auto"


def test_quorum_line_turns_green_when_reached(qtbot, tmp_path):
    from kiosk.meeting import create_meeting
    from kiosk.members import add_member

    path = tmp_path / "small.sqlite"
    with create_meeting(path, title="小会", date="2026-11-28") as s:
        for i in range(5):
            add_member(s, name=f"党员{i}", branch="第一支部", actor="t", number=str(i))
    win = OrganizerWindow(path)
    qtbot.addWidget(win)
    banner = win.dashboard.banner
    # 5 expected: more than 4/5 means all 5 must be present.
    assert banner.met is False
    assert "5 more voting members needed" in banner.headline.text()
    with Store.open(path) as s:
        cards = s.current_cards()
        for mid in sorted(cards)[:4]:
            check_in(s, cards[mid], Desk("1号台", "t"))
    # 4 of 5 sits exactly on 4/5: said in words, not a bare red.
    qtbot.waitUntil(lambda: "EXACTLY 4/5" in banner.headline.text(), timeout=3000)
    assert "NOT reached" in banner.headline.text() and "1 more needed" in banner.headline.text()
    assert banner.met is False
    with Store.open(path) as s:
        check_in(s, cards[sorted(cards)[4]], Desk("1号台", "t"))
    qtbot.waitUntil(lambda: banner.met is True, timeout=3000)
    assert "QUORUM REACHED" in banner.headline.text()
    assert "NOT" not in banner.headline.text()
    win.close()


def test_absent_list_drops_a_member_once_signed_in(qtbot, window, demo_path):
    panel = window.members
    panel.branch_filter.setCurrentIndex(panel.branch_filter.findText("第一支部"))
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("absent"))
    before = panel.model.rowCount()
    member, code = _member_of(demo_path, "第一支部")
    assert panel.model.row_of(member.id) is not None
    with Store.open(demo_path) as s:
        assert check_in(s, code, Desk("1号台", "t")).outcome == Outcome.WELCOME
    qtbot.waitUntil(lambda: panel.model.rowCount() == before - 1, timeout=4000)
    assert panel.model.row_of(member.id) is None
    assert panel.count.text() == f"{before - 1} member(s)"
