"""File ▸ Print: write a report's PDF (reports/), then print it or open it.

The PDFs are made by the reports package (reportlab, no Qt). The printers are
listed with ``lpstat`` on a worker (Qt's print dialog asked CUPS on the GUI
thread: a CUPS server that did not answer froze the window), then
``PrinterChoice`` asks which one and how many copies; the PDF itself goes to
that CUPS queue with ``lp`` (reports.printing.print_pdf), since this PySide6 has
no QtPdf to render pages. If no queue is chosen or printing fails, the PDF is opened in
the system's viewer instead, so the organizer can always print it from there.

Writing the PDF (thousands of pages for certificates) runs in a child
process (ui.tasks.in_child, ui/organizer/pdf_job.py): reportlab holds Python's
GIL for a tenth of a second at a time, which stalled the window even from a
worker thread. The child opens the meeting file itself; Cancel ends it at once
and the half-written file is removed. Waiting for ``lp`` (a printer or CUPS
server that does not answer holds it for up to a minute) runs on a worker
thread. Both behind a progress dialog with Cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from data.private import open_private
from kiosk.organizer import OrganizerService
from ui.messages import domain_text
from ui.organizer import pdf_job
from ui.tasks import Cancelled, Progress, Task, in_child, progress_dialog, run_task

if TYPE_CHECKING:
    from reports.glyphs import Gap


def file_name(kind: str) -> str:
    """The default file name of a printed output, in the UI's language."""
    return {
        "report": QCoreApplication.translate("Printing", "attendance-report"),
        "certificates": QCoreApplication.translate("Printing", "certificates"),
        "cards": QCoreApplication.translate("Printing", "invitation-cards"),
        "sheets": QCoreApplication.translate("Printing", "paper-sheets"),
    }[kind] + ".pdf"


def gap_text(gaps: list[Gap]) -> str:
    """The warning for characters no font has (reports.glyphs gaps), '' if there are none."""
    if not gaps:
        return ""
    lines = [QCoreApplication.translate(
        "Printing", "No installed font has these characters; they print as □. "
        "Install a font with rare characters (see README) or write them by hand:")]
    for g in gaps[:20]:
        who = f"{g.member.name}（{g.member.branch}）" if g.member else g.field
        lines.append(f"• {who}：{g.char} {g.code}")
    if len(gaps) > 20:
        lines.append(QCoreApplication.translate("Printing", "… and %1 more").replace(
            "%1", str(len(gaps) - 20)))
    return "\n".join(lines)


KINDS = ("report", "certificates", "cards", "sheets")


def kind_label(kind: str) -> str:
    """The menu text of a printed output."""
    return {
        "report": QCoreApplication.translate("Printing", "Attendance report…"),
        "certificates": QCoreApplication.translate("Printing", "Certificates…"),
        "cards": QCoreApplication.translate("Printing", "Invitation cards…"),
        "sheets": QCoreApplication.translate("Printing", "Paper sheets…"),
    }[kind]


def write_pdf(kind: str, service: OrganizerService, path: str | Path,
              progress: Progress | None = None) -> Path:
    """Write one of the printed outputs of this meeting to a PDF file.

    It is written beside the target first and renamed when complete, so a
    cancelled or failed run never leaves half a PDF under the chosen name.
    """
    from ui.language import chinese

    path = Path(path)
    part = path.with_name(path.name + ".part")
    try:
        # the certificates' English title line only when the window speaks English
        service.write_output(kind, part, english=not chinese())
        if progress is not None:
            progress.check()  # cancelled while the pages were made: keep nothing
        part.replace(path)
    finally:
        part.unlink(missing_ok=True)
    return path


def send_to_printer(path: Path, printer: str, copies: int = 1,
                    progress: Progress | None = None) -> str:
    """Send a PDF to a CUPS queue; returns the job id. Cancel stops waiting for lp."""
    from reports.printing import PrintCancelled, print_pdf

    cancelled = (lambda: progress.cancelled) if progress is not None else None
    try:
        return print_pdf(path, printer, copies=copies, title=path.name, cancelled=cancelled)
    except PrintCancelled:
        raise Cancelled from None


