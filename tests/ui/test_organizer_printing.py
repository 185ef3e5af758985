"""File ▸ Print in the organizer's window writes the reports package's PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QMessageBox

from data.store import Store
from kiosk.demo import sign_in_share
from kiosk.organizer import OrganizerService
from ui.organizer.printing import KINDS, write_pdf
from ui.organizer.window import OrganizerWindow


def test_print_menu_writes_each_pdf(qtbot, demo_path: Path, tmp_path: Path, monkeypatch):
    with Store.open(demo_path) as s:
        sign_in_share(s, 0.2)
    win = OrganizerWindow(demo_path)
    qtbot.addWidget(win)
    actions = [a for a in win.print_menu.actions() if a.isEnabled()]
    assert [a.text() for a in actions] == ["Attendance report…", "Certificates…",
                                           "Invitation cards…", "Paper sheets…"]
    target = tmp_path / "report.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    offered = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: offered.append(box.text()) or 0)
    actions[0].trigger()
    qtbot.waitUntil(lambda: bool(offered), timeout=20_000)  # written on a worker
    assert target.read_bytes().startswith(b"%PDF")
    assert offered and str(target) in offered[0]
    assert len(PdfReader(target).pages) >= 1

    for kind in KINDS[1:]:
        out = write_pdf(kind, win.service, tmp_path / f"{kind}.pdf")
        assert len(PdfReader(out).pages) >= 1, kind
    win.close()


def test_send_to_a_real_cups_queue(demo_path: Path, tmp_path: Path):
    """The print path after Qt's dialog: the PDF goes to the chosen CUPS queue."""
    from reports.printing import printers
    from ui.organizer.printing import send_to_printer

    queue = "SignDeskPDF"
    if queue not in printers():
        pytest.skip("no SignDeskPDF CUPS queue (sh tests/reports/cups_setup.sh makes one)")
    with OrganizerService(demo_path) as service:
        pdf = write_pdf("sheets", service, tmp_path / "sheets.pdf")
    job = send_to_printer(pdf, queue)
    assert job.startswith(queue)


NO_FONT = "\U00030041"  # an Extension G character no font on the test machine has


def _add_member(path: Path, name: str) -> None:
    from kiosk.roster import Roster, RosterRow, import_roster

    with Store.open(path) as s:
        row = RosterRow(row=2, name=name, branch="第一支部", number="39990001", gender="女",
                        birth_date="1970-01", education="", phone="13900000000",
                        category="full", status="active", reason="", notes="")
        import_roster(s, Roster("one", [row], {}), actor="test")


def test_the_dialog_names_member_and_character_before_printing(qtbot, demo_path: Path,
                                                               tmp_path: Path, monkeypatch):
    """A character no font has: the box that offers Print… names who and which (U+XXXX),
    so the organizer knows before anything reaches paper."""
    _add_member(demo_path, "钱" + NO_FONT + "华")
    win = OrganizerWindow(demo_path)
    qtbot.addWidget(win)
    target = tmp_path / "sheets.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown = []

    def exec_(box: QMessageBox) -> int:
        shown.append((box.icon(), box.text(), [b.text() for b in box.buttons()]))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    sheets = next(a for a in win.print_menu.actions() if a.text() == "Paper sheets…")
    sheets.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    icon, text, buttons = shown[0]
    assert icon == QMessageBox.Icon.Warning
    assert "钱" + NO_FONT + "华（第一支部）" in text and "U+30041" in text
    assert "Print…" in buttons  # the warning is in the box that offers printing
    win.close()


def test_default_file_names_and_certificate_title_follow_the_language(
        qtbot, demo_path: Path, tmp_path: Path, monkeypatch):
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from ui.language import install_translations

    with Store.open(demo_path) as s:
        sign_in_share(s, 0.1)
    app = QApplication.instance()

    def offered_name(kind_text: str) -> str:
        win = OrganizerWindow(demo_path)
        qtbot.addWidget(win)
        asked = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            lambda _w, _t, default, _f: asked.append(default) or ("", ""))
        next(a for a in win.print_menu.actions() if a.text() == kind_text).trigger()
        win.close()
        return Path(asked[0]).name

    assert offered_name("Attendance report…").endswith("-attendance-report.pdf")
    with OrganizerService(demo_path) as s:
        english = write_pdf("certificates", s, tmp_path / "en.pdf")
    monkeypatch.setenv("SIGNDESK_LANG", "zh_CN")
    translators = install_translations(app, QLocale("zh_CN"))
    try:
        assert offered_name("出席情况报告…").endswith("-出席情况报告.pdf")
        assert offered_name("参会证明…").endswith("-参会证明.pdf")
        assert offered_name("参会证（二维码）…").endswith("-参会证.pdf")
        assert offered_name("纸质签到表…").endswith("-纸质签到表.pdf")
        with OrganizerService(demo_path) as s:
            chinese = write_pdf("certificates", s, tmp_path / "zh.pdf")
    finally:
        for tr in translators:
            app.removeTranslator(tr)
        QLocale.setDefault(QLocale("en_US"))
    first = PdfReader(english).pages[0].extract_text()
    assert "CERTIFICATE OF ATTENDANCE" in first and "参 会 证 明" in first
    assert "CERTIFICATE" not in PdfReader(chinese).pages[0].extract_text()


