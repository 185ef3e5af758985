"""Guard against a PySide6 release that loses references to None/True/False.

PySide6 6.12.0 on CPython 3.11 returned borrowed references from void methods
and SignalInstance.emit(): each call dropped one reference to None or True, and
a screen that ran for a few minutes crashed the interpreter. pyproject.toml
excludes that release; this test fails loudly if such a build comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel


class _Emitter(QObject):
    fired = Signal()


def test_void_calls_and_emits_keep_the_singletons_counts(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    emitter = _Emitter()
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for _ in range(500):
        label.setText("x")
        emitter.fired.emit()
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    # A few references may come or go with Python's own bookkeeping; a leak
    # per call would show as hundreds.
    assert all(abs(a - b) < 50 for a, b in zip(after, before, strict=True)), (before, after)
