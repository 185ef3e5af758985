"""Plain, frozen records read from the meeting file.

They carry no behaviour: the rules that interpret them live in ``kiosk``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MeetingRecord:
    """The one meeting a file holds, with its sign-in settings."""

    uid: str
    code_prefix: str
    title: str
    date: str
    venue: str
    quorum_rule: str
    opens_at: str | None
    closes_at: str | None
    signin_state: str
    wrong_desk_admits: bool
    track_leave: bool
    pin_hash: str
    created_at: str


@dataclass(frozen=True, slots=True)
class BranchRecord:
    """A branch (支部) and the desk that serves it, if one was assigned."""

    id: int
    name: str
    position: int
    desk_id: int | None
    desk_name: str | None


@dataclass(frozen=True, slots=True)
class DeskRecord:
    """A sign-in table (签到台)."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class MemberRecord:
    """A member of the roster as stored."""

    id: int
    number: str | None
    name: str
    branch_id: int
    branch: str
    gender: str
    birth_date: str
    education: str
    phone: str
    category: str
    status: str
    status_reason: str
    notes: str
    pinyin: str
    initials: str
    removed_at: str | None
    exclusion_case: str = ""      # for status 'excluded': a listed case, or 'other'
    approved_by: str = ""         # the higher party organization that approved it
    approved_on: str = ""         # when (YYYY-MM-DD)
    state_source: str = ""        # '' set by hand, 'roster' read from the roster file
    vote_suspended: bool = False  # 中止表决权: expected, no vote
    lost_contact: bool = False    # 失联党员 (flag only)
    mobile: bool = False          # 流动党员 (flag only)


@dataclass(frozen=True, slots=True)
class CardRecord:
    """A card code issued to a member; revoked when reissued."""

    code: str
    member_id: int
    issued_at: str
    revoked_at: str | None


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One immutable check-in event: arrive, leave, or void of an earlier one."""

    seq: int
    id: str
    kind: str
    member_id: int
    desk: str
    operator: str
    method: str
    at: str
    target: str | None
    reason: str
    hub_seq: int | None
