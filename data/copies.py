"""Where copies of a meeting file are, for the message about a damaged one.

A meeting file has two kinds of copies: ``FILE.vN.bak`` beside it (the file as
it was before an upgrade to format N+1) and every desk's replica, a full copy
of the meeting that any desk which joined it keeps: a desk window keeps it in
the user's local application-data folder, a headless desk where ``--replica``
says or as ``desk-NAME.sqlite`` in the folder it was started from. This module
finds the ones on this computer and says where the others are. Qt-free: the
folder is computed as Qt's ``AppLocalDataLocation`` gives it for SignDesk.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from datetime import datetime
from pathlib import Path

APP = Path("SignDesk") / "SignDesk"  # Qt: organization name / application name
MAX_LISTED = 8

def desk_folder() -> Path:
    """The folder where desk windows on this computer keep their replicas."""
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP / "desks"


def backups_of(path: Path) -> list[Path]:
    """``FILE.vN.bak`` copies beside ``path``, newest format first."""
    pattern = re.compile(re.escape(path.name) + r"\.v(\d+)\.bak$")
    found = []
    try:
        for p in path.parent.iterdir():
            m = pattern.match(p.name)
            if m and p.is_file():
                found.append((int(m.group(1)), p))
    except OSError:
        return []
    return [p for _, p in sorted(found, reverse=True)]


def _meeting_uid(path: Path) -> str | None:
    """The meeting uid of a SignDesk file, read without writing (None if unreadable)."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
        try:
            row = db.execute("SELECT uid FROM meeting").fetchone()
            return str(row[0]) if row else None
        finally:
            db.close()
    except (sqlite3.Error, OSError, ValueError):
        return None


def replicas_of(path: Path, uid: str | None = None) -> list[Path]:
    """Desks' replicas on this computer (beside ``path`` and in the desk folder).

    With the damaged file's meeting ``uid`` (when it can still be read), only
    replicas of that meeting are listed.
    """
    found: list[Path] = []
    for folder in (path.parent, desk_folder()):
        try:
            candidates = sorted(folder.glob("desk-*.sqlite"))
        except OSError:
            continue
        for p in candidates:
            if p.resolve() == path.resolve() or p in found:
                continue
            if uid is not None and _meeting_uid(p) != uid:
                continue
            found.append(p)
    return found


def _describe(p: Path) -> str:
    try:
        st = p.stat()
    except OSError:
        return str(p)
    when = datetime.fromtimestamp(st.st_mtime).strftime("%Y-%m-%d %H:%M")
    return f"{p} (saved {when}, {st.st_size:,} bytes)"


def where_replicas_live() -> str:
    """A sentence saying where desks keep their replicas, with this computer's folder."""
    return (f"Every desk that joined this meeting also holds a full copy of it, its replica: a "
            f"desk window keeps it in {desk_folder()} on its computer (desk-NAME.sqlite), a "
            "headless desk where --replica said or as desk-NAME.sqlite in the folder it ran in; "
            "`python main.py hub REPLICA` makes a replica the meeting's file.")


def copies_advice(path: str | Path, uid: str | None = None) -> str:
    """A few sentences naming the copies of ``path`` that exist here and where others are."""
    path = Path(path)
    backups = backups_of(path)
    replicas = replicas_of(path, uid)
    parts = []
    if replicas:
        parts.append("desks' replicas on this computer: "
                     + "; ".join(_describe(p) for p in replicas[:MAX_LISTED]))
    if backups:
        parts.append("backups beside it: " + "; ".join(_describe(p) for p in backups[:MAX_LISTED])
                     + " (each is the file as it was before an upgrade, without later changes)")
    found = ("Copies found: " + "; ".join(parts) + ". ") if parts else (
        "No copy was found on this computer (no FILE.vN.bak beside it, no desk's replica). ")
    return found + where_replicas_live()
