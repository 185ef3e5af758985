"""Helpers for desk tests: a desk window on a fresh demo file, keys at scanner speed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from data.records import MemberRecord
from data.store import Store
from ui.desk.window import DeskWindow


def open_window(qtbot, path: Path, desk: str = "1号台", **kw) -> DeskWindow:
    """A desk window, shown, registered for clean-up (kiosk off unless asked)."""
    kw.setdefault("kiosk", False)
    w = DeskWindow(path, desk, **kw)
    qtbot.addWidget(w, before_close_func=lambda win: win.shutdown())
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    return w


def focus_target(w: DeskWindow) -> QWidget:
    """Where keys for this desk go: its focus widget, else its search box.

    Only a focus widget inside this window counts: a window left over from an
    earlier test may hold the application's focus, and keys sent there would
    never reach the desk (the test would then depend on the order tests run).
    """
    focused = QApplication.focusWidget()
    return focused if focused is not None and focused.window() is w else w.search.box


_STAMP = [5_000_000]  # a window-system clock (ms) for the synthetic keys


def key(target: QWidget, k: Qt.Key | str, gap_ms: int) -> None:
    """One key press and release, time-stamped ``gap_ms`` after the previous one.

    Real key events carry the window system's time stamp, which the scanner
    filter prefers to its own clock; stamping the test's keys the same way keeps
    their spacing exact even when the test machine is busy.
    """
    _STAMP[0] += gap_ms
    if isinstance(k, str):
        code, text = (Qt.Key(ord(k.upper())) if k.isalnum() else Qt.Key.Key_Minus), k
    else:
        code, text = k, "\r" if k in (Qt.Key.Key_Return, Qt.Key.Key_Enter) else ""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        ev = QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, text)
        ev.setTimestamp(_STAMP[0])
        QApplication.sendEvent(target, ev)


def scan(qtbot, w: DeskWindow, text: str, *, gap_ms: int = 3, enter: bool = True,
         target: QWidget | None = None) -> None:
    """Type ``text`` like a USB scanner: keys 2-5 ms apart, then Enter (or nothing)."""
    target = target or focus_target(w)
    for i, ch in enumerate(text):
        gap = gap_ms + (i % 3 if gap_ms < 5 else 0)
        key(target, ch, gap)
        qtbot.wait(gap)
    if enter:
        key(target, Qt.Key.Key_Return, gap_ms)


def type_slowly(qtbot, target: QWidget, text: str, gap_ms: int = 130) -> None:
    """Type like a person: a key every ``gap_ms``."""
    for ch in text:
        QTest.keyClick(target, ch)
        qtbot.wait(gap_ms)


def member_of(store: Store, branch: str, k: int = 0, **want: str) -> MemberRecord:
    """The k-th expected full member of a branch (or one matching ``want``)."""
    found = [m for m in store.members() if m.branch == branch and m.status == "active"
             and all(getattr(m, f) == v for f, v in want.items())
             and (want.get("category") or m.category == "full")]
    return found[k]


def card_of(store: Store, member: MemberRecord) -> str:
    """The member's current card code."""
    return store.current_cards()[member.id]


def events(store: Store, kind: str | None = None) -> list:
    """All events of the file (optionally one kind)."""
    evs = store.events_after(0)
    return [e for e in evs if kind is None or e.kind == kind]