class PrinterChoice(QDialog):
    """Which printer, how many copies — from a list found off the GUI thread.

    Also offers to save a copy of the PDF as a file instead; with no printer
    found it says so and offers only that.
    """

    def __init__(self, names: list[str], default: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print"))
        self.to_file = False
        self.queue = QComboBox()
        self.queue.addItems(names)
        if default in names:
            self.queue.setCurrentText(default)
        self.copies = QSpinBox()
        self.copies.setRange(1, 99)
        self.none_found = QLabel(self.tr(
            "No printer was found. Add the printer in the system's printer settings (CUPS), "
            "or save a copy of the PDF and print it from another computer."))
        self.none_found.setWordWrap(True)
        self.none_found.setVisible(not names)
        form = QFormLayout()
        form.addRow(self.tr("Printer"), self.queue)
        form.addRow(self.tr("Copies"), self.copies)
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(self.tr("Print"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setEnabled(bool(names))
        self.file_button = buttons.addButton(self.tr("Save a copy as PDF…"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.file_button.clicked.connect(self._to_file)
        layout = QVBoxLayout(self)
        layout.addWidget(self.none_found)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def printer(self) -> str:
        """The chosen CUPS queue ('' when there is none)."""
        return self.queue.currentText()

    def _to_file(self) -> None:
        self.to_file = True
        self.accept()


class PrintFlow(QObject):
    """One File ▸ Print run: save as, write (worker), offer, printers listed (worker), printer choice, send (worker)."""

    written = Signal(object)  # the PDF's path
    sent = Signal(str)        # the print job id
    declined = Signal()       # no printer chosen: nothing sent
    ended = Signal()

    def __init__(self, window: QWidget, service: OrganizerService, kind: str) -> None:
        super().__init__(window)
        self.window, self.kind = window, kind
        self.meeting, self.actor = service.path, service.actor
        self.task: Task | None = None
        self.out: Path | None = None
        self.choice: PrinterChoice | None = None  # while the printer is being chosen

    def start(self) -> Task | None:
        """Ask where to save, then write the PDF on a worker; None if the user declined."""
        default = str(self.meeting.with_name(f"{self.meeting.stem}-{file_name(self.kind)}"))
        path, _ = QFileDialog.getSaveFileName(
            self.window, kind_label(self.kind).rstrip("…"), default,
            QCoreApplication.translate("Printing", "PDF files (*.pdf)"))
        if not path:
            self.ended.emit()
            return None
        self.task = run_task(self, self.pdf_work(Path(path)), name=f"pdf-{self.kind}",
                             done=self._written, failed=self._write_failed,
                             cancelled=self.ended.emit)
        progress_dialog(self.task, self.window,
                        QCoreApplication.translate("Printing", "Writing %1…").replace("%1", Path(path).name))
        return self.task

    def pdf_work(self, target: Path) -> Callable[[Progress], tuple[Path, list[Gap]]]:
        """The work of writing this flow's PDF to ``target`` in a child process.

        The child writes ``target.part``, renamed when complete: a cancelled or
        failed run never leaves half a PDF under the chosen name.
        """
        from ui.language import chinese

        steps = (QCoreApplication.translate("Printing", "Drawing the pages of %1…")
                 .replace("%1", target.name),
                 QCoreApplication.translate("Printing", "Checking that every character has a font…"))
        meeting, actor, kind, english = str(self.meeting), self.actor, self.kind, not chinese()

        def work(progress: Progress) -> tuple[Path, list[Gap]]:
            part = target.with_name(target.name + ".part")
            try:
                gaps = in_child(pdf_job.write, meeting, actor, kind, str(part), english,
                                steps)(progress)
                progress.check()  # cancelled as the child ended: keep nothing
                part.replace(target)
            finally:
                part.unlink(missing_ok=True)
            return target, gaps

        return work

    def _write_failed(self, exc: BaseException) -> None:
        # The child's error keeps the domain's Chinese text (ChildError.zh): shown in Chinese.
        QMessageBox.critical(self.window, QCoreApplication.translate("Printing", "The PDF was not written"),
                             domain_text(exc))
        self.ended.emit()

    def _written(self, written: tuple[Path, list[Gap]]) -> None:
        out, gaps = written
        self.out = out
        self.written.emit(out)
        # Said before the Print button can be pressed: a name printed with □ is seen here first.
        warn = gap_text(gaps)
        box = QMessageBox(QMessageBox.Icon.Warning if warn else QMessageBox.Icon.Information,
                          QCoreApplication.translate("Printing", "PDF written"),
                          QCoreApplication.translate("Printing", "Saved %1").replace("%1", str(out))
                          + (f"\n\n{warn}" if warn else ""), parent=self.window)
        print_button = box.addButton(QCoreApplication.translate("Printing", "Print…"),
                                     QMessageBox.ButtonRole.AcceptRole)
        open_button = box.addButton(QCoreApplication.translate("Printing", "Open"),
                                    QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is print_button:
            self.print_with_dialog(out)
            return  # choosing (and sending) ends the flow
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
        self.ended.emit()

    def print_with_dialog(self, path: Path) -> Task:
        """Find the printers on a worker, then ask which one; the PDF is sent on a worker.

        Qt's print dialog asks CUPS for its printers on the GUI thread, and a CUPS
        server that does not answer froze the window; here ``lpstat`` runs on a
        worker behind a progress dialog with Cancel, and the choice is asked in
        ``PrinterChoice`` once the list is there. ``declined`` is emitted when
        nothing is sent (Cancel, a copy saved as a file instead).
        """
        from reports.printing import default_printer, printers

        def find(progress: Progress) -> tuple[list[str], str | None]:
            found = printers()
            progress.check()
            return found, default_printer(cancelled=lambda: progress.cancelled) if found else None

        self.task = run_task(self, find, name="printers", abandon=True,  # it only reads
                             # after the task's progress dialog is gone, not inside its signal
                             done=lambda found: QTimer.singleShot(0, lambda: self._choose(path, *found)),
                             failed=lambda _exc: QTimer.singleShot(0, lambda: self._choose(path, [], None)),
                             cancelled=self._declined)
        progress_dialog(self.task, self.window,
                        QCoreApplication.translate("Printing", "Looking for printers…"))
        return self.task

    def _choose(self, path: Path, names: list[str], default: str | None) -> None:
        choice = PrinterChoice(names, default, self.window)
        self.choice = choice
        try:
            answer = choice.exec()
        finally:
            self.choice = None
        sending = False
        try:
            if answer == QDialog.DialogCode.Accepted and choice.to_file:
                self._save_copy(path)
            elif answer == QDialog.DialogCode.Accepted and choice.printer():
                self.send(path, choice.printer(), choice.copies.value())
                sending = True  # the send ends the flow
        finally:
            # Run from a timer: anything escaping here would only reach stderr, and a
            # flow never ended keeps its window waiting. Whatever happened, it ends.
            if not sending:
                self._declined()

    def _save_copy(self, path: Path) -> bool:
        """'Save a copy as PDF…': the PDF where the organizer says, owner-only; True if saved.

        A destination that cannot take it (read-only, full, not a folder) is
        said in a message box, and a half-written copy this made is removed.
        """
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, QCoreApplication.translate("Printing", "Save a copy as PDF"),
            str(path), QCoreApplication.translate("Printing", "PDF files (*.pdf)"))
        if not chosen or Path(chosen).resolve() == path.resolve():
            return False
        target = Path(chosen)
        made = False  # only a file this created is removed (never an existing one, nor /dev/…)
        try:
            data = path.read_bytes()
            existed = target.exists()
            with open_private(target, "wb") as f:  # owner-only
                made = not existed
                f.write(data)
        except OSError as exc:
            if made:
                with suppress(OSError):  # the message below says it was not saved either way
                    target.unlink(missing_ok=True)
            QMessageBox.warning(
                self.window, QCoreApplication.translate("Printing", "The copy was not saved"),
                QCoreApplication.translate("Printing", "%1 could not be written: %2")
                .replace("%1", str(target)).replace("%2", exc.strerror or str(exc)))
            return False
        return True

    def _declined(self) -> None:
        self.declined.emit()
        self.ended.emit()

    def send(self, path: Path, printer: str, copies: int = 1) -> Task:
        """Send the PDF to a CUPS queue on a worker, with a progress dialog and Cancel."""
        self.task = run_task(self, lambda progress: send_to_printer(path, printer, copies, progress),
                             name="print", done=self._sent,
                             failed=lambda exc: self._send_failed(path, exc),
                             cancelled=self.ended.emit)
        progress_dialog(self.task, self.window,
                        QCoreApplication.translate("Printing", "Sending to the printer %1…")
                        .replace("%1", printer))
        return self.task

    def _sent(self, job: str) -> None:
        self.sent.emit(job)
        self.ended.emit()

    def _send_failed(self, path: Path, exc: BaseException) -> None:
        QMessageBox.warning(self.window, QCoreApplication.translate("Printing", "Printing failed"),
                            QCoreApplication.translate("Printing", "%1\nThe PDF opens instead; print it from there.")
                            .replace("%1", str(exc)))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.ended.emit()


def make_and_offer(window: QWidget, service: OrganizerService, kind: str) -> PrintFlow:
    """Ask where to save, write the PDF (worker), then offer to print or open it."""
    flow = PrintFlow(window, service, kind)
    flow.ended.connect(flow.deleteLater)
    flow.start()
    return flow


def add_print_actions(menu: QMenu, window: QWidget, service: OrganizerService) -> None:
    """Fill File ▸ Print with the four printed outputs."""
    for kind in KINDS:
        action = QAction(kind_label(kind), window)
        action.triggered.connect(lambda _checked=False, k=kind: make_and_offer(window, service, k))
        menu.addAction(action)


def member_pdf(kind: str, service: OrganizerService, member_id: int, folder: Path) -> Path:
    """One member's card ('card') or certificate ('certificate') as a PDF in ``folder``."""
    from kiosk.safetext import safe_filename
    from ui.language import chinese

    m = service.store.member(member_id)
    if m is None:
        raise ValueError(f"no member {member_id}")
    label = (QCoreApplication.translate("Printing", "card") if kind == "card"
             else QCoreApplication.translate("Printing", "certificate"))
    path = folder / safe_filename(f"{service.path.stem}-{label}-{m.name}-{m.id}", ".pdf")
    output = "cards" if kind == "card" else "certificates"
    if not service.write_output(output, path, member_ids=[member_id], english=not chinese()):
        path.unlink(missing_ok=True)
        why = (QCoreApplication.translate("Printing", "%1 has no card to print (excused from this meeting).")
               if kind == "card" else
               QCoreApplication.translate("Printing", "%1 has not signed in: no certificate."))
        raise ValueError(why.replace("%1", m.name))
    return path


def print_member(window: QWidget, service: OrganizerService, kind: str, member_id: int,
                 said: Callable[[str], None]) -> Task | None:
    """Write one member's card or certificate beside the meeting, then print it.

    The page is written at once (one page); the printers are listed on a
    worker, ``PrinterChoice`` picks one and the PDF is sent on a worker.
    ``said`` gets a sentence for the organizer: where it went. Returns the task
    under way (listing the printers, then sending).
    """
    path = member_pdf(kind, service, member_id, service.path.parent)
    flow = PrintFlow(window, service, "cards" if kind == "card" else "certificates")
    flow.sent.connect(lambda job: said(
        QCoreApplication.translate("Printing", "Sent to the printer (job %2); also saved as %1.")
        .replace("%1", str(path)).replace("%2", job)))
    flow.declined.connect(lambda: said(
        QCoreApplication.translate("Printing", "Not printed; saved as %1.").replace("%1", str(path))))
    flow.ended.connect(flow.deleteLater)
    return flow.print_with_dialog(path)
