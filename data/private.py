"""Owner-only files: everything SignDesk writes is readable by its user alone.

A meeting file holds members' phone numbers and birth dates, so every file
SignDesk writes (the meeting and its -wal/-shm, replicas, backups, exports,
PDFs, PNGs, logs, the link's keys, settings) is made 0600 and every folder it
creates 0700 on POSIX. Two layers, so that neither a forgotten call nor a
library that opens files itself leaves a window open:

- ``private_umask()`` around a whole run (``main.py`` wraps every command in
  it): whatever the process creates, by any library, is born owner-only;
- each writer also asks for it explicitly (``make_private``, ``private_dir``,
  ``open_private``, ``LazyPrivateFile``, ``replace_private``), which covers files that existed
  before with wider modes and code run without ``main.py`` (tests, imports).

On Windows file modes mean almost nothing; privacy there comes from where the
files live (the user's profile, whose ACLs other users cannot read) and from
BitLocker. See README, "Personal data on this computer".

This is the lowest layer (data/), so kiosk/, reports/ and ui/ can all use it.
"""

from __future__ import annotations

import os
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
PRIVATE_MASK = 0o077  # the bits a private umask always clears: group and others
POSIX = os.name == "posix"

_umask_lock = threading.Lock()
_umask_depth = 0
_umask_saved = 0


@contextmanager
def private_umask() -> Iterator[None]:
    """Within the block, files and folders the process creates are owner-only.

    The umask is process-wide, so nested and concurrent uses share one
    counter: it is tightened by the first to enter and restored by the last to
    leave, never loosened while any thread is still inside.
    """
    global _umask_depth, _umask_saved
    if not POSIX:
        yield
        return
    with _umask_lock:
        if _umask_depth == 0:
            old = os.umask(PRIVATE_MASK)
            os.umask(old | PRIVATE_MASK)
            _umask_saved = old
        _umask_depth += 1
    try:
        yield
    finally:
        with _umask_lock:
            _umask_depth -= 1
            if _umask_depth == 0:
                os.umask(_umask_saved)


def make_private(path: str | Path) -> bool:
    """Make an existing file 0600 (a folder 0700); True if its mode is now private.

    Quietly does nothing where it cannot: on Windows, for a file another user
    owns, or on read-only media (the caller then has bigger news to give).
    """
    if not POSIX:
        return False
    try:
        st = os.stat(path)
        want = PRIVATE_DIR if stat.S_ISDIR(st.st_mode) else PRIVATE_FILE
        if stat.S_IMODE(st.st_mode) & ~want:
            os.chmod(path, stat.S_IMODE(st.st_mode) & want)
        return True
    except OSError:
        return False


def private_dir(path: str | Path) -> Path:
    """Create a folder and any missing parents as 0700; existing folders are left as they are.

    Folders that already exist may be the user's own choice (their Desktop, a
    USB stick), so only the ones made here are tightened.
    """
    path = Path(path)
    missing = []
    p = path
    while not p.exists():
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    with private_umask():
        path.mkdir(parents=True, exist_ok=True)
    for p in missing:
        make_private(p)
    return path


def open_private(path: str | Path, mode: str = "a", **kwargs: Any) -> IO[Any]:
    """``open()`` for a file that must be owner-only from its first byte (logs, keys).

    The file is created 0600 and an existing one is tightened before anything
    is written, so a log handler or key writer can use it as it is.
    """
    flags = os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
    if "w" in mode:
        flags |= os.O_TRUNC
    if "a" in mode:
        flags |= os.O_APPEND
    flags |= os.O_RDWR if "+" in mode or "r" in mode else os.O_WRONLY
    fd = os.open(path, flags, PRIVATE_FILE)
    try:
        if POSIX:
            os.fchmod(fd, stat.S_IMODE(os.fstat(fd).st_mode) & PRIVATE_FILE)
        return os.fdopen(fd, mode, **kwargs)
    except BaseException:
        os.close(fd)
        raise


class LazyPrivateFile:
    """A file object for libraries that write their output in one go (reportlab).

    The file is created 0600 at the first ``write``, not before: a build that
    fails earlier leaves no empty file behind, and one that succeeds leaves a
    file no one else ever could read.
    """

    def __init__(self, path: str | Path) -> None:
        self.name = str(path)
        self._started = False

    def write(self, data: bytes) -> int:
        """Write bytes (the first call creates or truncates the file)."""
        with open_private(self.name, "ab" if self._started else "wb") as f:
            self._started = True
            return f.write(data)

    def flush(self) -> None:
        """Nothing is buffered here."""


@contextmanager
def replace_private(path: str | Path) -> Iterator[Path]:
    """Write a file whole or not at all, owner-only: yields a temporary path to write to.

    The temporary file is created 0600 next to ``path`` and renamed over it
    when the block ends without error; on error it is removed and an earlier
    ``path`` is left untouched. (An export that fails half-way must not
    destroy the previous one.)
    """
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=".signdesk-", suffix=path.suffix, dir=path.parent or ".")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with private_umask():
            yield tmp
        make_private(tmp)  # a library may have replaced the file instead of writing into it
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
