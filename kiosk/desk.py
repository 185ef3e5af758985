"""The desk's door: everything a sign-in desk does with its meeting file, without any widget.

``DeskService`` owns the desk's Store (the meeting file, or the desk's replica
of a hub's meeting) and the acting desk and operator. The desk window, the
headless desk (``main.py desk --headless``) and the command line
(``main.py checkin`` / ``leave`` / ``void``) all call it, so a scan takes the
same path whoever typed it. Writes return the domain's result (with its
``Changes``: what the screens must refresh); reads are named queries for the
desk's screens. Kept apart from widgets so the bench can time the window's path.

Anki's ``Collection`` is the model: one object per open file, owning the
connection and the use cases; the GUI runs them and refreshes from what changed.
"""

from __future__ import annotations

import ctypes
import dataclasses
import gc
import logging
from pathlib import Path

from data.private import private_dir
from data.records import BranchRecord, EventRecord, MeetingRecord, MemberRecord
from data.store import Store, StoreError
from data.sync import sync_state
from kiosk import codes, idnumbers
from kiosk.changes import Changes
from kiosk.checkin import (
    CheckinResult,
    Desk,
    Outcome,
    check_in,
    find_by_id,
    id_digest,
    record_leave,
    void,
)
from kiosk.meeting import check_pin, open_meeting
from kiosk.model import EventKind, Method
from kiosk.safetext import clean_text, safe_filename
from kiosk.search import Hit, SearchIndex
from kiosk.validate import MAX_OPERATOR
from kiosk.vocabulary import NOT_THIS_PERSON

log = logging.getLogger(__name__)


