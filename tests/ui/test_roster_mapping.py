"""The import dialog's Columns section: map a column headed another way, ignore one, import.

Real roster files and meeting files under tmp_path; choices are made in the
real combos (typed into, as an organizer does) and the import checked in the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from roster_helpers import click_import, read

from data.store import Store
from kiosk.meeting import create_meeting
from kiosk.organizer import OrganizerService
from ui.organizer.roster_import import RosterImportDialog

ODD_ROSTER = (
    "姓名,所属党委,党员编号,爱好\n"
    "张三,第一支部,A001,上海\n"
    "李四,第二支部,A002,江苏\n"
    "王五,第二支部,A003,浙江\n"
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty meeting file."""
    s = create_meeting(tmp_path / "m.sqlite", title="T", date="2026-11-28")
    yield s
    s.close()


@pytest.fixture
def dialog(qtbot, store: Store) -> Iterator[RosterImportDialog]:
    """The import dialog on the empty meeting, shown."""
    with OrganizerService(store.path, "organizer") as service:
        dlg = RosterImportDialog(service)
        qtbot.addWidget(dlg)
        dlg.show()
        yield dlg


def _problems(dlg: RosterImportDialog) -> list[str]:
    table = dlg.problem_table
    return [table.item(r, 2).text() for r in range(table.rowCount())]


def _listed(dlg: RosterImportDialog) -> list[tuple[str, str]]:
    """(column as listed, the combo's text) for every row of the Columns section."""
    t = dlg.columns_table
    return [(t.item(r, 0).text(), t.cellWidget(r, 1).currentText()) for r in range(t.rowCount())]


def test_a_branch_column_headed_another_way_is_mapped_in_the_dialog_and_imported(
        qtbot, dialog: RosterImportDialog, store: Store, tmp_path: Path) -> None:
    roster = tmp_path / "odd.csv"
    roster.write_text(ODD_ROSTER, encoding="utf-8-sig")

    assert read(dialog, roster) is False
    assert any("no 支部" in p for p in _problems(dialog))
    assert dialog.stack.currentWidget() is dialog.problem_table
    assert not dialog.import_button.isEnabled()
    assert _listed(dialog) == [("A  姓名", "Name (姓名)"), ("B  所属党委", "(ignore)"),
                               ("C  党员编号", "Number (党员编号)"), ("D  爱好", "(ignore)")]

    combo = dialog.combo_for("所属党委")
    combo.setFocus()
    qtbot.keyClicks(combo, "Branch")  # the organizer types to pick the field
    assert combo.currentData() == "branch"
    assert read(dialog)
    assert dialog.mapping == {"所属党委": "branch"}
    assert dialog.stack.currentWidget() is dialog.tabs
    assert dialog.preview.model().rowCount() == 3
    assert "Columns ignored: 爱好" in dialog.summary.text()
    assert dialog.import_button.isEnabled()
    assert store.members() == []  # nothing written before Import

    click_import(qtbot, dialog)
    assert dialog.report is not None and len(dialog.report.added) == 3
    assert sorted((m.name, m.branch) for m in store.members()) == [
        ("张三", "第一支部"), ("李四", "第二支部"), ("王五", "第二支部")]
    assert sorted(b.name for b in store.branches()) == ["第一支部", "第二支部"]


