"""A live view of a meeting file for screens: figures and new events as they land.

``MeetingWatcher`` polls SQLite's ``data_version`` (a cheap pragma that changes
when any other connection or process commits) and, only when it changed, reads
the events after the last one it saw and folds them into a ``Tally``. A refresh
therefore costs in proportion to what is new, not to the size of the roster.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from data.records import EventRecord, MemberRecord
from data.store import Store
from kiosk.turnout import Figures, Tally


class MeetingWatcher(QObject):
    """Owns a read connection and a Tally; emits when events, roster or settings change."""

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
        *, members: Callable[[], list[MemberRecord]] | None = None,
    ) -> None:
        super().__init__(parent)
        # ``members``: where to get the roster when the caller already holds it
        # (a desk with 100,000 members should not read and keep it twice).
        self._members = members
        self.store = Store.open(path, check=False)
        self.tally = Tally()
        self._last_seq = 0
        self._roster_version: str | None = None
        self._meeting = None
        self._data_version = -1
        self._changed: set[int] = set()
        self._audit_seq = 0
        self.members: dict[int, MemberRecord] = {}  # the roster on the list, by id
        self.reload()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    @property
    def meeting(self):  # -> MeetingRecord
        return self._meeting

    def reload(self) -> None:
        """Read roster and settings afresh (events already seen are kept)."""
        self._meeting = self.store.meeting()
        self.tally.quorum_rule = self._meeting.quorum_rule
        members = self._members() if self._members is not None else self.store.members()
        self.members = {m.id: m for m in members}
        self.tally.load_roster(self.store.branches(), members)
        self._roster_version = self._roster_key()
        self._audit_seq = self._last_audit()
        self._apply(self.store.events_after(self._last_seq))

    def _roster_key(self) -> str:
        # Branch-to-desk assignments live outside the members table; count them in.
        desks = self.store.all("SELECT group_concat(id || ':' || COALESCE(desk_id, ''), ',') FROM branches")
        return f"{self.store.get_meta('roster_version', '0')}|{desks[0][0]}"

    def _last_audit(self) -> int:
        return int(self.store.one("SELECT COALESCE(MAX(seq), 0) FROM audit")[0])

    # Audit actions that touch one member each; anything else reloads the roster.
    MEMBER_ACTIONS = frozenset({"member_changed", "member_added", "member_removed",
                                "card_reissued", "settings"})
    MAX_INCREMENTAL = 500

    def _edited_members(self, key: str) -> set[int] | None:
        """The members edited since the last look, or None when a full reload is due."""
        old_branches = (self._roster_version or "").split("|", 1)[-1]
        if self._members is not None or key.split("|", 1)[-1] != old_branches:
            return None  # a caller-held roster, or branches/desks changed
        rows = self.store.all("SELECT action, member_id FROM audit WHERE seq > ? ORDER BY seq",
                              (self._audit_seq,))
        ids = set()
        for action, member_id in rows:
            if action not in self.MEMBER_ACTIONS or (action != "settings" and member_id is None):
                return None
            if member_id is not None:
                ids.add(int(member_id))
        if not ids or len(ids) > self.MAX_INCREMENTAL:
            return None  # e.g. a roster bump with no audit lines (a synced replica)
        return ids

    def _reread(self, ids: set[int]) -> bool:
        """Re-read a few members and fold the edits into the tally (False: reload instead)."""
        records = [r for r in (self.store.member(i) for i in ids) if r is not None]
        if any(r.branch_id not in {b.id for b in self.tally.branches} for r in records):
            return False
        for r in records:
            if r.removed_at is None:
                self.members[r.id] = r
            else:
                self.members.pop(r.id, None)
        self.tally.update_members(records)
        self._roster_version = self._roster_key()
        self._audit_seq = self._last_audit()
        return True

    def _apply(self, events: list[EventRecord]) -> list[EventRecord]:
        if events:
            self._last_seq = events[-1].seq
            self._changed |= self.tally.apply(events)
        return events

    def poll(self) -> bool:
        """Check for changes; returns True if anything changed (also emits signals)."""
        version = self.store.data_version()
        if version == self._data_version:
            return False
        self._data_version = version
        changed = False
        meeting = self.store.meeting()
        if meeting != self._meeting:
            self._meeting = meeting
            self.tally.quorum_rule = meeting.quorum_rule
            self.meetingChanged.emit()
            changed = True
        key = self._roster_key()
        if key != self._roster_version:
            ids = self._edited_members(key)
            if ids is None or not self._reread(ids):
                self.reload()
                self.rosterReloaded.emit()
            else:
                self.membersChanged.emit(ids)
            self.rosterChanged.emit()
            changed = True
        # Stamps (hub_seq) arriving for events already seen change their order.
        events = self._apply(self.store.events_after(self._last_seq))
        if events:
            self.eventsAdded.emit(events)
            changed = True
        if self._changed:
            ids, self._changed = self._changed, set()
            self.presenceChanged.emit(ids)
        if changed:
            self.figuresChanged.emit(self.tally.figures())
        return changed

    def figures(self) -> Figures:
        """The current figures."""
        return self.tally.figures()

    def close(self) -> None:
        """Stop polling and close the connection."""
        self.timer.stop()
        self.store.close()
