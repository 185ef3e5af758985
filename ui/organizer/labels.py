"""Names for the domain's codes in the organizer's window.

Categories, statuses, methods, quorum rules and exclusion cases are said as
kiosk.vocabulary says them (the same words as the printed outputs), in the UI's
language; the sign-in state goes through Qt's translation.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk import vocabulary


def _zh() -> bool:
    """Does the window speak Chinese? The installed translation says, as for every string."""
    return QCoreApplication.translate("Labels", "English") == "中文"


def category_label(category: str) -> str:
    """A member category for display (kiosk.vocabulary, in the UI's language)."""
    return vocabulary.category_label(category, zh=_zh())


def status_label(status: str) -> str:
    """A member status for display (kiosk.vocabulary, in the UI's language)."""
    return vocabulary.status_label(status, zh=_zh())


def quorum_label(rule: str) -> str:
    """A quorum rule said in full (kiosk.vocabulary, in the UI's language)."""
    return vocabulary.quorum_label(rule, zh=_zh())


def exclusion_case_label(case: str) -> str:
    """A case of 核准不计 (kiosk.vocabulary): in Chinese, or in English with the rules'
    Chinese words after it (they are what the higher organization's approval names)."""
    zh = vocabulary.exclusion_case_label(case)
    return zh if _zh() else f"{vocabulary.exclusion_case_label(case, zh=False)} ({zh})"


def quorum_choice_explained() -> str:
    """Why the organizer must choose between the two election rules (kiosk.vocabulary)."""
    return vocabulary.QUORUM_CHOICE.said(_zh())


def method_label(method: str) -> str:
    """How a check-in was taken (kiosk.vocabulary, in the UI's language)."""
    return vocabulary.method_label(method, zh=_zh())


def signin_state_label(reason: str) -> str:
    """The sign-in window's state: open, not open yet, closed."""
    return {
        "open": QCoreApplication.translate("Labels", "Sign-in is OPEN"),
        "not_open": QCoreApplication.translate("Labels", "Sign-in has not opened yet"),
        "closed": QCoreApplication.translate("Labels", "Sign-in is CLOSED"),
    }.get(reason, reason)
