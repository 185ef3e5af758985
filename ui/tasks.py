"""Slow work off the GUI thread: one helper for every slow operation of the windows.

In the spirit of Anki's ``QueryOp`` and Picard's ``run_task``: a ``Task`` runs a
function on a worker thread, the function reports progress and looks at a
cancel flag through the ``Progress`` it is given, and the result or the error
comes back on the GUI thread by signal. The window stays responsive meanwhile:
reading a 100,000-row roster, writing a 3,600-page PDF or a printer that does
not answer no longer freezes it.

SQLite connections belong to the thread that opened them, so work that needs
the meeting opens its own store (or service) in the worker: wrap it with
``on_own(opens, work)``; the store is closed when the work ends.

Cancelling is honest. ``cancel()`` raises the flag; work that checks it
(``Progress.check()``, or ``Progress.cancelled`` polled by a subprocess loop)
stops and the task says ``cancelled``. Work that only reads (``abandon=True``)
is let go at once: its result, when it comes, is dropped. Work on a worker
thread that writes stops only where it checks the flag, so it must check it
only where stopping leaves nothing half-done (the store's transaction rolls
back). A Cancel that comes too late never hides what was written: work in a
child process that had already finished, or had passed its point of no return
(``ui.child.committing()``, a COMMIT under way), is not reported as cancelled:
the task says ``ok`` with what the work did.

The worker is a daemon Python thread, not a QThread: a QThread destroyed while
running aborts the process, and a printer can hang for a minute after the
window was closed.

Work that holds the GIL for long stretches (reportlab drawing pages) stalls
the GUI thread even from a worker thread: wrap it with ``in_child(target,
*args)`` and it runs in a fresh child process (multiprocessing, spawn: the
child starts from nothing, see ui/child.py) while the worker thread only waits
on a pipe. Progress comes back through the pipe; Cancel ends the child at
once (unless it is committing, see above); an error comes back as
``ChildError`` with a message fit to show.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from data.errors import UserError
from ui.child import child_main

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

# How long a task may run before its progress dialog shows (ms): quick work flashes nothing.
SHOW_AFTER_MS = 300


class Cancelled(Exception):
    """Raised in the worker by ``Progress.check()`` once the task was cancelled."""


class Progress:
    """What the work function gets in the worker: report progress, see whether to stop."""

    def __init__(self, relay: _Relay, flag: threading.Event) -> None:
        self._relay = relay
        self._flag = flag
        self._last = 0.0

    @property
    def cancelled(self) -> bool:
        """True once the user cancelled (poll it in a loop that cannot raise)."""
        return self._flag.is_set()

    def check(self) -> None:
        """Stop here (raise ``Cancelled``) if the task was cancelled."""
        if self._flag.is_set():
            raise Cancelled

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        """Say how far the work is (total 0: unknown); also a point where it may stop.

        At most 20 reports a second reach the GUI thread: a loop may call this per row.
        """
        self.check()
        now = time.monotonic()
        if now - self._last >= 0.05 or (total and done >= total):
            self._last = now
            self._relay.progressed.emit(done, total, text)


class _Relay(QObject):
    """Carries the worker's news to the GUI thread (queued: it lives there)."""

    progressed = Signal(int, int, str)
    ended = Signal(str, object)  # "ok" | "error" | "cancelled", result or exception


