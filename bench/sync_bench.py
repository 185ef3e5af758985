"""Sync benchmark: 11 desks x 10 check-ins per second on loopback, through a real hub.

    .venv/bin/python bench/sync_bench.py [--seconds 60] [--desks 11] [--rate 10]
                                         [--mode both|validated|baseline]

The hub runs in its own process (``Hub`` as ``main.py hub`` builds it); each desk is its own
process running the same DeskLink the desk window uses, signing members in on
its replica at a steady rate. Every desk notes when each check-in committed
locally, when the hub acknowledged it (the hub commits before it acknowledges,
so this bounds "visible at the hub" from above) and when each other desk's
check-in was written into its replica. Printed: join time for the whole
meeting, latency percentiles, the hub's CPU use, and as a baseline measured in
the same run, the local commit time of a check-in (what a desk costs with no
network at all).

``--mode both`` (the default) runs the whole benchmark twice in one go, on
fresh files: first the baseline (the old path: the hub checks each event's
shape but not the meeting's rules), then with the hub validating every event
(kiosk/validate.py), and prints the two side by side. TLS with pinned
certificates is on in both (bench/tls_bench.py measures it against plain ws).
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of a non-empty list."""
    s = sorted(values)
    return s[max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))]


def fmt_ms(values: list[float]) -> str:
    """p50 / p95 / p99 / max in milliseconds."""
    if not values:
        return "no samples"
    return (f"p50 {percentile(values, 50) * 1000:7.1f} ms   p95 {percentile(values, 95) * 1000:7.1f} ms"
            f"   p99 {percentile(values, 99) * 1000:7.1f} ms   max {max(values) * 1000:7.1f} ms"
            f"   (n={len(values)})")


