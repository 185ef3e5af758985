"""The import dialog's preview in Chinese: sheets, skipped and hidden rows, inferred values,
how members count; File ▸ Save a roster template. A screenshot goes to out/ for a look."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from roster_helpers import read

from kiosk.meeting import create_meeting
from kiosk.organizer import OrganizerService
from ui.organizer.roster_import import RosterImportDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "kiosk"))
from roster_files import write_xlsx  # noqa: E402
from test_roster_shapes import _branch_sheets  # noqa: E402

OUT = Path(__file__).resolve().parents[2] / "out"


@pytest.fixture
def chinese_dialog(qtbot, tmp_path: Path, monkeypatch) -> Iterator[RosterImportDialog]:
    """The import dialog in a Chinese window, on an empty meeting."""
    from ui.language import install_translations

    monkeypatch.setenv("SIGNDESK_LANG", "zh_CN")
    app = QApplication.instance()
    translators = install_translations(app, QLocale("zh_CN"))
    create_meeting(tmp_path / "m.sqlite", title="T", date="2026-11-28").close()
    try:
        with OrganizerService(tmp_path / "m.sqlite", "organizer") as service:
            dlg = RosterImportDialog(service)
            qtbot.addWidget(dlg)
            dlg.show()
            yield dlg
            dlg.close()
    finally:
        for tr in translators:
            app.removeTranslator(tr)
        QLocale.setDefault(QLocale("en_US"))


def _cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() if table.item(r, c) else ""
             for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_the_preview_lists_sheets_skipped_rows_and_inferred_values_in_chinese(
        qtbot, chinese_dialog: RosterImportDialog, tmp_path: Path) -> None:
    dlg = chinese_dialog
    path = write_xlsx(tmp_path / "花名册.xlsx", _branch_sheets())
    assert read(dlg, path) is True
    assert dlg.stack.currentWidget() is dlg.tabs
    summary = dlg.summary.text()
    assert "2 个支部" not in summary  # 列席人员 is a branch of its own: three
    assert "共 10 人" in summary and "应到 8 人" in summary and "有选举权 5 人" in summary
    assert [dlg.tabs.tabText(i) for i in range(dlg.tabs.count())] == [
        "人员", "计数方式", f"读取发现（{len(dlg.roster.findings)}）", "工作表"]

    sheets = {row[0]: row[1:] for row in _cells(dlg.sheets_table)}
    assert sheets["统计"][0] == "已跳过" and "不是名册" in sheets["统计"][2]
    assert sheets["已转出"][0] == "隐藏，未导入"
    assert sheets["列席人员"][0] == "列席人员"
    assert sheets["第一支部"][:2] == ["党员", "5"]

    findings = _cells(dlg.findings_table)
    kinds = {row[0] for row in findings}
    assert {"跳过的行", "隐藏", "推断的值", "状态", "工作表"} <= kinds
    texts = [row[4] for row in findings]
    assert "跳过合计行：合计 6人" in texts
    assert "隐藏的行未导入：孙立" in texts
    assert "数字 1970.1 按格式 0.00 显示为 1970.10，读作 1970-10" in texts
    assert "两位年份“58.03”读作 1958-03" in texts
    assert any(t.startswith("钱进：出国——按请假导入") for t in texts)
    where = {row[4]: (row[1], row[2], row[3]) for row in findings}
    assert where["隐藏的行未导入：孙立"] == ("花名册.xlsx [第一支部]", "8", "")

    counts = {row[0]: row[1:] for row in _cells(dlg.counts_table)}
    assert counts["第一支部"] == ["5", "5", "3", "2", "0", "0"]
    assert counts["第二支部"] == ["4", "3", "2", "0", "1", "0"]
    assert _cells(dlg.excluded_table) == [["吴刚", "第二支部", "停止党籍"]]
    assert "中止表决权 1 人" in dlg.counts_note.text()

    dlg.resize(1366, 720)
    for i, name in ((2, "roster-preview-findings-zh.png"), (1, "roster-preview-counts-zh.png")):
        dlg.tabs.setCurrentIndex(i)
        qtbot.wait(50)
        OUT.mkdir(exist_ok=True)
        assert dlg.grab().save(str(OUT / name))

    # Ticking the boxes reads again with the hidden parts and the proposed exclusion.
    dlg.include_hidden.setChecked(True)
    qtbot.waitUntil(lambda: dlg.reading is None and dlg.roster is not None
                    and len(dlg.roster.rows) == 12, timeout=10_000)
    assert dlg.confirm_proposed.isEnabled()
    dlg.confirm_proposed.setChecked(True)
    qtbot.waitUntil(lambda: dlg.reading is None and dlg.roster is not None
                    and dlg.roster.proposed == 0, timeout=10_000)
    assert ["钱进", "第一支部", "出国出境不能回来（出国）"] in _cells(dlg.excluded_table)


def test_file_menu_saves_the_template(qtbot, tmp_path: Path) -> None:
    from ui.organizer.window import OrganizerWindow

    meeting = tmp_path / "m.sqlite"
    create_meeting(meeting, title="T", date="2026-11-28").close()
    win = OrganizerWindow(meeting)
    qtbot.addWidget(win)
    file_menu = win.menuBar().actions()[0].menu()
    assert win.template_action in file_menu.actions()
    written = win.save_roster_template(tmp_path / "模板.xlsx")
    assert written is not None and load_workbook(written)["名册"]["A1"].value == "姓名"
    win.close()


def test_the_member_editor_records_an_exclusion_case_its_approval_and_the_marks(
        qtbot, window, demo_path: Path) -> None:
    from PySide6.QtCore import Qt

    from data.store import Store

    members = window.members
    m = next(m for m in window.watcher.members.values()
             if m.category == "full" and m.status == "active")
    before = window.watcher.figures()
    window.tabs.setCurrentWidget(members)
    assert members.select_member(m.id)
    assert not members.case.isEnabled()  # only an exclusion has a case
    members.status.setCurrentIndex(members.status.findData("excluded"))
    assert members.case.isEnabled() and members.approved_by.isEnabled()
    members.case.setCurrentIndex(members.case.findData("bedridden"))
    members.reason.setText("wo chuang")  # QTest types ASCII only
    members.approved_by.setText("Beijiao")
    members.approved_on.setText("2026-11-20")
    qtbot.mouseClick(members.apply_button, Qt.MouseButton.LeftButton)
    assert members.error.text() == ""
    with Store.open(demo_path) as s:
        stored = s.member(m.id)
    assert (stored.status, stored.exclusion_case, stored.approved_by, stored.approved_on,
            stored.state_source) == ("excluded", "bedridden", "Beijiao", "2026-11-20", "")

    other = next(x for x in window.watcher.members.values()
                 if x.category == "full" and x.status == "active" and x.id != m.id)
    assert members.select_member(other.id)
    members.vote_suspended.setChecked(True)
    qtbot.mouseClick(members.apply_button, Qt.MouseButton.LeftButton)
    after = window.watcher.figures()
    assert after.total.expected == before.total.expected - 1  # the exclusion
    assert after.total.voting_expected == before.total.voting_expected - 2  # and the vote
    assert after.total.vote_suspended == before.total.vote_suspended + 1
