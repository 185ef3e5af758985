"""The arrivals chart of the attendance report (reportlab graphics, vector).

Bars: arrivals per time bucket (bucket width chosen so there are at most about
24 bars). Line: cumulative turnout against the right-hand percentage axis, so the
reader sees when the meeting became quorate.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors

from reports.fonts import cjk_font
from reports.layout import GREY, INK, RED, RULE

BAR = colors.HexColor("#4a78b5")
STEPS = (1, 2, 5, 10, 15, 20, 30, 60, 120, 240, 480, 1440)


def buckets(per_minute: list[tuple[str, int]], most: int = 24) -> tuple[list[tuple[datetime, int]], int]:
    """Group 'YYYY-MM-DD HH:MM' counts into equal buckets; returns (buckets, minutes each)."""
    if not per_minute:
        return [], 1
    stamps = [(datetime.strptime(k, "%Y-%m-%d %H:%M"), n) for k, n in per_minute]
    first, last = stamps[0][0], stamps[-1][0]
    span = int((last - first).total_seconds() // 60) + 1
    step = next((s for s in STEPS if span / s <= most), STEPS[-1])
    start = first.replace(minute=first.minute - first.minute % step) if step <= 60 else \
        first.replace(minute=0)
    count = int((last - start).total_seconds() // 60) // step + 1
    bars = [0] * count
    for t, n in stamps:
        bars[int((t - start).total_seconds() // 60) // step] += n
    return [(start + timedelta(minutes=i * step), n) for i, n in enumerate(bars)], step


def arrivals_chart(per_minute: list[tuple[str, int]], expected: int, width: float,
                   height: float) -> Drawing:
    """Bars of arrivals per bucket with the cumulative turnout line."""
    font = cjk_font().name
    d = Drawing(width, height)
    d.initialFontName = font  # else the renderer selects (unembedded) Helvetica first
    left, right, bottom, top = 34.0, 40.0, 30.0, 16.0
    pw, ph = width - left - right, height - bottom - top
    bars, step = buckets(per_minute)
    if not bars:
        d.add(String(width / 2, height / 2, "尚无签到记录", fontName=font, fontSize=10,
                     textAnchor="middle", fillColor=GREY))
        return d
    peak = max(n for _, n in bars)
    ymax = _nice(peak)
    # gridlines and left axis (arrivals per bucket)
    for i in range(5):
        y = bottom + ph * i / 4
        d.add(Line(left, y, left + pw, y, strokeColor=RULE, strokeWidth=0.3))
        d.add(String(left - 4, y - 3, str(round(ymax * i / 4)), fontName=font, fontSize=7,
                     textAnchor="end", fillColor=INK))
        d.add(String(left + pw + 4, y - 3, f"{25 * i}%", fontName=font, fontSize=7,
                     fillColor=RED))
    slot = pw / len(bars)
    fmt = "%H:%M" if step < 480 else "%m-%d %H:%M"  # over days, say which day
    label_every = max(1, len(bars) // 8)
    running = 0
    points: list[float] = [left, bottom]
    for i, (t, n) in enumerate(bars):
        h = ph * n / ymax
        d.add(Rect(left + i * slot + slot * 0.12, bottom, slot * 0.76, h, fillColor=BAR,
                   strokeColor=None))
        running += n
        share = running / expected if expected else 0
        points += [left + (i + 1) * slot, bottom + ph * min(share, 1.0)]
        if i % label_every == 0:
            d.add(String(left + i * slot, bottom - 10, t.strftime(fmt), fontName=font,
                         fontSize=7, fillColor=INK))
    d.add(PolyLine(points, strokeColor=RED, strokeWidth=1.2))
    d.add(Line(left, bottom, left + pw, bottom, strokeColor=INK, strokeWidth=0.6))
    d.add(String(left, bottom - 22, f"柱：每 {step} 分钟签到人数（左轴）   线：累计出席率（右轴）",
                 fontName=font, fontSize=7.5, fillColor=GREY))
    d.add(String(left, height - 10, "签到进度", fontName=font, fontSize=9, fillColor=INK))
    return d


def _nice(n: int) -> int:
    """A round axis maximum at or above n (divisible by 4 for the gridlines)."""
    for mag in (1, 10, 100, 1000, 10000, 100000):
        for base in (4, 8, 12, 16, 20, 40, 60, 80):
            if base * mag >= n:
                return base * mag
    return n
