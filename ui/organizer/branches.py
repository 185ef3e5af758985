"""Branches and which desk serves each: one row per branch, a desk name to pick or type.

Assignments go through ``kiosk.meeting.assign_desk`` (audited); a new desk
name creates the desk. "Any desk" lets every desk sign in that branch.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.meeting import SettingError
from kiosk.organizer import OrganizerService
from ui.live import MeetingWatcher
from ui.messages import domain_text
from ui.style import ERROR


class BranchesPanel(QWidget):
    """The branches in meeting order with their members and serving desk."""

    def __init__(self, service: OrganizerService, watcher: MeetingWatcher,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.watcher = service, watcher
        # Set by the window on a file that can only be read: the desk choosers say so, disabled.
        self.read_only_text = ""
        self.help = QLabel(self.tr("Each branch signs in at its own desk. Type a new desk name "
                                   "to create a desk; \"Any desk\" lets every desk sign in "
                                   "that branch."))
        self.help.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Branch"), self.tr("Members"), self.tr("Expected"), self.tr("Desk")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {ERROR};")
        layout = QVBoxLayout(self)
        layout.addWidget(self.help)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        watcher.rosterChanged.connect(self.load)
        self.load()

    def load(self) -> None:
        """Fill the table from the file."""
        desks = self.service.desk_names()
        figures = self.watcher.figures()
        members: dict[int, int] = {}
        for m in self.watcher.members.values():
            members[m.branch_id] = members.get(m.branch_id, 0) + 1
        self.table.setRowCount(len(figures.branches))
        for row, b in enumerate(figures.branches):
            self.table.setItem(row, 0, QTableWidgetItem(b.name))
            self.table.setItem(row, 1, QTableWidgetItem(str(members.get(b.id, 0))))
            self.table.setItem(row, 2, QTableWidgetItem(str(b.counts.expected)))
            combo = QComboBox()
            combo.setEditable(True)
            combo.addItem(self.tr("Any desk"), None)
            for d in desks:
                combo.addItem(d, d)
            idx = combo.findData(b.desk) if b.desk else 0
            combo.setCurrentIndex(max(0, idx))
            combo.setProperty("branch", b.name)
            combo.activated.connect(lambda _i, c=combo: self._assign(c))
            combo.lineEdit().editingFinished.connect(lambda c=combo: self._assign(c))
            if self.read_only_text:
                combo.setEnabled(False)
                combo.setToolTip(self.read_only_text)
            self.table.setCellWidget(row, 3, combo)
        self.table.setColumnWidth(3, max(240, self.fontMetrics().horizontalAdvance("第十一支部备用台") + 60))

    def desk_combo(self, branch: str) -> QComboBox | None:
        """The desk chooser of a branch (for tests and keyboard users)."""
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == branch:
                return self.table.cellWidget(row, 3)  # type: ignore[return-value]
        return None

    def _assign(self, combo: QComboBox) -> None:
        text = combo.currentText().strip()
        desk = None if not text or text == self.tr("Any desk") else text
        self.assign(str(combo.property("branch")), desk)

    def assign(self, branch: str, desk: str | None) -> bool:
        """Let a desk (None: any desk) serve a branch; True when it changed."""
        current = next((b.desk_name for b in self.service.branches() if b.name == branch), None)
        if current == desk:
            return False
        try:
            changes = self.service.assign_desk(branch, desk)
        except SettingError as exc:
            self.error.setText(domain_text(exc))
            return False
        self.error.clear()
        self.watcher.apply(changes)
        return True
