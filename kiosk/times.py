"""Reading the time stored in an event, whatever it holds.

Events are immutable: a time stored once ("not a time", "", 2099, 1900, from an
old build, a broken desk or a hub that did not check) stays in the file for
good. So every reader goes through ``read_time``, which never raises: it gives
the moment when the text is one, and says what is wrong with it when it is
not (unreadable, or not on the meeting's day). Reports then render the event
and flag its time instead of failing for ever.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from kiosk.safetext import clean_text

UNREADABLE = "unreadable"
OFF_DAY = "off_day"

PROBLEM_EN = {UNREADABLE: "the time cannot be read", OFF_DAY: "not on the meeting's day"}
PROBLEM_ZH = {UNREADABLE: "时间无法识别", OFF_DAY: "不在会议当天"}

SHOWN_RAW = 24
"""How many characters of an unreadable time a report shows (it may be 1 MB of anything)."""


@dataclass(frozen=True)
class StoredTime:
    """An event's time as stored, read: ``moment`` (None if unreadable) and ``problem``."""

    raw: str
    moment: datetime | None
    problem: str | None

    @property
    def ok(self) -> bool:
        """True for a readable time on the meeting's day."""
        return self.problem is None

    def shown(self, fmt: str = "%Y-%m-%d %H:%M") -> str:
        """The time for a printed page: formatted if readable, else the raw text, bounded and quoted."""
        if self.moment is not None:
            return self.moment.strftime(fmt)
        return raw_shown(self.raw)


def raw_shown(raw: object) -> str:
    """An unreadable stored time as a page may print it: cleaned, cut, in quotes."""
    text = clean_text(raw)
    if len(text) > SHOWN_RAW:
        text = text[: SHOWN_RAW - 1] + "…"
    return f"“{text}”"


def read_time(at: object, day: str | None = None) -> StoredTime:
    """Read a stored event time; ``day`` (the meeting's YYYY-MM-DD) flags times on other days.

    Never raises. A time without an offset is taken as local, like the rest of SignDesk.
    """
    raw = "" if at is None else str(at)
    try:
        moment = datetime.fromisoformat(raw.strip()) if raw.strip() else None
    except (ValueError, OverflowError):
        moment = None
    if moment is None:
        return StoredTime(raw, None, UNREADABLE)
    if moment.tzinfo is None:
        try:
            moment = moment.astimezone()
        except (OverflowError, OSError, ValueError):  # year 1 or 9999 at the edge of the clock
            return StoredTime(raw, None, UNREADABLE)
    if day:
        try:
            wanted = date.fromisoformat(day[:10])
        except ValueError:
            wanted = None
        if wanted is not None and moment.date() != wanted:
            return StoredTime(raw, moment, OFF_DAY)
    return StoredTime(raw, moment, None)
