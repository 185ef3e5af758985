"""The organizer's door: everything the organizer does with a meeting file, without any widget.

``OrganizerService`` owns the organizer's Store and the acting person (the
name every change is audited under). The organizer's window and the command
line call it; it decides where a transaction begins and ends (editing a
member's category and status is one change, not two). Every write returns
the domain's ``Changes`` (what the screens must refresh); reads are named
queries (``figures``, ``member_rows``, ``branches`` …). Printed outputs and
exports are drawn by reports/; the service opens the file for them.

Anki's ``Collection`` is the model: one object per open file, owning the
connection and the use cases; the GUI runs them and refreshes from what changed.
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from data.errors import UserError
from data.records import BranchRecord, EventRecord, MeetingRecord, MemberRecord
from data.store import Store
from kiosk.certify import Verification, verify
from kiosk.changes import Changes
from kiosk.checkin import Desk, presented_by_other, void
from kiosk.desk import member_for_number
from kiosk.meeting import assign_desk, create_meeting, open_meeting, set_signin, update_settings
from kiosk.members import (
    add_member,
    reissue_card,
    remove_member,
    set_category,
    set_flags,
    set_status,
)
from kiosk.model import EventKind, is_expected
from kiosk.organizer_tasks import (
    PaperEntry,
    enter_paper_sheet,
    undo_arrival,
)
from kiosk.roster import ImportReport, Roster, import_file, import_roster
from kiosk.safetext import terminal_text
from kiosk.turnout import Figures, StillToArrive, tally_of

log = logging.getLogger(__name__)

#: The printed outputs the organizer can make (reports/), by name.
OUTPUTS = ("report", "certificates", "cards", "sheets")


class OrganizerService:
    """The organizer working on one meeting file."""

    def __init__(self, path: str | Path, actor: str | None = None) -> None:
        self.path = Path(path)
        self.actor = actor or getpass.getuser()
        self.store: Store = open_meeting(self.path)

    @classmethod
    def create(cls, path: str | Path, *, title: str, date: str, venue: str = "",
               quorum_rule: str = "election", opens_at: str | None = None,
               closes_at: str | None = None, actor: str | None = None,
               **settings: object) -> OrganizerService:
        """Make a new meeting file (with optional settings) and open it.

        A bad setting fails the whole creation and leaves no half-made file
        behind, so the corrected request can simply be made again.
        """
        store = create_meeting(path, title=title, date=date, venue=venue, quorum_rule=quorum_rule,
                               opens_at=opens_at, closes_at=closes_at)
        try:
            if settings:
                update_settings(store, actor or getpass.getuser(), **settings)
        except BaseException:
            store.close()
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
            raise
        store.close()
        log.info("meeting file %s created", path)
        return cls(path, actor)

    def close(self) -> None:
        """Close the meeting file."""
        self.store.close()

    def __enter__(self) -> OrganizerService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- reads ------------------------------------------------------------------------------

    def meeting(self) -> MeetingRecord:
        """The meeting's settings as stored."""
        return self.store.meeting()

    def branches(self) -> list[BranchRecord]:
        """Branches in meeting order, with the desk serving each."""
        return self.store.branches()

    def desk_names(self) -> list[str]:
        """The desks the meeting knows."""
        return [d.name for d in self.store.desks()]

    def branch_names(self) -> list[str]:
        """The branch names in meeting order."""
        return [b.name for b in self.store.branches()]

    def member_by_number(self, number: str) -> MemberRecord | None:
        """The member a member number names, or None."""
        return member_for_number(self.store, number)

    def figures(self) -> Figures:
        """Expected, present, turnout and quorum, in total and per branch."""
        return tally_of(self.store).figures()

    def still_to_arrive(self) -> StillToArrive:
        """Expected members not signed in yet, and how many of them are on leave.

        Read afresh from the file (a window that follows the file live asks its
        ``kiosk.watch.MeetingReader``, which holds the same tally in memory).
        """
        return tally_of(self.store).still_to_arrive()

    def member_rows(self, *, branch: str | None = None, absent: bool = False) -> list[dict[str, Any]]:
        """The roster with presence and card code, for listing (``main.py members``)."""
        if branch and self.store.branch_id(branch) is None:
            names = self.branch_names()
            listed = ", ".join(terminal_text(n, 40) for n in names[:20])
            raise UserError(f"no branch named '{terminal_text(branch, 40)}'; the branches are "
                            + listed + (f", … ({len(names) - 20} more)" if len(names) > 20 else ""))
        tally = tally_of(self.store)
        cards = self.store.current_cards()
        rows = []
        for m in self.store.members():
            p = tally.presence(m.id)
            if branch and m.branch != branch:
                continue
            if absent and (p.attended or not is_expected(m.category, m.status)):
                continue
            rows.append({
                "id": m.id, "number": m.number, "name": m.name, "branch": m.branch,
                "category": m.category, "status": m.status, "reason": m.status_reason,
                "phone": m.phone, "present": p.attended, "in_hall": p.in_hall,
                "arrived_at": p.arrival.at if p.arrival else None,
                "card": cards.get(m.id),
            })
        return rows

    # ---- the roster ---------------------------------------------------------------------------

    def import_roster(self, roster: Roster, *,
                      progress: Callable[[int, int], None] | None = None,
                      committing: Callable[[], None] | None = None) -> ImportReport:
        """Write a validated roster (from the import dialog's preview), all or nothing.

        ``progress(rows done, rows)`` is called as rows are written; if it raises
        (the organizer cancelled), nothing is written. ``committing()`` just
        before the COMMIT (kiosk.roster.importing.import_roster).
        """
        return import_roster(self.store, roster, self.actor, progress=progress,
                             committing=committing)

    def import_file(self, path: str | Path, mapping: dict[str, str] | None = None, *,
                    include_hidden: bool = False, confirm_proposed: bool = False) -> ImportReport:
        """Read, validate and write a roster file (all or nothing); hidden rows, columns and
        sheets and proposed exclusions only when asked."""
        return import_file(self.store, path, self.actor, mapping, include_hidden=include_hidden,
                           confirm_proposed=confirm_proposed)

    def edit_member(self, member_id: int, *, category: str, status: str, reason: str,
                    case: str | None = None, approved_by: str = "", approved_on: str = "",
                    vote_suspended: bool | None = None, lost_contact: bool | None = None,
                    mobile: bool | None = None) -> Changes:
        """Set a member's category and status (with its reason; an exclusion with its listed
        case and approval) and the 中止表决权 / 失联 / 流动 marks, as one change."""
        with self.store.transact():
            first = set_category(self.store, member_id, category, self.actor)
            second = set_status(self.store, member_id, status, reason, self.actor, case=case,
                                approved_by=approved_by, approved_on=approved_on)
            third = set_flags(self.store, member_id, self.actor, vote_suspended=vote_suspended,
                              lost_contact=lost_contact, mobile=mobile)
        return _merge(first, second, third)

    def add_member(self, **fields: Any) -> tuple[int, Changes]:
        """Add one member (name, branch, number, …) and issue their card."""
        return add_member(self.store, actor=self.actor, **fields)

    def remove_member(self, member_id: int, reason: str) -> Changes:
        """Take a member off the roster, with the reason (kept in the audit)."""
        return remove_member(self.store, member_id, reason, self.actor)

    def reissue_card(self, member_id: int) -> tuple[str, Changes]:
        """Give a member a new card code; the old one is refused at once."""
        return reissue_card(self.store, member_id, self.actor)

    # ---- photos ---------------------------------------------------------------------------------

    def import_photos(self, source: str | Path, *,
                      progress: Callable[[int, int], None] | None = None) -> Any:  # -> PhotoImport
        """Import a folder or .zip of photos named by member number or ID number.

        Returns the report (matched, replaced, unknown names, unreadable files,
        duplicates): every file is in it. ``progress(files done, files)``; if it
        raises, the photos already written stay and the report says cancelled.
        """
        from kiosk.photos import import_photos

        return import_photos(self.store, source, self.actor, progress=progress)

    def set_photo_file(self, member_id: int, path: str | Path) -> Changes:
        """Make an image file (JPEG or PNG) the member's photo (made small first); a refusal
        names the file, an ID number in its name masked."""
        from kiosk.photos import set_member_photo_file

        return set_member_photo_file(self.store, member_id, path, self.actor)

    def set_photo_image(self, member_id: int, data: bytes, source: str = "camera") -> Changes:
        """Make an image's bytes (a camera's picture as JPEG or PNG) the member's photo."""
        from kiosk.photos import set_member_photo

        return set_member_photo(self.store, member_id, data, source, self.actor)

    def remove_photo(self, member_id: int) -> Changes:
        """Delete the member's photo (audited)."""
        from kiosk.photos import remove_member_photo

        return remove_member_photo(self.store, member_id, self.actor)

    def photo(self, member_id: int) -> bytes | None:
        """The member's photo (JPEG bytes), or None."""
        return self.store.photo(member_id)

    def photo_member_ids(self) -> set[int]:
        """The members who have a photo (the members table's 缺照片 filter shows the others)."""
        return self.store.photo_member_ids()

    # ---- desks, settings and sign-in ----------------------------------------------------------

    def assign_desk(self, branch: str, desk: str | None) -> Changes:
        """Say which desk serves a branch (None: any desk)."""
        return assign_desk(self.store, branch, desk, self.actor)

    def update_settings(self, **fields: object) -> Changes:
        """Change meeting settings (checked; each change audited)."""
        return update_settings(self.store, self.actor, **fields)

    def set_signin(self, state: str) -> Changes:
        """Open ('open'), close ('closed') or return sign-in to its timetable ('auto')."""
        return set_signin(self.store, state, self.actor)

    def void(self, event_id: str, reason: str, desk: str) -> Changes:
        """Undo a check-in event with a reason, in the name of a desk (or the console)."""
        return void(self.store, event_id, reason, Desk(desk, self.actor))

    def presented_by_others(self) -> list[tuple[EventRecord, MemberRecord | None]]:
        """The 不是本人 voids: a member's card presented by someone else, oldest first.

        Each (void event, member): the desk that caught it is the void's desk,
        the attempt is its target. The same voids print in the report's exceptions.
        """
        found = []
        for e in self.store.events_after(0):
            if e.kind == EventKind.VOID and presented_by_other([e]) is not None:
                found.append((e, self.store.member(e.member_id)))
        return sorted(found, key=lambda pair: pair[0].at)

    def undo_arrival(self, member_id: int, reason: str, desk: str) -> Changes:
        """Undo the check-in that counts for a member, with the organizer's reason."""
        return undo_arrival(self.store, member_id, reason, desk=desk, operator=self.actor)

    def enter_paper_sheet(self, member_ids: Iterable[int], at: str, *, desk: str,
                          operator: str | None = None) -> PaperEntry:
        """Count members ticked on a paper sheet as paper check-ins at ``at``."""
        return enter_paper_sheet(self.store, member_ids, at, desk=desk,
                                 operator=operator or self.actor)

    # ---- outputs --------------------------------------------------------------------------------

    def export(self, output: str | Path) -> int:
        """Attendance as .xlsx or .csv; returns the number of members written."""
        from reports.export import export_attendance

        return export_attendance(self.store, output)

    def write_output(self, kind: str, output: str | Path, *,
                     member_ids: Iterable[int] | None = None, size: str = "A5",
                     branches: Iterable[str] | None = None, english: bool = False) -> Any:
        """Draw one printed output (``OUTPUTS``) to a PDF; returns what the builder returns."""
        if kind == "report":
            from reports.attendance import build_report

            return build_report(self.store, output)
        if kind == "certificates":
            from reports.certificates import build_certificates

            return build_certificates(self.store, output, member_ids=member_ids, size=size,
                                      english=english)
        if kind == "cards":
            from reports.cards import build_cards

            return build_cards(self.store, output, branches=branches, member_ids=member_ids)
        if kind == "sheets":
            from reports.sheets import build_sheets

            return build_sheets(self.store, output)
        raise ValueError(f"not a printed output: {kind!r}")

    def font_gaps(self, kind: str, made: Any = None, **options: Any) -> list:  # -> [Gap]
        """Characters of this output that no installed font can draw (members and fields).

        ``options`` as for ``write_output`` (member_ids, branches); or ``made``, what
        ``write_output`` returned, which spares reading the meeting again.
        """
        from reports import glyphs

        if made is not None:
            check = {"report": glyphs.in_report, "cards": glyphs.in_cards,
                     "certificates": glyphs.in_certificates}.get(kind)
            return check(self.store, made) if check else glyphs.in_sheets(self.store)
        return glyphs.for_output(self.store, kind, **options)

    def card_pictures(self, directory: str | Path, branches: Iterable[str] | None = None) -> list:
        """One PNG per member's card, for sending by phone."""
        from reports.cards import write_pngs

        return write_pngs(self.store, directory, branches=branches)

    def verify(self, code: str) -> Verification:
        """Is a certificate's verification code genuine for this meeting?"""
        return verify(self.store, code)


def _merge(*changes: Changes) -> Changes:
    """One ``Changes`` for several steps of one use case."""
    return Changes(
        events=tuple(e for c in changes for e in c.events),
        members=frozenset().union(*(c.members for c in changes)),
        roster=any(c.roster for c in changes),
        meeting=any(c.meeting for c in changes),
    )
