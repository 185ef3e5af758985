"""The start screen (``python main.py`` with no file) and starting a desk on this computer.

It offers both roles: create or open a meeting (the organizer's window), start
a sign-in desk on a meeting file, join a hub's meeting over the network or
resume a desk joined before. Organizer windows ask for a desk through
``organizer_windows().deskRequested``; ``connect_windows`` answers it here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from data.errors import UserError
from kiosk.desk import meeting_desks, meeting_info
from ui.desk.join import JoinDialog, desk_folder, joined_desks
from ui.desk.window import open_desk, open_joined_desk
from ui.messages import domain_text
from ui.organizer.window import (
    OrganizerWindow,
    ask_new_meeting,
    ask_open_meeting,
    open_window,
    organizer_windows,
    recent_files,
)
from ui.style import ACCENT, MUTED, ui_font

# Desks and start screens opened from here; kept so Python does not free them.
_OPEN: list[QWidget] = []
_connected = False


def connect_windows() -> None:
    """Answer the organizer windows' requests for a desk on this computer (once per process)."""
    global _connected
    if not _connected:
        organizer_windows().deskRequested.connect(
            lambda path: start_desk(QApplication.activeWindow(), path))
        _connected = True


def start_desk(parent: QWidget | None, path: str | Path | None) -> bool:
    """Ask which desk this computer is, then open the sign-in desk full screen."""
    if path is None:
        path = ask_open_meeting(parent)
        if path is None:
            return False
    try:
        _, desks = meeting_desks(path)
    except UserError as exc:
        QMessageBox.critical(parent, QCoreApplication.translate("StartScreen", "Cannot open the meeting"),
                             domain_text(exc))  # Chinese in a Chinese window (e.g. read-only)
        return False
    name, ok = QInputDialog.getItem(
        parent, QCoreApplication.translate("StartScreen", "Start a sign-in desk"),
        QCoreApplication.translate("StartScreen", "Which desk is this computer?"),
        desks or ["1号台"], 0, True)
    if not ok or not name.strip():
        return False
    desk = open_desk(str(path), name.strip(), kiosk=True)
    if isinstance(desk, QWidget):
        _OPEN.append(desk)
    return True


def recent_meetings() -> list[tuple[str, str]]:
    """Recent meeting files as (path, 'title · date'), newest first, each meeting once.

    The same meeting reached by two paths, or copied (a backup of the same
    meeting), is listed once: the most recently opened file.
    """
    seen: set[str] = set()
    out = []
    for p in recent_files():
        key, line = meeting_info(p)
        if key in seen or str(Path(p).resolve()) in seen:
            continue
        seen.update((key, str(Path(p).resolve())))
        out.append((p, line))
    return out