class Task(QObject):
    """One run of a function on a worker thread; signals arrive on the GUI thread."""

    progressed = Signal(int, int, str)  # done, total (0 = unknown), text
    succeeded = Signal(object)          # the function's result
    failed = Signal(object)             # the exception it raised
    cancelled = Signal()
    finished = Signal()                 # after any of the three above

    def __init__(self, work: Callable[[Progress], Any], *, name: str = "task",
                 abandon: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self.name = name
        self.abandon = abandon
        self.state = "new"   # new, running, ok, error, cancelled
        self.result: Any = None
        self.error: BaseException | None = None
        self._flag = threading.Event()
        self._relay = _Relay()  # no parent: the worker may outlive this task object
        self._relay.progressed.connect(self.progressed, Qt.ConnectionType.QueuedConnection)
        self._relay.ended.connect(self._ended, Qt.ConnectionType.QueuedConnection)
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """True from start() until one of succeeded, failed or cancelled was emitted."""
        return self.state == "running"

    def start(self) -> Task:
        """Start the worker; returns self so a caller can keep or chain it."""
        if self.state != "new":
            raise RuntimeError(f"task {self.name} was already started")
        self.state = "running"
        relay, flag, work, name = self._relay, self._flag, self.work, self.name

        def run() -> None:
            started = time.monotonic()
            try:
                result = work(Progress(relay, flag))
            except Cancelled:
                outcome: tuple[str, object] = ("cancelled", None)
            except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread to show
                log.warning("task %s failed: %s", name, exc, exc_info=exc)
                outcome = ("error", exc)
            else:
                outcome = ("ok", result)
            log.debug("task %s ended (%s) after %.2f s", name, outcome[0], time.monotonic() - started)
            try:
                relay.ended.emit(*outcome)
            except RuntimeError:  # the application is gone: nobody to tell
                pass

        self._thread = threading.Thread(target=run, name=f"signdesk-{name}", daemon=True)
        # The relay is a QObject of the GUI thread: keep it referenced here until its
        # worker is gone, so the last reference never drops (and deletes it) in the worker.
        _RELAYS.append((self._thread, relay))
        self._thread.start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop; read-only work (abandon=True) is let go at once."""
        if self.state != "running":
            return
        self._flag.set()
        if self.abandon:
            self._finish("cancelled", None)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Run the event loop until the task ended (for scripts and tests); True if it did."""
        if self.state in ("new", "running"):
            loop = QEventLoop()
            self.finished.connect(loop.quit)
            limit = QTimer(loop)  # goes with the loop: no stray timer after an early end
            limit.setSingleShot(True)
            limit.timeout.connect(loop.quit)
            limit.start(timeout_ms)
            if self.state == "running":
                loop.exec()
            self.finished.disconnect(loop.quit)
        return self.state not in ("new", "running")

    def _ended(self, outcome: str, value: object) -> None:
        if self.state == "running":
            self._finish(outcome, value)

    def _finish(self, outcome: str, value: object) -> None:
        _RELAYS[:] = [(t, r) for t, r in _RELAYS if t.is_alive()]
        self.state = outcome
        if outcome == "ok":
            self.result = value
            self.succeeded.emit(value)
        elif outcome == "error":
            self.error = value if isinstance(value, BaseException) else RuntimeError(str(value))
            self.failed.emit(self.error)
        else:
            self.cancelled.emit()
        self.finished.emit()


def on_own(opens: Callable[[], AbstractContextManager[R]],
           work: Callable[[R, Progress], T]) -> Callable[[Progress], T]:
    """Work that runs on its own store (or service), opened and closed in the worker thread."""

    def run(progress: Progress) -> T:
        with opens() as resource:
            return work(resource, progress)

    return run


class ChildError(UserError):
    """Work run by ``in_child`` failed; the message says why (shown as it is)."""

    def __init__(self, message: str, *, bug: bool = False, zh: str = "") -> None:
        super().__init__(message)
        self.bug = bug  # not the user's doing: a fault of the program (the trace is in the log)
        self.zh = zh    # the domain's Chinese text, for ui.messages.domain_text


# How long a cancelled child may take to end before it is killed (s).
_TERMINATE_WAIT = 2.0


def in_child(target: Callable[..., T], *args: Any) -> Callable[[Progress], T]:
    """Work that runs ``target(report, *args)`` in a fresh child process.

    ``target`` must be a module-level function of a module that does not import
    Qt (the child imports it), its arguments and result picklable; it reports
    with ``report(done, total, text)``. The worker thread running this only
    waits on the child's pipe, so the GUI thread never waits for the child's
    GIL. Cancel terminates the child (killed if it does not end within 2 s),
    except when its result is already in the pipe (it is used) or it called
    ``ui.child.committing()`` (it is waited for, and what it did is returned).
    """

    def run(progress: Progress) -> T:
        ctx = multiprocessing.get_context("spawn")  # never fork a process with Qt's threads
        receive, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=child_main, args=(send, target, args),
                           name=f"signdesk-{getattr(target, '__name__', 'child')}", daemon=True)
        proc.start()
        send.close()  # the child holds the only writing end: EOF when it is gone
        child = _Child(proc, receive)
        try:
            while True:
                if progress.cancelled and not child.committing:
                    # A word already in the pipe is read first: the result of work
                    # that ended just before the Cancel, or its point of no return.
                    if not receive.poll(0):
                        return child.cancel()
                elif not receive.poll(0.05):
                    continue
                done, value = child.read()
                if done:
                    return value
                if value is not None and not progress.cancelled:
                    try:
                        progress.report(*value)
                    except Cancelled:
                        pass  # cancelled just now: seen at the top of the loop, the pipe first
        finally:
            receive.close()
            _end(proc, wait=child.ended)

    return run


