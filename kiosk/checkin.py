"""The check-in decision: what a desk received, in; a frozen result, out.

``check_in`` is the one function every input goes through (scanner, camera,
search, paper sheet). It decides against the meeting file inside one write
transaction, records an event when the member is let in, and returns only
after the commit, so a green screen is a durable fact. It never raises on bad
input: garbage is a result like any other.
"""

from __future__ import annotations

import getpass
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from data.records import EventRecord, MeetingRecord, MemberRecord
from data.store import Store, now_iso
from kiosk import codes, idnumbers
from kiosk.changes import Changes
from kiosk.meeting import signin_window
from kiosk.messages import DomainError
from kiosk.model import Category, EventKind, Method, Status
from kiosk.presence import MemberPresence, fold
from kiosk.vocabulary import NOT_THIS_PERSON

log = logging.getLogger(__name__)


class Outcome(StrEnum):
    """Every answer a desk can give."""

    WELCOME = "welcome"              # green: signed in now
    REENTRY = "reentry"              # green: back in after an early leave
    OBSERVER = "observer"            # green: observer (列席) recorded, not counted
    ALREADY = "already"              # amber: signed in earlier (when, where)
    WRONG_DESK = "wrong_desk"        # blue: go to the desk serving the branch
    EXCLUDED = "excluded"            # amber: excused from this meeting (核准不计)
    UNKNOWN = "unknown"              # red: no such card in this meeting
    REVOKED = "revoked"              # red: card replaced by a newer one
    OTHER_MEETING = "other_meeting"  # red: a card of another meeting
    NOT_OPEN = "not_open"            # red: sign-in has not opened yet
    CLOSED = "closed"                # red: sign-in is closed
    UNREADABLE = "unreadable"        # red: not a card code at all
    LEFT = "left"                    # amber: early leave recorded
    NOT_PRESENT = "not_present"      # red: leave asked for someone not in the hall
    ID_WRONG = "id_wrong"            # red: an ID number with a wrong check character
    ID_UNKNOWN = "id_unknown"        # red: a valid ID number of nobody on the roster
    ID_OFF = "id_off"                # red: the roster has no ID numbers to match


COLOUR = {
    Outcome.WELCOME: "green", Outcome.REENTRY: "green", Outcome.OBSERVER: "green",
    Outcome.ALREADY: "amber", Outcome.EXCLUDED: "amber", Outcome.LEFT: "amber",
    Outcome.WRONG_DESK: "blue",
}


def colour(outcome: Outcome) -> str:
    """green / amber / blue / red for a result panel."""
    return COLOUR.get(outcome, "red")


@dataclass(frozen=True, slots=True)
class Desk:
    """Who is asking: the desk's name and the operator at it."""

    name: str
    operator: str = field(default_factory=getpass.getuser)


@dataclass(frozen=True, slots=True)
class CheckinResult:
    """What happened. ``recorded`` is true only once the event is committed."""

    outcome: Outcome
    text: str = ""
    member: MemberRecord | None = None
    event: EventRecord | None = None
    earlier: EventRecord | None = None
    serving_desk: str | None = None
    admitted_elsewhere: bool = False
    changes: Changes = field(default_factory=Changes)
    # The latest 不是本人 void of this member: their card was presented by someone
    # else earlier, so the desk asks the secretary to look at the face (amber).
    presented_by_other: EventRecord | None = None

    @property
    def recorded(self) -> bool:
        return self.event is not None

    @property
    def colour(self) -> str:
        if self.presented_by_other is not None and self.recorded:
            return "amber"  # let in, but look: the same card was used by someone else before
        return "blue" if self.admitted_elsewhere else colour(self.outcome)

    def as_dict(self) -> dict:
        """A JSON-ready summary (for the command line and the desk link)."""
        m = self.member
        return {
            "outcome": str(self.outcome),
            "colour": self.colour,
            "recorded": self.recorded,
            "input": self.text,
            "member": None if m is None else {
                "id": m.id, "number": m.number, "name": m.name, "branch": m.branch,
                "category": m.category, "status": m.status,
            },
            "event": None if self.event is None else self.event.id,
            "at": None if self.event is None else self.event.at,
            "earlier": None if self.earlier is None else {
                "at": self.earlier.at, "desk": self.earlier.desk, "event": self.earlier.id,
            },
            "serving_desk": self.serving_desk,
            "presented_by_other": None if self.presented_by_other is None else {
                "at": self.presented_by_other.at, "desk": self.presented_by_other.desk,
            },
        }


def new_event_id() -> str:
    """A globally unique event id (random UUID, hex)."""
    return uuid.uuid4().hex


def _stamp(store: Store) -> bool:
    # The authority (a stand-alone file or the hub) orders events as it commits
    # them; a desk's replica leaves them pending until the hub acknowledges.
    return store.role == "authority"


