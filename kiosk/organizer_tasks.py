"""Organizer use cases beyond preparing the roster, as plain functions over a store (Qt-free).

Entering a paper sign-in sheet and undoing a check-in from the organizer's
side. ``kiosk.organizer.OrganizerService`` offers them; the window and the
command line call the service, never these directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from data.store import Store
from kiosk.changes import Changes
from kiosk.checkin import CheckinResult, Desk, VoidError, check_in, presence_of, void
from kiosk.model import Method


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
