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
from kiosk.model import Status, is_expected
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
