"""Card codes: random, scanner-safe, and marked with their meeting.

A code is ``PPPP-XXXXXXXXXXXXXXXXXXXXX``: a 4-character meeting prefix and 21
random characters from a 31-symbol alphabet without look-alikes (no 0/O, 1/I/L),
104 bits of randomness, 26 characters in all. Only upper-case letters, digits and
'-' so that a QR code stays in alphanumeric mode and no input method can turn it
into something else.
"""

from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass

from kiosk import idnumbers

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PREFIX_LEN = 4
BODY_LEN = 21
CODE_LEN = PREFIX_LEN + 1 + BODY_LEN
MAX_INPUT = 64  # anything longer is not a card: a scanner never sends more


def new_prefix() -> str:
    """A fresh meeting prefix."""
    return "".join(secrets.choice(ALPHABET) for _ in range(PREFIX_LEN))


_BODY_SPACE = len(ALPHABET) ** BODY_LEN  # about 2**104


def new_code(prefix: str) -> str:
    """A fresh card code for the meeting with this prefix.

    One uniform draw below 31**21, written in base 31: the same randomness as
    21 separate choices at a twentieth of the cost (it matters at 100,000 cards).
    """
    n = secrets.randbelow(_BODY_SPACE)
    body = []
    for _ in range(BODY_LEN):
        n, digit = divmod(n, len(ALPHABET))
        body.append(ALPHABET[digit])
    return prefix + "-" + "".join(body)


@dataclass(frozen=True, slots=True)
class ParsedInput:
    """What a raw scan looked like after cleaning.

    ``shape`` is 'code' (well-formed card code), 'idcard' (an 18-character
    resident ID number with a right check character), 'idcard_bad' (the shape
    of one, with a wrong check character: a misread or a typo, never searched),
    'number' (could be a member number typed or scanned), or 'garbage'.
    The text of an ID number must never be shown: ``kiosk.idnumbers.mask_text``.
    """

    text: str
    shape: str
    prefix: str = ""


def clean(raw: str | bytes) -> str:
    """Trim, cap and normalise what a scanner or keyboard sent.

    NFKC turns full-width characters (from a Chinese input method) into ASCII;
    upper-casing forgives a scanner with Caps Lock on.
    """
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    text = unicodedata.normalize("NFKC", raw[: MAX_INPUT * 4]).strip()
    return text[: MAX_INPUT + 1].upper()


def parse(raw: str | bytes) -> ParsedInput:
    """Classify a raw scan without touching the meeting file. Never raises."""
    text = clean(raw)
    if not text or len(text) > MAX_INPUT:
        return ParsedInput(text[:MAX_INPUT], "garbage")
    if (
        len(text) == CODE_LEN
        and text[PREFIX_LEN] == "-"
        and all(ch in ALPHABET for ch in text[:PREFIX_LEN] + text[PREFIX_LEN + 1:])
    ):
        return ParsedInput(text, "code", text[:PREFIX_LEN])
    if idnumbers.looks_like_id(text):
        return ParsedInput(text, "idcard" if idnumbers.is_valid(text) else "idcard_bad")
    if all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in text) and len(text) <= 32:
        return ParsedInput(text, "number")
    return ParsedInput(text, "garbage")
