"""The organizer's day in one run, through the windows only: a new meeting, its roster
imported, desks named for the branches, a check-in from another process seen on the
dashboard, sign-in closed after its confirmation, the attendance exported. Each step
checks the file through another connection (and the autouse checks in conftest fail the
test if a window left a transaction open when control went back to the event loop)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog
from roster_helpers import click_import, read

from data.store import Store
from ui.organizer.new_meeting import NewMeetingDialog
from ui.organizer.window import OrganizerWindow

ROOT = Path(__file__).resolve().parents[2]
ROSTER = ("姓名,支部,党员编号,手机,状态,原因\n"
          "张三,第一支部,A001,13800000001,正常,\n"
          "钱二,第一支部,A002,13800000002,正常,\n"
          "李四,第二支部,A003,13800000003,正常,\n"
          "赵六,第二支部,A004,13800000004,请假,生病\n")


@pytest.mark.slow
def test_a_meeting_from_nothing_to_the_export(qtbot, tmp_path: Path, monkeypatch) -> None:
    dlg = NewMeetingDialog(folder=tmp_path / "SignDesk")
    qtbot.addWidget(dlg)
    dlg.title.setText("北郊党员大会")  # (QTest types Latin-1 only)
    qtbot.mouseClick(dlg.rule_buttons["election_at_least"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    path = dlg.created
    assert path is not None and path.exists()

    win = OrganizerWindow(path)
    qtbot.addWidget(win)
    win.show()
    roster = tmp_path / "名册.csv"
    roster.write_text(ROSTER, encoding="utf-8-sig")
    imp = win.import_roster()
    assert read(imp, roster)
    click_import(qtbot, imp)  # written by a child process
    qtbot.waitUntil(lambda: win.dashboard.expected_tile.value.text() == "4", timeout=10_000)

    for branch, desk in (("第一支部", "1号台"), ("第二支部", "2号台")):
        combo = win.branches.desk_combo(branch)
        assert combo is not None
        combo.setEditText(desk)
        combo.lineEdit().editingFinished.emit()
    with Store.open(path) as s:
        assert {b.name: b.desk_name for b in s.branches()} == {"第一支部": "1号台", "第二支部": "2号台"}
        code = s.current_cards()[next(m.id for m in s.members() if m.name == "张三")]

    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "checkin", str(path), code,
                           "--desk", "1号台", "--operator", "王书记"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: win.dashboard.present_tile.value.text() == "1", timeout=5000)
    qtbot.waitUntil(lambda: bool(win.dashboard.feed.lines), timeout=5000)
    assert "张三" in win.dashboard.feed.lines[0][0]  # it was missed when it came during a re-read
    desks = win.dashboard.desks
    assert {desks.item(r, 0).text(): desks.item(r, 1).text() for r in range(desks.rowCount())} \
        == {"1号台": "1", "2号台": "0"}

    controls = win.dashboard.signin
    asked: list[str] = []

    def confirm() -> None:
        box = controls.confirm
        if box is None:
            QTimer.singleShot(10, confirm)
            return
        asked.append(box.text())
        qtbot.mouseClick(next(b for b in box.buttons() if b.text() == "Close sign-in at every desk"),
                         Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, confirm)
    qtbot.mouseClick(controls.close_button, Qt.MouseButton.LeftButton)
    assert asked and "Not signed in yet: 3 expected members (1 of them on leave)" in asked[0]
    with Store.open(path) as s:
        assert s.meeting().signin_state == "closed"

    target = tmp_path / "出席.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    win.export_action.trigger()
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert len(rows) == 5 and any(r[2] == "张三" and r[11] == "是" for r in rows)
    win.close()
