"""Joining a hub's meeting from the window: desk name, pairing code, hub address.

The secretary types the 6-digit code shown at the main station (full-width
digits from a Chinese input method count), or scans the hub's pairing QR code
(``signdesk://host:port?pair=…&meeting=…&fp=…``, the hub's certificate
fingerprint pinned before anything is sent) with the USB
scanner (it arrives as typed text in the focused field) or the camera. Joining
blocks on the network, so it runs in a ``QThread``; the form stays responsive
and shows what it is doing, and a refusal (wrong code, no hub found) inline.
A laptop that joined before keeps its replica and is offered "Resume".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QThread, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from data.errors import UserError
from data.private import private_dir
from kiosk.desk import replica_desk
from kiosk.link.client import JoinError, join_meeting
from kiosk.link.headless import default_replica
from kiosk.link.pairing import normalize_code, parse_pairing_uri
from ui.style import MUTED, QUORUM_MET, QUORUM_NOT_MET, ui_font

BAD = QUORUM_NOT_MET  # refusals in the same red as "quorum not met"
GOOD = QUORUM_MET
DESK_NAMES = [f"{i}号台" for i in range(1, 13)]
URI_SETTLE_MS = 120  # scanner keys come a few ms apart: parse once they stop


def desk_folder() -> Path:
    """Where this computer keeps its desks' replicas (the user's local app-data folder).

    The local one (on Windows %LOCALAPPDATA%, not the roaming AppData that a
    domain copies to its server at log-off): members' data stays on this machine.
    """
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base or Path.home() / ".signdesk") / "desks"


def replica_for(name: str, folder: Path | None = None) -> Path:
    """The replica file of desk ``name`` on this computer (same file name as the headless desk)."""
    return (folder or desk_folder()) / default_replica(name).name


def joined_desks(folder: Path | None = None) -> list[tuple[Path, str]]:
    """(replica, desk name) of every desk this computer joined, most recently used first."""
    found = []
    folder = folder or desk_folder()
    files = sorted(folder.glob("desk-*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True) \
        if folder.is_dir() else []
    for path in files:
        try:
            desk = replica_desk(path)
            if desk is not None:
                found.append((path, desk or path.stem))
        except (UserError, OSError):
            continue  # a half-written or foreign file is not a desk to resume
    return found


class JoinWorker(QThread):
    """Runs the blocking ``join_meeting`` away from the Qt main thread."""

    joined = Signal(str)        # the replica path
    failed = Signal(str, str, float)  # JoinError code, its message, retry_after (or -1)

    def __init__(self, replica: Path, code: str, desk: str, address: str | None,
                 meeting: str | None, fingerprint: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.args = (replica, code, desk, address, meeting, fingerprint)

    def run(self) -> None:
        """Join; report back by signal (queued to the main thread)."""
        replica, code, desk, address, meeting, fingerprint = self.args
        try:
            join_meeting(replica, code=code, desk=desk, address=address, meeting=meeting,
                         fingerprint=fingerprint)
        except JoinError as exc:
            retry = exc.retry_after if exc.retry_after is not None else -1.0
            self.failed.emit(exc.code, str(exc), float(retry))
        except Exception as exc:  # noqa: BLE001 - shown to the secretary, not a crash
            self.failed.emit("error", str(exc), -1.0)
        else:
            self.joined.emit(str(replica))


class JoinDialog(QDialog):
    """Set a desk up on a hub's meeting; opens the desk window when it has joined."""

    deskOpened = Signal(object)  # the desk window (keep it alive)

    def __init__(self, parent: QWidget | None = None, *, folder: Path | None = None,
                 kiosk: bool = True) -> None:
        super().__init__(parent)
        self.folder = folder or desk_folder()
        self.kiosk = kiosk
        self.meeting: str | None = None
        self.fingerprint: str | None = None  # the hub's, from its QR code
        self.worker: JoinWorker | None = None
        self.desk_window: QWidget | None = None
        self.setWindowTitle(self.tr("Join a meeting on the network"))
        self.setFont(ui_font(13))
        intro = QLabel(self.tr("Type the pairing code shown on the main station, "
                               "or scan its QR code."))
        intro.setWordWrap(True)
        self.name = QComboBox()
        self.name.setEditable(True)
        self.name.addItems(DESK_NAMES)
        self.name.setCurrentIndex(-1)
        self.name.lineEdit().setPlaceholderText(self.tr("e.g. 3号台"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("6 digits, or scan the QR code"))
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("empty: find the hub on the network"))
        self.camera_button = QPushButton(self.tr("Scan the QR code with the camera"))
        self.camera_button.setCheckable(True)
        self.camera = None
        for field in (self.name, self.code, self.address):
            field.setFont(ui_font(16))  # read from arm's length by secretaries of any age
            field.setMinimumHeight(40)
        form = QFormLayout()
        form.addRow(self.tr("This desk"), self.name)
        form.addRow(self.tr("Pairing code"), self.code)
        form.addRow(self.tr("Hub address"), self.address)
        form.addRow("", self.camera_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setMinimumHeight(48)
        self.join_button = QPushButton(self.tr("Join"))
        self.resume_button = QPushButton(self.tr("Resume"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        for b in (self.join_button, self.resume_button, self.cancel_button, self.camera_button):
            b.setAutoDefault(False)  # the scanner's Enter must not press a button by itself
            b.setMinimumHeight(44)
        self.join_button.setFont(ui_font(14, bold=True))
        buttons = QHBoxLayout()
        buttons.addWidget(self.resume_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.join_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(URI_SETTLE_MS)
        self._settle.timeout.connect(self._read_uri)
        self.code.textChanged.connect(self._code_edited)
        self.code.returnPressed.connect(self._code_entered)
        self.address.textChanged.connect(self._forget_meeting)
        self.name.currentTextChanged.connect(self._name_changed)
        self.join_button.clicked.connect(self.join)
        self.resume_button.clicked.connect(self.resume)
        self.cancel_button.clicked.connect(self.reject)
        self.camera_button.toggled.connect(self._camera_toggled)
        self._name_changed(self.name.currentText())
        self.resize(560, 0)

    # ---- the form ------------------------------------------------------------------------

    def desk_name(self) -> str:
        """The desk name as typed or chosen."""
        return self.name.currentText().strip()

    def replica(self) -> Path | None:
        """Where this desk's copy of the meeting lives (None until a name is given)."""
        name = self.desk_name()
        return replica_for(name, self.folder) if name else None

    def _say(self, text: str, colour: str = MUTED) -> None:
        self.status.setStyleSheet(f"color: {colour};")
        self.status.setText(text)

    def _name_changed(self, _text: str) -> None:
        replica = self.replica()
        resumable = replica is not None and replica.exists()
        self.resume_button.setVisible(resumable)
        if resumable:
            self._say(self.tr("This computer has already joined as {name}: "
                              "Resume opens its copy of the meeting.").format(name=self.desk_name()),
                      GOOD)
        elif self.worker is None:
            self._say("")

    def _code_edited(self, text: str) -> None:
        if "signdesk:" in text.lower():
            self._settle.start()  # wait for the scanner's last key before reading it

    def _code_entered(self) -> None:
        if "signdesk:" in self.code.text().lower():
            self._settle.stop()
            self._read_uri()
        elif self.code.text().strip():
            self.join()

    def _forget_meeting(self, _text: str) -> None:
        # A typed address is the secretary's choice; the QR code's meeting and hub
        # no longer apply (take_pairing sets them again after filling the address).
        self.meeting = None
        self.fingerprint = None

    def _read_uri(self) -> bool:
        text = self.code.text()
        return self.take_pairing(text[text.lower().index("signdesk:"):])

    def take_pairing(self, text: str) -> bool:
        """Fill address, code and meeting from a scanned pairing QR code; False if it is not one."""
        try:
            address, code, meeting, fingerprint = parse_pairing_uri(text)
        except ValueError:
            self._say(self.tr("This is not a SignDesk pairing code."), BAD)
            return False
        self._settle.stop()
        self.code.blockSignals(True)
        self.code.setText(code)
        self.code.blockSignals(False)
        self.address.setText(address)
        self.meeting = meeting
        self.fingerprint = fingerprint
        if self.desk_name():
            self._say(self.tr("Pairing code read. Press Join."), GOOD)
            self.join_button.setFocus()
        else:
            self._say(self.tr("Pairing code read. Choose which desk this computer is, "
                              "then press Join."), GOOD)
            self.name.setFocus()
        return True

    def ensure_camera(self) -> QObject:
        """The form's camera reader (made on first use); its reads fill the form."""
        if self.camera is None:
            from ui.camera import CameraScanner

            self.camera = CameraScanner(self)
            self.camera.code.connect(self._camera_read)
        return self.camera

    def _camera_toggled(self, on: bool) -> None:
        if on:
            self.ensure_camera()
        if self.camera is None:
            return
        if on and not self.camera.start():
            self._say(self.tr("No camera can be used on this computer."), BAD)
            self.camera_button.setChecked(False)
        elif not on:
            self.camera.stop()

    def _camera_read(self, text: str) -> None:
        if self.take_pairing(text):
            self.camera_button.setChecked(False)

    # ---- joining ---------------------------------------------------------------------------

    def join(self) -> bool:
        """Check the form and start joining in the background; False if the form is not ready."""
        if self.worker is not None:
            return False
        if "signdesk:" in self.code.text().lower() and not self._read_uri():
            return False
        name, code = self.desk_name(), normalize_code(self.code.text()) or ""
        if not name:
            self._say(self.tr("Choose which desk this computer is."), BAD)
            self.name.setFocus()
            return False
        if not code:
            self._say(self.tr("The pairing code has 6 digits."), BAD)
            self.code.setFocus()
            return False
        replica = self.replica()
        assert replica is not None
        if replica.exists():
            self._name_changed(name)
            return False
        private_dir(replica.parent)
        address = self.address.text().strip() or None
        if address:
            self._say(self.tr("Joining the hub at {address} and copying the meeting…")
                      .format(address=address))
        else:
            self._say(self.tr("Looking for the hub on the network…"))
        self._busy(True)
        self.worker = JoinWorker(replica, code, name, address, self.meeting, self.fingerprint,
                                 self)
        self.worker.joined.connect(self._joined)
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(self._worker_done)
        self.worker.start()
        return True

    def _busy(self, on: bool) -> None:
        for w in (self.name, self.code, self.address, self.join_button, self.camera_button,
                  self.cancel_button):
            w.setEnabled(not on)

    def _worker_done(self) -> None:
        if self.worker is not None:
            self.worker.deleteLater()
        self.worker = None
        self._busy(False)

    def _failed(self, code: str, message: str, retry_after: float) -> None:
        self._say(self.refusal(code, message, retry_after), BAD)
        self.code.setFocus()
        self.code.selectAll()

    def refusal(self, code: str, message: str, retry_after: float = -1.0) -> str:
        """What to tell the secretary for a JoinError (the link's own words when it is unusual)."""
        if code == "bad_code":
            return self.tr("Wrong pairing code. Check the code shown on the main station.")
        if code == "slow_down":
            return self.tr("Too many wrong codes: wait {seconds} s and try again.").format(
                seconds=max(1, round(retry_after)))
        if code == "pairing_closed":
            return self.tr("Pairing is closed after too many wrong codes. Ask the organizer to "
                           "press New code, then type the new code.")
        if code == "other_hub":
            return self.tr("The computer at this address is not the hub whose QR code was "
                           "scanned. Nothing was sent to it. Check the address.")
        if code == "bad_hub":
            return self.tr("The computer at this address could not prove it is the hub "
                           "showing this code. Nothing was sent to it.")
        if code == "not_found":
            return self.tr("No hub found on the network. Type the address shown on the main "
                           "station.")
        if code == "unreachable":
            return self.tr("Cannot reach the hub. Is the main station on and on the same "
                           "network?") + f"\n({message})"
        if code == "ambiguous":
            return self.tr("Several hubs are on the network; type the address shown on the main "
                           "station.") + f"\n({message})"
        return self.tr("The hub refused: {message}").format(message=message)

    def _joined(self, path: str) -> None:
        self._say(self.tr("Joined. Opening the desk…"), GOOD)
        self.open_desk(Path(path))

    def resume(self) -> None:
        """Open the desk this computer joined before."""
        replica = self.replica()
        if replica is not None and replica.exists():
            self.open_desk(replica)

    def open_desk(self, replica: Path) -> None:
        """Open the desk window on the replica, syncing, and close the form."""
        from ui.desk.window import open_joined_desk

        self.desk_window = open_joined_desk(replica, self.desk_name(), kiosk=self.kiosk)
        self.deskOpened.emit(self.desk_window)
        self.accept()

    # ---- closing ---------------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel, except while joining (the network call cannot be abandoned half-way)."""
        if self.worker is None:
            self._stop_camera()
            super().reject()

    def accept(self) -> None:
        """Close after the desk opened."""
        self._stop_camera()
        super().accept()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        """The window's close button: like Cancel."""
        if self.worker is not None:
            event.ignore()
            return
        self._stop_camera()
        super().closeEvent(event)

    def _stop_camera(self) -> None:
        if self.camera is not None:
            self.camera.close()
            self.camera.deleteLater()
            self.camera = None
