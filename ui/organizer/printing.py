"""File ▸ Print: write a report's PDF (reports/), then print it or open it.

The PDFs are made by the reports package (reportlab, no Qt). Qt's print dialog
chooses the printer and the number of copies; the PDF itself goes to that CUPS
queue with ``lp`` (reports.printing.print_pdf), since this PySide6 has no QtPdf
to render pages. If no queue is chosen or printing fails, the PDF is opened in
the system's viewer instead, so the organizer can always print it from there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from data.store import Store


def _builders() -> dict[str, tuple[Callable[[Store, Path], object], str]]:
    # Imported when used: reportlab is slow to import and not needed to watch a meeting.
    from reports.attendance import build_report
    from reports.cards import build_cards
    from reports.certificates import build_certificates
    from reports.sheets import build_sheets

    def certificates(store: Store, path: Path) -> object:
        # the English title line only when the window speaks English
        from ui.language import chinese

        return build_certificates(store, path, english=not chinese())

    return {
        "report": (build_report, "attendance-report.pdf"),
        "certificates": (certificates, "certificates.pdf"),
        "cards": (build_cards, "invitation-cards.pdf"),
        "sheets": (build_sheets, "paper-sheets.pdf"),
    }


def file_name(kind: str) -> str:
    """The default file name of a printed output, in the UI's language."""
    return {
        "report": QCoreApplication.translate("Printing", "attendance-report"),
        "certificates": QCoreApplication.translate("Printing", "certificates"),
        "cards": QCoreApplication.translate("Printing", "invitation-cards"),
        "sheets": QCoreApplication.translate("Printing", "paper-sheets"),
    }[kind] + ".pdf"


def font_warning(kind: str, store: Store) -> str:
    """Members and characters no installed font can print in this output ('' if none)."""
    from reports.glyphs import for_output

    gaps = for_output(store, kind)
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


def write_pdf(kind: str, store: Store, path: str | Path) -> Path:
    """Write one of the printed outputs of this meeting to a PDF file."""
    build, _name = _builders()[kind]
    path = Path(path)
    build(store, path)
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


def make_and_offer(window: QWidget, meeting: Path, store: Store, kind: str) -> Path | None:
    """Ask where to save, write the PDF, then offer to print or open it."""
    default = str(meeting.with_name(f"{meeting.stem}-{file_name(kind)}"))
    path, _ = QFileDialog.getSaveFileName(window, kind_label(kind).rstrip("…"), default,
                                          QCoreApplication.translate("Printing", "PDF files (*.pdf)"))
    if not path:
        return None
    try:
        out = write_pdf(kind, store, path)
    except Exception as exc:  # noqa: BLE001 - reports raise their own errors with plain messages
        QMessageBox.critical(window, QCoreApplication.translate("Printing", "The PDF was not written"), str(exc))
        return None
    # Said before the Print button can be pressed: a name printed with □ is seen here first.
    warn = font_warning(kind, store)
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


def add_print_actions(menu: QMenu, window: QWidget, meeting: Path, store: Store) -> bool:
    """Fill File ▸ Print with the four printed outputs; False if reports/ is missing."""
    try:
        _builders()
    except ImportError:
        return False
    for kind in KINDS:
        action = QAction(kind_label(kind), window)
        action.triggered.connect(lambda _checked=False, k=kind: make_and_offer(window, meeting, store, k))
        menu.addAction(action)
    return True
