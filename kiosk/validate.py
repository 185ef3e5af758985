"""The rules a check-in event must pass before the authority stores it.

One place for them, so the hub (judging what a desk pushes), the desk (judging
what a hub sends) and the command line (``checkin --at``) apply the same ones.
Each rule raises ``Rejected`` with a short code, an English and a Chinese
reason; nothing here writes, and nothing imports Qt.

Two levels:

- ``parse_event``: the shape of one wire event (types, sizes, ranges, text
  that SQLite and UTF-8 can hold, known kind and method, a readable time).
  Both ends check this on everything they receive.
- ``Judge.admit``: the meeting's rules, at the hub only: the desk is the
  authenticated one, the member exists and may attend, the time falls in the
  sign-in window within ``CLOCK_TOLERANCE``, a leave needs presence and a void
  targets an earlier event of the same member taken at the same desk.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from data.records import MeetingRecord
from data.store import Store
from kiosk.messages import DomainError
from kiosk.model import Category, EventKind, Method, Status
from kiosk.presence import fold
from kiosk.vocabulary import NOT_THIS_PERSON

EVENT_FIELDS = ("id", "kind", "member_id", "desk", "operator", "method", "at", "target",
                "reason", "hub_seq")
"""The order of an event's fields on the wire (see docs/PROTOCOL.md)."""

ID_PATTERN = re.compile(r"[0-9A-Za-z_-]{8,64}")
MAX_DESK = 40        # a desk's name, as the hub shortens it at pairing
MAX_OPERATOR = 64    # the operator's login name or display name
MAX_REASON = 200     # a void's reason: one sentence
MAX_AT = 40          # '2026-11-28T08:30:00.123456+08:00' is 32
MAX_INT = 2**63 - 1  # SQLite's INTEGER
CLOCK_TOLERANCE = timedelta(minutes=5)
"""How far a desk's clock may be off and its events still fall inside the window."""

# Characters that reorder or hide text (bidi overrides, isolates) and C0/C1
# controls: none belongs in a name or reason, and exports must stay inert.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


class Rejected(DomainError):
    """An event the authority will not store; ``code`` names the rule it broke."""

    def __init__(self, code: str, en: str, zh: str = "") -> None:
        super().__init__(en, zh or en)
        self.code = code


# ---- shape -----------------------------------------------------------------------------


def clean_text(value: Any, field: str, limit: int, *, empty: bool = True,
               controls: bool = False) -> str:
    """A text field as stored: a string of at most ``limit`` characters, valid UTF-8
    (no lone surrogates), without control characters (unless ``controls``)."""
    if not isinstance(value, str):
        raise Rejected("shape", f"{field} must be text", f"{field} 必须是文字")
    if len(value) > limit:
        raise Rejected("size", f"{field} is longer than {limit} characters",
                       f"{field} 超过 {limit} 个字符")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise Rejected("text", f"{field} is not valid text", f"{field} 含有无效字符") from exc
    if not controls and _CONTROL.search(value):
        raise Rejected("text", f"{field} holds control characters", f"{field} 含有控制字符")
    if not empty and not value.strip():
        raise Rejected("shape", f"{field} is empty", f"{field} 为空")
    return value


def clean_int(value: Any, field: str, *, low: int = 1, high: int = MAX_INT) -> int:
    """An integer field in ``low..high`` (booleans and floats are not integers)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise Rejected("shape", f"{field} must be a whole number", f"{field} 必须是整数")
    if not low <= value <= high:
        raise Rejected("range", f"{field} {value} is out of range", f"{field} 超出范围")
    return value


def parse_at(text: Any) -> datetime:
    """An event's time: ISO 8601, with its offset (a naive time is read as local)."""
    text = clean_text(text, "time", MAX_AT, empty=False)
    try:
        dt = datetime.fromisoformat(text)
    except ValueError as exc:
        raise Rejected("time", f"not a time: {text!r}", f"“{text}”不是时间") from exc
    return dt if dt.tzinfo else dt.astimezone()


MAX_FROM_HUB = 4096
"""A desk takes texts this long from its hub: the organizer's own entries (a void's
reason typed over several lines) are the hub's to judge, and a desk that refused
them would never get past them."""


