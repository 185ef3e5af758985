"""Headless printing to a named CUPS queue with ``lp`` (no dialog, no Qt).

The organizer's window prints through Qt's dialog instead (ui/); it gets the PDF
bytes from the ``*_pdf`` functions of this package.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from data.errors import UserError

log = logging.getLogger(__name__)


class PrintError(UserError, RuntimeError):
    """Printing failed; the message says why (from lp itself where possible)."""


def printers() -> list[str]:
    """The print queues CUPS knows ([] if CUPS is not there or not running)."""
    if not shutil.which("lpstat"):
        return []
    try:
        done = subprocess.run(["lpstat", "-e"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.strip() for line in done.stdout.splitlines() if line.strip()]


class PrintCancelled(PrintError):
    """The user stopped waiting for CUPS; the command was stopped before it answered."""


def _run(cmd: list[str], timeout: float, cancelled: Callable[[], bool] | None) -> tuple[int, str, str]:
    """Run a CUPS command; (exit status, stdout, stderr). Polls ``cancelled`` 10 times a second.

    A CUPS server that does not answer holds lp and lpstat until their own long
    timeout: raise PrintError after ``timeout`` s, PrintCancelled when cancelled.
    """
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as exc:
        raise PrintError(f"{cmd[0]} failed: {exc}") from exc
    deadline = time.monotonic() + timeout
    while True:
        try:
            out, err = proc.communicate(timeout=0.1)
            return proc.returncode, out, err
        except subprocess.TimeoutExpired:
            stop = cancelled is not None and cancelled()
            if stop or time.monotonic() > deadline:
                proc.kill()
                proc.communicate()
                if stop:
                    raise PrintCancelled("printing was cancelled") from None
                raise PrintError(f"the print server did not answer within {timeout:.0f} s") from None


def default_printer(*, cancelled: Callable[[], bool] | None = None, timeout: float = 10.0) -> str | None:
    """The CUPS default queue (``lpstat -d``), or None when none is set or CUPS is not there."""
    if not shutil.which("lpstat"):
        return None
    try:
        status, out, _err = _run(["lpstat", "-d"], timeout, cancelled)
    except PrintCancelled:
        raise
    except PrintError:
        return None
    found = re.search(r"destination:\s*(\S+)", out)
    return found.group(1) if found and status == 0 else None


def print_pdf(path: str | Path, printer: str, *, copies: int = 1, title: str | None = None,
              cancelled: Callable[[], bool] | None = None, timeout: float = 60.0) -> str:
    """Send a PDF to the queue ``printer`` with ``lp -d``; returns the job id (e.g. 'Q-12').

    A CUPS server that does not answer holds lp until ``timeout``; ``cancelled``
    (polled ten times a second) lets the user stop waiting sooner: lp is then
    killed and ``PrintCancelled`` raised.
    """
    path = Path(path)
    if not path.is_file():
        raise PrintError(f"no such file: {path}")
    if not shutil.which("lp"):
        raise PrintError("the lp command is missing (install CUPS: apt install cups-client)")
    cmd = ["lp", "-d", printer, "-n", str(max(1, copies)), "-t", title or path.name, str(path)]
    try:
        status, out, err = _run(cmd, timeout, cancelled)
    except PrintCancelled:
        raise
    except PrintError as exc:
        raise PrintError(f"printer {printer!r}: {exc}") from None
    if status != 0:
        raise PrintError(f"printer {printer!r}: {(err or out).strip()}")
    found = re.search(r"request id is (\S+)", out)
    return found.group(1) if found else out.strip()
