"""The sub-district roll-up: choose several meeting files, see the summary, print it.

Each residential area sends its meeting file; the sub-district sums them into
one table (expected, present, turnout per meeting and in total) as the
reports package computes it, shown here before it is saved or printed.
A file that cannot be read is named and left out, never silently dropped.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from data.errors import UserError
from kiosk.organizer import OrganizerService
from ui.organizer.new_meeting import file_filter, meetings_folder
from ui.style import MUTED, QUORUM_NOT_MET


class RollupDialog(QDialog):
    """A list of meeting files and their summed figures."""

    def __init__(self, service: OrganizerService, parent: QWidget | None = None,
                 files: list[Path] | None = None) -> None:
        super().__init__(parent)
        self.service = service  # the window's meeting (printing goes through its flow)
        self.setWindowTitle(self.tr("Sub-district roll-up"))
        self.files: list[Path] = []
        self.lines: list = []  # reports.rollup.MeetingLine, in file order
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("党员大会出席情况汇总"))
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([
            self.tr("Meeting"), self.tr("Date"), self.tr("Expected"), self.tr("Present"),
            self.tr("Turnout"), self.tr("Quorum")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.total = QLabel()
        self.total.setWordWrap(True)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(f"color: {QUORUM_NOT_MET};")
        self.add_button = QPushButton(self.tr("Add meeting files…"))
        self.add_button.clicked.connect(self.choose)
        self.remove_button = QPushButton(self.tr("Remove the selected"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.pdf_button = QPushButton(self.tr("Save as PDF and print…"))
        self.pdf_button.clicked.connect(self.save_and_print)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {MUTED};")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Title")))
        row.addWidget(self.title, 1)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        self.resize(880, 520)
        self.add(files or [])

    def choose(self) -> None:
        """Ask for meeting files (several at once) and add them."""
        folder = meetings_folder()
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose the meeting files"),
            str(folder if folder.is_dir() else Path.home()), file_filter())
        self.add([Path(p) for p in paths])

    def add(self, paths: list[Path]) -> None:
        """Add meeting files (each once) and recompute."""
        for p in paths:
            if p.resolve() not in {f.resolve() for f in self.files}:
                self.files.append(p)
        self.refresh()

    def remove_selected(self) -> None:
        """Leave the selected meeting out of the roll-up."""
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for r in rows:
            if r < len(self.lines):
                bad = Path(self.lines[r].file).resolve()
                self.files = [f for f in self.files if f.resolve() != bad]
        self.refresh()

    def data(self):  # -> reports.rollup.RollUp
        """The roll-up over the files that could be read."""
        from reports.rollup import RollUp

        return RollUp(self.title.text().strip() or self.title.placeholderText(), tuple(self.lines))

    def refresh(self) -> None:
        """Read every file's figures and show them with the totals."""
        from reports.rollup import meeting_line

        self.lines, problems = [], []
        for f in self.files:
            try:
                self.lines.append(meeting_line(f))
            except (UserError, OSError) as exc:
                problems.append(f"{f.name}: {exc}")
        self.table.setRowCount(len(self.lines))
        for r, m in enumerate(self.lines):
            quorum = "—" if m.quorum_rule == "none" else (
                self.tr("reached") if m.quorum_met else self.tr("not reached"))
            cells = (m.title, m.date, str(m.expected), str(m.present), f"{m.turnout}%", quorum)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 0:
                    item.setToolTip(m.file)
                self.table.setItem(r, c, item)
        d = self.data()
        self.total.setText(self.tr("<b>Total of %1 meetings: expected %2, present %3, turnout %4%</b>")
                           .replace("%1", str(len(self.lines))).replace("%2", str(d.expected))
                           .replace("%3", str(d.present)).replace("%4", d.turnout))
        self.problems.setText(
            (self.tr("Not included (cannot be read):") + "\n" + "\n".join(problems)) if problems else "")
        self.pdf_button.setEnabled(bool(self.lines))
        self.remove_button.setEnabled(bool(self.lines))

    def save_and_print(self, path: str | None = None) -> Path | None:
        """Write the roll-up PDF (where the organizer says), then list the printers and offer the printer choice."""
        from reports.rollup import build_rollup
        from ui.organizer.printing import PrintFlow

        if path is None:
            default = meetings_folder() / (self.tr("roll-up") + ".pdf")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the roll-up as"),
                                                  str(default), self.tr("PDF files (*.pdf)"))
            if not path:
                return None
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        build_rollup(self.data(), out)
        # The PDF is small; sending it waits for the printer, on a worker.
        flow = PrintFlow(self, self.service, "rollup")
        flow.sent.connect(lambda _job: self.note.setText(
            self.tr("Saved as %1 and sent to the printer.").replace("%1", str(out))))
        flow.declined.connect(lambda: self.note.setText(
            self.tr("Saved as %1 (not printed).").replace("%1", str(out))))
        flow.ended.connect(flow.deleteLater)
        self.printing = flow.print_with_dialog(out)
        return out

    printing = None  # the print job under way (ui.tasks.Task), for tests to wait on
