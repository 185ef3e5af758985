"""The child's side of ``ui.tasks.in_child``: run one function in a fresh process.

Kept free of Qt on purpose: the child is started with multiprocessing's
*spawn* method (a new interpreter, not a fork of the window), imports this
module and the function it is asked to run, and nothing else but what spawn
itself brings: it runs the window's main script (main.py) again as
``__mp_main__``, which imports the ``cli`` package. That is harmless: neither
imports Qt, and main.py starts nothing unless run as ``__main__``. So the child
neither carries the window's memory (a 100,000-member roster, Qt's libraries)
nor shares its GIL: reportlab drawing thousands of pages there cannot stall
the window's event loop, and Cancel ends the child at once.

Messages on the pipe, child to parent:

- ``("progress", done, total, text)`` as often as the function reports;
- ``("committing",)`` once, if the function called ``committing()``: from
  there on the child is not to be stopped (it writes what cannot be undone);
- ``("ok", result)`` once, at the end, the result pickled;
- ``("error", kind, message, zh)`` once, if the function raised: ``kind`` is
  ``"user"`` for an error the user can act on (data.errors.UserError, OSError,
  ValueError), whose message is shown as it is, ``"bug"`` for anything else;
  ``zh`` the error's Chinese text where the domain gave one ('' if none).

Progress is sent at most 20 times a second (and always the last step), so a
loop may report every row without flooding the pipe.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

# A report callback: (done, total, text); total 0 means unknown.
Report = Callable[[int, int, str], None]

# The pipe to the parent, while ``child_main`` runs (one function per child process).
_conn: Connection | None = None


def committing() -> None:
    """Say that the work has reached its point of no return (a COMMIT begins).

    From here on the child finishes whatever happens: SIGTERM (the parent's
    Cancel) is blocked for the rest of its life, and the parent, told so, waits
    for the result and reports what was done instead of "cancelled". Call it as
    late as possible: work before it can still be cancelled. Outside a child
    (a test calling the function directly) it does nothing.
    """
    if _conn is None:
        return
    import signal

    if hasattr(signal, "pthread_sigmask"):  # POSIX; on Windows the parent just never kills it now
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    # Blocked first, told second: a Cancel that finds no "committing" in the pipe
    # has either ended the child before this point or finds SIGTERM blocked.
    _conn.send(("committing",))


def child_main(conn: Connection, target: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """Run ``target(report, *args)`` and send its progress and outcome up ``conn``."""
    global _conn
    from data.errors import UserError

    _conn = conn

    # Background work: on a 2-core laptop the window's own thread comes first.
    try:
        os.nice(5)
    except (AttributeError, OSError):  # Windows has no nice; a refused nice changes nothing
        pass
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s signdesk-child %(levelname)s %(name)s: %(message)s")

    last = [0.0]

    def report(done: int, total: int = 0, text: str = "") -> None:
        now = time.monotonic()
        if now - last[0] >= 0.05 or (total and done >= total):
            last[0] = now
            conn.send(("progress", int(done), int(total), str(text)))

    try:
        result = target(report, *args)
    except (UserError, OSError, ValueError) as exc:
        zh = getattr(exc, "zh", "")
        conn.send(("error", "user", str(exc) or type(exc).__name__, zh if isinstance(zh, str) else ""))
    except BaseException as exc:  # noqa: BLE001 - told to the parent, which shows it
        traceback.print_exc()  # the child's stderr is the window's: the log has the trace
        conn.send(("error", "bug", f"{type(exc).__name__}: {exc}", ""))
    else:
        conn.send(("ok", result))
    finally:
        conn.close()
