"""What the hub spends on anyone, before and after they prove who they are.

Everything a stranger on the venue's network can make the hub hold is bounded
here: connections (in all and per address, before authentication), the time a
connection may take to say who it is, the size of a message, the bytes queued
for a desk that does not read, how often a desk may ask for a snapshot, and
how fast it may ask the hub whose an ID number is.
Log lines that a flood would repeat are written once per cause.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable
from typing import Any

MAX_PREAUTH = 256
"""Connections that have not yet said hello, in all."""
MAX_PREAUTH_PER_ADDRESS = 16
"""The same, from one address (a desk needs one; a flood from one laptop gets 16)."""
HANDSHAKE_SECONDS = 5.0
"""The time a connection has for the WebSocket upgrade, and again for its first message."""
MAX_PREAUTH_MESSAGE = 16 * 1024
"""Largest message before authentication (pair and hello are well under 1 KiB)."""
MAX_MESSAGE = 1024 * 1024
"""Largest message from a paired desk (a push of 500 events is about 150 KiB)."""
MAX_QUEUE = 4
"""Incoming messages websockets buffers per connection before it stops reading."""
MAX_SEND_BYTES = 8 * 1024 * 1024
"""Bytes the hub queues for one desk; a desk that lets more pile up is dropped."""
EVENTS_PER_SECOND = 2000.0
"""Events a desk may push per second, sustained (a desk scans about one a second;
an hour offline is a few hundred events, sent in seconds)."""
EVENTS_BURST = 5000.0
"""Events a desk may push at once before the rate applies."""
MESSAGES_PER_SECOND = 50.0
"""Messages of any kind a desk may send per second, sustained (it sends about 2)."""
HELLOS_PER_SECOND = 2.0
"""Connections one paired desk may open per second, sustained (burst of 10): a
desk reconnects after a drop, it does not hammer."""
PHOTOS_PER_SECOND = 1000.0
"""Photos a desk may ask for per second, sustained (a desk's 400 photos arrive in under a
second)."""
PHOTOS_BURST = 2000.0
"""Photos a desk may ask for at once before the rate applies."""
PHOTO_BYTES_PER_SECOND = 4 * 1024 * 1024
"""Photo bytes the hub sends one desk per second, sustained: counted on what was sent,
so a desk asking for the same photos over and over (up to 48 KiB each) takes at most
this from the venue's network, not 50 MB/s. Eleven desks at once stay within a
100 Mbit/s hall network with room for check-ins."""
PHOTO_BYTES_BURST = 24 * 1024 * 1024
"""Photo bytes a desk may receive at once before the rate applies (a 400-member branch's
photos, 10-35 KB each, are under 15 MB: they arrive without waiting)."""
LOOKUPS_PER_SECOND = 5.0
"""ID-number lookups (``id_lookup``) the hub answers one desk per second, sustained.

