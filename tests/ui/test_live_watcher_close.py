"""MeetingWatcher after close(): a poll queued for the rest of a burst does nothing."""

from __future__ import annotations

from pathlib import Path

from data.store import Store
from kiosk.demo import sign_in_share
from ui.live import EVENTS_PER_POLL, MeetingWatcher


def test_the_rest_of_a_burst_is_not_read_after_close(qtbot, demo_path: Path) -> None:
    watcher = MeetingWatcher(demo_path, background_reload=True)
    watcher.timer.stop()  # only the polls of this test
    added: list[int] = []
    watcher.eventsAdded.connect(lambda events: added.append(len(events)))
    with Store.open(demo_path) as s:
        assert sign_in_share(s, 1.0) > EVENTS_PER_POLL
    assert watcher.poll()
    assert added == [EVENTS_PER_POLL]  # the rest is queued for the next turn of the loop
    watcher.close()  # before that turn: the window closed
    qtbot.wait(100)  # the queued poll runs now
    assert added == [EVENTS_PER_POLL]
    assert watcher.poll() is False  # and so does any later one
