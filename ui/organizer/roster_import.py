"""Importing a roster: read the file, preview it, or list every problem; import only when clean.

The preview shows, before anything is written, the members read; how they count
per branch and per category, and who is excluded and why; every sheet and how
it was read; and every finding (skipped, hidden, inferred, a state and its
rule), in the window's language. Hidden rows, columns and sheets, and the
exclusions proposed from free words (出国, 卧床 …), are imported only when the
organizer ticks the box for them.

``kiosk.roster.parse_roster`` validates the whole file first and raises
``RosterError`` with every problem (row and column), so the dialog can show the
organizer the complete list to fix in Excel, and the Import button stays off
until a re-read of the file is clean. Nothing is written before that.

The Columns section lists every header of the file (the row ``kiosk.roster``
takes as the header, title rows above it skipped) with the field it holds, so
a column spelled in a way the importer does not know (所属党组织 for 支部) can
be mapped here instead of in Excel; each change re-reads the file with the
mapping, and the roster imported is the one read with it.

Reading and importing run on a worker thread (ui.tasks): a 100,000-row file
takes seconds, and the window keeps painting meanwhile. A bar under the summary
shows the work with a Cancel button: a read is simply dropped; an import is
rolled back, so nothing of it reaches the file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.idnumbers import last4, masked
from kiosk.organizer import OrganizerService
from kiosk.roster import (
    FIELD_ZH,
    FIELDS,
    ImportReport,
    Problem,
    Roster,
    RosterError,
    column_letter,
    header_field,
    parse_roster,
    read_header,
)
from kiosk.roster.preview import preview
from kiosk.roster.problems import FINDING_KIND_ZH, FINDING_KINDS
from ui.messages import chinese, domain_text, problem_cells
from ui.organizer.labels import category_label, status_label
from ui.style import QUORUM_MET, QUORUM_NOT_MET
from ui.tasks import Progress, Task, in_child, run_task

Index = QModelIndex | QPersistentModelIndex


class PreviewModel(QAbstractTableModel):
    """A parsed roster's rows, read-only, cheap for any size."""

    FIELDS = ("row", "name", "branch", "number", "id_number", "gender", "birth_date", "phone",
              "category", "status", "reason", "flags", "sheet")

    def __init__(self, roster: Roster, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.roster = roster
        self._headers = [self.tr("Row"), self.tr("Name"), self.tr("Branch"), self.tr("Number"),
                         self.tr("ID number"), self.tr("Gender"), self.tr("Born"), self.tr("Phone"), self.tr("Category"),
                         self.tr("Status"), self.tr("Reason"), self.tr("Marks"), self.tr("Sheet")]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Rows in the roster."""
        return 0 if parent.isValid() else len(self.roster.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Fields shown."""
        return 0 if parent.isValid() else len(self.FIELDS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """A cell."""
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self.roster.rows[index.row()]
        field = self.FIELDS[index.column()]
        if field == "flags":
            marks = [(r.vote_suspended, self.tr("vote suspended")),
                     (r.lost_contact, self.tr("lost contact")), (r.mobile, self.tr("mobile")),
                     (r.state_source == "roster", self.tr("state from the roster"))]
            return ", ".join(text for on, text in marks if on)
        value = getattr(r, field)
        if field == "id_number":
            return masked(last4(value)) if value else ""  # never more than the last four
        if field == "category":
            return category_label(value)
        if field == "status":
            return status_label(value)
        return "" if value is None else str(value)


Read = tuple[list[str] | None, Roster | None, list[Problem], BaseException | None]


def read_roster_file(path: Path, mapping: dict[str, str], columns: bool, *,
                     include_hidden: bool = False, confirm_proposed: bool = False) -> Read:
    """In the worker: (header row or None, roster or None, problems, unreadable-file error)."""
    headers: list[str] | None = None
    if columns:
        try:
            headers = read_header(path, mapping)
        except Exception:  # noqa: BLE001 - unreadable: parse_roster says why in the problem list
            headers = []
    try:
        return headers, parse_roster(path, mapping or None, include_hidden=include_hidden,
                                     confirm_proposed=confirm_proposed), [], None
    except RosterError as exc:
        return headers, None, list(exc.problems), None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return headers, None, [], exc


class RosterImportDialog(QDialog):
    """Choose a roster file, see it or its problems, and import it when it is clean."""

    readDone = Signal(bool)      # a read ended: True when the roster can be imported
    importDone = Signal(object)  # the ImportReport, once it is in the file

    def __init__(self, service: OrganizerService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.reading: Task | None = None    # the read under way, if any
        self.importing: Task | None = None  # the import under way, if any
        self.path: Path | None = None
        self.roster: Roster | None = None
        self.problems: list[Problem] = []
        self.report: ImportReport | None = None
        # header as written -> field ("" = ignore), only where the organizer's
        # choice differs from what the header's spelling says on its own
        self.mapping: dict[str, str] = {}
        self.headers: list[str] = []
        self.setWindowTitle(self.tr("Import roster"))
        self.resize(1120, 640)  # fits a 1366×768 screen with its taskbar

        self.file_label = QLabel(self.tr("No file chosen. Excel (.xlsx, .xls), WPS (.et), "
                                         "OpenDocument (.ods) or CSV, one member a row, with a "
                                         "header row (姓名, 支部, …)."))
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.reread_button = QPushButton(self.tr("Read again"))
        self.reread_button.setToolTip(self.tr("After fixing the file in Excel, read it again"))
        self.choose_button.clicked.connect(self.choose)
        self.reread_button.clicked.connect(self.reread)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)

        self.preview = QTableView()
        self.preview.verticalHeader().setVisible(False)
        self.preview.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Size columns by the first rows only: measuring 100,000 rows froze the window.
        self.preview.horizontalHeader().setResizeContentsPrecision(30)
        self.problem_table = QTableWidget(0, 3)
        self.problem_table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Problem")])
        self.problem_table.verticalHeader().setVisible(False)
        self.problem_table.horizontalHeader().setStretchLastSection(True)
        self.problem_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.counts_table = self._table([self.tr("Branch"), self.tr("Read"),
                                         self.tr("Expected"), self.tr("Voting"),
                                         self.tr("On leave"), self.tr("Excluded"),
                                         self.tr("Observers")])
        self.counts_note = QLabel()
        self.counts_note.setWordWrap(True)
        self.excluded_table = self._table([self.tr("Excluded (核准不计)"), self.tr("Branch"),
                                           self.tr("Reason")])
        counts = QWidget()
        counts_layout = QVBoxLayout(counts)
        counts_layout.addWidget(self.counts_note)
        counts_layout.addWidget(self.counts_table, 2)
        counts_layout.addWidget(self.excluded_table, 1)
        self.findings_table = self._table([self.tr("What"), self.tr("Where"), self.tr("Row"),
                                           self.tr("Column"), self.tr("How it was read")])
        self.sheets_table = self._table([self.tr("Sheet"), self.tr("Read as"),
                                         self.tr("Members"), self.tr("Note")])
        self.tabs = QTabWidget()
        self.tabs.addTab(self.preview, self.tr("Members"))
        self.tabs.addTab(counts, self.tr("How they count"))
        self.tabs.addTab(self.findings_table, self.tr("Findings"))
        self.tabs.addTab(self.sheets_table, self.tr("Sheets"))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.problem_table)
        self.include_hidden = QCheckBox(self.tr("Import hidden rows, columns and sheets too"))
        self.confirm_proposed = QCheckBox(self.tr("Exclude (核准不计) the members proposed "
                                                  "from words like 出国 or 卧床"))
        self.include_hidden.toggled.connect(lambda _on: self.path is not None and self._parse())
        self.confirm_proposed.toggled.connect(lambda _on: self.path is not None and self._parse())

        self.columns_table = QTableWidget(0, 2)
        self.columns_table.setHorizontalHeaderLabels([self.tr("Column"),
                                                      self.tr("Holds")])
        self.columns_table.verticalHeader().setVisible(False)
        self.columns_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.columns_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.columns_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.combos: list[QComboBox] = []
        columns_hint = QLabel(self.tr("What each column holds. Choose a field for a column "
                                      "headed in another way; unknown columns are ignored."))
        columns_hint.setWordWrap(True)
        self.columns_box = QGroupBox(self.tr("Columns"))
        columns_layout = QVBoxLayout(self.columns_box)
        columns_layout.addWidget(columns_hint)
        columns_layout.addWidget(self.columns_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.columns_box)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([430, 670])  # room for a header and "Birth date (出生日期)"

        self.busy_bar = QProgressBar()
        self.busy_bar.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_work)
        self.busy = QWidget()
        busy_layout = QHBoxLayout(self.busy)
        busy_layout.setContentsMargins(0, 0, 0, 0)
        busy_layout.addWidget(self.busy_bar, 1)
        busy_layout.addWidget(self.cancel_button)
        self.busy.hide()

        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.do_import)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)
        top.addWidget(self.reread_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        bottom.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        options = QHBoxLayout()
        options.addWidget(self.include_hidden)
        options.addWidget(self.confirm_proposed)
        options.addStretch(1)
        layout.addLayout(options)
        layout.addWidget(self.busy)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        self.reread_button.setEnabled(False)

    def choose(self) -> None:
        """Ask for the roster file and read it."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the roster"), "",
            self.tr("Rosters (*.xlsx *.xlsm *.xls *.et *.ods *.csv *.txt);;All files (*)"))
        if path:
            self.load(path)

    def reread(self) -> None:
        """Read the same file again (after it was fixed)."""
        if self.path is not None:
            self.load(self.path)

    def load(self, path: str | Path) -> Task:
        """Start reading and checking a roster file, listing its columns; readDone tells the end."""
        if self.path != Path(path):
            self.mapping = {}  # another file: its own columns
        self.path = Path(path)
        self.file_label.setText(str(self.path))
        self.reread_button.setEnabled(True)
        return self._read(columns=True)

    def _read(self, *, columns: bool) -> Task:
        """Read the file with the current mapping on a worker; the newest read wins."""
        assert self.path is not None
        if self.reading is not None:
            self.reading.cancel()  # a read of an older mapping: its answer no longer matters
        self.roster, self.problems = None, []
        self.import_button.setEnabled(False)
        path, mapping = self.path, dict(self.mapping)
        hidden, confirm = self.include_hidden.isChecked(), self.confirm_proposed.isChecked()
        task = run_task(self, lambda _p: read_roster_file(path, mapping, columns,
                                                          include_hidden=hidden,
                                                          confirm_proposed=confirm),
                        name="roster-read", abandon=True,
                        done=lambda read: self._read_done(task, read),
                        cancelled=lambda: self._read_cancelled(task))
        self.reading = task
        self._show_busy(task, self.tr("Reading %1…").replace("%1", path.name))
        return task

    def _read_done(self, task: Task, read: Read) -> None:
        if task is not self.reading:
            return
        self.reading = None
        self._hide_busy()
        headers, self.roster, self.problems, error = read
        if headers is not None:
            self._read_columns(headers)
        if error is not None:
            assert self.path is not None
            self.problems = [Problem(self.path.name, None, None,
                                     self.tr("cannot read the file: %1").replace("%1", str(error)))]
        if self.roster is not None:
            self._show_preview(self.roster)
        else:
            self._show_problems(self.problems)
        self.import_button.setEnabled(self.roster is not None)
        self.readDone.emit(self.roster is not None)

    def _read_cancelled(self, task: Task) -> None:
        if task is not self.reading:
            return  # replaced by a newer read
        self.reading = None
        self._hide_busy()
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr("Reading was cancelled; nothing was imported."))
        self.readDone.emit(False)

    def cancel_work(self) -> None:
        """Cancel the read or the import under way (an import is rolled back)."""
        for task in (self.reading, self.importing):
            if task is not None:
                task.cancel()

    def _show_busy(self, task: Task, text: str) -> None:
        self.busy_bar.setRange(0, 0)  # unknown length until the work says
        self.busy_bar.setFormat(text)
        self.busy.show()

        def moved(done: int, total: int, _text: str) -> None:
            if total:
                self.busy_bar.setRange(0, total)
                self.busy_bar.setValue(done)
                self.busy_bar.setFormat(f"{text} %v / %m")

        task.progressed.connect(moved)

    def _hide_busy(self) -> None:
        if self.reading is None and self.importing is None:
            self.busy.hide()

    def field_label(self, field: str) -> str:
        """A field as the combo names it: 'Branch (支部)', or '支部' in Chinese."""
        english = {
            "name": self.tr("Name"), "branch": self.tr("Branch"), "number": self.tr("Number"),
            "gender": self.tr("Gender"), "birth_date": self.tr("Birth date"),
            "education": self.tr("Education"), "phone": self.tr("Phone"),
            "category": self.tr("Category"), "status": self.tr("Status"),
            "reason": self.tr("Reason"), "notes": self.tr("Notes"),
            "id_number": self.tr("ID number"), "politics": self.tr("Political status"),
            "party_status": self.tr("Membership state"),
            "full_date": self.tr("Date made full member"), "lost": self.tr("Lost contact"),
            "mobile_flag": self.tr("Mobile member"), "vote": self.tr("Vote suspended"),
            "approved_by": self.tr("Approved by"), "approved_on": self.tr("Approved on"),
            "landline": self.tr("Landline"),
        }[field]
        zh = FIELD_ZH[field]
        # Rosters are headed in Chinese: an English window names the usual header too.
        return english if english == zh else f"{english} ({zh})"

    def _read_columns(self, headers: list[str]) -> None:
        """List the file's header row with a combo per column, recognised fields preselected."""
        self.headers = headers
        present = {h for h in headers if h}
        self.mapping = {h: f for h, f in self.mapping.items() if h in present}
        self.columns_table.setRowCount(0)
        self.combos = []
        labels = [(self.tr("(ignore)"), "")] + [(self.field_label(f), f) for f in FIELDS]
        for idx, header in enumerate(headers):
            if not header:
                continue
            row = self.columns_table.rowCount()
            self.columns_table.insertRow(row)
            item = QTableWidgetItem(f"{column_letter(idx)}  {header}")
            item.setToolTip(header)
            self.columns_table.setItem(row, 0, item)
            combo = QComboBox()
            for text, field in labels:
                combo.addItem(text, field)
            combo.setCurrentIndex(max(0, combo.findData(self.chosen(header))))
            combo.setProperty("header", header)
            combo.currentIndexChanged.connect(lambda _i, c=combo: self._column_changed(c))
            self.columns_table.setCellWidget(row, 1, combo)
            self.combos.append(combo)
        self.columns_table.resizeColumnToContents(1)

    def chosen(self, header: str) -> str:
        """The field a header is taken as now ("" = ignored)."""
        if header in self.mapping:
            return self.mapping[header]
        return header_field(header) or ""

    def combo_for(self, header: str) -> QComboBox:
        """The combo of the (first) column with this header."""
        return next(c for c in self.combos if c.property("header") == header)

    def _column_changed(self, combo: QComboBox) -> None:
        header, field = combo.property("header"), combo.currentData()
        if field == (header_field(header) or ""):
            self.mapping.pop(header, None)  # back to what its spelling says
        else:
            self.mapping[header] = field
        for other in self.combos:  # columns headed alike are mapped alike
            if other is not combo and other.property("header") == header:
                other.blockSignals(True)
                other.setCurrentIndex(combo.currentIndex())
                other.blockSignals(False)
        self._parse()

    def _parse(self) -> Task:
        """Read the file again with the current mapping; the preview or the problems follow."""
        return self._read(columns=False)

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        t = QTableWidget(0, len(headers))
        t.setHorizontalHeaderLabels(headers)
        t.verticalHeader().setVisible(False)
        t.horizontalHeader().setStretchLastSection(True)
        t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        return t

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(i, j, item)
        table.resizeColumnsToContents()

    def _show_preview(self, roster: Roster) -> None:
        p = preview(roster)
        text = self.tr("<b>%1 members in %2 branches</b> — no problems found: %3 expected, "
                       "%4 with a vote. Members already on the roster are updated by number; "
                       "check-ins are never touched.")
        text = (text.replace("%1", str(len(roster.rows))).replace("%2", str(len(p.branches)))
                .replace("%3", str(p.expected)).replace("%4", str(p.voting_expected)))
        shown = sum(p.findings.values())
        if shown:
            text += "<br>" + self.tr("Read with %1 findings (skipped or hidden rows, inferred "
                                     "values, states): see Findings before importing.").replace(
                "%1", str(shown))
        if roster.unknown_columns:
            text += "<br>" + self.tr("Columns ignored: %1").replace(
                "%1", ", ".join(roster.unknown_columns))
        if roster.ignored_columns:
            text += "<br>" + self.tr("Not imported (not needed for sign-in): %1").replace(
                "%1", ", ".join(roster.ignored_columns))
        self.summary.setStyleSheet(f"color: {QUORUM_MET};")
        self.summary.setText(text)
        self.confirm_proposed.setEnabled(p.proposed > 0 or self.confirm_proposed.isChecked())
        self.preview.setModel(PreviewModel(roster, self.preview))
        self.preview.resizeColumnsToContents()
        self._fill(self.counts_table, [
            [b.name, str(b.people), str(b.expected), str(b.voting), str(b.on_leave),
             str(b.excluded), str(b.observers)] for b in p.branches])
        cats = ("、" if chinese() else ", ").join(
            f"{category_label(c)} {n}" for c, n in sorted(p.categories.items()))
        note = self.tr("By category: %1. Expected %2, with a vote %3; vote suspended %4, "
                       "lost contact %5, mobile %6; proposed exclusions not confirmed %7.")
        for key, value in (("%1", cats), ("%2", p.expected), ("%3", p.voting_expected),
                           ("%4", len(p.vote_suspended)), ("%5", p.lost_contact),
                           ("%6", p.mobile), ("%7", p.proposed)):
            note = note.replace(key, str(value))
        self.counts_note.setText(note)
        self._fill(self.excluded_table, [[n, b, why] for n, b, why in p.excluded])
        zh = chinese()
        order = {k: i for i, k in enumerate(FINDING_KINDS)}
        findings = sorted(roster.findings, key=lambda f: (order.get(f.kind, 99), f.file,
                                                          f.row or 0))
        self._fill(self.findings_table, [
            [self.finding_kind(f.kind), f.file, "" if f.row is None else str(f.row),
             (f.column_zh() if zh else f.column) or "", f.message_zh if zh else f.message]
            for f in findings])
        self.tabs.setTabText(2, self.tr("Findings (%1)").replace("%1", str(len(findings))))
        self._fill(self.sheets_table, [
            [s.name or roster.file, self.sheet_role(s.role), str(s.members),
             s.message_zh if zh else s.message] for s in roster.sheets])
        self.stack.setCurrentWidget(self.tabs)

    def finding_kind(self, kind: str) -> str:
        """A kind of finding as the window names it."""
        return {
            "file": self.tr("File"), "sheet": self.tr("Sheet"), "skipped": self.tr("Skipped row"),
            "hidden": self.tr("Hidden"), "column": self.tr("Column"), "state": self.tr("State"),
            "inferred": self.tr("Inferred value"),
        }.get(kind, FINDING_KIND_ZH.get(kind, kind))

    def sheet_role(self, role: str) -> str:
        """How a sheet was read, as the window names it."""
        return {
            "members": self.tr("members"), "observers": self.tr("observers (列席)"),
            "skipped": self.tr("skipped"), "hidden": self.tr("hidden, not imported"),
        }.get(role, role)

    def _show_problems(self, problems: list[Problem]) -> None:
        self.summary.setStyleSheet(f"color: {QUORUM_NOT_MET};")
        self.summary.setText(self.tr("<b>%n problem(s) found — nothing will be imported.</b> "
                                     "Fix them in the file, then press Read again, or choose "
                                     "what a column holds under Columns.", "", len(problems)))
        self.problem_table.setRowCount(len(problems))
        for i, p in enumerate(problems):
            for col, value in enumerate(problem_cells(p)):
                self.problem_table.setItem(i, col, QTableWidgetItem(value))
        self.problem_table.resizeColumnToContents(0)
        self.problem_table.resizeColumnToContents(1)
        self.stack.setCurrentWidget(self.problem_table)

    def do_import(self) -> Task | None:
        """Write the checked roster on a worker (one transaction, audited); importDone tells."""
        if self.roster is None or self.importing is not None:
            return None
        from ui.organizer import import_job

        # In a child process: pypinyin's first use holds the GIL for a moment (import_job).
        roster, meeting, actor = self.roster, str(self.service.path), self.service.actor

        def work(progress: Progress) -> ImportReport:
            packed = import_job.pack(roster)  # here, on the worker, a chunk at a time
            return in_child(import_job.import_roster, meeting, actor, packed)(progress)

        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.reread_button.setEnabled(False)
        task = run_task(self, work, name="roster-import", done=self._imported,
                        failed=self._import_failed, cancelled=self._import_cancelled)
        self.importing = task
        self._show_busy(task, self.tr("Importing…"))
        return task

    def _import_ended(self) -> None:
        self.importing = None
        self._hide_busy()
        self.choose_button.setEnabled(True)
        self.reread_button.setEnabled(self.path is not None)

    def _imported(self, report: ImportReport) -> None:
        self._import_ended()
        self.report = r = report
        text = self.tr("Imported: %1 added, %2 changed, %3 on the roster but not in this file "
                       "(kept).").replace("%1", str(len(r.added))).replace(
            "%2", str(len(r.changed))).replace("%3", str(len(r.left_out)))
        self.summary.setText(text)
        self.importDone.emit(report)
        self.accept()

    def _import_failed(self, exc: BaseException) -> None:
        self._import_ended()
        self.import_button.setEnabled(self.roster is not None)
        self.summary.setStyleSheet(f"color: {QUORUM_NOT_MET};")
        self.summary.setText(self.tr("The import failed; nothing was imported: %1")
                             .replace("%1", domain_text(exc)))

    def _import_cancelled(self) -> None:
        self._import_ended()
        self.import_button.setEnabled(self.roster is not None)
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr("The import was cancelled; nothing was imported."))

    def reject(self) -> None:
        """Close; an import under way is cancelled instead (rolled back), and the dialog
        stays open to say so."""
        if self.importing is not None:
            self.importing.cancel()
            return
        if self.reading is not None:
            self.reading.cancel()
        super().reject()
