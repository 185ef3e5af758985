"""Verification codes for certificates of attendance (参会证明), without Qt.

A certificate carries ``PPPP-EEEEEEEEEEEEEEEE-CCCCCCCC``: the meeting's card
prefix, the first 16 hex digits of the arrival event that counts, and an 8-symbol
check, an HMAC-SHA256 of the event id and member id keyed by the meeting's uid.

Why the meeting uid as the key: it is inside every copy of the meeting file (the
hub's and each desk's replica), so a certificate printed at a desk verifies at the
hub and vice versa, yet it is printed nowhere, so someone without the file cannot
make up a code that verifies. Verification re-reads the file: the event must
still be the member's counted arrival, not voided since.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass
from enum import StrEnum

from data.records import EventRecord, MemberRecord
from data.store import Store
from kiosk import codes
from kiosk.model import EventKind
from kiosk.presence import fold

log = logging.getLogger(__name__)

EVENT_DIGITS = 16
CHECK_LEN = 8
CODE_LEN = codes.PREFIX_LEN + 1 + EVENT_DIGITS + 1 + CHECK_LEN


class Verdict(StrEnum):
    """What checking a certificate code against a meeting file found."""

    VALID = "valid"                  # the member attended; the certificate is genuine
    MALFORMED = "malformed"          # not shaped like a certificate code
    OTHER_MEETING = "other_meeting"  # a certificate of another meeting
    UNKNOWN = "unknown"              # no such sign-in in this file
    FORGED = "forged"                # the check does not match (typo or made up)
    VOIDED = "voided"                # the sign-in was voided after printing
    NOT_COUNTED = "not_counted"      # a duplicate arrival, not the one that counts


VERDICT_ZH = {
    Verdict.VALID: "真实有效：该党员已签到出席",
    Verdict.MALFORMED: "不是参会证明核验码",
    Verdict.OTHER_MEETING: "不是本次会议的参会证明",
    Verdict.UNKNOWN: "本会议文件中没有这条签到记录",
    Verdict.FORGED: "核验码校验不符（输错或伪造）",
    Verdict.VOIDED: "该签到记录已被撤销",
    Verdict.NOT_COUNTED: "该签到记录是重复签到，不是计入出席的那一次",
}


@dataclass(frozen=True, slots=True)
class Verification:
    """The answer to "is this certificate genuine?" with who and when if it is."""

    verdict: Verdict
    code: str
    member: MemberRecord | None = None
    event: EventRecord | None = None

    @property
    def ok(self) -> bool:
        return self.verdict == Verdict.VALID

    @property
    def text(self) -> str:
        """A one-line answer in Chinese for the desk or the command line."""
        return VERDICT_ZH[self.verdict]

    def as_dict(self) -> dict:
        """JSON-ready (for ``verify --json``)."""
        m, e = self.member, self.event
        return {
            "code": self.code, "verdict": str(self.verdict), "ok": self.ok, "text": self.text,
            "member": None if m is None else {
                "id": m.id, "number": m.number, "name": m.name, "branch": m.branch,
            },
            "event": None if e is None else {"id": e.id, "at": e.at, "desk": e.desk},
        }


def _check(uid: str, event_id: str, member_id: int) -> str:
    mac = hmac.new(uid.encode(), f"{event_id}|{member_id}".encode(), hashlib.sha256).digest()
    # Map to the card alphabet so the code stays scanner- and IME-safe.
    n = int.from_bytes(mac[:10], "big")
    out = []
    for _ in range(CHECK_LEN):
        n, r = divmod(n, len(codes.ALPHABET))
        out.append(codes.ALPHABET[r])
    return "".join(out)


def certificate_code(uid: str, prefix: str, event: EventRecord) -> str:
    """The verification code printed (and QR-encoded) on a certificate."""
    return f"{prefix}-{event.id[:EVENT_DIGITS].upper()}-{_check(uid, event.id, event.member_id)}"


def _events_with_prefix(store: Store, head: str) -> list[str]:
    # Event ids are lower-case hex; a range scan on the unique index finds the prefix.
    return store.event_ids_between(head, head + "g")


def verify(store: Store, received: str) -> Verification:
    """Check a certificate code against the meeting file. Never raises on bad input."""
    text = codes.clean(received)
    parts = text.split("-")
    if (
        len(text) != CODE_LEN or len(parts) != 3
        or len(parts[1]) != EVENT_DIGITS or len(parts[2]) != CHECK_LEN
        or any(ch not in "0123456789ABCDEF" for ch in parts[1])
    ):
        return Verification(Verdict.MALFORMED, text)
    prefix, head, check = parts
    meeting = store.meeting()
    if prefix != meeting.code_prefix:
        return Verification(Verdict.OTHER_MEETING, text)
    found = None
    for event_id in _events_with_prefix(store, head.lower()):
        event = store.event(event_id)
        if event is not None and hmac.compare_digest(
            _check(meeting.uid, event.id, event.member_id), check
        ):
            found = event
            break
    if found is None:
        known = bool(_events_with_prefix(store, head.lower()))
        return Verification(Verdict.FORGED if known else Verdict.UNKNOWN, text)
    member = store.member(found.member_id)
    if found.kind != EventKind.ARRIVE:
        return Verification(Verdict.FORGED, text, member, found)
    presence = fold(store.events_for(found.member_id))
    if found in presence.voided:
        return Verification(Verdict.VOIDED, text, member, found)
    if presence.arrival is None or presence.arrival.id != found.id:
        return Verification(Verdict.NOT_COUNTED, text, member, found)
    return Verification(Verdict.VALID, text, member, found)
