"""A live view of a meeting file for screens: figures and new events as they land.

``MeetingWatcher`` is the Qt half of ``kiosk.watch.MeetingReader``: a timer
polls the reader (which reads only what is new since the last poll) and the
``Update`` it returns becomes signals. Screens connect to the signals and ask
the watcher's named reads (``figures``, ``latest_events``, ``arrivals_by_desk``
…); they never see the Store.

With ``background_reload`` (the organizer's window), a full re-read of the
roster after an import runs on a worker (ui.tasks) with its own connection,
and the watcher adopts it when it is done: 100,000 members are not read on
the GUI thread. Polls wait meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from data.records import BranchRecord, EventRecord, MeetingRecord, MemberRecord
from kiosk.changes import Changes
from kiosk.turnout import Figures, StillToArrive, Tally
from kiosk.watch import MeetingReader, ReaderState, read_state
from ui.tasks import Task, run_task

# Events the organizer's window takes in per turn of its event loop: a burst of
# 2,400 check-ins at once cost 0.13 s of GUI thread in one piece.
EVENTS_PER_POLL = 400


class MeetingWatcher(QObject):
    """Owns a MeetingReader; emits when events, roster or settings change."""

    eventsAdded = Signal(list)      # list[EventRecord], in local order
    rosterChanged = Signal()        # members, branches or desks changed
    meetingChanged = Signal()       # settings (title, quorum rule, sign-in state …)
    figuresChanged = Signal(object)  # Figures
    presenceChanged = Signal(object)  # set[int]: members whose presence changed
    # A roster change either reloads everything (rosterReloaded) or, when the
    # audit shows only a few members edited, re-reads just them (membersChanged,
    # with their ids). rosterChanged follows both, for screens that simply reload.
    rosterReloaded = Signal()
    membersChanged = Signal(object)  # set[int]

    def __init__(
        self, path: str | Path, interval_ms: int = 200, parent: QObject | None = None,
        *, members: Callable[[], dict[int, MemberRecord]] | None = None,
        background_reload: bool = False,
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.reader = MeetingReader(path, members=members)
        self.background_reload = background_reload
        if background_reload:  # the organizer's window: a burst of check-ins in slices
            self.reader.max_events = EVENTS_PER_POLL
        self.reloading: Task | None = None  # a full re-read under way on a worker
        # After close() the reader's connection is gone; a poll still queued (the
        # rest of a burst, a singleShot) must not touch it.
        self._closed = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    # ---- what the reader holds ---------------------------------------------------------

    @property
    def meeting(self) -> MeetingRecord:
        return self.reader.meeting

    @property
    def members(self) -> dict[int, MemberRecord]:
        return self.reader.members

    @property
    def tally(self) -> Tally:
        return self.reader.tally

    def figures(self) -> Figures:
        """The current figures."""
        return self.reader.figures()

    def still_to_arrive(self) -> StillToArrive:
        """Expected members not signed in yet, from the tally held (no file read)."""
        return self.reader.still_to_arrive()

    def branches(self) -> list[BranchRecord]:
        """Branches in meeting order, with their desks."""
        return self.reader.branches()

    def desk_names(self) -> set[str]:
        """The desks the meeting knows."""
        return self.reader.desk_names()

    def latest_events(self, count: int) -> list[EventRecord]:
        """About the last ``count`` events, oldest first."""
        return self.reader.latest_events(count)

    def arrivals_by_desk(self) -> dict[str, tuple[int, str]]:
        """For each desk: arrivals recorded and the time of the last."""
        return self.reader.arrivals_by_desk()

    # ---- polling -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read roster and settings afresh (events already seen are kept)."""
        self.reader.reload()

    def poll(self) -> bool:
        """Check for changes; returns True if anything changed (also emits signals).

        Once closed, nothing is read: False at once.
        """
        if self._closed:
            return False
        if self.reloading is not None:
            return False  # the worker's full read comes first
        update = self.reader.poll(defer_reload=self.background_reload)
        if update.roster == "due":
            self._reload_in_background()
            return False
        if update.meeting:
            self.meetingChanged.emit()
        if update.roster == "reloaded":
            self.rosterReloaded.emit()
        elif update.roster == "members":
            self.membersChanged.emit(set(update.members))
        if update.roster:
            self.rosterChanged.emit()
        if update.events:
            self.eventsAdded.emit(list(update.events))
        if update.presence:
            self.presenceChanged.emit(set(update.presence))
        if update.changed:
            self.figuresChanged.emit(update.figures)
        if update.more:
            QTimer.singleShot(0, self.poll)  # the rest after the window has painted
        return update.changed

    def _reload_in_background(self) -> None:
        path = self.path
        self.reloading = run_task(self, lambda _p: read_state(path), name="watcher-reload",
                                  done=self._adopt, failed=self._reload_failed, abandon=True)

    def _adopt(self, state: ReaderState) -> None:
        self.reloading = None
        meeting_changed = state.meeting != self.reader.meeting
        self.reader.adopt(state)
        if meeting_changed:
            self.meetingChanged.emit()
        self.rosterReloaded.emit()
        self.rosterChanged.emit()
        self.figuresChanged.emit(self.reader.figures())
        self.poll()  # anything written since the worker's read

    def _reload_failed(self, _exc: BaseException) -> None:
        self.reloading = None
        self.reader.reload()  # the worker could not read: read here, as without one
        self.rosterReloaded.emit()
        self.rosterChanged.emit()
        self.figuresChanged.emit(self.reader.figures())

    def apply(self, changes: Changes) -> bool:
        """Refresh at once after one of our own operations, from the ``Changes`` it returned.

        (Anki's ``OpChanges``: the operation says what it changed; nothing
        changed, nothing to read. Others' writes arrive by the timer's poll.)
        """
        if changes.empty:
            return False
        return self.poll()

    def close(self) -> None:
        """Stop polling and close the connection (a poll queued before does nothing)."""
        self._closed = True
        self.timer.stop()
        if self.reloading is not None:
            self.reloading.cancel()  # read-only: its result is dropped
            self.reloading = None
        self.reader.close()
