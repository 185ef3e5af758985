"""The desk's search box forgets an ID number once it is emptied: Ctrl+Z never brings it back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from kiosk.demo import demo_roster
from ui.desk.search_panel import SearchPanel


@pytest.fixture
def panel(qtbot) -> SearchPanel:
    panel = SearchPanel(search=lambda _text: [])
    qtbot.addWidget(panel)
    panel.show()
    panel.box.setFocus()
    return panel


def _id_number() -> str:
    return next(r.id_number for r in demo_roster().rows if r.id_number)


def test_an_id_number_sent_with_enter_does_not_come_back_with_ctrl_z(qtbot, panel) -> None:
    typed: list[str] = []
    panel.idTyped.connect(typed.append)
    number = _id_number()
    qtbot.keyClicks(panel.box, number)
    assert panel.box.text() == number
    qtbot.keyClick(panel.box, Qt.Key.Key_Return)
    assert typed == [number] and panel.box.text() == ""
    qtbot.keyClick(panel.box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.box.text() == ""
    assert not panel.box.isUndoAvailable()


def test_esc_and_the_clear_button_forget_it_too(qtbot, panel) -> None:
    number = _id_number()
    qtbot.keyClicks(panel.box, number[:17])  # not yet a whole number: no Enter needed
    qtbot.keyClick(panel.box, Qt.Key.Key_Escape)
    assert panel.box.text() == ""
    qtbot.keyClick(panel.box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.box.text() == ""
    qtbot.keyClicks(panel.box, number)
    clear = next(b for b in panel.box.findChildren(QToolButton) if b.isVisible())
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert panel.box.text() == ""
    qtbot.keyClick(panel.box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.box.text() == ""


def test_typing_and_undoing_within_the_box_still_works(qtbot, panel) -> None:
    """Only an emptied box loses its history: a slip while typing is undone as ever."""
    qtbot.keyClicks(panel.box, "zhang")
    qtbot.keyClick(panel.box, Qt.Key.Key_Backspace)
    qtbot.keyClick(panel.box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.box.text() == "zhang"
    # Deleted down to nothing: empty, and nothing to bring back.
    for _ in "zhang":
        qtbot.keyClick(panel.box, Qt.Key.Key_Backspace)
    assert panel.box.text() == "" and not panel.box.isUndoAvailable()
    qtbot.keyClicks(panel.box, "li")
    assert panel.box.text() == "li"
