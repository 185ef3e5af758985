"""The new-meeting form, and where meeting files live by default.

The organizer fills in what the day needs (title, date, venue, the election
quorum rule, sign-in times) and the file goes to a sensible folder (the
user's documents, SignDesk) unless they choose another. The quorum rule has
no default: sources disagree on whether exactly 4/5 is enough, so the
organizer chooses, with the disagreement explained on the form.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTime
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from data.errors import UserError
from kiosk.organizer import OrganizerService
from ui.messages import domain_text
from ui.organizer.labels import quorum_choice_explained, quorum_label
from ui.style import ERROR, MUTED

# The election rules the organizer chooses between (kiosk.turnout's codes).
RULES = ("election", "election_at_least", "majority")


def file_filter() -> str:
    """The file dialogs' filter for meeting files."""
    return QApplication.translate("Organizer",
                                  "SignDesk meetings (*.sqlite *.signdesk *.db);;All files (*)")


def meetings_folder() -> Path:
    """Where new meeting files go unless the organizer chooses: Documents/SignDesk.

    Never the program's own folder (where a double-clicked program starts).
    """
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs or Path.home()) / "SignDesk"


def safe_file_name(text: str) -> str:
    """A file name from a meeting title: no path separators or characters Windows refuses."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", text).strip(" .")
    return re.sub(r"\s+", " ", name)[:80] or QApplication.translate("NewMeetingDialog", "meeting")


class NewMeetingDialog(QDialog):
    """Title, date, venue, quorum rule, sign-in times and where to save a new meeting file."""

    def __init__(self, parent: QWidget | None = None, *, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New meeting"))
        self.folder = folder or meetings_folder()
        self._path_chosen = False  # the organizer picked a file: stop following the title
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("e.g. 北郊居民区党员大会"))
        self.date = QDateEdit(date.today())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.venue = QLineEdit()

        # The quorum rule: no default, the organizer must choose. Each is said as
        # everywhere else (kiosk.vocabulary); the two election rules also say what
        # a count of exactly 4/5 does under them.
        # (Each self.tr() stands alone, not inside an f-string, so lupdate finds it.)
        self.rules = QButtonGroup(self)
        not_enough = self.tr("(exactly 4/5 is not enough)")
        enough = self.tr("(exactly 4/5 is enough)")
        self.rule_buttons: dict[str, QRadioButton] = {
            "election": QRadioButton(f"{quorum_label('election')}\n{not_enough}"),
            "election_at_least": QRadioButton(f"{quorum_label('election_at_least')}\n{enough}"),
            "majority": QRadioButton(quorum_label("majority")),
        }
        rules_box = QVBoxLayout()
        rules_box.setSpacing(2)
        for button in self.rule_buttons.values():
            self.rules.addButton(button)
            rules_box.addWidget(button)
        explain = QLabel(quorum_choice_explained())
        explain.setWordWrap(True)
        explain.setStyleSheet(f"color: {MUTED};")
        # A wrapped label in a form row gets one line's height unless told its own.
        explain.setMinimumHeight(explain.heightForWidth(560) + 4)
        rules_box.addWidget(explain)

        # Sign-in times: optional; without them sign-in is open until closed by hand.
        self.opens_on = QCheckBox(self.tr("Opens at"))
        self.opens = QTimeEdit(QTime(8, 30))
        self.closes_on = QCheckBox(self.tr("Closes at"))
        self.closes = QTimeEdit(QTime(9, 30))
        for check, edit in ((self.opens_on, self.opens), (self.closes_on, self.closes)):
            edit.setDisplayFormat("HH:mm")
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
        times = QHBoxLayout()
        for w in (self.opens_on, self.opens, self.closes_on, self.closes):
            times.addWidget(w)
        times.addStretch(1)
        times_hint = QLabel(self.tr("Without times, sign-in is open from the start until you "
                                    "close it on the dashboard."))
        times_hint.setWordWrap(True)
        times_hint.setStyleSheet(f"color: {MUTED};")
        times_box = QVBoxLayout()
        times_box.addLayout(times)
        times_box.addWidget(times_hint)

        self.path = QLineEdit()
        self.path.textEdited.connect(lambda _t: setattr(self, "_path_chosen", True))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {ERROR};")
        self.error.setWordWrap(True)

        form = QFormLayout(self)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Date"), self.date)
        form.addRow(self.tr("Venue"), self.venue)
        form.addRow(self.tr("Quorum rule"), rules_box)
        form.addRow(self.tr("Sign-in"), times_box)
        form.addRow(self.tr("Meeting file"), where)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Create the meeting"))
        form.addRow(buttons)
        self.title.textChanged.connect(self._suggest_path)
        self.date.dateChanged.connect(self._suggest_path)
        self._suggest_path()
        self.created: Path | None = None
        self.resize(720, 0)

    def rule(self) -> str | None:
        """The quorum rule chosen, or None."""
        return next((code for code, b in self.rule_buttons.items() if b.isChecked()), None)

    def _suggest_path(self) -> None:
        """Follow the title and date in the default folder until the organizer picks a file."""
        if self._path_chosen:
            return
        day = self.date.date().toString("yyyy-MM-dd")
        name = safe_file_name(self.title.text()) if self.title.text().strip() else self.tr("meeting")
        self.path.setText(str(self.folder / f"{name} {day}.sqlite"))

    def _browse(self) -> None:
        start = self.path.text().strip() or str(self.folder)
        parent = Path(start).parent
        if not parent.is_dir():  # the default folder is made only when a file goes there
            start = str(Path.home() / Path(start).name)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the meeting as"), start,
                                              file_filter())
        if path:
            self._path_chosen = True
            self.path.setText(path)

    def create(self) -> bool:
        """Make the file; stays open with the reason when that fails."""
        path = self.path.text().strip()
        if not self.title.text().strip():
            self.error.setText(self.tr("Give the meeting a title."))
            return False
        rule = self.rule()
        if rule is None:
            self.error.setText(self.tr("Choose the quorum rule (read the note under it)."))
            return False
        if not path:
            self.error.setText(self.tr("Choose where to save the meeting file."))
            return False
        target = Path(path).expanduser()
        if target.suffix == "":
            target = target.with_suffix(".sqlite")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            OrganizerService.create(
                target, title=self.title.text(), date=self.date.date().toString("yyyy-MM-dd"),
                venue=self.venue.text(), quorum_rule=rule,
                opens_at=self.opens.time().toString("HH:mm") if self.opens_on.isChecked() else None,
                closes_at=self.closes.time().toString("HH:mm") if self.closes_on.isChecked() else None,
            ).close()
        except UserError as exc:
            self.error.setText(domain_text(exc))
            return False
        except OSError as exc:
            self.error.setText(self.tr("Cannot save there: %1").replace("%1", str(exc)))
            return False
        self.created = target
        self.accept()
        return True


def ask_new_meeting(parent: QWidget | None) -> Path | None:
    """Show the new-meeting form; the file made, or None."""
    dlg = NewMeetingDialog(parent)
    return dlg.created if dlg.exec() == QDialog.DialogCode.Accepted else None


def ask_open_meeting(parent: QWidget | None) -> Path | None:
    """Ask for a meeting file to open, starting in the meetings folder."""
    folder = meetings_folder()
    path, _ = QFileDialog.getOpenFileName(
        parent, QApplication.translate("Organizer", "Open a meeting"),
        str(folder if folder.is_dir() else Path.home()), file_filter())
    return Path(path) if path else None
