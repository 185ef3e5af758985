"""Pairing a desk with the hub: the 6-digit code, desk credentials, and wrong-code backoff.

A desk proves once that a person at the hub showed it the pairing code, and
gets its own random token in return (``<credential id>.<secret>``). The hub keeps
only a SHA-256 of each secret, in the meeting file's meta, so tokens survive a
hub restart; the same hashes travel to replicas, so a desk that takes over as
hub still knows every other desk. A 6-digit code is guessable only by trying,
so each peer that gets it wrong waits twice as long before its next try.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
from dataclasses import asdict, dataclass, replace

from data.store import Store, now_iso

CREDENTIALS_META = "link.credentials"


def new_pairing_code() -> str:
    """Six random digits (never starting with 0, so it reads the same as a number)."""
    return str(100000 + secrets.randbelow(900000))


def pairing_uri(address: str, code: str, meeting_uid: str) -> str:
    """What the hub's QR code holds: where to find it, the code, and which meeting."""
    return f"signdesk://{address}?pair={code}&meeting={meeting_uid}"


def parse_pairing_uri(text: str) -> tuple[str, str, str | None]:
    """(address, code, meeting uid) from a scanned pairing QR code.

    Raises ``ValueError`` when the text is not a SignDesk pairing code.
    """
    from urllib.parse import parse_qs, urlsplit

    parts = urlsplit(text.strip())
    query = parse_qs(parts.query)
    code = (query.get("pair") or [""])[0]
    if parts.scheme != "signdesk" or not parts.netloc or not code:
        raise ValueError("not a SignDesk pairing code")
    return parts.netloc, code, (query.get("meeting") or [None])[0]


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Credential:
    """One paired desk as the hub remembers it (no secret, only its hash)."""

    id: str
    name: str
    digest: str
    paired_at: str
    revoked_at: str | None = None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


def load_credentials(store: Store) -> dict[str, Credential]:
    """The paired desks recorded in a file (hub or replica), by credential id."""
    raw = store.get_meta(CREDENTIALS_META, "[]") or "[]"
    return {c["id"]: Credential(**c) for c in json.loads(raw)}


def save_credentials(store: Store, creds: dict[str, Credential]) -> None:
    """Write the paired desks back to the file's meta."""
    store.set_meta(CREDENTIALS_META, credentials_json(creds))


def credentials_json(creds: dict[str, Credential]) -> str:
    """The credentials as the JSON list stored in meta and sent to desks."""
    return json.dumps([asdict(c) for c in creds.values()], ensure_ascii=False)


def issue(name: str) -> tuple[str, Credential]:
    """A new token for a desk and the credential that verifies it."""
    cid = secrets.token_hex(4)
    secret = secrets.token_urlsafe(24)
    return f"{cid}.{secret}", Credential(cid, name, _digest(secret), now_iso())


def verify(token: str, creds: dict[str, Credential]) -> Credential | None:
    """The credential a token belongs to, or None (unknown, malformed or wrong)."""
    cid, _, secret = token.partition(".")
    cred = creds.get(cid)
    if cred is None or not secret:
        return None
    return cred if hmac.compare_digest(cred.digest, _digest(secret)) else None


def revoke(cred: Credential) -> Credential:
    """The credential marked revoked now."""
    return cred if cred.revoked else replace(cred, revoked_at=now_iso())


class Backoff:
    """Per-peer slowdown for wrong pairing codes: 2**(n-1) * base seconds after n misses.

    Thread-safe; time comes from ``time.monotonic`` so clock changes do not matter.
    """

    def __init__(self, base: float = 1.0, cap: float = 60.0) -> None:
        self.base = base
        self.cap = cap
        self._lock = threading.Lock()
        self._misses: dict[str, tuple[int, float]] = {}

    def wait(self, peer: str) -> float:
        """Seconds this peer must still wait before its next try (0: may try now)."""
        with self._lock:
            _, until = self._misses.get(peer, (0, 0.0))
        return max(0.0, until - time.monotonic())

    def miss(self, peer: str) -> float:
        """Record a wrong code; returns how long the peer must now wait."""
        with self._lock:
            n, _ = self._misses.get(peer, (0, 0.0))
            n += 1
            delay = min(self.cap, self.base * 2 ** (n - 1))
            self._misses[peer] = (n, time.monotonic() + delay)
        return delay

    def success(self, peer: str) -> None:
        """A right code clears the peer's record."""
        with self._lock:
            self._misses.pop(peer, None)
