"""Benchmark the printed outputs on a 4,000-member meeting.

    .venv/bin/python bench/reports_bench.py [--members 4000] [--keep DIR]

Goals (issue 5): attendance report under 2 s, invitation cards for 4,000
members under 15 s, certificates for 3,600 under 15 s. Each figure is also
given as a ratio to a baseline measured in the same run: reportlab writing the
same number of pages with one line of Chinese text each, which is the floor
any reportlab document of that length pays.

Goal (issue 12): the font chain (fallback fonts for rare characters, plus the
check that names members whose characters no font has) costs at most 1.3x the
base font alone. One member in 25 gets a rare character (Extensions A to G);
each document is written with the base font registered alone (what SignDesk
did before: those characters silently missing) and with the chain, alternately,
best of two each.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from kiosk.demo import BRANCHES, demo_roster, sign_in_share  # noqa: E402
from kiosk.meeting import assign_desk, create_meeting  # noqa: E402
from kiosk.roster import import_roster  # noqa: E402
from kiosk.turnout import tally_of  # noqa: E402
from reports.attendance import build_report  # noqa: E402
from reports.cards import build_cards  # noqa: E402
from reports.certificates import build_certificates  # noqa: E402
from reports.fonts import FONT_NAME, chain, cjk_font  # noqa: E402
from reports.glyphs import in_cards, in_certificates, in_report  # noqa: E402

RARE = "䶮𠮷𪟝𫢸𰻝"  # Extensions A, B, C, E, G


def with_rare_names(roster, every: int = 25):  # -> Roster
    """The roster with a rare character added to every ``every``-th name."""
    from dataclasses import replace

    rows = [replace(r, name=r.name + RARE[i // every % len(RARE)]) if i % every == 0 else r
            for i, r in enumerate(roster.rows)]
    return replace(roster, rows=rows)


def use_font(font) -> None:  # a reportlab TTFont
    """Make ``font`` the one the documents draw with (the builders ask for FONT_NAME)."""
    from reportlab.pdfbase import pdfmetrics

    from reports import layout

    pdfmetrics._fonts[FONT_NAME] = font  # noqa: SLF001 - a bench swapping fonts in place
    layout._width.cache_clear()  # noqa: SLF001 - widths are remembered per font name


def baseline(pages: int, out: Path) -> float:
    """Seconds for reportlab to write ``pages`` pages of one Chinese line each."""
    font = cjk_font().name
    t = time.perf_counter()
    c = Canvas(str(out), pagesize=A4, initialFontName=font, pageCompression=1)
    for n in range(pages):
        c.setFont(font, 12)
        c.drawString(72, 720, f"第 {n + 1} 页 参会证明 出席率")
        c.showPage()
    c.save()
    return time.perf_counter() - t


def pages_of(pdf: Path) -> int:
    """Page count (pypdf)."""
    import pypdf

    return len(pypdf.PdfReader(pdf).pages)


def fallback_ratios(store, present: list[int], tally, out: Path) -> list[tuple]:
    """(document, seconds with the base font alone, with the chain, the glyph check)."""
    from reportlab.pdfbase.ttfonts import TTFont

    chained = chain()
    plain = TTFont(FONT_NAME, chained.path, subfontIndex=chained.index)
    for ch in RARE:
        chained.font_of(ch)  # load the fallback fonts once, outside the timings
    jobs = {
        "report": lambda: build_report(store, out / "f.pdf", tally=tally),
        "cards": lambda: build_cards(store, out / "f.pdf"),
        "certificates": lambda: build_certificates(store, out / "f.pdf", member_ids=present,
                                                   tally=tally),
    }
    # the check the command runs on what the builder returns (names members and characters)
    checks = {"report": in_report, "cards": in_cards, "certificates": in_certificates}
    rows = []
    for name, job in jobs.items():
        best = {"base": float("inf"), "chain": float("inf")}
        for _round in range(2):
            for which, font in (("base", plain), ("chain", chained)):
                use_font(font)
                t = time.perf_counter()
                made = job()
                best[which] = min(best[which], time.perf_counter() - t)
        t = time.perf_counter()
        found = checks[name](store, made)
        rows.append((f"{name} ({len(found)} warnings)", best["base"], best["chain"],
                     time.perf_counter() - t))
    return rows


def main() -> int:
    """Build the meeting, time each document, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--members", type=int, default=4000)
    ap.add_argument("--certificates", type=int, default=3600)
    ap.add_argument("--keep", help="write the PDFs here instead of a temporary directory")
    a = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    out = Path(a.keep or tmp.name)
    out.mkdir(parents=True, exist_ok=True)

    t = time.perf_counter()
    path = out / "bench-meeting.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    store = create_meeting(path, title="北郊居民区党员大会（压力测试）", date="2026-11-28",
                           venue="北郊居民区活动中心二楼会议室")
    import_roster(store, with_rare_names(demo_roster(2026, a.members)), actor="bench")
    for n, branch in enumerate(BRANCHES, start=1):
        assign_desk(store, branch, f"{n}号台", actor="bench")
    with store.transact():  # one commit: building the fixture is not what is measured
        sign_in_share(store, 0.95)
    figures = tally_of(store).figures().total
    print(f"meeting: {a.members} members, expected {figures.expected}, present {figures.present}"
          f" (built in {time.perf_counter() - t:.1f} s)")
    cjk_font()  # register the font once, outside the timings (about 0.3 s)

    results = []

    t = time.perf_counter()
    build_report(store, out / "report.pdf")
    results.append(("attendance report", time.perf_counter() - t, out / "report.pdf", 2.0))

    t = time.perf_counter()
    cards = build_cards(store, out / "cards.pdf")
    results.append((f"cards for {len(cards)} members", time.perf_counter() - t,
                    out / "cards.pdf", 15.0))

    tally = tally_of(store)
    present = [m.id for m in store.members() if tally.presence(m.id).attended
               and m.category != "observer" and m.status != "excluded"][: a.certificates]
    t = time.perf_counter()
    build_certificates(store, out / "certificates.pdf", member_ids=present, tally=tally)
    results.append((f"certificates for {len(present)}", time.perf_counter() - t,
                    out / "certificates.pdf", 15.0))
    fallback = fallback_ratios(store, present, tally, out)
    store.close()

    print(f"{'document':<28} {'seconds':>8} {'goal':>6} {'pages':>6} {'MB':>6} "
          f"{'ms/page':>8} {'baseline s':>10} {'x baseline':>10}")
    for name, secs, pdf, goal in results:
        n = pages_of(pdf)
        base = baseline(n, out / "baseline.pdf")
        mark = "ok" if secs < goal else "SLOW"
        print(f"{name:<28} {secs:8.2f} {goal:6.0f} {n:6d} {pdf.stat().st_size / 1e6:6.1f} "
              f"{1000 * secs / n:8.2f} {base:10.2f} {secs / base:10.1f}  {mark}")
    print()
    print(f"{'font chain vs base font':<28} {'base s':>8} {'chain s':>8} {'check s':>8} "
          f"{'ratio':>6}  (goal <= 1.3)")
    for name, plain, chained, check in fallback:
        ratio = (chained + check) / plain
        print(f"{name:<28} {plain:8.2f} {chained:8.2f} {check:8.2f} {ratio:6.2f}  "
              f"{'ok' if ratio <= 1.3 else 'SLOW'}")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
