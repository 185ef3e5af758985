"""The organizer's window on a meeting file it cannot write: every control that writes is
disabled and says why in Chinese; clicking each does nothing and logs no ReadOnlyError."""

from __future__ import annotations

import logging
import sqlite3
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.demo import build_demo
from ui.language import install_translations


def _contents(path: Path) -> tuple:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return tuple(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("audit", "events", "members", "cards", "desks"))
    finally:
        db.close()


@pytest.fixture
def immutable_meeting(tmp_path: Path):
    path = tmp_path / "m.sqlite"
    build_demo(path, arrivals=0.3).close()
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not available here: {done.stderr.strip()}")
    yield path
    subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def test_every_write_control_is_disabled_says_why_and_clicking_it_does_nothing(
        qtbot, immutable_meeting: Path, monkeypatch, caplog):
    from ui.organizer.window import OrganizerWindow

    monkeypatch.setenv("SIGNDESK_LANG", "zh_CN")
    app = QApplication.instance()
    translators = install_translations(app, QLocale("zh_CN"))
    before = _contents(immutable_meeting)
    caplog.set_level(logging.WARNING)
    try:
        win = OrganizerWindow(immutable_meeting)
        qtbot.addWidget(win)
        win.show()
        assert win.write_lock is not None
        # A member selected: the members panel enables its buttons for her, the lock does not let it.
        first = next(iter(win.watcher.members))
        win.members.select_member(first)
        QApplication.processEvents()
        controls = win.write_controls()
        names = {c.text() if isinstance(c, QAction) else c.objectName() or type(c).__name__
                 for c in controls}
        assert len(controls) >= 30, names
        for c in controls:
            assert not c.isEnabled(), c
            assert "不可用：此会议文件只能查看" in c.toolTip() and "文件本身是只读的" in c.toolTip()
            if isinstance(c, QAction):
                c.trigger()
            elif isinstance(c, QWidget) and c.isVisible():
                qtbot.mouseClick(c, Qt.MouseButton.LeftButton)
        for row in range(win.branches.table.rowCount()):
            combo = win.branches.table.cellWidget(row, 3)
            assert not combo.isEnabled() and "只能查看" in combo.toolTip()
        assert "只读" in win.statusBar().findChildren(type(win.read_only_bar))[-1].text()
        QApplication.processEvents()
        win.close()
    finally:
        for tr in translators:
            app.removeTranslator(tr)
        QLocale.setDefault(QLocale("en_US"))
    assert _contents(immutable_meeting) == before
    assert not [r for r in caplog.records if "ReadOnly" in r.getMessage() or
                (r.exc_info and "ReadOnly" in type(r.exc_info[1]).__name__)]
    assert QApplication.activeModalWidget() is None  # no dialog opened by a click
