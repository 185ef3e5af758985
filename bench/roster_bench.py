"""Roster import speed: the same roster as .xlsx and as CSV, in the same run.

Builds an export shaped like the national party-member system's (title rows,
19 columns, several branches, dates as date cells) of N rows, writes it as
CSV (UTF-8 with BOM, as Excel saves it) and as .xlsx, and imports each into a
fresh meeting file in its own process (so peak memory is each one's own).
Prints read (parse) time, whole import time, peak memory and the ratio of
.xlsx to CSV. The goal: .xlsx within 2x of CSV at 100,000 rows.

    .venv/bin/python -m bench.roster_bench --rows 100000
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = ["序号", "姓名", "性别", "公民身份证号码", "民族", "出生日期", "学历", "人员类别",
          "所在党支部", "加入党组织日期", "转为正式党员日期", "工作岗位", "联系电话", "固定电话",
          "家庭住址", "党籍状态", "是否失联党员", "是否流动党员", "外出流向"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅志强文玉兰海燕"
_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _id_number(rng: random.Random, born: date) -> str:
    body = f"310101{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, _W, strict=True)) % 11]


def rows(n: int, seed: int = 7) -> list[list[object]]:
    """N member rows in the national export's columns (dates as dates)."""
    rng = random.Random(seed)
    out: list[list[object]] = []
    for i in range(n):
        born = date(1930, 1, 1) + timedelta(days=rng.randrange(27000))
        joined = born + timedelta(days=365 * 20 + rng.randrange(9000))
        prob = rng.random() < 0.03
        out.append([
            i + 1, rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))),
            rng.choice("男女"), _id_number(rng, born), "汉族", born, rng.choice(["大专", "本科", "高中"]),
            "预备党员" if prob else "正式党员", f"第{(i % 40) + 1}党支部", joined,
            None if prob else joined + timedelta(days=365), rng.choice(["退休", "职员", ""]),
            f"13{rng.randrange(10**9):09d}", "", "", "停止党籍" if rng.random() < 0.001 else "正常",
            "是" if rng.random() < 0.005 else "否", "是" if rng.random() < 0.01 else "否", "",
        ])
    return out


def write_files(tmp: Path, n: int) -> tuple[Path, Path]:
    """The same roster as CSV and as .xlsx (two title rows above the header)."""
    data = rows(n)
    titles = [["中共北郊居民区总支部委员会党员信息"], ["导出时间：2026-11-20"]]
    csv_path = tmp / "roster.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerows(titles)
        w.writerow(HEADER)
        for r in data:
            w.writerow(["" if v is None else (v.isoformat() if isinstance(v, date) else v)
                        for v in r])
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("党员信息")
    for t in titles:
        ws.append(t)
    ws.append(HEADER)
    for r in data:
        ws.append(r)
    xlsx_path = tmp / "roster.xlsx"
    wb.save(xlsx_path)
    return csv_path, xlsx_path


_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from kiosk.meeting import create_meeting
from kiosk.roster import import_roster, parse_roster
t0 = time.perf_counter()
roster = parse_roster({path!r})
t1 = time.perf_counter()
with create_meeting({meeting!r}, title="t", date="2026-11-28") as store:
    report = import_roster(store, roster, "bench")
t2 = time.perf_counter()
print(json.dumps({{"read": t1 - t0, "total": t2 - t0, "added": len(report.added),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def run_one(path: Path, meeting: Path) -> dict:
    """Import one file in a fresh process; its times and peak memory."""
    proc = subprocess.run([sys.executable, "-c", _CHILD.format(root=str(ROOT), path=str(path),
                                                               meeting=str(meeting))],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def main() -> None:
    """Measure and print."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        csv_path, xlsx_path = write_files(tmp, a.rows)
        print(f"roster of {a.rows} rows: CSV {csv_path.stat().st_size / 2**20:.1f} MB, "
              f"xlsx {xlsx_path.stat().st_size / 2**20:.1f} MB")
        results: dict[str, list[dict]] = {"csv": [], "xlsx": []}
        for i in range(a.repeat):
            for kind, path in (("csv", csv_path), ("xlsx", xlsx_path)):
                r = run_one(path, tmp / f"m-{kind}-{i}.sqlite")
                assert r["added"] == a.rows, r
                results[kind].append(r)
        best = {k: min(v, key=lambda r: r["total"]) for k, v in results.items()}
        for kind, r in best.items():
            print(f"{kind:<5} read {r['read']:.2f} s, import (read + write) {r['total']:.2f} s, "
                  f"peak {r['peak_mb']:.0f} MB")
        print(f"xlsx / csv: read {best['xlsx']['read'] / best['csv']['read']:.2f}x, "
              f"import {best['xlsx']['total'] / best['csv']['total']:.2f}x (goal < 2x)")


if __name__ == "__main__":
    main()
