"""The organizer's preparing window: roster import, member edits, settings, desks, recent files.

Real meeting files under tmp_path; edits are made by clicking the real widgets
and checked in the file and its audit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from roster_helpers import click_import, read

from data.store import Store
from kiosk.model import Status
from ui.launcher import start_screen as launcher
from ui.launcher.start_screen import StartScreen
from ui.organizer import window as organizer_window
from ui.organizer.window import NewMeetingDialog, OrganizerWindow, recent_files


def _audit_actions(path: Path) -> list[str]:
    with Store.open(path) as s:
        return [row[3] for row in s.audit_log()]


BAD_ROSTER = (
    "姓名,支部,党员编号,手机,状态,原因\n"
    "张三,第一支部,A001,13800000001,正常,\n"
    ",第一支部,A002,13800000002,正常,\n"             # row 3: no name
    "李四,第二支部,A003,12ab,正常,\n"                 # row 4: bad phone
    "王五,第二支部,A004,13800000004,核准不计,\n"       # row 5: excluded without reason
    "赵六,,A001,13800000005,火星,\n"                  # row 6: no branch, duplicate number, bad status
)
GOOD_ROSTER = (
    "姓名,支部,党员编号,手机,状态,原因\n"
    "张三,第一支部,A001,13800000001,正常,\n"
    "钱二,第一支部,A002,13800000002,正常,\n"
    "李四,第二支部,A003,13800000003,请假,生病\n"
    "王五,第二支部,A004,13800000004,核准不计,出国半年以上\n"
)


def test_roster_import_lists_every_problem_and_imports_nothing_until_clean(qtbot, tmp_path):
    from kiosk.meeting import create_meeting

    path = tmp_path / "m.sqlite"
    create_meeting(path, title="T", date="2026-11-28").close()
    roster = tmp_path / "roster.csv"
    roster.write_bytes(BAD_ROSTER.encode("gbk"))  # as Chinese Excel saves it
    win = OrganizerWindow(path)
    qtbot.addWidget(win)
    dlg = win.import_roster()

    assert read(dlg, roster) is False
    table = dlg.problem_table
    shown = [(table.item(r, 0).text(), table.item(r, 1).text(), table.item(r, 2).text())
             for r in range(table.rowCount())]
    assert len(shown) == len(dlg.problems) >= 6
    rows = {row for row, _col, _msg in shown}
    assert {"3", "4", "5", "6"} <= rows
    assert any(row == "4" and col.startswith("D") and "phone" in msg for row, col, msg in shown)
    assert any(row == "6" and "duplicate" in msg for row, _col, msg in shown)
    assert dlg.stack.currentWidget() is table
    assert not dlg.import_button.isEnabled()
    assert "nothing will be imported" in dlg.summary.text()
    with Store.open(path) as s:
        assert s.members() == []
    assert "roster_import" not in _audit_actions(path)

    # The organizer fixes the file in Excel and reads it again: now it can be imported.
    roster.write_bytes(GOOD_ROSTER.encode("utf-8-sig"))
    qtbot.mouseClick(dlg.reread_button, Qt.MouseButton.LeftButton)
    assert read(dlg)
    assert dlg.stack.currentWidget() is dlg.tabs
    assert dlg.preview.model().rowCount() == 4
    assert dlg.import_button.isEnabled()
    click_import(qtbot, dlg)
    assert dlg.report is not None and len(dlg.report.added) == 4
    with Store.open(path) as s:
        assert sorted(m.name for m in s.members()) == ["张三", "李四", "王五", "钱二"]
    assert "roster_import" in _audit_actions(path)
    qtbot.waitUntil(lambda: win.members.model.rowCount() == 4, timeout=3000)
    assert win.dashboard.expected_tile.value.text() == "3"  # 王五 is excluded
    win.close()


def _first_full_active(window: OrganizerWindow):
    return next(m for m in window.watcher.members.values()
                if m.category == "full" and m.status == "active")


def test_editing_a_members_status_changes_expected_and_quorum(qtbot, window, demo_path):
    members = window.members
    before = window.watcher.figures()
    m = _first_full_active(window)
    window.tabs.setCurrentWidget(members)
    assert members.select_member(m.id)
    assert members.selected().id == m.id

    # Excluding without a reason is refused, and nothing changes.
    members.status.setCurrentIndex(members.status.findData(str(Status.EXCLUDED)))
    members.reason.clear()
    qtbot.mouseClick(members.apply_button, Qt.MouseButton.LeftButton)
    assert "reason" in members.error.text()
    with Store.open(demo_path) as s:
        assert s.member(m.id).status == "active"

    members.reason.setText("长期卧床")  # QTest types ASCII only
    qtbot.mouseClick(members.apply_button, Qt.MouseButton.LeftButton)
    assert members.error.text() == ""
    with Store.open(demo_path) as s:
        stored = s.member(m.id)
        assert (stored.status, stored.status_reason) == ("excluded", "长期卧床")
        assert s.audit_log()[-1][3] == "member_changed"
    after = window.watcher.figures()
    assert after.total.expected == before.total.expected - 1
    assert after.quorum.expected == before.quorum.expected - 1
    dash = window.dashboard
    assert dash.expected_tile.value.text() == str(before.total.expected - 1)
    assert f"of {after.quorum.expected} expected" in dash.banner.detail.text()
    assert f"{after.quorum.required} needed" in dash.banner.detail.text()

    # On leave: back in expected (请假 still counts).
    members.status.setCurrentIndex(members.status.findData(str(Status.LEAVE)))
    qtbot.mouseClick(members.apply_button, Qt.MouseButton.LeftButton)
    assert window.watcher.figures().total.expected == before.total.expected

    # An observer is neither expected nor voting.
    members.status.setCurrentIndex(members.status.findData(str(Status.ACTIVE)))
    members.category.setCurrentIndex(members.category.findData("observer"))
    qtbot.mouseClick(members.apply_button, Qt.MouseButton.LeftButton)
    f = window.watcher.figures()
    assert f.total.expected == before.total.expected - 1
    assert f.total.observers == before.total.observers + 1


def test_members_table_filters_by_branch_and_status_and_sorts(qtbot, window):
    panel = window.members
    model = panel.model
    total = len(window.watcher.members)
    assert model.rowCount() == total
    panel.branch_filter.setCurrentIndex(panel.branch_filter.findText("第三支部"))
    assert 0 < model.rowCount() < total
    assert {model.member_at(r).branch for r in range(model.rowCount())} == {"第三支部"}
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("excluded"))
    assert all(model.member_at(r).status == "excluded" for r in range(model.rowCount()))
    panel.branch_filter.setCurrentIndex(0)
    panel.status_filter.setCurrentIndex(0)
    name_col = model.COLUMNS.index("number")
    panel.table.sortByColumn(name_col, Qt.SortOrder.DescendingOrder)
    numbers = [model.member_at(r).number for r in range(model.rowCount())]
    assert numbers == sorted(numbers, reverse=True)
    qtbot.keyClicks(panel.search, "31011000")  # member numbers 3101100001 … 3101100099
    assert 0 < model.rowCount() < total


def test_add_remove_and_reissue(qtbot, window, demo_path, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from ui.organizer import members as members_module

    panel = window.members
    expected = window.watcher.figures().total.expected

    def fake_exec(dlg) -> int:
        dlg.name.setText("新党员")
        dlg.branch.setCurrentText("第二支部")
        dlg.number.setText("X-1")
        return 1

    monkeypatch.setattr(members_module.AddMemberDialog, "exec", fake_exec)
    mid = panel.add_dialog()
    assert mid is not None
    assert window.watcher.figures().total.expected == expected + 1
    assert panel.selected().name == "新党员"

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with Store.open(demo_path) as s:
        old = s.current_cards()[mid]
    code = panel.reissue_selected()
    with Store.open(demo_path) as s:
        assert s.current_cards()[mid] == code != old
        assert s.card(old).revoked_at is not None

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("录入错误", True))
    assert panel.remove_selected()
    assert window.watcher.figures().total.expected == expected
    with Store.open(demo_path) as s:
        assert s.member(mid).removed_at is not None
        assert [r[3] for r in s.audit_log()][-3:] == ["member_added", "card_reissued",
                                                       "member_removed"]


def test_settings_are_saved_through_the_domain(qtbot, window, demo_path):
    panel = window.settings_panel
    panel.title.clear()
    panel.title.setText("北郊居民区党员大会（第二次）")
    panel.quorum.setCurrentIndex(panel.quorum.findData("election_at_least"))
    panel.pin.setText("2468")  # four digits: refused, nothing saved
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert "6 to 12 digits" in panel.message.text()
    with Store.open(demo_path) as s:
        assert not s.meeting().pin_hash and "第二次" not in s.meeting().title
    panel.pin.setText("246813")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert "saved" in panel.message.text()
    with Store.open(demo_path) as s:
        m = s.meeting()
        assert m.title == "北郊居民区党员大会（第二次）"
        assert m.quorum_rule == "election_at_least"
        assert m.pin_hash.startswith("scrypt$") and "246813" not in m.pin_hash
        detail = s.audit_log()[-1][5]
        assert detail["pin_hash"] == "***"
    assert window.watcher.figures().quorum.rule == "election_at_least"
    assert "第二次" in window.windowTitle()

    panel.title.clear()
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert "title" in panel.message.text()
    with Store.open(demo_path) as s:
        assert s.meeting().title == "北郊居民区党员大会（第二次）"


def test_branch_desk_assignment(qtbot, window, demo_path):
    panel = window.branches
    combo = panel.desk_combo("第三支部")
    assert combo.currentText() == "3号台"
    combo.setCurrentText("备用台")
    combo.lineEdit().editingFinished.emit()
    with Store.open(demo_path) as s:
        b = next(b for b in s.branches() if b.name == "第三支部")
        assert b.desk_name == "备用台"
        assert s.audit_log()[-1][3] == "assign_desk"
    qtbot.waitUntil(lambda: panel.desk_combo("第三支部") is not None
                    and panel.desk_combo("第三支部").currentText() == "备用台", timeout=3000)
    assert panel.assign("第三支部", None)
    with Store.open(demo_path) as s:
        assert next(b for b in s.branches() if b.name == "第三支部").desk_name is None


def test_new_meeting_recent_files_and_start_screen(qtbot, tmp_path):
    dlg = NewMeetingDialog()
    qtbot.addWidget(dlg)
    dlg.title.setText("测试大会")
    path = tmp_path / "new.sqlite"
    dlg.path.setText(str(path))
    dlg.rule_buttons["election"].setChecked(True)
    assert dlg.create()
    assert path.exists()
    start = StartScreen()
    qtbot.addWidget(start)
    assert start.recent.count() == 0
    win = start.open_path(path)
    assert win is not None and win.watcher.meeting.title == "测试大会"
    assert recent_files() == [str(path.resolve())]
    assert win in organizer_window._OPEN
    win.close()
    again = StartScreen()
    qtbot.addWidget(again)
    assert again.recent.count() == 1
    assert again.recent.item(0).text().startswith("测试大会 · ")
    qtbot.mouseClick(again.open_recent_button, Qt.MouseButton.LeftButton)
    reopened = organizer_window._OPEN[-1]
    assert isinstance(reopened, OrganizerWindow) and reopened.path == path
    reopened.close()

    # A file that is not a meeting is refused with a message, not a crash.
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    shown = []
    from PySide6.QtWidgets import QMessageBox

    orig = QMessageBox.critical
    QMessageBox.critical = lambda *a, **k: shown.append(a[2])  # type: ignore[method-assign]
    try:
        assert again.open_path(junk) is None
    finally:
        QMessageBox.critical = orig  # type: ignore[method-assign]
    assert shown and "not a SignDesk meeting file" in shown[0]


def test_chinese_translation_is_complete_and_used(qtbot, demo_path):
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from ui.language import I18N_DIR, install_translations

    ts = ET.parse(I18N_DIR / "organizer_zh_CN.ts")
    messages = list(ts.getroot().iter("message"))
    assert len(messages) > 150
    unfinished = [m.find("source").text for m in messages
                  if m.find("translation").get("type") in ("unfinished", "obsolete")]
    assert unfinished == []
    app = QApplication.instance()
    translators = install_translations(app, QLocale("zh_CN"))
    try:
        win = OrganizerWindow(demo_path)
        qtbot.addWidget(win)
        assert [win.tabs.tabText(i) for i in range(3)] == ["签到总览", "党员名册", "支部与签到台"]
        assert win.dashboard.banner.headline.text().startswith("✘ 未达到法定人数")
        assert win.dashboard.signin.state.text() == "签到进行中"
        win.close()
    finally:
        for tr in translators:
            app.removeTranslator(tr)
        QLocale.setDefault(QLocale("en_US"))


def test_start_screen_starts_a_desk(qtbot, demo_path, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QWidget

    asked = []

    def get_item(parent, title, label, items, current, editable):
        asked.append(list(items))
        return "3号台", True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    before = list(launcher._OPEN)
    assert launcher.start_desk(None, demo_path)
    assert asked and asked[0][:3] == ["1号台", "2号台", "3号台"]  # the file's desks, offered
    desks = [w for w in launcher._OPEN if w not in before]
    assert len(desks) == 1 and isinstance(desks[0], QWidget) and desks[0].isVisible()
    assert desks[0].isFullScreen()  # kiosk: closing it needs the PIN
    desks[0].shutdown()
    launcher._OPEN.remove(desks[0])


def test_organizer_window_asks_the_launcher_for_a_desk(qtbot, window, demo_path, monkeypatch):
    """View ▸ Start a desk: the window only signals; the launcher opens the desk."""
    from PySide6.QtWidgets import QInputDialog

    from ui.desk.window import DeskWindow

    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("2号台", True))
    launcher.connect_windows()
    action = next(a for a in window.menuBar().actions()[1].menu().actions()
                  if "desk" in a.text())
    before = list(launcher._OPEN)
    with qtbot.waitSignal(window.deskRequested) as asked:
        action.trigger()
    assert asked.args == [str(demo_path)]
    desks = [w for w in launcher._OPEN if w not in before]
    assert len(desks) == 1 and isinstance(desks[0], DeskWindow)
    assert desks[0].session.desk.name == "2号台"
    desks[0].shutdown()
    launcher._OPEN.remove(desks[0])


def test_member_edits_are_taken_in_without_reloading_the_roster(qtbot, demo_path):
    """Edits from another connection: the watcher re-reads only the edited members,
    and its figures stay exactly those of a full recount."""
    from kiosk.demo import sign_in_share
    from kiosk.meeting import assign_desk
    from kiosk.members import add_member, remove_member, set_category, set_status
    from kiosk.turnout import tally_of
    from ui.live import MeetingWatcher

    with Store.open(demo_path) as s:
        sign_in_share(s, 0.5)
    watcher = MeetingWatcher(demo_path)
    reloads, edits = [], []
    watcher.rosterReloaded.connect(lambda: reloads.append(1))
    watcher.membersChanged.connect(edits.append)
    try:
        with Store.open(demo_path) as s:
            present = [m for m in s.members() if watcher.tally.presence(m.id).attended
                       and m.category == "full" and m.status == "active"]
            a, b, c = present[:3]
            set_status(s, a.id, "excluded", "出国半年以上", "t")
            set_category(s, b.id, "observer", "t")
            remove_member(s, c.id, "重复录入", "t")
            new_id, _ = add_member(s, name="新来的", branch="第二支部", actor="t")
            assert watcher.poll()
            assert reloads == [] and edits == [{a.id, b.id, c.id, new_id}]
            assert watcher.figures().as_dict() == tally_of(s).figures().as_dict()
            assert c.id not in watcher.members and watcher.members[new_id].name == "新来的"

            set_status(s, a.id, "leave", "", "t")  # back into expected
            assert watcher.poll()
            assert watcher.figures().as_dict() == tally_of(s).figures().as_dict()

            # Branch or desk changes (and imports) still reload everything.
            assign_desk(s, "第二支部", "备用台", "t")
            assert watcher.poll()
            assert reloads == [1]
            assert watcher.figures().as_dict() == tally_of(s).figures().as_dict()
    finally:
        watcher.close()
