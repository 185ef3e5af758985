"""The meeting's settings form: title, date, venue, quorum rule, sign-in times, PIN.

Only the fields the organizer changed are written, through
``kiosk.meeting.update_settings``, which checks and audits them. Errors show
inline under the form, never in a dialog.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from data.records import MeetingRecord
from kiosk.meeting import SettingError, pin_hash_is_weak
from kiosk.organizer import OrganizerService
from kiosk.turnout import QUORUM_RULES
from ui.live import MeetingWatcher
from ui.messages import domain_text
from ui.organizer.labels import quorum_label
from ui.style import QUORUM_MET, QUORUM_NOT_MET


def _qdatetime(iso: str | None) -> QDateTime:
    if not iso:
        return QDateTime.currentDateTime()
    dt = datetime.fromisoformat(iso)
    return QDateTime.fromSecsSinceEpoch(int(dt.timestamp()))


def _iso(qdt: QDateTime) -> str:
    return datetime.fromtimestamp(qdt.toSecsSinceEpoch()).astimezone().isoformat(timespec="seconds")


class SettingsPanel(QWidget):
    """Edit the meeting's settings; Save writes what changed."""

    saved = Signal()

    def __init__(self, service: OrganizerService, watcher: MeetingWatcher,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.watcher = service, watcher
        self.title = QLineEdit()
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.venue = QLineEdit()
        self.quorum = QComboBox()
        for rule in QUORUM_RULES:
            self.quorum.addItem(quorum_label(rule), rule)
        self.has_opens = QCheckBox(self.tr("Opens at"))
        self.opens = QDateTimeEdit()
        self.has_closes = QCheckBox(self.tr("Closes at"))
        self.closes = QDateTimeEdit()
        for edit, box in ((self.opens, self.has_opens), (self.closes, self.has_closes)):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
            box.toggled.connect(edit.setEnabled)
        self.wrong_desk = QCheckBox(self.tr("A desk may sign in members of other desks' branches "
                                            "(and says so)"))
        self.track_leave = QCheckBox(self.tr("Count early leaves (members leaving before the vote)"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("6 to 12 digits; leave empty to keep the current PIN"))
        self.clear_pin = QCheckBox(self.tr("Remove the PIN"))
        self.pin_state = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.clicked.connect(self.load)

        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Date"), self.date)
        form.addRow(self.tr("Venue"), self.venue)
        form.addRow(self.tr("Quorum rule"), self.quorum)
        form.addRow(self.has_opens, self.opens)
        form.addRow(self.has_closes, self.closes)
        form.addRow("", self.wrong_desk)
        form.addRow("", self.track_leave)
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin, 1)
        pin_row.addWidget(self.clear_pin)
        form.addRow(self.tr("Organizer PIN"), pin_row)
        form.addRow("", self.pin_state)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        # A form stretched over a wide screen is hard to read: keep it to one column.
        column = QWidget()
        column.setMaximumWidth(900)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(form)
        inner.addLayout(buttons)
        inner.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.addWidget(column)
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        """Show the settings as stored."""
        m: MeetingRecord = self.service.meeting()
        self.title.setText(m.title)
        self.date.setDate(QDate.fromString(m.date, "yyyy-MM-dd"))
        self.venue.setText(m.venue)
        self.quorum.setCurrentIndex(max(0, self.quorum.findData(m.quorum_rule)))
        self.has_opens.setChecked(bool(m.opens_at))
        self.opens.setEnabled(bool(m.opens_at))
        self.opens.setDateTime(_qdatetime(m.opens_at or f"{m.date}T08:00:00"))
        self.has_closes.setChecked(bool(m.closes_at))
        self.closes.setEnabled(bool(m.closes_at))
        self.closes.setDateTime(_qdatetime(m.closes_at or f"{m.date}T09:30:00"))
        self.wrong_desk.setChecked(m.wrong_desk_admits)
        self.track_leave.setChecked(m.track_leave)
        self.pin.clear()
        self.clear_pin.setChecked(False)
        if not m.pin_hash:
            self.pin_state.setText(self.tr("No PIN is set."))
        elif pin_hash_is_weak(m.pin_hash):
            self.pin_state.setText(self.tr("A PIN is set, stored the older, weaker way: "
                                           "type it again and save."))
        else:
            self.pin_state.setText(self.tr("A PIN is set."))
        self.message.clear()

    def wanted(self) -> dict[str, object]:
        """The settings that differ from the stored ones."""
        m = self.service.meeting()
        new: dict[str, object] = {
            "title": self.title.text().strip(),
            "date": self.date.date().toString("yyyy-MM-dd"),
            "venue": self.venue.text().strip(),
            "quorum_rule": self.quorum.currentData(),
            "opens_at": _iso(self.opens.dateTime()) if self.has_opens.isChecked() else None,
            "closes_at": _iso(self.closes.dateTime()) if self.has_closes.isChecked() else None,
            "wrong_desk_admits": self.wrong_desk.isChecked(),
            "track_leave": self.track_leave.isChecked(),
        }
        diff = {k: v for k, v in new.items() if getattr(m, k) != v}
        if self.clear_pin.isChecked():
            diff["pin"] = ""
        elif self.pin.text():
            diff["pin"] = self.pin.text()
        return diff

    def save(self) -> bool:
        """Write what changed; True when saved."""
        diff = self.wanted()
        if self.has_opens.isChecked() and self.has_closes.isChecked() \
                and self.opens.dateTime() >= self.closes.dateTime():
            self._say(self.tr("Sign-in must open before it closes."), ok=False)
            return False
        if not diff:
            self._say(self.tr("Nothing to save."), ok=True)
            return True
        try:
            changes = self.service.update_settings(**diff)
        except SettingError as exc:
            self._say(domain_text(exc), ok=False)
            return False
        self.watcher.apply(changes)
        self.load()
        self._say(self.tr("Settings saved."), ok=True)
        self.saved.emit()
        return True

    def _say(self, text: str, *, ok: bool) -> None:
        self.message.setStyleSheet(f"color: {QUORUM_MET if ok else QUORUM_NOT_MET};")
        self.message.setText(text)
