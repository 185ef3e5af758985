"""The hub: the single writer and authority for one meeting, serving desks over WebSocket.

The hub runs an asyncio loop in its own thread with its own connection to the
meeting file, so the organizer's window (another connection, another thread)
keeps working beside it. Desks push their events; the hub inserts them by id
(a repeat is answered with the number it already has), acknowledges each, and
forwards every new event to every desk. Roster and settings changes made in
the file by anyone are noticed by polling SQLite's ``data_version`` and sent on.
"""

from __future__ import annotations

import argparse
import asyncio
import hmac
import signal
import sqlite3
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from data.store import Store
from kiosk.link import pairing
from kiosk.link.discovery import Advertiser, lan_address
from kiosk.link.protocol import (
    MAX_PUSH,
    PROTOCOL,
    SUBPROTOCOL,
    ProtocolError,
    decode,
    encode,
    encode_binary,
    event_from_wire,
    event_to_wire,
    meeting_summary,
    roster_fingerprint,
    roster_rows,
)
from kiosk.link.replica import (
    CREDENTIALS,
    SEQ_BASE,
    ensure_hub_meta,
    next_hub_seq,
    snapshot_of,
    take_over,
)
from kiosk.model import EventKind
from kiosk.presence import fold

FIRST_MESSAGE_TIMEOUT = 10.0


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
    queue: asyncio.Queue = field(default_factory=asyncio.Queue)

    def send(self, message: dict[str, Any] | bytes) -> None:
        self.queue.put_nowait(message if isinstance(message, bytes) else encode(message))


