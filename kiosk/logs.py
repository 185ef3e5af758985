"""Where SignDesk's log goes: a rotating file beside the meeting file, readable by its owner only.

Every module logs to its own ``logging.getLogger(__name__)``; nothing here is
Qt. ``setup_logging`` is called by ``main.py`` for every role (organizer window,
desk, hub, command line); when the organizer opens another meeting later,
``log_beside`` moves the file. The handlers sit on the root logger, so the
libraries' warnings (websockets, zeroconf) land in the same file; the organizer
window adds its own handler there to show the same records.

The file is ``<meeting>.log`` next to ``<meeting>.sqlite`` (a desk's replica has
its own), rotated at 1 MB with 5 old files kept: a meeting day writes far less,
and a looping error cannot fill the disk. Names and phone numbers are not
logged, only ids and counts: the log may be mailed to whoever helps.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from data.private import open_private

#: Chatty libraries: only their warnings are worth a line (a connection per desk is not).
QUIET = ("websockets", "zeroconf", "asyncio")
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUPS = 5

_state: dict[str, logging.Handler | None] = {"file": None, "console": None}


class OwnerOnlyFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler whose files are created mode 0600 (the log names desks, ids)."""

    def _open(self):  # type: ignore[override]
        # data.private: created 0600, an older file with a looser mode tightened too.
        return open_private(self.baseFilename, self.mode.replace("w", "a"),
                            encoding=self.encoding, errors=self.errors)


def log_path_for(meeting: str | Path) -> Path:
    """The log file that belongs to a meeting file: same folder, same stem, ``.log``."""
    meeting = Path(meeting)
    return meeting.with_name(meeting.stem + ".log")


def setup_logging(meeting: str | Path | None = None, *, console_level: int = logging.WARNING,
                  level: int = logging.INFO) -> Path | None:
    """Send SignDesk's log records to stderr (warnings and worse) and, given a meeting, to its file.

    Safe to call more than once: the console handler is installed once and the
    file handler replaced. Returns the log file's path (None without a meeting).
    """
    if _state["console"] is None:
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(console_level)
        console.setFormatter(logging.Formatter("signdesk: %(levelname)s %(name)s: %(message)s"))
        _state["console"] = console
        root = logging.getLogger()
        root.addHandler(console)
        root.setLevel(level)
        for name in QUIET:
            logging.getLogger(name).setLevel(logging.WARNING)
    return log_beside(meeting) if meeting is not None else None


def log_beside(meeting: str | Path) -> Path | None:
    """Write the log to the file beside ``meeting`` from now on (None if it cannot be opened)."""
    path = log_path_for(meeting)
    old = _state["file"]
    if old is not None and isinstance(old, logging.FileHandler) \
            and Path(old.baseFilename) == path.resolve():
        return path
    try:
        handler = OwnerOnlyFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                       encoding="utf-8", delay=False)
    except OSError as exc:
        # A read-only folder (a meeting file on a CD, a shared drive): no file log,
        # but the program still works; say so once on stderr.
        logging.getLogger(__name__).warning("cannot write the log file %s: %s", path, exc)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    if old is not None:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    _state["file"] = handler
    return path


def stop_logging() -> None:
    """Remove and close the handlers ``setup_logging`` installed (tests, embedding)."""
    for key in ("file", "console"):
        handler = _state[key]
        if handler is None:
            continue
        logging.getLogger().removeHandler(handler)
        handler.close()
        _state[key] = None
