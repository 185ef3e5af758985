"""A laptop that was 3号台 at last month's meeting joins today's hub under the same name.

Its old replica is never resumed against a hub of another meeting: joining
starts a new replica, the old one is put aside (it still holds a check-in the
old hub never acknowledged), and the secretary is told in one sentence.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from linkkit import ROOT, cards_by_branch

from data.store import Store
from kiosk.checkin import Desk, check_in
from kiosk.demo import BRANCHES, build_demo
from kiosk.link.hub import Hub
from kiosk.link.joining import join_or_resume


def _old_replica(tmp: Path) -> Path:
    """Last month's meeting, its hub gone, and 3号台's replica with one unsent check-in."""
    last = tmp / "last-month.sqlite"
    build_demo(last, seed=7).close()
    hub = Hub(last, host="127.0.0.1", port=0, discovery=False)
    hub.start()
    replica = tmp / "desk-3号台.sqlite"
    try:
        join_or_resume(replica, code=hub.pairing_code, desk="3号台", address=hub.address)
    finally:
        hub.stop()
    card = cards_by_branch(last)[BRANCHES[2]][0]
    with Store.open(replica) as store:
        assert check_in(store, card, Desk("3号台", "t")).recorded  # never sent
    return replica


def test_headless_desk_joins_todays_meeting_with_last_months_replica(
        hub_path: Path, tmp_path: Path) -> None:
    replica = _old_replica(tmp_path)
    hub = Hub(hub_path, host="127.0.0.1", port=0, discovery=False)
    hub.start()
    today = cards_by_branch(hub_path)[BRANCHES[2]][0]
    try:
        out = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "desk", "--headless", "--join", hub.address,
             "--pair", hub.pairing_code, "--name", "3号台", "--replica", str(replica)],
            input=today + "\n", capture_output=True, text=True, cwd=ROOT, timeout=90,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    finally:
        hub.stop()
    lines = [json.loads(x) for x in out.stdout.splitlines() if x.startswith("{")]
    told = [x for x in lines if x.get("link") == "new_meeting"]
    assert told, out.stdout + out.stderr
    assert "put aside" in told[0]["message"] and "1 check-ins" in told[0]["message"]
    aside = Path(told[0]["set_aside"])
    assert aside.exists() and aside != replica
    with Store.open(aside) as store:  # last month's copy, with its unsent check-in
        assert store.one("SELECT count(*) FROM events WHERE hub_seq IS NULL")[0] == 1
    scans = [x for x in lines if "outcome" in x]
    assert scans and scans[0]["outcome"] == "welcome", scans
    with Store.open(replica) as store, Store.open(hub_path) as hub_store:
        assert store.meeting().uid == hub_store.meeting().uid
    assert lines[-1].get("pending") == 0


def test_same_meeting_keeps_the_replica(hub_path: Path, tmp_path: Path) -> None:
    hub = Hub(hub_path, host="127.0.0.1", port=0, discovery=False, keep_code=True)
    hub.start()
    try:
        replica = tmp_path / "desk.sqlite"
        first = join_or_resume(replica, code=hub.pairing_code, desk="3号台", address=hub.address)
        assert first.how == "joined"
        with Store.open(replica) as store:
            assert check_in(store, cards_by_branch(hub_path)[BRANCHES[2]][1],
                            Desk("3号台", "t")).recorded
        again = join_or_resume(replica, code=hub.pairing_code, desk="3号台", address=hub.address)
        assert again.how == "resumed" and again.set_aside is None
        with Store.open(replica) as store:
            assert store.one("SELECT count(*) FROM events")[0] == 1  # kept
    finally:
        hub.stop()
