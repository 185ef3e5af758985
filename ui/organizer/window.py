"""The organizer's main window (``python main.py FILE``) and opening meeting files.

One window per meeting file. It holds one OrganizerService (kiosk/organizer.py) for the organizer's writes
(each through the domain, which audits) and one ``MeetingWatcher`` that reads
what every process writes; every tab and the big screen refresh from the
watcher, so a check-in at a desk on this machine shows within a poll interval.

A desk on this computer is not opened from here: the window emits
``deskRequested`` (forwarded by ``organizer_windows()``) and the launcher,
which knows both windows, answers it.
"""

from __future__ import annotations

import gc
import getpass
import logging
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from data.errors import UserError
from data.private import make_private
from kiosk.logs import log_beside, log_path_for
from kiosk.organizer import OrganizerService
from kiosk.roster import ImportReport
from kiosk.roster.template import write_template
from ui.link_widgets import HubPanel
from ui.live import MeetingWatcher
from ui.log_view import GuiLogHandler, LogView
from ui.messages import chinese
from ui.organizer.bigscreen import BigScreen
from ui.organizer.branches import BranchesPanel
from ui.organizer.dashboard import Dashboard
from ui.organizer.members import MembersPanel
from ui.organizer.new_meeting import (  # noqa: F401 - the launcher takes them from here
    NewMeetingDialog,
    ask_new_meeting,
    ask_open_meeting,
    file_filter,
)
from ui.organizer.paper_sheet import PaperSheetDialog
from ui.organizer.printing import add_print_actions
from ui.organizer.read_only import WriteLock
from ui.organizer.rollup_dialog import RollupDialog
from ui.organizer.roster_import import RosterImportDialog
from ui.organizer.settings import SettingsPanel
from ui.style import AMBER, ERROR, MUTED, NOTE_BACK, NOTICE_BACK, NOTICE_BORDER

log = logging.getLogger(__name__)

RECENT_KEY = "organizer/recent"
MAX_RECENT = 8

# Windows opened by open_window(); kept here so Python does not free them.
_OPEN: list[QWidget] = []


class OrganizerWindows(QObject):
    """What every organizer window asks of the launcher, in one place to connect to."""

    deskRequested = Signal(str)  # open a desk on this meeting file


_windows: OrganizerWindows | None = None


def organizer_windows() -> OrganizerWindows:
    """The one relay of all organizer windows' requests (made on first use)."""
    global _windows
    if _windows is None:
        _windows = OrganizerWindows()
    return _windows


def settings() -> QSettings:
    """SignDesk's per-user settings (an INI file, so tests can point it at a temp dir)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "SignDesk", "SignDesk")


def recent_files() -> list[str]:
    """Meeting files opened lately, newest first, that still exist."""
    value = settings().value(RECENT_KEY, [])
    if isinstance(value, str):
        value = [value]
    return [p for p in (value or []) if Path(p).exists()]


def remember(path: str | Path) -> None:
    """Put a meeting file at the top of the recent list."""
    path = str(Path(path).resolve())
    files = [path] + [p for p in recent_files() if p != path]
    s = settings()
    s.setValue(RECENT_KEY, files[:MAX_RECENT])
    s.sync()
    # The list names meeting files: owner-only, like everything SignDesk writes.
    make_private(s.fileName())
    make_private(Path(s.fileName()).parent)


def actor() -> str:
    """The login name: who the audit names until the organizer has said their name."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (containers): still audit something
        return "organizer"


NAME_KEY = "organizer/name/"      # + a digest of the meeting file's path
LAST_NAME_KEY = "organizer/last_name"


def _name_key(path: str | Path) -> str:
    import hashlib

    return NAME_KEY + hashlib.sha256(str(Path(path).resolve()).encode()).hexdigest()[:16]


