"""The organizer's corner of a desk: a PIN, then desk settings and the way out of kiosk mode.

Both are inline bars under the top of the window, never dialogs: while the
organizer types the PIN or changes a setting, the scanner keeps signing
members in. The PIN field is exempt from the scanner filter (a PIN typed fast
is still a PIN) and keeps the input method off.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ui.scanner import EXEMPT_PROPERTY, NoImeLineEdit
from ui.style import ERROR, MUTED, PANEL


class PinBar(QFrame):
    """Asks for the organizer's PIN; emits ``unlocked`` when it is right."""

    unlocked = Signal()
    cancelled = Signal()

    def __init__(self, check: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinBar")
        self._check = check
        self.label = QLabel(self)
        self.pin = NoImeLineEdit(self)
        self.pin.setObjectName("pinField")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setProperty(EXEMPT_PROPERTY, True)
        self.pin.setMaximumWidth(220)
        self.pin.returnPressed.connect(self._try)
        self.ok = QPushButton(self)
        self.ok.clicked.connect(self._try)
        self.cancel = QPushButton(self)
        self.cancel.clicked.connect(self.close_bar)
        self.error = QLabel(self)
        self.error.setStyleSheet(f"color: {ERROR}; font-weight: bold;")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        for w in (self.label, self.pin, self.ok, self.cancel, self.error):
            lay.addWidget(w)
        lay.addStretch(1)
        self.setStyleSheet(f"QFrame#pinBar {{ background: {PANEL}; border-bottom: 2px solid {MUTED}; }}")
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.label.setText(self.tr("Organizer's PIN:"))
        self.ok.setText(self.tr("Unlock"))
        self.cancel.setText(self.tr("Cancel"))

    def ask(self) -> None:
        """Open the bar, or unlock at once when the meeting has no PIN."""
        if self._check(""):
            self.unlocked.emit()
            return
        self.pin.clear()
        self.error.clear()
        self.show()
        self.pin.setFocus()

    def _try(self) -> None:
        if self._check(self.pin.text()):
            self.pin.clear()
            self.hide()
            self.unlocked.emit()
        else:
            self.pin.clear()
            self.error.setText(self.tr("Wrong PIN"))

    def close_bar(self) -> None:
        """Hide without unlocking."""
        self.pin.clear()
        self.hide()
        self.cancelled.emit()


class SettingsBar(QFrame):
    """Desk settings behind the PIN: sound, camera, full screen, switch desk, close."""

    soundToggled = Signal(bool)
    cameraToggled = Signal(bool)
    fullScreenToggled = Signal(bool)
    switchDesk = Signal(str)
    closeDesk = Signal()
    locked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsBar")
        self.sound = QCheckBox(self)
        self.sound.setObjectName("soundOn")
        self.sound.setChecked(True)
        self.sound.toggled.connect(self.soundToggled)
        self.camera = QCheckBox(self)
        self.camera.setObjectName("cameraOn")
        self.camera.toggled.connect(self.cameraToggled)
        self.full = QCheckBox(self)
        self.full.setObjectName("fullScreen")
        self.full.toggled.connect(self.fullScreenToggled)
        self.desks = QComboBox(self)
        self.switch = QPushButton(self)
        self.switch.clicked.connect(lambda: self.switchDesk.emit(self.desks.currentText()))
        self.close_desk = QPushButton(self)
        self.close_desk.setObjectName("closeDesk")
        self.close_desk.clicked.connect(self.closeDesk)
        self.lock = QPushButton(self)
        self.lock.setObjectName("lockSettings")
        self.lock.clicked.connect(self._lock)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        for w in (self.sound, self.camera, self.full, self.desks, self.switch):
            lay.addWidget(w)
        lay.addStretch(1)
        lay.addWidget(self.close_desk)
        lay.addWidget(self.lock)
        for w in self.findChildren(QWidget):
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setStyleSheet(f"QFrame#settingsBar {{ background: {PANEL}; border-bottom: 2px solid {MUTED}; }}")
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.sound.setText(self.tr("Sound"))
        self.camera.setText(self.tr("Camera"))
        self.full.setText(self.tr("Full screen (kiosk)"))
        self.switch.setText(self.tr("Switch to this desk"))
        self.close_desk.setText(self.tr("Close the desk"))
        self.lock.setText(self.tr("Done"))

    def open_with(self, *, sound: bool, camera: bool | None, full: bool, desks: list[str],
                  current: str) -> None:
        """Show the bar with the current settings (camera None: no camera here)."""
        for box, value in ((self.sound, sound), (self.full, full)):
            box.blockSignals(True)
            box.setChecked(value)
            box.blockSignals(False)
        self.camera.blockSignals(True)
        self.camera.setEnabled(camera is not None)
        self.camera.setChecked(bool(camera))
        self.camera.blockSignals(False)
        self.desks.clear()
        self.desks.addItems(desks)
        self.desks.setCurrentText(current)
        self.show()

    def _lock(self) -> None:
        self.hide()
        self.locked.emit()