class StartScreen(QWidget):
    """`python main.py` with no file: create or open a meeting, or start a desk."""

    def __init__(self, parent: QWidget | None = None, *, desks: Path | None = None) -> None:
        super().__init__(parent)
        connect_windows()
        self.desks = desks or desk_folder()  # where this computer keeps joined desks' copies
        self.join_dialog: QWidget | None = None
        self.setWindowTitle("SignDesk 签到台")
        title = QLabel("SignDesk 签到台")
        title.setFont(ui_font(28, bold=True))
        title.setStyleSheet(f"color: {ACCENT};")
        hint = QLabel(self.tr("Sign members in at a meeting and watch turnout live."))
        hint.setStyleSheet(f"color: {MUTED};")
        self.new_button = QPushButton(self.tr("New meeting…"))
        self.open_button = QPushButton(self.tr("Open meeting…"))
        self.desk_button = QPushButton()
        self.join_button = QPushButton(self.tr("Join a meeting on the network…"))
        self.resume_button = QPushButton(self.tr("Resume the desk on this computer"))
        for b in (self.new_button, self.open_button, self.desk_button, self.join_button,
                  self.resume_button):
            b.setFont(ui_font(14))
            b.setMinimumHeight(44)
        self.new_button.clicked.connect(self._new)
        self.open_button.clicked.connect(self._open)
        self.desk_button.clicked.connect(self._desk)
        self.join_button.clicked.connect(self._join)
        self.resume_button.clicked.connect(self._resume)
        self.recent = QListWidget()
        self.recent.setFont(ui_font(13))
        self.recent.itemActivated.connect(lambda item: self.open_path(item.data(Qt.ItemDataRole.UserRole)))
        self.recent.currentItemChanged.connect(lambda *_: self._selection_changed())
        buttons = QVBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.desk_button)
        buttons.addWidget(self.join_button)
        buttons.addWidget(self.resume_button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Recent meetings (double-click to open)")))
        right.addWidget(self.recent, 1)
        self.open_recent_button = QPushButton(self.tr("Open the selected meeting"))
        self.open_recent_button.setMinimumHeight(44)
        self.open_recent_button.clicked.connect(self._open_selected)
        right.addWidget(self.open_recent_button)
        body = QHBoxLayout()
        body.addLayout(buttons, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addSpacing(12)
        layout.addLayout(body, 1)
        self.fill_recent()
        self.fill_resume()
        self.resize(900, 560)

    def fill_resume(self) -> None:
        """Offer to resume when this computer has joined a hub's meeting before."""
        joined = joined_desks(self.desks)
        self.resume_button.setVisible(bool(joined))
        if len(joined) == 1:
            self.resume_button.setText(
                self.tr("Resume the desk on this computer ({name})").format(name=joined[0][1]))

    def fill_recent(self) -> None:
        """List the recent meetings by title and date (the file in the tooltip)."""
        self.recent.clear()
        for p, line in recent_meetings():
            item = QListWidgetItem(line)
            item.setToolTip(p)
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.recent.addItem(item)
        if self.recent.count():
            self.recent.setCurrentRow(0)
        self.open_recent_button.setEnabled(self.recent.count() > 0)
        self._selection_changed()

    def _selection_changed(self) -> None:
        """One primary action: open the chosen meeting, or make the first one.

        The desk button names the meeting it would start a desk for.
        """
        item = self.recent.currentItem()
        primary = self.open_recent_button if item is not None else self.new_button
        for b in (self.new_button, self.open_recent_button):
            b.setDefault(b is primary)
            b.setFont(ui_font(16 if b is primary else 14, bold=b is primary))
            b.setStyleSheet(f"background: {ACCENT}; color: white; padding: 6px 18px;"
                            if b is primary else "")
        if item is not None:
            self.desk_button.setText(self.tr("Start a sign-in desk for “%1”…").replace(
                "%1", item.text()))
        else:
            self.desk_button.setText(self.tr("Start a sign-in desk (choose the meeting file)…"))

    def open_path(self, path: str | Path) -> OrganizerWindow | None:
        """Open a meeting and leave the start screen."""
        win = open_window(path, self)
        if win is not None:
            self.close()
        return win

    def _open_selected(self) -> None:
        item = self.recent.currentItem()
        if item is not None:
            self.open_path(item.data(Qt.ItemDataRole.UserRole))

    def _new(self) -> None:
        path = ask_new_meeting(self)
        if path:
            self.open_path(path)

    def _open(self) -> None:
        path = ask_open_meeting(self)
        if path:
            self.open_path(path)

    def _desk(self) -> None:
        item = self.recent.currentItem()
        path = item.data(Qt.ItemDataRole.UserRole) if item else None
        if start_desk(self, path):
            self.close()

    def _join(self) -> None:
        dialog = JoinDialog(self, folder=self.desks)
        dialog.deskOpened.connect(self._desk_opened)
        self.join_dialog = dialog
        dialog.open()

    def _resume(self) -> None:
        joined = joined_desks(self.desks)
        if not joined:
            self.fill_resume()
            return
        replica, name = joined[0]
        if len(joined) > 1:
            names = [n for _, n in joined]
            name, ok = QInputDialog.getItem(
                self, self.tr("Resume the desk on this computer"),
                self.tr("Which desk is this computer?"), names, 0, False)
            if not ok:
                return
            replica = joined[names.index(name)][0]
        self._desk_opened(open_joined_desk(replica, name, kiosk=True))

    def _desk_opened(self, desk: QWidget) -> None:
        """A joined desk is open: keep it alive and leave the start screen."""
        _OPEN.append(desk)
        self.close()