def parse_event(row: Any, *, from_hub: bool = False) -> dict[str, Any]:
    """A wire event as keyword arguments for ``Store.insert_event``, its shape checked.

    Raises ``Rejected`` on anything a well-behaved desk would not send. With
    ``from_hub`` (a desk reading what its hub sends) texts may be longer and hold
    line breaks; types, ranges and valid UTF-8 are checked all the same.
    """
    if not isinstance(row, list) or len(row) != len(EVENT_FIELDS):
        raise Rejected("shape", f"an event is an array of {len(EVENT_FIELDS)} fields",
                       "记录格式不对")
    f = dict(zip(EVENT_FIELDS, row, strict=True))
    if not isinstance(f["id"], str) or not ID_PATTERN.fullmatch(f["id"]):
        raise Rejected("shape", "bad event id", "记录编号无效")
    if f["kind"] not in tuple(EventKind):
        raise Rejected("kind", f"unknown kind {str(f['kind'])[:20]!r}", "未知的记录类型")
    if f["method"] not in tuple(Method):
        raise Rejected("method", f"unknown method {str(f['method'])[:20]!r}", "未知的签到方式")
    f["kind"], f["method"] = str(f["kind"]), str(f["method"])
    clean_int(f["member_id"], "member id")
    big = MAX_FROM_HUB if from_hub else 0
    clean_text(f["desk"], "desk", big or MAX_DESK, empty=False, controls=from_hub)
    clean_text(f["operator"], "operator", big or MAX_OPERATOR, controls=from_hub)
    clean_text(f["reason"], "reason", big or MAX_REASON, controls=from_hub)
    parse_at(f["at"])
    if f["kind"] == EventKind.VOID:
        if not isinstance(f["target"], str) or not ID_PATTERN.fullmatch(f["target"]):
            raise Rejected("target", "a void names the event it voids", "撤销记录须指明被撤销的记录")
        if not f["reason"].strip():
            raise Rejected("target", "a void needs a reason", "撤销须填写原因")
    elif f["target"] is not None:
        raise Rejected("target", "only a void names a target", "只有撤销记录才指向另一条记录")
    if f["hub_seq"] is not None:
        clean_int(f["hub_seq"], "hub_seq")
    return f


# ---- time --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """When sign-in was open, as far as the file knows: ``start``/``end`` None = unbounded."""

    day_start: datetime
    day_end: datetime
    start: datetime | None
    end: datetime | None


def _local(day: str, at: time) -> datetime:
    return datetime.combine(date.fromisoformat(day), at).astimezone()


def meeting_day(meeting: MeetingRecord) -> tuple[datetime, datetime]:
    """The meeting's day, local midnight to midnight."""
    start = _local(meeting.date, time(0, 0))
    return start, start + timedelta(days=1)


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return parse_at(text)
    except Rejected:
        return None


def signin_span(store: Store) -> Span:
    """The sign-in window of the file's meeting, with sign-in opened or closed by hand
    (from the audit) taken at the time it happened."""
    meeting = store.meeting()
    day_start, day_end = meeting_day(meeting)
    opens, closes = _moment(meeting.opens_at), _moment(meeting.closes_at)
    manual = None
    if meeting.signin_state in ("open", "closed"):
        # The audit's settings lines say when sign-in was opened or closed by hand.
        for at, detail in store.all(
                "SELECT at, detail FROM audit WHERE action = 'settings' "
                "AND detail LIKE '%signin_state%' ORDER BY seq DESC"):
            if json.loads(detail).get("signin_state") == meeting.signin_state:
                manual = _moment(at)
                break
    start, end = opens, closes
    if meeting.signin_state == "open":
        # Opened by hand: open from then (or from the timetable's opening if
        # earlier), and until someone closes it.
        start = min(x for x in (opens, manual) if x is not None) if (opens or manual) else None
        end = None
    elif meeting.signin_state == "closed":
        end = manual if manual is not None else (closes or day_start)
        if closes is not None:
            end = min(end, closes)
    return Span(day_start, day_end, start, end)


def check_time(kind: str, method: str, at: datetime, span: Span, received: datetime,
               tolerance: timedelta = CLOCK_TOLERANCE) -> None:
    """The event's time is possible: not in the future, not before the meeting's day,
    and an arrival taken live falls inside the sign-in window (all ± ``tolerance``)."""
    if at > received + tolerance:
        raise Rejected("time", f"the time {at.isoformat()} is in the future",
                       f"时间 {at.isoformat()} 在未来")
    if at < span.day_start - tolerance:
        raise Rejected("time", f"the time {at.isoformat()} is before the meeting's day",
                       f"时间 {at.isoformat()} 早于会议当天")
    if kind != EventKind.ARRIVE or method == Method.MANUAL:
        return
    if span.start is not None and at < span.start - tolerance:
        raise Rejected("window", "sign-in had not opened at that time", "当时签到尚未开始")
    if span.end is not None and at >= span.end + tolerance:
        raise Rejected("window", "sign-in was closed at that time", "当时签到已经截止")
    if span.start is None and span.end is None and at >= span.day_end + tolerance:
        raise Rejected("window", "the time is after the meeting's day", "时间晚于会议当天")


