"""Pairing a desk with the hub: the 6-digit code, the code exchange, credentials, the guard.

A desk proves once that a person at the hub showed it the pairing code, and the
hub proves it knows the same code, without the code ever travelling: both ends
run SPAKE2 (Magic Wormhole's password-authenticated key exchange) with the code
as password, then each sends a MAC, under the key they agreed, of the hub's
certificate fingerprint as the desk saw it and of the desk's public key. So a
sniffer sees nothing to guess offline, a hub in the middle (its own
certificate) breaks the desk's MAC, and a rogue hub that does not know the
code learns whether one guess was right, nothing more. The hub then signs the
desk's key (``kiosk.link.identity``): that certificate is the desk's identity.

The hub keeps one credential per desk (name, certificate fingerprint, when paired,
when revoked) in its file's meta. Guessing the code is bounded for the whole hub,
not per address (``PairingDoor``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import threading
import time
import unicodedata
from dataclasses import asdict, dataclass, replace
from typing import NamedTuple

from spake2 import SPAKE2_A, SPAKE2_B

from data.store import Store, now_iso
from data.sync import paired_desks_json

CODE_DIGITS = 6
CODE_SPACE = 900_000  # 100000..999999

_ID_DESK = b"signdesk desk"
_ID_HUB = b"signdesk hub"


def new_pairing_code() -> str:
    """Six random digits (never starting with 0, so it reads the same as a number)."""
    return str(100000 + secrets.randbelow(CODE_SPACE))


def normalize_code(text: str) -> str | None:
    """A typed or scanned pairing code as six ASCII digits, or None if it is not one.

    Full-width digits (a Chinese input method's ０-９), ideographic and other
    spaces and dashes are accepted, as people type them.
    """
    if not isinstance(text, str):
        return None
    folded = unicodedata.normalize("NFKC", text)
    folded = re.sub(r"[\s\-_.]", "", folded)
    return folded if re.fullmatch(r"[0-9]{6}", folded) else None


def pairing_uri(address: str, code: str, meeting_uid: str, fingerprint: str = "") -> str:
    """What the hub's QR code holds: where to find it, the code, the meeting, the hub's identity."""
    uri = f"signdesk://{address}?pair={code}&meeting={meeting_uid}"
    return uri + (f"&fp={fingerprint}" if fingerprint else "")


class PairingInfo(NamedTuple):
    """What a pairing QR code says."""

    address: str
    code: str
    meeting: str | None
    fingerprint: str | None  # the hub certificate's SHA-256 (None in codes of older hubs)


def parse_pairing_uri(text: str) -> PairingInfo:
    """The parts of a scanned pairing QR code.

    Raises ``ValueError`` when the text is not a SignDesk pairing code.
    """
    from urllib.parse import parse_qs, urlsplit

    parts = urlsplit(text.strip())
    query = parse_qs(parts.query)
    code = normalize_code((query.get("pair") or [""])[0])
    fp = (query.get("fp") or [None])[0]
    if fp is not None and not re.fullmatch(r"[0-9a-f]{64}", fp.lower()):
        raise ValueError("not a SignDesk pairing code")
    if parts.scheme != "signdesk" or not parts.netloc or not code:
        raise ValueError("not a SignDesk pairing code")
    return PairingInfo(parts.netloc, code, (query.get("meeting") or [None])[0],
                       fp.lower() if fp else None)


# ---- the code exchange (both ends) -------------------------------------------------------

def desk_exchange(code: str) -> SPAKE2_A:
    """The desk's side of SPAKE2 with the code as password (single use)."""
    return SPAKE2_A(code.encode(), idA=_ID_DESK, idB=_ID_HUB)


def hub_exchange(code: str) -> SPAKE2_B:
    """The hub's side of SPAKE2 with the code as password (single use)."""
    return SPAKE2_B(code.encode(), idA=_ID_DESK, idB=_ID_HUB)


def confirmation(key: bytes, role: str, hub_fp: str, desk_public: bytes, desk: str) -> str:
    """The MAC one side sends to show it agreed the same key over the same hub and desk key."""
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for part in (b"signdesk/2 pairing", role.encode(), hub_fp.encode(), desk_public,
                 desk.encode()):
        mac.update(len(part).to_bytes(4, "big") + part)  # length-prefixed: no ambiguity
    return mac.hexdigest()


# ---- credentials (the hub's file) ----------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Credential:
    """One paired desk as the hub remembers it: no secret, its certificate's fingerprint."""

    id: str
    name: str
    fingerprint: str
    paired_at: str
    revoked_at: str | None = None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


def load_credentials(store: Store) -> dict[str, Credential]:
    """The paired desks recorded in a hub's file, by credential id.

    Credentials of the token era (signdesk/1) have no fingerprint and are
    dropped: those desks pair again.
    """
    raw = paired_desks_json(store)
    out: dict[str, Credential] = {}
    for c in json.loads(raw):
        if isinstance(c, dict) and c.get("fingerprint"):
            out[c["id"]] = Credential(c["id"], c["name"], c["fingerprint"], c["paired_at"],
                                      c.get("revoked_at"))
    return out




def credentials_json(creds: dict[str, Credential]) -> str:
    """The credentials as the JSON list stored in meta."""
    return json.dumps([asdict(c) for c in creds.values()], ensure_ascii=False)


def new_credential(name: str, fingerprint: str) -> Credential:
    """The credential of a desk just paired, for its certificate's fingerprint."""
    return Credential(secrets.token_hex(4), name, fingerprint, now_iso())


def revoke(cred: Credential) -> Credential:
    """The credential marked revoked now."""
    return cred if cred.revoked else replace(cred, revoked_at=now_iso())


# ---- the door: one budget of wrong codes for the whole hub -------------------------------------

@dataclass(frozen=True, slots=True)
class DoorState:
    """What the organizer's pairing panel shows."""

    code: str
    keep_open: bool        # the code stays after a desk pairs (organizer's choice)
    closed: bool           # too many wrong codes: closed until reopened
    wrong: int             # wrong codes since the organizer last opened pairing
    reopens_in: float | None  # seconds until it reopens by itself (when closed)


class PairingDoor:
    """The pairing code and the budget of guesses at it, for all addresses together.

    - At most ``burst`` attempts at once, then one per ``refill`` seconds (a token
      bucket): an attempt costs a token when it starts and gets it back if the
      code was right, so a crowd of addresses is no faster than one.
    - The code changes after ``rotate_after`` wrong tries, and after every
      pairing unless the organizer keeps it open: guesses never add up on one code.
    - After ``close_after`` wrong tries since the organizer last opened pairing,
      pairing closes until the organizer opens it again (a new code), or by
      itself with a new code after ``reopen_after`` seconds (a hub nobody watches).

    So at most ``close_after`` guesses per opening, each right with probability
    at most 1 / (900,000 − rotate_after): see README ("What the link protects").
    Thread-safe: the hub's loop and the organizer's window both use it.
    """

    def __init__(self, *, burst: int = 8, refill: float = 10.0, rotate_after: int = 5,
                 close_after: int = 20, reopen_after: float = 3600.0,
                 keep_open: bool = False, clock=time.monotonic) -> None:
        self.burst, self.refill = burst, refill
        self.rotate_after, self.close_after = rotate_after, close_after
        self.reopen_after = reopen_after
        self.keep_open = keep_open
        self._clock = clock
        self._lock = threading.Lock()
        self._code = new_pairing_code()
        self._tokens = float(burst)
        self._stamp = clock()
        self._wrong_on_code = 0
        self._wrong = 0
        self._closed_at: float | None = None

    @property
    def code(self) -> str:
        """The code desks must type now."""
        with self._lock:
            self._maybe_reopen()
            return self._code

    def state(self) -> DoorState:
        """A consistent copy for the window."""
        with self._lock:
            self._maybe_reopen()
            left = None
            if self._closed_at is not None:
                left = max(0.0, self._closed_at + self.reopen_after - self._clock())
            return DoorState(self._code, self.keep_open, self._closed_at is not None,
                             self._wrong, left)

    def open(self) -> str:
        """The organizer opens pairing with a new code (also after it closed); returns it."""
        with self._lock:
            self._new_code()
            self._wrong = 0
            self._closed_at = None
            return self._code

    def rotate(self) -> str:
        """A new code without reopening (after a revoke); returns it."""
        with self._lock:
            self._new_code()
            return self._code

    def admit(self) -> tuple[str, float] | None:
        """Take one attempt: None if it may go ahead, else (reason, retry_after seconds).

        ``reason`` is 'closed' or 'slow_down'. An admitted attempt must end with
        ``right()`` or ``wrong()``.
        """
        with self._lock:
            self._maybe_reopen()
            if self._closed_at is not None:
                return "closed", max(0.0, self._closed_at + self.reopen_after - self._clock())
            self._refill()
            if self._tokens < 1.0:
                return "slow_down", (1.0 - self._tokens) * self.refill
            self._tokens -= 1.0
            return None

    def right(self) -> None:
        """The admitted attempt knew the code: its token comes back; the code moves on
        unless the organizer keeps it open."""
        with self._lock:
            self._tokens = min(float(self.burst), self._tokens + 1.0)
            if not self.keep_open:
                self._new_code()

    def wrong(self) -> None:
        """The admitted attempt failed (wrong code, or gave up half-way)."""
        with self._lock:
            self._wrong += 1
            self._wrong_on_code += 1
            if self._wrong >= self.close_after:
                self._closed_at = self._clock()
                self._new_code()
            elif self._wrong_on_code >= self.rotate_after:
                self._new_code()

    def _new_code(self) -> None:
        old = self._code
        while self._code == old:
            self._code = new_pairing_code()
        self._wrong_on_code = 0

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(float(self.burst), self._tokens + (now - self._stamp) / self.refill)
        self._stamp = now

    def _maybe_reopen(self) -> None:
        if self._closed_at is not None and self._clock() - self._closed_at >= self.reopen_after:
            self._closed_at = None
            self._wrong = 0
            self._new_code()
