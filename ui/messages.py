"""Showing the domain layer's messages in the window's language.

kiosk/ cannot use Qt's translations, so its refusals (``DomainError`` and its
kinds, ``RosterError``) and roster ``Problem``s carry a Chinese text beside the
English one. The window shows the Chinese when its language is Chinese.
"""

from __future__ import annotations

from kiosk.roster import Problem
from ui.language import chinese

__all__ = ["chinese", "domain_text", "problem_cells"]


def domain_text(item: BaseException | Problem) -> str:
    """A domain exception or roster problem as the user should read it.

    Chinese when the UI is Chinese and a Chinese text exists, else English.
    """
    if chinese():
        if isinstance(item, Problem):
            return item.zh()  # Chinese places; the English message if it has no Chinese
        zh = getattr(item, "zh", "")
        if isinstance(zh, str) and zh:
            return zh
    return str(item)


def problem_cells(p: Problem) -> tuple[str, str, str]:
    """A roster problem's row, column and message, for a table of problems."""
    row = "" if p.row is None else str(p.row)
    if chinese():
        return row, p.column_zh(), p.message_zh or p.message
    return row, p.column or "", p.message
