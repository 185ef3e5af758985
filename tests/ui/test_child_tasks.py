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


def _gone(pid: int) -> bool:
    """The process has ended (a zombie not yet reaped by its parent counts as ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def _cancel_on_progress(task: Task, then) -> None:
    """Cancel from the worker thread itself as it hands on a progress report, and hold
    it there until ``then()`` is true: the Cancel arrives at a chosen, late moment."""
    from PySide6.QtCore import Qt

    def late(*_report) -> None:
        task.cancel()
        deadline = time.monotonic() + 30
        while not then() and time.monotonic() < deadline:
            time.sleep(0.01)

    task._relay.progressed.connect(late, Qt.ConnectionType.DirectConnection)


def test_a_cancel_after_the_child_finished_keeps_its_result(qtbot, tmp_path: Path) -> None:
    """The child wrote and answered; Cancel comes before the worker read the answer: the
    answer is used (the file holds the new data), never 'cancelled, nothing written'."""
    pid_file, out = tmp_path / "pid", tmp_path / "roster"
    task = Task(in_child(child_targets.write_and_answer, str(pid_file), str(out)), name="child")
    _cancel_on_progress(task, lambda: pid_file.exists() and _gone(int(pid_file.read_text())))
    with qtbot.waitSignal(task.finished, timeout=60_000):
        task.start()
    assert out.read_text() == "the new roster"
    assert task.state == "ok" and task.result == "written"


def test_a_cancel_after_the_point_of_no_return_waits_for_the_result(qtbot, tmp_path: Path) -> None:
    """The child said it is committing; Cancel after that waits for it (even SIGTERM, as
    Cancel sends, is held off) and the task says what was written."""
    import signal

    pid_file, marker, out = tmp_path / "pid", tmp_path / "marker", tmp_path / "roster"
    task = Task(in_child(child_targets.commit_slowly, str(pid_file), str(marker), str(out), 0.0),
                name="child")

    def committing() -> bool:
        if not marker.exists():
            return False
        os.kill(int(pid_file.read_text()), signal.SIGTERM)  # what a Cancel's terminate sends
        return True

    _cancel_on_progress(task, committing)
    with qtbot.waitSignal(task.finished, timeout=60_000):
        task.start()
    assert task.state == "ok" and task.result == "written"
    assert out.read_text() == "the new roster"


def test_a_cancel_before_the_point_of_no_return_still_ends_it_at_once(qtbot,
                                                                      tmp_path: Path) -> None:
    pid_file, marker, out = tmp_path / "pid", tmp_path / "marker", tmp_path / "roster"
    task = Task(in_child(child_targets.commit_slowly, str(pid_file), str(marker), str(out), 5.0),
                name="child")
    _cancel_on_progress(task, lambda: True)
    started = time.monotonic()
    with qtbot.waitSignal(task.finished, timeout=60_000):
        task.start()
    assert task.state == "cancelled"
    assert time.monotonic() - started < 5.0 and not marker.exists() and not out.exists()
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)
