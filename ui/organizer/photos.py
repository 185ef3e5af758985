"""Members' photos in the organizer's window: the selected member's photo, and importing many.

``PhotoBox`` sits in the members tab's editor: the member's photo (or "No
photo"), *Add photo from file…*, *Take photo…* (the camera, through
QtMultimedia; without a camera the button says so and stays off) and *Remove
photo*. ``PhotoImport`` imports a folder or .zip on a worker (ui.tasks) behind a
progress dialog with Cancel, then shows every file that needs the organizer's
eye (``ImportReportDialog``). All of it goes through ``OrganizerService``.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from data.errors import UserError
from data.records import MemberRecord
from kiosk.changes import Changes
from kiosk.organizer import OrganizerService
from ui.language import chinese
from ui.messages import domain_text
from ui.style import ERROR, MUTED
from ui.tasks import Progress, Task, on_own, progress_dialog, run_task

log = logging.getLogger(__name__)

PREVIEW_WIDTH, PREVIEW_HEIGHT = 90, 120  # the stored 240x320 at 3/8: the face, in the editor's
# height of three buttons (the members tab must still fit a 1366x768 screen)


def cameras() -> list:
    """The cameras this machine has (empty when none, or no multimedia backend)."""
    try:
        from PySide6.QtMultimedia import QMediaDevices

        return list(QMediaDevices.videoInputs())
    except Exception:  # noqa: BLE001 - no backend is no camera
        return []


def png_bytes(image: QImage) -> bytes:
    """A QImage as PNG bytes (lossless: the service makes it small once, not twice)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