class Hub:
    """Serve one meeting file to desks. ``start()`` runs it in a background thread."""

    def __init__(
        self, path: str | Path, *, host: str = "0.0.0.0", port: int = 8765,
        discovery: bool = True, backoff: float = 1.0, poll: float = 0.2,
    ) -> None:
        self.path = Path(path)
        self.host = host
        self.port = port
        self.discovery = discovery
        self.poll = poll
        self.backoff = pairing.Backoff(base=backoff)
        self.pairing_code = pairing.new_pairing_code()
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
    def advertised_host(self) -> str:
        """The host part desks should dial."""
        return lan_address() if self.host in ("0.0.0.0", "", "::") else self.host

    @property
    def address(self) -> str:
        """host:port to type at a desk."""
        return f"{self.advertised_host}:{self.port}"

    @property
    def pairing_uri(self) -> str:
        """What the pairing QR code holds."""
        return pairing.pairing_uri(self.address, self.pairing_code, self.meeting_uid)

    def new_pairing_code(self) -> str:
        """Replace the pairing code (desks already paired keep their credentials)."""
        self.pairing_code = pairing.new_pairing_code()
        return self.pairing_code

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
        """Revoke a desk's credential and drop its connection; False if unknown."""
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
                print(f"signdesk hub stopped: {exc!r}", file=sys.stderr)

    def _open(self) -> Store:
        from kiosk.meeting import open_meeting

        store = open_meeting(self.path)
        if store.get_meta("role") == "replica":
            self.took_over = take_over(store)
        ensure_hub_meta(store)
        return store

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        self._inbox: list[tuple[_Peer, list[Any]]] = []
        self._inbox_ready = asyncio.Event()
        self.store = store = self._open()
        try:
            meeting = store.meeting()
            self.meeting_uid, self.meeting_title = meeting.uid, meeting.title
            self._term = store.get_meta("link.term") or ""
            self._creds = pairing.load_credentials(store)
            self._pump_pos = store.last_event_seq()
            self._fingerprint = roster_fingerprint(store)
            self._roster_sent = _row_sets(roster_rows(store))  # what desks are brought to
            self._data_version = store.data_version()
            try:
                server: Server = await serve(
                    self._serve, self.host, self.port,
                    subprotocols=[Subprotocol(SUBPROTOCOL)], compression=None,
                    max_size=32 * 2**20, ping_interval=2.0, ping_timeout=6.0,
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
                            print(f"signdesk hub: {exc!r}", file=sys.stderr)
            finally:
                committer.cancel()
                server.close()
                for peer in list(self._peers.values()):
                    await peer.ws.close(1001, "hub stopping")
                await server.wait_closed()
        finally:
            store.close()

    def _watch_file(self) -> None:
        """Pick up what other connections (the organizer's window) wrote to the file."""
        assert self.store is not None
        dv = self.store.data_version()
        if dv == self._data_version:
            return
        self._data_version = dv
        self._pump()
        fp = roster_fingerprint(self.store)
        if fp != self._fingerprint:
            self._fingerprint = fp
            old = self._roster_sent
            message = self._roster_message()
            self._roster_sent = _row_sets(message["roster"])
            # Desks upsert rows, so only what changed since the last roster
            # broadcast needs to travel: one edited member, not 5,000.
            message["roster"] = {
                table: [row for row in rows if tuple(row) not in old.get(table, set())]
                for table, rows in message["roster"].items()
            }
            frame = encode(message)
            for peer in self._peers.values():
                peer.queue.put_nowait(frame)

    def _roster_message(self) -> dict[str, Any]:
        assert self.store is not None
        return {"type": "roster", "roster": roster_rows(self.store),
                "roster_version": self.store.get_meta("roster_version", "0"),
                "fingerprint": self._fingerprint,
                "credentials": pairing.credentials_json(self._creds)}

    def _pump(self) -> None:
        """Forward every event the desks have not been sent yet, in the hub's order."""
        assert self.store is not None
        rows = self.store.events_after(self._pump_pos)
        if not rows:
            return
        self._pump_pos = rows[-1].seq
        frames: dict[int, str] = {}  # most desks stand at the same place: encode once
        for peer in self._peers.values():
            if peer.pos not in frames:
                fresh = [r for r in rows if r.seq > peer.pos]
                frames[peer.pos] = encode({
                    "type": "events", "events": [event_to_wire(r) for r in fresh],
                    "pos": rows[-1].seq}) if fresh else ""
            if frames[peer.pos]:
                peer.queue.put_nowait(frames[peer.pos])
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
            first = decode(await asyncio.wait_for(ws.recv(), FIRST_MESSAGE_TIMEOUT))
            if first.get("proto") != PROTOCOL:
                await self._refuse(ws, "version", f"this hub speaks {PROTOCOL}")
                return
            if first["type"] == "pair":
                first = await self._pair(ws, peer_host, first)
                if first is None:
                    return
            if first["type"] != "hello":
                await self._refuse(ws, "unpaired", "pair with the hub's code first")
                return
            cred = pairing.verify(str(first.get("token") or ""), self._creds)
            if cred is None:
                await self._refuse(ws, "unpaired", "this desk is not paired with this hub")
                return
            if cred.revoked:
                await self._refuse(ws, "revoked", "the organizer revoked this desk")
                return
            if first.get("meeting") not in (None, self.meeting_uid):
                await self._refuse(ws, "other_meeting", "this hub serves another meeting")
                return
            await self._session(ws, peer_host, cred, first)
        except (ConnectionClosed, TimeoutError, ProtocolError, KeyError):
            return

    async def _refuse(self, ws: ServerConnection, code: str, text: str, **extra: Any) -> None:
        await ws.send(encode({"type": "error", "code": code, "message": text, **extra}))
        await ws.close(1008, code)

    async def _pair(self, ws: ServerConnection, peer_host: str,
                    msg: dict[str, Any]) -> dict[str, Any] | None:
        wait = self.backoff.wait(peer_host)
        if wait > 0:
            await self._refuse(ws, "slow_down", "too many wrong codes; wait",
                               retry_after=round(wait, 2))
            return None
        if not hmac.compare_digest(str(msg.get("code", "")), self.pairing_code):
            delay = self.backoff.miss(peer_host)
            await self._refuse(ws, "bad_code", "wrong pairing code", retry_after=round(delay, 2))
            return None
        self.backoff.success(peer_host)
        name = str(msg.get("desk") or "").strip()[:40] or "desk"
        token, cred = pairing.issue(name)
        self._set_credential(cred)
        assert self.store is not None
        await ws.send(encode({"type": "paired", "token": token, "credential": cred.id,
                              "meeting": meeting_summary(self.store)}))
        return decode(await asyncio.wait_for(ws.recv(), FIRST_MESSAGE_TIMEOUT))

    def _set_credential(self, cred: pairing.Credential) -> None:
        assert self.store is not None
        with self._lock:
            self._creds[cred.id] = cred
            text = pairing.credentials_json(self._creds)
        self.store.set_meta(CREDENTIALS, text)
        for peer in self._peers.values():
            peer.send({"type": "credentials", "credentials": text})

    async def _revoke(self, cid: str) -> bool:
        cred = self._creds.get(cid)
        if cred is None:
            return False
        self._set_credential(pairing.revoke(cred))
        peer = self._peers.get(cid)
        if peer is not None:
            await self._refuse(peer.ws, "revoked", "the organizer revoked this desk")
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
        # Everything below up to the registration runs without yielding, so no
        # event can slip between the catch-up and the live stream.
        if hello.get("want_snapshot"):
            snap = snapshot_of(self.store)
            snap["fingerprint"] = self._fingerprint
            peer.send(encode_binary(snap))
            peer.pos = int(snap["pos"])
        else:
            since = int(hello.get("pos") or 0) if hello.get("term") == self._term else 0
            rows = self.store.events_after(since)
            for i in range(0, len(rows), 2000):
                chunk = rows[i:i + 2000]
                peer.send({"type": "events", "events": [event_to_wire(r) for r in chunk],
                           "pos": chunk[-1].seq})
            peer.pos = rows[-1].seq if rows else since
            if hello.get("fingerprint") != self._fingerprint:
                peer.send(self._roster_message())
        self._peers[cred.id] = peer
        self._touch(cred.id, online=True, address=peer_host,
                    waiting=hello.get("pending"))
        writer = asyncio.create_task(self._writer(peer))
        try:
            async for frame in ws:
                msg = decode(frame)
                kind = msg["type"]
                if kind == "push":
                    self._receive(peer, msg.get("events") or [])
                elif kind == "status":
                    self._touch(cred.id, waiting=msg.get("pending"))
                    peer.send({"type": "tick", "t": time.time()})
                else:
                    peer.send({"type": "error", "code": "unknown", "message": kind})
        finally:
            writer.cancel()
            if self._peers.get(cred.id) is peer:
                del self._peers[cred.id]
                self._touch(cred.id, contact=False, online=False)

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
                print(f"signdesk hub: could not store events: {exc!r}", file=sys.stderr)
                for peer in {p for p, _ in batch}:
                    asyncio.ensure_future(peer.ws.close(1011, "hub could not store events"))

    def _commit(self, batch: list[tuple[_Peer, list[Any]]]) -> None:
        """Insert desks' events (idempotent by id), acknowledge each desk, forward them all."""
        assert self.store is not None
        store = self.store
        replies: list[tuple[_Peer, list[dict[str, Any]], int]] = []
        base = int(store.get_meta(SEQ_BASE, "0") or 0)
        with store.transact():
            for peer, rows in batch:
                acks: list[dict[str, Any]] = []
                lost = 0
                for row in rows:
                    try:
                        fields = event_from_wire(row)
                    except ProtocolError:
                        continue
                    ack = self._insert(store, fields, base)
                    acks.append(ack)
                    lost += bool(ack.get("duplicate")) and fields["desk"] == peer.cred.name
                replies.append((peer, acks, lost))
        for peer, acks, lost in replies:
            if lost:
                with self._lock:
                    self._seen.setdefault(peer.cred.id, _Seen()).duplicates += lost
            self._touch(peer.cred.id)
            peer.send({"type": "ack", "acks": acks})
        self._pump()

    def _insert(self, store: Store, fields: dict[str, Any], base: int) -> dict[str, Any]:
        """One pushed event into the file (inside the caller's transaction); its ack."""
        existing = store.event(fields["id"])
        if existing is not None:
            return {"id": existing.id, "hub_seq": existing.hub_seq}
        duplicate = None
        if fields["kind"] == EventKind.ARRIVE:
            before = fold(store.events_for(fields["member_id"]))
            if before.in_hall and before.arrival is not None:
                duplicate = {"desk": before.arrival.desk, "at": before.arrival.at,
                             "event": before.arrival.id}
        # An event numbered by an earlier hub (before a hand-over) keeps its
        # number; everything else joins the end of this hub's order.
        old = fields["hub_seq"]
        if old is None or old >= base or store.one(
                "SELECT 1 FROM events WHERE hub_seq = ?", (old,)):
            fields["hub_seq"] = next_hub_seq(store)
        try:
            ev = store.insert_event(**fields)
        except sqlite3.IntegrityError as exc:  # e.g. a member this meeting lacks
            return {"id": fields["id"], "rejected": str(exc)}
        assert ev is not None
        return {"id": ev.id, "hub_seq": ev.hub_seq, "duplicate": duplicate}


def _row_sets(roster: dict[str, list[list[Any]]]) -> dict[str, set[tuple]]:
    return {table: {tuple(r) for r in rows} for table, rows in roster.items()}


def run_hub(args: argparse.Namespace) -> int:
    """``main.py hub FILE``: serve a meeting until interrupted; prints address and pairing code."""
    hub = Hub(args.file, host=args.host, port=args.port, discovery=not args.no_discovery)
    try:
        address = hub.start()
    except HubError as exc:
        print(f"signdesk: {exc}", file=sys.stderr)
        return 2
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    if hub.took_over:
        print(f"SIGNDESK TAKEOVER {hub.took_over}")
    print(f"SIGNDESK HUB {address}")
    print(f"SIGNDESK PAIR {hub.pairing_code}")
    print(f"SIGNDESK MEETING {hub.meeting_uid} {hub.meeting_title}")
    sys.stdout.flush()
    try:
        while not stop.wait(0.5):
            if hub._thread is None or not hub._thread.is_alive():
                return 1
    finally:
        hub.stop()
    return 0
