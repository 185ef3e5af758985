"""Domain messages in two languages, without Qt.

The domain layer cannot use Qt's translations, yet its refusals reach the
organizer's and the desks' windows, read by Chinese organizers. So each
refusal carries its English text (what ``str()`` gives: logs, the command
line, tests) and its Chinese text side by side; the UI picks one.
"""

from __future__ import annotations

from data.errors import UserError


class DomainError(UserError, ValueError):
    """A refusal from the domain layer, in English (``str()``) and Chinese (``zh``)."""

    def __init__(self, en: str, zh: str = "") -> None:
        super().__init__(en)
        self.zh = zh
