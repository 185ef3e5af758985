"""The arrivals chart's time buckets."""

from __future__ import annotations

from reports.chart import arrivals_chart, buckets


def test_buckets_keep_every_arrival_and_stay_few() -> None:
    per_minute = [(f"2026-11-28 08:{m:02d}", m % 7 + 1) for m in range(0, 60, 3)]
    per_minute += [(f"2026-11-28 09:{m:02d}", 2) for m in range(0, 45)]
    bars, step = buckets(per_minute)
    assert sum(n for _, n in bars) == sum(n for _, n in per_minute)
    assert len(bars) <= 25 and step == 5
    assert bars[0][0].strftime("%H:%M") == "08:00"
    starts = [t for t, _ in bars]
    assert all((b - a).total_seconds() == step * 60 for a, b in zip(starts, starts[1:], strict=False))


def test_single_arrival_and_arrivals_days_apart() -> None:
    bars, step = buckets([("2026-11-28 08:31", 1)])
    assert bars == [(bars[0][0], 1)] and step == 1
    # a paper sheet entered with a wrong date must not break the chart
    bars, step = buckets([("2026-11-28 08:31", 40), ("2026-12-08 10:00", 1)])
    assert sum(n for _, n in bars) == 41 and len(bars) <= 25 and step == 1440
    assert buckets([]) == ([], 1)


def test_chart_draws_with_and_without_arrivals() -> None:
    assert arrivals_chart([], 10, 400, 150).width == 400
    d = arrivals_chart([("2026-11-28 08:31", 3), ("2026-11-28 08:40", 5)], 10, 400, 150)
    assert d.height == 150 and len(d.contents) > 10
