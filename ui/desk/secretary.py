"""The branch secretary's side of the desk: live figures, who is missing, undo, early leave.

* Who is at the desk (签到员): a name typed once, remembered for this meeting
  file and desk, recorded on every event from the next one on.
* Figures for this desk's branches (expected, present, remaining, turnout),
  live from the meeting watcher.
* Who has not arrived yet, per branch; phone numbers only when the secretary
  presses "Show phone numbers" (they go back to hidden on their own).
* The desk's last check-ins; undoing one asks for a reason in a small inline
  field (never a dialog, so the scanner keeps working meanwhile).
* Early-leave mode, when the meeting tracks leaves: the next scans record a
  departure instead of an arrival.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from data.records import BranchRecord, MemberRecord
from kiosk.desk import RecentRow
from kiosk.model import EventKind, Method, mask_phone
from kiosk.turnout import Counts, Figures
from kiosk.validate import MAX_OPERATOR
from ui.desk.texts import clock
from ui.style import AMBER, ERROR, NOTE_BACK, ON_AMBER, ui_font

EVENT_ROLE = Qt.ItemDataRole.UserRole
PHONES_SHOWN_MS = 60_000  # phone numbers hide again after a minute


class UndoBar(QFrame):
    """Inline: why undo this check-in? Reason buttons, a field, confirm or cancel."""

    confirmed = Signal(str, str)  # event id, reason
    notThisPerson = Signal(str)   # event id: undo it as 不是本人 (the fixed reason)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.event_id = ""
        self.what = QLabel(self)
        self.what.setWordWrap(True)
        self.reason = QLineEdit(self)  # free text may be Chinese: the input method stays on
        self.reason.setObjectName("undoReason")
        self.quick: list[QPushButton] = []
        quick_row = QHBoxLayout()
        for _ in range(2):
            b = QPushButton(self)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, btn=b: self.reason.setText(btn.text()))
            self.quick.append(b)
            quick_row.addWidget(b)
        # The member walked on before the secretary saw the face was not theirs:
        # one click undoes it with the fixed reason, as F8 does on the panel.
        self.not_this_person = QPushButton(self)
        self.not_this_person.setObjectName("undoNotThisPerson")
        self.not_this_person.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.not_this_person.clicked.connect(lambda: self.notThisPerson.emit(self.event_id))
        quick_row.addWidget(self.not_this_person)
        self.ok = QPushButton(self)
        self.ok.setObjectName("undoConfirm")
        self.cancel = QPushButton(self)
        self.ok.clicked.connect(self._confirm)
        self.reason.returnPressed.connect(self._confirm)
        self.cancel.clicked.connect(self.close_bar)
        self.error = QLabel(self)
        self.error.setStyleSheet(f"color: {ERROR};")
        self.error.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.ok)
        buttons.addWidget(self.cancel)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addWidget(self.what)
        lay.addLayout(quick_row)
        lay.addWidget(self.reason)
        lay.addWidget(self.error)
        lay.addLayout(buttons)
        self.setStyleSheet(f"QFrame#undoBar {{ background: {NOTE_BACK}; border: 2px solid {AMBER}; border-radius: 8px; }}")
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.quick[0].setText(self.tr("Wrong person"))
        self.quick[1].setText(self.tr("Scanned by mistake"))
        self.not_this_person.setText(self.tr("Not this person (card used by someone else)"))
        self.reason.setPlaceholderText(self.tr("Reason for undoing (required)"))
        self.ok.setText(self.tr("Undo check-in"))
        self.cancel.setText(self.tr("Keep it"))

    def ask(self, event_id: str, what: str) -> None:
        """Open the bar for one event."""
        self.event_id = event_id
        self.what.setText(self.tr("Undo: {what}?").format(what=what))
        self.reason.clear()
        self.error.clear()
        self.show()
        self.reason.setFocus()

    def _confirm(self) -> None:
        reason = self.reason.text().strip()
        if not reason:
            self.error.setText(self.tr("Please give a reason."))
            return
        self.confirmed.emit(self.event_id, reason)

    def fail(self, message: str) -> None:
        """Show why the undo was refused; the bar stays open."""
        self.error.setText(message)

    def close_bar(self) -> None:
        """Hide without undoing."""
        self.hide()
        self.event_id = ""
        self.cancelled.emit()


class SecretaryPanel(QWidget):
    """Figures, the not-yet-arrived list, recent check-ins with undo, and leave mode."""

    undoRequested = Signal(str, str)   # event id, reason
    notThisPerson = Signal(str)        # event id to undo as 不是本人
    certificateRequested = Signal(str)  # event id of the arrival to certify
    leaveModeChanged = Signal(bool)
    done = Signal()                    # the secretary finished with a control: focus back to scanning
    operatorChanged = Signal(str)      # the name typed in the operator field (not yet cleaned)

    def __init__(
        self,
        absent_of: Callable[[int], list[MemberRecord]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._absent_of = absent_of
        self._branches: list[BranchRecord] = []
        # Who is signing members in: reached with Alt+O (the label's mnemonic);
        # Enter or leaving the field applies it, and the scan flow never waits on it.
        self.operator_label = QLabel(self)
        self.operator = QLineEdit(self)  # a Chinese name: the input method stays on
        self.operator.setObjectName("operatorName")
        self.operator.setMaxLength(MAX_OPERATOR)
        self.operator_label.setBuddy(self.operator)
        self.operator.editingFinished.connect(lambda: self.operatorChanged.emit(self.operator.text()))
        self.operator.returnPressed.connect(self.done)
        self.figures_title = QLabel(self)
        self.figures_title.setObjectName("figuresTitle")
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("figures")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self.tabs = QTabWidget(self)
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Recent check-ins at this desk.
        recent_page = QWidget()
        self.recent = QListWidget(recent_page)
        self.recent.setObjectName("recent")
        self.recent.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.recent.currentRowChanged.connect(self._recent_row)
        self.undo_button = QPushButton(recent_page)
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setEnabled(False)
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.undo_button.clicked.connect(self._ask_undo)
        self.certificate_button = QPushButton(recent_page)
        self.certificate_button.setObjectName("certificateButton")
        self.certificate_button.setEnabled(False)
        self.certificate_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.certificate_button.clicked.connect(self._ask_certificate)
        self.certificate_note = QLabel(recent_page)
        self.certificate_note.setObjectName("certificateNote")
        self.certificate_note.setWordWrap(True)
        # Stops waiting for a printer that does not answer (the desk keeps scanning meanwhile).
        self.certificate_cancel = QPushButton(recent_page)
        self.certificate_cancel.setObjectName("certificateCancel")
        self.certificate_cancel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.certificate_cancel.hide()
        self.undo_bar = UndoBar(recent_page)
        self.undo_bar.confirmed.connect(self.undoRequested)
        self.undo_bar.notThisPerson.connect(self.notThisPerson)
        self.undo_bar.cancelled.connect(self.done)
        rl = QVBoxLayout(recent_page)
        rl.setContentsMargins(4, 4, 4, 4)
        rl.addWidget(self.recent, 1)
        rl.addWidget(self.undo_bar)
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button, 1)
        buttons.addWidget(self.certificate_button, 1)
        rl.addLayout(buttons)
        note = QHBoxLayout()
        note.addWidget(self.certificate_note, 1)
        note.addWidget(self.certificate_cancel)
        rl.addLayout(note)
        # Not yet arrived, per branch.
        absent_page = QWidget()
        self.branch = QComboBox(absent_page)
        self.branch.setObjectName("absentBranch")
        self.branch.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.branch.currentIndexChanged.connect(lambda _i: self.refresh_absent())
        self.phones = QPushButton(absent_page)
        self.phones.setObjectName("showPhones")
        self.phones.setCheckable(True)
        self.phones.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.phones.toggled.connect(self._phones_toggled)
        self._phones_timer = QTimer(self)
        self._phones_timer.setSingleShot(True)
        self._phones_timer.timeout.connect(lambda: self.phones.setChecked(False))
        self.absent = QListWidget(absent_page)
        self.absent.setObjectName("absent")
        self.absent.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.absent_count = QLabel(absent_page)
        top = QHBoxLayout()
        top.addWidget(self.branch, 1)
        top.addWidget(self.phones)
        al = QVBoxLayout(absent_page)
        al.setContentsMargins(4, 4, 4, 4)
        al.addLayout(top)
        al.addWidget(self.absent_count)
        al.addWidget(self.absent, 1)
        self.tabs.addTab(recent_page, "")
        self.tabs.addTab(absent_page, "")
        self.tabs.currentChanged.connect(lambda _i: self.refresh_absent())

        self.leave_mode = QPushButton(self)
        self.leave_mode.setObjectName("leaveMode")
        self.leave_mode.setCheckable(True)
        self.leave_mode.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.leave_mode.toggled.connect(self._leave_toggled)
        self.leave_mode.hide()

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        who = QHBoxLayout()
        who.addWidget(self.operator_label)
        who.addWidget(self.operator, 1)
        lay.addLayout(who)
        lay.addWidget(self.figures_title)
        lay.addWidget(self.table)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.leave_mode)
        self._absent_dirty = True
        # The secretary's own controls in a size read at arm's length (the desk's
        # default type is sized for the result panel, not for these buttons).
        for b in (self.undo_button, self.certificate_button, self.certificate_cancel,
                  self.phones, self.leave_mode):
            b.setFont(ui_font(14))
            b.setMinimumHeight(40)
        self.retranslate()

    # ---- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.operator_label.setText(self.tr("&Operator"))
        self.operator.setPlaceholderText(self.tr("Your name (recorded with each check-in)"))
        self.figures_title.setText(self.tr("This desk's branches"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Branch"), self.tr("Expected"), self.tr("Present"), self.tr("Remaining"),
            self.tr("Turnout"),
        ])
        self.tabs.setTabText(0, self.tr("Last check-ins"))
        self.tabs.setTabText(1, self.tr("Not yet arrived"))
        self.undo_button.setText(self.tr("Undo selected check-in…"))
        self.certificate_button.setText(self.tr("Print certificate"))
        self.certificate_cancel.setText(self.tr("Cancel printing"))
        self._phones_text()
        self._leave_text()
        self.undo_bar.retranslate()

    def _phones_text(self) -> None:
        self.phones.setText(self.tr("Hide phone numbers") if self.phones.isChecked()
                            else self.tr("Show phone numbers"))

    def _leave_text(self) -> None:
        self.leave_mode.setText(self.tr("Early leave mode ON: scans record departures (press to end)")
                                if self.leave_mode.isChecked()
                                else self.tr("Record early leaves…"))
        self.leave_mode.setStyleSheet(
            f"QPushButton {{ background: {AMBER}; color: {ON_AMBER}; font-weight: bold; }}"
            if self.leave_mode.isChecked() else "")

    def show_operator(self, name: str) -> None:
        """Show the name recorded at this desk ('' shows the placeholder: the desk's name is used)."""
        self.operator.setText(name)

    # ---- figures ------------------------------------------------------------------------------

    def set_branches(self, branches: list[BranchRecord]) -> None:
        """The branches this desk serves (rows of the table, choices of the absent list)."""
        self._branches = list(branches)
        current = self.branch.currentData()
        self.branch.blockSignals(True)
        self.branch.clear()
        for b in self._branches:
            self.branch.addItem(b.name, b.id)
        idx = self.branch.findData(current)
        self.branch.setCurrentIndex(max(0, idx))
        self.branch.blockSignals(False)
        self._absent_dirty = True
        self.refresh_absent()

    def set_figures(self, figures: Figures) -> None:
        """Show the live figures of this desk's branches (plus their total)."""
        mine = {b.id for b in self._branches}
        rows = [(bf.name, bf.counts) for bf in figures.branches if bf.id in mine]
        if len(rows) > 1:
            total = Counts()
            for _, c in rows:
                total.add(c)
            rows.append((self.tr("Total"), total))
        self.table.setRowCount(len(rows))
        for r, (name, c) in enumerate(rows):
            values = [name, str(c.expected), str(c.present), str(c.absent), f"{c.turnout}%"]
            for col, v in enumerate(values):
                item = self.table.item(r, col)
                if item is None:
                    item = QTableWidgetItem()
                    if col:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.table.setItem(r, col, item)
                item.setText(v)
        rows_h = sum(self.table.rowHeight(r) for r in range(len(rows)))
        self.table.setFixedHeight(self.table.horizontalHeader().height() + rows_h + 4)
        self._absent_dirty = True
        if self.tabs.currentIndex() == 1:
            self.refresh_absent()

    # ---- not yet arrived ---------------------------------------------------------------------

    def _phones_toggled(self, on: bool) -> None:
        self._phones_text()
        if on:
            self._phones_timer.start(PHONES_SHOWN_MS)
        else:
            self._phones_timer.stop()
        self._absent_dirty = True
        self.refresh_absent()
        self.done.emit()

    def refresh_absent(self) -> None:
        """Re-list who has not arrived in the chosen branch (only when it is visible)."""
        if self.tabs.currentIndex() != 1 or not self._absent_dirty:
            return
        self._absent_dirty = False
        bid = self.branch.currentData()
        self.absent.clear()
        if bid is None:
            self.absent_count.setText("")
            return
        members = self._absent_of(int(bid))
        show = self.phones.isChecked()
        for m in members:
            phone = (m.phone if show else mask_phone(m.phone)) if m.phone else ""
            extra = self.tr("on leave") if m.status == "leave" else ""
            parts = [m.name, m.gender, phone, extra]
            self.absent.addItem(QListWidgetItem("   ".join(p for p in parts if p)))
        self.absent_count.setText(self.tr("{n} not yet arrived").format(n=len(members)))

    # ---- recent check-ins and undo ---------------------------------------------------------

    def set_recent(self, rows: list[RecentRow]) -> None:
        """Show the desk's latest check-ins, newest first."""
        keep = self.selected_event()
        self.recent.blockSignals(True)
        self.recent.clear()
        for row in rows:
            e = row.event
            name = row.member.name if row.member else "?"
            what = self.tr("left") if e.kind == EventKind.LEAVE else self.tr("in")
            how = {Method.SEARCH: self.tr("search"), Method.CAMERA: self.tr("camera"),
                   Method.IDCARD: self.tr("ID card")}.get(Method(e.method)
                                                          if e.method in tuple(Method) else None, "")
            text = f"{clock(e.at)}  {name}  · {what}" + (f" · {how}" if how else "")
            if row.voided:
                text += "  " + self.tr("(undone)")
            item = QListWidgetItem(text)
            item.setData(EVENT_ROLE, e.id)
            if row.voided:
                f = item.font()
                f.setStrikeOut(True)
                item.setFont(f)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            item.setData(Qt.ItemDataRole.UserRole + 1, text)
            self.recent.addItem(item)
            if e.id == keep and not row.voided:
                self.recent.setCurrentItem(item)
        self.recent.blockSignals(False)
        self._recent_row(self.recent.currentRow())

    def selected_event(self) -> str | None:
        """The event id of the selected recent check-in."""
        item = self.recent.currentItem()
        return None if item is None or self.recent.currentRow() < 0 else item.data(EVENT_ROLE)

    def _recent_row(self, row: int) -> None:
        item = self.recent.item(row) if row >= 0 else None
        live = item is not None and bool(item.flags() & Qt.ItemFlag.ItemIsSelectable)
        self.undo_button.setEnabled(live)
        self.certificate_button.setEnabled(live and self.certificate_cancel.isHidden())

    def _ask_undo(self) -> None:
        item = self.recent.currentItem()
        if item is None:
            return
        self.undo_bar.ask(item.data(EVENT_ROLE), item.data(Qt.ItemDataRole.UserRole + 1))

    def certificate_busy(self, busy: bool) -> None:
        """While a certificate is written and printed: Print off, Cancel shown."""
        self.certificate_cancel.setVisible(busy)
        self.certificate_button.setEnabled(not busy and self.selected_event() is not None)

    def _ask_certificate(self) -> None:
        event_id = self.selected_event()
        if event_id:
            self.certificateRequested.emit(event_id)
        self.done.emit()

    def undo_done(self) -> None:
        """The undo went through: close the bar and give focus back."""
        self.undo_bar.hide()
        self.done.emit()

    # ---- leave mode ----------------------------------------------------------------------------

    def set_track_leave(self, on: bool) -> None:
        """Show the leave button only when the meeting counts early leaves."""
        self.leave_mode.setVisible(on)
        if not on and self.leave_mode.isChecked():
            self.leave_mode.setChecked(False)

    def _leave_toggled(self, on: bool) -> None:
        self._leave_text()
        self.leaveModeChanged.emit(on)
        self.done.emit()
