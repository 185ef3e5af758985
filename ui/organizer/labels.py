"""Names for the domain's codes in the organizer's window.

Categories, statuses and methods are said as kiosk.vocabulary says them (the
same words as the printed outputs), in the UI's language; quorum rules and the
sign-in state go through Qt's translation.
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
    """A quorum rule, said in full."""
    return {
        "none": QCoreApplication.translate("Labels", "No quorum"),
        "election": QCoreApplication.translate(
            "Labels", "Election: voting members present must exceed 4/5 of those expected"),
        "election_at_least": QCoreApplication.translate(
            "Labels", "Election: voting members present must be at least 4/5 of those expected"),
        "majority": QCoreApplication.translate(
            "Labels", "Vote: voting members present must exceed half of those expected"),
    }.get(rule, rule)


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
