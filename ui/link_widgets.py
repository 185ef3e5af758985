"""Small Qt views of the desk-hub link: the hub's pairing panel and a desk's status line.

Both poll the thread-safe status of their model (``Hub.desks_status()``,
``DeskLink.status()``) with a QTimer on the GUI thread; the network itself runs
in the link's own thread, never here.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.link.client import DeskLink, LinkStatus, Notice
from kiosk.link.hub import Hub
from kiosk.link.identity import short
from ui.language import chinese
from ui.style import ERROR, GOOD, LARGE_POINT_SIZE, MUTED, TEXT, WARNING_TEXT, ui_font

GREEN = GOOD
RED = ERROR
AMBER = WARNING_TEXT


def qr_pixmap(text: str, size: int = 220) -> QPixmap:
    """A QR code of ``text`` as a square pixmap."""
    import qrcode

    img = qrcode.make(text, border=2)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    pix = QPixmap()
    pix.loadFromData(buf.getvalue(), "PNG")
    return pix.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                      Qt.TransformationMode.FastTransformation)


class RelativeTime(QObject):
    """How long ago, in the window's language with Qt's plural forms (刚刚, 12 秒前, 3 分钟前)."""

    def text(self, secs: int) -> str:
        """'just now', '12 s ago', '3 min ago', '2 h ago' for an age in seconds."""
        if secs < 3:
            return self.tr("just now")
        if secs < 120:
            return self.tr("%n s ago", "", secs)
        if secs < 7200:
            return self.tr("%n min ago", "", secs // 60)
        return self.tr("%n h ago", "", secs // 3600)


_RELATIVE: RelativeTime | None = None


def ago(stamp: float | None, now: float | None = None) -> str:
    """'just now', '12 s ago', '3 min ago' for a time.time() value ('—' for never), translated."""
    global _RELATIVE
    if stamp is None:
        return "—"
    if _RELATIVE is None:
        _RELATIVE = RelativeTime()
    return _RELATIVE.text(max(0, int((now or time.time()) - stamp)))


def _clock(at: str | None) -> str:
    try:
        return datetime.fromisoformat(at).strftime("%H:%M") if at else ""
    except ValueError:
        return at or ""


class HubPanel(QWidget):
    """The organizer's view of the hub: pairing code and QR, and every desk's health.

    The code changes by itself (after a desk pairs unless "keep" is ticked,
    after wrong tries, after a revoke) and pairing closes after too many wrong
    tries: the panel shows what holds now, and "New code" opens it again.
    """

    COLUMNS = 6

    def __init__(self, hub: Hub, parent: QWidget | None = None, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self.hub = hub
        # Replaceable so tests (and kiosk set-ups) can answer without a dialog.
        self.confirm: Callable[[str], bool] = self._ask
        self._shown: tuple[str, str] = ("", "")

        self.code_label = QLabel()
        self.code_label.setFont(ui_font(LARGE_POINT_SIZE + 16, bold=True))
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.qr_label = QLabel()
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.address_label = QLabel()
        self.address_label.setStyleSheet(f"color: {MUTED};")
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setStyleSheet(f"color: {MUTED};")
        self.door_label = QLabel()
        self.door_label.setWordWrap(True)
        self.new_code = QPushButton(self.tr("New code"))
        self.new_code.clicked.connect(self._new_code)
        self.keep_code = QCheckBox(self.tr("Keep this code after a desk joins"))
        self.keep_code.setToolTip(self.tr(
            "While setting up many desks: otherwise the code changes after each desk joins"))
        self.keep_code.setChecked(hub.door.keep_open)
        self.keep_code.toggled.connect(self._keep_toggled)
        heading = QLabel(self.tr("Desks join with this code"))
        heading.setFont(ui_font(bold=True))

        code_box = QVBoxLayout()
        code_box.addWidget(heading)
        code_box.addWidget(self.code_label)
        code_box.addWidget(self.door_label)
        code_box.addWidget(self.address_label)
        code_box.addWidget(self.fingerprint_label)
        code_box.addWidget(self.keep_code)
        code_box.addWidget(self.new_code, alignment=Qt.AlignmentFlag.AlignLeft)
        code_box.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(code_box, 1)
        top.addWidget(self.qr_label)

        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels([
            self.tr("Desk"), self.tr("State"), self.tr("Last contact"), self.tr("Waiting"),
            self.tr("Duplicates"), "",
        ])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, self.COLUMNS):
            self.table.horizontalHeader().setSectionResizeMode(
                col, QHeaderView.ResizeMode.ResizeToContents)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(interval_ms)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the hub's status (cheap: a copy under a lock)."""
        door = self.hub.door.state()
        if (door.code, self.hub.fingerprint) != self._shown:
            self._shown = (door.code, self.hub.fingerprint)
            self.code_label.setText(f"{door.code[:3]} {door.code[3:]}")
            self.qr_label.setPixmap(qr_pixmap(self.hub.pairing_uri))
        self.code_label.setEnabled(not door.closed)
        self.qr_label.setVisible(not door.closed)
        if door.closed:
            minutes = max(1, round((door.reopens_in or 0) / 60))
            self.door_label.setText(
                self.tr("Pairing is closed after %1 wrong codes (someone may be guessing). "
                        "New code opens it again; otherwise it reopens in %2 min.")
                .replace("%1", str(door.wrong)).replace("%2", str(minutes)))
            self.door_label.setStyleSheet(f"color: {RED};")
        elif door.wrong:
            self.door_label.setText(self.tr("Wrong codes tried: %1").replace("%1", str(door.wrong)))
            self.door_label.setStyleSheet(f"color: {AMBER};")
        else:
            self.door_label.setText("")
        self.address_label.setText(self.tr("Address: %1").replace("%1", self.hub.address))
        if self.hub.fingerprint:
            self.fingerprint_label.setText(
                self.tr("Hub identity: %1").replace("%1", short(self.hub.fingerprint)))
        rows = self.hub.desks_status()
        self.table.setRowCount(len(rows))
        now = time.time()
        for r, desk in enumerate(rows):
            self._set(r, 0, desk.name)
            if desk.revoked:
                self._set(r, 1, self.tr("Revoked"), RED)
            elif desk.online:
                self._set(r, 1, self.tr("Online"), GREEN)
            else:
                self._set(r, 1, self.tr("Offline"), RED)
            self._set(r, 2, ago(desk.last_contact, now))
            waiting = "—" if desk.waiting is None else str(desk.waiting)
            self._set(r, 3, waiting, AMBER if desk.waiting else None)
            self._set(r, 4, str(desk.duplicates))
            button = self.table.cellWidget(r, 5)
            if not isinstance(button, QPushButton):
                button = QPushButton(self.tr("Revoke"))
                button.clicked.connect(self._revoke_clicked)
                self.table.setCellWidget(r, 5, button)
            button.setProperty("credential", desk.credential)
            button.setProperty("desk", desk.name)
            button.setEnabled(not desk.revoked)

    def _set(self, row: int, col: int, text: str, colour: str | None = None) -> None:
        item = self.table.item(row, col)
        if item is None:
            item = QTableWidgetItem()
            self.table.setItem(row, col, item)
        item.setText(text)
        item.setForeground(QColor(colour or TEXT))

    def revoke_button(self, desk_name: str) -> QPushButton | None:
        """The revoke button on a desk's row (for keyboard users and tests)."""
        for r in range(self.table.rowCount()):
            button = self.table.cellWidget(r, 5)
            if isinstance(button, QPushButton) and button.property("desk") == desk_name:
                return button
        return None

    def _revoke_clicked(self) -> None:
        button = self.sender()
        if not isinstance(button, QPushButton):
            return
        name = str(button.property("desk"))
        if self.confirm(name):
            self.hub.revoke(str(button.property("credential")))
            self.refresh()

    def _ask(self, desk_name: str) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Revoke desk"),
            self.tr("Revoke %1? It will no longer be able to send or receive check-ins, it "
                    "erases its copy of the meeting when it next connects, and the pairing "
                    "code changes.").replace("%1", desk_name))
        return answer == QMessageBox.StandardButton.Yes

    def _new_code(self) -> None:
        self.hub.new_pairing_code()
        self.refresh()

    def _keep_toggled(self, on: bool) -> None:
        self.hub.door.keep_open = on


