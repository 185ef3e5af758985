"""Desk bench: scan-to-result latency and memory of a desk on a 100,000-member meeting.

    .venv/bin/python bench/desk_bench.py [--members 100000] [--scans 300] [--keep DIR]

Builds two meetings with the real import (a baseline of 2,000 generated members
in 2 branches, and --members in 50 branches; one desk per branch), then
for each starts a *separate* desk process (so its memory is the desk's alone)
that opens the real DeskWindow and types each card code like a USB scanner
(keys 3 ms apart, then Enter) into whatever has focus. It times from the
Enter key to the result panel painted (ResultShown is emitted after a
synchronous repaint), for a mix of green / amber / blue / red results, and
reports p50/p95/p99/max, the same for scans with no Enter (which end after the
100 ms silence by design), a search keystroke on the roster, and the desk's
resident memory (VmRSS, VmHWM). Runs offscreen unless DISPLAY is set (then
xcb, e.g. under xvfb-run).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# ---- building the meetings (parent process) ------------------------------------------------

def build_big(path: Path, members: int, branches: int = 50, seed: int = 7) -> float:
    """A meeting with ``members`` generated members through the real import; returns seconds."""
    from kiosk.demo import EDUCATION, GIVEN, SURNAMES
    from kiosk.meeting import assign_desk, create_meeting
    from kiosk.roster import Roster, RosterRow, import_roster

    t = time.perf_counter()
    rnd = random.Random(seed)
    names = [f"第{n}支部" for n in range(1, branches + 1)]
    rows = []
    for i in range(members):
        rows.append(RosterRow(
            row=i + 2, name=rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2)))),
            branch=names[i % branches], number=f"9{i + 1:08d}", gender=rnd.choice("男女"),
            birth_date=f"{rnd.randint(1938, 1998)}-{rnd.randint(1, 12):02d}",
            education=rnd.choice(EDUCATION),
            phone=f"1{rnd.choice('3589')}{rnd.randint(0, 9)}{rnd.randint(0, 99999999):08d}",
            category="full" if rnd.random() > 0.07 else "probationary", status="active",
            reason="", notes="",
        ))
    store = create_meeting(path, title="十万人大会（压力测试）", date="2026-11-28")
    import_roster(store, Roster("bench", rows, {}), actor="bench")
    for n, b in enumerate(names, start=1):
        assign_desk(store, b, f"{n}号台", actor="bench")
    store.close()
    return time.perf_counter() - t


def build_baseline(path: Path) -> float:
    """The baseline: 2,000 members in 2 branches (a small residential area's meeting)."""
    return build_big(path, 2000, branches=2)


# ---- the desk (child process) ----------------------------------------------------------------

def _rss() -> dict[str, int]:
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            out[line.split(":")[0]] = int(line.split()[1]) // 1024
    return out


def _pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def child(path: str, scans: int) -> dict:
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("SIGNDESK_LANG", "zh_CN")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from data.store import Store
    from ui.desk.window import DeskWindow
    from ui.launcher import make_app

    app = make_app()
    rss_qt = _rss()
    t = time.perf_counter()
    win = DeskWindow(path, "1号台", kiosk=False)
    win.resize(1366, 768)
    win.show()
    for _ in range(20):
        app.processEvents()
    open_s = time.perf_counter() - t
    rss_open = _rss()

    # Only what the plan needs, so that the bench's own data stays out of the desk's memory.
    my_branch = win.session.my_branches()[0].id
    with Store.open(path) as store:
        prefix = store.meeting().code_prefix
        rows = store.all("SELECT m.branch_id, c.code FROM members m JOIN cards c ON c.member_id = m.id "
                         "AND c.revoked_at IS NULL WHERE m.branch_id = ? OR m.id % 97 = 0", (my_branch,))
    rnd = random.Random(3)
    mine = [code for b, code in rows if b == my_branch]
    others = [code for b, code in rows if b != my_branch]
    del rows
    rnd.shuffle(mine)
    plan: list[tuple[str, str]] = []
    fresh = iter(mine)
    done: list[str] = []
    for i in range(scans):
        kind = ("green", "green", "green", "amber", "blue", "red")[i % 6]
        if kind == "green" or (kind == "amber" and not done):
            code = next(fresh)
            done.append(code)
        elif kind == "amber":
            code = rnd.choice(done)
        elif kind == "blue":
            code = rnd.choice(others)
        else:
            code = prefix + "-" + "".join(rnd.choice("23456789ABCDEFGH") for _ in range(21))
        plan.append((kind, code))

    shown: list[tuple[object, float, float]] = []
    win.resultShown.connect(lambda r, k, p: shown.append((r, k, p)))

    def target():
        return QApplication.focusWidget() or win.search.box

    def type_scan(code: str, enter: bool) -> float:
        w = target()
        for ch in code:
            QTest.keyClick(w, ch)
            _pump(0.003)
        t0 = time.perf_counter()
        if enter:
            QTest.keyClick(w, Qt.Key.Key_Return)
        return t0

    def _pump(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()

    lat: dict[str, list[float]] = {}
    for kind, code in plan:
        n = len(shown)
        t0 = type_scan(code, enter=True)
        deadline = time.perf_counter() + 2
        while len(shown) == n and time.perf_counter() < deadline:
            app.processEvents()
        if len(shown) == n:
            raise SystemExit(f"no result for {code}")
        result, _k, painted = shown[-1]
        lat.setdefault(kind, []).append((painted - t0) * 1000)
        _pump(0.03)  # the lists and figures update after the paint; let them, as a desk would
    all_ms = [v for vs in lat.values() for v in vs]

    # Scanners without Enter: the scan ends after the 100 ms silence by design.
    rest = list(fresh)
    no_enter = []
    for code in rest[:20]:
        n = len(shown)
        t0 = type_scan(code, enter=False)
        while len(shown) == n:
            app.processEvents()
        no_enter.append((shown[-1][2] - t0) * 1000)

    # A keystroke in the search box: results as you type.
    search = []
    for q in ("w", "wa", "wan", "wang", "wangw", "zh", "zhang", "li", "13", "1357"):
        t0 = time.perf_counter()
        win.search.box.setText(q)
        win.search.results.repaint()
        search.append((time.perf_counter() - t0) * 1000)
    win.search.reset()

    # check_in alone, for scale (the domain call with its fsync'd commit).
    from kiosk.checkin import Desk, check_in
    with Store.open(path) as store:
        t_ci, outcomes = [], set()
        for code in rest[20:70]:
            t0 = time.perf_counter()
            outcomes.add(str(check_in(store, code, Desk("1号台", "bench")).outcome))
            t_ci.append((time.perf_counter() - t0) * 1000)
    rss_end = _rss()
    n_members = len(win.session.members)
    win.shutdown()
    return {
        "members": n_members, "platform": QApplication.platformName(),
        "open_s": round(open_s, 2),
        "scan_ms": {"n": len(all_ms), "p50": _pct(all_ms, 50), "p95": _pct(all_ms, 95),
                    "p99": _pct(all_ms, 99), "max": max(all_ms)},
        "scan_ms_by_colour": {k: {"n": len(v), "p50": _pct(v, 50), "p99": _pct(v, 99)}
                              for k, v in lat.items()},
        "no_enter_ms": {"n": len(no_enter), "p50": _pct(no_enter, 50), "p99": _pct(no_enter, 99)},
        "search_keystroke_ms": {"p50": _pct(search, 50), "max": max(search)},
        "check_in_only_ms": {"p50": _pct(t_ci, 50), "p99": _pct(t_ci, 99), "outcomes": sorted(outcomes)},
        "rss_mb": {"qt_app": rss_qt.get("VmRSS"), "desk_open": rss_open.get("VmRSS"),
                   "end": rss_end.get("VmRSS"), "peak": rss_end.get("VmHWM")},
    }


def run_child(path: Path, scans: int) -> dict:
    # Each run signs members in: work on a fresh copy so kept meetings stay untouched.
    run = path.with_name(f"run-{path.name}")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{run}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(path, run)
    out = subprocess.run([sys.executable, __file__, "--child", str(run), "--scans", str(scans)],
                         capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"desk child failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--members", type=int, default=100_000)
    ap.add_argument("--scans", type=int, default=300)
    ap.add_argument("--keep", help="build the meetings in this directory and keep them")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(child(a.child, a.scans)))
        return 0
    work = Path(a.keep or tempfile.mkdtemp(prefix="desk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    base, big = work / "baseline-2000.sqlite", work / f"big-{a.members}.sqlite"
    if not base.exists():
        print(f"building the 2,000-member baseline meeting: {build_baseline(base):.1f} s")
    if not big.exists():
        print(f"building {a.members:,}-member meeting: {build_big(big, a.members):.1f} s")
    results = {"baseline": run_child(base, a.scans), "big": run_child(big, a.scans)}
    b, g = results["baseline"], results["big"]
    print(f"platform: {g['platform']}; scans per run: {g['scan_ms']['n']} (keys 3 ms apart + Enter)")
    print(f"{'':34}{'baseline':>12}{'big':>12}{'ratio':>8}")

    def row(label: str, x: float, y: float, unit: str) -> None:
        print(f"{label:34}{x:>10.1f}{unit:>2}{y:>10.1f}{unit:>2}{(y / x if x else 0):>8.2f}")

    print(f"{'members':34}{b['members']:>12,}{g['members']:>12,}")
    row("desk open (s)", b["open_s"], g["open_s"], "s")
    for p in ("p50", "p95", "p99", "max"):
        row(f"Enter -> result painted {p}", b["scan_ms"][p], g["scan_ms"][p], "ms")
    for colour in ("green", "amber", "blue", "red"):
        row(f"  {colour} p99", b["scan_ms_by_colour"][colour]["p99"],
            g["scan_ms_by_colour"][colour]["p99"], "ms")
    row("no-Enter scan: last key -> painted p50", b["no_enter_ms"]["p50"], g["no_enter_ms"]["p50"], "ms")
    row("search keystroke p50", b["search_keystroke_ms"]["p50"], g["search_keystroke_ms"]["p50"], "ms")
    row("search keystroke max", b["search_keystroke_ms"]["max"], g["search_keystroke_ms"]["max"], "ms")
    row("check_in() alone p50", b["check_in_only_ms"]["p50"], g["check_in_only_ms"]["p50"], "ms")
    row("resident memory, desk open", b["rss_mb"]["desk_open"], g["rss_mb"]["desk_open"], "MB")
    row("resident memory, after scans", b["rss_mb"]["end"], g["rss_mb"]["end"], "MB")
    row("peak resident memory", b["rss_mb"]["peak"], g["rss_mb"]["peak"], "MB")
    p99, peak = g["scan_ms"]["p99"], g["rss_mb"]["peak"]
    print(f"goal p99 < 50 ms: {'met' if p99 < 50 else 'NOT met'} ({p99:.1f} ms); "
          f"goal < 250 MB: {'met' if peak < 250 else 'NOT met'} ({peak} MB peak)")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
