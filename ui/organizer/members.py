"""The members table: a Qt model over the roster, filters, and the edits an organizer makes.

The model keeps the roster as a Python list and an index of the rows shown, so
filtering and sorting 100,000 members are one list comprehension and one sort,
and a check-in repaints only the rows of the members it touched. Every edit goes
through ``kiosk.members`` (checked and audited); the table refreshes from the
watcher's ``rosterChanged`` like any other screen would.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from data.records import MemberRecord
from kiosk.changes import Changes
from kiosk.checkin import VoidError
from kiosk.members import MemberError
from kiosk.model import (
    Category,
    ExclusionCase,
    Status,
    birth_year,
    is_expected,
    mask_phone,
)
from kiosk.organizer import OrganizerService
from kiosk.presence import MemberPresence
from ui.live import MeetingWatcher
from ui.messages import domain_text
from ui.organizer.labels import category_label, exclusion_case_label, status_label
from ui.organizer.photos import PhotoBox, PhotoImport
from ui.style import ERROR, GOOD_TEXT, MUTED, QUORUM_MET, QUORUM_NOT_MET

Index = QModelIndex | QPersistentModelIndex

# Status filter choices: code -> predicate on (member, attended).
FILTERS: dict[str, Callable[[MemberRecord, bool], bool]] = {
    "all": lambda m, here: True,
    "expected": lambda m, here: is_expected(m.category, m.status),
    "present": lambda m, here: here,
    "absent": lambda m, here: is_expected(m.category, m.status) and not here,
    "leave": lambda m, here: m.status == Status.LEAVE,
    "excluded": lambda m, here: m.status == Status.EXCLUDED,
    "observer": lambda m, here: m.category == Category.OBSERVER,
    "probationary": lambda m, here: m.category in (Category.PROBATIONARY, Category.SUSPENDED),
    "nophoto": lambda m, here: True,  # 缺照片: the model asks the file who has a photo
}


class MembersModel(QAbstractTableModel):
    """The roster as a sortable, filterable table; presence comes from the watcher's tally."""

    # Who, whether here, and why not first: at 1280 wide the presence and the
    # reason must be visible without scrolling; the contact details come after.
    COLUMNS = ("name", "branch", "arrived", "status", "reason", "category", "number", "gender",
               "birth", "phone")

    def __init__(self, watcher: MeetingWatcher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watcher = watcher
        self._members: list[MemberRecord] = []
        self._shown: list[int] = []          # indices into _members, in display order
        self._row_of: dict[int, int] = {}    # member id -> display row
        self._branch_id: int | None = None
        self._status = "all"
        self._text = ""
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        # Who has a photo (ids only, read from the file when the 缺照片 filter is on).
        self.photo_ids: Callable[[], set[int]] = set
        titles = {"number": self.tr("Number"), "name": self.tr("Name"),
                  "branch": self.tr("Branch"), "gender": self.tr("Gender"),
                  "born": self.tr("Born"), "phone": self.tr("Phone"),
                  "category": self.tr("Category"), "status": self.tr("Status"),
                  "reason": self.tr("Reason"), "arrived": self.tr("Arrived")}
        titles["birth"] = titles.pop("born")
        self._headers = [titles[c] for c in self.COLUMNS]
        self._refilter = QTimer(self)
        self._refilter.setSingleShot(True)
        self._refilter.setInterval(1000)
        self._refilter.timeout.connect(self._refilter_now)
        watcher.rosterReloaded.connect(self.reload)
        watcher.membersChanged.connect(self.members_changed)
        watcher.presenceChanged.connect(self.presence_changed)
        self.reload()

    # ---- data ----------------------------------------------------------------------

    def reload(self) -> None:
        """Take the roster afresh from the watcher (after any roster change)."""
        self.beginResetModel()
        self._members = list(self.watcher.members.values())
        self._rebuild()
        self.endResetModel()

    def members_changed(self, ids: set[int]) -> None:
        """A few members were edited, added or removed: take them in without a reload."""
        index = {m.id: i for i, m in enumerate(self._members)}
        removed, added = set(), False
        for mid in ids:
            rec, at = self.watcher.members.get(mid), index.get(mid)
            if rec is None:
                removed.add(mid)
            elif at is None:
                self._members.append(rec)
                added = True
            else:
                self._members[at] = rec
        if removed:
            self._members = [m for m in self._members if m.id not in removed]
        unfiltered = (self._status == "all" and self._branch_id is None and not self._text
                      and self._sort[0] < 0)
        if unfiltered and not removed and not added:
            # Edits in place: the rows stay where they are, only their cells change.
            for mid in ids:
                row = self._row_of.get(mid)
                if row is not None:
                    self.dataChanged.emit(self.index(row, 0),
                                          self.index(row, len(self.COLUMNS) - 1))
            return
        self.layoutAboutToBeChanged.emit()
        self._rebuild()  # the edit may move the member in or out of the filter
        self.layoutChanged.emit()

    def _refilter_now(self) -> None:
        self.layoutAboutToBeChanged.emit()
        self._rebuild()
        self.layoutChanged.emit()

    def _presence(self, mid: int) -> MemberPresence:
        return self.watcher.tally.presence(mid)

    def _rebuild(self) -> None:
        keep = FILTERS.get(self._status, FILTERS["all"])
        if self._status == "nophoto":
            have = self.photo_ids()

            def keep(m: MemberRecord, here: bool) -> bool:
                return m.id not in have
        bid, text = self._branch_id, self._text.lower()
        presence = self.watcher.tally.presence
        shown = [
            i for i, m in enumerate(self._members)
            if (bid is None or m.branch_id == bid)
            and keep(m, presence(m.id).attended)
            and (not text or text in m.name.lower() or text in (m.number or "")
                 or text in m.pinyin or text.replace(" ", "") in m.initials)
        ]
        col, order = self._sort
        if col >= 0:
            key = self._sort_key(col)
            shown.sort(key=lambda i: key(self._members[i]),
                       reverse=order == Qt.SortOrder.DescendingOrder)
        self._shown = shown
        self._row_of = {self._members[i].id: row for row, i in enumerate(shown)}

    def _sort_key(self, col: int) -> Callable[[MemberRecord], object]:
        name = self.COLUMNS[col]
        if name == "arrived":
            def arrived(m: MemberRecord) -> str:
                p = self._presence(m.id)
                return p.arrival.at if p.arrival else "~"
            return arrived
        if name == "number":
            return lambda m: (m.number or "")
        if name == "name":
            return lambda m: m.pinyin or m.name
        if name == "branch":
            order = {b.id: b.position for b in self.watcher.tally.branches}
            return lambda m: (order.get(m.branch_id, 0), m.branch_id)
        if name == "birth":
            return lambda m: m.birth_date
        if name == "reason":
            return lambda m: m.status_reason
        return lambda m: getattr(m, name)

    def presence_changed(self, ids: set[int]) -> None:
        """Repaint the rows of members whose presence changed (and refilter if it matters)."""
        if self._status in ("present", "absent"):
            # Who is shown depends on presence: refilter, but at most once a
            # second (on 100,000 members a refilter is tens of milliseconds).
            if not self._refilter.isActive():
                self._refilter.start()
            return
        col = self.COLUMNS.index("arrived")
        for mid in ids:
            row = self._row_of.get(mid)
            if row is not None:
                idx = self.index(row, col)
                self.dataChanged.emit(idx, idx)

    # ---- filters and sorting --------------------------------------------------------

    def set_filter(self, *, branch_id: int | None = ..., status: str | None = None,  # type: ignore[assignment]
                   text: str | None = None) -> None:
        """Show only one branch (None: all), one status group, or names matching a text."""
        if branch_id is not ...:
            self._branch_id = branch_id
        if status is not None:
            self._status = status
        if text is not None:
            self._text = text.strip()
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the shown rows by a column (the view calls this on a header click)."""
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._rebuild()
        self.layoutChanged.emit()

    # ---- Qt model interface ----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Rows shown."""
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Columns."""
        return 0 if parent.isValid() else len(self.COLUMNS)

    def member_at(self, row: int) -> MemberRecord:
        """The member shown in a row."""
        return self._members[self._shown[row]]

    def row_of(self, member_id: int) -> int | None:
        """The row a member is shown in, if shown."""
        return self._row_of.get(member_id)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Cell text and colours."""
        if not index.isValid():
            return None
        m = self._members[self._shown[index.row()]]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "number":
                return m.number or ""
            if col == "birth":
                return birth_year(m.birth_date)
            if col == "phone":
                return m.phone
            if col == "category":
                return category_label(m.category)
            if col == "status":
                return status_label(m.status)
            if col == "reason":
                return m.status_reason
            if col == "arrived":
                p = self._presence(m.id)
                if p.arrival:
                    return p.arrival.at[11:16]
                return self.tr("not arrived") if is_expected(m.category, m.status) else ""
            return getattr(m, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == "arrived":
                return QColor(QUORUM_MET if self._presence(m.id).arrival else QUORUM_NOT_MET)
            if m.status == Status.EXCLUDED or m.category == Category.OBSERVER:
                return QColor(MUTED)
        if role == Qt.ItemDataRole.ToolTipRole and col == "phone":
            return mask_phone(m.phone)
        return None


class AddMemberDialog(QDialog):
    """The fields needed to add one member by hand."""

    def __init__(self, branches: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a member"))
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.branch = QComboBox()
        self.branch.setEditable(True)
        self.branch.addItems(branches)
        self.number = QLineEdit()
        self.gender = QComboBox()
        self.gender.addItems(["", "男", "女"])
        self.birth = QLineEdit()
        self.birth.setPlaceholderText("1965-03")
        self.phone = QLineEdit()
        self.category = QComboBox()
        for c in Category:
            self.category.addItem(category_label(c), str(c))
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Branch"), self.branch)
        form.addRow(self.tr("Member number"), self.number)
        form.addRow(self.tr("Gender"), self.gender)
        form.addRow(self.tr("Birth date"), self.birth)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Category"), self.category)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, str]:
        """What was entered, as add_member's keyword arguments."""
        return {"name": self.name.text(), "branch": self.branch.currentText(),
                "number": self.number.text(), "gender": self.gender.currentText(),
                "birth_date": self.birth.text(), "phone": self.phone.text(),
                "category": self.category.currentData()}


class MembersPanel(QWidget):
    """Filters, the table, and an editor for the selected member."""

    changed = Signal()  # after any successful edit

    def __init__(self, service: OrganizerService, watcher: MeetingWatcher,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.watcher = service, watcher
        self.model = MembersModel(watcher, self)
        self.model.photo_ids = service.photo_member_ids
        self._selected: int | None = None
        self.photo_import: PhotoImport | None = None  # the import under way, for tests

        self.branch_filter = QComboBox()
        self.status_filter = QComboBox()
        for code, label in (("all", self.tr("All members")), ("expected", self.tr("Expected")),
                            ("present", self.tr("Present")), ("absent", self.tr("Absent")),
                            ("leave", self.tr("On leave")), ("excluded", self.tr("Excluded")),
                            ("observer", self.tr("Observers")),
                            ("probationary", self.tr("Non-voting (probationary, suspended)")),
                            ("nophoto", self.tr("Missing photo"))):
            self.status_filter.addItem(label, code)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Name, pinyin or number"))
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.branch_filter.currentIndexChanged.connect(self._filter)
        self.status_filter.currentIndexChanged.connect(self._filter)
        self.search.textChanged.connect(self._filter)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Branch")))
        top.addWidget(self.branch_filter)
        top.addWidget(QLabel(self.tr("Show")))
        top.addWidget(self.status_filter)
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        self.import_photos_button = QPushButton(self.tr("Import photos…"))
        self.import_photos_button.clicked.connect(lambda: self.import_photos())
        top.addWidget(self.import_photos_button)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights: with 100k rows Qt must not measure each one.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.layoutChanged.connect(self._restore_selection)

        self.editor = self._build_editor()
        # The editor (fields, photo, buttons) is taller than a 1366×768 laptop's window:
        # it scrolls rather than making the whole window taller than the screen.
        editor_scroll = QScrollArea()
        editor_scroll.setWidget(self.editor)
        editor_scroll.setWidgetResizable(True)
        editor_scroll.setFrameShape(QFrame.Shape.NoFrame)
        editor_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        editor_scroll.setMinimumWidth(self.editor.minimumSizeHint().width()
                                      + editor_scroll.verticalScrollBar().sizeHint().width())
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addWidget(editor_scroll)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        watcher.rosterChanged.connect(self._fill_branches)
        watcher.presenceChanged.connect(self._presence_buttons)
        self._fill_branches()
        self._set_widths()
        self._selection()

    def _set_widths(self) -> None:
        fm = self.table.fontMetrics()
        samples = {"number": "310110000000", "name": "阿依古丽·买买", "branch": "第十一支部",
                   "gender": "性别", "birth": "1965", "phone": "13800000000",
                   "category": "Probationary", "status": "On leave", "reason": "出国半年以上",
                   "arrived": "Not arrived"}
        for col, name in enumerate(MembersModel.COLUMNS):
            self.table.setColumnWidth(col, fm.horizontalAdvance(samples[name]) + 24)

    def _build_editor(self) -> QGroupBox:
        box = QGroupBox(self.tr("Selected member"))
        box.setMinimumWidth(300)
        form = QFormLayout(box)
        self.who = QLabel()
        self.who.setWordWrap(True)
        self.category = QComboBox()
        for c in Category:
            self.category.addItem(category_label(c), str(c))
        self.status = QComboBox()
        for s in Status:
            self.status.addItem(status_label(s), str(s))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Required when excluded"))
        # 核准不计 is one of the cases the rules list (or 其他 with words), with its approval.
        self.case = QComboBox()
        self.case.addItem(self.tr("(the case the reason names)"), None)
        for c in ExclusionCase:
            self.case.addItem(exclusion_case_label(c), str(c))
        self.approved_by = QLineEdit()
        self.approved_by.setPlaceholderText(self.tr("Higher party organization"))
        self.approved_on = QLineEdit()
        self.approved_on.setPlaceholderText("2026-11-20")
        self.vote_suspended = QCheckBox(self.tr("Vote suspended (expected, no vote)"))
        self.lost_contact = QCheckBox(self.tr("Lost contact (失联)"))
        self.mobile = QCheckBox(self.tr("Mobile member (流动)"))
        self.status.currentIndexChanged.connect(lambda _i: self._exclusion_fields())
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.clicked.connect(self.apply_edit)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR};")
        self.add_button = QPushButton(self.tr("Add member…"))
        self.remove_button = QPushButton(self.tr("Remove from roster…"))
        self.reissue_button = QPushButton(self.tr("Reissue card…"))
        self.print_card_button = QPushButton(self.tr("Print this member's card…"))
        self.certificate_button = QPushButton(self.tr("Print this member's certificate…"))
        self.undo_button = QPushButton(self.tr("Undo this member's check-in…"))
        self.print_card_button.clicked.connect(lambda: self.print_selected("card"))
        self.certificate_button.clicked.connect(lambda: self.print_selected("certificate"))
        self.undo_button.clicked.connect(lambda: self.undo_selected())
        # Results of the member tasks (a new card code, where a PDF went): not errors.
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.setStyleSheet(f"color: {GOOD_TEXT};")
        self.add_button.clicked.connect(self.add_dialog)
        self.remove_button.clicked.connect(self.remove_selected)
        self.reissue_button.clicked.connect(self.reissue_selected)
        self.photo = PhotoBox(self.service, header=self.who)
        self.photo.changed.connect(self._photo_changed)
        form.addRow(self.photo)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Excluded as"), self.case)
        form.addRow(self.tr("Approved by"), self.approved_by)
        form.addRow(self.tr("Approved on"), self.approved_on)
        form.addRow(self.vote_suspended)
        form.addRow(self.lost_contact)
        form.addRow(self.mobile)
        form.addRow(self.apply_button)
        form.addRow(self.error)
        form.addRow(self.reissue_button)
        form.addRow(self.print_card_button)
        form.addRow(self.certificate_button)
        form.addRow(self.undo_button)
        form.addRow(self.note)
        form.addRow(self.remove_button)
        form.addRow(self.add_button)
        return box

    def _fill_branches(self) -> None:
        current = self.branch_filter.currentData()
        self.branch_filter.blockSignals(True)
        self.branch_filter.clear()
        self.branch_filter.addItem(self.tr("All branches"), None)
        for b in self.watcher.tally.branches:
            self.branch_filter.addItem(b.name, b.id)
        idx = self.branch_filter.findData(current)
        self.branch_filter.setCurrentIndex(max(0, idx))
        self.branch_filter.blockSignals(False)
        self._update_count()

    def _filter(self) -> None:
        self.model.set_filter(branch_id=self.branch_filter.currentData(),
                              status=self.status_filter.currentData(),
                              text=self.search.text())
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(self.tr("%n member(s)", "", self.model.rowCount()))

    # ---- selection and editing ---------------------------------------------------------

    def select_member(self, member_id: int) -> bool:
        """Select a member's row (if shown); True when found."""
        row = self.model.row_of(member_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _selection(self, *_: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._selected = self.model.member_at(rows[0].row()).id if rows else None
        self._show_selected()

    def _restore_selection(self) -> None:
        self._update_count()
        if self._selected is not None and not self.select_member(self._selected):
            self._selected = None
        self._show_selected()

    def _show_selected(self) -> None:
        m = self.watcher.members.get(self._selected) if self._selected is not None else None
        for w in (self.category, self.status, self.reason, self.apply_button,
                  self.remove_button, self.reissue_button, self.vote_suspended,
                  self.lost_contact, self.mobile, self.print_card_button):
            w.setEnabled(m is not None)
        self._presence_buttons()
        if m is None or m.id != self._noted:
            self.note.clear()
        if m is not self.photo.member:
            self.photo.show_member(m)
        if m is None:
            self.who.setText(self.tr("Select a member in the table."))
            self._exclusion_fields()
            return
        self.who.setText(f"<b>{m.name}</b><br>{m.branch} · {m.number or ''} · "
                         f"{birth_year(m.birth_date)} · {mask_phone(m.phone)}")
        self.category.setCurrentIndex(self.category.findData(m.category))
        self.status.setCurrentIndex(self.status.findData(m.status))
        self.reason.setText(m.status_reason)
        self.case.setCurrentIndex(max(0, self.case.findData(m.exclusion_case or None)))
        self.approved_by.setText(m.approved_by)
        self.approved_on.setText(m.approved_on)
        self.vote_suspended.setChecked(m.vote_suspended)
        self.lost_contact.setChecked(m.lost_contact)
        self.mobile.setChecked(m.mobile)
        self._exclusion_fields()

    def _photo_changed(self, changes: Changes) -> None:
        """A photo was set or removed: the 缺照片 list changes, nothing else does."""
        if self.status_filter.currentData() == "nophoto":
            self._filter()
        self.changed.emit()

    def import_photos(self, source: str | None = None) -> PhotoImport | None:
        """Import a folder or .zip of photos (asks which when ``source`` is None)."""
        runner = PhotoImport(self, self.service.path, self.service.actor)
        runner.ended.connect(self._photos_imported)
        self.photo_import = runner
        runner.start(source)
        return runner

    def _photos_imported(self, report: object) -> None:
        if report is None:
            return
        if self.status_filter.currentData() == "nophoto":
            self._filter()
        self.photo.show_member(self.selected())
        self.changed.emit()

    def _exclusion_fields(self) -> None:
        """The case and approval fields only speak for an exclusion."""
        on = self.selected() is not None and self.status.currentData() == Status.EXCLUDED
        for w in (self.case, self.approved_by, self.approved_on):
            w.setEnabled(on)

    def selected(self) -> MemberRecord | None:
        """The member being edited."""
        return self.watcher.members.get(self._selected) if self._selected is not None else None

    def _done(self, changes: Changes) -> None:
        self.error.clear()
        self.watcher.apply(changes)  # show our own change at once
        self.changed.emit()

    def apply_edit(self) -> bool:
        """Write the editor's category and status for the selected member."""
        m = self.selected()
        if m is None:
            return False
        try:
            changes = self.service.edit_member(
                m.id, category=self.category.currentData(), status=self.status.currentData(),
                reason=self.reason.text(), case=self.case.currentData(),
                approved_by=self.approved_by.text(), approved_on=self.approved_on.text(),
                vote_suspended=self.vote_suspended.isChecked(),
                lost_contact=self.lost_contact.isChecked(), mobile=self.mobile.isChecked())
        except MemberError as exc:
            self.error.setText(domain_text(exc))
            return False
        self._done(changes)
        return True

    def add_dialog(self) -> int | None:
        """Ask for a new member's details and add them; returns the new id."""
        dlg = AddMemberDialog([b.name for b in self.watcher.tally.branches], self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        try:
            mid, changes = self.service.add_member(**dlg.values())
        except MemberError as exc:
            QMessageBox.warning(self, self.tr("Member not added"), domain_text(exc))
            return None
        self._done(changes)
        self.select_member(mid)
        return mid

    def remove_selected(self) -> bool:
        """Take the selected member off the roster, asking for the reason."""
        m = self.selected()
        if m is None:
            return False
        reason, ok = QInputDialog.getText(
            self, self.tr("Remove from roster"),
            self.tr("Why is %1 taken off the roster? (kept in the audit)\n"
                    "Their card stops working at every desk and their photo is deleted.")
            .replace("%1", m.name))
        if not ok:
            return False
        try:
            changes = self.service.remove_member(m.id, reason)
        except MemberError as exc:
            self.error.setText(domain_text(exc))
            return False
        self._done(changes)
        return True

    def reissue_selected(self) -> str | None:
        """Give the selected member a new card; the old one stops working at once."""
        m = self.selected()
        if m is None:
            return None
        answer = QMessageBox.question(
            self, self.tr("Reissue card"),
            self.tr("Give %1 a new card? The old card will be refused at every desk.")
            .replace("%1", m.name))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        code, changes = self.service.reissue_card(m.id)
        self._done(changes)
        self.show_note(m.id, self.tr("New card for %1: %2. The old card is refused at every "
                                     "desk; print the new one now.")
                       .replace("%1", m.name).replace("%2", code))
        self.print_card_button.setFocus()
        return code

    _noted: int | None = None

    def _presence_buttons(self, *_: object) -> None:
        """Certificate and undo only for a member who has signed in (follows the desks)."""
        m = self.selected()
        attended = m is not None and self.watcher.tally.presence(m.id).attended
        self.certificate_button.setEnabled(attended)
        self.undo_button.setEnabled(attended)

    def show_note(self, member_id: int, text: str) -> None:
        """Say what a task did for a member (kept while that member is selected)."""
        self._noted = member_id
        self.note.setText(text)

    printing = None  # the print job under way (ui.tasks.Task), for tests to wait on

    def print_selected(self, kind: str):  # -> ui.tasks.Task | None
        """Print the selected member's card ('card') or certificate ('certificate').

        The PDF (one page) is written at once; sending it runs on a worker and
        the note says where it went when it is done.
        """
        from ui.organizer.printing import print_member

        m = self.selected()
        if m is None:
            return None
        self.error.clear()
        self.show_note(m.id, self.tr("Printing…"))
        try:
            self.printing = print_member(self, self.service, kind, m.id,
                                         lambda said, mid=m.id: self.show_note(mid, said))
        except (ValueError, OSError) as exc:
            self.error.setText(str(exc))
            return None
        return self.printing

    def undo_selected(self, reason: str | None = None) -> bool:
        """Undo the selected member's check-in, with a reason the organizer gives."""
        m = self.selected()
        if m is None:
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(
                self, self.tr("Undo check-in"),
                self.tr("Why is the check-in of %1 undone? (kept in the record and the report)")
                .replace("%1", m.name))
            if not ok:
                return False
        try:
            changes = self.service.undo_arrival(m.id, reason, desk=self.tr("Organizer"))
        except VoidError as exc:
            self.error.setText(domain_text(exc))
            return False
        self._done(changes)
        self.show_note(m.id, self.tr("Check-in of %1 undone: %2").replace("%1", m.name)
                       .replace("%2", reason.strip()))
        return True
