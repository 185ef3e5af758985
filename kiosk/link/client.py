"""A desk's link to the hub: join once, then keep the local replica in sync in the background.

The desk window never waits on the network: it signs members in against its own
replica file (``kiosk.checkin.check_in``), whose events stay pending until the
hub acknowledges them, and calls ``DeskLink.nudge()`` so they leave at once.
``DeskLink`` runs asyncio in its own thread with its own connection to the
replica; it pushes pending events, stamps them when acknowledged, writes every
event and roster change the hub forwards, and reconnects by itself. Its state
is read from any thread with ``status()``.
"""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import contextlib
import hmac
import logging
import secrets
import sqlite3
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.typing import Subprotocol

from data.records import EventRecord
from data.store import Store
from data.sync import LinkKeys, link_keys, set_link_keys, set_sync_state, sync_state
from kiosk.changes import Changes
from kiosk.link import identity, limits, pairing
from kiosk.link.photosync import MAX_WANT, PhotoList, apply_photos, reconcile
from kiosk.link.protocol import (
    MAX_PUSH,
    PROTOCOL,
    SUBPROTOCOL,
    ProtocolError,
    decode,
    encode,
    event_to_wire,
)
from kiosk.link.replica import (
    add_rejected,
    apply_events,
    apply_roster,
    apply_snapshot,
    erase_replica,
    pending_count,
    pending_events,
    write_snapshot,
)

NETWORK_ERRORS = (OSError, ConnectionClosed, InvalidHandshake, InvalidURI, TimeoutError,
                  ProtocolError, EOFError)
MAX_NOTICES = 50
MAX_HUB_MESSAGE = 256 * 1024 * 1024
"""Largest frame a desk takes from a hub (a 100,000-member snapshot is ~10 MiB)."""

log = logging.getLogger("signdesk.desk")
log.addFilter(limits.OncePerCause())


def _decode(frame: str | bytes) -> dict[str, Any]:
    return decode(frame, max_inflated=limits.MAX_INFLATED)


