"""An ID card swiped at the desk window: real key events at wedge speed, and typed in the box."""

from __future__ import annotations

from pathlib import Path

from desk_helpers import events, member_of, open_window, scan, type_slowly
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from data.store import Store
from kiosk.checkin import Outcome
from kiosk.demo import demo_roster
from kiosk.meeting import create_meeting
from kiosk.roster import Roster, RosterRow, import_roster

BRANCH = "第一支部"


def _ids() -> dict[str, str]:
    return {r.number: r.id_number for r in demo_roster().rows}


def _forged(id18: str) -> str:
    return id18[:17] + next(c for c in "0123456789X" if c != id18[17])


def test_a_swiped_id_card_signs_in_and_misreads_are_red(qtbot, demo_path, demo_store) -> None:
    ids = _ids()
    m = member_of(demo_store, BRANCH, 3)
    w = open_window(qtbot, demo_path)
    assert w.idcard_label.text() == "ID cards accepted"
    shown: list[tuple[Outcome, str]] = []
    w.resultShown.connect(lambda r, *_: shown.append((r.outcome, w.panel.headline.text())))
    # A reader sends the number and Enter, 3-5 ms a key; a lower-case x is the same.
    scan(qtbot, w, ids[m.number].lower())
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert shown[0][0] == Outcome.WELCOME and w.panel.colour == "green"
    assert [(e.member_id, e.method) for e in events(demo_store)] == [(m.id, "idcard")]
    # No Enter: the burst ends on silence, as with a QR scanner.
    scan(qtbot, w, _forged(ids[m.number]), enter=False)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=3000)
    assert shown[1] == (Outcome.ID_WRONG, "ID number is wrong, please swipe the card again")
    assert w.panel.colour == "red"
    scan(qtbot, w, "440524188001010014")
    qtbot.waitUntil(lambda: len(shown) == 3)
    assert shown[2] == (Outcome.ID_UNKNOWN, "This ID card is not on the list")
    assert "0014" in w.panel.detail.text() and "440524" not in w.panel.detail.text()
    assert w.search.box.text() == ""  # nothing of a swipe lands in the search box
    assert len(events(demo_store)) == 1


def test_an_id_number_typed_in_the_search_box_signs_in_on_enter(qtbot, demo_path,
                                                                 demo_store) -> None:
    ids = _ids()
    m = member_of(demo_store, BRANCH, 4)
    w = open_window(qtbot, demo_path)
    shown: list[Outcome] = []
    w.resultShown.connect(lambda r, *_: shown.append(r.outcome))
    w.search.box.setFocus()
    type_slowly(qtbot, w.search.box, ids[m.number], gap_ms=60)
    qtbot.waitUntil(lambda: w.search.box.text() == ids[m.number])
    assert w.search.results.count() == 0  # not searched for
    assert "press Enter" in w.search.hint.text()
    QTest.keyClick(w.search.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown == [Outcome.WELCOME])
    assert w.search.box.text() == ""
    assert [(e.member_id, e.method) for e in events(demo_store)] == [(m.id, "idcard")]
    # A typo: the hint says so before Enter, and Enter gives the red answer.
    type_slowly(qtbot, w.search.box, _forged(ids[m.number]), gap_ms=60)
    qtbot.waitUntil(lambda: "check digit is wrong" in w.search.hint.text())
    QTest.keyClick(w.search.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown[-1] == Outcome.ID_WRONG)


def test_a_roster_without_id_numbers_says_so_in_the_status_line(qtbot, tmp_path: Path) -> None:
    store = create_meeting(tmp_path / "m.sqlite", title="t", date="2026-11-28")
    import_roster(store, Roster("r", [RosterRow(2, "王伟", "一支部", "1", "", "", "", "",
                                                "full", "active", "", "")], {}), "t")
    store.close()
    w = open_window(qtbot, tmp_path / "m.sqlite")
    assert w.idcard_label.text() == "No ID numbers imported: ID cards cannot sign in"
    scan(qtbot, w, "11010519491231002X")
    qtbot.waitUntil(lambda: w.panel.headline.text() == "ID cards cannot sign in here")
    with Store.open(tmp_path / "m.sqlite") as s:
        assert events(s) == []
