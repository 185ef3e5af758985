"""Helpers for the link tests: real hubs, real desks, a cuttable TCP proxy, convergence checks."""

from __future__ import annotations

import os
import selectors
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from data.store import Store
from kiosk.checkin import CheckinResult, Desk, check_in
from kiosk.link.client import DeskLink, Notice, join_meeting
from kiosk.turnout import tally_of

ROOT = Path(__file__).resolve().parents[2]


def figures(path: Path) -> dict:
    """The turnout figures of a meeting file, as the dashboard shows them."""
    with Store.open(path) as store:
        return tally_of(store).figures().as_dict()


def event_ids(path: Path) -> list[str]:
    """Every event id in a file (a list, so repeats would show)."""
    with Store.open(path) as store:
        return [r[0] for r in store.all("SELECT id FROM events")]


def pending(path: Path) -> int:
    """Events of a replica not yet acknowledged."""
    with Store.open(path) as store:
        return int(store.one("SELECT count(*) FROM events WHERE hub_seq IS NULL")[0])


def wait_for(predicate: Callable[[], bool], timeout: float = 15.0, what: str = "") -> None:
    """Poll until true; fail the test with ``what`` otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    assert predicate(), f"timed out waiting for {what}"


def converged(hub: Path, replicas: list[Path]) -> bool:
    """Every replica holds the hub's events, has nothing waiting, and shows the hub's figures."""
    want = set(event_ids(hub))
    want_fig = figures(hub)
    return all(set(event_ids(r)) == want and pending(r) == 0 and figures(r) == want_fig
               for r in replicas)


def assert_converged(hub: Path, replicas: list[Path], timeout: float = 20.0) -> None:
    """Wait for convergence and check the hub holds each event exactly once."""
    wait_for(lambda: converged(hub, replicas), timeout, "desks to converge with the hub")
    ids = event_ids(hub)
    assert len(ids) == len(set(ids))
    fig = figures(hub)
    for r in replicas:
        assert figures(r) == fig


def cards_by_branch(path: Path) -> dict[str, list[str]]:
    """Card codes of members expected to attend, by branch name, in roster order."""
    with Store.open(path) as store:
        cards = store.current_cards()
        out: dict[str, list[str]] = {}
        for m in store.members():
            if m.status == "active" and m.category != "observer" and m.id in cards:
                out.setdefault(m.branch, []).append(cards[m.id])
    return out


class TestDesk:
    """A desk as the window runs it: a replica, a DeskLink, and check-ins on its own connection."""

    __test__ = False

    def __init__(self, hub_address: str, code: str, name: str, folder: Path,
                 *, start: bool = True, address: str | None = None) -> None:
        self.name = name
        self.path = folder / f"{name}.sqlite"
        join_meeting(self.path, code=code, desk=name, address=hub_address)
        self.acked: set[str] = set()
        self.notices: list[Notice] = []
        self._lock = threading.Lock()
        self.link = DeskLink(self.path, address=address, discovery=False,
                             on_ack=self._on_ack, on_notice=self.notices.append, retry_max=0.5)
        self.recorded: list[str] = []
        if start:
            self.link.start()

    def _on_ack(self, ids: list[str]) -> None:
        with self._lock:
            self.acked.update(ids)

    def scan(self, code: str) -> CheckinResult:
        """Sign a card in at this desk, as the desk window does (own connection, then nudge)."""
        with Store.open(self.path) as store:
            result = check_in(store, code, Desk(self.name, "tester"))
        if result.event is not None:
            self.recorded.append(result.event.id)
        self.link.nudge()
        return result

    def stop(self) -> None:
        """Stop the link."""
        self.link.stop()


def start_hub_process(path: Path, port: int = 0) -> tuple[subprocess.Popen, str, str]:
    """``main.py hub`` in a subprocess; returns it with its address and pairing code."""
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "hub", str(path), "--host", "127.0.0.1",
         "--port", str(port), "--no-discovery"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    address = code = ""
    assert proc.stdout is not None
    while not (address and code):
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"hub did not start: {proc.stderr.read() if proc.stderr else ''}")
        if line.startswith("SIGNDESK HUB "):
            address = line.split()[2]
        elif line.startswith("SIGNDESK PAIR "):
            code = line.split()[2]
    return proc, address, code


class Proxy:
    """A TCP relay between a desk and the hub that a test can cut and restore (a network outage)."""

    def __init__(self, upstream: str) -> None:
        host, port = upstream.rsplit(":", 1)
        self.upstream = (host, int(port))
        self.port = 0
        self._listener: socket.socket | None = None
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.restore()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def restore(self) -> None:
        """Accept connections again (on the same port)."""
        lst = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        lst.bind(("127.0.0.1", self.port))
        lst.listen(16)
        self.port = lst.getsockname()[1]
        self._listener = lst
        self._stop.clear()
        threading.Thread(target=self._accept, args=(lst,), daemon=True).start()

    def cut(self) -> None:
        """Drop every connection and refuse new ones."""
        self._stop.set()
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        with self._lock:
            for c in self._conns:
                try:
                    c.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                c.close()
            self._conns.clear()

    def _accept(self, lst: socket.socket) -> None:
        while not self._stop.is_set():
            try:
                down, _ = lst.accept()
            except OSError:
                return
            try:
                up = socket.create_connection(self.upstream, timeout=2)
            except OSError:
                down.close()
                continue
            with self._lock:
                self._conns += [down, up]
            threading.Thread(target=self._relay, args=(down, up), daemon=True).start()

    def _relay(self, a: socket.socket, b: socket.socket) -> None:
        sel = selectors.DefaultSelector()
        sel.register(a, selectors.EVENT_READ, b)
        sel.register(b, selectors.EVENT_READ, a)
        try:
            while not self._stop.is_set():
                for key, _ in sel.select(0.2):
                    data = key.fileobj.recv(65536)  # type: ignore[union-attr]
                    if not data:
                        return
                    key.data.sendall(data)
        except OSError:
            return
        finally:
            sel.close()
            for s in (a, b):
                s.close()
