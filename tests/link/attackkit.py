"""Tools for attacking a real hub: a hand-written WebSocket client that can send
anything (and never read), a hub process with its log in a file, its memory,
and an honest desk's round trip."""

from __future__ import annotations

import base64
import json
import os
import resource
import socket
import ssl
import subprocess
import sys
import time
import zlib
from pathlib import Path
from typing import Any

from linkkit import ROOT, TestDesk, wait_for

from data.store import Store
from kiosk.link import identity
from kiosk.link.client import desk_context
from kiosk.link.protocol import PROTOCOL, SUBPROTOCOL

MEMORY_BOUND_MB = 300
"""The hub process of the demo meeting stays under this resident size under every attack."""
ROUND_TRIP_BOUND = 1.0
"""An honest desk's check-in is acknowledged within this many seconds under attack."""


def raise_file_limit(want: int = 4096) -> None:
    """Let this process (and the hub it starts) hold a few thousand sockets."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = want if hard == resource.RLIM_INFINITY else min(want, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


class HubProcess:
    """``main.py hub`` in a subprocess with its standard error in a file."""

    def __init__(self, path: Path, log: Path) -> None:
        self.log = log
        self._err = log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "hub", str(path), "--host", "127.0.0.1",
             "--port", "0", "--no-discovery", "--keep-code"],
            stdout=subprocess.PIPE, stderr=self._err, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.address = self.code = ""
        assert self.proc.stdout is not None
        while not (self.address and self.code):
            line = self.proc.stdout.readline()
            if not line:
                raise AssertionError(f"hub did not start: {log.read_text()[-2000:]}")
            if line.startswith("SIGNDESK HUB "):
                self.address = line.split()[2]
            elif line.startswith("SIGNDESK PAIR "):
                self.code = line.split()[2]

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def rss_mb(self) -> float:
        """Resident memory of the hub process in MiB."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise AssertionError("no VmRSS")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._err.close()


class RawWS:
    """A WebSocket client written by hand: it sends any frame and reads only when asked."""

    def __init__(self, address: str, *, source: str = "127.0.0.1", handshake: bool = True,
                 context: ssl.SSLContext | None = None) -> None:
        host, port = address.rsplit(":", 1)
        raw = socket.create_connection((host, int(port)), timeout=10, source_address=(source, 0))
        # TLS as every desk speaks it: a stranger with no certificate, or a
        # paired desk with the certificate its hub signed (``desk_tls``).
        self.sock = (context or identity.pairing_context()).wrap_socket(
            raw, server_hostname=identity.SERVER_NAME)
        self.closed_code: int | None = None
        self._buf = b""
        if handshake:
            key = base64.b64encode(os.urandom(16)).decode()
            self.sock.sendall(
                f"GET / HTTP/1.1\r\nHost: {address}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                f"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: {SUBPROTOCOL}\r\n\r\n"
                .encode())
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = self.sock.recv(4096)
                if not chunk:
                    raise ConnectionError("closed during the handshake")
                head += chunk
            if b" 101 " not in head.split(b"\r\n", 1)[0]:
                raise ConnectionError(head.split(b"\r\n", 1)[0].decode())
            self._buf = head.split(b"\r\n\r\n", 1)[1]

    def send_frame(self, payload: bytes, opcode: int = 1) -> None:
        """One frame (masked with a zero key, which RFC 6455 allows)."""
        n = len(payload)
        if n < 126:
            head = bytes([0x80 | opcode, 0x80 | n])
        elif n < 65536:
            head = bytes([0x80 | opcode, 0x80 | 126]) + n.to_bytes(2, "big")
        else:
            head = bytes([0x80 | opcode, 0x80 | 127]) + n.to_bytes(8, "big")
        self.sock.sendall(head + b"\0\0\0\0" + payload)

    def send_json(self, message: dict[str, Any] | str) -> None:
        """A text frame; a str is sent as it is (e.g. JSON with a lone surrogate escape)."""
        text = message if isinstance(message, str) else json.dumps(message)
        self.send_frame(text.encode("utf-8"))

    def _read(self, n: int) -> bytes:
        while len(self._buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            self._buf += chunk
        out, self._buf = self._buf[:n], self._buf[n:]
        return out

    def recv(self) -> dict[str, Any] | None:
        """The next message from the hub (None once it closed the connection)."""
        while True:
            try:
                b0, b1 = self._read(2)
                n = b1 & 0x7F
                if n == 126:
                    n = int.from_bytes(self._read(2), "big")
                elif n == 127:
                    n = int.from_bytes(self._read(8), "big")
                payload = self._read(n)
            except (ConnectionError, OSError):
                return None
            opcode = b0 & 0x0F
            if opcode == 8:
                self.closed_code = int.from_bytes(payload[:2], "big") if len(payload) >= 2 else 1005
                return None
            if opcode == 9:  # ping: answer, as a well-behaved client would
                self.send_frame(payload, 10)
                continue
            if opcode == 1:
                return json.loads(payload)
            if opcode == 2:
                return json.loads(zlib.decompress(payload))

    def until(self, kind: str, timeout: float = 10.0) -> dict[str, Any]:
        """Read until a message of ``kind`` (fail on close or timeout)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = self.recv()
            if msg is None:
                raise AssertionError(f"closed ({self.closed_code}) before {kind}")
            if msg.get("type") == kind:
                return msg
        raise AssertionError(f"no {kind} within {timeout} s")

    def closed_by_hub(self, timeout: float = 10.0) -> bool:
        """Read (and drop) whatever comes until the hub closes the connection."""
        self.sock.settimeout(timeout)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.recv() is None:
                return True
        return False

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass


def desk_tls(replica: Path) -> ssl.SSLContext:
    """The TLS identity a joined desk keeps (the attacker's stolen or misbehaving desk)."""
    with Store.open(replica) as store:
        context = desk_context(store)
    assert context is not None
    return context


def hello(ws: RawWS, **extra: Any) -> dict[str, Any]:
    """Say hello as a paired desk; returns the welcome."""
    ws.send_json({"type": "hello", "proto": PROTOCOL, **extra})
    return ws.until("welcome")


def raw_desk(address: str, code: str, folder: Path, name: str = "1号台") -> RawWS:
    """A paired desk speaking raw WebSocket, past its hello: joined once per folder and
    name (the replica ``raw-NAME.sqlite`` keeps its identity), then reconnecting."""
    from data.sync import sync_state
    from kiosk.link.client import join_meeting

    replica = folder / f"raw-{name}.sqlite"
    if not replica.exists():
        join_meeting(replica, code=code, desk=name, address=address, timeout=30)
    ws = RawWS(address, context=desk_tls(replica))
    with Store.open(replica) as store:
        state = sync_state(store)
    hello(ws, meeting=state.meeting, term=state.term, pos=state.cursor,
          fingerprint=state.fingerprint)
    return ws


def round_trip(desk: TestDesk, code: str) -> float:
    """Seconds from a check-in committed at an honest desk to the hub's acknowledgement
    (opening the replica for the scan, which checks its integrity, is not counted)."""
    result = desk.scan(code)
    t0 = time.monotonic()
    assert result.event is not None, result
    wait_for(lambda: result.event.id in desk.acked, 15, "the honest desk's ack")
    return time.monotonic() - t0