def cpu_seconds(pid: int) -> float:
    """User + system CPU a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ---- one desk (a child process) -------------------------------------------------------

def desk_worker(a: argparse.Namespace) -> int:
    """Join, wait for GO on stdin, sign in at a steady rate, then write what was timed."""
    from data.store import Store
    from kiosk.changes import Changes
    from kiosk.checkin import Desk, check_in
    from kiosk.link.client import DeskLink, join_meeting

    t0 = time.perf_counter()
    join_meeting(a.replica, code=a.code, desk=a.name, address=a.address, timeout=120)
    join_s = time.perf_counter() - t0
    codes = Path(a.codes).read_text().split()
    acks: dict[str, float] = {}
    seen: dict[str, float] = {}
    lock = threading.Lock()

    def on_ack(ids: list[str]) -> None:
        t = time.time()
        with lock:
            for i in ids:
                acks.setdefault(i, t)

    def on_change(ch: Changes) -> None:
        t = time.time()
        with lock:
            for ev in ch.events:
                seen.setdefault(ev.id, t)

    with Store.open(a.replica) as store:
        base_events = store.last_event_seq()
    link = DeskLink(a.replica, discovery=False, on_ack=on_ack, on_change=on_change).start()
    link.wait_until(lambda s: s.online, 30)
    print("READY", flush=True)
    sys.stdin.readline()  # GO
    commits: dict[str, float] = {}
    local: list[float] = []
    desk = Desk(a.name, "bench")
    with Store.open(a.replica) as store:
        start = time.time()
        for n, code in enumerate(codes):
            due = start + n / a.rate
            if due > start + a.seconds:
                break
            time.sleep(max(0.0, due - time.time()))
            c0 = time.perf_counter()
            result = check_in(store, code, desk)
            local.append(time.perf_counter() - c0)
            if result.event is not None:
                commits[result.event.id] = time.time()
                link.nudge()
        # Wait until ours are acknowledged and everyone's have arrived.
        deadline = time.time() + 30
        while time.time() < deadline:
            with lock:
                done = set(commits) <= set(acks)
            if done and store.last_event_seq() - base_events >= a.expect_total:
                break
            time.sleep(0.05)
    link.stop()
    Path(a.out).write_text(json.dumps({"join_s": join_s, "commits": commits, "acks": acks,
                                       "seen": seen, "local": local}))
    return 0


# ---- the conductor ----------------------------------------------------------------------

def build_meeting(path: Path, members: int) -> None:
    """A meeting big enough that no member is signed in twice; any desk serves any branch."""
    from kiosk.demo import demo_roster
    from kiosk.meeting import create_meeting
    from kiosk.roster import import_roster

    # Today: the hub refuses check-ins made outside the meeting's day.
    store = create_meeting(path, title="同步基准", date=datetime.date.today().isoformat())
    import_roster(store, demo_roster(size=members), actor="bench")
    store.close()


def hub_worker(a: argparse.Namespace) -> int:
    """The hub for one run: validating every event, or not (the baseline)."""
    import signal

    from kiosk.link.hub import Hub

    hub = Hub(a.hub_file, host="127.0.0.1", port=0, discovery=False, keep_code=True,
              validate=a.validate == "on")
    address = hub.start()
    print(f"SIGNDESK HUB {address}", flush=True)
    print(f"SIGNDESK PAIR {hub.pairing_code}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    while not stop.wait(0.5):
        pass
    hub.stop()
    return 0


def main() -> int:
    """Run the benchmark (baseline and validated, by default) and print its figures."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=60.0)
    p.add_argument("--desks", type=int, default=11)
    p.add_argument("--rate", type=float, default=10.0, help="check-ins per second per desk")
    p.add_argument("--members", type=int, default=0, help="roster size (default: enough)")
    p.add_argument("--keep", help="keep the files in this folder")
    p.add_argument("--mode", choices=("both", "validated", "baseline"), default="both",
                   help="validated hub, the old path (baseline), or both in one run")
    # Internal: one desk process, or the hub.
    p.add_argument("--desk-worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--hub-worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--hub-file", help=argparse.SUPPRESS)
    p.add_argument("--validate", default="on", help=argparse.SUPPRESS)
    for opt in ("address", "code", "name", "replica", "codes", "out"):
        p.add_argument(f"--{opt}", help=argparse.SUPPRESS)
    p.add_argument("--expect-total", type=int, default=0, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.desk_worker:
        return desk_worker(a)
    if a.hub_worker:
        return hub_worker(a)
    modes = ["baseline", "validated"] if a.mode == "both" else [a.mode]
    figures = {mode: run(a, mode) for mode in modes}
    if len(figures) == 2:
        print("\nside by side (same run)        baseline (old path)   validated")
        for key, label in (("hub_p95", "commit -> hub ack p95"),
                           ("all_p95", "commit -> every desk p95"),
                           ("all_p99", "commit -> every desk p99"),
                           ("cpu", "hub CPU, % of a core")):
            b, v = figures["baseline"][key], figures["validated"][key]
            unit = "%" if key == "cpu" else " ms"
            print(f"  {label:28s} {b:10.1f}{unit:3s}        {v:10.1f}{unit}")
    return 0 if all(f["ok"] for f in figures.values()) else 1


def run(a: argparse.Namespace, mode: str) -> dict[str, float]:
    """One whole benchmark against a hub in ``mode``; prints and returns its figures."""
    from data.store import Store

    print(f"\n== {mode}: " + ("the hub checks shapes only (the old path)" if mode == "baseline"
                               else "the hub validates every event (kiosk/validate.py)"))
    per_desk = int(a.seconds * a.rate) + 1
    members = a.members or max(5000, int(a.desks * per_desk * 1.1) + 200)
    folder = (Path(a.keep) / mode if a.keep
              else Path(tempfile.mkdtemp(prefix=f"signdesk-bench-{mode}-")))
    folder.mkdir(parents=True, exist_ok=True)
    hub_path = folder / "hub.sqlite"
    for f in folder.glob("*.sqlite*"):
        f.unlink()
    t0 = time.perf_counter()
    build_meeting(hub_path, members)
    print(f"meeting: {members} members built in {time.perf_counter() - t0:.1f} s  ({folder})")
    with Store.open(hub_path) as store:
        cards = store.current_cards()
        eligible = [cards[m.id] for m in store.members()
                    if m.status != "excluded" and m.id in cards]
    hub = subprocess.Popen(  # 11 desks pair with one kept code
        [sys.executable, __file__, "--hub-worker", "--hub-file", str(hub_path),
         "--validate", "on" if mode == "validated" else "off"],
        stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    address = code = ""
    assert hub.stdout is not None
    while not (address and code):
        line = hub.stdout.readline()
        if not line:
            raise SystemExit("the hub did not start")
        if line.startswith("SIGNDESK HUB "):
            address = line.split()[2]
        elif line.startswith("SIGNDESK PAIR "):
            code = line.split()[2]
    desks = []
    expect_total = 0
    for n in range(a.desks):
        mine = eligible[n * per_desk:(n + 1) * per_desk]
        expect_total += min(len(mine), per_desk)
        (folder / f"codes{n}.txt").write_text("\n".join(mine))
    for n in range(a.desks):
        proc = subprocess.Popen(
            [sys.executable, __file__, "--desk-worker", "--address", address, "--code", code,
             "--name", f"{n + 1}号台", "--replica", str(folder / f"desk{n + 1}.sqlite"),
             "--codes", str(folder / f"codes{n}.txt"), "--out", str(folder / f"desk{n + 1}.json"),
             "--rate", str(a.rate), "--seconds", str(a.seconds),
             "--expect-total", str(expect_total)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
        )
        desks.append(proc)
    for proc in desks:
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != "READY":
            raise SystemExit("a desk did not get ready")
    cpu0, wall0 = cpu_seconds(hub.pid), time.perf_counter()
    for proc in desks:
        assert proc.stdin is not None
        proc.stdin.write("GO\n")
        proc.stdin.flush()
    for proc in desks:
        proc.wait()
    cpu1, wall1 = cpu_seconds(hub.pid), time.perf_counter()
    hub.terminate()
    hub.wait()

    results = [json.loads((folder / f"desk{n + 1}.json").read_text()) for n in range(a.desks)]
    to_hub: list[float] = []
    to_desk: list[float] = []
    to_all: list[float] = []
    missing = 0
    for i, r in enumerate(results):
        for eid, t in r["commits"].items():
            if eid in r["acks"]:
                to_hub.append(r["acks"][eid] - t)
            others = [o["seen"].get(eid) for j, o in enumerate(results) if j != i]
            missing += sum(x is None for x in others)
            arrived = [x - t for x in others if x is not None]
            to_desk.extend(arrived)
            if len(arrived) == len(others) and arrived:
                to_all.append(max(arrived))
    local = [x for r in results for x in r["local"]]
    total = sum(len(r["commits"]) for r in results)
    with Store.open(hub_path) as store:
        at_hub = int(store.one("SELECT count(*) FROM events")[0])
    wall = wall1 - wall0
    print(f"run: {a.desks} desks x {a.rate:g}/s for {a.seconds:g} s on loopback; "
          f"{total} check-ins committed, {at_hub} at the hub, {missing} deliveries missing")
    print(f"join (download {members} members): "
          f"{statistics.median(r['join_s'] for r in results):.2f} s median, "
          f"{max(r['join_s'] for r in results):.2f} s slowest (11 desks joining at once)")
    print(f"baseline  local commit at the desk:   {fmt_ms(local)}")
    print(f"commit -> acknowledged by the hub:    {fmt_ms(to_hub)}")
    print(f"commit -> written at another desk:    {fmt_ms(to_desk)}")
    print(f"commit -> written at every other desk: {fmt_ms(to_all)}")
    if local and to_all:
        print(f"ratio p95 every-desk / p50 local commit: "
              f"{percentile(to_all, 95) / statistics.median(local):.1f}x")
    print(f"hub CPU: {cpu1 - cpu0:.1f} s over {wall:.1f} s = "
          f"{100 * (cpu1 - cpu0) / wall:.1f}% of one core")
    ok = bool(to_all) and percentile(to_all, 95) < 0.150 and at_hub == total and not missing
    print("goal p95 < 150 ms at every desk:", "MET" if ok else "NOT MET")
    return {"hub_p95": percentile(to_hub, 95) * 1000 if to_hub else math.nan,
            "all_p95": percentile(to_all, 95) * 1000 if to_all else math.nan,
            "all_p99": percentile(to_all, 99) * 1000 if to_all else math.nan,
            "cpu": 100 * (cpu1 - cpu0) / wall, "ok": ok}


if __name__ == "__main__":
    sys.exit(main())
