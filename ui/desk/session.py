"""What one desk does with the meeting file, without any widget: the desk's session.

The window hands every input (scanner, camera, search choice, leave) to a
``DeskSession``; it turns it into a ``check_in`` / ``record_leave`` / ``void``
call on its own Store and returns the domain's result. Keeping this apart from
the widgets lets the bench time the same path the window takes.
"""

from __future__ import annotations

import ctypes
import gc
from dataclasses import dataclass
from pathlib import Path

from data.private import private_dir
from data.records import BranchRecord, EventRecord, MemberRecord
from data.store import _MEMBER_SELECT, Store
from kiosk import codes
from kiosk.changes import Changes
from kiosk.checkin import CheckinResult, Desk, Outcome, check_in, record_leave, void
from kiosk.meeting import open_meeting
from kiosk.model import EventKind, Method
from kiosk.safetext import safe_filename
from kiosk.search import Hit, SearchIndex


def _release_memory() -> None:
    """Hand freed roster temporaries back to the system (glibc only; harmless elsewhere)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


_EVENT_COLUMNS = "seq, id, kind, member_id, desk, operator, method, at, target, reason, hub_seq"


@dataclass(frozen=True, slots=True)
class RecentRow:
    """One line of the desk's recent check-ins."""

    event: EventRecord
    member: MemberRecord | None
    voided: bool


