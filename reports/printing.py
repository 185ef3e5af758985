"""Headless printing to a named CUPS queue with ``lp`` (no dialog, no Qt).

The organizer's window prints through Qt's dialog instead (ui/); it gets the PDF
bytes from the ``*_pdf`` functions of this package.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
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


def print_pdf(path: str | Path, printer: str, *, copies: int = 1, title: str | None = None) -> str:
    """Send a PDF to the queue ``printer`` with ``lp -d``; returns the job id (e.g. 'Q-12')."""
    path = Path(path)
    if not path.is_file():
        raise PrintError(f"no such file: {path}")
    if not shutil.which("lp"):
        raise PrintError("the lp command is missing (install CUPS: apt install cups-client)")
    cmd = ["lp", "-d", printer, "-n", str(max(1, copies)), "-t", title or path.name, str(path)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        raise PrintError(f"lp failed: {exc}") from exc
    if done.returncode != 0:
        raise PrintError(f"printer {printer!r}: {(done.stderr or done.stdout).strip()}")
    found = re.search(r"request id is (\S+)", done.stdout)
    return found.group(1) if found else done.stdout.strip()
