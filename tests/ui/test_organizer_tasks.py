"""Every organizer task in the window, driven through its widgets.

Export, a paper sign-in sheet, undoing a check-in with a reason, reissuing a
card and printing it (and a certificate) to the real CUPS queue the suite sets
up, and the sub-district roll-up. Each checks the file (another connection),
the generated documents (openpyxl, pdftotext) and what the window says.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QMessageBox

from data.store import Store
from kiosk.checkin import Desk, check_in
from kiosk.demo import sign_in_share
from kiosk.model import EventKind
from reports.printing import printers
from ui.organizer.paper_sheet import PaperSheetDialog
from ui.organizer.printing import PrinterChoice
from ui.organizer.rollup_dialog import RollupDialog

QUEUE = "SignDeskPDF"


def _completed_jobs() -> int:
    out = subprocess.run(["lpstat", "-W", "completed", "-o", QUEUE], capture_output=True,
                         text=True, check=False).stdout
    return len([line for line in out.splitlines() if line.strip()])


@pytest.fixture
def cups_queue(monkeypatch):
    """The printer choice answered with the suite's real CUPS queue (listed by lpstat)."""
    if QUEUE not in printers():
        pytest.skip("no SignDeskPDF CUPS queue (sh tests/reports/cups_setup.sh makes one)")

    def choose(dialog: PrinterChoice) -> QDialog.DialogCode:
        assert QUEUE in [dialog.queue.itemText(i) for i in range(dialog.queue.count())]
        dialog.queue.setCurrentText(QUEUE)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PrinterChoice, "exec", choose)
    failed: list[str] = []  # a failed print says so in a box: record it instead of blocking
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: failed.append(a[2]))
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", lambda *a: True)
    yield QUEUE
    assert not failed, failed


def _member(s: Store, n: int):
    """The n-th full, expected member (not on leave, not excused)."""
    return [m for m in s.members() if m.category == "full" and m.status == "active"][n]


def _sign_in(s: Store, m, code: str | None = None) -> None:
    desk = s.branch_desk(m.branch_id) or "1号台"
    assert check_in(s, code or s.current_cards()[m.id], Desk(desk, "t")).recorded


def _wait_jobs(qtbot, before: int) -> None:
    qtbot.waitUntil(lambda: _completed_jobs() > before, timeout=30_000)


def test_export_to_excel_and_csv(qtbot, window, demo_path, tmp_path, monkeypatch):
    with Store.open(demo_path) as s:
        m = _member(s, 0)
        _sign_in(s, m)
    target = tmp_path / "出席.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_action.trigger()
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][2] == "姓名" and len(rows) == 1 + len(window.watcher.members)
    mine = next(r for r in rows if r[2] == m.name and r[3] == m.branch)
    assert mine[11] == "是"  # 实到
    assert window.notice_bar.isVisible() and str(target) in window.notice.text()
    csv_path = window.export_attendance(str(tmp_path / "出席.csv"))
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads the BOM as UTF-8
    assert m.name in csv_path.read_text(encoding="utf-8-sig")


def test_paper_sheet_counts_ticked_members_as_paper_check_ins(qtbot, window, demo_path):
    window.paper_action.trigger()
    dlg = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, PaperSheetDialog) and w.isVisible())
    dlg.branch.setCurrentIndex(dlg.branch.findText("第二支部"))
    listed = dlg.members.count()
    assert listed > 3
    ids = [dlg.members.item(i).data(Qt.ItemDataRole.UserRole) for i in range(3)]
    with Store.open(demo_path) as s:  # one of them signed in at a desk meanwhile
        _sign_in(s, s.member(ids[2]))
    for mid in ids:
        assert dlg.tick(mid)
    dlg.time.setTime(QTime(8, 40))
    qtbot.mouseClick(dlg.record_button, Qt.MouseButton.LeftButton)
    assert "2 members of 第二支部 counted as paper check-ins at 08:40" in dlg.result.text()
    assert "Not counted" in dlg.result.text()
    with Store.open(demo_path) as s:
        paper = [e for e in s.events_after(0) if e.method == "paper"]
        assert sorted(e.member_id for e in paper) == sorted(ids[:2])
        assert all(e.at[11:16] == "08:40" and e.at[:10] == s.meeting().date for e in paper)
        assert all(e.operator == window.service.actor for e in paper)
    qtbot.waitUntil(lambda: window.dashboard.present_tile.value.text() == "3", timeout=3000)
    assert dlg.members.count() == listed - 3  # who is counted leaves the list
    qtbot.mouseClick(dlg.record_button, Qt.MouseButton.LeftButton)
    assert "Tick at least one" in dlg.result.text()


