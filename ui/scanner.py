"""Catching a USB scanner's keystrokes wherever focus is, and telling them from typing.

A handheld scanner is a keyboard that types a code (and usually Enter) a few
milliseconds per key. ``ScanCapture`` is an application-wide event filter that
looks at every key press on its way to a widget and decides by timing:

* keys arriving in a fast burst (each within ``burst_gap`` of the last, at
  least ``min_scan`` of them) are a scan: they are swallowed, collected, and
  emitted as ``scanned`` on Enter/Tab, after ``scan_gap`` of silence (``ID_GAP``
  while what came so far is the digits of an ID number: some ID-card readers
  type it in bursts), or when a complete card code is followed by more keys
  (two scans are never glued);
* anything slower is a person typing: the few keys held back while deciding
  are replayed, in order, to the widget they were meant for (or to the search
  box when they were typed at no text field).

Holding back a key costs a human at most ``burst_gap`` (50 ms) of delay, which
nobody notices. Gaps are taken from the window system's time stamps on the key
events when there are any (X server time), so keys that queued up while the
main thread was busy keep their real spacing; synthetic events fall back to a
clock. A Chinese input method would turn a code into pinyin before any
filter sees it, so the widgets that take keys at a desk answer the
``Qt.ImEnabled`` query with False (``NoImeLineEdit``, ``ScanSink``); see
DOMAIN.md on ibus.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from kiosk.codes import parse

BURST_GAP = 0.050   # s: keys closer than this may be a scanner
SCAN_GAP = 0.100    # s: silence that ends a scan with no Enter
MIN_SCAN = 5        # keys in a fast burst before we call it a scan
MIN_ENTER_SCAN = 3  # a shorter fast burst ended by a fast Enter is still a scan
ID_GAP = 0.300      # s: silence that ends a scan that is so far only part of an ID number
ID_LEN = 18         # characters of a resident ID number

# A widget with this dynamic property set to True sees its keys untouched (PIN field).
EXEMPT_PROPERTY = "scannerExempt"

_END_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab}
_MODIFIER_KEYS = {
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta,
    Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock,
}


def is_text_input(widget: QWidget | None) -> bool:
    """True for widgets where typed characters are text (line edits, text areas)."""
    return isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox)


def _exempt(widget: QWidget) -> bool:
    # Look the name up first: in PySide6 6.12 QObject.property() of an unset
    # property returns None without a reference, and thousands of key presses
    # later the interpreter aborts ("deallocating None").
    names = widget.dynamicPropertyNames()
    return bool(names) and any(bytes(n) == EXEMPT_PROPERTY.encode() for n in names) \
        and bool(widget.property(EXEMPT_PROPERTY))


def _complete_code(text: str) -> bool:
    return parse(text).shape == "code"


def _partial_id(text: str) -> bool:
    # Some ID-card readers type the number in two or three quick bursts with a
    # pause between (they read the chip in blocks): digits so far, fewer than 18.
    return len(text) < ID_LEN and text.isdigit() and text.isascii()


@dataclass
class _Held:
    """A key press held back while deciding whether it is part of a scan."""

    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    target: QWidget


class ScanCapture(QObject):
    """Application-wide scanner input: emits ``scanned(text, last_key_time)``.

    With ``scope`` only keys aimed at that window count. ``last_key_time`` is ``time.perf_counter()`` at the scan's last key, so a
    caller can measure the time from key to result. ``typing_target`` returns
    the widget that gets a person's typing when it was not aimed at a text
    field (the desk's search box), or None to leave it where it was.
    """

    scanned = Signal(str, float)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        typing_target: Callable[[], QWidget | None] | None = None,
        clock: Callable[[], float] = time.perf_counter,
        scope: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.typing_target = typing_target
        # Only keys for this window (and what it owns) count; other windows of the
        # same process (the organizer's, say) keep their keys to themselves.
        self.scope = scope
        self.clock = clock
        self.burst_gap = BURST_GAP
        self.scan_gap = SCAN_GAP
        self.min_scan = MIN_SCAN
        self.enabled = True
        self._held: list[_Held] = []
        self._buf = ""
        self._scan_mode = False
        self._last_t = -1.0
        self._last_stamp = 0
        self._replaying = False
        self._passed: tuple[tuple[int, int, int], QWidget] | None = None  # (event id, receiver)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_quiet)

    # ---- installation ---------------------------------------------------------------

    def install(self, app: QCoreApplication | None = None) -> None:
        """Start filtering every key press in the application."""
        (app or QCoreApplication.instance()).installEventFilter(self)

    def uninstall(self, app: QCoreApplication | None = None) -> None:
        """Stop filtering (held keys are delivered first)."""
        self._flush_typing()
        app = app or QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # ---- the filter -------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        """Decide for each key press: part of a scan (swallow), or typing (let pass)."""
        if event.type() != QEvent.Type.KeyPress or self._replaying or not self.enabled:
            return False
        if not isinstance(obj, QWidget):
            return False  # the QWindow sees the key first; the widget will get it next
        if self.scope is not None and obj.window() is not self.scope:
            return False
        ptr = shiboken6.getCppPointer(event)[0]
        # An event we let pass and the widget ignored propagates to a strict
        # ancestor. Compare more than the address: on xcb each key is a new
        # event that often reuses the last one's memory (a real X server showed it).
        stamp = (ptr, event.timestamp(), event.key())  # type: ignore[attr-defined]
        if self._passed is not None and self._passed[0] == stamp \
                and shiboken6.isValid(self._passed[1]) and obj is not self._passed[1] \
                and obj.isAncestorOf(self._passed[1]):
            return False  # the same event propagating to a parent after we let it pass
        self._passed = None
        if _exempt(obj):
            return self._let_pass(stamp, obj)
        handled = self._key(obj, event)  # type: ignore[arg-type]
        if not handled:
            return self._let_pass(stamp, obj)
        return True

    def _let_pass(self, stamp: tuple[int, int, int], obj: QWidget) -> bool:
        self._passed = (stamp, obj)
        return False

    def _key(self, obj: QWidget, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False
        now = self.clock()
        # Prefer the window system's own time stamp of the key (X server time, ms):
        # keys that waited in the queue while the main thread was busy then keep
        # their real spacing, so a person's typing is not mistaken for a burst.
        # Synthetic events (tests, replays) carry 0 and fall back to the clock.
        stamp = event.timestamp()
        if stamp and self._last_stamp and stamp >= self._last_stamp:
            gap = (stamp - self._last_stamp) / 1000
        else:
            gap = now - self._last_t if self._last_t >= 0 else float("inf")
        self._last_stamp = stamp
        text = event.text()
        mods = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if key in _END_KEYS and mods == Qt.KeyboardModifier.NoModifier:
            return self._end_key(gap)
        printable = len(text) == 1 and text.isprintable() and mods == Qt.KeyboardModifier.NoModifier
        if not printable:
            # Backspace, arrows, shortcuts: a person at work. Keep their order.
            if self._scan_mode:
                self._finish_scan()
            self._flush_typing()
            return False
        self._last_t = now
        if self._scan_mode:
            if gap > self._quiet_gap() or (_complete_code(self._buf) and len(self._buf) >= 26):
                self._finish_scan()
            else:
                self._buf += text
                self._timer.start(int(self._quiet_gap() * 1000))
                return True
        elif self._held and gap > self.burst_gap:
            self._flush_typing()
        self._held.append(_Held(key, event.modifiers(), text, obj))
        self._buf += text
        if len(self._held) >= self.min_scan:
            self._scan_mode = True
            self._held.clear()
            self._timer.start(int(self._quiet_gap() * 1000))
        else:
            self._timer.start(int(self.burst_gap * 1000))
        return True

    def _quiet_gap(self) -> float:
        """The silence that ends the scan being collected: longer while it is part of an ID
        number (a member number scanned without Enter waits 0.3 s instead of 0.1 s)."""
        return max(self.scan_gap, ID_GAP) if _partial_id(self._buf) else self.scan_gap

    def _end_key(self, gap: float) -> bool:
        if self._scan_mode:
            self._finish_scan()
            return True
        if self._held and gap <= self.burst_gap and len(self._buf) >= MIN_ENTER_SCAN:
            self._held.clear()
            self._finish_scan()
            return True
        self._flush_typing()
        return False

    def _on_quiet(self) -> None:
        if self._scan_mode:
            self._finish_scan()
        else:
            self._flush_typing()

    def _finish_scan(self) -> None:
        self._timer.stop()
        text, last = self._buf, self._last_t
        self._buf = ""
        self._scan_mode = False
        self._held.clear()
        if text:
            self.scanned.emit(text, last)

    def _flush_typing(self) -> None:
        """Deliver held keys as typing, in order."""
        if self._scan_mode:
            return
        self._timer.stop()
        held, self._held = self._held, []
        self._buf = ""
        if not held:
            return
        redirect = None
        if not is_text_input(held[0].target) and self.typing_target is not None:
            redirect = self.typing_target()
        self._replaying = True
        try:
            for h in held:
                target = redirect or h.target
                if not shiboken6.isValid(target):
                    continue
                if redirect is not None and not redirect.hasFocus():
                    redirect.setFocus(Qt.FocusReason.OtherFocusReason)
                press = QKeyEvent(QEvent.Type.KeyPress, h.key, h.modifiers, h.text)
                QCoreApplication.sendEvent(target, press)
        finally:
            self._replaying = False

    def pending(self) -> bool:
        """True while keys are held or a scan is being collected."""
        return bool(self._held or self._buf)

    def flush(self) -> None:
        """End whatever is pending now (a scan in progress, or held typing)."""
        if self._scan_mode:
            self._finish_scan()
        else:
            self._flush_typing()


class NoImeLineEdit(QLineEdit):
    """A line edit that keeps the input method off, unless asked to allow it.

    QLineEdit answers ``Qt.ImEnabled`` itself, so clearing WA_InputMethodEnabled
    is not enough: the query is answered here. ``allow_ime(True)`` lets a person
    type Chinese characters (scans into this field then go to the IME).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ime = False
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)

    def allow_ime(self, on: bool) -> None:
        """Turn the input method on or off for this field."""
        self._ime = on
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, on)
        app = QApplication.instance()
        if self.hasFocus() and app is not None:
            QApplication.inputMethod().update(Qt.InputMethodQuery.ImEnabled)

    def inputMethodQuery(self, query: Qt.InputMethodQuery) -> object:  # noqa: N802 (Qt name)
        """Say the input method is off (unless allowed), so a scanner's keys arrive as keys."""
        if query == Qt.InputMethodQuery.ImEnabled and not self._ime:
            return False
        return super().inputMethodQuery(query)


class ScanSink(QWidget):
    """An invisible focus holder with the input method off: where scans land by default."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.setFixedSize(1, 1)

    def inputMethodQuery(self, query: Qt.InputMethodQuery) -> object:  # noqa: N802 (Qt name)
        """The input method is always off here."""
        if query == Qt.InputMethodQuery.ImEnabled:
            return False
        return super().inputMethodQuery(query)