def check_in(
    store: Store,
    received: str | bytes | int,
    desk: Desk,
    *,
    method: Method = Method.SCAN,
    at: str | None = None,
    now: datetime | None = None,
) -> CheckinResult:
    """Decide on a scan (text) or a member chosen by search (member id) and record it.

    Decision and write happen in one transaction holding the write lock, so two
    desks working on the same file cannot both let the same member in. Returns
    after the durable commit when the member was let in.
    """
    text = ""
    parsed = None
    if not isinstance(received, int):
        parsed = codes.parse(received)
        text = parsed.text
        if parsed.shape == "garbage":
            return CheckinResult(Outcome.UNREADABLE, text)
        if parsed.shape in ("idcard", "idcard_bad"):
            return _check_in_id(store, parsed, desk, method, at, now)
        if parsed.shape != "code":
            return CheckinResult(Outcome.UNKNOWN, text)
    with store.transact():
        meeting = store.meeting()
        if parsed is None:
            text = str(received)
            # SQLite integers are 64-bit; anything larger is no member's id.
            member = store.member(int(received)) if abs(int(received)) < 2**63 else None
            wanted = store.branch_desk(member.branch_id) if member else None
        else:
            if parsed.prefix != meeting.code_prefix:
                return CheckinResult(Outcome.OTHER_MEETING, text)
            found = store.member_for_card(parsed.text)
            if found is None:
                return CheckinResult(Outcome.UNKNOWN, text)
            card, member, wanted = found
            if card.revoked_at is not None:
                return CheckinResult(Outcome.REVOKED, text, member)
        if member is None or member.removed_at is not None:
            return CheckinResult(Outcome.UNKNOWN, text, member)
        return _decide(store, meeting, member, wanted, text, desk, method, at, now)


def id_digest(store: Store, id_number: str) -> str | None:
    """The keyed hash of an ID number under this meeting's secret (None: no secret here)."""
    key = store.get_meta(idnumbers.KEY_META)
    return idnumbers.id_hash(key, id_number) if key and idnumbers.is_key(key) else None


def find_by_id(store: Store, parsed: codes.ParsedInput) -> CheckinResult | tuple[MemberRecord, str | None]:
    """The member a swiped ID number names (and the desk serving them), or the red answer.

    The answer's text is the masked number: an ID number is never shown,
    logged or sent in clear.
    """
    shown = idnumbers.mask_text(parsed.text)
    if parsed.shape != "idcard":
        return CheckinResult(Outcome.ID_WRONG, shown)
    digest = id_digest(store, parsed.text)
    found = store.member_for_id_hash(digest) if digest else None
    if found is not None:
        return found
    if digest is None or not store.has_id_numbers():
        return CheckinResult(Outcome.ID_OFF, shown)
    return CheckinResult(Outcome.ID_UNKNOWN, shown)


def _check_in_id(
    store: Store, parsed: codes.ParsedInput, desk: Desk, method: Method, at: str | None,
    now: datetime | None,
) -> CheckinResult:
    # Entered after the fact (paper, manual) keeps its method; live inputs are 'idcard'.
    if method not in (Method.PAPER, Method.MANUAL):
        method = Method.IDCARD
    with store.transact():
        found = find_by_id(store, parsed)
        if isinstance(found, CheckinResult):
            return found
        member, wanted = found
        return _decide(store, store.meeting(), member, wanted,
                       idnumbers.mask_text(parsed.text), desk, method, at, now)


def _decide(
    store: Store, meeting: MeetingRecord, member: MemberRecord, wanted: str | None, text: str,
    desk: Desk, method: Method, at: str | None, now: datetime | None,
) -> CheckinResult:
    # Paper sheets and manual late sign-ins are entered after the fact, often
    # once sign-in has closed; the window only guards live desks.
    if method not in (Method.PAPER, Method.MANUAL):
        window = signin_window(meeting, now)
        if not window.open:
            outcome = Outcome.NOT_OPEN if window.reason == "not_open" else Outcome.CLOSED
            return CheckinResult(outcome, text, member)
    if member.status == Status.EXCLUDED and member.category != Category.OBSERVER:
        return CheckinResult(Outcome.EXCLUDED, text, member)
    events = store.events_for(member.id)
    presence = fold(events)
    if presence.in_hall:
        return CheckinResult(Outcome.ALREADY, text, member, earlier=presence.arrival)
    misused = presented_by_other(events)
    # A paper sheet was signed at the member's own table; whoever types it in
    # later is not the desk the member came to, so routing does not apply.
    admitted_elsewhere = (wanted is not None and wanted != desk.name
                          and method != Method.PAPER)
    if admitted_elsewhere and not meeting.wrong_desk_admits:
        # Sent on, not let in; the desk still says the card was used by someone else.
        return CheckinResult(Outcome.WRONG_DESK, text, member, serving_desk=wanted,
                             presented_by_other=misused)
    event = store.insert_event(
        id=new_event_id(), kind=EventKind.ARRIVE, member_id=member.id, desk=desk.name,
        operator=desk.operator, method=method, at=at or now_iso(), stamp=_stamp(store),
    )
    assert event is not None  # a fresh random id cannot collide
    if member.category == Category.OBSERVER:
        outcome = Outcome.OBSERVER
    elif presence.attended:
        outcome = Outcome.REENTRY
    else:
        outcome = Outcome.WELCOME
    log.info("%s: member %d at %s by %s (%s), event %s", outcome, member.id, desk.name,
             desk.operator, method, event.id)
    return CheckinResult(
        outcome, text, member, event,
        serving_desk=wanted if admitted_elsewhere else None,
        admitted_elsewhere=admitted_elsewhere,
        changes=Changes(events=(event,), members=frozenset({member.id})),
        presented_by_other=misused,
    )