class PhotoBox(QWidget):
    """The selected member's photo, with add (file or camera) and remove."""

    changed = Signal(object)  # Changes, after a photo was set or removed

    def __init__(self, service: OrganizerService, header: QWidget | None = None,
                 parent: QWidget | None = None) -> None:
        """``header`` (the member's name and details) goes beside the photo, above the buttons."""
        super().__init__(parent)
        self.service = service
        self.member: MemberRecord | None = None
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_WIDTH, PREVIEW_HEIGHT)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet(f"border: 1px solid {MUTED}; color: {MUTED};")
        self.file_button = QPushButton(self.tr("Add photo from file…"))
        self.camera_button = QPushButton(self.tr("Take photo…"))
        self.remove_button = QPushButton(self.tr("Remove photo"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR};")
        self.error.hide()  # takes no room until there is something to say
        self.has_camera = bool(cameras())
        if not self.has_camera:
            # Said on the button itself: nobody looks for a camera that is not there.
            self.camera_button.setText(self.tr("No camera found"))
            self.camera_button.setToolTip(self.tr("Connect a camera and reopen the meeting, or "
                                                  "add the photo from a file"))
        self.file_button.clicked.connect(lambda: self.add_from_file())
        self.camera_button.clicked.connect(lambda: self.take_photo())
        self.remove_button.clicked.connect(lambda: self.remove())
        self.preview.setToolTip(self.tr("Photo"))
        buttons = QVBoxLayout()
        buttons.setSpacing(2)
        if header is not None:
            buttons.addWidget(header)
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.camera_button)
        buttons.addWidget(self.remove_button)
        row = QHBoxLayout()
        row.addWidget(self.preview)
        row.addLayout(buttons, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.show_member(None)

    def show_member(self, member: MemberRecord | None) -> None:
        """Show this member's photo (read from the file now: never the whole roster's)."""
        self.member = member
        self.say("")
        photo = self.service.photo(member.id) if member is not None else None
        pixmap = QPixmap()
        if photo is not None and pixmap.loadFromData(photo, "JPG"):
            self.preview.setPixmap(pixmap.scaled(
                PREVIEW_WIDTH, PREVIEW_HEIGHT, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("No photo") if photo is None
                                 else self.tr("Photo cannot be shown"))
        self.file_button.setEnabled(member is not None)
        self.camera_button.setEnabled(member is not None and self.has_camera)
        self.remove_button.setEnabled(photo is not None)

    def say(self, text: str) -> None:
        """Show why a photo was refused (or nothing)."""
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def has_photo(self) -> bool:
        """True when the preview shows a photo."""
        pixmap = self.preview.pixmap()
        return pixmap is not None and not pixmap.isNull()

    def add_from_file(self, path: str | Path | None = None) -> bool:
        """Make an image file the member's photo (asks for the file when none is given)."""
        if self.member is None:
            return False
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Photo of %1").replace("%1", self.member.name), "",
                self.tr("Images (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)"))
            if not path:
                return False
        return self._set(lambda: self.service.set_photo_file(self.member.id, path))

    def set_image(self, image: QImage, source: str = "camera") -> bool:
        """Make a picture (from the camera) the member's photo."""
        if self.member is None or image.isNull():
            return False
        data = png_bytes(image)
        return self._set(lambda: self.service.set_photo_image(self.member.id, data, source))

    def _set(self, write) -> bool:  # write: () -> Changes
        member = self.member
        try:
            changes = write()
        except UserError as exc:
            self.say(domain_text(exc))
            return False
        except sqlite3.Error as exc:
            # The meeting file busy (another program writing for longer than the wait)
            # or failing: said here, not only in the log; nothing was changed.
            log.warning("photo not saved: %s", exc)
            self.say(self.tr("The photo was not saved: the meeting file could not be written "
                             "(%1). Try again in a moment.").replace("%1", str(exc)))
            return False
        self.show_member(member)
        self.changed.emit(changes)
        return True

    def remove(self) -> bool:
        """Delete the member's photo, after asking."""
        if self.member is None:
            return False
        answer = QMessageBox.question(
            self, self.tr("Remove photo"),
            self.tr("Remove the photo of %1?").replace("%1", self.member.name))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self._set(lambda: self.service.remove_photo(self.member.id))

    def take_photo(self) -> bool:
        """Take the member's photo with the camera (a dialog with a live view)."""
        if self.member is None or not self.has_camera:
            return False
        dialog = CameraDialog(self.member.name, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.image is None:
            return False
        return self.set_image(dialog.image)


class CameraDialog(QDialog):
    """A live view of the default camera and a button that takes the picture."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import (
            QCamera,
            QImageCapture,
            QMediaCaptureSession,
            QMediaDevices,
        )
        from PySide6.QtMultimediaWidgets import QVideoWidget

        self.setWindowTitle(self.tr("Photo of %1").replace("%1", name))
        self.image: QImage | None = None
        self.camera = QCamera(QMediaDevices.defaultVideoInput(), self)
        self.session = QMediaCaptureSession(self)
        self.capture = QImageCapture(self)
        self.view = QVideoWidget()
        self.view.setMinimumSize(480, 360)
        self.session.setCamera(self.camera)
        self.session.setImageCapture(self.capture)
        self.session.setVideoOutput(self.view)
        self.status = QLabel(self.tr("The face in the middle, the shoulders at the bottom."))
        self.shoot = QPushButton(self.tr("Take photo"))
        self.shoot.clicked.connect(self.capture.capture)
        self.capture.imageCaptured.connect(self._captured)
        self.capture.errorOccurred.connect(
            lambda *_args: self.status.setText(self.tr("The camera did not take the picture")))
        self.camera.errorOccurred.connect(
            lambda *_args: self.status.setText(self.tr("The camera cannot be used: %1")
                                               .replace("%1", self.camera.errorString())))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.shoot)
        layout.addWidget(buttons)
        self.camera.start()

    def _captured(self, _id: int, image: QImage) -> None:
        self.image = image
        self.camera.stop()
        self.accept()

    def done(self, result: int) -> None:
        """Switch the camera off however the dialog ends."""
        self.camera.stop()
        super().done(result)


class ImportReportDialog(QDialog):
    """What a photo import did, with every file that needs the organizer's eye."""

    def __init__(self, report, parent: QWidget | None = None) -> None:  # report: PhotoImport
        super().__init__(parent)
        self.setWindowTitle(self.tr("Photos imported"))
        self.summary = QLabel(report.summary_zh() if chinese() else report.summary())
        self.summary.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlainText("\n".join(self.lines(report)) or self.tr("Every file was used."))
        self.details.setMinimumSize(640, 300)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def lines(self, report) -> list[str]:
        """One line per file that was not simply imported, in the window's language."""
        why = report.reason_zh if chinese() else (lambda text: text)
        out = [self.tr("Replaced: %1 (%2)").replace("%1", name).replace("%2", who)
               for name, _, who in report.replaced]
        out += [self.tr("Name matches nobody: %1 — %2").replace("%1", name)
                .replace("%2", why(reason)) for name, reason in report.unknown]
        out += [self.tr("Cannot be read: %1 — %2").replace("%1", name)
                .replace("%2", why(reason)) for name, reason in report.unreadable]
        out += [self.tr("Second photo of %2: %1 (kept: %3)").replace("%1", name)
                .replace("%2", who).replace("%3", kept) for name, who, kept in report.duplicates]
        out += [self.tr("Not a photo: %1 — %2").replace("%1", name).replace("%2", why(reason))
                for name, reason in report.skipped]
        return out


class PhotoImport(QObject):
    """Import a folder or .zip of photos on a worker, then show the report."""

    ended = Signal(object)  # the PhotoImport report, or None (declined, failed)

    def __init__(self, window: QWidget, meeting: Path, actor: str) -> None:
        super().__init__(window)
        self.window = window
        self.meeting = meeting
        self.actor = actor
        self.task: Task | None = None
        self.report = None
        self.dialog: ImportReportDialog | None = None

    def choose(self) -> Path | None:
        """Ask for a folder or a .zip (a question first: Qt has no dialog for both)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Import photos"),
                          self.tr("Photos named by member number or ID number (.jpg, .png), "
                                  "in a folder or a .zip file."), parent=self.window)
        folder = box.addButton(self.tr("A folder…"), QMessageBox.ButtonRole.AcceptRole)
        archive = box.addButton(self.tr("A .zip file…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is folder:
            path = QFileDialog.getExistingDirectory(self.window, self.tr("Folder of photos"))
        elif box.clickedButton() is archive:
            path, _ = QFileDialog.getOpenFileName(self.window, self.tr(".zip file of photos"), "",
                                                  self.tr("Zip files (*.zip)"))
        else:
            return None
        return Path(path) if path else None

    def start(self, source: str | Path | None = None) -> Task | None:
        """Import from ``source`` (asks when None) on a worker; None if the organizer declined."""
        source = Path(source) if source is not None else self.choose()
        if source is None:
            self.ended.emit(None)
            return None
        meeting, actor = self.meeting, self.actor

        def work(service: OrganizerService, progress: Progress):
            return service.import_photos(source, progress=lambda done, total: progress.report(
                done, total, self.tr("Importing photos: %1 of %2").replace("%1", str(done))
                .replace("%2", str(total))))

        # Not abandoned: a cancelled import stops between files and reports what it kept.
        self.task = run_task(self, on_own(lambda: OrganizerService(meeting, actor), work),
                             name="photos-import", done=self._done, failed=self._failed)
        progress_dialog(self.task, self.window,
                        self.tr("Importing photos from %1…").replace("%1", source.name))
        return self.task

    def _failed(self, exc: BaseException) -> None:
        QMessageBox.warning(self.window, self.tr("Photos not imported"),
                            domain_text(exc) if isinstance(exc, UserError) else str(exc))
        self.ended.emit(None)

    def _done(self, report) -> None:
        self.report = report
        self.dialog = ImportReportDialog(report, self.window)
        self.dialog.setModal(True)
        self.dialog.finished.connect(lambda _r: self.ended.emit(report))
        self.dialog.open()


def photo_changes(report) -> Changes:
    """What an import changed, for the screens (the members whose photo is new)."""
    return Changes(members=frozenset(mid for _, mid, _ in report.matched))
