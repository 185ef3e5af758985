"""Importing a roster: read the file, preview it, or list every problem; import only when clean.

``kiosk.roster.parse_roster`` validates the whole file first and raises
``RosterError`` with every problem (row and column), so the dialog can show the
organizer the complete list to fix in Excel, and the Import button stays off
until a re-read of the file is clean. Nothing is written before that.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from data.store import Store
from kiosk.roster import ImportReport, Problem, Roster, RosterError, import_roster, parse_roster
from ui.messages import problem_cells
from ui.organizer.labels import category_label, status_label
from ui.style import QUORUM_MET, QUORUM_NOT_MET

Index = QModelIndex | QPersistentModelIndex


class PreviewModel(QAbstractTableModel):
    """A parsed roster's rows, read-only, cheap for any size."""

    FIELDS = ("row", "name", "branch", "number", "gender", "birth_date", "phone", "category",
              "status", "reason")

    def __init__(self, roster: Roster, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.roster = roster
        self._headers = [self.tr("Row"), self.tr("Name"), self.tr("Branch"), self.tr("Number"),
                         self.tr("Gender"), self.tr("Born"), self.tr("Phone"), self.tr("Category"),
                         self.tr("Status"), self.tr("Reason")]

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
        value = getattr(r, field)
        if field == "category":
            return category_label(value)
        if field == "status":
            return status_label(value)
        return "" if value is None else str(value)


class RosterImportDialog(QDialog):
    """Choose a roster file, see it or its problems, and import it when it is clean."""

    def __init__(self, store: Store, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.actor = store, actor
        self.path: Path | None = None
        self.roster: Roster | None = None
        self.problems: list[Problem] = []
        self.report: ImportReport | None = None
        self.setWindowTitle(self.tr("Import roster"))
        self.resize(1000, 640)

        self.file_label = QLabel(self.tr("No file chosen. Excel (.xlsx) or CSV, one member a row, "
                                         "with a header row (姓名, 支部, …)."))
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
        self.problem_table = QTableWidget(0, 3)
        self.problem_table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Problem")])
        self.problem_table.verticalHeader().setVisible(False)
        self.problem_table.horizontalHeader().setStretchLastSection(True)
        self.problem_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.preview)
        self.stack.addWidget(self.problem_table)

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
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)
        self.reread_button.setEnabled(False)

    def choose(self) -> None:
        """Ask for the roster file and read it."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the roster"), "",
            self.tr("Rosters (*.xlsx *.xlsm *.csv *.txt);;All files (*)"))
        if path:
            self.load(path)

    def reread(self) -> None:
        """Read the same file again (after it was fixed)."""
        if self.path is not None:
            self.load(self.path)

    def load(self, path: str | Path) -> bool:
        """Read and check a roster file; True when it can be imported."""
        self.path = Path(path)
        self.file_label.setText(str(self.path))
        self.reread_button.setEnabled(True)
        self.roster, self.problems = None, []
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.roster = parse_roster(self.path)
        except RosterError as exc:
            self.problems = list(exc.problems)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            self.problems = [Problem(self.path.name, None, None,
                                     self.tr("cannot read the file: %1").replace("%1", str(exc)))]
        finally:
            QApplication.restoreOverrideCursor()
        if self.roster is not None:
            self._show_preview(self.roster)
        else:
            self._show_problems(self.problems)
        self.import_button.setEnabled(self.roster is not None)
        return self.roster is not None

    def _show_preview(self, roster: Roster) -> None:
        branches = len({r.branch for r in roster.rows})
        text = self.tr("<b>%1 members in %2 branches</b> — no problems found. "
                       "Members already on the roster are updated by number; "
                       "check-ins are never touched.")
        text = text.replace("%1", str(len(roster.rows))).replace("%2", str(branches))
        if roster.unknown_columns:
            text += "<br>" + self.tr("Columns ignored: %1").replace(
                "%1", ", ".join(roster.unknown_columns))
        self.summary.setStyleSheet(f"color: {QUORUM_MET};")
        self.summary.setText(text)
        self.preview.setModel(PreviewModel(roster, self.preview))
        self.preview.resizeColumnsToContents()
        self.stack.setCurrentWidget(self.preview)

    def _show_problems(self, problems: list[Problem]) -> None:
        self.summary.setStyleSheet(f"color: {QUORUM_NOT_MET};")
        self.summary.setText(self.tr("<b>%n problem(s) found — nothing will be imported.</b> "
                                     "Fix them in the file, then press Read again.", "",
                                     len(problems)))
        self.problem_table.setRowCount(len(problems))
        for i, p in enumerate(problems):
            for col, value in enumerate(problem_cells(p)):
                self.problem_table.setItem(i, col, QTableWidgetItem(value))
        self.problem_table.resizeColumnToContents(0)
        self.problem_table.resizeColumnToContents(1)
        self.stack.setCurrentWidget(self.problem_table)

    def do_import(self) -> ImportReport | None:
        """Write the checked roster (one transaction, audited)."""
        if self.roster is None:
            return None
        self.report = import_roster(self.store, self.roster, self.actor)
        r = self.report
        text = self.tr("Imported: %1 added, %2 changed, %3 on the roster but not in this file "
                       "(kept).").replace("%1", str(len(r.added))).replace(
            "%2", str(len(r.changed))).replace("%3", str(len(r.left_out)))
        self.summary.setText(text)
        self.import_button.setEnabled(False)
        self.accept()
        return self.report
