"""The headless desk (``main.py desk --headless``) as scripts use it, and joining a big meeting."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from linkkit import ROOT, Relay, TestDesk, assert_converged, cards_by_branch, wait_for

from data.store import Store
from kiosk.demo import BRANCHES, demo_roster
from kiosk.link.client import join_meeting
from kiosk.link.hub import Hub
from kiosk.meeting import create_meeting, update_settings
from kiosk.roster import import_roster


def _headless_desk(address: str, code: str, replica: Path) -> subprocess.Popen[str]:
    """``main.py desk --headless`` joining as 1号台, one JSON line per line given it."""
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "desk", "--headless", "--join", address,
         "--pair", code, "--name", "1号台", "--replica", str(replica)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )

def test_headless_desk_prints_results_and_the_duplicate_notice(
        hub: Hub, hub_path: Path, tmp_path: Path) -> None:
    with Store.open(hub_path) as store:
        update_settings(store, "test", wrong_desk_admits=1)
    cards = cards_by_branch(hub_path)
    shared = cards[BRANCHES[0]][0]
    proxy = Relay(hub.address)
    other = TestDesk(hub.address, hub.pairing_code, "2号台", tmp_path)
    replica = tmp_path / "headless.sqlite"
    proc = _headless_desk(proxy.address, hub.pairing_code, replica)
    assert proc.stdin is not None and proc.stdout is not None
    try:
        assert json.loads(proc.stdout.readline()) == {"link": "joined", "replica": str(replica)}
        proxy.cut()  # the headless desk loses the network …
        proc.stdin.write(f"{shared}\nNOT-A-CODE\n")
        proc.stdin.flush()
        first = json.loads(proc.stdout.readline())
        assert first["outcome"] == "welcome" and first["recorded"]
        assert first["link"]["pending"] == 1
        assert json.loads(proc.stdout.readline())["outcome"] in ("unreadable", "unknown")
        assert other.scan(shared).recorded  # … while desk 2 signs the same member in
        wait_for(lambda: other.link.status().pending == 0, 5, "desk 2's check-in at the hub")
        proxy.restore()
        notice = json.loads(proc.stdout.readline())
        assert notice["notice"] == "duplicate"
        assert notice["event"] == first["event"] and notice["earlier_desk"] == "2号台"
        out, err = proc.communicate("", timeout=30)
        assert proc.returncode == 0, err
        done = json.loads(out.strip().splitlines()[-1])
        assert done["link"] == "done" and done["pending"] == 0
        assert_converged(hub_path, [replica, other.path])
    finally:
        if proc.poll() is None:
            proc.kill()
        other.stop()
        proxy.cut()


def test_headless_desk_asks_the_hub_about_another_branchs_id_card(
        hub: Hub, hub_path: Path, tmp_path: Path) -> None:
    """Its replica holds only its own branches' ID hashes: another branch's card is asked of
    the hub and answered "go to X"; a nobody's number is the red unknown."""
    ids = {r.number: r.id_number for r in demo_roster().rows}
    with Store.open(hub_path) as store:
        other = next(m for m in store.members() if m.branch == BRANCHES[2]
                     and m.status == "active")
    replica = tmp_path / "headless.sqlite"
    proc = _headless_desk(hub.address, hub.pairing_code, replica)
    assert proc.stdin is not None and proc.stdout is not None
    try:
        assert json.loads(proc.stdout.readline())["link"] == "joined"
        nobody = "11010519491231002X"  # a right check character, nobody's
        out, err = proc.communicate(f"{ids[other.number]}\n{nobody}\n", timeout=60)
        lines = [json.loads(line) for line in out.strip().splitlines()]
        routed, unknown = (x for x in lines if "outcome" in x)
        assert routed["outcome"] == "wrong_desk" and routed["member"]["id"] == other.id
        assert routed["id_lookup"] == "answered" and routed["serving_desk"] == "3号台"
        assert ids[other.number] not in out  # masked, never in clear
        assert unknown["outcome"] == "id_unknown" and unknown["id_lookup"] == "answered"
    finally:
        if proc.poll() is None:
            proc.kill()


def test_headless_desk_without_a_pairing_code_says_what_to_do(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "desk", "--headless", "--name", "1号台",
         "--replica", str(tmp_path / "r.sqlite")],
        input="", capture_output=True, text=True, cwd=ROOT, timeout=30,
    )
    assert proc.returncode == 2
    assert "--pair" in proc.stderr


@pytest.mark.slow
def test_a_5000_member_meeting_joins_in_a_few_seconds(tmp_path: Path) -> None:
    path = tmp_path / "big.sqlite"
    store = create_meeting(path, title="大会", date="2026-11-28")
    import_roster(store, demo_roster(size=5000), actor="test")
    store.close()
    hub = Hub(path, host="127.0.0.1", port=0, discovery=False, keep_code=True)
    hub.start()
    try:
        t0 = time.perf_counter()
        replica = join_meeting(tmp_path / "d.sqlite", code=hub.pairing_code, desk="1号台",
                               address=hub.address)
        took = time.perf_counter() - t0
        with Store.open(replica) as r:
            assert len(r.members()) == 5000 and len(r.current_cards()) == 5000
            assert r.get_meta("role") == "replica"
        assert took < 10.0, f"joining took {took:.1f} s"
    finally:
        hub.stop()