def test_a_column_can_be_taken_in_or_ignored_and_the_choice_is_what_is_imported(
        qtbot, dialog: RosterImportDialog, store: Store, tmp_path: Path) -> None:
    roster = tmp_path / "phones.csv"
    roster.write_text("姓名,支部,手机,联系电话,爱好\n"
                      "张三,第一支部,13800000001,021-5555,上海\n", encoding="utf-8")
    # Two columns the importer reads as the phone: rejected until one is ignored.
    assert read(dialog, roster) is False
    assert any("a second column for phone" in p for p in _problems(dialog))
    assert dialog.combo_for("联系电话").currentData() == "phone"
    assert dialog.combo_for("爱好").currentData() == ""

    second = dialog.combo_for("联系电话")
    second.setCurrentIndex(second.findData(""))
    assert read(dialog)
    assert dialog.import_button.isEnabled()
    assert dialog.roster is not None and dialog.roster.unknown_columns == ["联系电话", "爱好"]

    # The unknown column taken in as notes, then ignored again.
    other = dialog.combo_for("爱好")
    other.setCurrentIndex(other.findData("notes"))
    assert read(dialog)
    assert dialog.roster is not None and dialog.roster.rows[0].notes == "上海"
    other.setCurrentIndex(other.findData(""))
    assert read(dialog)
    assert dialog.mapping == {"联系电话": ""}
    assert dialog.roster is not None and dialog.roster.rows[0].notes == ""
    other.setCurrentIndex(other.findData("notes"))
    assert read(dialog)

    click_import(qtbot, dialog)
    [member] = store.members()
    assert (member.phone, member.notes) == ("13800000001", "上海")


def test_a_title_row_is_skipped_and_read_again_keeps_the_choices(
        qtbot, dialog: RosterImportDialog, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["北郊居民区党员花名册"])
    ws.append(["姓名", "所属党委"])
    ws.append(["张三", "第一支部"])
    path = tmp_path / "titled.xlsx"
    wb.save(path)
    assert read(dialog, path) is False
    assert [c for c, _f in _listed(dialog)] == ["A  姓名", "B  所属党委"]
    combo = dialog.combo_for("所属党委")
    combo.setCurrentIndex(combo.findData("branch"))
    assert read(dialog)
    assert dialog.import_button.isEnabled()

    ws.append(["李四", "第二支部"])  # fixed in Excel meanwhile
    wb.save(path)
    qtbot.mouseClick(dialog.reread_button, Qt.MouseButton.LeftButton)
    assert read(dialog)
    assert dialog.combo_for("所属党委").currentData() == "branch"
    assert dialog.preview.model().rowCount() == 2 and dialog.import_button.isEnabled()


def test_an_unreadable_file_lists_no_columns_and_says_why(
        dialog: RosterImportDialog, tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(range(256)) * 4)
    assert read(dialog, path) is False
    assert dialog.columns_table.rowCount() == 0
    assert any(".xlsx" in p for p in _problems(dialog))


def test_the_columns_speak_chinese(qtbot, store: Store, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from ui.language import install_translations

    monkeypatch.setenv("SIGNDESK_LANG", "zh_CN")
    app = QApplication.instance()
    translators = install_translations(app, QLocale("zh_CN"))
    try:
        service = OrganizerService(store.path, "organizer")
        dlg = RosterImportDialog(service)
        qtbot.addWidget(dlg)
        roster = tmp_path / "odd.csv"
        roster.write_text(ODD_ROSTER, encoding="utf-8")
        assert read(dlg, roster) is False
        assert dlg.columns_box.title() == "列"
        assert _listed(dlg)[:2] == [("A  姓名", "姓名"), ("B  所属党委", "（忽略）")]
        combo = dlg.combo_for("所属党委")
        assert [combo.itemText(i) for i in range(combo.count())] == [
            "（忽略）", "姓名", "支部", "党员编号", "性别", "出生日期", "学历", "手机", "类别",
            "状态", "原因", "备注", "公民身份证号码", "政治面貌", "党籍状态", "转为正式党员日期",
            "是否失联党员", "是否流动党员", "中止表决权", "批准组织", "批准日期", "固定电话"]
        assert "表头中没有“支部”列" in _problems(dlg)
        combo.setCurrentIndex(combo.findText("支部"))
        assert read(dlg)
        assert dlg.import_button.isEnabled()
        assert "已忽略的列：爱好" in dlg.summary.text()
        dlg.close()
        service.close()
    finally:
        for tr in translators:
            app.removeTranslator(tr)
        QLocale.setDefault(QLocale("en_US"))
