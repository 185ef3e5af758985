"""The domain's vocabulary: member categories and statuses, event kinds and
methods, and the rules of who is expected and who votes.
"""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """What kind of attendee a member is (党员类别)."""

    FULL = "full"                  # 正式党员: votes
    PROBATIONARY = "probationary"  # 预备党员: attends, no vote
    SUSPENDED = "suspended"        # 留党察看: attends, no vote while it lasts
    OBSERVER = "observer"          # 列席: neither expected nor present


class Status(StrEnum):
    """A member's attendance status set before the meeting."""

    ACTIVE = "active"        # expected
    LEAVE = "leave"          # 请假: still expected
    EXCLUDED = "excluded"    # 核准不计: not expected, needs a reason


class EventKind(StrEnum):
    """What a check-in event records."""

    ARRIVE = "arrive"
    LEAVE = "leave"
    VOID = "void"


class Method(StrEnum):
    """How a check-in was taken."""

    SCAN = "scan"
    CAMERA = "camera"
    SEARCH = "search"
    PAPER = "paper"
    MANUAL = "manual"


CATEGORY_ZH = {
    Category.FULL: "正式党员",
    Category.PROBATIONARY: "预备党员",
    Category.SUSPENDED: "留党察看",
    Category.OBSERVER: "列席",
}
STATUS_ZH = {Status.ACTIVE: "正常", Status.LEAVE: "请假", Status.EXCLUDED: "核准不计"}
METHOD_ZH = {
    Method.SCAN: "扫码", Method.CAMERA: "摄像头", Method.SEARCH: "查找",
    Method.PAPER: "纸质签到", Method.MANUAL: "补签到",
}


def is_expected(category: str, status: str) -> bool:
    """应到会: everyone but observers and approved exclusions (on leave counts)."""
    return category != Category.OBSERVER and status != Status.EXCLUDED


def is_voting(category: str) -> bool:
    """Only full members vote; probationary and suspended members do not."""
    return category == Category.FULL


def mask_phone(phone: str) -> str:
    """138****5678 style: enough to tell namesakes apart, not enough to call."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}****{digits[-4:]}"


def mask_name(name: str) -> str:
    """王* style for public screens: the first character, then one star."""
    return (name[:1] + "*") if name else ""


def birth_year(birth_date: str) -> str:
    """The year part of a stored birth date ('' if none)."""
    return birth_date[:4] if birth_date[:4].isdigit() else ""