A desk holds only its own branches' ID hashes (kiosk/link/leastdata.py): ID
numbers have so little entropy that the meeting's secret and a full table of
hashes give every number up to a brute force in minutes. The hub must not
become the oracle a stolen desk brute-forces through instead: a local
meeting's candidates for one member are a few million, at 5 a second about
a week per member, where the desk's own copy took 30 seconds. A desk swipes
about one card a second at its busiest, and asks only for cards not of its
branches. Over the limit the hub answers *slowly* (the desk's next message
waits for its tokens), never with an error a prober could time faster. Kept
per paired desk across its connections (reconnecting buys no new burst)."""
LOOKUPS_BURST = 20.0
"""Lookups a desk may make at once before the rate applies (a queue of other
branches' members at one desk)."""
SNAPSHOT_INTERVAL = 10.0
"""Seconds a desk must wait between two snapshots (joining, or resyncing)."""
MAX_INFLATED = 512 * 1024 * 1024
"""Largest snapshot a desk inflates (a 100,000-member meeting is about 40 MiB)."""


class OncePerCause(logging.Filter):
    """Let the first record of each cause through; count the rest.

    A cause is the logger, the message template and the exception type, so a
    thousand failed handshakes make one line (and ``repeats`` says how many).
    """

    def __init__(self) -> None:
        super().__init__()
        self.repeats: dict[tuple, int] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
        key = (record.name, str(record.msg), exc)
        n = self.repeats.get(key, 0)
        self.repeats[key] = n + 1
        if n == 0:
            return True
        if n in (10, 100, 1000, 10000):
            record.msg = f"{record.msg} (seen {n + 1} times; logged once)"
            record.exc_info = None
            record.exc_text = None
            return True
        return False


class Gate:
    """Counts connections that have not authenticated yet, in all and per address.

    When every slot is taken, the oldest connection of the address holding the
    most is dropped to make room, so a flood from a few addresses cannot keep
    a desk on another address out. Runs on the hub's event loop only.
    """

    def __init__(self, total: int = MAX_PREAUTH, per_address: int = MAX_PREAUTH_PER_ADDRESS) -> None:
        self.total = total
        self.per_address = per_address
        self._waiting: dict[str, deque[Any]] = {}
        self.count = 0
        self.refused = 0

    def admit(self, address: str, conn: Any, drop: Callable[[Any], None]) -> bool:
        """Record a new connection; False (refuse it) when its address has no slot left."""
        mine = self._waiting.setdefault(address, deque())
        if len(mine) >= self.per_address:
            self.refused += 1
            return False
        if self.count >= self.total:
            fullest = max(self._waiting, key=lambda a: len(self._waiting[a]))
            if fullest == address and len(mine) <= 1:
                self.refused += 1
                return False
            victim = self._waiting[fullest].popleft()
            self.count -= 1
            drop(victim)
        mine.append(conn)
        self.count += 1
        return True

    def leave(self, address: str, conn: Any) -> None:
        """The connection authenticated or closed: free its slot (safe to call twice)."""
        mine = self._waiting.get(address)
        if mine is None:
            return
        try:
            mine.remove(conn)
        except ValueError:
            return
        self.count -= 1
        if not mine:
            del self._waiting[address]


class SendQueue:
    """Frames waiting to go to one desk, bounded in bytes.

    ``put`` returns False when the desk has let ``limit`` bytes pile up: the
    caller drops the desk instead of buffering more (it resumes from its cursor
    when it reconnects). One frame bigger than the limit is let through when
    nothing else waits (a snapshot).
    """

    def __init__(self, limit: int = MAX_SEND_BYTES) -> None:
        self.limit = limit
        self.bytes = 0
        self.overflowed = False
        self._frames: deque[str | bytes] = deque()
        self._ready = asyncio.Event()

    def put(self, frame: str | bytes) -> bool:
        """Queue a frame; False (and nothing queued) if the desk is too far behind."""
        size = len(frame)
        if self._frames and self.bytes + size > self.limit:
            self.overflowed = True
            return False
        self._frames.append(frame)
        self.bytes += size
        self._ready.set()
        return True

    async def get(self) -> str | bytes:
        """The next frame, waiting for one."""
        while not self._frames:
            self._ready.clear()
            await self._ready.wait()
        frame = self._frames.popleft()
        self.bytes -= len(frame)
        return frame

    def __len__(self) -> int:
        return len(self._frames)


class TokenBucket:
    """A sustained rate with a burst: ``take`` waits until the tokens are there.

    Waiting stops the hub reading from that one connection, so a desk that
    sends too much slows only itself (TCP pushes back on it).
    """

    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.burst = burst
        self._tokens = burst
        self._at = time.monotonic()

    def allow(self, n: float = 1.0) -> bool:
        """Spend ``n`` tokens if they are there now; False (nothing spent) if not."""
        now = time.monotonic()
        self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
        self._at = now
        if self._tokens < n:
            return False
        self._tokens -= n
        return True

    async def take(self, n: float = 1.0) -> None:
        """Spend ``n`` tokens, sleeping until they have accrued."""
        n = min(n, self.burst)
        now = time.monotonic()
        self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
        self._at = now
        self._tokens -= n
        if self._tokens < 0:
            await asyncio.sleep(-self._tokens / self.rate)


class RateLimit:
    """At most one go per ``interval`` seconds per key (monotonic clock)."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._last: dict[str, float] = {}

    def wait(self, key: str) -> float:
        """Seconds until ``key`` may go again (0: now, and the go is recorded)."""
        now = time.monotonic()
        last = self._last.get(key)
        if last is not None and now - last < self.interval:
            return self.interval - (now - last)
        self._last[key] = now
        return 0.0
