"""Dashboard refresh cost with 100,000 members and 100 check-ins a second from another process.

    .venv/bin/python bench/dashboard_bench.py [--members 100000] [--rate 100] [--seconds 10]

Builds a meeting of N members (through the real roster import), opens the
organizer's window (dashboard, members table, branches, settings) and the big
screen on it, and starts a second process that checks members in at the given
rate. Every 200 ms (the watcher's interval) it times, on the main thread:

- ``poll``: MeetingWatcher.poll() with every connected slot (figures, tiles,
  branch table, chart, feed, desks, members table, big screen);
- ``paint``: the processEvents() after it, where Qt repaints what changed;

and, as a baseline in the same run, what a refresh costs if it re-reads the
whole file instead (``tally_of(store).figures()``). Goal: poll + paint < 10 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WRITER = r"""
import sys, time
sys.path.insert(0, {root!r})
from data.store import Store
from kiosk.checkin import Desk, check_in
store = Store.open({path!r}, check=False)
cards = store.current_cards()
desk_of = {{b.id: b.desk_name for b in store.branches()}}
# Members not signed in yet, so a reused meeting file still gets new arrivals.
here = {{r[0] for r in store.all("SELECT member_id FROM events WHERE kind = 'arrive'")}}
members = [m for m in store.members() if m.id not in here and m.status != "excluded"]
rate, seconds = {rate}, {seconds}
start = time.perf_counter()
done = 0
for i, m in enumerate(members[: int(rate * seconds)]):
    due = start + i / rate
    delay = due - time.perf_counter()
    if delay > 0:
        time.sleep(delay)
    check_in(store, cards[m.id], Desk(desk_of[m.branch_id] or "1号台", "bench"))
    done += 1
