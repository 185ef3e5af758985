"""What inert exports cost: the attendance export with and without neutralising cells.

    .venv/bin/python bench/export_bench.py [--members 100000] [--kinds csv,xlsx]

Baseline, measured in the same run on the same rows: the rows as read from
the file written straight to CSV / XLSX (what SignDesk did before issue 11:
formulas and control characters passed through, a control character crashed
the XLSX). Measured: ``export_attendance`` (every cell through ``cell_text``,
every XLSX cell typed as a string, every CSV field quoted, owner-only file
written whole then renamed). Best of two runs each, alternating.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.big_meeting import build_big_meeting  # noqa: E402
from reports.export import HEADERS, attendance_rows, export_attendance  # noqa: E402


def _raw_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADERS)
        w.writerows(rows)


def _raw_xlsx(path: Path, rows: list[list[str]]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for r in rows:
        ws.append(r)
    wb.save(path)


def _best(fn, runs: int = 2) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--members", type=int, default=100_000)
    p.add_argument("--kinds", default="csv,xlsx", help="which exports, e.g. csv")
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        store = build_big_meeting(folder / "big.sqlite", a.members)
        try:
            for kind in a.kinds.split(","):
                out = folder / f"out.{kind}"
                raw = _raw_csv if kind == "csv" else _raw_xlsx

                def baseline() -> None:
                    raw(out, attendance_rows(store))  # noqa: B023 - run at once

                def inert() -> None:
                    export_attendance(store, out)  # noqa: B023 - run at once

                base, ours = [], []
                for _ in range(2):
                    base.append(_best(baseline, 1))
                    ours.append(_best(inert, 1))
                b, o = min(base), min(ours)
                print(f"{kind:>4}: {a.members} members  baseline {b:6.2f} s   "
                      f"inert export {o:6.2f} s   ratio {o / b:4.2f}x")
        finally:
            store.close()


if __name__ == "__main__":
    main()
