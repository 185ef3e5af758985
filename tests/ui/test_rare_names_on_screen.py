"""Rare characters keep rendering on screen: the desk's result panel and the big screen.

Qt falls back to another installed font for a character the UI font lacks. The
tests scan rare names at a real desk window and check the glyphs Qt lays out for
the name label's font: none may be glyph 0 (.notdef, drawn as an empty box), as
it is for a character no font has. On the big screen the masked rare surname's
pixels must differ from the same line with that box in its place.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from desk_helpers import open_window, scan
from PySide6.QtGui import QFont, QImage, QTextLayout
from PySide6.QtWidgets import QWidget

from data.store import Store
from kiosk.checkin import Desk, check_in
from kiosk.roster import Roster, RosterRow, import_roster
from ui.live import MeetingWatcher
from ui.organizer.bigscreen import BigScreen

NO_FONT = "\U00030041"  # an Extension G character no font on the test machine has
RARE = {"䶮": "Ext A", "𠮷": "Ext B", "𪟝": "Ext C", "𫢸": "Ext E", "𰻝": "Ext G"}
pytestmark = pytest.mark.skipif(
    not Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf").is_file(),
    reason="the rare-character fonts are not installed (scripts/setup.sh installs them)")


def _pixels(widget: QWidget) -> bytes:
    image = widget.grab().toImage()
    return bytes(image.constBits())[: image.sizeInBytes()]


def _glyphs(text: str, font: QFont) -> dict[str, int]:
    """Family -> glyph id Qt lays out for each run of ``text`` (0 is .notdef, the box)."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    out = {}
    for run in layout.glyphRuns():
        for g in run.glyphIndexes():
            out[f"{run.rawFont().familyName()}#{g}"] = g
    return out


def _ink(image: QImage) -> int:
    """How many distinct colours an image has: 1 means nothing was drawn."""
    return len({image.pixel(x, y) for x in range(0, image.width(), 2)
                for y in range(0, image.height(), 2)})


def _add(store: Store, names: list[str]) -> None:
    rows = [RosterRow(row=i + 2, name=n, branch="第一支部", number=f"3999{i:04d}", gender="男",
                      birth_date="1970-01", education="", phone="13900000000",
                      category="full", status="active", reason="", notes="")
            for i, n in enumerate(names)]
    import_roster(store, Roster("rare", rows, {}), actor="test")


def test_the_desk_shows_rare_names(qtbot, demo_path: Path) -> None:
    """Scanned at a real desk window, each rare name is drawn (ink in the name label)
    from glyphs Qt found in some font, none of them .notdef."""
    names = ["王" + ch for ch in RARE] + ["王" + NO_FONT]
    with Store.open(demo_path) as store:
        _add(store, names)
        cards = {m.name: store.current_cards()[m.id] for m in store.members() if m.name in names}
    w = open_window(qtbot, demo_path)
    for name in names:
        scan(qtbot, w, cards[name])
        qtbot.waitUntil(lambda n=name: w.panel.name.text() == n)
        qtbot.wait(50)  # the panel's layout settles after the text is set
        shot = w.panel.grab(w.panel.name.geometry()).toImage()
        if os.environ.get("SIGNDESK_SHOTS"):  # to look at them: SIGNDESK_SHOTS=dir
            w.grab().save(str(Path(os.environ["SIGNDESK_SHOTS"]) / f"desk-{ord(name[1]):X}.png"))
        assert _ink(shot) > 2, name
        glyphs = _glyphs(name, w.panel.name.font())
        if NO_FONT in name:
            assert 0 in glyphs.values()  # the check can fail: Qt's .notdef is glyph 0
        else:
            assert 0 not in glyphs.values(), f"{RARE[name[1]]} {name[1]} is .notdef: {glyphs}"


def test_the_big_screen_shows_a_rare_surname_masked(qtbot, demo_path: Path) -> None:
    with Store.open(demo_path) as store:
        row = RosterRow(row=2, name="𠮷小明", branch="第一支部", number="39990002", gender="男",
                        birth_date="1970-01", education="", phone="13900000001",
                        category="full", status="active", reason="", notes="")
        import_roster(store, Roster("one", [row], {}), actor="test")
        m = store.member_by_number("39990002")
        assert check_in(store, store.current_cards()[m.id], Desk("1号台", "t")).recorded
    watcher = MeetingWatcher(demo_path)
    screen = BigScreen(watcher)
    qtbot.addWidget(screen)
    screen.resize(1920, 1080)
    screen.show()
    label = screen.arrival_labels[0]
    qtbot.waitUntil(lambda: label.text().startswith("𠮷*"), timeout=3000)
    assert 0 not in _glyphs(label.text(), label.font()).values()
    rare = _pixels(screen)
    label.setText(label.text().replace("𠮷", NO_FONT))
    assert _pixels(screen) != rare, "the rare surname drawn as an empty box"
    watcher.close()
