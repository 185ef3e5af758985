"""Following a meeting file as others write to it: the Qt-free half of the screens' watcher.

``MeetingReader`` polls SQLite's ``data_version`` (a cheap pragma that changes
when any other connection or process commits) and, only when it changed,
reads the events after the last one it saw and folds them into a ``Tally``.
A refresh therefore costs in proportion to what is new, not to the size of
the roster. A full re-read (a roster import) is the exception: ``read_state``
does it on a connection of its own, so a GUI can run it on a worker thread and
``adopt`` the result, instead of reading 100,000 members on its own thread. ``poll()`` returns an ``Update`` saying what changed; ui/live.py
turns it into Qt signals on a timer. The reader also answers the few reads
the live screens need (named queries; the screens never see the Store).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from data.records import BranchRecord, EventRecord, MeetingRecord, MemberRecord
from data.store import Store
from kiosk.turnout import Figures, StillToArrive, Tally

# Audit actions that touch one member each; anything else reloads the roster.
MEMBER_ACTIONS = frozenset({"member_changed", "member_added", "member_removed",
                            "card_reissued", "settings"})
MAX_INCREMENTAL = 500


@dataclass(frozen=True, slots=True)
class Update:
    """What one poll found. ``roster`` is 'reloaded', 'members' (see ``members``), 'due'
    (a full re-read is needed, see ``MeetingReader.poll``) or ''."""

    meeting: bool = False
    roster: str = ""
    members: frozenset[int] = frozenset()
    events: tuple[EventRecord, ...] = ()
    presence: frozenset[int] = frozenset()
    figures: Figures | None = None
    more: bool = False  # more new events wait than ``max_events``: poll again soon

    @property
    def changed(self) -> bool:
        return self.figures is not None


@dataclass(frozen=True, slots=True)
class ReaderState:
    """A full read of a meeting file: what ``MeetingReader.reload`` reads, made anywhere."""

    meeting: MeetingRecord
    members: dict[int, MemberRecord]
    tally: Tally
    roster_key: str
    audit_seq: int
    last_seq: int


def read_state(path: str | Path) -> ReaderState:
    """Read roster, settings and every event on a connection of the calling thread."""
    with Store.open(path, check=False) as store, store.reading():
        meeting = store.meeting()
        tally = Tally()
        tally.quorum_rule = meeting.quorum_rule
        members = store.members()
        tally.load_roster(store.branches(), members)
        events = store.events_after(0)
        tally.apply(events)
        return ReaderState(meeting, {m.id: m for m in members}, tally, store.roster_key(),
                           store.last_audit_seq(), events[-1].seq if events else 0)


class MeetingReader:
    """A read connection and a Tally over one meeting file (one per thread)."""

    def __init__(self, path: str | Path, *,
                 members: Callable[[], dict[int, MemberRecord]] | None = None) -> None:
        # ``members``: where to get the roster by id when the caller already
        # holds it (a desk with 100,000 members should not read and keep it
        # twice). The dict is shared, not copied, and never changed here: a
        # caller-held roster is always re-read whole (``_edited_members``).
        self._members = members
        self.store = Store.open(path, check=False)
        self.tally = Tally()
        self._last_seq = 0
        self._roster_key: str | None = None
        self.meeting: MeetingRecord | None = None
        self._data_version = -1
        # Events taken in per poll (None: all). A window sets it so that a burst
        # (a desk's thousands of offline check-ins arriving at once) is folded in
        # over several turns of its event loop instead of one long pause.
        self.max_events: int | None = None
        self._changed: set[int] = set()
        self._audit_seq = 0
        self.members: dict[int, MemberRecord] = {}  # the roster on the list, by id
        self.reload()

    @property
    def last_seq(self) -> int:
        """The local sequence of the last event read."""
        return self._last_seq

    # ---- reading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read roster and settings afresh (events already seen are kept)."""
        self.meeting = self.store.meeting()
        self.tally.quorum_rule = self.meeting.quorum_rule
        if self._members is not None:
            self.members = self._members()
        else:
            self.members = {m.id: m for m in self.store.members()}
        self.tally.load_roster(self.store.branches(), self.members.values())
        self._roster_key = self.store.roster_key()
        self._audit_seq = self.store.last_audit_seq()
        self._apply(self.store.events_after(self._last_seq))

    def adopt(self, state: ReaderState) -> None:
        """Take a full read made elsewhere (``read_state``); the next poll reads what is newer."""
        self.meeting = state.meeting
        self.members = state.members
        self.tally = state.tally
        self._roster_key = state.roster_key
        self._audit_seq = state.audit_seq
        self._last_seq = state.last_seq
        self._changed = set()
        self._data_version = -1

    def _edited_members(self, key: str) -> set[int] | None:
        """The members edited since the last look, or None when a full reload is due."""
        old_branches = (self._roster_key or "").split("|", 1)[-1]
        if self._members is not None or key.split("|", 1)[-1] != old_branches:
            return None  # a caller-held roster, or branches/desks changed
        ids = set()
        for action, member_id in self.store.audit_actions_after(self._audit_seq):
            if action not in MEMBER_ACTIONS or (action != "settings" and member_id is None):
                return None
            if member_id is not None:
                ids.add(int(member_id))
        if not ids or len(ids) > MAX_INCREMENTAL:
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
        self._roster_key = self.store.roster_key()
        self._audit_seq = self.store.last_audit_seq()
        return True

    def _apply(self, events: list[EventRecord]) -> list[EventRecord]:
        if events:
            self._last_seq = events[-1].seq
            self._changed |= self.tally.apply(events)
        return events

    def poll(self, *, defer_reload: bool = False) -> Update:
        """Look for changes since the last poll; an empty ``Update`` when there are none.

        With ``defer_reload``, a change that needs a full re-read is not read here:
        the Update says ``roster='due'`` and the caller runs ``read_state`` elsewhere,
        then ``adopt``s it (a caller-held roster is always re-read here).
        """
        version = self.store.data_version()
        if version == self._data_version:
            return Update()
        self._data_version = version
        changed = meeting_changed = False
        roster, edited = "", frozenset()
        meeting = self.store.meeting()
        if meeting != self.meeting:
            self.meeting = meeting
            self.tally.quorum_rule = meeting.quorum_rule
            meeting_changed = changed = True
        key = self.store.roster_key()
        if key != self._roster_key:
            ids = self._edited_members(key)
            if ids is None and defer_reload and self._members is None:
                self._data_version = -1  # look again once the new state is adopted
                return Update(roster="due")
            if ids is None or not self._reread(ids):
                self.reload()
                roster = "reloaded"
            else:
                roster, edited = "members", frozenset(ids)
            changed = True
        # Stamps (hub_seq) arriving for events already seen change their order.
        events = self._apply(self.store.events_after(self._last_seq, self.max_events))
        more = self.max_events is not None and len(events) >= self.max_events
        if more:
            self._data_version = -1  # the rest is read at the next poll
        changed = changed or bool(events)
        presence = frozenset(self._changed)
        self._changed = set()
        if not changed and not presence:
            return Update()
        return Update(meeting_changed, roster, edited, tuple(events), presence,
                      self.tally.figures(), more)

    # ---- named reads for the live screens ----------------------------------------------

    def figures(self) -> Figures:
        """The current figures."""
        return self.tally.figures()

    def still_to_arrive(self) -> StillToArrive:
        """Expected members not signed in yet (what closing sign-in now would cost)."""
        return self.tally.still_to_arrive()

    def branches(self) -> list[BranchRecord]:
        """Branches in meeting order, with their desks."""
        return self.store.branches()

    def desk_names(self) -> set[str]:
        """The desks the meeting knows."""
        return {d.name for d in self.store.desks()}

    def latest_events(self, count: int) -> list[EventRecord]:
        """About the last ``count`` events, oldest first (for a feed)."""
        return self.store.events_after(max(0, self.store.last_event_seq() - count))

    def arrivals_by_desk(self) -> dict[str, tuple[int, str]]:
        """For each desk: arrivals recorded and the time of the last."""
        return self.store.arrivals_by_desk()

    def member(self, member_id: int) -> MemberRecord | None:
        """One member (from the roster held, else from the file: removed ones too)."""
        return self.members.get(member_id) or self.store.member(member_id)

    def close(self) -> None:
        """Close the read connection."""
        self.store.close()
