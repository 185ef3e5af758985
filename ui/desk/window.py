"""The sign-in desk window: scan (or search), see the answer, next.

Left, the big result panel and the search box; right, the secretary's panel.
Scanner keys are caught application-wide (ui.scanner), camera reads arrive
from a worker thread (ui.camera); both, and a choice in the search list, go
through the desk's session to ``check_in``, which returns after the durable
commit; only then is the result painted. Nothing in the scan flow is a modal
dialog. In kiosk mode the window is full screen, and leaving it or changing
settings needs the organizer's PIN.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from data.records import MemberRecord
from kiosk.checkin import CheckinResult, Outcome, VoidError
from kiosk.desk import DeskService, certificate_in_this_thread, meeting_desks, replica_desk
from kiosk.logs import log_beside
from kiosk.meeting import signin_window
from kiosk.model import EventKind, Method, is_expected
from ui.camera import CameraScanner
from ui.desk.organizer_bar import PinBar, SettingsBar
from ui.desk.photos import PhotoCache
from ui.desk.result_panel import ResultPanel
from ui.desk.search_panel import THUMB, SearchPanel
from ui.desk.secretary import SecretaryPanel
from ui.desk.texts import (
    REJECT_KEY,
    PanelText,
    asking_hub_text,
    clock,
    describe,
    id_not_here_text,
    ready_text,
    rejected_text,
)
from ui.language import chinese
from ui.live import MeetingWatcher
from ui.messages import domain_text
from ui.scanner import ScanCapture
from ui.sounds import Sounds
from ui.style import (
    ACCENT,
    AMBER,
    ERROR,
    GOOD,
    MUTED,
    ON_AMBER,
    WAITING_TEXT,
    scale_for_screen,
    ui_font,
)
from ui.tasks import Progress, Task, run_task


@dataclass(frozen=True)
class CertificateRun:
    """What became of one certificate: written to ``path``, and sent, cancelled or failed."""

    path: Path
    printer: str = ""
    sent: bool = False
    cancelled: bool = False
    error: str = ""
    gaps: str = ""  # characters no font has: not sent to the printer



REJECTED_HOLD_MS = 4000  # "Not this person" said, then back to ready
HUB_LOOKUP_SECONDS = 2.0  # how long a swiped ID number of another branch waits for the hub


def _font(points: float, bold: bool = False) -> QFont:
    return ui_font(points, bold=bold)


class DeskChooser(QWidget):
    """Which desk is this? One big button per desk of the meeting."""

    chosen = Signal(str)

    def __init__(self, title: str, desks: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        head = QLabel(self.tr("{title}: which desk is this?").format(title=title), self)
        head.setFont(_font(26 * scale_for_screen(), bold=True))
        head.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(head)
        grid = QGridLayout()
        names = desks or [self.tr("Desk 1")]
        for i, name in enumerate(names):
            b = QPushButton(name, self)
            b.setObjectName(f"desk:{name}")
            b.setFont(_font(22 * scale_for_screen(), bold=True))
            b.setMinimumHeight(int(80 * scale_for_screen()))
            b.clicked.connect(lambda _=False, n=name: self.chosen.emit(n))
            grid.addWidget(b, i // 4, i % 4)
        lay.addLayout(grid)
        lay.addStretch(1)


class DeskWindow(QMainWindow):
    """One sign-in desk on one meeting file (or on the desk's replica of it)."""

    resultShown = Signal(object, float, float)  # CheckinResult, last key time, painted time

    def __init__(
        self,
        path: str | Path,
        desk_name: str | None,
        *,
        kiosk: bool = True,
        link: object | None = None,
        camera: bool = True,
        sound: bool = True,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.kiosk = kiosk
        self.link = link
        self._want_camera = camera
        self._want_sound = sound
        self._may_close = not kiosk
        self._kiosk_lock_off = False
        self._leave_mode = False
        self.session: DeskService | None = None  # the desk's door to its meeting file
        self.watcher: MeetingWatcher | None = None
        self.scanner: ScanCapture | None = None
        self.camera: CameraScanner | None = None
        self.certificate_task: Task | None = None  # writing/printing a certificate
        self.photos: PhotoCache | None = None  # the members' photos, read when shown
        self._rejectable: CheckinResult | None = None  # the check-in "Not this person" would undo
        self._asking: object | None = None  # the ID-number question the hub is being asked
        self.lookup_task: Task | None = None
        self.sounds = Sounds(self, enabled=sound)
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.setWindowTitle(self.tr("SignDesk — sign-in desk"))
        self.setMinimumSize(1024, 640)
        if desk_name:
            self.start(desk_name)
        else:
            title, desks = meeting_desks(self.path)
            chooser = DeskChooser(title, desks, self)
            chooser.chosen.connect(self.start)
            self.stack.addWidget(chooser)

    # ---- building the desk -----------------------------------------------------------------

    def start(self, desk_name: str) -> None:
        """Open the session for a desk and show the desk page (also used to switch desks)."""
        self._teardown_inputs()
        if self.session is not None:
            self.session.close()
        if self.watcher is not None:
            self.watcher.close()
        self.session = DeskService(self.path, desk_name)
        self.photos = PhotoCache(self.session.photo, self.session.photos_version)
        self._rejectable = None
        log_beside(self.path)  # a desk's replica keeps its own log beside it
        # The watcher takes the roster the session already holds (one copy in memory).
        self.watcher = MeetingWatcher(self.path, parent=self, members=self.session.roster_by_id)
        page = self._build_page()
        while self.stack.count():
            old = self.stack.widget(0)
            self.stack.removeWidget(old)
            old.deleteLater()
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.watcher.figuresChanged.connect(self._figures)
        self.watcher.eventsAdded.connect(self._events_added)
        self.watcher.rosterChanged.connect(self._roster_changed)
        self.watcher.meetingChanged.connect(self._meeting_changed)
        self.search.set_presence(self.watcher.tally.presence)
        self._roster_changed()
        self._meeting_changed()
        self._refresh_recent()
        self.scanner = ScanCapture(self, typing_target=lambda: self.search.box, scope=self)
        self.scanner.scanned.connect(self._scanned)
        self.scanner.install()
        self.camera = CameraScanner(self)
        self.camera.stateChanged.connect(self._camera_state)
        self.camera.code.connect(lambda text: self.handle_scan(text, Method.CAMERA))
        if self._want_camera:
            self.camera.start()
        self._camera_state(self.camera.state)
        self.home_focus()
        if self.link is not None and hasattr(self.link, "status"):
            self._erase_watch = QTimer(self)
            self._erase_watch.timeout.connect(self._check_erased)
            self._erase_watch.start(500)

    def _check_erased(self) -> None:
        """The organizer revoked this desk and its copy was erased: stop and say so."""
        status = self.link.status()  # type: ignore[union-attr]
        if status.state != "erased":
            return
        self._erase_watch.stop()
        self._teardown_inputs()
        if self.watcher is not None:
            self.watcher.close()
            self.watcher = None
        if self.session is not None:
            self.session.close()
            self.session = None
        note = QLabel(self.tr("The organizer revoked this desk. Its copy of the meeting has "
                              "been erased from this computer.\n\nClose this window; to sign "
                              "members in here again, join the meeting with a new code."))
        note.setObjectName("erasedNote")
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = note.font()
        font.setPointSize(max(font.pointSize(), 12) * 2)
        note.setFont(font)
        note.setStyleSheet(f"color: {ERROR}; padding: 40px;")
        while self.stack.count():
            old = self.stack.widget(0)
            self.stack.removeWidget(old)
            old.deleteLater()
        self.stack.addWidget(note)
        self.stack.setCurrentWidget(note)
        self._may_close = True  # nothing left to guard: the kiosk lock lets go

    def _build_page(self) -> QWidget:
        assert self.session is not None
        s = scale_for_screen()
        page = QWidget(self)
        # Top bar: meeting, desk, sign-in state, camera, link, organizer button.
        top = QFrame(page)
        top.setObjectName("topBar")
        top.setStyleSheet(f"QFrame#topBar {{ border-bottom: 3px solid {ACCENT}; }}")
        self.title = QLabel(self.session.meeting.title, top)
        self.title.setFont(_font(15 * s, bold=True))
        self.title.setStyleSheet(f"color: {ACCENT};")
        self.desk_label = QLabel(top)
        self.desk_label.setObjectName("deskLabel")
        self.desk_label.setFont(_font(15 * s, bold=True))
        self.signin_label = QLabel(top)
        self.signin_label.setObjectName("signinState")
        self.signin_label.setFont(_font(13 * s, bold=True))
        self.camera_label = QLabel(top)
        self.camera_label.setObjectName("cameraState")
        self.camera_label.setFont(_font(11 * s))
        self.camera_label.setStyleSheet(f"color: {MUTED};")
        self.idcard_label = QLabel(top)
        self.idcard_label.setObjectName("idcardState")
        self.idcard_label.setFont(_font(11 * s))
        self.idcard_label.setStyleSheet(f"color: {MUTED};")
        self.organizer = QPushButton(self.tr("Organizer…"), top)
        self.organizer.setObjectName("organizerButton")
        self.organizer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.organizer.clicked.connect(lambda: self.pin_bar.ask())
        tl = QHBoxLayout(top)
        tl.setContentsMargins(12, 6, 12, 6)
        tl.addWidget(self.title)
        tl.addSpacing(16)
        tl.addWidget(self.desk_label)
        tl.addStretch(1)
        tl.addWidget(self.signin_label)
        tl.addSpacing(16)
        tl.addWidget(self.camera_label)
        tl.addSpacing(16)
        tl.addWidget(self.idcard_label)
        self.link_label = self._link_widget(top)
        if self.link_label is not None:
            tl.addSpacing(16)
            tl.addWidget(self.link_label)
        tl.addSpacing(16)
        tl.addWidget(self.organizer)

        self.pin_bar = PinBar(self.session.check_pin, page)
        self.pin_bar.unlocked.connect(self._open_settings)
        self.pin_bar.cancelled.connect(self.home_focus)
        self.settings = SettingsBar(page)
        self.settings.soundToggled.connect(lambda on: setattr(self.sounds, "enabled", on))
        self.settings.cameraToggled.connect(self._camera_toggled)
        self.settings.fullScreenToggled.connect(self.set_kiosk)
        self.settings.switchDesk.connect(self._switch_desk)
        self.settings.closeDesk.connect(self.shutdown)
        self.settings.locked.connect(self.home_focus)

        self.leave_banner = QLabel(page)
        self.leave_banner.setObjectName("leaveBanner")
        self.leave_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.leave_banner.setFont(_font(16 * s, bold=True))
        self.leave_banner.setStyleSheet(f"background: {AMBER}; color: {ON_AMBER}; padding: 6px;")
        self.leave_banner.hide()

        self.panel = ResultPanel(page)
        self.panel.rejectRequested.connect(self.not_this_person)
        self.panel.backToReady.connect(self._forget_rejectable)
        # 不是本人 from the keyboard, in the scan flow: one key, no dialog.
        reject_key = QShortcut(QKeySequence(REJECT_KEY), page)
        reject_key.setContext(Qt.ShortcutContext.WindowShortcut)
        reject_key.activated.connect(self.not_this_person)
        self.search = SearchPanel(self.session.search, parent=page, photo=self._thumbnail,
                                  has_photos=lambda: self.photos is not None and self.photos.has_photos(),
                                  thumb=QSize(round(THUMB.width() * s), round(THUMB.height() * s)))
        self.search.setFont(_font(16 * s))
        self.search.box.setFont(_font(20 * s))
        self.search.results.setFont(_font(17 * s))
        self.search.chosen.connect(self.handle_choice)
        self.search.idTyped.connect(lambda text: self.handle_scan(text, Method.SCAN))
        self.search.finished.connect(self.home_focus)
        self.secretary = SecretaryPanel(self._absent_of, page)
        self.secretary.setFont(_font(13 * s))
        self.secretary.figures_title.setFont(_font(14 * s, bold=True))
        self.secretary.table.setFont(_font(15 * s))
        self.secretary.table.horizontalHeader().setFont(_font(12 * s, bold=True))
        self.secretary.undoRequested.connect(self._undo)
        self.secretary.notThisPerson.connect(self._undo_not_this_person)
        self.secretary.certificateRequested.connect(self.print_certificate)
        self.secretary.certificate_cancel.clicked.connect(self.cancel_certificate)
        self.secretary.leaveModeChanged.connect(self._leave_mode_changed)
        self.secretary.done.connect(self.home_focus)
        self.secretary.operatorChanged.connect(self._operator_changed)
        self._show_operator()

        left = QVBoxLayout()
        left.addWidget(self.leave_banner)
        left.addWidget(self.panel, 5)
        left.addWidget(self.search, 4)
        body = QHBoxLayout()
        body.setContentsMargins(12, 10, 12, 10)
        body.setSpacing(14)
        body.addLayout(left, 62)
        body.addWidget(self.secretary, 38)
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(top)
        self.pair_again = self._pair_again_bar(page)
        if self.pair_again is not None:
            lay.addWidget(self.pair_again)
        lay.addWidget(self.pin_bar)
        lay.addWidget(self.settings)
        lay.addLayout(body, 1)
        self._clock = QTimer(page)
        self._clock.timeout.connect(self._update_signin_state)
        self._clock.start(15_000)
        return page

    def _pair_again_bar(self, parent: QWidget) -> QWidget | None:
        """The bar that pairs this desk again when its hub refuses it (after a hand-over)."""
        if self.link is None or not hasattr(self.link, "pair_again"):
            return None
        from ui.desk.pair_again import PairAgainBar

        def check(pin: str) -> bool:
            return self.session is not None and self.session.check_pin(pin)

        def needs_pin() -> bool:
            return self.session is not None and bool(self.session.meeting.pin_hash)

        return PairAgainBar(self.link, check, needs_pin, parent)

    def _link_widget(self, parent: QWidget) -> QWidget | None:
        if self.link is None:
            return None
        from ui.link_widgets import LinkStatusLabel

        return LinkStatusLabel(self.link, parent)

    # ---- inputs --------------------------------------------------------------------------------

    def _scanned(self, text: str, last_key: float) -> None:
        self.handle_scan(text, Method.SCAN, last_key)

    def _show_operator(self) -> None:
        """The operator field shows the name recorded (empty when the desk's name stands in)."""
        assert self.session is not None
        op = self.session.desk.operator
        self.secretary.show_operator("" if op == self.session.desk.name else op)

    def _operator_changed(self, text: str) -> None:
        """A name typed in the operator field: recorded from the next event on, remembered."""
        if self.session is None:
            return  # the field lost focus because the desk is closing
        self.session.set_operator(text)
        self._show_operator()

    def _sync_operator(self) -> None:
        """Apply a name still being typed when a scan arrives (focus never left the field)."""
        assert self.session is not None
        typed = self.secretary.operator.text()
        shown = "" if self.session.desk.operator == self.session.desk.name else self.session.desk.operator
        if typed != shown:
            self._operator_changed(typed)

    def handle_scan(self, text: str, method: Method = Method.SCAN, last_key: float | None = None) -> CheckinResult:
        """A scanner or camera read: record it (or a leave in leave mode) and answer.

        An ID number this replica does not hold (a member of another branch: a
        desk holds only its own branches' hashes) is asked of the hub on a
        worker; the panel says so meanwhile, and the answer comes by
        ``_hub_answered``. Returns the local result (ID_UNKNOWN then).
        """
        assert self.session is not None
        self._sync_operator()
        last_key = time.perf_counter() if last_key is None else last_key
        self._asking = None  # a new scan supersedes a question still on its way
        if self._leave_mode:
            result = self.session.leave(text, method)
        else:
            result = self.session.scan(text, method)
        digest = self.session.hub_question(text, result)
        if digest is not None:
            self._ask_hub(digest, result, last_key)
            return result
        self.show_result(result, last_key)
        return result

    def _ask_hub(self, digest: str, local: CheckinResult, last_key: float) -> None:
        """Ask the hub whose ID number this is, off the GUI thread; offline: say so in red."""
        lookup = getattr(self.link, "lookup_id", None)
        status = getattr(self.link, "status", None)
        if lookup is None or status is None or not status().online:
            self.show_result(local, last_key, text=id_not_here_text(local.text))
            return
        question = object()  # this swipe's question: a later scan replaces it
        self._asking = question
        leave = self._leave_mode
        self.panel.show_text(asking_hub_text(local.text))

        def ask(_progress: Progress) -> int | None:
            return lookup(digest, HUB_LOOKUP_SECONDS)

        def answered(member_id: int | None) -> None:
            if self._asking is question and self.session is not None:
                self._asking = None
                self.show_result(self.session.scan_id_found(member_id, local.text, leave=leave),
                                 last_key)

        def unanswered(exc: BaseException) -> None:
            if self._asking is question and self.session is not None:
                self._asking = None
                why = getattr(exc, "reason", "offline")  # kiosk.link.client.LookupUnavailable
                if why == "off":  # the hub's roster has no ID numbers: the feature is off
                    self.show_result(local, last_key)
                    return
                self.show_result(local, last_key, text=id_not_here_text(local.text, why))

        self.lookup_task = run_task(self, ask, name="id-lookup", done=answered, failed=unanswered)

    def handle_choice(self, member_id: int) -> CheckinResult:
        """A member chosen in the search list: signed in with method 'search'."""
        assert self.session is not None
        started = time.perf_counter()
        self._sync_operator()
        self._asking = None  # a member chosen supersedes an ID number still asked about
        if self._leave_mode:
            result = self.session.leave(member_id)
        else:
            result = self.session.choose(member_id)
        self.show_result(result, started)
        return result

    def show_result(self, result: CheckinResult, last_key: float,
                    text: PanelText | None = None) -> None:
        """Paint the answer (with the member's photo), play its sound, then update the lists.

        The photo is shown when someone was just let in, or when the card of a
        member already in the hall is shown again: the secretary compares the
        face with the person. A check-in can be undone as "Not this person".
        """
        assert self.session is not None and self.photos is not None
        if text is None:
            text = describe(result, opens_at=self.session.meeting.opens_at)
        arrival = result.event is not None and result.event.kind == EventKind.ARRIVE
        photo = None
        if result.member is not None and (arrival or result.outcome == Outcome.ALREADY):
            photo = self.photos.pixmap(result.member.id)
        self._rejectable = result if arrival else None
        self.panel.show_text(text, photo=photo, reject=arrival)
        painted = time.perf_counter()
        self.sounds.play(text.colour)
        self.resultShown.emit(result, last_key, painted)
        if result.event is not None:
            # The figures and lists follow right after the paint, not before it.
            QTimer.singleShot(0, self._after_write)

    def _after_write(self) -> None:
        nudge = getattr(self.link, "nudge", None)
        if nudge is not None:
            nudge()  # send it to the hub now rather than at the next tick
        if self.watcher is not None:
            self.watcher.poll()
        self._refresh_recent()

    def _thumbnail(self, member_id: int, size: object) -> QPixmap | None:
        """A search row's photo (read when the row is painted); None when there is none."""
        if self.photos is None:
            return None
        return self.photos.thumbnail(member_id, size)  # type: ignore[arg-type]

    def _forget_rejectable(self) -> None:
        self._rejectable = None

    def not_this_person(self) -> bool:
        """不是本人: the person at the desk is not the member just signed in.

        Voids that check-in with the fixed reason (the member stays not arrived;
        their card is marked, the organizer sees it), says so in red with a
        sound, and the panel returns to ready. Only while the check-in is on the
        panel; returns whether one was undone.
        """
        result = self._rejectable
        if result is None or result.event is None or self.session is None \
                or not self.panel.reject.isVisible():
            return False
        self._rejectable = None
        name = result.member.name if result.member else ""
        try:
            self.session.not_this_person(result.event.id)
        except VoidError as exc:
            self.panel.show_text(PanelText("red", self.tr("The check-in was not undone"), name,
                                           domain_text(exc)))
            self.sounds.play("red")
            return False
        self.panel.show_text(rejected_text(name), hold_ms=REJECTED_HOLD_MS)
        self.sounds.play("red")
        self.home_focus()
        QTimer.singleShot(0, self._after_write)
        return True

    # ---- live updates --------------------------------------------------------------------------

    def _figures(self, figures: object) -> None:
        self.secretary.set_figures(figures)  # type: ignore[arg-type]

    def _events_added(self, events: list) -> None:
        assert self.session is not None
        mine = self.session.desk.name
        if any(e.desk == mine for e in events):
            self._refresh_recent()
        if self.search.box.text():
            self.search.refresh()  # presence marks in the list may have changed

    def _refresh_recent(self) -> None:
        if self.session is not None:
            self.secretary.set_recent(self.session.recent())

    def _roster_changed(self) -> None:
        assert self.session is not None and self.watcher is not None
        self.session.roster_members()  # re-read only if the watcher has not already
        if self.search.box.text():
            self.search.refresh()
        branches = self.session.my_branches()
        self.secretary.set_branches(branches)
        self.secretary.set_figures(self.watcher.figures())
        self._update_idcard_state()
        names = "、".join(b.name for b in branches)
        all_branches = len(branches) == len(self.session.branches)
        self.desk_label.setText(
            self.tr("{desk} · all branches").format(desk=self.session.desk.name) if all_branches
            else f"{self.session.desk.name} · {names}")

    def _update_idcard_state(self) -> None:
        """The status line says whether a swiped ID card can sign anyone in here."""
        assert self.session is not None
        if self.session.id_cards_usable():
            self.idcard_label.setText(self.tr("ID cards accepted"))
        else:
            self.idcard_label.setText(self.tr("No ID numbers imported: ID cards cannot sign in"))

    def _meeting_changed(self) -> None:
        assert self.session is not None
        self.session.refresh_meeting()
        self.title.setText(self.session.meeting.title)
        self.secretary.set_track_leave(self.session.meeting.track_leave)
        self._update_signin_state()

    def _update_signin_state(self) -> None:
        if self.session is None:
            return
        w = signin_window(self.session.meeting)
        if w.open:
            text, colour = self.tr("Sign-in open"), GOOD
            if w.closes_at:
                text = self.tr("Sign-in open until {time}").format(time=clock(w.closes_at))
        elif w.reason == "not_open":
            text, colour = self.tr("Sign-in opens at {time}").format(time=clock(w.opens_at)), WAITING_TEXT
        else:
            text, colour = self.tr("Sign-in closed"), ERROR
        self.signin_label.setText(text)
        self.signin_label.setStyleSheet(f"color: {colour};")
        self._update_ready()

    def _update_ready(self) -> None:
        """The big panel between scans says what a scan does now."""
        if self.session is None:
            return
        w = signin_window(self.session.meeting)
        if self._leave_mode:
            state = "leave"
        else:
            state = "open" if w.open else ("not_open" if w.reason == "not_open" else "closed")
        # A closed desk shows when it closed if the timetable closed it.
        closes = w.closes_at if self.session.meeting.signin_state != "closed" else None
        self.panel.set_ready(ready_text(state, opens_at=w.opens_at, closes_at=closes))

    def _absent_of(self, branch_id: int) -> list[MemberRecord]:
        assert self.session is not None and self.watcher is not None
        presence = self.watcher.tally.presence
        return [m for m in self.session.members.values()
                if m.branch_id == branch_id and is_expected(m.category, m.status)
                and not presence(m.id).attended]

    # ---- secretary actions ------------------------------------------------------------------

    def _undo(self, event_id: str, reason: str) -> None:
        assert self.session is not None
        try:
            self.session.undo(event_id, reason)
        except VoidError as exc:
            self.secretary.undo_bar.fail(domain_text(exc))
            return
        self._undone_elsewhere(event_id)
        self.secretary.undo_done()
        self._after_write()

    def _undo_not_this_person(self, event_id: str) -> None:
        """不是本人 from the last check-ins, after the panel went back to ready."""
        assert self.session is not None
        try:
            self.session.not_this_person(event_id)
        except VoidError as exc:
            self.secretary.undo_bar.fail(domain_text(exc))
            return
        self._undone_elsewhere(event_id)
        self.secretary.undo_done()
        self._after_write()

    def _undone_elsewhere(self, event_id: str) -> None:
        """A check-in undone from the list: the panel no longer offers to undo it."""
        r = self._rejectable
        if r is not None and r.event is not None and r.event.id == event_id:
            self._rejectable = None
            self.panel.reject.hide()

    def print_certificate(self, event_id: str) -> Task | None:
        """The selected member's certificate: to the default printer, never a dialog.

        No dialog, so the scanner keeps working; writing the PDF and waiting for
        the printer run on a worker (a printer that does not answer held the desk
        for up to a minute), the note says how far it is and offers Cancel.
        Without a printer the PDF is saved beside the meeting file and the note
        says where.
        """
        assert self.session is not None
        if self.certificate_task is not None and self.certificate_task.running:
            return None  # one at a time; the button is off meanwhile
        meeting, english = Path(self.path), not chinese()

        def work(progress: Progress) -> CertificateRun:
            from reports.printing import PrintCancelled, PrintError, default_printer, print_pdf

            # the worker's own connection to the file (SQLite connections are per thread)
            path, gaps = certificate_in_this_thread(meeting, event_id, english=english)
            # A character no font has would print as □: say who and which, and print
            # nothing, so the secretary installs a font or writes the certificate by hand.
            if gaps:
                return CertificateRun(path, gaps=gaps)
            if progress.cancelled:  # cancelled while it was written: saved, not printed
                return CertificateRun(path, cancelled=True)
            printer = ""
            try:
                printer = default_printer(cancelled=lambda: progress.cancelled) or ""
                if not printer:
                    return CertificateRun(path)
                progress.report(1, 2, printer)
                print_pdf(path, printer, title=path.name, cancelled=lambda: progress.cancelled)
            except PrintCancelled:
                return CertificateRun(path, printer, cancelled=True)
            except PrintError as exc:
                return CertificateRun(path, printer, error=str(exc))
            return CertificateRun(path, printer, sent=True)

        task = run_task(self, work,
                        name="certificate", done=self._certificate_done,
                        failed=self._certificate_failed, cancelled=self._certificate_cancelled)
        self.certificate_task = task
        self.secretary.certificate_busy(True)
        self.secretary.certificate_note.setText(self.tr("Writing the certificate…"))
        task.progressed.connect(self._certificate_progress)
        return task

    def cancel_certificate(self) -> None:
        """Stop waiting for the printer (the PDF stays saved)."""
        if self.certificate_task is not None:
            self.certificate_task.cancel()

    def _certificate_progress(self, _done: int, _total: int, printer: str) -> None:
        if printer:
            self.secretary.certificate_note.setText(
                self.tr("Sending the certificate to the printer %1…").replace("%1", printer))

    def _certificate_done(self, run: CertificateRun) -> None:
        note = self.secretary.certificate_note
        if run.gaps:
            note.setText(self.tr("Not printed: no installed font has %1; the certificate (with □) "
                                 "is saved as %2.").replace("%1", run.gaps).replace("%2", str(run.path)))
        elif run.sent:
            note.setText(self.tr("Certificate sent to the printer %1.").replace("%1", run.printer))
        elif run.cancelled:
            note.setText(self.tr("Printing cancelled; the certificate is saved as %1.")
                         .replace("%1", str(run.path)))
        elif run.error:
            note.setText(self.tr("Printing failed (%1); the certificate is saved as %2.")
                         .replace("%1", run.error).replace("%2", str(run.path)))
        else:
            note.setText(self.tr("No printer is set up; the certificate is saved as %1.")
                         .replace("%1", str(run.path)))
        self._certificate_ended()

    def _certificate_failed(self, exc: BaseException) -> None:
        self.secretary.certificate_note.setText(domain_text(exc))
        self._certificate_ended()

    def _certificate_cancelled(self) -> None:
        self.secretary.certificate_note.setText(self.tr("Printing cancelled."))
        self._certificate_ended()

    def _certificate_ended(self) -> None:
        self.certificate_task = None
        self.secretary.certificate_busy(False)

    def _leave_mode_changed(self, on: bool) -> None:
        self._leave_mode = on
        self.leave_banner.setText(self.tr("EARLY LEAVE MODE — scanning a card records a departure"))
        self.leave_banner.setVisible(on)
        self._update_ready()

    # ---- camera ----------------------------------------------------------------------------------

    def _camera_state(self, state: str) -> None:
        texts = {
            "none": self.tr("No camera: use the scanner or search"),
            "off": self.tr("Camera off"),
            "on": self.tr("Camera on: hold the card to the camera"),
            "error": self.tr("Camera not working: use the scanner or search"),
        }
        self.camera_label.setText(texts.get(state, state))

    def _camera_toggled(self, on: bool) -> None:
        if self.camera is None:
            return
        self._want_camera = on
        if on:
            self.camera.start()
        else:
            self.camera.stop()

    # ---- organizer: PIN, settings, kiosk --------------------------------------------------

    def _open_settings(self) -> None:
        assert self.session is not None
        camera = None if self.camera is None or self.camera.state == "none" else self.camera.state == "on"
        self.settings.open_with(sound=self.sounds.enabled, camera=camera, full=self.kiosk,
                                desks=self.session.desk_names() or [self.session.desk.name],
                                current=self.session.desk.name)
        self._may_close = True

    def _switch_desk(self, name: str) -> None:
        if name and self.session is not None and name != self.session.desk.name:
            self.start(name)

    def set_kiosk(self, on: bool) -> None:
        """Full screen and locked (on), or a normal window (off; only after the PIN)."""
        self.kiosk = on
        if on:
            self.go_full_screen()
            self._may_close = False
        else:
            self.showNormal()
            self._may_close = True
        self.home_focus()

    def go_full_screen(self) -> None:
        """Cover the whole screen (also where no window manager honours full-screen requests)."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.geometry())
        self.showFullScreen()

    def home_focus(self) -> None:
        """Put the keyboard focus back where a scan or a typed name should land."""
        if self.settings.isVisible() if hasattr(self, "settings") else False:
            self._may_close = True
        elif self.kiosk and not self._kiosk_lock_off:
            self._may_close = False  # the organizer is done: lock again
        if hasattr(self, "search"):
            self.search.box.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        """Keys no widget took: typing goes to the search box."""
        if hasattr(self, "search") and event.text() and event.text().isprintable():
            self.search.box.setFocus()
            QApplication.sendEvent(self.search.box, QKeyEvent(event))
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        """In kiosk mode, a minimised or un-fullscreened window goes back to full screen."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange and self.kiosk and not self._may_close:
            if not self.isFullScreen():
                QTimer.singleShot(0, self.go_full_screen)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        """In kiosk mode closing needs the PIN first; otherwise close cleanly."""
        if not self._may_close:
            event.ignore()
            if hasattr(self, "pin_bar"):
                self.pin_bar.ask()
            return
        self._teardown_inputs()
        if self.watcher is not None:
            self.watcher.close()
            self.watcher = None
        if self.session is not None:
            self.session.close()
            self.session = None
        super().closeEvent(event)

    def _teardown_inputs(self) -> None:
        if self.scanner is not None:
            self.scanner.uninstall()
            self.scanner.deleteLater()
            self.scanner = None
        if self.camera is not None:
            self.camera.close()
            self.camera.deleteLater()
            self.camera = None

    def allow_close(self) -> None:
        """Let the next close (or application quit) through without the PIN."""
        self._may_close = True
        self._kiosk_lock_off = True

    def shutdown(self) -> None:
        """Close the desk for good (after the PIN, or from tests)."""
        self._may_close = True
        self.close()


def open_desk(
    path: str, desk_name: str | None, *, kiosk: bool = True, link: object | None = None
) -> QMainWindow:
    """Open (and show) a desk window; the start screen calls this. Keep the result alive."""
    window = DeskWindow(path, desk_name, kiosk=kiosk, link=link)
    if kiosk:
        window.go_full_screen()
    else:
        window.resize(1366, 768)
        window.show()
    return window


def start_link(
    replica: str | Path, name: str | None, address: str | None = None
) -> tuple[str | None, object | None]:
    """The desk name a joined replica records and its started DeskLink.

    (name, None) when the file is not a desk's replica (nothing to sync).
    """
    from kiosk.link.client import DeskLink

    recorded = replica_desk(replica)
    if recorded is None:
        return name, None
    return recorded or name, DeskLink(replica, address=address or None).start()


def open_joined_desk(replica: str | Path, name: str | None, *, kiosk: bool = True,
                     address: str | None = None) -> QMainWindow:
    """Open the desk window on a joined replica, syncing with its hub (as `desk --join` does).

    The link stops when the application quits; keep the window alive.
    """
    name, link = start_link(replica, name, address)
    window = open_desk(str(replica), name, kiosk=kiosk, link=link)
    stop = getattr(link, "stop", None)
    app = QApplication.instance()
    if stop is not None and app is not None:
        app.aboutToQuit.connect(stop)
    return window

