"""A certificate of attendance printed at the desk on request, without a dialog."""

from __future__ import annotations

import subprocess
from pathlib import Path

from desk_helpers import card_of, member_of, open_window, scan
from PySide6.QtCore import Qt

from data.store import Store


def test_certificate_for_a_member_just_signed_in(qtbot, demo_path: Path) -> None:
    with Store.open(demo_path) as store:
        member = member_of(store, "第一支部", status="active")
        code = card_of(store, member)
    w = open_window(qtbot, demo_path, "1号台")
    scan(qtbot, w, code)
    qtbot.waitUntil(lambda: w.secretary.recent.count() == 1)
    w.secretary.recent.setCurrentRow(0)
    assert w.secretary.certificate_button.isEnabled()
    qtbot.mouseClick(w.secretary.certificate_button, Qt.MouseButton.LeftButton)
    assert w.certificate_task is not None  # written and printed on a worker
    qtbot.waitUntil(lambda: w.certificate_task is None, timeout=20_000)
    note = w.secretary.certificate_note.text()
    path = demo_path.parent / "certificates" / f"{member.number}-{member.name}.pdf"
    assert path.exists(), note
    assert str(path) in note or "printer" in note
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert member.name in text and "参会证明" in text
    w.shutdown()


def test_a_name_no_font_can_print_is_named_and_not_printed(qtbot, demo_path: Path,
                                                           monkeypatch) -> None:
    """Before anything reaches paper the desk says who and which character (U+XXXX)."""
    import reports.printing
    from kiosk.roster import Roster, RosterRow, import_roster

    name = "钱\U00030041华"  # an Extension G character no font on the test machine has
    with Store.open(demo_path) as store:
        row = RosterRow(row=2, name=name, branch="第一支部", number="39990009", gender="女",
                        birth_date="1970-01", education="", phone="13900000000",
                        category="full", status="active", reason="", notes="")
        import_roster(store, Roster("one", [row], {}), actor="test")
        code = card_of(store, store.member_by_number("39990009"))
    sent = []
    monkeypatch.setattr(reports.printing, "print_pdf", lambda *a, **k: sent.append(a) or "Q-1")
    w = open_window(qtbot, demo_path, "1号台")
    scan(qtbot, w, code)
    qtbot.waitUntil(lambda: w.secretary.recent.count() == 1)
    w.secretary.recent.setCurrentRow(0)
    qtbot.mouseClick(w.secretary.certificate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.certificate_task is None, timeout=20_000)
    note = w.secretary.certificate_note.text()
    assert name in note and "U+30041" in note and "Not printed" in note
    assert sent == []
    [path] = (demo_path.parent / "certificates").glob("39990009*.pdf")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "钱□华" in text
    w.shutdown()


def test_a_printer_that_does_not_answer_leaves_the_desk_scanning(qtbot, demo_path: Path,
                                                                 monkeypatch) -> None:
    """The print server never answers: the desk keeps taking scans, Cancel stops the wait,
    and the note says where the certificate was saved."""
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(4)
    monkeypatch.setenv("CUPS_SERVER", f"127.0.0.1:{silent.getsockname()[1]}")
    try:
        with Store.open(demo_path) as store:
            first = member_of(store, "第一支部", status="active")
            second = next(m for m in store.members() if m.branch == "第一支部"
                          and m.status == "active" and m.id != first.id and m.category == "full")
            codes = card_of(store, first), card_of(store, second)
        w = open_window(qtbot, demo_path, "1号台")
        # Scans go in as the scanner's read (handle_scan), not as timed key events,
        # which a busy machine bends: what is tested is the printer, not the keys.
        w.handle_scan(codes[0])
        qtbot.waitUntil(lambda: w.secretary.recent.count() == 1)
        w.secretary.recent.setCurrentRow(0)
        qtbot.mouseClick(w.secretary.certificate_button, Qt.MouseButton.LeftButton)
        task = w.certificate_task
        assert task is not None and w.secretary.certificate_cancel.isVisible()
        assert not w.secretary.certificate_button.isEnabled()
        w.handle_scan(codes[1])  # the next member signs in while the printer is silent
        qtbot.waitUntil(lambda: w.panel.colour == "green" and w.secretary.recent.count() == 2)
        qtbot.wait(1000)  # the PDF is written by now; lpstat/lp wait for the silent server
        assert task.running
        qtbot.mouseClick(w.secretary.certificate_cancel, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: w.certificate_task is None, timeout=10_000)
        note = w.secretary.certificate_note.text()
        path = demo_path.parent / "certificates" / f"{first.number}-{first.name}.pdf"
        assert path.exists() and "cancelled" in note and str(path) in note
        assert w.secretary.certificate_cancel.isHidden()
        w.shutdown()
    finally:
        silent.close()
