"""ui.tasks.in_child: work in a fresh child process (spawn), with progress, cancel
and errors as messages. The PDF writer runs there so reportlab never holds the
window's GIL."""

from __future__ import annotations

import os
import time
from pathlib import Path

import child_targets  # tests/ui is on sys.path (rootdir insertion)
import pytest

from ui.tasks import ChildError, Task, in_child

pytestmark = pytest.mark.slow  # each test starts a Python process


def _run(qtbot, work, **kwargs) -> Task:
    task = Task(work, name="child", **kwargs)
    with qtbot.waitSignal(task.finished, timeout=60_000):
        task.start()
    return task


def test_the_child_starts_fresh_without_the_windows_memory(qtbot, window) -> None:
    """Spawned, not forked: no Qt, no window module, a small process — even though the
    parent has an organizer window open on a meeting."""
    import sys

    assert "PySide6.QtWidgets" in sys.modules  # the parent has them
    task = _run(qtbot, in_child(child_targets.what_the_child_holds))
    assert task.state == "ok", task.error
    held = task.result
    assert held["pid"] != os.getpid()
    assert held["qt"] == [] and held["windows"] == []
    assert held["rss_kb"] < 60_000, held  # a bare interpreter with the data layer


def test_progress_comes_back_and_the_result(qtbot) -> None:
    steps: list[tuple[int, int, str]] = []
    task = Task(in_child(child_targets.count, 5), name="child")
    task.progressed.connect(lambda d, t, s: steps.append((d, t, s)))
    with qtbot.waitSignal(task.finished, timeout=60_000):
        task.start()
    assert task.state == "ok" and task.result == 5
    assert steps and steps[-1] == (5, 5, "step 5")


def test_cancel_ends_the_child_at_once(qtbot, tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    task = Task(in_child(child_targets.hang, str(pid_file)), name="child")
    task.start()
    qtbot.waitUntil(pid_file.exists, timeout=60_000)
    pid = int(pid_file.read_text())
    started = time.monotonic()
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.cancel()
    assert task.state == "cancelled" and time.monotonic() - started < 3.0
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone, not left running in the background


@pytest.mark.parametrize(("target", "message", "bug"), [
    (child_targets.refuse, "会议文件只读：不能写入", False),
    (child_targets.break_down, "KeyError: 'nothing'", True),
    (child_targets.die, "ended unexpectedly (exit status 3)", True),
])
def test_errors_come_back_as_a_message(qtbot, target, message, bug) -> None:
    task = _run(qtbot, in_child(target))
    assert task.state == "error"
    assert isinstance(task.error, ChildError) and message in str(task.error)
    assert task.error.bug is bug
