"""Text that leaves SignDesk: spreadsheet cells, terminal output, file names.

Names, branch and desk names come from roster files and from the network, so
any of them may hold control characters, ANSI escapes, bidi overrides, lone
surrogates, a leading "=" or a path separator. Whatever leaves the program is
made inert here, in one place:

- ``cell_text``: a spreadsheet cell that is never a formula (OWASP's CSV
  injection guidance: a text starting with = + - @ tab or CR gets a leading
  single quote) and holds no control characters (openpyxl refuses them);
- ``terminal_text`` / ``TerminalGuard``: nothing reaches a terminal raw: every
  control character is shown as a visible ``\\u001b``-style escape;
- ``safe_filename``: a file name bounded in UTF-8 bytes, with no separators,
  no leading dot and no name Windows reserves (CON, NUL, COM1, …).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

# Invisible characters that reorder or hide text (bidi embeddings, overrides
# and isolates, zero-width characters, line/paragraph separators, BOM): a name
# holding them can display as a different name.
_INVISIBLE = frozenset(
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2028\u2029"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064"
    "\u2066\u2067\u2068\u2069\ufeff"
)


_CONTROL_RE = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff" + "".join(sorted(_INVISIBLE)) + "]"
)


def has_control(text: str) -> bool:
    """True if ``text`` holds a character ``clean_text`` would remove."""
    return bool(_CONTROL_RE.search(text))


def clean_text(text: Any) -> str:
    """``text`` as a string without control characters.

    Tabs and line breaks become spaces (they separate words); a lone
    surrogate becomes U+FFFD (it cannot be encoded); everything else in
    ``_CONTROL_RE`` is dropped.
    """
    s = "" if text is None else str(text)
    if not _CONTROL_RE.search(s):
        return s
    return _CONTROL_RE.sub(_replacement, s)


def _replacement(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in "\t\n\r\x0b\x0c\u2028\u2029\x85":
        return " "
    if "\ud800" <= ch <= "\udfff":
        return "\ufffd"
    return ""


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, CSV injection)."""
_MAY_TRIGGER = frozenset("=+-@\t\r\n\x0b\x0c \u3000")  # a trigger, or space before one


def cell_text(text: Any) -> str:
    """A spreadsheet cell's text: no control characters, never read as a formula.

    A cell whose first character (or first after spaces, which some programs
    skip) is one of = + - @ tab CR gets a leading single quote, as OWASP
    recommends; the check runs on the raw text and again on the cleaned text.
    """
    raw = text if isinstance(text, str) else ("" if text is None else str(text))
    # The common cell (a name, a number, a time) needs no work: one look at its
    # first character and one C-level scan, no copies (100k rows x 17 cells).
    if not raw or (raw[0] not in _MAY_TRIGGER and not _CONTROL_RE.search(raw)):
        return raw
    cleaned = clean_text(raw)
    # Checked after cleaning too: "\x00=1" or "\u200b=1" would start with "=" once cleaned.
    trigger = (raw[:1] in FORMULA_TRIGGERS
               or cleaned.lstrip(" \u3000")[:1] in FORMULA_TRIGGERS)
    return "'" + cleaned if trigger else cleaned


def cell_row(row: list[Any]) -> list[Any]:
    """``cell_text`` of every cell of a row; a row with nothing to neutralise costs one scan.

    Exports run this on every row (100,000 members, 17 columns): most rows hold
    no control character and no cell starting with a trigger, and are checked
    with one regular-expression scan of the joined row instead of 17 calls.
    """
    try:
        joined = _CELL_SEP.join(row)
    except TypeError:  # a cell that is not text
        return [cell_text(c) for c in row]
    if not _ROW_NEEDS_WORK.search(joined):
        return row  # the same list: no copy of 100,000 rows for the collector to walk
    return [cell_text(c) for c in row]


_CELL_SEP = "\ue000"  # a private-use character: cells joined for one scan
_ROW_NEEDS_WORK = re.compile(
    "(?:^|" + _CELL_SEP + ")[" + re.escape("".join(sorted(_MAY_TRIGGER))) + "]|"
    + _CONTROL_RE.pattern)


# ---- terminal ------------------------------------------------------------------------

def _escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


_TERMINAL_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff" + "".join(sorted(_INVISIBLE)) + "]"
)


def terminal_text(text: Any, limit: int | None = 200) -> str:
    """One field for the terminal: every control character (tab and newline too)
    shown as a visible ``\\uXXXX`` escape, cut to ``limit`` characters with "…"."""
    s = "" if text is None else str(text)
    if limit is not None and len(s) > limit:
        s = s[: limit - 1] + "…"
    return _CONTROL_RE.sub(_escape, s)


class TerminalGuard:
    """A text stream that escapes control characters before they reach a terminal.

    Wraps ``sys.stdout``/``sys.stderr`` for a command's run: newlines and tabs
    pass (they shape the output), every other control character, ANSI escape
    sequences included, becomes a visible ``\\uXXXX`` escape. In JSON output a
    raw control character can only sit inside a string, where that escape
    means the same character, so JSON stays valid and exact.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write ``text`` with its control characters escaped."""
        self._stream.write(_TERMINAL_RE.sub(_escape, text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        """Write each line through ``write``."""
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        # flush, fileno, isatty, encoding, buffer…: the wrapped stream's
        return getattr(self._stream, name)


# ---- file names ------------------------------------------------------------------------

NAME_BYTES = 120
"""Default bound on a file name in UTF-8 bytes: far under the 255 bytes of
ext4/NTFS/APFS, leaving room for the folder within Windows' 260-character paths."""

_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\s]+')
_WINDOWS_RESERVED = re.compile(
    r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$", re.IGNORECASE
)


def _cut_bytes(text: str, limit: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 form fits in ``limit`` bytes."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", errors="ignore")


def safe_filename(stem: str, suffix: str = "", limit: int = NAME_BYTES) -> str:
    """A file name from arbitrary text, safe on Linux, macOS and Windows.

    Control characters are dropped, separators, Windows' reserved characters
    and spaces become "_", leading dots and trailing dots/spaces go, a name
    Windows reserves (CON, NUL, COM1…) gets a leading "_", and the whole name,
    ``suffix`` included, fits in ``limit`` UTF-8 bytes (cut on a character).
    """
    suffix = clean_text(suffix)
    name = unicodedata.normalize("NFC", clean_text(stem))
    name = _UNSAFE_NAME.sub("_", name).strip("._")
    room = max(1, limit - len(suffix.encode("utf-8")))
    name = _cut_bytes(name, room).rstrip(". _")
    if not name:
        name = "_"
    if _WINDOWS_RESERVED.match(name.split(".")[0]):
        name = _cut_bytes("_" + name, room)
    return name + suffix


@contextmanager
def guarded_output() -> Iterator[None]:
    """Within the block, ``sys.stdout`` and ``sys.stderr`` escape control characters."""
    saved = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, TerminalGuard):
        sys.stdout = TerminalGuard(sys.stdout)  # type: ignore[assignment]
    if not isinstance(sys.stderr, TerminalGuard):
        sys.stderr = TerminalGuard(sys.stderr)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
