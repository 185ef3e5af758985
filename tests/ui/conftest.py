"""UI test hygiene: no window outlives its test.

A window left open (a kiosk desk, an organizer window with a live chart) keeps
repainting and polling in every later test's event loop, and widgets whose
deletion was deferred get destroyed in the next test's event loop: a hundred
milliseconds of destruction in the middle of a simulated scan made the scan
break depending on which tests ran before. Both are finished here.

Every write a window makes must be in the file when the call returns: a
transaction left open on a window's connection once made the dashboard stop
following the file and kept desk assignments out of it until the window
closed. Two autouse checks guard that: no store of the GUI thread may hold a
transaction when the event loop goes idle, and after every write another
connection must see what the writer sees.
"""

from __future__ import annotations

import gc
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QSettings
from PySide6.QtWidgets import QApplication

from data.store import Store

# What a reader of the file sees of it: enough to tell whether a write is there.
_FINGERPRINT = """
SELECT (SELECT COALESCE(MAX(seq), 0) FROM audit), (SELECT COALESCE(MAX(seq), 0) FROM events),
       (SELECT count(*) FROM events WHERE hub_seq IS NOT NULL),
       (SELECT count(*) FROM members), (SELECT count(*) FROM cards),
       (SELECT group_concat(id || ':' || COALESCE(desk_id, ''), ',') FROM branches),
       (SELECT count(*) FROM desks), (SELECT group_concat(key || '=' || value, ';') FROM meta),
       (SELECT title || '|' || signin_state || '|' || quorum_rule || '|' ||
               COALESCE(opens_at, '') || '|' || COALESCE(closes_at, '') FROM meeting)
"""


def fingerprint(db: sqlite3.Connection) -> tuple:
    """The fingerprint of a meeting file as one connection sees it."""
    return tuple(db.execute(_FINGERPRINT).fetchone())


@pytest.fixture(autouse=True)
def writes_reach_the_file(monkeypatch: pytest.MonkeyPatch):
    """After every write of the GUI thread, a fresh connection sees what the writer sees."""
    original = Store.transact
    gui = threading.main_thread().ident
    missed: list[str] = []

    @contextmanager
    def checked(self: Store):
        outer = self._depth == 0
        with original(self) as db:
            yield db
        if not outer or self.thread != gui or self.closed or self.role != "authority":
            return
        try:
            mine = fingerprint(self.db)
        except sqlite3.OperationalError:
            return  # not a meeting file yet (while it is being created)
        other = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            theirs = fingerprint(other)
        finally:
            other.close()
        if mine != theirs:
            missed.append(f"{self.path.name}: writer sees {mine}, another connection {theirs}")

    monkeypatch.setattr(Store, "transact", checked)
    yield
    assert not missed, "a write did not reach the file:\n" + "\n".join(missed)


@pytest.fixture(autouse=True)
def no_transaction_when_idle(qapp: QApplication):
    """Fail when a GUI-thread store holds a transaction as the event loop goes idle."""
    gui = threading.main_thread().ident
    held: set[str] = set()

    def check() -> None:
        for store in Store.open_stores():
            if store.thread == gui and store.holds_transaction():
                held.add(str(store.path))

    dispatcher = QAbstractEventDispatcher.instance()
    dispatcher.aboutToBlock.connect(check)
    yield
    dispatcher.aboutToBlock.disconnect(check)
    check()
    assert not held, f"a transaction was left open when control returned to the event loop: {held}"


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> None:
    """Recent files and other QSettings go to a file under tmp_path, not the user's."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)


@pytest.fixture
def hub(demo_path: Path):
    """A real hub serving the demo meeting on 127.0.0.1 (a free port, no discovery)."""
    from kiosk.link.hub import Hub

    h = Hub(demo_path, host="127.0.0.1", port=0, discovery=False, keep_code=True)
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
