"""ScanCapture: scanner bursts are scans, people's typing reaches the field untouched.

Timing is decided with a clock the test advances, so each case is exact; the
window tests (test_desk_window.py) drive the same filter with real waits.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ui.scanner import EXEMPT_PROPERTY, NoImeLineEdit, ScanCapture, ScanSink

CODE = "ABCD-23456789ABCDEFGHJKMNP"
CODE2 = "ABCD-QRSTUVWXYZ23456789ABC"


class Clock:
    """A clock the test moves by hand (seconds)."""

    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t

    def advance(self, ms: float) -> None:
        self.t += ms / 1000


@pytest.fixture
def rig(qtbot):
    """A window with a line edit, a button and a capture installed on the application."""
    w = QWidget()
    edit = NoImeLineEdit(w)
    other = NoImeLineEdit(w)
    button = QPushButton("x", w)
    lay = QVBoxLayout(w)
    for x in (edit, other, button):
        lay.addWidget(x)
    qtbot.addWidget(w)
    w.show()
    clock = Clock()
    cap = ScanCapture(w, typing_target=lambda: edit, clock=clock)
    cap.install()
    scans: list[str] = []
    cap.scanned.connect(lambda text, _t: scans.append(text))
    yield w, edit, other, button, cap, clock, scans
    cap.uninstall()


def keys(target, text: str, clock: Clock, gap_ms: float) -> None:
    for ch in text:
        clock.advance(gap_ms)
        QTest.keyClick(target, ch)


def enter(target, clock: Clock, gap_ms: float = 3) -> None:
    clock.advance(gap_ms)
    QTest.keyClick(target, Qt.Key.Key_Return)


def test_burst_with_enter_is_a_scan_and_nothing_reaches_the_field(rig):
    _w, edit, _o, _b, _cap, clock, scans = rig
    keys(edit, CODE, clock, 3)
    enter(edit, clock)
    assert scans == [CODE]
    assert edit.text() == ""


def test_burst_without_enter_ends_after_silence(rig, qtbot):
    _w, edit, _o, _b, _cap, clock, scans = rig
    keys(edit, CODE, clock, 4)
    assert scans == []
    qtbot.waitUntil(lambda: scans == [CODE], timeout=2000)
    assert edit.text() == ""


def test_an_id_number_in_bursts_is_one_scan(rig, qtbot):
    """An ID-card reader that types 10 digits, pauses 200 ms, then the rest: one scan."""
    _w, edit, _o, _b, _cap, clock, scans = rig
    keys(edit, "1101051949", clock, 3)
    clock.advance(200)
    qtbot.wait(200)
    keys(edit, "1231002X", clock, 3)
    enter(edit, clock)
    assert scans == ["11010519491231002X"] and edit.text() == ""
    # The same pause after a card code's first part still ends that scan.
    keys(edit, CODE[:10], clock, 3)
    clock.advance(200)
    qtbot.waitUntil(lambda: len(scans) == 2, timeout=2000)
    assert scans[1] == CODE[:10]


def test_tab_ends_a_scan_and_is_swallowed(rig):
    _w, edit, other, _b, _cap, clock, scans = rig
    edit.setFocus()
    keys(edit, CODE, clock, 2)
    clock.advance(2)
    QTest.keyClick(edit, Qt.Key.Key_Tab)
    assert scans == [CODE]


def test_human_typing_reaches_the_field_in_order(rig, qtbot):
    _w, edit, _o, _b, _cap, clock, scans = rig
    keys(edit, "wangwei", clock, 140)  # each key flushes the one held before it
    qtbot.waitUntil(lambda: edit.text() == "wangwei", timeout=2000)
    assert scans == []


def test_fast_rollover_of_two_keys_is_still_typing(rig, qtbot):
    _w, edit, _o, _b, _cap, clock, scans = rig
    keys(edit, "zh", clock, 150)
    keys(edit, "ang", clock, 15)  # three quick keys: fewer than a scan
    clock.advance(200)
    qtbot.waitUntil(lambda: edit.text() == "zhang", timeout=2000)
    assert scans == []


def test_human_enter_passes_through_after_the_held_keys(rig, qtbot):
    _w, edit, _o, _b, _cap, clock, scans = rig
    got: list[str] = []
    edit.returnPressed.connect(lambda: got.append(edit.text()))
    keys(edit, "1234", clock, 160)
    enter(edit, clock, 160)
    assert got == ["1234"] and scans == []


def test_two_scans_in_a_row_are_never_glued(rig, qtbot):
    _w, edit, _o, _b, _cap, clock, scans = rig
    keys(edit, CODE, clock, 3)
    enter(edit, clock)
    keys(edit, CODE2, clock, 3)
    enter(edit, clock)
    assert scans == [CODE, CODE2]


def test_two_enterless_scans_back_to_back_split_at_the_complete_code(rig, qtbot):
    _w, edit, _o, _b, _cap, clock, scans = rig
    keys(edit, CODE + CODE2, clock, 3)
    qtbot.waitUntil(lambda: len(scans) == 2, timeout=2000)
    assert scans == [CODE, CODE2]


def test_typing_at_a_button_is_sent_to_the_typing_target(rig, qtbot):
    _w, edit, _o, button, _cap, clock, scans = rig
    keys(button, "li", clock, 150)
    qtbot.waitUntil(lambda: edit.text() == "li", timeout=2000)
    assert edit.hasFocus() or edit.text() == "li"


def test_scan_while_focus_is_on_a_button_still_scans(rig):
    _w, edit, _o, button, _cap, clock, scans = rig
    keys(button, CODE, clock, 5)
    enter(button, clock)
    assert scans == [CODE] and edit.text() == ""


def test_exempt_widget_sees_fast_keys_as_typing(rig):
    _w, _edit, other, _b, _cap, clock, scans = rig
    other.setProperty(EXEMPT_PROPERTY, True)
    keys(other, "123456", clock, 2)
    assert other.text() == "123456" and scans == []


def test_backspace_and_arrows_pass_through(rig, qtbot):
    _w, edit, _o, _b, _cap, clock, scans = rig
    keys(edit, "abc", clock, 200)
    clock.advance(200)
    QTest.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.text() == "ab" and scans == []


def test_short_fast_input_with_fast_enter_is_a_scan(rig):
    _w, edit, _o, _b, _cap, clock, scans = rig
    keys(edit, "123", clock, 3)
    enter(edit, clock, 3)
    assert scans == ["123"] and edit.text() == ""


def test_line_edit_and_sink_refuse_the_input_method(qtbot):
    edit = NoImeLineEdit()
    sink = ScanSink()
    qtbot.addWidget(edit)
    qtbot.addWidget(sink)
    assert edit.inputMethodQuery(Qt.InputMethodQuery.ImEnabled) is False
    assert sink.inputMethodQuery(Qt.InputMethodQuery.ImEnabled) is False
    edit.allow_ime(True)
    assert edit.inputMethodQuery(Qt.InputMethodQuery.ImEnabled) is True
    edit.allow_ime(False)
    assert edit.inputMethodQuery(Qt.InputMethodQuery.ImEnabled) is False


def test_real_time_scanner_speed(rig, qtbot):
    """With the real clock: keys 2-5 ms apart are a scan, 120 ms apart are typing."""
    import time

    _w, edit, _o, _b, cap, _clock, scans = rig
    cap.clock = time.perf_counter
    for i, ch in enumerate(CODE):
        QTest.keyClick(edit, ch)
        qtbot.wait(2 + i % 4)
    QTest.keyClick(edit, Qt.Key.Key_Return)
    assert scans == [CODE]
    for ch in "abc":
        QTest.keyClick(edit, ch)
        qtbot.wait(120)
    qtbot.waitUntil(lambda: edit.text() == "abc", timeout=2000)
    assert scans == [CODE]


def test_scope_leaves_other_windows_alone(rig, qtbot):
    w, edit, _o, _b, cap, clock, scans = rig
    cap.scope = w
    elsewhere = NoImeLineEdit()
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    keys(elsewhere, CODE, clock, 2)  # another window of the process: untouched
    assert elsewhere.text() == CODE and scans == []
    keys(edit, CODE, clock, 2)
    enter(edit, clock)
    assert scans == [CODE]
