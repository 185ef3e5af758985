"""Translated names for the domain's codes (categories, statuses, quorum rules, methods).

The domain keeps stable English codes; what the organizer reads goes through
Qt's translation so that the window speaks Chinese on a Chinese system.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.model import Category, Method, Status


def category_label(category: str) -> str:
    """A member category for display."""
    return {
        Category.FULL: QCoreApplication.translate("Labels", "Full member"),
        Category.PROBATIONARY: QCoreApplication.translate("Labels", "Probationary"),
        Category.SUSPENDED: QCoreApplication.translate("Labels", "Suspended"),
        Category.OBSERVER: QCoreApplication.translate("Labels", "Observer"),
    }.get(category, category)


def status_label(status: str) -> str:
    """A member status for display."""
    return {
        Status.ACTIVE: QCoreApplication.translate("Labels", "Expected"),
        Status.LEAVE: QCoreApplication.translate("Labels", "On leave"),
        Status.EXCLUDED: QCoreApplication.translate("Labels", "Excluded"),
    }.get(status, status)


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
    """How a check-in was taken."""
    return {
        Method.SCAN: QCoreApplication.translate("Labels", "scan"),
        Method.CAMERA: QCoreApplication.translate("Labels", "camera"),
        Method.SEARCH: QCoreApplication.translate("Labels", "search"),
        Method.PAPER: QCoreApplication.translate("Labels", "paper"),
        Method.MANUAL: QCoreApplication.translate("Labels", "manual"),
    }.get(method, method)


def signin_state_label(reason: str) -> str:
    """The sign-in window's state: open, not open yet, closed."""
    return {
        "open": QCoreApplication.translate("Labels", "Sign-in is OPEN"),
        "not_open": QCoreApplication.translate("Labels", "Sign-in has not opened yet"),
        "closed": QCoreApplication.translate("Labels", "Sign-in is CLOSED"),
    }.get(reason, reason)
