"""Functions the child-process tests run through ui.tasks.in_child (no Qt here: the
child imports this module, and must stay free of the window's libraries)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from data.errors import UserError


def what_the_child_holds(report) -> dict:
    """The child's view of itself: which heavy modules it loaded, its memory."""
    rss = 0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1])
    return {"pid": os.getpid(), "qt": sorted(m for m in sys.modules if m.startswith("PySide6")),
            "windows": sorted(m for m in sys.modules if m.startswith("ui.organizer.window")),
            "rss_kb": rss}


def count(report, n: int) -> int:
    """Report n steps, then answer n."""
    for i in range(n):
        report(i + 1, n, f"step {i + 1}")
        time.sleep(0.01)
    return n


def hang(report, pid_file: str) -> None:
    """Say where it is, then never end (until terminated)."""
    Path(pid_file).write_text(str(os.getpid()))
    report(1, 0, "hanging")
    while True:
        time.sleep(0.1)


def refuse(report) -> None:
    """An error the user can act on."""
    raise UserError("会议文件只读：不能写入")


def break_down(report) -> None:
    """A fault of the program."""
    raise KeyError("nothing")


def die(report) -> None:
    """End the process without a word (as the OOM killer would)."""
    os._exit(3)


def write_and_answer(report, pid_file: str, path: str) -> str:
    """Write a file (the work done), say so, and answer: a Cancel after this is too late."""
    Path(pid_file).write_text(str(os.getpid()))
    Path(path).write_text("the new roster")
    report(1, 1, "written")
    return "written"


def commit_slowly(report, pid_file: str, marker: str, path: str, wait: float) -> str:
    """Say it is ready, wait, then pass its point of no return and write for half a second."""
    from ui.child import committing

    Path(pid_file).write_text(str(os.getpid()))
    report(1, 0, "ready")
    time.sleep(wait)
    committing()
    Path(marker).write_text("committing")
    time.sleep(0.5)
    Path(path).write_text("the new roster")
    return "written"


def refuse_in_two_languages(report) -> None:
    """A domain refusal with its Chinese text."""
    from kiosk.messages import DomainError

    raise DomainError("the photo is too large", "照片太大")
