"""The log where the organizer is: records of every thread shown in the window.

The hub runs on its own thread inside the organizer's window; its errors (a
desk whose events could not be stored, a connection that failed) went to the
log file beside the meeting and to stderr, where nobody looks during a
meeting. ``GuiLogHandler`` is a ``logging.Handler`` on the root logger (next
to kiosk/logs.py's file handler) that hands each record to the GUI thread by
a queued signal; ``LogView`` lists them, newest last, warnings and errors by
default, and counts the problems so the window can show that there are some.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.style import LOG_LEVEL_COLOURS, MUTED, ui_font

MAX_ENTRIES = 2000  # a looping error must not grow the window without end


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One log record, already formatted (records hold references we must not keep)."""

    created: float
    level: int
    name: str
    message: str

    @property
    def problem(self) -> bool:
        """A warning or worse: something the organizer should look at."""
        return self.level >= logging.WARNING

    def line(self, level_name: str | None = None) -> str:
        """'09:41:07 ERROR kiosk.link.hub: could not store …' (the level as given, if given)."""
        stamp = time.strftime("%H:%M:%S", time.localtime(self.created))
        level = level_name or logging.getLevelName(self.level)
        return f"{stamp} {level} {self.name}: {self.message}"


class _Relay(QObject):
    """Lives on the GUI thread; a record emitted from any thread arrives there queued."""

    logged = Signal(object)  # LogEntry


class GuiLogHandler(logging.Handler):
    """Forwards log records from any thread to the GUI thread, as ``LogEntry`` by signal."""

    def __init__(self, level: int = logging.INFO) -> None:
        super().__init__(level)
        self.relay = _Relay()
        self.logged = self.relay.logged

    def emit(self, record: logging.LogRecord) -> None:
        """Format here (any thread), show there (the GUI thread)."""
        try:
            message = record.getMessage()
            if record.exc_info and record.exc_info[1] is not None:
                exc = record.exc_info[1]
                message += f" ({type(exc).__name__}: {exc})"
            self.relay.logged.emit(LogEntry(record.created, record.levelno, record.name, message))
        except RuntimeError:
            pass  # the window is gone; the file handler still has the record
        except Exception:  # noqa: BLE001 - logging must never raise into the caller
            self.handleError(record)

    def install(self) -> GuiLogHandler:
        """Put this handler on the root logger (where kiosk/logs.py's handlers are)."""
        logging.getLogger().addHandler(self)
        return self

    def remove(self) -> None:
        """Take it off again (the window closes)."""
        logging.getLogger().removeHandler(self)


class LogView(QWidget):
    """The log's recent records with a level filter, a problem count and the file's place."""

    problemsChanged = Signal(int)  # how many warnings and errors arrived

    def __init__(self, handler: GuiLogHandler, log_file: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: deque[LogEntry] = deque(maxlen=MAX_ENTRIES)
        self.problems = 0
        self.log_file = log_file
        self.hint = QLabel(self.tr("What the hub, the desks' link and this window reported. "
                                   "Warnings and errors also stay in the log file."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {MUTED};")
        self.level = QComboBox()
        self.level.addItem(self.tr("Warnings and errors"), logging.WARNING)
        self.level.addItem(self.tr("Everything"), logging.INFO)
        self.level.currentIndexChanged.connect(self._refill)
        self.count = QLabel()
        self.open_button = QPushButton(self.tr("Open the log file"))
        self.open_button.clicked.connect(self.open_file)
        self.open_button.setEnabled(log_file is not None)
        self.list = QListWidget()
        self.list.setFont(ui_font(12))
        self.list.setWordWrap(True)
        self.empty = QLabel(self.tr("Nothing to report."))
        self.empty.setStyleSheet(f"color: {MUTED};")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show")))
        top.addWidget(self.level)
        top.addWidget(self.count, 1)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        handler.logged.connect(self.add, Qt.ConnectionType.QueuedConnection)
        self._show_count()
        self._refill()

    def add(self, entry: LogEntry) -> None:
        """Take one record (on the GUI thread)."""
        self.entries.append(entry)
        if entry.level >= self.level.currentData():
            self._append(entry)
            while self.list.count() > MAX_ENTRIES:
                self.list.takeItem(0)
        if entry.problem:
            self.problems += 1
            self._show_count()
            self.problemsChanged.emit(self.problems)

    def shown(self) -> list[str]:
        """The lines listed now (for tests and for copying)."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def open_file(self) -> None:
        """Open the whole log file in the system's viewer."""
        if self.log_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file)))

    def level_name(self, level: int) -> str:
        """A level as the window's language names it."""
        if level >= logging.ERROR:
            return self.tr("ERROR")
        if level >= logging.WARNING:
            return self.tr("WARNING")
        return self.tr("INFO") if level >= logging.INFO else self.tr("DEBUG")

    def _append(self, entry: LogEntry) -> None:
        item = QListWidgetItem(entry.line(self.level_name(entry.level)))
        colour = LOG_LEVEL_COLOURS.get(entry.level)
        if colour:
            item.setForeground(QBrush(QColor(colour)))
        self.list.addItem(item)
        self.list.scrollToBottom()
        self.empty.hide()

    def _refill(self) -> None:
        self.list.clear()
        for entry in self.entries:
            if entry.level >= self.level.currentData():
                self._append(entry)
        self.empty.setVisible(self.list.count() == 0)

    def _show_count(self) -> None:
        self.count.setText(self.tr("%n warning(s) or error(s) since the window opened", "",
                                   self.problems) if self.problems else "")

