"""What a domain operation changed, so screens refresh only what they must.

Every write in ``kiosk`` returns one of these (the idea of Anki's OpChanges);
the UI turns it into a signal.
"""

from __future__ import annotations

from dataclasses import dataclass

from data.records import EventRecord


@dataclass(frozen=True, slots=True)
class Changes:
    """Events added, members touched, and whether roster or settings changed."""

    events: tuple[EventRecord, ...] = ()
    members: frozenset[int] = frozenset()
    roster: bool = False
    meeting: bool = False

    @property
    def empty(self) -> bool:
        return not (self.events or self.members or self.roster or self.meeting)


NOTHING = Changes()