def organizer_name(path: str | Path) -> tuple[str, bool]:
    """The organizer's name for this meeting file and whether it was given for this file.

    Remembered per meeting file (this user's settings, not the meeting file:
    another organizer opening the file is not named after this one); a file
    opened for the first time takes the name last given for any file. Empty
    when no name was ever given.
    """
    from kiosk.desk import clean_operator

    s = settings()
    own = clean_operator(str(s.value(_name_key(path), "") or ""))
    if own:
        return own, True
    return clean_operator(str(s.value(LAST_NAME_KEY, "") or "")), False


def remember_organizer_name(path: str | Path, name: str) -> str:
    """Keep the organizer's name for this file (and as the last one given); the name kept."""
    from kiosk.desk import clean_operator

    name = clean_operator(name)
    s = settings()
    s.setValue(_name_key(path), name)
    if name:
        s.setValue(LAST_NAME_KEY, name)
    s.sync()
    make_private(s.fileName())
    return name


class OrganizerWindow(QMainWindow):
    """Preparing and watching one meeting: tabs for dashboard, members, desks, settings."""

    closed = Signal()
    deskRequested = Signal(str)  # the launcher opens a desk on this file

    def __init__(self, path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        # Who the audit names: the name the organizer gave (for this file, else the last
        # one given), the login name until then.
        name, for_file = organizer_name(self.path)
        if name and not for_file:
            remember_organizer_name(self.path, name)
        self.name_given = bool(name)
        self.name_dialog: QInputDialog | None = None
        # The organizer's door to the meeting file: every write goes through it.
        self.service = OrganizerService(self.path, name or actor())
        log_beside(self.path)  # the log follows the meeting the organizer works on
        # A roster import's full re-read runs on a worker, not on this thread.
        self.watcher = MeetingWatcher(self.path, parent=self, background_reload=True)
        self.big_screen: BigScreen | None = None
        remember(self.path)

        self.tabs = QTabWidget()
        self.dashboard = Dashboard(self.service, self.watcher)
        self.members = MembersPanel(self.service, self.watcher)
        self.branches = BranchesPanel(self.service, self.watcher)
        self.settings_panel = SettingsPanel(self.service, self.watcher)
        self.tabs.addTab(self.dashboard, self.tr("Dashboard"))
        self.tabs.addTab(self.members, self.tr("Members"))
        self.tabs.addTab(self.branches, self.tr("Branches && desks"))
        self.tabs.addTab(self.settings_panel, self.tr("Meeting settings"))
        # Desks on other computers join through the hub, which the organizer
        # starts here when the meeting has more than this one laptop.
        self.hub = None  # kiosk.link.hub.Hub once started
        self.hub_tab = QWidget()
        self.hub_layout = QVBoxLayout(self.hub_tab)
        self.hub_placeholder = QLabel(self.tr(
            "Desks on other computers join this meeting through the hub. Start it here, then "
            "on each desk's computer choose \"Join a meeting on the network…\" on the start "
            "screen and type the pairing code shown here (or scan its QR code)."))
        self.hub_placeholder.setWordWrap(True)
        self.hub_placeholder.setStyleSheet(f"color: {MUTED};")
        self.hub_button = QPushButton(self.tr("Start the hub for desks"))
        self.hub_button.clicked.connect(lambda: self.start_hub())
        self.hub_error = QLabel()
        self.hub_error.setWordWrap(True)
        self.hub_error.setStyleSheet(f"color: {ERROR};")
        self.hub_layout.addWidget(self.hub_placeholder)
        self.hub_layout.addWidget(self.hub_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.hub_layout.addWidget(self.hub_error)
        self.hub_layout.addStretch(1)
        self.tabs.addTab(self.hub_tab, self.tr("Desks && hub"))
        # The hub runs on its own thread in this window: its errors (and the link's,
        # and this window's) are shown here, not only in the log file beside the meeting.
        self.log_handler = GuiLogHandler().install()
        self.log_view = LogView(self.log_handler, log_path_for(self.path))
        self.tabs.addTab(self.log_view, self.tr("Log"))
        self.problems = QPushButton()
        self.problems.setFlat(True)
        self.problems.setStyleSheet(f"color: {ERROR}; font-weight: bold;")
        self.problems.hide()
        self.problems.clicked.connect(lambda: self.tabs.setCurrentWidget(self.log_view))
        self.statusBar().addPermanentWidget(self.problems)
        self.name_button = QPushButton()
        self.name_button.setFlat(True)
        self.name_button.setToolTip(self.tr("Your name is recorded with every change you make "
                                            "to this meeting. Click to change it."))
        self.name_button.clicked.connect(lambda: self.ask_organizer_name())
        self.statusBar().addPermanentWidget(self.name_button)
        self._show_name(bool(name))
        self.log_view.problemsChanged.connect(self._problems_logged)
        # A result the organizer must read (what an import did) stays above the
        # tabs until they say they have read it.
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_ok = QPushButton(self.tr("OK, read"))
        self.notice_ok.clicked.connect(self.hide_notice)
        self.notice_bar = QFrame()
        self.notice_bar.setObjectName("noticeBar")
        self.notice_bar.setStyleSheet(f"QFrame#noticeBar {{ background: {NOTICE_BACK}; "
                                      f"border: 1px solid {NOTICE_BORDER}; border-radius: 6px; }}")
        bar = QHBoxLayout(self.notice_bar)
        bar.addWidget(self.notice, 1)
        bar.addWidget(self.notice_ok)
        self.notice_bar.hide()
        central = QWidget()
        main = QVBoxLayout(central)
        main.setContentsMargins(6, 6, 6, 6)
        main.addWidget(self.notice_bar)
        self.read_only_bar = self._read_only_bar()
        if self.read_only_bar is not None:
            main.addWidget(self.read_only_bar)
        main.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.dashboard.importRequested.connect(self.import_roster)
        self.watcher.meetingChanged.connect(self._set_title)
        self._build_menus()
        self.write_lock = self._lock_writes()
        self._set_title()
        self.resize(1280, 760)
        # A 100,000-member roster is a million long-lived objects: keep them out
        # of the garbage collector's full scans, which would pause a refresh.
        gc.freeze()
        self.watcher.rosterReloaded.connect(gc.freeze)
        self.deskRequested.connect(organizer_windows().deskRequested)

    def _show_name(self, given: bool) -> None:
        if given:
            self.name_button.setText(self.tr("Organizer: %1").replace("%1", self.service.actor))
        else:
            self.name_button.setText(self.tr("Organizer: %1 (login name) — set your name")
                                     .replace("%1", self.service.actor))

    def set_organizer_name(self, name: str) -> str:
        """Record changes under this name from now on; remembered for this meeting file."""
        kept = remember_organizer_name(self.path, name)
        self.service.actor = kept or actor()
        self.name_given = bool(kept)
        self._show_name(bool(kept))
        return self.service.actor

    def ask_organizer_name(self) -> QInputDialog:
        """Ask the organizer's name in a window-modal box that does not block (OK sets it)."""
        if self.name_dialog is not None:
            return self.name_dialog
        dlg = QInputDialog(self)
        dlg.setWindowTitle(self.tr("Your name"))
        dlg.setLabelText(self.tr("Your name, recorded with every change you make to this meeting "
                                 "(imports, settings, paper sheets, undoing check-ins):"))
        dlg.setTextValue(self.service.actor if self.name_given else "")
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.textValueSelected.connect(self.set_organizer_name)
        dlg.finished.connect(lambda _r: setattr(self, "name_dialog", None))
        self.name_dialog = dlg
        dlg.open()
        return dlg

    def _problems_logged(self, count: int) -> None:
        """Say in the status bar, on every tab, that the log has warnings or errors."""
        self.problems.setText(self.tr("⚠ %n problem(s) in the log", "", count))
        self.problems.show()
        self.tabs.setTabText(self.tabs.indexOf(self.log_view),
                             self.tr("Log (%1)").replace("%1", str(count)))

    def set_hub_panel(self, panel: QWidget) -> None:
        """Put the hub's panel (desks connected, pairing code …) in the Desks & hub tab."""
        self.hub_placeholder.hide()
        self.hub_button.hide()
        self.hub_error.hide()
        self.hub_layout.insertWidget(0, panel, 1)

    def start_hub(self, *, host: str = "0.0.0.0", port: int = 8765, discovery: bool = True) -> bool:
        """Serve this meeting to desks on the network; the hub runs on its own thread."""
        from kiosk.link.hub import Hub, HubError  # the network code, only when asked for

        if self.hub is not None:
            return True
        hub = Hub(self.path, host=host, port=port, discovery=discovery)
        try:
            hub.start()
        except HubError as exc:
            hub.stop()
            log.warning("the hub could not start: %s", exc)
            self.hub_error.setText(self.tr("The hub could not start: %1").replace("%1", str(exc)))
            return False
        self.hub = hub
        self.set_hub_panel(HubPanel(hub))
        return True

    def _read_only_bar(self) -> QLabel | None:
        """A line above the tabs when the file can only be read (read-only media), saying why."""
        store = self.service.store
        if store.read_only is None:
            return None
        reason = store.read_only_zh if chinese() else store.read_only
        bar = QLabel(self.tr(
            "This meeting file can only be read: %1. Figures, lists and printing work; to sign "
            "members in or change anything, copy the file to a folder you can write to and "
            "open the copy.").replace("%1", reason or ""))
        bar.setWordWrap(True)
        bar.setTextFormat(Qt.TextFormat.PlainText)
        bar.setStyleSheet(f"background: {NOTE_BACK}; border: 1px solid {AMBER}; border-radius: 6px; "
                          "padding: 6px;")
        return bar

    def _lock_writes(self) -> WriteLock | None:
        """On a file that can only be read, hold every control that writes disabled, saying why."""
        store = self.service.store
        if store.read_only is None:
            return None
        reason = (store.read_only_zh if chinese() else store.read_only) or ""
        lock = WriteLock(reason, self)
        lock.lock(*self.write_controls())
        self.branches.read_only_text = lock.text
        self.branches.load()
        word = QLabel(self.tr("Read-only"))
        word.setToolTip(lock.text)
        word.setStyleSheet(f"color: {AMBER}; font-weight: bold;")
        self.statusBar().addPermanentWidget(word)
        return lock

    def write_controls(self) -> list[QWidget | QAction]:
        """Every control of this window that writes to the meeting file (not its desk combos)."""
        m, d, s = self.members, self.dashboard, self.settings_panel
        controls: list[QWidget | QAction] = [
            self.import_action, self.paper_action, self.desk_action, self.hub_button,
            d.signin.open_button, d.signin.close_button, d.signin.auto_button, d.empty.import_button,
            s.save_button, s.title, s.date, s.venue, s.quorum, s.has_opens, s.opens, s.has_closes,
            s.closes, s.wrong_desk, s.track_leave, s.pin, s.clear_pin,
        ]
        # The members panel's, by name: a control renamed there is missed loudly by the test.
        for name in ("add_button", "remove_button", "reissue_button", "undo_button", "apply_button",
                     "import_photos_button", "category", "status", "reason", "case", "approved_by",
                     "approved_on", "vote_suspended", "lost_contact", "mobile"):
            if hasattr(m, name):
                controls.append(getattr(m, name))
        photo = getattr(m, "photo", None)
        for name in ("file_button", "camera_button", "remove_button"):
            if photo is not None and hasattr(photo, name):
                controls.append(getattr(photo, name))
        return controls

    def _set_title(self) -> None:
        m = self.watcher.meeting
        read_only = self.tr(" (read-only)") if self.service.store.read_only else ""
        self.setWindowTitle(f"{m.title}{read_only} — {self.path.name} — SignDesk")

    # ---- menus -----------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(self.tr("&File"))
        self.new_action = QAction(self.tr("&New meeting…"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.new_meeting)
        self.open_action = QAction(self.tr("&Open meeting…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.open_other)
        self.recent_menu = QMenu(self.tr("Open &recent"), self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.import_action = QAction(self.tr("&Import roster…"), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.import_roster)
        self.template_action = QAction(self.tr("Save a roster &template…"), self)
        self.template_action.triggered.connect(lambda: self.save_roster_template())
        self.print_menu = QMenu(self.tr("&Print"), self)
        self._build_print_menu()
        close = QAction(self.tr("&Close"), self)
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(QApplication.closeAllWindows)
        file.addAction(self.new_action)
        file.addAction(self.open_action)
        file.addMenu(self.recent_menu)
        file.addSeparator()
        file.addAction(self.import_action)
        file.addAction(self.template_action)
        self.paper_action = QAction(self.tr("Enter a paper sign-in &sheet…"), self)
        self.paper_action.triggered.connect(self.enter_paper_sheet)
        file.addAction(self.paper_action)
        self.export_action = QAction(self.tr("&Export attendance (Excel, CSV)…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(lambda: self.export_attendance())
        file.addAction(self.export_action)
        file.addMenu(self.print_menu)
        self.rollup_action = QAction(self.tr("Sub-district &roll-up of several meetings…"), self)
        self.rollup_action.triggered.connect(self.show_rollup)
        file.addAction(self.rollup_action)
        file.addSeparator()
        file.addAction(close)
        file.addAction(quit_action)

        view = bar.addMenu(self.tr("&View"))
        self.big_screen_menu = QMenu(self.tr("&Big screen for the hall"), self)
        self.big_screen_menu.aboutToShow.connect(self._fill_screens)
        view.addMenu(self.big_screen_menu)
        self.desk_action = QAction(self.tr("Start a sign-in &desk on this computer…"), self)
        self.desk_action.triggered.connect(lambda: self.deskRequested.emit(str(self.path)))
        view.addAction(self.desk_action)
        for menu in (file, view):
            menu.setToolTipsVisible(True)  # a disabled item on a read-only file says why

    def _build_print_menu(self) -> None:
        self.print_menu.clear()
        add_print_actions(self.print_menu, self, self.service)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = recent_files()
        for p in files:
            act = self.recent_menu.addAction(p)
            act.triggered.connect(lambda _c=False, p=p: open_window(p))
        if not files:
            act = self.recent_menu.addAction(self.tr("(none)"))
            act.setEnabled(False)

    def _fill_screens(self) -> None:
        self.big_screen_menu.clear()
        for i, screen in enumerate(QGuiApplication.screens()):
            g = screen.geometry()
            act = self.big_screen_menu.addAction(
                self.tr("Display %1: %2 (%3×%4)").replace("%1", str(i + 1))
                .replace("%2", screen.name()).replace("%3", str(g.width()))
                .replace("%4", str(g.height())))
            act.triggered.connect(lambda _c=False, i=i: self.show_big_screen(i))
        act = self.big_screen_menu.addAction(self.tr("In a window"))
        act.triggered.connect(lambda: self.show_big_screen(None, full_screen=False))

    # ---- actions ---------------------------------------------------------------------

    def show_big_screen(self, screen: int | None, *, full_screen: bool = True) -> BigScreen:
        """Open (or move) the hall screen, sharing this window's watcher."""
        if self.big_screen is None:
            self.big_screen = BigScreen(self.watcher)
        self.big_screen.show_on_screen(screen, full_screen=full_screen)
        return self.big_screen

    def new_meeting(self) -> None:
        """Create a meeting file and open it in a new window."""
        path = ask_new_meeting(self)
        if path:
            open_window(path)

    def open_other(self) -> None:
        """Open another meeting file in a new window."""
        path = ask_open_meeting(self)
        if path:
            open_window(path)

    def save_roster_template(self, path: str | Path | None = None) -> Path | None:
        """Write the roster template (.xlsx) where the organizer chooses; returns the path."""
        if path is None:
            default = Path(self.path).parent / self.tr("roster-template.xlsx")
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save a roster template"),
                                                    str(default),
                                                    self.tr("Excel workbook (*.xlsx)"))
            if not chosen:
                return None
            path = chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx"
        try:
            return write_template(path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Template not saved"), str(exc))
            return None

    def import_roster(self) -> RosterImportDialog:
        """Show the roster import dialog (modeless; the table updates when it imports)."""
        dlg = RosterImportDialog(self.service, self)
        dlg.accepted.connect(self.watcher.poll)
        dlg.accepted.connect(lambda: self.show_import_result(dlg.report, dlg.path))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        return dlg

    def enter_paper_sheet(self) -> PaperSheetDialog:
        """Type in a branch's paper sign-in sheet (modeless; the dashboard follows)."""
        dlg = PaperSheetDialog(self.service, self.watcher, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        return dlg

    def show_rollup(self) -> RollupDialog:
        """The sub-district roll-up, starting with this meeting."""
        dlg = RollupDialog(self.service, self, [self.path])
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        return dlg

    def export_attendance(self, path: str | None = None) -> Path | None:
        """Write the attendance list as .xlsx or .csv (chosen by the name's ending)."""
        if path is None:
            word = self.tr("attendance")  # the default file name, in the UI's language
            default = self.path.with_name(f"{self.path.stem}-{word}.xlsx")
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export attendance"), str(default),
                self.tr("Excel workbook (*.xlsx);;CSV, opens in Excel (*.csv)"))
            if not path:
                return None
        out = Path(path)
        if out.suffix.lower() not in (".xlsx", ".csv"):
            out = out.with_suffix(".xlsx")
        try:
            n = self.service.export(out)
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self, self.tr("Export failed"), str(exc))
            return None
        self.notice.setText(self.tr("Attendance of %1 members exported to %2.")
                            .replace("%1", str(n)).replace("%2", str(out)))
        self.notice_bar.show()
        return out

    def show_import_result(self, report: ImportReport | None, path: Path | None) -> None:
        """Keep what the import did on screen until the organizer has read it."""
        if report is None:
            return
        text = self.tr("Roster imported from %1: %2 added, %3 changed, %4 on the roster but "
                       "not in this file (kept).").replace("%1", path.name if path else "") \
            .replace("%2", str(len(report.added))).replace("%3", str(len(report.changed))) \
            .replace("%4", str(len(report.left_out)))
        if report.branches_added:
            text += " " + self.tr("New branches: %1.").replace("%1", "、".join(report.branches_added))
        if report.unknown_columns:
            text += " " + self.tr("Columns not read: %1.").replace(
                "%1", "、".join(report.unknown_columns))
        text += "\n" + self.tr("Next: say which desk serves each branch (Branches & desks), "
                               "then print the invitation cards (File ▸ Print).")
        self.notice.setText(text)
        self.notice_bar.show()

    def hide_notice(self) -> None:
        """The organizer has read the notice."""
        self.notice_bar.hide()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Close the hall screen, stop watching, close the file."""
        if self.big_screen is not None:
            self.big_screen.close()
        if self.hub is not None:
            self.hub.stop()
            self.hub = None
        self.log_handler.remove()
        self.watcher.close()
        self.service.close()
        self.closed.emit()
        super().closeEvent(event)


def open_window(path: str | Path, parent: QWidget | None = None) -> OrganizerWindow | None:
    """Open a meeting in an organizer window; a message (not a crash) if it cannot be used."""
    try:
        win = OrganizerWindow(path)
    except (UserError, OSError) as exc:
        QMessageBox.critical(parent, QApplication.translate("Organizer", "Cannot open the meeting"),
                             str(exc))
        return None
    win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _OPEN.append(win)
    win.destroyed.connect(lambda *_: _OPEN.remove(win) if win in _OPEN else None)
    win.show()
    if not win.service.store.read_only and not win.name_given:
        # Asked once, when no name was ever given: the audit names people, not logins.
        win.ask_organizer_name()
    return win