def test_a_printer_that_does_not_answer_does_not_freeze_the_window(qtbot, window, tmp_path: Path,
                                                                   monkeypatch):
    """lp waits for a CUPS server that never answers: the window keeps painting, the
    progress dialog offers Cancel, and Cancel stops the wait at once."""
    import socket
    import time

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    from ui.organizer.printing import PrintFlow

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(4)
    monkeypatch.setenv("CUPS_SERVER", f"127.0.0.1:{silent.getsockname()[1]}")
    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a))
    beats: list[float] = []
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: beats.append(time.monotonic()))
    heartbeat.start(10)
    try:
        flow = PrintFlow(window, window.service, "sheets")
        task = flow.send(pdf, "Office")
        qtbot.waitUntil(lambda: any(isinstance(w, QProgressDialog) and w.isVisible()
                                    for w in QApplication.topLevelWidgets()), timeout=5000)
        qtbot.wait(700)
        assert task.running  # lp is still waiting for the silent server
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, QProgressDialog) and w.isVisible())
        assert "Office" in dialog.labelText()
        cancelled_at = time.monotonic()
        [cancel] = dialog.findChildren(QPushButton)
        assert cancel.text() == "Cancel"
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not task.running, timeout=10_000)
        assert task.state == "cancelled" and time.monotonic() - cancelled_at < 5.0  # not lp's 60 s
    finally:
        heartbeat.stop()
        silent.close()
    gaps = [b - a for a, b in zip(beats, beats[1:], strict=False)]
    # The event loop ran all along (a busy machine delays a beat, lp blocking would stop them).
    assert len(beats) > 30 and max(gaps) < 1.0
    assert warned == []  # a cancel is not a failure


@pytest.mark.slow
def test_the_pdf_is_written_in_a_child_process_cancel_ends_it(qtbot, window, tmp_path: Path,
                                                              monkeypatch):
    """Certificates for every member: written by a child process (not this one), Cancel
    ends it within seconds and leaves neither the PDF nor its .part file."""
    import multiprocessing
    import os

    from ui.organizer.printing import PrintFlow

    with Store.open(window.path) as s:
        sign_in_share(s, 0.9)
    target = tmp_path / "certificates.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    flow = PrintFlow(window, window.service, "certificates")
    task = flow.start()
    qtbot.waitUntil(lambda: bool(multiprocessing.active_children()), timeout=10_000)
    [child] = multiprocessing.active_children()
    assert child.name == "signdesk-write"
    pid = child.pid
    qtbot.wait(300)
    assert task.running
    task.cancel()
    qtbot.waitUntil(lambda: not task.running, timeout=5000)
    assert task.state == "cancelled"
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # ended and reaped, not left drawing pages in the background
    assert not target.exists() and not target.with_name(target.name + ".part").exists()


@pytest.mark.slow
def test_a_pdf_that_cannot_be_written_says_why(qtbot, window, tmp_path: Path, monkeypatch):
    """The child's error comes back as the message in a box, not a traceback."""
    from ui.organizer.printing import PrintFlow

    not_a_folder = tmp_path / "a file"
    not_a_folder.write_text("")
    target = not_a_folder / "report.pdf"  # (root may write anywhere: a file is no folder even to root)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _w, title, text: said.append((title, text)))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: said.append(("offered", box.text())) or 0)
    task = PrintFlow(window, window.service, "report").start()
    qtbot.waitUntil(lambda: not task.running, timeout=60_000)
    assert task.state == "error"
    [(title, text)] = said
    assert title == "The PDF was not written"
    assert "Not a directory" in text and "Traceback" not in text


def _visible(kind):
    from PySide6.QtWidgets import QApplication

    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()),
                None)


@pytest.mark.slow
def test_printers_are_listed_off_the_gui_thread_a_silent_cups_does_not_freeze(
        qtbot, window, tmp_path: Path, monkeypatch):
    """lpstat waits for a CUPS server that never answers: the window keeps painting, the
    progress dialog says it is looking for printers and Cancel ends the flow, unsent."""
    import socket
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    from ui.organizer.printing import PrinterChoice, PrintFlow

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(4)
    monkeypatch.setenv("CUPS_SERVER", f"127.0.0.1:{silent.getsockname()[1]}")
    asked = []
    monkeypatch.setattr(PrinterChoice, "exec", lambda d: asked.append(d) or 0)
    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    beats: list[float] = []
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: beats.append(time.monotonic()))
    heartbeat.start(10)
    try:
        flow = PrintFlow(window, window.service, "sheets")
        declined = []
        flow.declined.connect(lambda: declined.append(True))
        task = flow.print_with_dialog(pdf)
        qtbot.waitUntil(lambda: _visible(QProgressDialog) is not None, timeout=5000)
        qtbot.wait(700)
        assert task.running  # lpstat is still waiting for the silent server
        assert _visible(QProgressDialog).labelText() == "Looking for printers…"
        task.cancel()
        qtbot.waitUntil(lambda: bool(declined), timeout=5000)
    finally:
        heartbeat.stop()
        silent.close()
    gaps = [b - a for a, b in zip(beats, beats[1:], strict=False)]
    assert len(beats) > 30 and max(gaps) < 1.0
    assert asked == []  # cancelled before the list came: no choice asked


