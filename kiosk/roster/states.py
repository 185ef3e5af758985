"""Categories and member states as rosters write them, and the rule each one follows.

A member's category can be written in 类别/人员类别/党员身份 (正式党员 / 预备党员 / 正 /
预), in 政治面貌 (中共党员 / 中共预备党员), in 党籍状态, or follow from a 转正日期
column (预备期). All of them are read; columns that disagree for one member are
a problem. ``RULES`` lists every state with how it counts: the README's rules
table and the preview are written from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.model import Category, ExclusionCase, Status, exclusion_case_of

CATEGORY_WORDS = {
    "正式党员": Category.FULL, "正式": Category.FULL, "正": Category.FULL, "full": Category.FULL,
    "中共党员": Category.FULL, "党员": Category.FULL,
    "预备党员": Category.PROBATIONARY, "预备": Category.PROBATIONARY, "预": Category.PROBATIONARY,
    "中共预备党员": Category.PROBATIONARY, "probationary": Category.PROBATIONARY,
    "留党察看": Category.SUSPENDED, "suspended": Category.SUSPENDED,
    "列席": Category.OBSERVER, "列席人员": Category.OBSERVER, "observer": Category.OBSERVER,
}
# 政治面貌 words of people who are not party members: such a row is a problem on a
# members' sheet (they may sit in as 列席, on a 列席 sheet or with 类别 列席).
NOT_MEMBERS = {"群众", "共青团员", "中共共青团员", "民主党派", "无党派人士", "无党派"}

STATUS_WORDS = {
    "正常": Status.ACTIVE, "参会": Status.ACTIVE, "active": Status.ACTIVE, "参加": Status.ACTIVE,
    "请假": Status.LEAVE, "leave": Status.LEAVE, "onleave": Status.LEAVE, "病假": Status.LEAVE,
    "事假": Status.LEAVE, "因病请假": Status.LEAVE, "因事请假": Status.LEAVE,
    "核准不计": Status.EXCLUDED, "不计": Status.EXCLUDED, "不计入": Status.EXCLUDED,
    "excluded": Status.EXCLUDED,
}
# Free words in a 参会状态 column: on leave (expected) with, where the words name a case
# the rules list, a proposed exclusion the organizer confirms in the preview.
LEAVE_WORDS = ("出国", "出境", "长期外出", "外出", "卧床", "住院", "生病", "外地", "在外",
               "养老院", "不能参加", "无法参加")
YES = {"是", "yes", "y", "true", "1", "√", "✓", "失联", "流动", "中止"}
NO = {"", "否", "no", "n", "false", "0", "×", "无"}


@dataclass(frozen=True, slots=True)
class Rule:
    """One state as rosters write it, and how it counts."""

    words: str
    state: str
    rule: str
    rule_zh: str


RULES: tuple[Rule, ...] = (
    Rule("正式党员, 中共党员, 正", "full member",
         "expected; votes", "计入应到；有选举权"),
    Rule("预备党员, 中共预备党员, 预; or 转正日期 预备期 when no category column",
         "probationary", "expected; no vote", "计入应到；无选举权"),
    Rule("留党察看", "suspended (penalty)", "expected; no vote", "计入应到；无选举权"),
    Rule("列席, a sheet named 列席", "observer",
         "neither expected nor present", "不计入应到和实到"),
    Rule("请假, 病假, 事假, 因病请假", "on leave", "expected (counts as absent)", "计入应到"),
    Rule("出国, 长期外出, 卧床, 住院 … (free words in 参会状态)", "on leave + proposed exclusion",
         "expected as on leave; the preview proposes 核准不计 where the words name a listed "
         "case, and the organizer confirms it",
         "按请假计入应到；属所列情形的，预览中提出核准不计建议，由组织者确认"),
    Rule("核准不计 + 原因 (a listed case or 其他 with words), 批准组织, 批准日期",
         "excluded", "not expected; listed in the report for the 党员大会 to confirm",
         "不计入应到；报告中列出，提请党员大会确认"),
    Rule("党籍状态 停止党籍", "excluded (停止党籍)",
         "not expected (a listed case), marked as from the roster",
         "不计入应到（所列情形），标明来自名册"),
    Rule("中止表决权; 状态 留置/逮捕", "vote suspended",
         "expected; no vote (out of 有选举权应到)", "计入应到；不计入有选举权应到"),
    Rule("是否失联党员 是; 党籍状态 失联", "lost contact (flag)",
         "expected, full rights; flagged so an approved exclusion can be recorded",
         "计入应到，享有全部权利；标记，以便按规定办理核准不计"),
    Rule("是否流动党员 是", "mobile member (flag)",
         "expected, full rights; flagged (流动党员本人申请不参加 is a listed case)",
         "计入应到，享有全部权利；标记（流动党员本人申请不参加属所列情形）"),
    Rule("政治面貌 群众, 共青团员 … on a members' sheet", "not a member",
         "a problem: put them on a 列席 sheet", "报错：请放到列席工作表"),
)


def _key(text: str) -> str:
    return "".join(text.split()).lower()  # str.split() splits on U+3000 too


def category_word(text: str) -> Category | None:
    """The category a word names, or None (unknown)."""
    return CATEGORY_WORDS.get(_key(text))


@dataclass(slots=True)
class State:
    """What a row's state columns say, before it is checked."""

    status: str = Status.ACTIVE
    reason: str = ""
    case: str = ""
    vote_suspended: bool = False
    lost_contact: bool = False
    mobile: bool = False
    proposed_case: str = ""  # a listed case the free words name, for the organizer to confirm
    from_roster: bool = False


