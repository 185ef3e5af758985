"""The operator (签到员) at a desk: typed in the secretary panel, recorded on the next event."""

from __future__ import annotations

import getpass

from desk_helpers import card_of, events, member_of, open_window, scan, type_slowly
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.desk import DeskService

BRANCH = "第一支部"


def test_the_name_typed_at_the_desk_is_recorded_and_remembered(qtbot, demo_path, demo_store):
    w = open_window(qtbot, demo_path)
    # Before anyone types a name the desk's own name stands in, never the login name.
    a = member_of(demo_store, BRANCH, 0)
    scan(qtbot, w, card_of(demo_store, a))
    qtbot.waitUntil(lambda: len(events(demo_store, "arrive")) == 1)
    assert events(demo_store, "arrive")[0].operator == "1号台" != getpass.getuser()

    # Keyboard only: Alt+O reaches the field, a person types, Enter goes back to scanning.
    QTest.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: w.secretary.operator.hasFocus())
    type_slowly(qtbot, w.secretary.operator, "Wang Li")
    QTest.keyClick(w.secretary.operator, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.search.box.hasFocus())

    b = member_of(demo_store, BRANCH, 1)
    scan(qtbot, w, card_of(demo_store, b))
    qtbot.waitUntil(lambda: len(events(demo_store, "arrive")) == 2)
    by_member = {e.member_id: e.operator for e in events(demo_store, "arrive")}
    assert by_member[b.id] == "Wang Li" and by_member[a.id] == "1号台"

    # A name changed while the field still has focus counts from the very next scan.
    w.secretary.operator.setFocus()
    w.secretary.operator.setText("赵书记")
    c = member_of(demo_store, BRANCH, 2)
    scan(qtbot, w, card_of(demo_store, c), target=w.secretary.operator)
    qtbot.waitUntil(lambda: len(events(demo_store, "arrive")) == 3)
    assert {e.member_id: e.operator for e in events(demo_store, "arrive")}[c.id] == "赵书记"
    assert w.secretary.operator.text() == "赵书记"  # the scan did not type into the field

    # Remembered for this file and desk (not for another desk).
    w.shutdown()
    again = DeskService(demo_path, "1号台")
    other = DeskService(demo_path, "2号台")
    try:
        assert again.desk.operator == "赵书记" and other.desk.operator == "2号台"
    finally:
        again.close()
        other.close()


def test_a_hostile_name_is_cleaned_and_bounded(qtbot, demo_path, demo_store):
    w = open_window(qtbot, demo_path)
    w.secretary.operator.setText("李\u202e四\x07" + "长" * 200)
    w.secretary.operator.editingFinished.emit()
    m = member_of(demo_store, BRANCH, 3)
    scan(qtbot, w, card_of(demo_store, m))
    qtbot.waitUntil(lambda: len(events(demo_store, "arrive")) == 1)
    op = events(demo_store, "arrive")[0].operator
    assert op.startswith("李四长") and len(op) <= 64 and "\u202e" not in op and "\x07" not in op
