"""The one way tests wait for something outside them: poll a condition with a deadline.

Qt tests use ``qtbot.waitUntil`` (it keeps the event loop turning); everything
else (processes, sockets, files written by another program) uses ``wait_for``.
A fixed ``sleep`` is only for what has no observable condition (a pause that
is itself the thing tested, such as a server's retry-after).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_for(predicate: Callable[[], T], timeout: float = 15.0, what: str = "",
             interval: float = 0.05) -> T:
    """Poll until ``predicate()`` is truthy and return its value; fail saying ``what`` otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    value = predicate()
    assert value, f"timed out after {timeout:.0f} s waiting for {what or predicate}"
    return value
