"""UI test hygiene: no window outlives its test.

A window left open (a kiosk desk, an organizer window with a live chart) keeps
repainting and polling in every later test's event loop, and widgets whose
deletion was deferred get destroyed in the next test's event loop: a hundred
milliseconds of destruction in the middle of a simulated scan made the scan
break depending on which tests ran before. Both are finished here.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> None:
    """Recent files and other QSettings go to a file under tmp_path, not the user's."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)


@pytest.fixture
def hub(demo_path: Path):
    """A real hub serving the demo meeting on 127.0.0.1 (a free port, no discovery)."""
    from kiosk.link.hub import Hub

    h = Hub(demo_path, host="127.0.0.1", port=0, discovery=False, backoff=0.3)
    h.start()
    yield h
    h.stop()


@pytest.fixture
def window(qtbot, demo_path: Path):
    """The organizer's window on a fresh demo meeting (nobody signed in)."""
    from ui.organizer.window import OrganizerWindow

    win = OrganizerWindow(demo_path)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


@pytest.fixture(autouse=True)
def close_leftover_windows(qapp: QApplication):
    """After each UI test, close every top-level window it left visible."""
    yield
    for widget in QApplication.topLevelWidgets():
        if not widget.isVisible():
            continue
        shutdown = getattr(widget, "shutdown", None)  # kiosk desks refuse a plain close
        if callable(shutdown):
            shutdown()
        else:
            widget.close()
    gc.collect()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QApplication.processEvents()