def _release_memory() -> None:
    """Hand freed roster temporaries back to the system (glibc only; harmless elsewhere)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def member_for_number(store: Store, text: str) -> MemberRecord | None:
    """The member a typed or scanned member number names (None when it names nobody).

    The one place that turns a member number into a member: a card lost, a
    number printed elsewhere, a paper sheet's number column.
    """
    parsed = codes.parse(text)
    # An 18-digit member number (some rosters number members so) wins over the ID path.
    if parsed.shape not in ("number", "idcard", "idcard_bad"):
        return None
    return store.member_by_number(text.strip()) or store.member_by_number(parsed.text)


def member_for_id_number(store: Store, text: str) -> MemberRecord | None:
    """The current member whose resident ID number this is (None: not an ID number with a
    right check character, no secret, or nobody's).

    The one place an ID number becomes a member, through the meeting's keyed hash
    (``kiosk.idnumbers``): the number itself is nowhere to compare with.
    """
    parsed = codes.parse(text)
    if parsed.shape != "idcard":
        return None
    digest = id_digest(store, parsed.text)
    found = store.member_for_id_hash(digest) if digest else None
    return found[0] if found else None


def received_input(store: Store, text: str) -> str | int:
    """What a desk received, for ``check_in``: a member's id for a member number, else the text."""
    member = member_for_number(store, text)
    return member.id if member is not None else text


OPERATOR_META = "desk_operator:"  # + desk name: the name last entered at that desk


def clean_operator(text: str | None) -> str:
    """An operator's name as it may be stored: no control characters, one line, bounded.

    Typed at a desk or given on a command line, it ends up on every event and
    in the printed report, so it is made inert and short here (empty if nothing
    is left: the caller then uses the desk's name).
    """
    name = " ".join(clean_text(text).split())
    return name[:MAX_OPERATOR].strip()


def remembered_operator(store: Store, desk_name: str) -> str:
    """The name last entered at this desk of this meeting file ('' when none)."""
    return clean_operator(store.get_meta(OPERATOR_META + desk_name))


@dataclasses.dataclass(frozen=True, slots=True)
class RecentRow:
    """One line of the desk's recent check-ins."""

    event: EventRecord
    member: MemberRecord | None
    voided: bool


class DeskService:
    """A desk working on one meeting file (or a desk's replica of it).

    The roster (and its search index) is read on first use, so a command-line
    check-in on a large meeting does not pay for a search it never makes.
    """

    def __init__(self, path: str | Path, desk_name: str, operator: str | None = None) -> None:
        self.path = Path(path)
        self.store: Store = open_meeting(path)
        if self.store.read_only is not None:
            # A desk writes every check-in: refused at the start, with the reason,
            # rather than at the first member in the queue.
            try:
                self.store.check_writable()
            finally:
                self.store.close()
        # Never the computer's login name: the name given, else the one last
        # entered at this desk, else the desk's own name.
        chosen = clean_operator(operator) or remembered_operator(self.store, desk_name)
        self.desk = Desk(desk_name, chosen or desk_name)
        self.meeting: MeetingRecord = self.store.meeting()
        self.branches: list[BranchRecord] = self.store.branches()
        self._index: SearchIndex | None = None
        self._by_id: dict[int, MemberRecord] = {}
        self.roster_key = ""

    def set_operator(self, name: str) -> str:
        """The person at the desk from the next event on; remembered for this file and desk.

        Returns the name that will be recorded (the desk's name when ``name`` is empty).
        """
        cleaned = clean_operator(name)
        self.store.set_meta(OPERATOR_META + self.desk.name, cleaned)
        self.desk = Desk(self.desk.name, cleaned or self.desk.name)
        return self.desk.operator

    # ---- the roster as the desk sees it -------------------------------------------------

    def reload_roster(self) -> None:
        """Read members and branches afresh (after the organizer changed the roster)."""
        self.meeting = self.store.meeting()
        self.branches = self.store.branches()
        self.roster_key = self.store.roster_key()
        self._index = SearchIndex(self.store.members_compact())
        self._by_id = {m.id: m for m in self._index.members}
        _release_memory()

    @property
    def index(self) -> SearchIndex:
        """The search index over the roster (read on first use)."""
        if self._index is None:
            self.reload_roster()
        assert self._index is not None
        return self._index

    @property
    def members(self) -> dict[int, MemberRecord]:
        """The roster by member id."""
        self.index  # noqa: B018 - read on first use
        return self._by_id

    def roster_members(self) -> list[MemberRecord]:
        """The roster for the live figures: re-read only if it changed since the last read."""
        if self._index is None or self.store.roster_key() != self.roster_key:
            self.reload_roster()
        return self.index.members

    def roster_by_id(self) -> dict[int, MemberRecord]:
        """``members``, re-read only if the roster changed (the live figures share this dict)."""
        self.roster_members()
        return self._by_id

    def photo(self, member_id: int) -> bytes | None:
        """The member's photo (JPEG bytes, at most 240x320 and 48 KiB), or None.

        Read from the file on demand, one member at a time, never cached for the
        roster: a desk's replica holds only its own branches' photos, so a member
        of another branch has none here.
        """
        return self.store.photo(member_id)

    def photos_version(self) -> int:
        """Bumped whenever a photo is added, replaced or removed (0: this file never had one).

        The desk's decoded photos are dropped when it changes.
        """
        return self.store.photos_version()

    def refresh_meeting(self) -> MeetingRecord:
        """Re-read the meeting's settings (sign-in state, leave tracking, PIN)."""
        self.meeting = self.store.meeting()
        return self.meeting

    def my_branches(self) -> list[BranchRecord]:
        """The branches this desk serves (all of them when no branch has a desk)."""
        mine = [b for b in self.branches if b.desk_name == self.desk.name]
        if mine:
            return mine
        if any(b.desk_name for b in self.branches):
            # Branches nobody serves are served by any desk (as kiosk.checkin routes them).
            return [b for b in self.branches if b.desk_name is None]
        return list(self.branches)

    def desk_names(self) -> list[str]:
        """The desks the meeting knows."""
        return [d.name for d in self.store.desks()]

    def check_pin(self, pin: str) -> bool:
        """Is this the organizer's PIN (leaving kiosk mode, switching desks)?"""
        return check_pin(self.meeting, pin)

    def is_replica(self) -> bool:
        """True when this desk works on a replica of a hub's meeting."""
        return self.store.is_replica

    # ---- inputs ----------------------------------------------------------------------------

    def scan(self, text: str, method: Method = Method.SCAN, *, at: str | None = None) -> CheckinResult:
        """A scanner or camera read (or a number typed, or a paper sheet's line): decide and record."""
        return check_in(self.store, received_input(self.store, text), self.desk, method=method,
                        at=at)

    def hub_question(self, text: str, result: CheckinResult) -> str | None:
        """The keyed hash to ask the hub about, when a swiped ID number was not found here.

        A desk's replica holds only its own branches' ID hashes
        (kiosk/link/leastdata.py): a valid ID number it does not know may be a
        member of another branch, which only the hub can say. None when there is
        nothing to ask (not a replica, found here, a wrong check character, or
        no secret to hash with).
        """
        if not self.is_replica() or result.outcome not in (Outcome.ID_UNKNOWN, Outcome.ID_OFF):
            return None
        parsed = codes.parse(text)
        if parsed.shape != "idcard":
            return None
        return id_digest(self.store, parsed.text)

    def scan_id_found(self, member_id: int | None, shown: str, *,
                      leave: bool = False) -> CheckinResult:
        """The hub named the member a swiped ID number belongs to (None: nobody's).

        Decided and recorded exactly as the card of that member would be, with
        method 'idcard' (wrong desk, already in, excluded … apply); ``shown`` is
        the masked number the answer carries (``idnumbers.mask_text``).
        """
        if member_id is None:
            return CheckinResult(Outcome.ID_UNKNOWN, shown)
        if leave:
            result = record_leave(self.store, member_id, self.desk, method=Method.IDCARD)
        else:
            result = check_in(self.store, member_id, self.desk, method=Method.IDCARD)
        if result.outcome == Outcome.UNKNOWN:
            # Not (yet) in this replica's roster: say what was swiped, not a card.
            return CheckinResult(Outcome.ID_UNKNOWN, shown)
        return dataclasses.replace(result, text=shown)

    def choose(self, member_id: int) -> CheckinResult:
        """The operator chose a member in the search list."""
        return check_in(self.store, member_id, self.desk, method=Method.SEARCH)

    def leave(self, text: str | int, method: Method = Method.SCAN) -> CheckinResult:
        """Record an early leave for the member whose card was scanned (or id given)."""
        if isinstance(text, int):
            return record_leave(self.store, text, self.desk, method=Method.MANUAL)
        received = received_input(self.store, text)
        if isinstance(received, str):
            parsed = codes.parse(received)
            if parsed.shape == "garbage":
                return CheckinResult(Outcome.UNREADABLE, parsed.text)
            if parsed.shape in ("idcard", "idcard_bad"):
                found = find_by_id(self.store, parsed)
                if isinstance(found, CheckinResult):
                    return found
                return record_leave(self.store, found[0].id, self.desk, method=Method.IDCARD)
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

    def not_this_person(self, event_id: str) -> Changes:
        """不是本人: whoever was just signed in is not the member; void it with the fixed reason.

        The member stays not arrived, and the void (synced like any event) marks
        their card as presented by someone else: the next sign-in of that member
        at any desk shows amber (``CheckinResult.presented_by_other``), and the
        organizer sees it in the dashboard and the report's exceptions. Raises
        ``VoidError`` unless ``event_id`` is an arrival not already undone.
        """
        return void(self.store, event_id, NOT_THIS_PERSON, self.desk)

    def search(self, query: str) -> list[Hit]:
        """Members matching what the operator typed (an ID number is never searched for:
        Enter signs it in as a swiped card, ``scan``)."""
        if codes.parse(query).shape in ("idcard", "idcard_bad"):
            return []
        return self.index.search(query)

    def id_cards_usable(self) -> bool:
        """Can a swiped ID card sign anyone in here (the roster came with ID numbers)?"""
        return idnumbers.is_key(self.store.get_meta(idnumbers.KEY_META)) \
            and self.store.has_id_numbers()

    # ---- what the desk did -----------------------------------------------------------------

    def recent(self, limit: int = 30) -> list[RecentRow]:
        """This desk's latest arrivals and leaves, newest first, marked when undone."""
        events = self.store.desk_events(self.desk.name, (EventKind.ARRIVE, EventKind.LEAVE),
                                        limit)
        voided = self.store.voided_among(e.member_id for e in events)
        return [RecentRow(e, self._by_id.get(e.member_id) or self.store.member(e.member_id),
                          e.id in voided) for e in events]

    def close(self) -> None:
        """Close the meeting file."""
        self.store.close()


def write_certificate(store: Store, meeting: Path, event_id: str, *, english: bool = False) -> Path:
    """Write the certificate of attendance of the member an event signed in.

    It goes to a ``certificates`` folder beside the meeting file, named by
    member number and name, so a reprint replaces the earlier copy.
    """
    from reports.certificates import build_certificates

    event = store.event(event_id)
    if event is None:
        raise ValueError(f"no check-in event {event_id}")
    member = store.member(event.member_id)
    folder = private_dir(meeting.parent / "certificates")
    stem = f"{member.number or member.id}-{member.name}" if member else str(event.member_id)
    path = folder / safe_filename(stem, ".pdf")
    build_certificates(store, path, member_ids=[event.member_id], english=english)
    log.info("certificate for event %s written to %s", event_id, folder)
    return path


def certificate_in_this_thread(meeting: str | Path, event_id: str, *,
                               english: bool = False) -> tuple[Path, str]:
    """Write an event's certificate on a connection of the calling thread (a GUI worker's).

    Returns the PDF and, as '王𠮷 U+20BB7、…', the characters of it that no
    installed font can print ('' if none): such a certificate is not sent to
    a printer.
    """
    from reports.glyphs import for_output

    meeting = Path(meeting)
    with Store.open(meeting, check=False) as store:
        path = write_certificate(store, meeting, event_id, english=english)
        event = store.event(event_id)
        gaps = for_output(store, "certificates", member_ids=[event.member_id]) if event else []
    return path, "、".join(f"{g.member.name if g.member else g.text} {g.char} {g.code}" for g in gaps)


# ---- what the start screens need to know of a file, before a desk opens it ----------------

def meeting_desks(path: str | Path) -> tuple[str, list[str]]:
    """A meeting file's title and the desks it knows, for starting a desk on it.

    ``StoreError`` for a file that is not one, ``ReadOnlyError`` for one that
    can only be read (a desk writes every check-in: said before it starts).
    """
    with Store.open(path) as store:
        store.check_writable()
        return store.meeting().title, [d.name for d in store.desks()]


def meeting_info(path: str | Path) -> tuple[str, str]:
    """(meeting uid, 'title · date') of a meeting file; (resolved path, file name) if unreadable.

    The uid tells copies of one meeting apart from different meetings (the
    start screen lists each meeting once).
    """
    try:
        with Store.open(path, check=False) as store:
            m = store.meeting()
            return m.uid, f"{m.title} · {m.date}"
    except (StoreError, OSError):
        return str(Path(path).resolve()), Path(path).name


def replica_desk(path: str | Path) -> str | None:
    """The desk a joined replica was made for ('' when it does not say); None if not a replica."""
    with Store.open(path, check=False) as store:
        if not store.is_replica:
            return None
        return sync_state(store).desk
