"""Helpers for the link tests: real hubs, real desks, a cuttable TCP proxy, convergence checks."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from data.store import Store
from kiosk.checkin import CheckinResult, Desk, check_in
from kiosk.link.client import DeskLink, Notice, join_meeting
from kiosk.turnout import tally_of
from tests.netkit import Relay  # noqa: F401 - the tests' cuttable network cable
from tests.waiting import wait_for  # noqa: F401 - re-exported for the link tests

ROOT = Path(__file__).resolve().parents[2]


def figures(path: Path) -> dict:
    """The turnout figures of a meeting file, as the dashboard shows them."""
    with Store.open(path) as store:
        return tally_of(store).figures().as_dict()


def event_ids(path: Path) -> list[str]:
    """Every event id in a file (a list, so repeats would show), without those the
    hub refused (a replica keeps them, uncounted)."""
    with Store.open(path) as store:
        return [r[0] for r in store.all(
            "SELECT id FROM events WHERE id NOT IN (SELECT event_id FROM refused)")]


def pending(path: Path) -> int:
    """Events of a replica not yet acknowledged (nor refused)."""
    with Store.open(path) as store:
        return int(store.one("SELECT count(*) FROM events WHERE hub_seq IS NULL "
                             "AND id NOT IN (SELECT event_id FROM refused)")[0])


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
                 *, start: bool = True, address: str | None = None,
                 join_timeout: float = 30.0) -> None:
        self.name = name
        self.path = folder / f"{name}.sqlite"
        join_meeting(self.path, code=code, desk=name, address=hub_address, timeout=join_timeout)
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
         "--port", str(port), "--no-discovery", "--keep-code"],
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


