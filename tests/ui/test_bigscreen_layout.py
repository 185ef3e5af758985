"""The hall screen's columns never overlap, on a laptop and on a projector."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.live import MeetingWatcher
from ui.organizer.bigscreen import BigScreen


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080), (1024, 768)])
def test_branch_figures_stay_left_of_the_arrivals(qtbot, demo_path: Path,
                                                  size: tuple[int, int]) -> None:
    watcher = MeetingWatcher(demo_path)
    screen = BigScreen(watcher)
    qtbot.addWidget(screen)
    screen.resize(*size)
    screen.show()
    qtbot.waitUntil(lambda: screen.width() == size[0])
    screen.layout().activate()  # lay out with the fonts chosen for this size
    arrivals_left = min(a.geometry().left() for a in screen.arrival_labels)
    for name, bar, figure in screen._branch_rows:
        assert name.geometry().right() < bar.geometry().left()
        assert bar.geometry().right() < figure.geometry().left()
        assert figure.geometry().right() < arrivals_left, (size, figure.geometry())
    watcher.close()