def cli_time(meeting: MeetingRecord, at: str, now: datetime | None = None) -> None:
    """The command line's ``--at``: a time on the meeting's day, not in the future."""
    dt = parse_at(at)
    start, end = meeting_day(meeting)
    now = now or datetime.now().astimezone()
    if not start - CLOCK_TOLERANCE <= dt < end + CLOCK_TOLERANCE:
        raise Rejected("time", f"--at {at} is not on the meeting's day ({meeting.date})",
                       f"时间 {at} 不在会议当天（{meeting.date}）")
    if dt > now + CLOCK_TOLERANCE:
        raise Rejected("time", f"--at {at} is in the future", f"时间 {at} 在未来")


# ---- admission ---------------------------------------------------------------------------


class Judge:
    """Admits or rejects pushed events one by one against one authority file.

    Build one per group commit (it reads the sign-in window once) and call
    ``admit`` inside the write transaction, so each decision sees the events
    admitted before it.
    """

    def __init__(self, store: Store, received: datetime | None = None,
                 span: Span | None = None) -> None:
        self.store = store
        self.meeting = store.meeting()
        self.span = span or signin_span(store)
        self.received = received or datetime.now().astimezone()

    def admit(self, f: dict[str, Any], desk: str) -> None:
        """Raise ``Rejected`` unless the event from the desk authenticated as ``desk``
        may be stored (its shape was checked by ``parse_event``)."""
        if f["desk"] != desk:
            raise Rejected("desk", f"this connection is desk {desk!r}, not {f['desk']!r}",
                           f"本连接属于“{desk}”，不能代“{f['desk']}”记录")
        member = self.store.member(f["member_id"])
        if member is None or member.removed_at is not None:
            raise Rejected("member", f"no member {f['member_id']} in this meeting",
                           "本次会议没有这名人员")
        check_time(f["kind"], f["method"], parse_at(f["at"]), self.span, self.received)
        if f["kind"] == EventKind.ARRIVE:
            self._arrival(f, member.category, member.status, member.branch_id, desk)
        elif f["kind"] == EventKind.LEAVE:
            if not fold(self.store.events_for(member.id)).in_hall:
                raise Rejected("presence", "a leave for someone not in the hall",
                               "此人不在会场，不能记录退场")
            self._routing(member.branch_id, desk)
        else:
            self._void(f, desk)

    def _arrival(self, f: dict[str, Any], category: str, status: str, branch_id: int,
                 desk: str) -> None:
        if status == Status.EXCLUDED and category != Category.OBSERVER:
            raise Rejected("excluded", "the member is excused from this meeting (核准不计)",
                           "此人已核准不计入应到人数")
        if f["method"] != Method.PAPER:  # a paper sheet was signed at the member's own table
            self._routing(branch_id, desk)

    def _routing(self, branch_id: int, desk: str) -> None:
        if self.meeting.wrong_desk_admits:
            return
        wanted = self.store.branch_desk(branch_id)
        if wanted is not None and wanted != desk:
            raise Rejected("wrong_desk", f"the member signs in at {wanted}",
                           f"此人应到“{wanted}”签到")

    def _void(self, f: dict[str, Any], desk: str) -> None:
        target = self.store.event(f["target"])
        if target is None or target.member_id != f["member_id"]:
            raise Rejected("target", "a void must name an event of the same member",
                           "撤销须指向同一人员的记录")
        if target.kind == EventKind.VOID:
            raise Rejected("target", "a void cannot itself be voided", "撤销记录本身不能再撤销")
        if target.desk != desk:
            raise Rejected("target", f"only {target.desk} (or the organizer) may void it",
                           f"只有“{target.desk}”（或组织者）可以撤销这条记录")
        if any(e.kind == EventKind.VOID and e.target == target.id
               for e in self.store.events_for(target.member_id)):
            raise Rejected("target", "that event is already void", "这条记录已撤销")
        if f["reason"] == NOT_THIS_PERSON and target.kind != EventKind.ARRIVE:
            # 不是本人 says someone else presented the card: only a check-in can be that.
            raise Rejected("target", "only a check-in can be voided as 'not this person'",
                           "只有签到记录才能以“不是本人”撤销")