class JoinError(Exception):
    """Joining the hub failed; ``code`` says why (bad_code, slow_down, unreachable, …)."""

    def __init__(self, message: str, code: str = "error", retry_after: float | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.retry_after = retry_after


class _Refused(Exception):
    """The hub will not talk to this desk (revoked, unpaired, other meeting), or the
    hub at the address is not the one this desk paired with (other_hub)."""

    def __init__(self, code: str, message: str, retry_after: Any = None,
                 erase: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.retry_after = retry_after if isinstance(retry_after, (int, float)) else None
        self.erase = erase


class LookupUnavailable(Exception):
    """The hub could not be asked about an ID number; ``reason`` says why: 'offline'
    (not connected, or the connection dropped), 'timeout' (no answer in time),
    'busy' (too many questions waiting) or 'off' (the hub answered that its roster
    has no ID numbers at all: ID cards cannot sign in at this meeting)."""

    def __init__(self, message: str, reason: str = "offline") -> None:
        super().__init__(message)
        self.reason = reason


MAX_LOOKUPS = 8
"""ID-number questions one desk may have waiting for the hub at once (a desk asks one
per swipe; more waiting means the hub is slow, and the newest swipe is refused at once)."""


class _Resync(Exception):
    """Something from the hub could not be applied: ask it for a fresh snapshot."""


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the desk operator should be told after the fact."""

    kind: str            # 'duplicate': another desk's earlier check-in counts; 'rejected'
    event: str
    member_id: int | None
    member: str          # the member's name
    desk: str | None     # where the counting check-in was made
    at: str | None       # when
    received: float      # time.time() the desk learnt it
    reason: str = ""     # why the hub refused it (English)
    reason_zh: str = ""  # the same in Chinese
    code: str = ""       # the rule it broke (kiosk.validate.Rejected.code)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        out = {"notice": self.kind, "event": self.event, "member_id": self.member_id,
               "member": self.member, "earlier_desk": self.desk, "earlier_at": self.at}
        if self.kind == "rejected":
            out.update(reason=self.reason, code=self.code)
        return out


@dataclass(frozen=True, slots=True)
class LinkStatus:
    """What the desk's status line shows."""

    state: str  # online, connecting, offline, revoked, refused, erased, stopped
    last_contact: float | None  # time.time() of the last message from the hub
    pending: int               # check-ins waiting to reach the hub
    notices: tuple[Notice, ...]
    hub: str | None
    message: str = ""

    @property
    def online(self) -> bool:
        return self.state == "online"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready (for the headless desk)."""
        return {"state": self.state, "online": self.online, "pending": self.pending,
                "hub": self.hub, "last_contact": self.last_contact}


def _uri(address: str) -> str:
    address = address.strip()
    for scheme in ("ws://", "wss://", "signdesk://"):
        if address.startswith(scheme):
            address = address[len(scheme):]
    return f"wss://{address.rstrip('/')}/"


def _connect(address: str, context: ssl.SSLContext, open_timeout: float = 4.0) -> Any:
    return connect(
        _uri(address), ssl=context, server_hostname=identity.SERVER_NAME,
        subprotocols=[Subprotocol(SUBPROTOCOL)], compression=None,
        max_size=MAX_HUB_MESSAGE,
        open_timeout=open_timeout, ping_interval=2.0, ping_timeout=6.0, close_timeout=1.0,
    )


def _error(msg: dict[str, Any]) -> JoinError:
    return JoinError(str(msg.get("message", "refused")), str(msg.get("code", "error")),
                     msg.get("retry_after"))


async def pair_with(address: str, code: str, desk: str,
                    expect_fingerprint: str | None = None) -> LinkKeys:
    """Pair (see ``_pair_once``), waiting as told while the hub is busy with other desks.

    A ``slow_down`` answer costs nothing and checks nothing, so when eleven desks
    start together the ones over the hub's budget simply try again shortly
    (the caller's timeout bounds the whole).
    """
    while True:
        try:
            return await _pair_once(address, code, desk, expect_fingerprint)
        except JoinError as exc:
            if exc.code != "slow_down" or (exc.retry_after or 0) > 30:
                raise
            await asyncio.sleep(min(2.0, max(0.2, float(exc.retry_after or 0))
                                    ) * (0.5 + secrets.randbelow(100) / 100))


async def _pair_once(address: str, code: str, desk: str,
                     expect_fingerprint: str | None = None) -> LinkKeys:
    """Pair with the hub at ``address``: the code exchange, then a certificate for a new key.

    Returns the desk's new TLS identity and the hub's certificate. The hub's
    certificate is whatever the TLS connection met, confirmed by the code
    exchange (a hub in the middle fails it) and, from a QR code, by its
    fingerprint before anything is sent. Raises ``JoinError``.
    """
    typed = code
    code = pairing.normalize_code(code) or ""
    if not code:
        raise JoinError(f"a pairing code has 6 digits, not {typed!r}", "bad_format")
    key = identity.new_desk_key()
    exchange = pairing.desk_exchange(code)
    async with _connect(address, identity.pairing_context()) as ws:
        hub_fp = identity.peer_fingerprint(ws) or ""
        if expect_fingerprint and not hmac.compare_digest(hub_fp, expect_fingerprint.lower()):
            raise JoinError(f"the hub at {address} is not the one whose QR code was scanned",
                            "other_hub")
        await ws.send(encode({"type": "pair", "proto": PROTOCOL, "desk": desk,
                              "key": base64.b64encode(key.public_der).decode(),
                              "pake": base64.b64encode(exchange.start()).decode()}))
        reply = _decode(await asyncio.wait_for(ws.recv(), 10))
        if reply["type"] == "error":
            raise _error(reply)
        try:
            secret = exchange.finish(base64.b64decode(str(reply.get("pake", ""))))
        except Exception as exc:  # noqa: BLE001 — spake2 raises several kinds on garbage
            raise JoinError("the hub's answer to the pairing code is malformed", "bad_hub") from exc
        await ws.send(encode({"type": "confirm", "mac": pairing.confirmation(
            secret, "desk", hub_fp, key.public_der, desk)}))
        paired = _decode(await asyncio.wait_for(ws.recv(), 10))
    if paired["type"] == "error":
        raise _error(paired)
    expected = pairing.confirmation(secret, "hub", hub_fp, key.public_der, desk)
    hub_cert, cert = str(paired.get("hub_cert", "")), str(paired.get("cert", ""))
    try:
        ok = (hmac.compare_digest(str(paired.get("mac", "")), expected)
              and identity.pem_fingerprint(hub_cert) == hub_fp
              and identity.cert_matches_key(cert, key.public_der))
    except ValueError:
        ok = False
    if not ok:
        raise JoinError("the hub could not prove it knows the pairing code", "bad_hub")
    return LinkKeys(desk_key=key.key_pem, desk_cert=cert, hub_cert=hub_cert)


def desk_context(store: Store) -> ssl.SSLContext | None:
    """The TLS context of a paired replica (None: it must pair, e.g. a signdesk/1 copy)."""
    keys = link_keys(store)
    if not keys.paired:
        return None
    return identity.desk_context(keys.desk_key, keys.desk_cert, keys.hub_cert)


def find_hub(meeting: str | None = None, timeout: float = 3.0) -> str:
    """The address of the one hub on the network (of this meeting if given)."""
    from kiosk.link.discovery import browse

    found = browse(timeout, meeting)
    if len(found) == 1:
        return found[0].address
    if not found:
        raise JoinError("no hub found on the network; type its address", "not_found")
    names = ", ".join(f"{h.title} at {h.address}" for h in found)
    raise JoinError(f"several hubs found ({names}); type the address", "ambiguous")


def join_meeting(
    replica: str | Path, *, code: str, desk: str, address: str | None = None,
    meeting: str | None = None, fingerprint: str | None = None, timeout: float = 30.0,
) -> Path:
    """Pair with a hub and download the meeting into a new replica file (blocking).

    Without an address the hub is looked for on the network (of ``meeting`` if
    given, e.g. from the pairing QR code); ``fingerprint`` (from the QR code)
    pins the hub before anything is sent. Raises ``JoinError`` with a plain
    message. Call it off the Qt main thread.
    """
    replica = Path(replica)
    if replica.exists():
        raise JoinError(f"{replica} already exists; open it to resume", "exists")
    if pairing.normalize_code(code) is None:
        raise JoinError(f"a pairing code has 6 digits, not {code!r}", "bad_format")
    if not address:
        address = find_hub(meeting)
    try:
        return asyncio.run(asyncio.wait_for(
            _join(replica, code, desk, address, fingerprint), timeout))
    except JoinError:
        raise
    except NETWORK_ERRORS as exc:
        raise JoinError(f"cannot reach the hub at {address}: {exc}", "unreachable") from exc


async def _join(replica: Path, code: str, desk: str, address: str,
                fingerprint: str | None) -> Path:
    keys = await pair_with(address, code, desk, fingerprint)
    context = await asyncio.to_thread(identity.desk_context, keys.desk_key, keys.desk_cert,
                                      keys.hub_cert)
    async with _connect(address, context) as ws:
        await ws.send(encode({"type": "hello", "proto": PROTOCOL, "want_snapshot": True}))
        welcome = _decode(await ws.recv())
        if welcome["type"] == "error":
            raise _error(welcome)
        snap = _decode(await ws.recv())
        if snap["type"] != "snapshot":
            raise ProtocolError(f"expected the snapshot, got {snap['type']}")
    # The hub's spelling of the desk's name is the one its events must carry.
    desk = str(welcome.get("desk") or desk)
    await asyncio.to_thread(write_snapshot, replica, snap, keys=keys, hub=address, desk=desk,
                            fingerprint=snap.get("fingerprint", ""))
    return replica


class DeskLink:
    """Keeps one replica file in sync with its hub from a background thread."""

    def __init__(
        self, replica: str | Path, *, address: str | None = None, discovery: bool = True,
        on_change: Callable[[Changes], None] | None = None,
        on_notice: Callable[[Notice], None] | None = None,
        on_ack: Callable[[list[str]], None] | None = None,
        retry_max: float = 2.0,
    ) -> None:
        self.replica = Path(replica)
        self.discovery = discovery
        self.on_change = on_change
        self.on_notice = on_notice
        self.on_ack = on_ack
        self.retry_max = retry_max
        self._address = address
        self._lock = threading.Lock()
        self._state = "connecting"
        self._message = ""
        self._last_contact: float | None = None
        self._pending = 0
        self._notices: list[Notice] = []
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._recount: asyncio.Event | None = None
        self._kick: asyncio.Event | None = None
        self._stopping: asyncio.Event | None = None
        self._started = threading.Event()
        self._ws: ClientConnection | None = None
        self._was_online = False
        self._resync = False  # ask for a fresh snapshot on the next connection
        self._context: ssl.SSLContext | None = None
        self.resyncs = 0      # how often something from the hub could not be applied
        self._foreign: set[str] = set()  # addresses that showed another hub's certificate
        self.store: Store | None = None
        self.desk_name = ""
        self.meeting_uid = ""
        # ID-number questions waiting for the hub's answer, by request id (sync thread only).
        self._lookups: dict[int, asyncio.Future[int | None]] = {}
        self._lookup_seq = 0

    # ---- any thread ------------------------------------------------------------------

    def start(self) -> DeskLink:
        """Begin syncing in the background; returns self."""
        with Store.open(self.replica) as store:
            if not store.is_replica:
                raise JoinError(f"{self.replica} is not a joined desk's copy", "not_replica")
            self._context = desk_context(store)
            state = sync_state(store)
            self.desk_name = state.desk
            self.meeting_uid = state.meeting
            self._address = self._address or state.hub or None
            self._pending = pending_count(store)
        self._thread = threading.Thread(target=self._run, name="signdesk-link", daemon=True)
        self._thread.start()
        self._started.wait(5)
        return self

    def stop(self) -> None:
        """Stop syncing and close the connection (pending events stay in the file)."""
        loop, stopping = self._loop, self._stopping
        if loop is not None and stopping is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(stopping.set)
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        with self._lock:
            self._state = "stopped"

    def nudge(self) -> None:
        """Send pending events now (call after a local check-in)."""
        loop, wake, recount = self._loop, self._wake, self._recount
        if loop is not None and wake is not None and recount is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(wake.set)
                loop.call_soon_threadsafe(recount.set)

    def set_address(self, address: str) -> None:
        """Point the desk at another hub (after a hand-over) and reconnect."""
        self._address = address
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._drop_connection)

    def pair_again(self, code: str, address: str | None = None, timeout: float = 15.0) -> None:
        """Pair this replica with a hub that does not know it (e.g. a new hub after a
        hand-over), keeping every check-in it holds; the desk gets a new key.

        Raises ``JoinError`` (bad_code, slow_down, unreachable …). Blocking: call it
        off the Qt main thread.
        """
        if address:
            self._address = address
        if self._loop is None:
            raise JoinError("the link is not running", "not_running")
        fut = asyncio.run_coroutine_threadsafe(self._pair_again(code), self._loop)
        try:
            fut.result(timeout)
        except JoinError:
            raise
        except NETWORK_ERRORS as exc:
            raise JoinError(f"cannot reach the hub at {self._address}: {exc}",
                            "unreachable") from exc

    async def _pair_again(self, code: str) -> None:
        assert self.store is not None and self._kick is not None
        if not self._address:
            raise JoinError("no hub address", "unreachable")
        keys = await pair_with(self._address, code, self.desk_name)
        with self.store.transact():
            set_link_keys(self.store, keys)
            set_sync_state(self.store, hub=self._address)
        self._context = await asyncio.to_thread(identity.desk_context, keys.desk_key,
                                                keys.desk_cert, keys.hub_cert)
        self._foreign.clear()  # a new hub is pinned: what was foreign may be it now
        self._set(state="connecting", message="")
        self._drop_connection()
        self._kick.set()

    def lookup_id(self, digest: str, timeout: float = 2.0) -> int | None:
        """Ask the hub whose ID number has this keyed hash: the member's id, or None (nobody's).

        A desk holds only its own branches' hashes (kiosk/link/leastdata.py); a
        card of another branch is asked about here. Blocking (at most ``timeout``
        seconds): call it off the Qt main thread. Raises ``LookupUnavailable``
        when the link is not online, the hub does not answer in time, or
        ``MAX_LOOKUPS`` questions are already waiting.
        """
        loop = self._loop
        if loop is None or loop.is_closed() or not self.status().online:
            raise LookupUnavailable("the desk is not connected to the hub")
        try:
            fut = asyncio.run_coroutine_threadsafe(self._lookup(digest), loop)
        except RuntimeError as exc:  # the loop closed meanwhile
            raise LookupUnavailable("the desk is not connected to the hub") from exc
        try:
            return fut.result(timeout)
        except TimeoutError as exc:
            fut.cancel()  # its entry goes with it (``_lookup``'s finally)
            raise LookupUnavailable(f"the hub did not answer within {timeout:g} s",
                                    "timeout") from exc
        except concurrent.futures.CancelledError as exc:
            raise LookupUnavailable("the connection to the hub dropped") from exc

    async def _lookup(self, digest: str) -> int | None:
        ws = self._ws
        if ws is None or not self.status().online:
            raise LookupUnavailable("the desk is not connected to the hub")
        if len(self._lookups) >= MAX_LOOKUPS:
            raise LookupUnavailable("too many questions are waiting for the hub", "busy")
        self._lookup_seq += 1
        request = self._lookup_seq
        fut: asyncio.Future[int | None] = asyncio.get_running_loop().create_future()
        self._lookups[request] = fut
        try:
            try:
                await ws.send(encode({"type": "id_lookup", "id": request, "hash": digest}))
            except ConnectionClosed as exc:
                raise LookupUnavailable("the connection to the hub dropped") from exc
            return await fut
        finally:
            self._lookups.pop(request, None)

    def _answered(self, msg: dict[str, Any]) -> None:
        """The hub's ``id_found``: wake whoever asked (an answer nobody waits for is dropped)."""
        request, member = msg.get("id"), msg.get("member")
        if member is not None and (not isinstance(member, int) or isinstance(member, bool)):
            raise ProtocolError("an id_found names a member by id or null")
        id_numbers = msg.get("id_numbers", True)  # absent: a hub that does not say
        if not isinstance(id_numbers, bool):
            raise ProtocolError("an id_found's id_numbers is true or false")
        fut = self._lookups.get(request) if isinstance(request, int) else None
        if fut is not None and not fut.done():
            if member is None and not id_numbers:
                fut.set_exception(LookupUnavailable("the meeting's roster has no ID numbers",
                                                    "off"))
            else:
                fut.set_result(member)

    def _drop_lookups(self) -> None:
        """The connection is gone: nobody will answer the questions waiting."""
        lookups, self._lookups = self._lookups, {}
        for fut in lookups.values():
            if not fut.done():
                fut.set_exception(LookupUnavailable("the connection to the hub dropped"))

    def status(self) -> LinkStatus:
        """Online or not, last contact, waiting check-ins, notices (thread-safe)."""
        with self._lock:
            return LinkStatus(self._state, self._last_contact, self._pending,
                              tuple(self._notices), self._address, self._message)

    def wait_until(self, predicate: Callable[[LinkStatus], bool], timeout: float = 10.0) -> bool:
        """Block until the status satisfies ``predicate`` (for scripts and tests)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self.status()):
                return True
            time.sleep(0.02)
        return predicate(self.status())

    # ---- the sync thread ---------------------------------------------------------------

    def _set(self, **fields: Any) -> None:
        with self._lock:
            for k, v in fields.items():
                setattr(self, f"_{k}", v)

    def _drop_connection(self) -> None:
        if self._kick is not None:
            self._kick.set()
        ws = self._ws
        if ws is not None:
            asyncio.ensure_future(ws.close(1000, "moving to another hub"))

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._recount = asyncio.Event()
        self._kick = asyncio.Event()
        self._stopping = asyncio.Event()
        self.store = Store.open(self.replica)
        # Everything this connection writes (others' events with the cursor,
        # stamps, roster) can be fetched again from the hub, so it need not wait
        # for fsync; a crash just rolls the batch and its cursor back together.
        # The desk's own check-ins are written by the window's connection, FULL.
        self.store.db.execute("PRAGMA synchronous=NORMAL")
        self._started.set()
        ticker = asyncio.create_task(self._ticker())
        try:
            delay = 0.1
            failures = 0
            while not self._stopping.is_set():
                try:
                    await self._connect_once()
                    delay, failures = 0.1, 0
                except _Refused as exc:
                    if exc.erase:
                        self._erase(str(exc))
                        return
                    if exc.code == "slow_down":  # e.g. a snapshot asked for too soon
                        self._set(state="offline", message=str(exc))
                        await self._sleep(min(30.0, exc.retry_after or 5.0))
                        continue
                    if exc.code == "other_hub":
                        self._foreign.add(self._address or "")
                        # Perhaps the real hub moved and a stranger took its address:
                        # keep trying (and looking for it) as when it is offline.
                        failures += 1
                        self._set(state="refused", message=str(exc))
                    else:
                        self._set(state="revoked" if exc.code == "revoked" else "refused",
                                  message=str(exc))
                        await self._sleep(30.0)
                        continue
                except _Resync as exc:
                    # Never loop on something that cannot be applied: say why,
                    # and start again from a fresh copy of the hub's state.
                    log.warning("desk %s: %s; asking the hub for a fresh copy",
                                self.desk_name, exc)
                    self._resync = True
                    self.resyncs += 1
                    self._set(state="resyncing", message=str(exc))
                except NETWORK_ERRORS as exc:
                    failures += 1
                    self._set(state="offline", message=str(exc) or type(exc).__name__)
                except Exception as exc:  # noqa: BLE001 — e.g. the replica locked too long
                    # Never let the sync thread die: report, wait, and try again.
                    failures += 1
                    self._set(state="offline", message=f"{type(exc).__name__}: {exc}")
                self._ws = None
                self._drop_lookups()
                if self._was_online:  # a working link just dropped: retry at once
                    self._was_online = False
                    delay, failures = 0.1, 1
                if failures >= 3 and self.discovery and failures % 3 == 0:
                    await self._rediscover()
                await self._sleep(delay)
                delay = min(self.retry_max, delay * 2)
        finally:
            ticker.cancel()
            self._drop_lookups()
            if self.store is not None:
                self.store.close()

    def _erase(self, why: str) -> None:
        """The hub revoked this desk and asked it to erase its copy of the meeting: do it."""
        assert self.store is not None
        self.store.close()
        self.store = None
        removed, failed = erase_replica(self.replica)
        message = f"{why}; this desk's copy of the meeting was erased ({len(removed)} files)"
        if failed:
            message += f"; could not remove: {', '.join(str(p) for p in failed)}"
        self._set(state="erased", message=message, pending=0)
        if self.on_change is not None:
            self.on_change(Changes(roster=True, meeting=True))

    async def _sleep(self, seconds: float) -> None:
        """Wait before the next try; cut short by stop(), pair_again() or set_address()."""
        assert self._stopping is not None and self._kick is not None
        kick = asyncio.ensure_future(self._kick.wait())
        stop = asyncio.ensure_future(self._stopping.wait())
        try:
            await asyncio.wait({kick, stop}, timeout=seconds,
                               return_when=asyncio.FIRST_COMPLETED)
        finally:
            kick.cancel()
            stop.cancel()
            self._kick.clear()

    async def _rediscover(self) -> None:
        """The hub moved (a hand-over): look for a hub of this meeting on the network."""
        from kiosk.link.discovery import browse

        try:
            found = await asyncio.to_thread(browse, 1.5, self.meeting_uid)
        except Exception:  # noqa: BLE001 — no multicast here; keep the typed address
            return
        # Anyone can announce this meeting: prefer an address that has not answered
        # with another certificate (a rogue there must not keep the desk from its hub).
        fresh = [h.address for h in found if h.address not in self._foreign]
        pick = fresh[0] if fresh else (found[0].address if found else None)
        if pick and pick != self._address:
            self._address = pick
            assert self.store is not None
            set_sync_state(self.store, hub=self._address)

    async def _ticker(self) -> None:
        """Keep the waiting count fresh and push what the desk window just wrote."""
        assert self.store is not None and self._wake is not None and self._recount is not None
        while True:
            self._recount.clear()
            try:
                n = pending_count(self.store)
            except sqlite3.Error:  # the file busy for longer than the timeout: next round
                n = self._pending
            with self._lock:
                grew = n > self._pending
                self._pending = n
            if grew:
                self._wake.set()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._recount.wait(), 0.25)

    async def _connect_once(self) -> None:
        assert self.store is not None and self._stopping is not None
        store = self.store
        address = self._address
        if not address:
            raise OSError("no hub address")
        if self._context is None:
            raise _Refused("unpaired", "this copy was joined by an older SignDesk: pair again "
                                       "with the hub's code")
        # The state stays as it was (offline) while retrying, so the desk's
        # status line does not flicker between offline and connecting.
        try:
            conn = await _connect(address, self._context)
        except ssl.SSLCertVerificationError as exc:
            raise _Refused("other_hub", f"the hub at {address} is not the hub this desk paired "
                           "with; nothing was sent to it") from exc
        async with conn as ws:
            self._ws = ws
            state = sync_state(store)
            term = state.term
            await ws.send(encode({
                "type": "hello", "proto": PROTOCOL,
                "meeting": self.meeting_uid, "term": term, "pos": state.cursor,
                "fingerprint": state.fingerprint, "pending": pending_count(store),
                "want_snapshot": self._resync,
            }))
            welcome = _decode(await asyncio.wait_for(ws.recv(), 10))
            if welcome["type"] == "error":
                raise _Refused(welcome.get("code", "error"), welcome.get("message", "refused"),
                               welcome.get("retry_after"),
                               erase=welcome.get("code") == "revoked" and bool(welcome.get("erase")))
            if welcome["type"] != "welcome":
                raise ProtocolError(f"expected welcome, got {welcome['type']}")
            if not self._resync:
                self._set(state="online", last_contact=time.time(), message="",
                          address=address)
            self._was_online = True
            set_sync_state(store, hub=address)
            session = _Session(self, ws, welcome["term"], full=welcome["term"] != term)
            tasks = [asyncio.create_task(session.read()), asyncio.create_task(session.write()),
                     asyncio.create_task(self._stopping.wait())]
            try:
                done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for t in tasks:
                    t.cancel()
            for t in done:
                if not t.cancelled() and t.exception() is not None:
                    raise t.exception()  # type: ignore[misc]
            if not self._stopping.is_set():
                raise ConnectionClosed(None, None)

    def _notice(self, notice: Notice) -> None:
        with self._lock:
            self._notices.append(notice)
            del self._notices[:-MAX_NOTICES]
        if self.on_notice is not None:
            self.on_notice(notice)


class _Session:
    """One connection's worth of syncing: a reader and a writer sharing the in-flight set."""

    def __init__(self, link: DeskLink, ws: ClientConnection, term: str, *, full: bool) -> None:
        self.link = link
        self.ws = ws
        self.term = term
        self.full = full
        assert link.store is not None
        self.store: Store = link.store
        self.inflight: dict[str, EventRecord] = {}
        self.full_ids: set[str] = set()
        # Photos (kiosk/link/photosync.py): the hub's list of what this desk may
        # hold, the ids still to fetch, and whether an answer is on its way.
        self.photo_list = PhotoList()
        self.photo_want: list[int] = []
        self.photo_asked = False

    async def write(self) -> None:
        """Push pending events as soon as they exist; report the waiting count every second."""
        link, store = self.link, self.store
        assert link._wake is not None
        if self.full:
            # A new hub (a hand-over): offer it every event this desk holds, so
            # nothing the old hub accepted is lost; it keeps what it lacks.
            everything = store.events_after(0)
            self.full_ids = {e.id for e in everything}
            for i in range(0, len(everything), MAX_PUSH):
                chunk = everything[i:i + MAX_PUSH]
                self.inflight.update((e.id, e) for e in chunk)
                await self.ws.send(encode({"type": "push",
                                           "events": [event_to_wire(e) for e in chunk]}))
            if not everything:
                set_sync_state(store, term=self.term)
        last_status = 0.0
        while True:
            link._wake.clear()
            batch = pending_events(store, MAX_PUSH, set(self.inflight))
            if batch:
                self.inflight.update((e.id, e) for e in batch)
                await self.ws.send(encode({"type": "push",
                                           "events": [event_to_wire(e) for e in batch]}))
            now = time.monotonic()
            if now - last_status >= 1.0:
                last_status = now
                await self.ws.send(encode({"type": "status", "pending": pending_count(store)}))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(link._wake.wait(), 0.25)

    async def read(self) -> None:
        """Apply what the hub sends: acknowledgements, events, roster, credentials."""
        link, store = self.link, self.store
        async for frame in self.ws:
            msg = _decode(frame)
            link._set(last_contact=time.time())
            kind = msg["type"]
            if kind == "snapshot":
                try:
                    await asyncio.to_thread(_apply_snapshot_file, store.path, msg)
                except (ProtocolError, sqlite3.Error, KeyError, TypeError, ValueError) as exc:
                    raise ProtocolError(f"the hub's snapshot cannot be applied: {exc}") from exc
                set_sync_state(store, term=self.term)
                link._resync = False
                link._set(state="online", message="", pending=pending_count(store))
                if link.on_change is not None:
                    link.on_change(Changes(roster=True, meeting=True))
            elif kind == "events":
                try:
                    applied = apply_events(store, msg.get("events") or [], msg.get("pos"))
                except (ProtocolError, sqlite3.Error, TypeError, ValueError) as exc:
                    raise _Resync(f"an update from the hub could not be applied ({exc})") from exc
                changed = applied.all
                if applied.stamped:
                    # The hub had them already (an ack lost in a crash): as good as acked.
                    link._set(pending=pending_count(store))
                    if link.on_ack is not None:
                        link.on_ack([e.id for e in applied.stamped])
                if changed and link.on_change is not None:
                    link.on_change(Changes(events=tuple(changed),
                                           members=frozenset(e.member_id for e in changed)))
            elif kind == "ack":
                self._acked(msg.get("acks") or [])
            elif kind == "roster":
                try:
                    apply_roster(store, msg)
                except (sqlite3.Error, KeyError, TypeError, ValueError) as exc:
                    raise _Resync(f"a roster update from the hub could not be applied ({exc})") from exc
                if link.on_change is not None:
                    link.on_change(Changes(roster=True, meeting=True))
            elif kind == "id_found":
                link._answered(msg)
            elif kind in ("photo_list", "photos"):
                await self._photos(msg)
            elif kind == "error" and msg.get("code") in ("revoked", "unpaired"):
                raise _Refused(msg["code"], msg.get("message", ""),
                               erase=msg["code"] == "revoked" and bool(msg.get("erase")))
            elif kind == "error":
                log.warning("desk %s: the hub says %s: %s", link.desk_name, msg.get("code"),
                            str(msg.get("message", ""))[:200])

    async def _photos(self, msg: dict[str, Any]) -> None:
        """Apply the hub's photo list or photos, then ask for the next photos wanted."""
        link, store = self.link, self.store
        try:
            if msg["type"] == "photo_list":
                listed = self.photo_list.add(msg)
                if listed is None:
                    return  # more parts to come
                self.photo_want, gone = reconcile(store, listed)
                if gone:
                    log.info("desk %s: %d photos no longer of this desk's branches deleted",
                             link.desk_name, gone)
            else:
                written, _ = apply_photos(store, msg.get("photos"))
                if written and link.on_change is not None:
                    link.on_change(Changes(members=frozenset(written)))
                if msg.get("done"):
                    self.photo_asked = False
        except ValueError as exc:
            raise ProtocolError(f"bad {msg['type']} message: {exc}") from exc
        except sqlite3.Error as exc:
            raise _Resync(f"photos from the hub could not be stored ({exc})") from exc
        if not self.photo_asked and self.photo_want:
            ids, self.photo_want = self.photo_want[:MAX_WANT], self.photo_want[MAX_WANT:]
            self.photo_asked = True
            await self.ws.send(encode({"type": "photo_want", "ids": ids}))

    def _acked(self, acks: list[dict[str, Any]]) -> None:
        link, store = self.link, self.store
        done: list[str] = []
        rejected: list[str] = []
        notices: list[Notice] = []
        refused = False
        with store.transact():
            for a in acks:
                if not isinstance(a, dict):
                    continue
                eid = str(a.get("id"))
                sent = self.inflight.pop(eid, None)
                self.full_ids.discard(eid)
                if "rejected" in a:
                    rejected.append(eid)
                    if sent is not None and sent.hub_seq is None:
                        # The authority said no: keep the event, stop counting it,
                        # and tell the secretary why.
                        reason = str(a.get("rejected"))[:300]
                        store.refuse_event(eid, str(a.get("code") or "rejected")[:40], reason)
                        refused = True
                        notices.append(self._make_notice(
                            "rejected", sent, None, reason=reason,
                            reason_zh=str(a.get("zh") or "")[:300],
                            code=str(a.get("code") or "")[:40]))
                    continue
                if a.get("hub_seq") is not None:
                    try:
                        store.stamp_event(eid, int(a["hub_seq"]))
                    except sqlite3.IntegrityError:
                        # Its number is taken here by another event (only possible
                        # around a hand-over): the hub has it, so stop sending it.
                        rejected.append(eid)
                done.append(eid)
                if a.get("duplicate") and sent is not None and sent.hub_seq is None:
                    notices.append(self._make_notice("duplicate", sent, a["duplicate"]))
            add_rejected(store, rejected)
            if self.full and not self.full_ids:
                set_sync_state(store, term=self.term)
                self.full = False
        link._set(pending=pending_count(store))
        for n in notices:
            if n.kind == "rejected":
                log.warning("desk %s: the hub refused a check-in of %s: %s", link.desk_name,
                            n.member, n.reason)
            link._notice(n)
        if done and link.on_ack is not None:
            link.on_ack(done)
        if refused and link.on_change is not None:
            # A refused event stops counting: figures must be recomputed.
            link.on_change(Changes(roster=True))

    def _make_notice(self, kind: str, ev: EventRecord, earlier: dict[str, Any] | None,
                     **why: str) -> Notice:
        member = self.store.member(ev.member_id)
        earlier = earlier if isinstance(earlier, dict) else {}
        return Notice(kind, ev.id, ev.member_id, member.name if member else "",
                      earlier.get("desk"), earlier.get("at"), time.time(), **why)


def _apply_snapshot_file(path: Path, snap: dict[str, Any]) -> None:
    """Apply a fresh snapshot to a replica in place (own connection: a worker thread)."""
    store = Store.open(path, check=False)
    try:
        apply_snapshot(store, snap)
    finally:
        store.close()
