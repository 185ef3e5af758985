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
    note = w.secretary.certificate_note.text()
    path = demo_path.parent / "certificates" / f"{member.number}-{member.name}.pdf"
    assert path.exists(), note
    assert str(path) in note or "printer" in note
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert member.name in text and "参会证明" in text
    w.shutdown()
