"""The background-task helper: work on a worker thread, answers on the GUI thread,
progress, cancel (cooperative, abandoned, rolled back), a store of the worker's own."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from data.store import Store
from ui.tasks import Progress, Task, on_own, run_task


def test_work_runs_on_a_worker_and_the_result_comes_back_on_the_gui_thread(qtbot) -> None:
    seen: dict[str, int] = {}

    def work(progress: Progress) -> int:
        seen["work"] = threading.get_ident()
        for i in range(3):
            progress.report(i + 1, 3, f"step {i + 1}")
        return 42

    steps: list[tuple[int, int, str]] = []
    task = Task(work, name="answer")
    task.progressed.connect(lambda d, t, s: steps.append((d, t, s)))
    task.succeeded.connect(lambda r: seen.__setitem__("done", threading.get_ident()))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
    assert task.state == "ok" and task.result == 42
    assert seen["work"] != threading.main_thread().ident
    assert seen["done"] == threading.main_thread().ident
    assert steps[-1] == (3, 3, "step 3")  # the last step always arrives


def test_an_error_is_handed_back_not_raised_in_the_worker(qtbot) -> None:
    def work(_p: Progress) -> None:
        raise ValueError("the file is broken")

    errors: list[BaseException] = []
    task = run_task(None, work, name="broken", failed=errors.append)
    assert task.wait(5000)
    assert task.state == "error" and isinstance(errors[0], ValueError)
    assert str(task.error) == "the file is broken"


def test_cancel_stops_work_that_checks(qtbot) -> None:
    started = threading.Event()
    stopped_at: list[int] = []

    def work(progress: Progress) -> None:
        i = 0
        try:
            while True:
                i += 1
                started.set()
                progress.report(i)
                threading.Event().wait(0.001)
        finally:
            stopped_at.append(i)

    task = run_task(None, work, name="endless")
    assert started.wait(5)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.cancel()
    assert task.state == "cancelled" and stopped_at  # the worker itself stopped


def test_cancel_lets_read_only_work_go_at_once_and_drops_its_result(qtbot) -> None:
    release = threading.Event()
    task = run_task(None, lambda _p: release.wait(10) and "late", name="slow-read", abandon=True)
    results: list[object] = []
    task.succeeded.connect(results.append)
    with qtbot.waitSignal(task.cancelled, timeout=1000):
        task.cancel()
    release.set()
    qtbot.wait(200)
    assert task.state == "cancelled" and results == []


def test_work_on_its_own_store_opened_in_the_worker(qtbot, demo_path: Path) -> None:
    opened: list[Store] = []

    def work(store: Store, _p: Progress) -> str:
        opened.append(store)
        return store.meeting().title

    task = run_task(None, on_own(lambda: Store.open(demo_path, check=False), work), name="title")
    assert task.wait(5000) and task.state == "ok", task.error
    assert task.result and opened[0].thread != threading.main_thread().ident
    assert opened[0].closed


def _big_roster(path: Path, n: int) -> None:
    lines = ["姓名,支部,党员编号"] + [f"成员{i},第{i % 12 + 1}支部,N{i:05d}" for i in range(n)]
    path.write_text("\n".join(lines), encoding="utf-8")


def _import_dialog(qtbot, tmp_path: Path, members: int):  # noqa: ANN202 - the dialog
    """A new meeting's window with its roster dialog, a generated roster read into it."""
    from kiosk.meeting import create_meeting
    from ui.organizer.window import OrganizerWindow

    meeting = tmp_path / "m.sqlite"
    create_meeting(meeting, title="T", date="2026-11-28").close()
    roster = tmp_path / "roster.csv"
    _big_roster(roster, members)
    win = OrganizerWindow(meeting)
    qtbot.addWidget(win)
    dlg = win.import_roster()
    assert dlg.load(roster).wait(30_000) and dlg.roster is not None
    return meeting, dlg


def test_cancelling_an_import_rolls_it_back(qtbot, tmp_path: Path) -> None:
    meeting, dlg = _import_dialog(qtbot, tmp_path, 4000)
    assert len(dlg.roster.rows) == 4000
    # Cancel as soon as the worker reports its first rows: the transaction is rolled back.
    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    task = dlg.importing
    assert task is not None and dlg.busy.isVisible() and dlg.cancel_button.isVisible()
    task.progressed.connect(lambda *_: dlg.cancel_button.click())
    assert task.wait(30_000)
    assert task.state == "cancelled"
    assert "cancelled" in dlg.summary.text() and dlg.isVisible()
    assert dlg.import_button.isEnabled() and dlg.report is None
    with Store.open(meeting) as s:
        assert s.members() == [] and "roster_import" not in [a[3] for a in s.audit_log()]
    # Then imported for real, with the file still read.
    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    assert dlg.importing is not None and dlg.importing.wait(60_000)
    assert dlg.report is not None and len(dlg.report.added) == 4000
    with Store.open(meeting) as s:
        assert len(s.members()) == 4000


def test_only_the_newest_read_is_shown(qtbot, tmp_path: Path) -> None:
    """Choosing columns quickly starts reads one after another: the last one wins."""
    from kiosk.meeting import create_meeting
    from ui.organizer.window import OrganizerWindow

    meeting = tmp_path / "m.sqlite"
    create_meeting(meeting, title="T", date="2026-11-28").close()
    roster = tmp_path / "odd.csv"
    roster.write_text("姓名,所属党委\n张三,第一支部\n", encoding="utf-8")
    win = OrganizerWindow(meeting)
    qtbot.addWidget(win)
    dlg = win.import_roster()
    assert dlg.load(roster).wait(10_000) and dlg.roster is None  # no branch column yet
    combo = dlg.combo_for("所属党委")
    combo.setCurrentIndex(combo.findData("notes"))
    first = dlg.reading
    combo.setCurrentIndex(combo.findData("branch"))
    last = dlg.reading
    assert first is not None and last is not None and first is not last
    assert first.state == "cancelled"
    assert last.wait(10_000) and dlg.roster is not None and dlg.import_button.isEnabled()


@pytest.mark.slow
def test_a_cancel_that_comes_after_the_import_was_written_says_what_was_imported(
        qtbot, tmp_path: Path) -> None:
    """Cancel pressed while the child commits (or after): the file holds the new roster,
    so the dialog says it was imported, never 'nothing was imported'."""
    import time

    meeting, dlg = _import_dialog(qtbot, tmp_path, 60)

    def written() -> bool:
        with Store.open(meeting) as s:
            return len(s.members()) == 60

    def late(*_report) -> None:  # on the worker, at the child's first progress report
        task.cancel()
        deadline = time.monotonic() + 30
        while not written() and time.monotonic() < deadline:
            time.sleep(0.02)

    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    task = dlg.importing
    assert task is not None
    task._relay.progressed.connect(late, Qt.ConnectionType.DirectConnection)
    assert task.wait(60_000)
    assert written()
    assert task.state == "ok"
    assert dlg.report is not None and len(dlg.report.added) == 60
    assert "nothing was imported" not in dlg.summary.text()
