"""File ▸ Print in the organizer's window writes the reports package's PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QMessageBox

from data.store import Store
from kiosk.demo import sign_in_share
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
    assert target.read_bytes().startswith(b"%PDF")
    assert offered and str(target) in offered[0]
    assert len(PdfReader(target).pages) >= 1

    for kind in KINDS[1:]:
        out = write_pdf(kind, win.store, tmp_path / f"{kind}.pdf")
        assert len(PdfReader(out).pages) >= 1, kind
    win.close()


def test_send_to_a_real_cups_queue(demo_path: Path, tmp_path: Path):
    """The print path after Qt's dialog: the PDF goes to the chosen CUPS queue."""
    from reports.printing import printers
    from ui.organizer.printing import send_to_printer

    queue = "SignDeskPDF"
    if queue not in printers():
        pytest.skip("no SignDeskPDF CUPS queue (sh tests/reports/cups_setup.sh makes one)")
    with Store.open(demo_path) as s:
        pdf = write_pdf("sheets", s, tmp_path / "sheets.pdf")
    job = send_to_printer(pdf, queue)
    assert job.startswith(queue)
