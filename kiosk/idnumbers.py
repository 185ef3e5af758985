"""Resident ID numbers (公民身份号码, GB 11643): checked, hashed, masked; never kept in clear.

An 18-character ID number is 17 digits and an ISO 7064 MOD 11-2 check
character (a digit or X). A meeting file keeps, per member, only a keyed hash
(HMAC-SHA256 with the meeting's own secret, ``meta.id_key``) and the last four
characters for display, so a desk can match a swiped card without anyone
being able to read the numbers back out of the file, an export or a screen.

ID numbers have little entropy (a region code, a birth date, three digits and
the check character): whoever holds a meeting file or a desk's replica *and*
its secret can find a known member's number by trying the candidates. The
secret is per meeting, so a table built for one meeting is useless for the
next; README ("ID cards and privacy") states the rest.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"
ID_LEN = 18
KEY_META = "id_key"
"""The meta key of the meeting's secret (64 hex characters: 32 random bytes)."""

_ID_SHAPE = re.compile(r"\d{17}[\dX]")
_KEY_SHAPE = re.compile(r"[0-9a-f]{64}")


def new_key() -> str:
    """A fresh per-meeting secret for the ID hashes: 32 random bytes as hex."""
    return secrets.token_hex(32)


def is_key(text: object) -> bool:
    """True for a well-formed secret (what a desk accepts from its hub)."""
    return isinstance(text, str) and _KEY_SHAPE.fullmatch(text) is not None


def check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    return CHECK[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def looks_like_id(text: str) -> bool:
    """The shape of an 18-character ID number (upper-case X), whatever its check character."""
    return len(text) == ID_LEN and _ID_SHAPE.fullmatch(text) is not None and text.isascii()


def is_valid(text: str) -> bool:
    """An 18-character ID number whose check character is right."""
    return looks_like_id(text) and text[17] == check_char(text[:17])


def to_18(id_number: str) -> str:
    """The 18-character form: an old 15-digit number gains '19' and its check character.

    Numbers of 15 digits were issued to people born in the 1900s (before 1999),
    and the card that replaced each holds the same digits widened this way.
    """
    if len(id_number) == 15 and id_number.isdigit() and id_number.isascii():
        first17 = id_number[:6] + "19" + id_number[6:]
        return first17 + check_char(first17)
    return id_number


def id_hash(key: str, id_number: str) -> str:
    """HMAC-SHA256 of the 18-character form under the meeting's secret, as hex."""
    return hmac.new(bytes.fromhex(key), to_18(id_number).encode("ascii"),
                    hashlib.sha256).hexdigest()


def last4(id_number: str) -> str:
    """The last four characters of the 18-character form (all anyone is shown)."""
    return to_18(id_number)[-4:]


def masked(last_four: str, length: int = ID_LEN) -> str:
    """'**************1234': the length of an ID number, only the last four shown."""
    tail = last_four[-4:]
    return "*" * max(0, length - len(tail)) + tail


# 15 to 18 digits, or 17 and an X: seventeen digits are a whole number (the check
# character follows from them), sixteen all but one digit of it.
_IN_TEXT = re.compile(r"(?<![0-9])(?:[0-9]{15,18}|[0-9]{17}[Xx])(?![0-9Xx])")


def mask_in_text(text: str) -> str:
    """Text with every run that may be an ID number or most of one (15 to 18 characters)
    masked to its last four.

    For text read from a roster and shown as it was (a skipped row's cells).
    """
    return _IN_TEXT.sub(lambda m: mask_text(m.group(0)), text)


def mask_text(id_number: str) -> str:
    """Any text that may be an ID number, masked to its last four characters."""
    return masked(id_number[-4:], min(max(len(id_number), 4), 24))
