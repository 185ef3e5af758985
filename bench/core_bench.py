"""Core benchmarks on a 100,000-member meeting file.

    .venv/bin/python -m bench.core_bench [--members 100000] [--checkins 400]

Prints:
- check-in latency (decision + durable commit) next to a bare one-row
  INSERT+COMMIT with the same pragmas, interleaved in the same run so machine
  noise hits both alike; the goal is a ratio of at most 1.3;
- check-in by resident ID number (HMAC of the number, lookup by hash) next to
  check-in by card, interleaved on other members of the same file;
- search latency per query (goal p99 under 15 ms);
- roster import time for the same number of rows from CSV and from XLSX.
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from bench.big_meeting import big_roster, build_big_meeting
from data.store import Store
from kiosk.checkin import Desk, check_in
from kiosk.meeting import create_meeting
from kiosk.roster import import_file
from kiosk.search import SearchIndex


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) of values, nearest rank."""
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q / 100 * len(s)) - 1))]


def ms(x: float) -> str:
    return f"{x * 1000:.2f} ms"


def bench_checkin(store: Store, tmp: Path, n: int) -> None:
    bare = sqlite3.connect(tmp / "bare.sqlite", isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        bare.execute(f"PRAGMA {pragma}")
    bare.execute("CREATE TABLE t (id TEXT PRIMARY KEY, v TEXT)")
    # A second baseline: the same one-row write into a meeting file's own events
    # table (its indexes make each commit write more pages than a bare table).
    same = Store.open(tmp / "same.sqlite", create=True)
    same.db.execute("INSERT INTO branches(id, name, position) VALUES (1, 'b', 1)")
    same.db.execute("INSERT INTO members(id, name, branch_id) VALUES (1, 'm', 1)")
    cards = store.current_cards()
    desk_of = {b.id: b.desk_name for b in store.branches()}
    members = random.Random(1).sample(store.members(), n)
    ours, base, events = [], [], []
    for i, m in enumerate(members):
        t0 = time.perf_counter()
        bare.execute("BEGIN IMMEDIATE")
        bare.execute("INSERT INTO t VALUES (?, ?)", (f"{i:032d}", "x" * 60))
        bare.execute("COMMIT")
        base.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        same.db.execute("BEGIN IMMEDIATE")
        same.db.execute(
            "INSERT INTO events (id, kind, member_id, desk, operator, method, at, hub_seq) "
            "VALUES (?, 'arrive', 1, '1号台', 'bench', 'scan', '2026-11-28T09:00:00+08:00', ?)",
            (f"{i:032x}", i + 1))
        same.db.execute("COMMIT")
        events.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        r = check_in(store, cards[m.id], Desk(desk_of[m.branch_id], "bench"))
        ours.append(time.perf_counter() - t0)
        assert r.recorded, r.outcome
    p50, p99 = statistics.median(ours), pct(ours, 99)
    b50, b99 = statistics.median(base), pct(base, 99)
    print(f"check-in ({n}, durable): p50 {ms(p50)}  p99 {ms(p99)}")
    print(f"bare INSERT+COMMIT   : p50 {ms(b50)}  p99 {ms(b99)}")
    e50, e99 = statistics.median(events), pct(events, 99)
    print(f"bare event INSERT+COMMIT (same schema): p50 {ms(e50)}  p99 {ms(e99)}")
    print(f"ratio check-in/bare  : p50 {p50 / b50:.2f}x  p99 {p99 / b99:.2f}x  (goal <= 1.3x)")
    print(f"ratio check-in/event : p50 {p50 / e50:.2f}x  p99 {p99 / e99:.2f}x")
    same.close()


def bench_idcard(store: Store, n: int) -> None:
    """Check-in by ID number vs by card, interleaved, on members the other bench left alone."""
    by_number = {r.number: r.id_number for r in big_roster(len(store.members())).rows}
    cards = store.current_cards()
    desk_of = {b.id: b.desk_name for b in store.branches()}
    members = random.Random(2).sample(store.members(), 4 * n)
    members = [m for m in members if not store.events_for(m.id)][: 2 * n]
    by_id, by_card = [], []
    for k, m in enumerate(members):
        desk = Desk(desk_of[m.branch_id], "bench")
        t0 = time.perf_counter()
        r = check_in(store, by_number[m.number] if k % 2 else cards[m.id], desk)
        (by_id if k % 2 else by_card).append(time.perf_counter() - t0)
        assert r.recorded and r.event.method == ("idcard" if k % 2 else "scan"), r.outcome
    print(f"check-in by ID number ({len(by_id)}, durable): p50 {ms(statistics.median(by_id))}  "
          f"p99 {ms(pct(by_id, 99))}")
    print(f"check-in by card      ({len(by_card)}, durable): "
          f"p50 {ms(statistics.median(by_card))}  p99 {ms(pct(by_card, 99))}")


def bench_search(store: Store) -> None:
    t0 = time.perf_counter()
    index = SearchIndex(store.members())
    print(f"search index build   : {ms(time.perf_counter() - t0)} for {len(index)} members")
    rnd = random.Random(2)
    sample = rnd.sample(index.members, 100)
    queries = []
    for m in sample:
        queries += [m.name, m.name[:1], m.pinyin.split()[0], m.pinyin.split()[0][:4],
                    m.initials.split()[0], m.phone[-4:], m.number or "", "wang", "zh"]
    times = []
    for q in queries:
        t0 = time.perf_counter()
        index.search(q)
        times.append(time.perf_counter() - t0)
    print(f"search ({len(queries)} queries): p50 {ms(statistics.median(times))}  "
          f"p99 {ms(pct(times, 99))}  max {ms(max(times))}  (goal p99 < 15 ms)")


def bench_import(tmp: Path, size: int) -> None:
    roster = big_roster(size)
    header = ["姓名", "支部", "党员编号", "性别", "出生年月", "手机", "党员类别"]
    rows = [[r.name, r.branch, r.number, r.gender, r.birth_date, r.phone,
             "预备党员" if r.category == "probationary" else "正式党员"] for r in roster.rows]
    csv_path = tmp / "roster.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(header)
    for r in rows:
        ws.append(r)
    xlsx_path = tmp / "roster.xlsx"
    wb.save(xlsx_path)
    for path in (csv_path, xlsx_path):
        store = create_meeting(tmp / f"import-{path.suffix[1:]}.sqlite", title="t", date="2026-11-28")
        t0 = time.perf_counter()
        report = import_file(store, path, "bench")
        took = time.perf_counter() - t0
        store.close()
        print(f"import {size} rows {path.suffix:<5}: {took:.2f} s ({len(report.added)} added)")


def main() -> None:
    """Run all core benchmarks and print their figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--members", type=int, default=100_000)
    ap.add_argument("--checkins", type=int, default=400)
    ap.add_argument("--dir", default=str(Path(__file__).resolve().parent),
                    help="where the temporary meeting files go (a real disk)")
    a = ap.parse_args()
    # On the real disk next to the project, not a RAM-backed /tmp, so that the
    # commits really wait for fsync.
    with tempfile.TemporaryDirectory(dir=a.dir) as d:
        tmp = Path(d)
        t0 = time.perf_counter()
        store = build_big_meeting(tmp / "big.sqlite", a.members)
        print(f"built a {a.members}-member meeting in {time.perf_counter() - t0:.1f} s")
        bench_checkin(store, tmp, a.checkins)
        bench_idcard(store, a.checkins // 2)
        bench_search(store)
        store.close()
        bench_import(tmp, a.members)


if __name__ == "__main__":
    main()