class LinkStatusLabel(QLabel):
    """A desk's status line: online or offline, check-ins waiting, and duplicate notices."""

    def __init__(self, link: DeskLink, parent: QWidget | None = None,
                 interval_ms: int = 500) -> None:
        super().__init__(parent)
        self.link = link
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setFont(ui_font(bold=True))
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(interval_ms)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the link's status and redraw the line."""
        st = self.link.status()
        self.setText(self.describe(st))

    def describe(self, st: LinkStatus) -> str:
        """The line's rich text for a status."""
        # Each self.tr() stands alone (not inside an f-string), so lupdate finds it.
        if st.state == "erased":
            erased = self.tr("Revoked by the organizer: this desk's copy of the meeting was "
                             "erased. Close this window.")
            return f'<span style="color:{RED}">● {erased}</span>'
        if st.state == "online":
            colour, text = GREEN, self.tr("Online")
        elif st.state == "connecting":
            colour, text = AMBER, self.tr("Connecting…")
        elif st.state == "revoked":
            colour, text = RED, self.tr("Revoked by the organizer")
        elif st.state == "refused":
            colour, text = RED, self.tr("Refused by the hub")
        elif st.state == "resyncing":
            colour, text = AMBER, self.tr("Fetching a fresh copy of the meeting from the hub")
        else:
            colour, text = RED, self.tr("Offline")
        head = f'<span style="color:{colour}">● {text}</span>'
        if st.state == "refused" and "not the hub this desk paired with" in st.message:
            head += "<br>" + self.tr(
                "The hub at this address is not the one this desk paired with. If the "
                "organizer moved the hub, pair again with its new code.")
        if st.state == "refused" and "this hub speaks" in st.message:
            head += "<br>" + self.tr(
                "This desk's SignDesk is another version than the hub's: install the same "
                "version on both. Signing in goes on; check-ins are sent once they match.")
        if st.pending:
            waiting = self.tr("waiting to be sent: %1").replace("%1", str(st.pending))
            head += f' — <span style="color:{AMBER}">{waiting}</span>'
        elif st.online:
            head += " — " + self.tr("all check-ins sent")
        if st.state == "resyncing":
            # Never a silent loop: say that something could not be applied, and why.
            head += "<br>" + self.tr(
                "An update from the hub could not be applied on this desk; it is being "
                "replaced by a fresh copy (signing in goes on).") + f" <small>{_esc(st.message)}</small>"
        dups = [n for n in st.notices if n.kind == "duplicate"]
        if dups:
            head += "<br>" + self.notice_text(dups[-1], len(dups))
        refused = [n for n in st.notices if n.kind == "rejected"]
        if refused:
            head += "<br>" + self.refused_text(refused[-1], len(refused))
        return head

    def refused_text(self, notice: Notice, count: int) -> str:
        """'The hub refused the check-in of <name>: <reason>. It does not count.'"""
        reason = notice.reason_zh if chinese() and notice.reason_zh else notice.reason
        text = (self.tr("The hub refused the check-in of %1: %2. It does not count.")
                .replace("%1", _esc(notice.member)).replace("%2", _esc(reason)))
        if count > 1:
            text += " " + self.tr("(%1 refused)").replace("%1", str(count))
        return f'<span style="color:{RED}">{text}</span>'

    def notice_text(self, notice: Notice, count: int) -> str:
        """'<name> was already signed in at <desk> (<time>); that check-in counts.'"""
        text = (self.tr("%1 was already signed in at %2 (%3); that check-in counts.")
                .replace("%1", notice.member).replace("%2", notice.desk or "?")
                .replace("%3", _clock(notice.at)))
        if count > 1:
            text += " " + self.tr("(%1 duplicates)").replace("%1", str(count))
        return f'<span style="color:{AMBER}">{text}</span>'


def _esc(text: str) -> str:
    """Text from the network shown as rich text: nothing in it is markup."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