def read_status(text: str, reason: str) -> State:
    """A 状态/参会状态 cell (with the 原因 cell) as a state; raises ValueError when unknown."""
    key = _key(text)
    st = State(reason=reason.strip())
    if not key:
        return st
    if key in STATUS_WORDS:
        st.status = STATUS_WORDS[key]
        if st.status == Status.EXCLUDED:
            st.case = str(exclusion_case_of(st.reason) or ExclusionCase.OTHER) if st.reason else ""
            st.from_roster = True
        return st
    if "中止表决权" in key or "留置" in key or "逮捕" in key:
        st.vote_suspended = True
        st.reason = st.reason or text.strip()
        return st
    if key == "停止党籍":
        st.status, st.case, st.from_roster = Status.EXCLUDED, ExclusionCase.PARTY_STOPPED, True
        st.reason = st.reason or "停止党籍"
        return st
    if any(w in key for w in LEAVE_WORDS):
        st.status = Status.LEAVE
        st.reason = st.reason or text.strip()
        case = exclusion_case_of(text)
        st.proposed_case = str(case) if case and case != ExclusionCase.OTHER else ""
        return st
    raise ValueError(text)


def read_party_status(text: str) -> tuple[Category | None, State | None]:
    """党籍状态: 正常 (nothing), 停止党籍 (excluded), 失联, or a category word written there."""
    key = _key(text)
    if key in ("", "正常", "在册"):
        return None, None
    if "停止党籍" in key:
        return None, State(Status.EXCLUDED, "停止党籍", ExclusionCase.PARTY_STOPPED,
                           from_roster=True)
    if "失联" in key:
        return None, State(lost_contact=True)
    if "中止表决权" in key:
        return None, State(vote_suspended=True, reason=text.strip())
    cat = category_word(text)
    if cat is not None:
        return cat, None
    raise ValueError(text)


def read_flag(text: str) -> bool:
    """是/否 columns (是否失联党员, 是否流动党员, 中止表决权); raises ValueError when unknown."""
    key = _key(text)
    if key in NO:
        return False
    if key in YES:
        return True
    raise ValueError(text)


def full_date_category(text: str) -> Category | None:
    """What a 转正日期 cell says: 预备期 / 未转正 / empty under 预备 -> probationary, a date -> full."""
    key = _key(text)
    if not key:
        return None
    if "预备" in key or "未转正" in key:
        return Category.PROBATIONARY
    return Category.FULL if re.search(r"\d{4}", key) else None
