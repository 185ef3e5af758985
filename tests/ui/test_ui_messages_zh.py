"""Refusals from the domain layer reach a Chinese window in Chinese.

The tests run in English (SIGNDESK_LANG=en_US); each test here switches the
window's language to Chinese the way a user does, through SIGNDESK_LANG.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from desk_helpers import card_of, member_of, open_window, scan
from PySide6.QtCore import QSettings, Qt
from roster_helpers import read

from data.store import Store
from kiosk.checkin import Desk, void
from kiosk.meeting import create_meeting
from kiosk.model import Status
from kiosk.organizer import OrganizerService
from ui.messages import domain_text, problem_cells
from ui.organizer.roster_import import RosterImportDialog
from ui.organizer.window import OrganizerWindow

ROSTER = "姓名,支部,党员编号,手机\n张三,第一支部,1,13800000000\n李四,第一支部,3,123\n" \
         "王五,第一支部,3,13900000000\n"


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> None:
    """Recent files go to a settings file under tmp_path, not the user's."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))


def _problems_shown(qtbot, tmp_path: Path) -> list[tuple[str, str, str]]:
    path = tmp_path / "m.sqlite"
    if not path.exists():
        create_meeting(path, title="T", date="2026-11-28").close()
    roster = tmp_path / "roster.csv"
    roster.write_bytes(ROSTER.encode("gbk"))
    with OrganizerService(path, "organizer") as service:
        dlg = RosterImportDialog(service)
        qtbot.addWidget(dlg)
        assert read(dlg, roster) is False
        t = dlg.problem_table
        return [(t.item(r, 0).text(), t.item(r, 1).text(), t.item(r, 2).text())
                for r in range(t.rowCount())]


def test_roster_problems_are_listed_in_chinese_in_a_chinese_window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("SIGNDESK_LANG", "zh_CN")
    shown = _problems_shown(qtbot, tmp_path)
    assert ("3", "D列（手机）", "电话号码“123”有误") in shown
    assert ("4", "C列（党员编号）", "党员编号 3 重复（第3行也有）") in shown
    assert len(shown) == 2


def test_roster_problems_stay_english_in_an_english_window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("SIGNDESK_LANG", "en_US")
    shown = _problems_shown(qtbot, tmp_path)
    assert ("4", "C (党员编号)", "duplicate number 3 (also in row 3)") in shown
    assert ("3", "D (手机)", "bad phone number '123'") in shown


def test_domain_text_follows_the_window_language(tmp_path, monkeypatch):
    from kiosk.members import MemberError
    from kiosk.roster import Problem

    exc = MemberError("a member belongs to a branch", "请填写所在支部")
    p = Problem("r.csv", 5, "C (党员编号)", "duplicate number 3 (also in row 4)",
                "党员编号 3 重复（第4行也有）")
    monkeypatch.setenv("SIGNDESK_LANG", "zh_CN")
    assert domain_text(exc) == "请填写所在支部"
    assert domain_text(p) == "r.csv 第5行 C列（党员编号）：党员编号 3 重复（第4行也有）"
    assert domain_text(MemberError("only English")) == "only English"
    assert domain_text(OSError("disk full")) == "disk full"
    assert problem_cells(p) == ("5", "C列（党员编号）", "党员编号 3 重复（第4行也有）")
    monkeypatch.setenv("SIGNDESK_LANG", "en_US")
    assert domain_text(exc) == "a member belongs to a branch"
    assert domain_text(p) == "r.csv, row 5, column C (党员编号): duplicate number 3 (also in row 4)"


def test_a_refused_member_edit_is_explained_in_chinese(qtbot, demo_path, monkeypatch):
    monkeypatch.setenv("SIGNDESK_LANG", "zh_CN")
    win = OrganizerWindow(demo_path)
    qtbot.addWidget(win)
    members = win.members
    m = next(m for m in win.watcher.members.values() if m.status == "active")
    assert members.select_member(m.id)
    members.status.setCurrentIndex(members.status.findData(str(Status.EXCLUDED)))
    members.reason.clear()
    qtbot.mouseClick(members.apply_button, Qt.MouseButton.LeftButton)
    assert members.error.text() == "核准不计须填写原因"
    with Store.open(demo_path) as s:
        assert s.member(m.id).status == "active"
    win.close()


def test_a_refused_undo_at_the_desk_is_explained_in_chinese(qtbot, demo_path, demo_store,
                                                            monkeypatch):
    monkeypatch.setenv("SIGNDESK_LANG", "zh_CN")
    w = open_window(qtbot, demo_path)
    m = member_of(demo_store, "第一支部", 3)
    scan(qtbot, w, card_of(demo_store, m))
    qtbot.waitUntil(lambda: w.secretary.recent.count() == 1)
    w.secretary.recent.setCurrentRow(0)
    qtbot.mouseClick(w.secretary.undo_button, Qt.MouseButton.LeftButton)
    bar = w.secretary.undo_bar
    assert bar.isVisible()
    # Meanwhile the organizer undoes the same check-in from another screen.
    void(demo_store, bar.event_id, "重复", Desk("组织者", "organizer"))
    bar.reason.setText("wrong person")
    qtbot.mouseClick(bar.ok, Qt.MouseButton.LeftButton)
    assert bar.error.text() == f"这条记录（{bar.event_id}）已撤销"
    assert bar.isVisible()
