"""The organizer's name: asked once (not a login name in the audit), remembered per
meeting file, shown in the status bar, recorded on the audit rows of their changes."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QApplication, QInputDialog

from ui.organizer.window import OrganizerWindow, open_window


def _last_actor(path: Path) -> str:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("SELECT actor FROM audit ORDER BY seq DESC LIMIT 1").fetchone()[0]
    finally:
        db.close()


def _asking() -> list[QInputDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QInputDialog) and w.isVisible()]


def test_asked_once_remembered_per_file_and_audited(qtbot, demo_path: Path, tmp_path: Path) -> None:
    win = open_window(demo_path)
    qtbot.addWidget(win)
    [dlg] = _asking()  # no name ever given: asked, without blocking the window
    assert "login name" in win.name_button.text()
    dlg.setTextValue("  王\x1b[31m小红\n ")  # typed with junk: stored clean and on one line
    dlg.accept()
    name = win.service.actor
    assert name == "王[31m小红"  # the escape character and the line break are gone
    assert win.name_button.text() == f"Organizer: {name}"
    win.dashboard.signin.set_state("open")
    assert _last_actor(demo_path) == name  # the audit row names the organizer
    win.close()

    again = open_window(demo_path)  # the same file: not asked again
    qtbot.addWidget(again)
    assert _asking() == [] and again.service.actor == name
    again.close()

    other = tmp_path / "other.sqlite"
    shutil.copy(demo_path, other)
    third = open_window(other)  # another file: the last name given, not asked
    qtbot.addWidget(third)
    assert _asking() == [] and third.service.actor == name
    third.ask_organizer_name().setTextValue("李四")
    _asking()[0].accept()
    assert third.service.actor == "李四"
    third.close()
    first = OrganizerWindow(demo_path)  # each file keeps its own
    qtbot.addWidget(first)
    assert first.service.actor == name
    first.close()


def test_cancelled_keeps_the_login_name_and_says_so(qtbot, demo_path: Path) -> None:
    win = open_window(demo_path)
    qtbot.addWidget(win)
    [dlg] = _asking()
    dlg.reject()
    assert "login name" in win.name_button.text() and "set your name" in win.name_button.text()
    assert win.service.actor  # still audited under something
    win.close()
