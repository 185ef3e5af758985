"""The domain's vocabulary: member categories and statuses, event kinds and
methods, and the rules of who is expected and who votes.
"""

from __future__ import annotations

import re
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
    IDCARD = "idcard"  # a resident ID card's number (reader or typed), matched by its hash


class ExclusionCase(StrEnum):
    """The cases in which the rules allow 核准不计 (with the higher organization's approval)."""

    MENTAL = "mental"                      # 患有精神疾病或因智力等原因不能表达本人意志
    ABROAD = "abroad"                      # 出国出境不能回来
    PARTY_STOPPED = "party_stopped"        # 停止党籍
    DETAINED = "detained"                  # 被依法留置、逮捕
    BEDRIDDEN = "bedridden"                # 年老体弱卧床不起、生活不能自理
    TRANSFER_PENDING = "transfer_pending"  # 工作调动等组织关系应转未转
    MOBILE_DECLINED = "mobile_declined"    # 流动党员本人申请不参加
    OTHER = "other"                        # 其他: the reason in words


# Words in a reason or a 参会状态 cell that name a listed case (checked in this order).
_CASE_WORDS: tuple[tuple[ExclusionCase, tuple[str, ...]], ...] = (
    (ExclusionCase.PARTY_STOPPED, ("停止党籍",)),
    (ExclusionCase.DETAINED, ("留置", "逮捕", "羁押")),
    (ExclusionCase.MENTAL, ("精神疾病", "精神病", "智力", "不能表达本人意志")),
    (ExclusionCase.MOBILE_DECLINED, ("本人申请不参加", "申请不参加")),
    (ExclusionCase.TRANSFER_PENDING, ("应转未转", "组织关系未转")),
    (ExclusionCase.ABROAD, ("出国", "出境", "国外", "境外")),
    (ExclusionCase.BEDRIDDEN, ("卧床", "生活不能自理", "年老体弱")),
)


def exclusion_case_of(text: str) -> ExclusionCase | None:
    """The listed case some words name ('出国半年' -> abroad), or None."""
    text = "".join(text.split())
    if text in ("其他", "其它"):
        return ExclusionCase.OTHER
    for case, words in _CASE_WORDS:
        if any(w in text for w in words):
            return case
    return None


def is_expected(category: str, status: str) -> bool:
    """应到会: everyone but observers and approved exclusions (on leave counts)."""
    return category != Category.OBSERVER and status != Status.EXCLUDED


def is_voting(category: str, vote_suspended: bool = False) -> bool:
    """Only full members vote; probationary and suspended members do not, nor a full
    member whose vote is suspended (中止表决权, 选举工作条例 第五条)."""
    return category == Category.FULL and not vote_suspended


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


_ACCOUNT = re.compile(r"[a-z_][a-z0-9_.-]*\$?")


def operator_label(desk: str, operator: str) -> str:
    """'1号台 · 王书记': the desk, and the operator's name when one was entered there.

    Older events carry the computer's login name ('root', 'zhangsan'), which
    says nothing on paper or screen, so it is left out; so is an operator that
    is only the desk's name again (no name was entered at the desk).
    """
    if not operator or operator == desk or _ACCOUNT.fullmatch(operator):
        return desk
    return f"{desk} · {operator}"