def test_undo_a_check_in_from_the_organizer_side_with_a_reason(qtbot, window, demo_path,
                                                               monkeypatch):
    with Store.open(demo_path) as s:
        m = _member(s, 5)
        _sign_in(s, m)
    qtbot.waitUntil(lambda: window.dashboard.present_tile.value.text() == "1", timeout=3000)
    panel = window.members
    window.tabs.setCurrentWidget(panel)
    assert panel.select_member(m.id)
    assert panel.undo_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("签错了人", True))
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    with Store.open(demo_path) as s:
        voids = [e for e in s.events_for(m.id) if e.kind == EventKind.VOID]
        assert len(voids) == 1 and voids[0].reason == "签错了人"
        assert voids[0].operator == window.service.actor
    qtbot.waitUntil(lambda: window.dashboard.present_tile.value.text() == "0", timeout=3000)
    assert "undone" in panel.note.text()
    qtbot.waitUntil(lambda: not panel.undo_button.isEnabled(), timeout=3000)


def test_reissue_then_print_the_card_and_a_certificate_to_cups(qtbot, window, demo_path,
                                                               monkeypatch, cups_queue):
    panel = window.members
    window.tabs.setCurrentWidget(panel)
    with Store.open(demo_path) as s:
        m = _member(s, 7)
        old = s.current_cards()[m.id]
    assert panel.select_member(m.id)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(panel.reissue_button, Qt.MouseButton.LeftButton)
    with Store.open(demo_path) as s:
        new = s.current_cards()[m.id]
    assert new != old
    assert new in panel.note.text() and panel.error.text() == ""  # a result, not an error
    before = _completed_jobs()
    qtbot.mouseClick(panel.print_card_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Sent to the printer" in panel.note.text(), timeout=30_000)
    pdf = Path(panel.note.text().split("saved as ", 1)[1].rstrip("."))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert m.name in text
    assert "1 张" in text or m.branch in text
    _wait_jobs(qtbot, before)

    # The certificate: only once the member has signed in (with the new card).
    assert not panel.certificate_button.isEnabled()
    with Store.open(demo_path) as s:
        _sign_in(s, m, new)
    qtbot.waitUntil(lambda: panel.certificate_button.isEnabled(), timeout=3000)
    before = _completed_jobs()
    qtbot.mouseClick(panel.certificate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Sent to the printer" in panel.note.text(), timeout=30_000)
    pdf = Path(panel.note.text().split("saved as ", 1)[1].rstrip("."))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert m.name in text and "参会证明" in text
    _wait_jobs(qtbot, before)


def test_roll_up_of_several_meetings_shown_and_printed(qtbot, window, demo_path, tmp_path,
                                                      monkeypatch, cups_queue):
    other = tmp_path / "南区.sqlite"
    shutil.copy(demo_path, other)
    with Store.open(other) as s:
        sign_in_share(s, 0.5)
    broken = tmp_path / "坏的.sqlite"
    broken.write_bytes(b"not a meeting" * 50)
    window.rollup_action.trigger()
    dlg = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, RollupDialog) and w.isVisible())
    assert dlg.table.rowCount() == 1
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(other), str(broken), str(demo_path)], ""))
    qtbot.mouseClick(dlg.add_button, Qt.MouseButton.LeftButton)
    assert dlg.table.rowCount() == 2  # the same file twice is one meeting
    assert "坏的.sqlite" in dlg.problems.text()  # named, not silently dropped
    expected = sum(line.expected for line in dlg.lines)
    present = sum(line.present for line in dlg.lines)
    assert present > 0
    assert f"expected {expected}, present {present}" in dlg.total.text()
    before = _completed_jobs()
    out = dlg.save_and_print(str(tmp_path / "汇总.pdf"))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "合计" in text and str(expected) in text
    qtbot.waitUntil(lambda: "sent to the printer" in dlg.note.text(), timeout=30_000)
    _wait_jobs(qtbot, before)


def test_no_window_shows_a_command_line(qtbot, window, tmp_path):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from ui.launcher.start_screen import StartScreen

    start = StartScreen(desks=tmp_path / "desks")
    qtbot.addWidget(start)
    texts = [w.text() for top in (window, start) for kind in (QLabel, QAbstractButton)
             for w in top.findChildren(kind)]
    texts += [a.text() for a in window.findChildren(type(window.export_action))]
    assert len(texts) > 20
    assert not [t for t in texts if "main.py" in t or "--join" in t]