class DeskSession:
    """A desk working on one meeting file (or a desk's replica of it)."""

    def __init__(self, path: str | Path, desk_name: str, operator: str | None = None) -> None:
        self.path = Path(path)
        self.store: Store = open_meeting(path)
        self.desk = Desk(desk_name, operator) if operator else Desk(desk_name)
        self.reload_roster()

    # ---- the roster as the desk sees it -------------------------------------------------

    def reload_roster(self) -> None:
        """Read members and branches afresh (after the organizer changed the roster)."""
        self.meeting = self.store.meeting()
        self.branches: list[BranchRecord] = self.store.branches()
        self.roster_key = self._roster_key()
        self.index = SearchIndex(self._load_members())
        self.members: dict[int, MemberRecord] = {m.id: m for m in self.index.members}
        _release_memory()

    def _roster_key(self) -> str:
        # Which desk serves which branch lives outside the members table: count it in.
        desks = self.store.one("SELECT group_concat(id || ':' || COALESCE(desk_id, ''), ',') FROM branches")
        return f"{self.store.get_meta('roster_version', '0')}|{desks[0] if desks else ''}"

    def _load_members(self) -> list[MemberRecord]:
        # A desk holds the whole roster (100,000 members at the largest meetings).
        # Fields with few distinct values (branch, gender, category, birth month…)
        # share one string object each instead of one per member: about half the
        # memory of Store.members().
        shared: dict[object, object] = {}
        keep = shared.setdefault
        rows = self.store.db.execute(
            f"{_MEMBER_SELECT} WHERE m.removed_at IS NULL ORDER BY b.position, b.id, m.number, m.id")
        return [
            MemberRecord(r[0], r[1], r[2], r[3], keep(r[4], r[4]), keep(r[5], r[5]),
                         keep(r[6], r[6]), keep(r[7], r[7]), r[8], keep(r[9], r[9]),
                         keep(r[10], r[10]), keep(r[11], r[11]), keep(r[12], r[12]), r[13],
                         keep(r[14], r[14]), None)
            for r in rows
        ]

    def roster_members(self) -> list[MemberRecord]:
        """The roster for the live figures: re-read only if it changed since the last read."""
        if self._roster_key() != self.roster_key:
            self.reload_roster()
        return self.index.members

    def refresh_meeting(self) -> None:
        """Re-read the meeting's settings (sign-in state, leave tracking, PIN)."""
        self.meeting = self.store.meeting()

    def my_branches(self) -> list[BranchRecord]:
        """The branches this desk serves (all of them when no branch has a desk)."""
        mine = [b for b in self.branches if b.desk_name == self.desk.name]
        if mine:
            return mine
        if any(b.desk_name for b in self.branches):
            # Branches nobody serves are served by any desk (desk_serves()).
            return [b for b in self.branches if b.desk_name is None]
        return list(self.branches)

    def desk_names(self) -> list[str]:
        """The desks the meeting knows."""
        return [d.name for d in self.store.desks()]

    # ---- inputs ----------------------------------------------------------------------------

    def _received(self, text: str) -> str | int:
        # A scanned or typed member number (a card lost, a number printed elsewhere)
        # names a member directly; anything else goes to check_in as it came.
        parsed = codes.parse(text)
        if parsed.shape == "number":
            member = self.store.member_by_number(text.strip())
            if member is not None:
                return member.id
        return text

    def scan(self, text: str, method: Method = Method.SCAN) -> CheckinResult:
        """A scanner or camera read: decide and record."""
        return check_in(self.store, self._received(text), self.desk, method=method)

    def choose(self, member_id: int) -> CheckinResult:
        """The operator chose a member in the search list."""
        return check_in(self.store, member_id, self.desk, method=Method.SEARCH)

    def leave(self, text: str | int, method: Method = Method.SCAN) -> CheckinResult:
        """Record an early leave for the member whose card was scanned (or id given)."""
        if isinstance(text, int):
            return record_leave(self.store, text, self.desk, method=Method.MANUAL)
        received = self._received(text)
        if isinstance(received, str):
            parsed = codes.parse(received)
            if parsed.shape == "garbage":
                return CheckinResult(Outcome.UNREADABLE, parsed.text)
            if parsed.shape == "code" and parsed.prefix != self.meeting.code_prefix:
                return CheckinResult(Outcome.OTHER_MEETING, parsed.text)
            card = self.store.card(parsed.text)
            if card is None:
                return CheckinResult(Outcome.UNKNOWN, parsed.text)
            if card.revoked_at is not None:
                return CheckinResult(Outcome.REVOKED, parsed.text, self.store.member(card.member_id))
            received = card.member_id
        return record_leave(self.store, received, self.desk, method=method)

    def undo(self, event_id: str, reason: str) -> Changes:
        """Void one of this desk's check-ins with a reason (raises VoidError if refused)."""
        return void(self.store, event_id, reason, self.desk)

    def search(self, query: str) -> list[Hit]:
        """Members matching what the operator typed."""
        return self.index.search(query)

    # ---- what the desk did -----------------------------------------------------------------

    def recent(self, limit: int = 30) -> list[RecentRow]:
        """This desk's latest arrivals and leaves, newest first, marked when undone."""
        rows = self.store.all(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE desk = ? AND kind IN (?, ?) "
            "ORDER BY seq DESC LIMIT ?",
            (self.desk.name, EventKind.ARRIVE, EventKind.LEAVE, limit),
        )
        events = [EventRecord(*r) for r in rows]
        if not events:
            return []
        # By member (indexed), not by target (not indexed): cheap on a full file.
        mids = sorted({e.member_id for e in events})
        marks = ",".join("?" for _ in mids)
        voided = {r[0] for r in self.store.all(
            f"SELECT target FROM events WHERE member_id IN ({marks}) AND kind = ?",
            (*mids, EventKind.VOID),
        )}
        return [RecentRow(e, self.members.get(e.member_id) or self.store.member(e.member_id),
                          e.id in voided) for e in events]

    def certificate(self, event_id: str) -> Path:
        """Write the certificate of attendance of the member an event signed in.

        It goes to a ``certificates`` folder beside the meeting file, named by
        member number and name, so a reprint replaces the earlier copy.
        """
        from reports.certificates import build_certificates

        event = self.store.event(event_id)
        if event is None:
            raise ValueError(f"no check-in event {event_id}")
        member = self.store.member(event.member_id)
        folder = private_dir(self.path.parent / "certificates")
        stem = f"{member.number or member.id}-{member.name}" if member else str(event.member_id)
        path = folder / safe_filename(stem, ".pdf")
        build_certificates(self.store, path, member_ids=[event.member_id])
        return path

    def close(self) -> None:
        """Close the meeting file."""
        self.store.close()