def presented_by_other(events: list[EventRecord]) -> EventRecord | None:
    """The latest 不是本人 void among a member's events (None when there is none).

    Derived from the immutable, synced void events rather than kept as a flag on
    the card, so every desk and the hub agree without a schema change.
    """
    found = [e for e in events if e.kind == EventKind.VOID and e.reason == NOT_THIS_PERSON]
    return max(found, key=lambda e: e.at) if found else None


def record_leave(
    store: Store, member_id: int, desk: Desk, *, method: Method = Method.MANUAL,
    at: str | None = None,
) -> CheckinResult:
    """Record an early leave (中途退场) for a member who is in the hall."""
    with store.transact():
        member = store.member(member_id)
        if member is None:
            return CheckinResult(Outcome.UNKNOWN, str(member_id))
        presence = fold(store.events_for(member_id))
        if not presence.in_hall:
            return CheckinResult(Outcome.NOT_PRESENT, "", member)
        # A desk records departures of the members it serves, as it does their
        # arrivals; the hub holds desks to the same rule (kiosk.validate).
        wanted = store.branch_desk(member.branch_id)
        if (store.role == "replica" and wanted is not None and wanted != desk.name
                and not store.meeting().wrong_desk_admits):
            return CheckinResult(Outcome.WRONG_DESK, "", member, serving_desk=wanted)
        event = store.insert_event(
            id=new_event_id(), kind=EventKind.LEAVE, member_id=member_id, desk=desk.name,
            operator=desk.operator, method=method, at=at or now_iso(), stamp=_stamp(store),
        )
        log.info("left: member %d at %s by %s", member_id, desk.name, desk.operator)
        return CheckinResult(
            Outcome.LEFT, "", member, event, earlier=presence.arrival,
            changes=Changes(events=(event,) if event else (), members=frozenset({member_id})),
        )


class VoidError(DomainError):
    """A void was refused; the message (and ``zh``) says why."""


def void(store: Store, event_id: str, reason: str, desk: Desk) -> Changes:
    """Undo an earlier arrive or leave with a reason, as a new void event."""
    reason = reason.strip()
    if not reason:
        raise VoidError("a void needs a reason", "撤销须填写原因")
    with store.transact():
        target = store.event(event_id)
        if target is None:
            raise VoidError(f"no check-in event {event_id}", f"没有这条签到记录（{event_id}）")
        if target.kind == EventKind.VOID:
            raise VoidError("a void cannot itself be voided; sign the member in again instead",
                            "撤销记录本身不能再撤销；请重新为该人员签到")
        if any(e.kind == EventKind.VOID and e.target == event_id
               for e in store.events_for(target.member_id)):
            raise VoidError(f"event {event_id} is already void", f"这条记录（{event_id}）已撤销")
        if reason == NOT_THIS_PERSON and target.kind != EventKind.ARRIVE:
            raise VoidError("only a check-in can be voided as 'not this person'",
                            "只有签到记录才能以“不是本人”撤销")
        event = store.insert_event(
            id=new_event_id(), kind=EventKind.VOID, member_id=target.member_id, desk=desk.name,
            operator=desk.operator, method=Method.MANUAL, at=now_iso(), target=event_id,
            reason=reason, stamp=_stamp(store),
        )
    assert event is not None
    log.info("voided event %s (member %d) at %s by %s", event_id, target.member_id, desk.name,
             desk.operator)
    return Changes(events=(event,), members=frozenset({target.member_id}))


def presence_of(store: Store, member_id: int) -> MemberPresence:
    """One member's presence read straight from the file."""
    return fold(store.events_for(member_id))
