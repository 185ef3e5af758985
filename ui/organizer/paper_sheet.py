"""Entering a paper sign-in sheet: pick the branch, tick who signed, set the time.

When the machines failed (or a branch signed on paper anyway) the organizer
types the sheet in here. Each ticked member is counted as a paper check-in at
the time written on the sheet; one already signed in is not counted twice and
is named in the result, which stays in the dialog until it is closed.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.model import birth_year, is_expected, mask_phone
from kiosk.organizer import OrganizerService
from kiosk.organizer_tasks import PaperEntry
from ui.live import MeetingWatcher
from ui.style import ERROR, GOOD_TEXT, MUTED


class PaperSheetDialog(QDialog):
    """One branch's paper sheet at a time; the list shows who has not signed in yet."""

    def __init__(self, service: OrganizerService, watcher: MeetingWatcher,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.watcher = service, watcher
        actor = service.actor
        self.setWindowTitle(self.tr("Enter a paper sign-in sheet"))
        self.branch = QComboBox()
        for b in watcher.tally.branches:
            self.branch.addItem(b.name, b.id)
        self.branch.currentIndexChanged.connect(self.fill)
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        opens = watcher.meeting.opens_at
        self.time.setTime(QTime.fromString(opens[11:16], "HH:mm") if opens
                          else QDateTime.currentDateTime().time())
        self.operator = QLineEdit(actor)
        self.members = QListWidget()
        self.members.setMinimumHeight(260)
        hint = QLabel(self.tr("Tick the members who signed the sheet. Members already signed in "
                              "are not listed; they are counted once."))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED};")
        self.all_button = QPushButton(self.tr("Tick all"))
        self.all_button.clicked.connect(lambda: self._tick_all(True))
        self.none_button = QPushButton(self.tr("Tick none"))
        self.none_button.clicked.connect(lambda: self._tick_all(False))
        self.record_button = QPushButton(self.tr("Count the ticked members"))
        self.record_button.setDefault(True)
        self.record_button.clicked.connect(self.record)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        form = QFormLayout()
        form.addRow(self.tr("Branch"), self.branch)
        form.addRow(self.tr("Time on the sheet"), self.time)
        form.addRow(self.tr("Entered by"), self.operator)
        ticks = QHBoxLayout()
        ticks.addWidget(self.all_button)
        ticks.addWidget(self.none_button)
        ticks.addStretch(1)
        ticks.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.members, 1)
        layout.addLayout(ticks)
        layout.addWidget(self.result)
        layout.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)
        self.entry: PaperEntry | None = None
        self.fill()
        self.resize(560, 640)

    def fill(self) -> None:
        """List the branch's expected members who have not signed in, unticked."""
        self.members.clear()
        bid = self.branch.currentData()
        presence = self.watcher.tally.presence
        for m in self.watcher.members.values():
            if m.branch_id != bid or not is_expected(m.category, m.status):
                continue
            if presence(m.id).attended:
                continue
            # Namesakes are told apart as at the desk: number, birth year, phone's last four.
            item = QListWidgetItem(f"{m.name}　{m.number or ''} · {birth_year(m.birth_date)} · "
                                   f"{mask_phone(m.phone)}")
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.members.addItem(item)

    def _tick_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for i in range(self.members.count()):
            self.members.item(i).setCheckState(state)

    def ticked(self) -> list[int]:
        """The ids of the ticked members."""
        return [self.members.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.members.count())
                if self.members.item(i).checkState() == Qt.CheckState.Checked]

    def tick(self, member_id: int) -> bool:
        """Tick one member (for keyboard users and tests); False if not listed."""
        for i in range(self.members.count()):
            if self.members.item(i).data(Qt.ItemDataRole.UserRole) == member_id:
                self.members.item(i).setCheckState(Qt.CheckState.Checked)
                return True
        return False

    def at(self) -> str:
        """The sheet's time on the meeting day, ISO 8601 with the local offset."""
        day = datetime.fromisoformat(self.watcher.meeting.date).date()
        t = self.time.time()
        return datetime(day.year, day.month, day.day, t.hour(), t.minute()).astimezone() \
            .isoformat(timespec="seconds")

    def record(self) -> PaperEntry | None:
        """Count the ticked members as paper check-ins; the result stays shown."""
        ids = self.ticked()
        if not ids:
            self.result.setStyleSheet(f"color: {ERROR};")
            self.result.setText(self.tr("Tick at least one member."))
            return None
        operator = self.operator.text().strip() or self.tr("organizer")
        branch = next((b for b in self.service.branches() if b.id == self.branch.currentData()), None)
        desk = (branch.desk_name if branch and branch.desk_name else self.tr("Paper sheet"))
        self.entry = self.service.enter_paper_sheet(ids, self.at(), desk=desk, operator=operator)
        self.watcher.poll()
        text = self.tr("%1 members of %2 counted as paper check-ins at %3.") \
            .replace("%1", str(len(self.entry.recorded))).replace("%2", self.branch.currentText()) \
            .replace("%3", self.time.time().toString("HH:mm"))
        if self.entry.refused:
            names = "、".join(r.member.name for r in self.entry.refused if r.member)
            text += " " + self.tr("Not counted (already signed in or excused): %1.").replace("%1", names)
        self.result.setStyleSheet(f"color: {GOOD_TEXT};")
        self.result.setText(text)
        self.fill()
        return self.entry
