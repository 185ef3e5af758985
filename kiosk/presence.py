"""Who is present, derived from the set of check-in events.

The derivation depends only on the set of events, not on the order they were
received in, so a desk's replica and the hub agree once they hold the same
events. The first arrival the authority accepted (lowest ``hub_seq``) is the one
that counts; later arrivals of a present member are duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass

from data.records import EventRecord
from kiosk.model import EventKind


def authority_order(ev: EventRecord) -> tuple:
    """Sort key: accepted events in the authority's order, then pending ones by time."""
    if ev.hub_seq is not None:
        return (0, ev.hub_seq, "", "")
    return (1, 0, ev.at, ev.id)


def time_order(ev: EventRecord) -> tuple:
    """Sort key for the sequence of arrivals and leaves: wall time, then authority order."""
    return (ev.at, authority_order(ev))


@dataclass(frozen=True, slots=True)
class MemberPresence:
    """One member's attendance as the events say.

    ``attended``: signed in at least once (counts in 实到 and turnout).
    ``in_hall``: attended and not left since (counts for the quorum at a vote).
    ``arrival``: the arrival that counts; ``duplicates``: later arrivals.
    """

    attended: bool
    in_hall: bool
    arrival: EventRecord | None
    last: EventRecord | None
    duplicates: tuple[EventRecord, ...]
    voided: tuple[EventRecord, ...]


ABSENT = MemberPresence(False, False, None, None, (), ())


def fold(events: list[EventRecord]) -> MemberPresence:
    """Derive one member's presence from all of their events."""
    voids = {ev.target for ev in events if ev.kind == EventKind.VOID}
    live = [ev for ev in events if ev.kind != EventKind.VOID and ev.id not in voids]
    voided = tuple(ev for ev in events if ev.id in voids)
    arrivals = sorted((ev for ev in live if ev.kind == EventKind.ARRIVE), key=authority_order)
    if not arrivals:
        return MemberPresence(False, False, None, None, (), voided)
    last = max(live, key=time_order)
    # Arrivals while already in the hall form one stay with the arrival that
    # began it; in each stay the one the authority accepted first counts and the
    # others are duplicates. A re-entry after a leave starts a new stay.
    stays: list[list[EventRecord]] = []
    inside = False
    for ev in sorted(live, key=time_order):
        if ev.kind == EventKind.ARRIVE:
            if inside:
                stays[-1].append(ev)
            else:
                stays.append([ev])
            inside = True
        else:
            inside = False
    duplicates = [ev for stay in stays for ev in sorted(stay, key=authority_order)[1:]]
    return MemberPresence(
        True, last.kind == EventKind.ARRIVE, arrivals[0], last, tuple(duplicates), voided
    )
