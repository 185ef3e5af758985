"""The one vocabulary for the domain's codes: what a category, status, method, quorum rule
or exclusion case is called.

The domain keeps stable English codes (``full``, ``leave``, ``paper`` …);
everything a person reads says them with the words below, in English (the
source language: the command line, logs, the English UI) or in Chinese (the
Chinese UI and every printed output). One table, so the desk, the organizer's
window, the exports and the reports never say the same thing differently.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.model import Category, ExclusionCase, Method, Status


@dataclass(frozen=True, slots=True)
class Label:
    """A code's name in English and in Chinese."""

    en: str
    zh: str

    def said(self, zh: bool) -> str:
        """The name in Chinese (``zh``) or in English."""
        return self.zh if zh else self.en


CATEGORIES: dict[str, Label] = {
    Category.FULL: Label("Full member", "正式党员"),
    Category.PROBATIONARY: Label("Probationary member", "预备党员"),
    Category.SUSPENDED: Label("Suspended member", "留党察看"),
    Category.OBSERVER: Label("Observer", "列席"),
}
STATUSES: dict[str, Label] = {
    Status.ACTIVE: Label("Active", "正常"),
    Status.LEAVE: Label("On leave", "请假"),
    Status.EXCLUDED: Label("Excluded", "核准不计"),
}
METHODS: dict[str, Label] = {
    Method.SCAN: Label("scan", "扫码"),
    Method.CAMERA: Label("camera", "摄像头"),
    Method.SEARCH: Label("search", "查找"),
    Method.PAPER: Label("paper sheet", "纸质签到"),
    Method.MANUAL: Label("manual", "补签到"),
    Method.IDCARD: Label("ID card", "身份证"),
}
#: The quorum rules (kiosk.turnout.QUORUM_RULES) said in full: the report, the command
#: line, the organizer's settings and dashboard.
QUORUM_RULE_NAMES: dict[str, Label] = {
    "none": Label("No quorum", "不设法定人数"),
    "election": Label("Election: voting members present must exceed 4/5 of those expected",
                      "选举：到会有选举权人数超过应到会人数的五分之四"),
    "election_at_least": Label(
        "Election: voting members present must be at least 4/5 of those expected",
        "选举：到会有选举权人数不少于应到会人数的五分之四"),
    "majority": Label("Vote: voting members present must exceed half of those expected",
                      "表决：到会有选举权人数超过应到会人数的半数"),
}
#: Why the organizer must choose between the two election rules when creating a
#: meeting: the sources disagree on a count of exactly four fifths.
QUORUM_CHOICE = Label(
    "Sources disagree on whether exactly four fifths is enough for an election: the "
    "provisional regulations on grassroots elections (暂行条例) say the voting members "
    "present must exceed (超过) 4/5 of those expected; secondary sources quoting the 2020 "
    "regulations (选举工作条例) say not fewer than (不少于) 4/5; and an answer of the Central "
    "Organization Department on the old text accepted exactly 4/5. Choose the rule your "
    "higher party organization follows. When the count sits exactly on 4/5, SignDesk says "
    "so on every screen and in the report.",
    "恰好达到五分之四是否足够，各方说法不一：《暂行条例》规定到会有选举权的党员须“超过”应到会人数的"
    "五分之四；引用2020年《选举工作条例》的材料写作“不少于”五分之四；中组部就旧条文的答复认可恰好五分之四。"
    "请按上级党组织的要求选择。到会人数恰好等于五分之四时，各屏幕和报告都会明确标出。",
)
#: The cases in which the rules allow 核准不计 (kiosk.model.ExclusionCase), in the
#: rules' own Chinese words (the roster template offers exactly these).
EXCLUSION_CASES: dict[str, Label] = {
    ExclusionCase.MENTAL: Label("mental illness or cannot express their will",
                                "患有精神疾病或因智力等原因不能表达本人意志"),
    ExclusionCase.ABROAD: Label("abroad and cannot return", "出国出境不能回来"),
    ExclusionCase.PARTY_STOPPED: Label("party membership stopped", "停止党籍"),
    ExclusionCase.DETAINED: Label("detained or arrested according to law", "被依法留置、逮捕"),
    ExclusionCase.BEDRIDDEN: Label("old, frail, bedridden", "年老体弱卧床不起、生活不能自理"),
    ExclusionCase.TRANSFER_PENDING: Label("membership due for transfer, not yet transferred",
                                          "工作调动等组织关系应转未转"),
    ExclusionCase.MOBILE_DECLINED: Label("mobile member who asked not to attend",
                                         "流动党员本人申请不参加"),
    ExclusionCase.OTHER: Label("other", "其他"),
}
#: Said after a category whose members attend without a vote (probationary, suspended).
NO_VOTE = Label("no vote", "无表决权")


def _said(table: dict[str, Label], code: str, zh: bool) -> str:
    # An unknown code (a newer file) is shown as it is rather than failing.
    label = table.get(code)
    return label.said(zh) if label else code


def category_label(category: str, *, zh: bool = True) -> str:
    """A member category, e.g. 预备党员 / Probationary member."""
    return _said(CATEGORIES, category, zh)


def status_label(status: str, *, zh: bool = True) -> str:
    """A member status, e.g. 请假 / On leave."""
    return _said(STATUSES, status, zh)


def method_label(method: str, *, zh: bool = True) -> str:
    """How a check-in was taken, e.g. 纸质签到 / paper sheet."""
    return _said(METHODS, method, zh)


def quorum_label(rule: str, *, zh: bool = True) -> str:
    """A quorum rule said in full, e.g. 表决：到会有选举权人数超过应到会人数的半数."""
    return _said(QUORUM_RULE_NAMES, rule, zh)


def exclusion_case_label(case: str, *, zh: bool = True) -> str:
    """A case of 核准不计, e.g. 出国出境不能回来 / abroad and cannot return."""
    return _said(EXCLUSION_CASES, case, zh)


def exclusion_text(case: str, reason: str) -> str:
    """An exclusion as the report writes it: the listed case, and the words given for 其他."""
    if case and case != ExclusionCase.OTHER:
        label = exclusion_case_label(case)
        return label if not reason or reason == label else f"{label}（{reason}）"
    return f"其他：{reason}" if reason else "其他"


def category_with_vote(category: str, *, zh: bool = True) -> str:
    """The category, saying 'no vote' for those who attend without one (at the desk)."""
    name = category_label(category, zh=zh)
    if category in (Category.PROBATIONARY, Category.SUSPENDED):
        return f"{name}（{NO_VOTE.zh}）" if zh else f"{name} ({NO_VOTE.en})"
    return name


#: The void reason a desk records when whoever presented a member's card (or gave
#: a member's name) was not that member (不是本人): a fixed key in the event, so
#: every desk, the hub, the dashboard and the report recognise it, said in words
#: below. Members cannot be signed in by someone else (DOMAIN.md: no proxy).
NOT_THIS_PERSON = "not_this_person"
VOID_REASONS: dict[str, Label] = {
    NOT_THIS_PERSON: Label("Not this person: card presented by someone else",
                           "不是本人：他人持证签到"),
}


def void_reason_label(reason: str, *, zh: bool = True) -> str:
    """A void's reason in words: the fixed reasons said in the language, free text as typed."""
    return _said(VOID_REASONS, reason, zh)
