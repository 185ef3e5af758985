"""Pairing a desk again from its window, when its hub does not take it any more.

After a hand-over (a desk's laptop now runs the hub) the new hub has a new
certificate, so the desk refuses it, and a desk of an older SignDesk must pair
once. The bar shows only then: the organizer types the code shown at the hub
and, when the meeting has one, the organizer's PIN; the link pairs again off the
GUI thread and keeps every check-in the desk holds. The PIN is asked because
otherwise anyone at a kiosk desk could pair it with a hub of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from kiosk.link.pairing import normalize_code
from ui.scanner import EXEMPT_PROPERTY, NoImeLineEdit
from ui.style import ERROR, GOOD, WARNING_BACK, WARNING_TEXT, ui_font
from ui.tasks import run_task


class PairAgainBar(QFrame):
    """Inline bar: the hub's new code (and the PIN), then "Pair again"; hidden otherwise."""

    def __init__(self, link: Any, check_pin: Callable[[str], bool], needs_pin: Callable[[], bool],
                 parent: QWidget | None = None, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self.setObjectName("pairAgainBar")
        self.link = link
        self._check_pin = check_pin
        self._needs_pin = needs_pin
        self._busy = False
        self.label = QLabel(self.tr("This desk is not paired with the hub it finds. "
                                    "Code shown at the hub:"), self)
        self.code = NoImeLineEdit(self)
        self.code.setProperty(EXEMPT_PROPERTY, True)
        self.code.setPlaceholderText(self.tr("6 digits"))
        self.code.setMaximumWidth(160)
        self.pin_label = QLabel(self.tr("Organizer PIN:"), self)
        self.pin = NoImeLineEdit(self)
        self.pin.setProperty(EXEMPT_PROPERTY, True)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaximumWidth(160)
        self.button = QPushButton(self.tr("Pair again"), self)
        self.button.clicked.connect(self.pair)
        self.code.returnPressed.connect(self.pair)
        self.pin.returnPressed.connect(self.pair)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        for w in (self.label, self.code, self.pin_label, self.pin, self.button, self.note):
            lay.addWidget(w)
        lay.addStretch(1)
        self.setStyleSheet(f"QFrame#pairAgainBar {{ background: {WARNING_BACK}; "
                           f"border-bottom: 2px solid {WARNING_TEXT}; }}")
        for w in (self.label, self.code, self.pin_label, self.pin, self.button, self.note):
            w.setFont(ui_font(13))  # the organizer reads it standing at the desk
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(interval_ms)
        self.refresh()

    def refresh(self) -> None:
        """Show the bar while the hub refuses this desk (and while pairing runs)."""
        refused = self.link.status().state == "refused"
        self.setVisible(refused or self._busy)
        needs = self._needs_pin()
        self.pin_label.setVisible(needs)
        self.pin.setVisible(needs)

    def _say(self, text: str, bad: bool = True) -> None:
        self.note.setStyleSheet(f"color: {ERROR if bad else GOOD}; font-weight: bold;")
        self.note.setText(text)

    def pair(self) -> bool:
        """Check the form and pair again in the background; False if the form is not ready."""
        if self._busy:
            return False
        code = normalize_code(self.code.text())
        if code is None:
            self._say(self.tr("The pairing code has 6 digits."))
            self.code.setFocus()
            return False
        if self._needs_pin() and not self._check_pin(self.pin.text()):
            self.pin.clear()
            self._say(self.tr("Wrong PIN."))
            self.pin.setFocus()
            return False
        self._busy = True
        self.button.setEnabled(False)
        self._say(self.tr("Pairing with the hub…"), bad=False)
        link = self.link
        run_task(self, lambda _progress: link.pair_again(code), name="pair again",
                 done=self._paired, failed=self._failed)
        return True

    def _paired(self, _result: object) -> None:
        self._busy = False
        self.button.setEnabled(True)
        self.code.clear()
        self.pin.clear()
        self._say(self.tr("Paired again: sending and receiving check-ins."), bad=False)
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.button.setEnabled(True)
        code = getattr(error, "code", "")
        if code == "bad_code":
            self._say(self.tr("Wrong pairing code. Check the code shown at the hub."))
        elif code == "pairing_closed":
            self._say(self.tr("Pairing is closed after too many wrong codes. Ask the organizer "
                              "to press New code, then type the new code."))
        else:
            self._say(self.tr("Could not pair: {message}").format(message=str(error)))
        self.code.setFocus()
