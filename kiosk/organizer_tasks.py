"""Organizer use cases the window offers beyond preparing the roster (Qt-free).

Closing sign-in, entering a paper sign-in sheet, undoing a check-in from the
organizer's side: each is a plain function over a store and the figures, so
the window, the command line and tests share it (they move into the
organizer's service once it exists).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from data.records import MemberRecord
from data.store import Store
from kiosk.changes import Changes
from kiosk.checkin import CheckinResult, Desk, VoidError, check_in, presence_of, void
from kiosk.model import Method, Status, is_expected
from kiosk.presence import MemberPresence


@dataclass(frozen=True, slots=True)
class StillToArrive:
    """Expected members who have not signed in: the cost of closing sign-in now."""

    absent: int     # expected and not signed in
    on_leave: int   # of those, on leave (not looked for at the desks)

    @property
    def awaited(self) -> int:
        """Members the desks are still waiting for (absent and not on leave)."""
        return self.absent - self.on_leave


def still_to_arrive(members: Iterable[MemberRecord],
                    presence: Callable[[int], MemberPresence]) -> StillToArrive:
    """Count expected members not signed in, and how many of them are on leave."""
    absent = on_leave = 0
    for m in members:
        if m.removed_at is None and is_expected(m.category, m.status) and not presence(m.id).attended:
            absent += 1
            on_leave += m.status == Status.LEAVE
    return StillToArrive(absent, on_leave)


@dataclass(frozen=True, slots=True)
class PaperEntry:
    """What entering a paper sheet did: who was counted, and who was not and why."""

    recorded: tuple[CheckinResult, ...]
    refused: tuple[CheckinResult, ...]  # already signed in, excused, unknown …


def enter_paper_sheet(store: Store, member_ids: Iterable[int], at: str, *,
                      desk: str, operator: str) -> PaperEntry:
    """Count the members ticked on a branch's paper sheet as paper check-ins at ``at``.

    Each is decided like any check-in (one already signed in is not counted
    twice); the sheet was signed at the branch's own table, so no desk routing.
    """
    recorded, refused = [], []
    for mid in member_ids:
        result = check_in(store, int(mid), Desk(desk, operator), method=Method.PAPER, at=at)
        (recorded if result.recorded else refused).append(result)
    return PaperEntry(tuple(recorded), tuple(refused))


def undo_arrival(store: Store, member_id: int, reason: str, *, desk: str,
                 operator: str) -> Changes:
    """Undo the check-in that counts for a member, with the organizer's reason."""
    arrival = presence_of(store, member_id).arrival
    if arrival is None:
        raise VoidError("this member is not signed in", "该党员尚未签到，无需撤销")
    return void(store, arrival.id, reason, Desk(desk, operator))
