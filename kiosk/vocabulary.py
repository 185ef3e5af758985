"""The one vocabulary for the domain's codes: what a category, status or method is called.

The domain keeps stable English codes (``full``, ``leave``, ``paper`` …);
everything a person reads says them with the words below, in English (the
source language: the command line, logs, the English UI) or in Chinese (the
Chinese UI and every printed output). One table, so the desk, the organizer's
window, the exports and the reports never say the same thing differently.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.model import Category, Method, Status


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
#: What a desk says when a member whose card was once presented by someone else signs in.
PRESENTED_BEFORE = Label("This card was presented by someone else before", "此证曾被他人出示")


def void_reason_label(reason: str, *, zh: bool = True) -> str:
    """A void's reason in words: the fixed reasons said in the language, free text as typed."""
    return _said(VOID_REASONS, reason, zh)
