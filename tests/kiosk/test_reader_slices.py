"""MeetingReader.max_events: a burst of check-ins is taken in a slice per poll, and the
figures after the last slice are those of reading it all at once."""

from __future__ import annotations

from pathlib import Path

from data.store import Store
from kiosk.demo import build_demo, sign_in_share
from kiosk.watch import MeetingReader


def test_a_burst_is_read_in_slices_to_the_same_figures(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    build_demo(path, arrivals=0.0).close()
    sliced, whole = MeetingReader(path), MeetingReader(path)
    sliced.max_events = 100
    sliced.poll()
    whole.poll()
    with Store.open(path) as s:
        n = sign_in_share(s, 0.7)
    assert n > 250
    sizes = []
    while True:
        update = sliced.poll()
        sizes.append(len(update.events))
        if not update.more:
            break
    assert sizes[:-1] == [100] * (len(sizes) - 1) and sum(sizes) == n
    assert sliced.poll().changed is False  # nothing left
    full = whole.poll()
    assert len(full.events) == n and not full.more
    assert sliced.tally.figures() == whole.tally.figures()
    sliced.close()
    whole.close()