def test_the_choice_lists_the_printers_and_says_when_there_is_none(qtbot, tmp_path: Path,
                                                                   monkeypatch):
    from ui.organizer.printing import PrinterChoice

    choice = PrinterChoice(["Office", "SignDeskPDF"], "SignDeskPDF")
    qtbot.addWidget(choice)
    assert choice.printer() == "SignDeskPDF" and choice.print_button.isEnabled()
    assert choice.none_found.isHidden()
    none = PrinterChoice([], None)
    qtbot.addWidget(none)
    assert none.printer() == "" and not none.print_button.isEnabled()
    assert not none.none_found.isHidden() and "No printer was found" in none.none_found.text()


def test_save_a_copy_instead_of_printing(qtbot, window, tmp_path: Path, monkeypatch):
    """'Save a copy as PDF…' in the choice: an owner-only copy, nothing sent, the flow says so."""
    from PySide6.QtWidgets import QDialog

    from ui.organizer.printing import PrinterChoice, PrintFlow

    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    copy = tmp_path / "copy.pdf"

    def save(dialog: PrinterChoice) -> QDialog.DialogCode:
        dialog.file_button.click()
        return dialog.result()

    monkeypatch.setattr(PrinterChoice, "exec", save)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    flow = PrintFlow(window, window.service, "sheets")
    declined, sent = [], []
    flow.declined.connect(lambda: declined.append(True))
    flow.sent.connect(sent.append)
    flow.print_with_dialog(pdf)
    qtbot.waitUntil(lambda: bool(declined), timeout=15_000)
    assert copy.read_bytes() == pdf.read_bytes() and copy.stat().st_mode & 0o077 == 0
    assert sent == []


def test_a_copy_that_cannot_be_saved_says_why_and_the_flow_ends(qtbot, window, tmp_path: Path,
                                                                monkeypatch):
    """'Save a copy as PDF…' to a destination that takes no file: a message names it and
    why, nothing half-written is left, and the flow ends (declined, nothing sent)."""
    from PySide6.QtWidgets import QDialog

    from ui.organizer.printing import PrinterChoice, PrintFlow

    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    not_a_folder = tmp_path / "a file"
    not_a_folder.write_text("")
    copy = not_a_folder / "copy.pdf"  # unwritable even to root (the tests may run as root)

    def save(dialog: PrinterChoice) -> QDialog.DialogCode:
        dialog.file_button.click()
        return dialog.result()

    monkeypatch.setattr(PrinterChoice, "exec", save)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, title, text: warned.append((title, text)))
    flow = PrintFlow(window, window.service, "sheets")
    declined, ended, sent = [], [], []
    flow.declined.connect(lambda: declined.append(True))
    flow.ended.connect(lambda: ended.append(True))
    flow.sent.connect(sent.append)
    flow.print_with_dialog(pdf)
    qtbot.waitUntil(lambda: bool(ended), timeout=15_000)
    assert declined == [True] and sent == []
    [(title, text)] = warned
    assert title == "The copy was not saved"
    assert str(copy) in text and "Not a directory" in text
    assert not_a_folder.read_text() == "" and pdf.exists()


@pytest.mark.slow
def test_a_childs_refusal_is_shown_in_chinese_when_the_window_speaks_chinese(
        qtbot, window, monkeypatch):
    """The PDF child's error keeps the domain's Chinese text (ChildError.zh): a Chinese
    window shows that, not the English message."""
    import child_targets  # tests/ui is on sys.path
    from PySide6.QtCore import QLocale

    from ui.organizer.printing import PrintFlow
    from ui.tasks import ChildError, Task, in_child

    task = Task(in_child(child_targets.refuse_in_two_languages), name="child")
    with qtbot.waitSignal(task.finished, timeout=60_000):
        task.start()
    assert isinstance(task.error, ChildError) and task.error.zh == "照片太大"
    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _w, title, text: said.append(text))
    monkeypatch.setenv("SIGNDESK_LANG", "zh_CN")
    try:
        PrintFlow(window, window.service, "report")._write_failed(task.error)
    finally:
        QLocale.setDefault(QLocale("en_US"))
    assert said == ["照片太大"]
