"""The hub: the single writer and authority for one meeting, serving desks over WebSocket.

The hub runs an asyncio loop in its own thread with its own connection to the
meeting file, so the organizer's window (another connection, another thread)
keeps working beside it. Desks push their events; the hub inserts them by id
(a repeat is answered with the number it already has), acknowledges each, and
forwards every new event to every desk. Roster and settings changes made in
the file by anyone are noticed by polling SQLite's ``data_version`` and sent on.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hmac
import logging
import re
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from data.store import Store, now_iso
from data.sync import set_paired_desks_json, sync_state
from kiosk.link import identity, limits, pairing
from kiosk.link.discovery import Advertiser, lan_address
from kiosk.link.leastdata import desk_view
from kiosk.link.photosync import (
    DeskPhotos,
    answer_want,
    list_messages,
    photo_rows,
    served_branch_ids,
)
from kiosk.link.protocol import (
    MAX_PUSH,
    PROTOCOL,
    SUBPROTOCOL,
    ProtocolError,
    binary_frame,
    decode,
    encode,
    event_to_wire,
    id_key_of,
    meeting_summary,
    roster_fingerprint,
    roster_rows,
)
from kiosk.link.replica import (
    ensure_hub_meta,
    snapshot_of,
    take_over,
)
from kiosk.model import EventKind
from kiosk.presence import fold
from kiosk.validate import ID_PATTERN, Judge, Rejected, parse_event, signin_span

FIRST_MESSAGE_TIMEOUT = limits.HANDSHAKE_SECONDS
ID_HASH = re.compile(r"[0-9a-f]{64}")

log = logging.getLogger("signdesk.hub")
_once = limits.OncePerCause()
log.addFilter(_once)
_ws_log = logging.getLogger("signdesk.hub.websocket")
_ws_log.addFilter(_once)


class HubError(Exception):
    """The hub cannot start (file, port); the message says why."""


@dataclass(frozen=True, slots=True)
class DeskStatus:
    """One paired desk as the dashboard shows it."""

    credential: str
    name: str
    online: bool
    last_contact: float | None  # time.time() of the last message, None if never seen
    waiting: int | None         # check-ins the desk last said it still has to send
    address: str | None
    revoked: bool
    duplicates: int             # its check-ins that lost to an earlier one elsewhere


@dataclass
class _Seen:
    last_contact: float | None = None
    waiting: int | None = None
    address: str | None = None
    online: bool = False
    duplicates: int = 0


@dataclass(eq=False)
class _Peer:
    ws: ServerConnection
    cred: pairing.Credential
    pos: int = 0
    queue: limits.SendQueue = field(default_factory=limits.SendQueue)
    fingerprint: str = ""  # of the roster this desk was last brought to

    def send(self, message: dict[str, Any] | bytes | str) -> None:
        """Queue a message; a desk that lets too much pile up is dropped, not buffered."""
        frame = message if isinstance(message, (bytes, str)) else encode(message)
        if not self.queue.put(frame) and self.ws.state.name == "OPEN":
            log.warning("desk %s does not read; dropping its connection", self.cred.name)
            asyncio.ensure_future(self.ws.close(1008, "not reading"))


class _GatedConnection(ServerConnection):
    """A connection that takes a pre-authentication slot as soon as TCP accepts it."""

    gate: limits.Gate  # set per hub by ``_gated``
    address = "?"

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        peer = transport.get_extra_info("peername")
        self.address = str(peer[0]) if peer else "?"
        if not self.gate.admit(self.address, self, _abort):
            transport.abort()

    def connection_lost(self, exc: Exception | None) -> None:
        self.gate.leave(self.address, self)
        super().connection_lost(exc)


def _abort(conn: ServerConnection) -> None:
    conn.transport.abort()


def _gated(gate: limits.Gate) -> type[_GatedConnection]:
    return type("GatedConnection", (_GatedConnection,), {"gate": gate})


class Hub:
    """Serve one meeting file to desks. ``start()`` runs it in a background thread."""

    def __init__(
        self, path: str | Path, *, host: str = "0.0.0.0", port: int = 8765,
        discovery: bool = True, poll: float = 0.2, keep_code: bool = False,
        door: pairing.PairingDoor | None = None,
        snapshot_interval: float = limits.SNAPSHOT_INTERVAL,
        validate: bool = True,
    ) -> None:
        self.path = Path(path)
        self.snapshot_interval = snapshot_interval
        # Only bench/sync_bench.py turns the meeting's rules off, to measure what
        # they cost against the old path in the same run; shapes are always checked.
        self.validate = validate
        self.host = host
        self.port = port
        self.discovery = discovery
        self.poll = poll
        self.door = door or pairing.PairingDoor(keep_open=keep_code)
        self.identity: identity.HubIdentity | None = None
        self.fingerprint = ""  # of the hub's certificate, once started
        self.took_over = 0
        self.meeting_uid = ""
        self.meeting_title = ""
        self._lock = threading.Lock()
        self._seen: dict[str, _Seen] = {}
        self._creds: dict[str, pairing.Credential] = {}
        self._peers: dict[str, _Peer] = {}
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._inbox_ready: asyncio.Event | None = None
        self._roster_sent: dict[str, set[tuple]] = {}
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._advertiser: Advertiser | None = None
        self.store: Store | None = None

    # ---- life cycle (any thread) ------------------------------------------------

    def start(self, timeout: float = 15.0) -> str:
        """Open the file, listen, and return the address desks should use (host:port)."""
        self._thread = threading.Thread(target=self._run, name="signdesk-hub", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise HubError("the hub did not start in time")
        if self._error is not None:
            raise HubError(str(self._error)) from self._error
        if self.discovery:
            self._advertiser = Advertiser(self.port, self.meeting_uid, self.meeting_title,
                                          [self.advertised_host])
            self._advertiser.start()
        return self.address

    def stop(self) -> None:
        """Close every desk connection and the file; safe to call twice."""
        if self._advertiser is not None:
            self._advertiser.stop()
            self._advertiser = None
        loop, stopping = self._loop, self._stopping
        if loop is not None and stopping is not None and not loop.is_closed():
            loop.call_soon_threadsafe(stopping.set)
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    @property
    def running(self) -> bool:
        """True while the hub's thread serves (False once it stopped or failed)."""
        return self._thread is not None and self._thread.is_alive()

    @property
    def advertised_host(self) -> str:
        """The host part desks should dial."""
        return lan_address() if self.host in ("0.0.0.0", "", "::") else self.host

    @property
    def address(self) -> str:
        """host:port to type at a desk."""
        return f"{self.advertised_host}:{self.port}"

    @property
    def pairing_code(self) -> str:
        """The code a desk must type to pair now (it changes: see ``PairingDoor``)."""
        return self.door.code

    @property
    def pairing_uri(self) -> str:
        """What the pairing QR code holds (with the hub's certificate fingerprint)."""
        return pairing.pairing_uri(self.address, self.pairing_code, self.meeting_uid,
                                   self.fingerprint)

    def new_pairing_code(self) -> str:
        """The organizer opens pairing with a new code (desks already paired keep theirs)."""
        return self.door.open()

    def desks_status(self) -> list[DeskStatus]:
        """Every paired desk: online, last contact, waiting check-ins (thread-safe)."""
        with self._lock:
            out = []
            for cid, cred in self._creds.items():
                seen = self._seen.get(cid, _Seen())
                out.append(DeskStatus(cid, cred.name, seen.online, seen.last_contact,
                                      seen.waiting, seen.address, cred.revoked, seen.duplicates))
        return sorted(out, key=lambda d: (d.revoked, d.name, d.credential))

    def revoke(self, credential: str, timeout: float = 5.0) -> bool:
        """Revoke a desk: drop its connection, tell it to erase its copy, change the code.

        False if the credential is unknown.
        """
        if self._loop is None:
            return False
        fut = asyncio.run_coroutine_threadsafe(self._revoke(credential), self._loop)
        return fut.result(timeout)

    # ---- the loop (hub thread only) -------------------------------------------------

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # noqa: BLE001 — reported to start() or logged
            if not self._ready.is_set():
                self._error = exc
                self._ready.set()
            else:
                log.error("signdesk hub stopped: %r", exc)

    def _open(self) -> Store:
        from kiosk.meeting import open_meeting

        store = open_meeting(self.path)
        if store.is_replica:
            self.took_over = take_over(store)
        ensure_hub_meta(store)
        return store

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        self._inbox: list[tuple[_Peer, list[Any]]] = []
        self._inbox_ready = asyncio.Event()
        self._gate = limits.Gate()
        self._snapshots = limits.RateLimit(self.snapshot_interval)
        self._hellos: dict[str, limits.TokenBucket] = {}
        self._lookups: dict[str, limits.TokenBucket] = {}  # per desk, across its connections
        self._snapshot_lock = asyncio.Lock()
        self._roster_cache: dict[str, Any] = {}
        self._photo_key = ""  # photos version and roster fingerprint ``_photo_rows`` is of
        self._photo_listed = ""  # the same, of the lists last sent to every desk
        self._photo_rows: dict[int, tuple[int, str]] = {}
        self._photo_served: dict[str, set[int]] = {}
        self.store = store = self._open()
        try:
            meeting = store.meeting()
            self.meeting_uid, self.meeting_title = meeting.uid, meeting.title
            self._term = sync_state(store).term
            self._creds = pairing.load_credentials(store)
            self.identity = identity.ensure_hub_identity(store)
            self.fingerprint = self.identity.fingerprint
            self._pump_pos = store.last_event_seq()
            with store.reading():
                self._fingerprint = roster_fingerprint(store)
                self._roster_sent = _row_sets(roster_rows(store))  # what desks are brought to
            self._members_sent = {row[0] for row in self._roster_sent["members"]}
            self._data_version = store.data_version()
            self._photo_listed = f"{store.photos_version()}:{self._fingerprint}"
            self._span = (self._data_version, signin_span(store))
            try:
                server: Server = await serve(
                    self._serve, self.host, self.port,
                    ssl=identity.server_context(self.identity),
                    subprotocols=[Subprotocol(SUBPROTOCOL)],
                    # Nothing a stranger sends is ever inflated: no permessage-deflate,
                    # and the hub refuses binary frames (see protocol.decode).
                    compression=None,
                    max_size=limits.MAX_PREAUTH_MESSAGE, max_queue=limits.MAX_QUEUE,
                    open_timeout=limits.HANDSHAKE_SECONDS,
                    ping_interval=2.0, ping_timeout=6.0, close_timeout=1.0,
                    create_connection=_gated(self._gate), logger=_ws_log,
                )
            except OSError as exc:
                raise HubError(f"cannot listen on {self.host}:{self.port}: {exc.strerror or exc}") from exc
            self.port = server.sockets[0].getsockname()[1]
            self._ready.set()
            committer = asyncio.create_task(self._committer())
            try:
                while not self._stopping.is_set():
                    try:
                        await asyncio.wait_for(self._stopping.wait(), self.poll)
                    except TimeoutError:
                        try:
                            self._watch_file()
                        except Exception as exc:  # noqa: BLE001 — try again next round
                            log.error("signdesk hub: %r", exc, exc_info=True)
            finally:
                committer.cancel()
                server.close()
                for peer in list(self._peers.values()):
                    await peer.ws.close(1001, "hub stopping")
                await server.wait_closed()
        finally:
            store.close()

    def _watch_file(self) -> None:
        """Pick up what other connections (the organizer's window) wrote to the file.

        The roster goes out before the events, so a member added and signed in
        in the same moment reaches every desk before their check-in does.
        """
        assert self.store is not None
        dv = self.store.data_version()
        if dv == self._data_version:
            return
        self._data_version = dv
        self._sync_roster()
        self._sync_photos()
        self._pump()

    def _sync_roster(self) -> None:
        """Send every desk what changed in the roster since the last broadcast."""
        assert self.store is not None
        # One read transaction: a member added meanwhile is either wholly in
        # (row and card) or wholly out, never a card without its member.
        with self.store.reading():
            fp = roster_fingerprint(self.store)
            if fp == self._fingerprint:
                return
            full = roster_rows(self.store)
        self._fingerprint = fp
        old = self._roster_sent
        self._roster_sent = _row_sets(full)
        self._members_sent = {row[0] for row in full["members"]}
        # Desks upsert rows, so only what changed since the last roster
        # broadcast needs to travel: one edited member, not 5,000. When a branch
        # changes desk, which phones each desk may hold changes: send them all.
        delta = {table: [row for row in rows if tuple(row) not in old.get(table, set())]
                 for table, rows in full.items()}
        rows = full if (delta["branches"] or delta["desks"]) else delta
        frames: dict[str, str] = {}
        for peer in list(self._peers.values()):
            name = peer.cred.name
            if name not in frames:
                frames[name] = encode(self._roster_message(desk_view(rows, name, full)))
            peer.send(frames[name])
            peer.fingerprint = fp

    def _desk_photos(self, desk: str) -> DeskPhotos:
        """The photos ``desk`` may hold now (read once per photo or roster change)."""
        assert self.store is not None
        key = f"{self.store.photos_version()}:{self._fingerprint}"
        if key != self._photo_key:
            with self.store.reading():
                self._photo_rows = photo_rows(self.store)
            self._photo_key, self._photo_served = key, {}
        served = self._photo_served.get(desk)
        if served is None:
            served = self._photo_served[desk] = served_branch_ids(self.store, desk)
        return DeskPhotos(self._photo_rows, served)

    def _send_photo_list(self, peer: _Peer) -> None:
        """Tell one desk which photos it may hold; it asks for those it lacks."""
        photos = self._desk_photos(peer.cred.name)
        for message in list_messages(photos.stamps(), self._photo_key):
            peer.send(message)

    def _sync_photos(self) -> None:
        """After a photo was added, replaced or removed, or the roster changed: new lists."""
        assert self.store is not None
        key = f"{self.store.photos_version()}:{self._fingerprint}"
        if key == self._photo_listed:
            return
        self._photo_listed = key
        for peer in list(self._peers.values()):
            self._send_photo_list(peer)

    def _roster_message(self, roster: dict[str, list[list[Any]]]) -> dict[str, Any]:
        assert self.store is not None
        return {"type": "roster", "roster": roster,
                "roster_version": self.store.get_meta("roster_version", "0"),
                "id_key": id_key_of(self.store),
                "fingerprint": self._fingerprint}

    def _pump(self) -> None:
        """Forward every event the desks have not been sent yet, in the hub's order."""
        assert self.store is not None
        if self.store.data_version() != self._data_version:
            # Someone else wrote to the file since we last looked (a new member
            # and their check-in, say): the roster goes first.
            self._watch_file()
            return
        rows = self.store.events_after(self._pump_pos)
        if not rows:
            return
        if any(r.member_id not in self._members_sent for r in rows):
            # A member committed just before their check-in, after we last
            # looked: the roster goes out first, or the desks could not apply it.
            self._sync_roster()
        self._pump_pos = rows[-1].seq
        frames: dict[int, str] = {}  # most desks stand at the same place: encode once
        for peer in list(self._peers.values()):
            if peer.pos not in frames:
                fresh = [r for r in rows if r.seq > peer.pos]
                frames[peer.pos] = encode({
                    "type": "events", "events": [event_to_wire(r) for r in fresh],
                    "pos": rows[-1].seq}) if fresh else ""
            if frames[peer.pos]:
                peer.send(frames[peer.pos])
            peer.pos = max(peer.pos, rows[-1].seq)

    def _touch(self, cid: str, *, contact: bool = True, **changes: Any) -> None:
        with self._lock:
            seen = self._seen.setdefault(cid, _Seen())
            if contact:
                seen.last_contact = time.time()
            for k, v in changes.items():
                setattr(seen, k, v)

    # ---- one desk connection ------------------------------------------------------------

    async def _serve(self, ws: ServerConnection) -> None:
        peer_host = str(ws.remote_address[0]) if ws.remote_address else "?"
        try:
            first = decode(await asyncio.wait_for(ws.recv(), FIRST_MESSAGE_TIMEOUT),
                           binary=False)
            if first.get("proto") != PROTOCOL:
                await self._refuse(ws, "version", f"this hub speaks {PROTOCOL}")
                return
            if first["type"] == "pair":
                await self._pair(ws, first)
                return
            if first["type"] != "hello":
                await self._refuse(ws, "unpaired", "pair with the hub's code first")
                return
            # Who the desk is comes from the TLS connection (the certificate this
            # hub signed at pairing), never from anything it says.
            cred = self._credential_of(identity.peer_fingerprint(ws))
            if cred is None:
                await self._refuse(ws, "unpaired", "this desk is not paired with this hub")
                return
            if cred.revoked:
                await self._refuse(ws, "revoked", "the organizer revoked this desk", erase=True)
                return
            if first.get("meeting") not in (None, self.meeting_uid):
                await self._refuse(ws, "other_meeting", "this hub serves another meeting")
                return
            bucket = self._hellos.setdefault(
                cred.id, limits.TokenBucket(limits.HELLOS_PER_SECOND, 10))
            if not bucket.allow():
                await self._refuse(ws, "slow_down", "too many connections from this desk; wait",
                                   retry_after=1.0)
                return
            if first.get("want_snapshot"):
                wait = self._snapshots.wait(cred.id)
                if wait > 0:
                    await self._refuse(ws, "slow_down", "a snapshot was sent moments ago; wait",
                                       retry_after=round(wait, 2))
                    return
            # Authenticated: the connection leaves the strangers' slots and may
            # send messages of a paired desk's size.
            if isinstance(ws, _GatedConnection):
                ws.gate.leave(ws.address, ws)
            ws.protocol.max_message_size = limits.MAX_MESSAGE
            await self._session(ws, peer_host, cred, first)
        except (ConnectionClosed, TimeoutError, ProtocolError, Rejected):
            return
        except Exception:  # noqa: BLE001 — one broken connection must not reach the others
            log.error("signdesk hub: a connection failed", exc_info=True)
            await ws.close(1011, "internal error")

    def _credential_of(self, fp: str | None) -> pairing.Credential | None:
        if not fp:
            return None
        with self._lock:
            for cred in self._creds.values():
                if hmac.compare_digest(cred.fingerprint, fp):
                    return cred
        return None

    async def _refuse(self, ws: ServerConnection, code: str, text: str, **extra: Any) -> None:
        await ws.send(encode({"type": "error", "code": code, "message": text, **extra}))
        await ws.close(1008, code)

    async def _pair(self, ws: ServerConnection, msg: dict[str, Any]) -> None:
        """The code exchange (see ``kiosk.link.pairing``); a right one gets a signed certificate."""
        verdict = self.door.admit()
        if verdict is not None:
            reason, wait = verdict
            if reason == "closed":
                await self._refuse(ws, "pairing_closed",
                                   "pairing is closed after too many wrong codes; ask the "
                                   "organizer to open it (a new code)", retry_after=round(wait))
            else:
                await self._refuse(ws, "slow_down", "too many pairing attempts; wait",
                                   retry_after=round(wait, 2))
            return
        code = self.door.code
        right = False
        try:
            try:
                public = base64.b64decode(str(msg.get("key", "")), validate=True)
                identity.load_public_key(public)
                theirs = base64.b64decode(str(msg.get("pake", "")), validate=True)
            except (ValueError, binascii.Error) as exc:
                raise ProtocolError(f"bad pairing message: {exc}") from exc
            name = _desk_name(msg.get("desk"))
            exchange = pairing.hub_exchange(code)
            ours = exchange.start()
            try:
                key = exchange.finish(theirs)
            except Exception as exc:  # noqa: BLE001 — spake2 raises several kinds on garbage
                raise ProtocolError("bad pairing message") from exc
            await ws.send(encode({"type": "pake", "pake": base64.b64encode(ours).decode()}))
            confirm = decode(await asyncio.wait_for(ws.recv(), FIRST_MESSAGE_TIMEOUT),
                             binary=False)
            expected = pairing.confirmation(key, "desk", self.fingerprint, public, name)
            if confirm.get("type") != "confirm" or not hmac.compare_digest(
                    str(confirm.get("mac", "")), expected):
                await self._refuse(ws, "bad_code", "wrong pairing code")
                return
            right = True
            assert self.identity is not None and self.store is not None
            cert = identity.issue_desk_cert(self.identity, public, name)
            cred = pairing.new_credential(name, identity.pem_fingerprint(cert))
            self._set_credential(cred)
            await ws.send(encode({
                "type": "paired",
                "mac": pairing.confirmation(key, "hub", self.fingerprint, public, name),
                "cert": cert, "hub_cert": self.identity.cert_pem, "credential": cred.id,
                "desk": cred.name, "meeting": meeting_summary(self.store)}))
            await ws.close(1000, "paired")
        finally:
            if right:
                self.door.right()
            else:
                self.door.wrong()

    def _set_credential(self, cred: pairing.Credential) -> None:
        assert self.store is not None
        with self._lock:
            self._creds[cred.id] = cred
            text = pairing.credentials_json(self._creds)
        set_paired_desks_json(self.store, text)

    async def _revoke(self, cid: str) -> bool:
        cred = self._creds.get(cid)
        if cred is None:
            return False
        self._set_credential(pairing.revoke(cred))
        # Whoever learnt the code that paired it must not simply pair again.
        self.door.rotate()
        peer = self._peers.get(cid)
        if peer is not None:
            await self._refuse(peer.ws, "revoked", "the organizer revoked this desk", erase=True)
        return True

    async def _session(self, ws: ServerConnection, peer_host: str, cred: pairing.Credential,
                       hello: dict[str, Any]) -> None:
        assert self.store is not None
        peer = _Peer(ws, cred)
        old = self._peers.get(cred.id)
        if old is not None:  # the same desk reconnected before its old link timed out
            await old.ws.close(1000, "replaced by a newer connection")
        peer.send({"type": "welcome", "proto": PROTOCOL, "term": self._term,
                   "meeting": meeting_summary(self.store), "desk": cred.name,
                   "credential": cred.id, "fingerprint": self._fingerprint})
        if hello.get("want_snapshot"):
            # Built on a worker thread with its own connection (the roster part
            # once per roster version and desk), one at a time, so a 100,000-member
            # snapshot does not hold up other desks' round trips.
            async with self._snapshot_lock:
                frame, pos, fingerprint = await asyncio.to_thread(self._build_snapshot, cred.name)
            peer.send(frame)
            since, peer.fingerprint = pos, fingerprint
        else:
            pos = hello.get("pos")
            since = pos if (isinstance(pos, int) and not isinstance(pos, bool)
                            and hello.get("term") == self._term and 0 <= pos) else 0
            peer.fingerprint = str(hello.get("fingerprint") or "")
        # Everything below up to the registration runs without yielding, so no
        # event can slip between the catch-up and the live stream; the roster
        # goes before the events that may need it.
        self._sync_roster()
        if peer.fingerprint != self._fingerprint:
            with self.store.reading():
                full = roster_rows(self.store)
            peer.send(self._roster_message(desk_view(full, cred.name)))
            peer.fingerprint = self._fingerprint
        rows = self.store.events_after(since)
        if any(r.member_id not in self._members_sent for r in rows):
            self._sync_roster()  # the same race as in _pump, for this desk's catch-up
            with self.store.reading():
                full = roster_rows(self.store)
            peer.send(self._roster_message(desk_view(full, cred.name)))
        for i in range(0, len(rows), 2000):
            chunk = rows[i:i + 2000]
            peer.send({"type": "events", "events": [event_to_wire(r) for r in chunk],
                       "pos": chunk[-1].seq})
        peer.pos = max(since, rows[-1].seq if rows else since, 0)
        self._send_photo_list(peer)  # after the roster: the desk knows the members named
        self._peers[cred.id] = peer
        pending = hello.get("pending")
        self._touch(cred.id, online=True, address=peer_host,
                    waiting=pending if isinstance(pending, int) else None)
        writer = asyncio.create_task(self._writer(peer))
        # What one desk may cost the hub: a paired desk gone wrong slows only itself.
        messages = limits.TokenBucket(limits.MESSAGES_PER_SECOND, 4 * limits.MESSAGES_PER_SECOND)
        events_in = limits.TokenBucket(limits.EVENTS_PER_SECOND, limits.EVENTS_BURST)
        photos_out = limits.TokenBucket(limits.PHOTOS_PER_SECOND, limits.PHOTOS_BURST)
        photo_bytes = limits.TokenBucket(limits.PHOTO_BYTES_PER_SECOND, limits.PHOTO_BYTES_BURST)
        last_tick = 0.0
        try:
            async for frame in ws:
                await messages.take()
                msg = decode(frame, binary=False)
                kind = msg["type"]
                if kind == "push":
                    events = msg.get("events")
                    if not isinstance(events, list):
                        raise ProtocolError("a push carries a list of events")
                    await events_in.take(min(len(events), MAX_PUSH))
                    self._receive(peer, events)
                elif kind == "photo_want":
                    ids = msg.get("ids")
                    await photos_out.take(len(ids) if isinstance(ids, list) else 1)
                    # A branch handed to another desk a moment ago: look at the file
                    # first, so the answer follows the new assignment.
                    self._watch_file()
                    try:
                        answers = answer_want(self.store, self._desk_photos(cred.name), ids)
                    except ValueError as exc:
                        raise ProtocolError(str(exc)) from exc
                    sent = 0
                    for answer in answers:
                        frame = encode(answer)
                        sent += len(frame)
                        peer.send(frame)
                    # Paid after sending: the next message of this desk waits while
                    # it is over its byte budget (TCP pushes back on it alone).
                    await photo_bytes.take(sent)
                elif kind == "id_lookup":
                    request, digest = _id_lookup(msg)
                    # Paid before answering: over the limit the answer comes late.
                    await self._lookups.setdefault(cred.id, limits.TokenBucket(
                        limits.LOOKUPS_PER_SECOND, limits.LOOKUPS_BURST)).take()
                    found = self.store.member_for_id_hash(digest)
                    # id_numbers false: the roster came without ID numbers, so the
                    # desk says "ID cards cannot sign in here", not "not on the list".
                    peer.send({"type": "id_found", "id": request,
                               "member": found[0].id if found else None,
                               "id_numbers": found is not None or self.store.has_id_numbers()})
                elif kind == "status":
                    pending = msg.get("pending")
                    self._touch(cred.id, waiting=pending if isinstance(pending, int) else None)
                    if time.monotonic() - last_tick >= 0.5:  # a desk asks once a second
                        last_tick = time.monotonic()
                        peer.send({"type": "tick", "t": time.time()})
                else:
                    peer.send({"type": "error", "code": "unknown",
                               "message": f"unknown message type {kind[:40]!r}"})
        finally:
            writer.cancel()
            if self._peers.get(cred.id) is peer:
                del self._peers[cred.id]
                self._touch(cred.id, contact=False, online=False)

    def _build_snapshot(self, desk: str) -> tuple[bytes, int, str]:
        """The join snapshot for ``desk`` (worker thread): frame, position, roster fingerprint."""
        store = Store.open(self.path, check=False)
        try:
            store.db.execute("PRAGMA query_only=ON")
            roster: list[str] = []
            snap = snapshot_of(store, roster=lambda fp: roster.append(
                self._cached_view(store, fp, desk)) or {})
        finally:
            store.close()
        # The roster part is encoded once per roster version and desk; only the
        # events are encoded per request, and zlib runs without the GIL.
        del snap["roster"]
        text = encode(snap)[:-1] + ',"roster":' + roster[0] + "}"
        return binary_frame(text), int(snap["pos"]), str(snap["fingerprint"])

    def _cached_view(self, store: Store, fingerprint: str, desk: str) -> str:
        """The JSON of ``desk``'s view of the roster (cached per roster version)."""
        cache = self._roster_cache
        if cache.get("fingerprint") != fingerprint:
            cache.clear()
            cache["fingerprint"] = fingerprint
            cache["rows"] = roster_rows(store)
            cache["digests"] = {}
        view = cache.get(desk)
        if view is None:
            view = cache[desk] = encode(desk_view(cache["rows"], desk, digests=cache["digests"]))
        return view

    async def _writer(self, peer: _Peer) -> None:
        try:
            while True:
                await peer.ws.send(await peer.queue.get())
        except ConnectionClosed:
            return

    def _receive(self, peer: _Peer, rows: list[Any]) -> None:
        """Queue a desk's push for the next group commit."""
        assert self._inbox_ready is not None
        self._inbox.append((peer, rows[:MAX_PUSH]))
        self._inbox_ready.set()

    async def _committer(self) -> None:
        """Commit pushes in groups: one fsync for everything that arrived meanwhile.

        While one commit waits for the disk, other desks' pushes pile up in
        their sockets; the short pause lets their handlers queue them, so under
        load the hub does one transaction per round instead of one per desk.
        """
        assert self._inbox_ready is not None
        while True:
            await self._inbox_ready.wait()
            await asyncio.sleep(0.001)
            batch, self._inbox = self._inbox, []
            self._inbox_ready.clear()
            if not batch:
                continue
            try:
                self._commit(batch)
            except Exception as exc:  # noqa: BLE001 — e.g. disk full, file locked too long
                # Nothing was acknowledged; dropping the connections makes the
                # desks resend, so their check-ins wait in their replicas meanwhile.
                log.error("signdesk hub: could not store events: %r", exc, exc_info=True)
                for peer in {p for p, _ in batch}:
                    asyncio.ensure_future(peer.ws.close(1011, "hub could not store events"))

    def _judge(self) -> Judge:
        """Rules for this commit; the sign-in window is re-read only when the file changed."""
        assert self.store is not None
        dv = self.store.data_version()
        if self._span[0] != dv:
            self._span = (dv, signin_span(self.store))
        return Judge(self.store, span=self._span[1])

    def _commit(self, batch: list[tuple[_Peer, list[Any]]]) -> None:
        """Judge each pushed event alone, store the admitted ones (idempotent by id),
        answer each desk event by event, and forward what is new to every desk."""
        assert self.store is not None
        store = self.store
        replies: list[tuple[_Peer, list[dict[str, Any]], int]] = []
        state = sync_state(store)
        base, top = state.seq_base, state.seq_top
        judge = self._judge()
        received = now_iso()
        with store.transact():
            for peer, rows in batch:
                acks: list[dict[str, Any]] = []
                lost = 0
                for row in rows:
                    ack = self._accept(store, judge, peer, row, (top, base), received)
                    acks.append(ack)
                    lost += bool(ack.get("duplicate"))
                replies.append((peer, acks, lost))
        for peer, acks, lost in replies:
            if lost:
                with self._lock:
                    self._seen.setdefault(peer.cred.id, _Seen()).duplicates += lost
            self._touch(peer.cred.id)
            peer.send({"type": "ack", "acks": acks})
        self._pump()

    def _accept(self, store: Store, judge: Judge, peer: _Peer, row: Any,
                old_block: tuple[int, int], received: str) -> dict[str, Any]:
        """One pushed event: its ack (number, duplicate) or its refusal with the reason.

        The hub numbers every event itself, with one exception that keeps a
        hand-over lossless: after this file took over from an earlier hub,
        an event that hub numbered above what the taking-over desk held (in
        ``old_block``, below this hub's own block) keeps that number, if free.
        """
        eid = row[0] if (isinstance(row, list) and row and isinstance(row[0], str)
                         and ID_PATTERN.fullmatch(row[0])) else None
        try:
            fields = parse_event(row)
            existing = store.event(fields["id"])
            if existing is not None:  # a repeat: the number it already has
                return {"id": existing.id, "hub_seq": existing.hub_seq}
            # After a hand-over, desks offer events the old hub numbered; one
            # this hub lacks is judged as its own desk's, by the same rules.
            top, base = old_block
            old = fields["hub_seq"]
            keep = (base > 0 and old is not None and top < old < base
                    and store.one("SELECT 1 FROM events WHERE hub_seq = ?", (old,)) is None)
            relayed = keep and fields["desk"] != peer.cred.name
            if self.validate:
                judge.admit(fields, fields["desk"] if relayed else peer.cred.name)
            ack = self._insert(store, fields, received, old if keep else None)
        except Rejected as exc:
            return {"id": eid, "rejected": str(exc), "code": exc.code, "zh": exc.zh}
        except sqlite3.Error as exc:
            log.error("signdesk hub: could not store an event: %r", exc, exc_info=True)
            return {"id": eid, "rejected": "the hub could not store it", "code": "store",
                    "zh": "签到服务器无法保存这条记录"}
        return ack

    def _insert(self, store: Store, fields: dict[str, Any], received: str,
                keep: int | None) -> dict[str, Any]:
        """Store one admitted event under the hub's own number (inside the caller's
        transaction, in a savepoint so a failure undoes this event only)."""
        duplicate = None
        if fields["kind"] == EventKind.ARRIVE:
            before = fold(store.events_for(fields["member_id"]))
            if before.in_hall and before.arrival is not None:
                duplicate = {"desk": before.arrival.desk, "at": before.arrival.at,
                             "event": before.arrival.id}
        store.db.execute("SAVEPOINT one_event")
        try:
            # The hub numbers every event itself: a desk never chooses its place.
            ev = store.insert_event(**{**fields, "hub_seq": keep}, stamp=keep is None,
                                    received_at=received)
        except BaseException:
            store.db.execute("ROLLBACK TO one_event")
            store.db.execute("RELEASE one_event")
            raise
        store.db.execute("RELEASE one_event")
        assert ev is not None
        return {"id": ev.id, "hub_seq": ev.hub_seq, "duplicate": duplicate}


def _id_lookup(msg: dict[str, Any]) -> tuple[int, str]:
    """A desk's ``id_lookup``: its request id and the keyed hash (ProtocolError if malformed)."""
    request, digest = msg.get("id"), msg.get("hash")
    if not isinstance(request, int) or isinstance(request, bool) or not 0 <= request < 2**53:
        raise ProtocolError("an id_lookup carries a request id (a whole number)")
    if not isinstance(digest, str) or not ID_HASH.fullmatch(digest):
        raise ProtocolError("an id_lookup carries a hash of 64 lowercase hex digits")
    return request, digest


def _desk_name(value: Any) -> str:
    """A desk's name as the hub records it: text, no control characters, at most 40."""
    text = value if isinstance(value, str) else ""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = ""
    text = "".join(ch for ch in text if ch.isprintable()).strip()[:40].strip()
    return text or "desk"


def _row_sets(roster: dict[str, list[list[Any]]]) -> dict[str, set[tuple]]:
    return {table: {tuple(r) for r in rows} for table, rows in roster.items()}
