"""Driving the roster import dialog, whose reading and importing run on a worker thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from ui.organizer.roster_import import RosterImportDialog


def read(dlg: RosterImportDialog, path: str | Path | None = None) -> bool:
    """Load a file (or wait for the read under way); True when it can be imported."""
    task = dlg.load(path) if path is not None else dlg.reading
    if task is not None:
        assert task.wait(), "the roster was not read in 30 s"
    assert dlg.reading is None
    return dlg.roster is not None


def click_import(qtbot, dlg: RosterImportDialog) -> None:
    """Press Import and wait until the worker has written the roster (or failed)."""
    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    task = dlg.importing
    assert task is not None, "Import did not start"
    assert task.wait(), "the import did not end in 30 s"