elapsed = time.perf_counter() - start
print(f"{{done}} {{elapsed:.3f}}", flush=True)
"""


def build(path: Path, members: int, branches: int) -> float:
    """Create a meeting of ``members`` across ``branches`` branches; seconds taken."""
    from kiosk.meeting import assign_desk, create_meeting
    from kiosk.roster import Roster, RosterRow, import_roster

    t0 = time.perf_counter()
    names = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"
    rows = []
    for i in range(members):
        cat = "probationary" if i % 17 == 0 else "full"
        status, reason = ("leave", "生病") if i % 31 == 0 else (
            ("excluded", "长期卧床") if i % 53 == 0 else ("active", ""))
        rows.append(RosterRow(
            row=i + 2, name=names[i % 20] + given[(i // 20) % 20] + given[(i // 400) % 20],
            branch=f"第{i % branches + 1}支部", number=f"B{i:07d}", gender="男女"[i % 2],
            birth_date=f"{1940 + i % 60}-{i % 12 + 1:02d}", education="", phone=f"139{i:08d}",
            category=cat, status=status, reason=reason, notes=""))
    with create_meeting(path, title="十万人大会 (bench)", date="2026-11-28") as store:
        import_roster(store, Roster("bench", rows, {}), actor="bench")
        for b in range(branches):
            assign_desk(store, f"第{b + 1}支部", f"{b % 20 + 1}号台", actor="bench")
    return time.perf_counter() - t0


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main() -> int:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--members", type=int, default=100_000)
    ap.add_argument("--branches", type=int, default=50)
    ap.add_argument("--rate", type=float, default=100.0, help="check-ins per second")
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--keep", help="build (or reuse) the meeting at this path")
    ap.add_argument("--profile", action="store_true", help="print where refresh time goes")
    ap.add_argument("--profile-to", help="where --profile writes its stats")
    ap.add_argument("--no-big-screen", action="store_true", help="the dashboard alone")
    a = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="signdesk-bench-")
    path = Path(a.keep) if a.keep else Path(tmp) / "big.sqlite"
    if not path.exists():
        secs = build(path, a.members, a.branches)
        print(f"built {a.members} members in {a.branches} branches: {secs:.1f} s")

    from PySide6.QtCore import QSettings, Qt

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
    from ui.launcher import make_app

    app = make_app()
    from data.store import Store
    from kiosk.turnout import tally_of
    from ui.organizer.window import OrganizerWindow

    t0 = time.perf_counter()
    win = OrganizerWindow(path)
    win.resize(1366, 768)
    win.show()
    if not a.no_big_screen:
        hall = win.show_big_screen(None, full_screen=False)
        hall.resize(1920, 1080)
    app.processEvents()
    what = "window" if a.no_big_screen else "window + big screen"
    print(f"open {what} on {a.members} members: {time.perf_counter() - t0:.2f} s")
    # The members table over the whole roster: filter, search and sort.
    panel, model = win.members, win.members.model
    for label, act in (
        ("filter one branch", lambda: panel.branch_filter.setCurrentIndex(3)),
        ("filter absent", lambda: panel.status_filter.setCurrentIndex(
            panel.status_filter.findData("absent"))),
        ("all again", lambda: (panel.branch_filter.setCurrentIndex(0),
                               panel.status_filter.setCurrentIndex(0))),
        ("search '王伟'", lambda: panel.search.setText("王伟")),
        ("clear search", lambda: panel.search.setText("")),
        ("sort by name", lambda: panel.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)),
        ("sort by arrival", lambda: panel.table.sortByColumn(9, Qt.SortOrder.DescendingOrder)),
    ):
        t0 = time.perf_counter()
        act()
        print(f"members table, {label}: {(time.perf_counter() - t0) * 1000:.0f} ms "
              f"({model.rowCount()} rows)")
    win.watcher.timer.stop()  # the bench drives the polls itself, at the same interval
    interval = win.watcher.timer.interval() / 1000

    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER.format(root=str(ROOT), path=str(path), rate=a.rate,
                                             seconds=a.seconds)],
        stdout=subprocess.PIPE, text=True)
    polls: list[float] = []
    paints: list[float] = []
    cpu: list[float] = []
    events: list[int] = []
    seen = win.watcher.reader.last_seq
    profile = None
    if a.profile:
        import cProfile

        profile = cProfile.Profile()
    next_tick = time.perf_counter()
    while writer.poll() is None:
        next_tick += interval
        time.sleep(max(0.0, next_tick - time.perf_counter()))
        if profile is not None:
            profile.enable()
        c0, t0 = time.thread_time(), time.perf_counter()
        changed = win.watcher.poll()
        t1 = time.perf_counter()
        app.processEvents()
        t2, c2 = time.perf_counter(), time.thread_time()
        if profile is not None:
            profile.disable()
        if changed:
            polls.append((t1 - t0) * 1000)
            paints.append((t2 - t1) * 1000)
            cpu.append((c2 - c0) * 1000)
            events.append(win.watcher.reader.last_seq - seen)
            seen = win.watcher.reader.last_seq
    profile = None
    if a.profile:
        import cProfile

        profile = cProfile.Profile()
    out = writer.stdout.read().split() if writer.stdout else ["?", "?"]
    if not polls:
        print("no check-in arrived: nothing to measure")
        return 1
    # Baseline: a refresh that re-reads the whole file (what the watcher avoids).
    with Store.open(path, check=False) as store:
        full = []
        for _ in range(3):
            t0 = time.perf_counter()
            tally_of(store).figures()
            full.append((time.perf_counter() - t0) * 1000)
    f = win.watcher.figures()
    total = [p + q for p, q in zip(polls, paints, strict=True)]
    print(f"writer: {out[0]} check-ins in {out[1]} s from another process")
    print(f"refreshes: {len(polls)}, events per refresh: median {statistics.median(events):.0f}, "
          f"max {max(events)}")
    print(f"poll (watcher + all slots): median {statistics.median(polls):.2f} ms, "
          f"p95 {pct(polls, 95):.2f} ms, max {max(polls):.2f} ms")
    print(f"paint (processEvents after): median {statistics.median(paints):.2f} ms, "
          f"p95 {pct(paints, 95):.2f} ms, max {max(paints):.2f} ms")
    print(f"poll + paint: median {statistics.median(total):.2f} ms, "
          f"p95 {pct(total, 95):.2f} ms, max {max(total):.2f} ms")
    print(f"main-thread CPU per refresh: median {statistics.median(cpu):.2f} ms, "
          f"p95 {pct(cpu, 95):.2f} ms")
    print(f"baseline, full re-read per refresh: median {statistics.median(full):.0f} ms "
          f"({statistics.median(full) / statistics.median(total):.0f}x the incremental refresh)")
    print(f"goal < 10 ms per refresh: {'MET' if pct(total, 95) < 10 else 'NOT MET'} (p95)")
    print(f"final figures: present {f.present} of {f.expected} ({f.turnout}%)")
    if profile is not None:
        dump = Path(a.profile_to or Path(tmp) / "refresh.prof")
        profile.dump_stats(dump)
        print(f"profile of the refreshes written to {dump} (python -m pstats {dump})")
    win.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