class _Child:
    """The worker's side of one child process: its messages read, one at a time."""

    def __init__(self, proc: multiprocessing.process.BaseProcess,
                 receive: multiprocessing.connection.Connection) -> None:
        self.proc, self.receive = proc, receive
        self.committing = False  # it said it cannot be stopped any more
        self.ended = False       # its result (or error) came: it is ending by itself

    def read(self) -> tuple[bool, Any]:
        """The next message: (True, result), (False, progress args) or (False, None);
        raises ``ChildError`` for the child's error or its unexpected end."""
        try:
            message = self.receive.recv()
        except EOFError:
            self.proc.join(_TERMINATE_WAIT)
            raise ChildError(QCoreApplication.translate(
                "Tasks", "The background process ended unexpectedly (exit status %1).")
                .replace("%1", str(self.proc.exitcode)), bug=True) from None
        kind = message[0]
        if kind == "progress":
            return False, message[1:]
        if kind == "committing":
            self.committing = True
            return False, None
        self.ended = True
        if kind == "ok":
            return True, message[1]
        raise ChildError(message[2], bug=message[1] != "user", zh=message[3])

    def cancel(self) -> Any:
        """End the child for a Cancel: raises ``Cancelled``, or returns its result if it
        had passed its point of no return after all (SIGTERM then finds it blocked)."""
        self.proc.terminate()
        deadline = time.monotonic() + _TERMINATE_WAIT
        while True:
            # Committing: wait as long as the COMMIT takes; else up to 2 s for it to end.
            wait = None if self.committing else max(0.0, deadline - time.monotonic())
            if not self.receive.poll(wait):
                raise Cancelled  # it did not end in time: _end kills it
            try:
                done, value = self.read()
            except ChildError:
                if self.committing:
                    raise  # it may have written: say it broke, never "cancelled"
                raise Cancelled from None  # ended by the SIGTERM, nothing was written
            if done:
                return value


def _end(proc: multiprocessing.process.BaseProcess, *, wait: bool) -> None:
    """Make sure a child is gone: it ended (``wait``: it is ending), or it is terminated."""
    if wait:
        proc.join(_TERMINATE_WAIT)
    if proc.is_alive():
        proc.terminate()
        proc.join(_TERMINATE_WAIT)
    if proc.is_alive():
        proc.kill()
        proc.join()
    proc.close()


def run_task(parent: QObject | None, work: Callable[[Progress], Any], *, name: str,
             done: Callable[[Any], None] | None = None,
             failed: Callable[[BaseException], None] | None = None,
             cancelled: Callable[[], None] | None = None,
             abandon: bool = False) -> Task:
    """Start ``work`` on a worker thread and connect the GUI-thread callbacks; the Task."""
    task = Task(work, name=name, abandon=abandon, parent=parent)
    if done is not None:
        task.succeeded.connect(done)
    if failed is not None:
        task.failed.connect(failed)
    if cancelled is not None:
        task.cancelled.connect(cancelled)
    _keep(task)
    return task.start()


# Tasks without a parent stay referenced here until they end.
_RUNNING: set[Task] = set()
# Each worker's relay, until the worker thread has ended.
_RELAYS: list[tuple[threading.Thread, _Relay]] = []


def _keep(task: Task) -> None:
    _RUNNING.add(task)
    task.finished.connect(lambda: _RUNNING.discard(task))


def progress_dialog(task: Task, parent: QWidget | None, label: str, *,
                    cancellable: bool = True) -> QProgressDialog:
    """A window-modal progress dialog for a task: shows after a moment, Cancel cancels.

    Only for the organizer's window: the desk shows progress in its panel instead
    (no dialogs in the scan flow).
    """
    dlg = QProgressDialog(label, QCoreApplication.translate("Tasks", "Cancel") if cancellable else "",
                          0, 0, parent)
    dlg.setWindowTitle(QCoreApplication.translate("Tasks", "Please wait"))
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setAutoClose(False)
    dlg.setAutoReset(False)
    dlg.setMinimumDuration(SHOW_AFTER_MS)
    if not cancellable:
        dlg.setCancelButton(None)  # type: ignore[arg-type]
    dlg.setValue(0)

    def moved(done: int, total: int, text: str) -> None:
        dlg.setMaximum(max(total, 0))
        dlg.setValue(min(done, total) if total else 0)
        if text:
            dlg.setLabelText(text)

    task.progressed.connect(moved)
    dlg.canceled.connect(task.cancel)
    task.finished.connect(dlg.reset)
    task.finished.connect(dlg.deleteLater)
    return dlg
