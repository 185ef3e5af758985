"""File ▸ Print: write a report's PDF (reports/), then print it or open it.

The PDFs are made by the reports package (reportlab, no Qt). Qt's print dialog
chooses the printer and the number of copies; the PDF itself goes to that CUPS
queue with ``lp`` (reports.printing.print_pdf), since this PySide6 has no QtPdf
to render pages. If no queue is chosen or printing fails, the PDF is opened in
the system's viewer instead, so the organizer can always print it from there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from kiosk.organizer import OrganizerService


def file_name(kind: str) -> str:
    """The default file name of a printed output, in the UI's language."""
    return {
        "report": QCoreApplication.translate("Printing", "attendance-report"),
        "certificates": QCoreApplication.translate("Printing", "certificates"),
        "cards": QCoreApplication.translate("Printing", "invitation-cards"),
        "sheets": QCoreApplication.translate("Printing", "paper-sheets"),
    }[kind] + ".pdf"


def font_warning(kind: str, service: OrganizerService) -> str:
    """Members and characters no installed font can print in this output ('' if none)."""
    gaps = service.font_gaps(kind)
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


def write_pdf(kind: str, service: OrganizerService, path: str | Path) -> Path:
    """Write one of the printed outputs of this meeting to a PDF file."""
    from ui.language import chinese

    path = Path(path)
    # the certificates' English title line only when the window speaks English
    service.write_output(kind, path, english=not chinese())
    return path


def send_to_printer(path: Path, printer: str, copies: int = 1) -> str:
    """Send a PDF to a CUPS queue; returns the job id."""
    from reports.printing import print_pdf

    return print_pdf(path, printer, copies=copies, title=path.name)


def print_with_dialog(parent: QWidget, path: Path) -> bool:
    """Ask for a printer with Qt's dialog and print the PDF there; True when sent."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        # "Print to file": the PDF is already what the user wants.
        Path(printer.outputFileName()).write_bytes(path.read_bytes())
        return True
    try:
        send_to_printer(path, printer.printerName(), printer.copyCount())
    except Exception as exc:  # noqa: BLE001 - any failure: say so and open the file instead
        QMessageBox.warning(parent, QCoreApplication.translate("Printing", "Printing failed"),
                            QCoreApplication.translate("Printing", "%1\nThe PDF opens instead; print it from there.")
                            .replace("%1", str(exc)))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return False
    return True


def make_and_offer(window: QWidget, meeting: Path, service: OrganizerService,
                   kind: str) -> Path | None:
    """Ask where to save, write the PDF, then offer to print or open it."""
    default = str(meeting.with_name(f"{meeting.stem}-{file_name(kind)}"))
    path, _ = QFileDialog.getSaveFileName(window, kind_label(kind).rstrip("…"), default,
                                          QCoreApplication.translate("Printing", "PDF files (*.pdf)"))
    if not path:
        return None
    try:
        out = write_pdf(kind, service, path)
    except Exception as exc:  # noqa: BLE001 - reports raise their own errors with plain messages
        QMessageBox.critical(window, QCoreApplication.translate("Printing", "The PDF was not written"), str(exc))
        return None
    # Said before the Print button can be pressed: a name printed with □ is seen here first.
    warn = font_warning(kind, service)
    box = QMessageBox(QMessageBox.Icon.Warning if warn else QMessageBox.Icon.Information,
                      QCoreApplication.translate("Printing", "PDF written"),
                      QCoreApplication.translate("Printing", "Saved %1").replace("%1", str(out))
                      + (f"\n\n{warn}" if warn else ""), parent=window)
    print_button = box.addButton(QCoreApplication.translate("Printing", "Print…"), QMessageBox.ButtonRole.AcceptRole)
    open_button = box.addButton(QCoreApplication.translate("Printing", "Open"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is print_button:
        print_with_dialog(window, out)
    elif box.clickedButton() is open_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
    return out


def add_print_actions(menu: QMenu, window: QWidget, meeting: Path,
                      service: OrganizerService) -> None:
    """Fill File ▸ Print with the four printed outputs."""
    for kind in KINDS:
        action = QAction(kind_label(kind), window)
        action.triggered.connect(
            lambda _checked=False, k=kind: make_and_offer(window, meeting, service, k))
        menu.addAction(action)
