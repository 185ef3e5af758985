"""The person, not the card: the photo on the desk's panel and search list, and 不是本人 (F8).

Real key events: the first scan is typed at scanner speed (the others go
through the desk's scan handler, so a busy test machine's key timing cannot
make them flaky), F8 and the search are keys sent to the widget that has focus. The photos are the demo's drawn
portraits, stored in a real meeting file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from desk_helpers import card_of, events, focus_target, open_window, scan, type_slowly
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from data.store import Store
from kiosk.avatars import avatar_jpeg
from kiosk.checkin import presence_of
from kiosk.demo import add_demo_photos
from kiosk.vocabulary import NOT_THIS_PERSON
from ui.desk.photos import FULL_KEPT, THUMBS_KEPT, PhotoCache
from ui.desk.search_panel import MEMBER_ROLE

DESK = "1号台"


@pytest.fixture
def photo_path(demo_path: Path) -> Path:
    """The demo meeting with drawn portraits for 第一支部 (a few without) and the namesakes."""
    with Store.open(demo_path) as s:
        add_demo_photos(s)
    return demo_path


def _desk(qtbot, path: Path):
    """The desk window, active (a key reaches a window only when it is the active one)."""
    w = open_window(qtbot, path, DESK, sound=False, camera=False)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    return w


def _member(path: Path, *, with_photo: bool, k: int = 0):
    with Store.open(path) as s:
        have = s.photo_member_ids()
        found = [m for m in s.members() if m.branch == "第一支部" and m.status == "active"
                 and m.category == "full" and (m.id in have) == with_photo]
        m = found[k]
        return m, card_of(s, m)


def test_green_result_shows_the_photo_large_left_of_the_name(qtbot, photo_path: Path) -> None:
    w = _desk(qtbot, photo_path)
    member, code = _member(photo_path, with_photo=True)
    scan(qtbot, w, code)
    qtbot.waitUntil(lambda: w.panel.colour == "green", timeout=3000)
    panel = w.panel
    assert panel.showing_photo and panel.name.text() == member.name
    pix = panel.photo.pixmap()
    # Large (most of the panel's height), the stored 3:4 aspect kept, left of the name.
    assert pix.height() >= 0.75 * panel.height()
    assert abs(pix.width() / pix.height() - 240 / 320) < 0.02
    assert panel.photo.geometry().right() < panel.name.geometry().left()
    # The secretary gets longer to compare than a plain green result.
    assert panel.timer.interval() >= 9000
    assert panel.reject.isVisible() and "F8" in panel.reject.text()


def test_no_photo_shows_none_and_red_results_show_none(qtbot, photo_path: Path) -> None:
    w = _desk(qtbot, photo_path)
    _member_without, code = _member(photo_path, with_photo=False)
    w.handle_scan(code)  # the scanner's own path is tested above
    qtbot.waitUntil(lambda: w.panel.colour == "green", timeout=3000)
    assert not w.panel.photo.isVisible() and not w.panel.showing_photo
    # the text gets the whole width again
    assert w.panel.name.geometry().left() < w.panel.width() * 0.2
    w.handle_scan("ZZZZ-NOT-A-CARD-OF-THIS-MEETING")
    qtbot.waitUntil(lambda: w.panel.colour == "red", timeout=3000)
    assert not w.panel.photo.isVisible() and not w.panel.reject.isVisible()


def test_f8_voids_as_not_this_person_and_the_card_is_marked(qtbot, photo_path: Path) -> None:
    w = _desk(qtbot, photo_path)
    member, code = _member(photo_path, with_photo=True, k=1)
    w.handle_scan(code)  # the scanner's own path is tested above
    qtbot.waitUntil(lambda: w.panel.colour == "green", timeout=3000)
    QTest.keyClick(focus_target(w), Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: w.panel.colour == "red", timeout=3000)
    assert w.panel.name.text() == member.name
    assert "Not this person" in w.panel.headline.text()
    assert not w.panel.reject.isVisible()
    with Store.open(photo_path) as s:
        (void,) = events(s, "void")
        assert void.reason == NOT_THIS_PERSON and void.desk == DESK
        assert not presence_of(s, member.id).attended  # the member stays 未到
    # The focus is back where the next scan lands, and a second F8 does nothing.
    assert focus_target(w) is w.search.box
    QTest.keyClick(focus_target(w), Qt.Key.Key_F8)
    with Store.open(photo_path) as s:
        assert len(events(s, "void")) == 1
    # The recent list shows the check-in undone.
    recent = w.secretary.recent
    qtbot.waitUntil(lambda: recent.count() == 1 and "undone" in recent.item(0).text(),
                    timeout=3000)
    # The same card again: amber, photo shown, "presented by someone else" said.
    w.handle_scan(code)  # the scanner's own path is tested above
    qtbot.waitUntil(lambda: w.panel.colour == "amber", timeout=3000)
    assert w.panel.showing_photo and "someone else" in w.panel.headline.text()
    # back to ready by itself
    w.panel.timer.setInterval(10)
    w.panel.timer.start()
    qtbot.waitUntil(lambda: w.panel.colour == "ready", timeout=3000)
    assert not w.panel.photo.isVisible() and not w.panel.reject.isVisible()


def test_the_button_does_it_too_and_f8_on_ready_does_nothing(qtbot, photo_path: Path) -> None:
    w = _desk(qtbot, photo_path)
    QTest.keyClick(focus_target(w), Qt.Key.Key_F8)
    member, code = _member(photo_path, with_photo=True, k=2)
    w.handle_scan(code)  # the scanner's own path is tested above
    qtbot.waitUntil(lambda: w.panel.colour == "green", timeout=3000)
    with Store.open(photo_path) as s:
        assert events(s, "void") == []
    QTest.mouseClick(w.panel.reject, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.panel.colour == "red", timeout=3000)
    with Store.open(photo_path) as s:
        assert [e.reason for e in events(s, "void")] == [NOT_THIS_PERSON]


def test_the_organizer_sees_it(qtbot, photo_path: Path) -> None:
    from ui.organizer.window import OrganizerWindow

    w = _desk(qtbot, photo_path)
    member, code = _member(photo_path, with_photo=True, k=3)
    w.handle_scan(code)  # the scanner's own path is tested above
    qtbot.waitUntil(lambda: w.panel.colour == "green", timeout=3000)
    QTest.keyClick(focus_target(w), Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: w.panel.colour == "red", timeout=3000)
    org = OrganizerWindow(photo_path)
    qtbot.addWidget(org)
    feed = org.dashboard.feed
    qtbot.waitUntil(lambda: any("NOT THIS PERSON" in line[0] and member.name in line[0]
                                for line in feed.lines), timeout=5000)
    org.close()


def test_namesakes_in_the_search_list_show_their_photos(qtbot, photo_path: Path) -> None:
    w = _desk(qtbot, photo_path)
    type_slowly(qtbot, focus_target(w), "wangwei")
    qtbot.waitUntil(lambda: w.search.results.count() >= 2, timeout=3000)
    rows = [w.search.results.item(i) for i in range(w.search.results.count())]
    pics = [r.data(Qt.ItemDataRole.DecorationRole) for r in rows]
    assert all(isinstance(p, QPixmap) and not p.isNull() for p in pics)
    drawn = [p for p in pics if p.toImage().pixelColor(p.width() // 2, p.height() // 2).alpha()]
    assert len(drawn) >= 2
    for p in drawn:
        thumb = w.search.thumb  # 42x56 on a 1366x768 screen, larger on larger ones
        assert p.height() <= thumb.height() and p.width() <= thumb.width()
        assert p.height() >= 56
    # Each row is tall enough for its photo.
    assert w.search.results.visualItemRect(rows[0]).height() >= w.search.thumb.height()


def test_a_member_without_a_photo_keeps_the_names_in_line(qtbot, photo_path: Path) -> None:
    """No photo (none taken, or a branch whose photos stay at another desk): an empty space
    of the photo's size, so every name in the list starts at the same place."""
    member, _ = _member(photo_path, with_photo=False, k=0)
    w = _desk(qtbot, photo_path)
    w.search.box.setText(member.name)
    qtbot.waitUntil(lambda: w.search.results.count() >= 1, timeout=3000)
    row = next(w.search.results.item(i) for i in range(w.search.results.count())
               if w.search.results.item(i).data(MEMBER_ROLE) == member.id)
    blank = row.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(blank, QPixmap) and blank.size() == w.search.thumb
    image = blank.toImage()
    assert all(image.pixelColor(x, y).alpha() == 0
               for x in range(0, blank.width(), 7) for y in range(0, blank.height(), 7))


def test_a_photo_that_does_not_decode_is_said_not_hidden(qtbot, photo_path: Path) -> None:
    member, code = _member(photo_path, with_photo=False, k=0)
    good = avatar_jpeg(1)
    # The frame header is intact (the file accepts it), the picture data is not.
    sof = good.index(b"\xff\xc0")
    broken = good[:sof + 19] + b"\x00" * 64
    with Store.open(photo_path) as s:
        s.set_photo(member.id, broken, "broken.jpg")
    w = _desk(qtbot, photo_path)
    w.handle_scan(code)  # the scanner's own path is tested above
    qtbot.waitUntil(lambda: w.panel.colour == "green", timeout=3000)
    assert w.panel.photo.isVisible() and not w.panel.showing_photo
    assert "cannot be shown" in w.panel.photo.text()


def test_photos_are_read_on_demand_and_few_are_kept(photo_path: Path, qapp) -> None:
    with Store.open(photo_path) as s:
        ids = sorted(s.photo_member_ids())
        version = [s.photos_version()]
        cache = PhotoCache(s.photo, lambda: version[0])
        assert cache.reads == 0  # nothing read up front
        for mid in ids:
            cache.pixmap(mid)
            cache.thumbnail(mid, QSize(42, 56))
        assert len(cache._full) == min(FULL_KEPT, len(ids)) and len(cache._thumbs) <= THUMBS_KEPT
        reads = cache.reads
        cache.pixmap(ids[-1])
        assert cache.reads == reads  # the last one is kept
        s.set_photo(ids[-1], avatar_jpeg(99), "new.jpg")
        version[0] = s.photos_version()
        cache.pixmap(ids[-1])
        assert cache.reads == reads + 1  # a changed photo is read again
        assert cache.pixmap(-1) is None


def test_not_this_person_from_the_last_check_ins_after_the_panel_moved_on(
        qtbot, photo_path: Path) -> None:
    w = _desk(qtbot, photo_path)
    member, code = _member(photo_path, with_photo=True, k=4)
    w.handle_scan(code)
    qtbot.waitUntil(lambda: w.panel.colour == "green", timeout=3000)
    recent = w.secretary.recent
    qtbot.waitUntil(lambda: recent.count() == 1, timeout=3000)
    recent.setCurrentRow(0)
    QTest.mouseClick(w.secretary.undo_button, Qt.MouseButton.LeftButton)
    bar = w.secretary.undo_bar
    assert bar.isVisible() and bar.not_this_person.isVisible()
    QTest.mouseClick(bar.not_this_person, Qt.MouseButton.LeftButton)
    with Store.open(photo_path) as s:
        assert [e.reason for e in events(s, "void")] == [NOT_THIS_PERSON]
    assert not bar.isVisible()
    # The panel no longer offers to undo what is already undone: F8 does nothing more.
    assert not w.panel.reject.isVisible()
    QTest.keyClick(focus_target(w), Qt.Key.Key_F8)
    assert w.panel.colour == "green"
    with Store.open(photo_path) as s:
        assert len(events(s, "void")) == 1


def test_the_big_screen_never_shows_photos() -> None:
    # The hall's screen shows counts and masked names only (least data where it goes).
    source = (Path(__file__).resolve().parents[2] / "ui" / "organizer" / "bigscreen.py").read_text()
    assert "photo" not in source.lower() and "pixmap" not in source.lower()


def test_the_wrong_desk_says_the_card_was_presented_by_someone_else(qtbot, photo_path: Path) -> None:
    member, code = _member(photo_path, with_photo=True, k=5)
    with Store.open(photo_path) as s:
        from kiosk.checkin import Desk, check_in, void

        first = check_in(s, code, Desk(DESK, "t")).event
        void(s, first.id, NOT_THIS_PERSON, Desk(DESK, "t"))
    w = open_window(qtbot, photo_path, "2号台", sound=False, camera=False)
    w.handle_scan(code)
    qtbot.waitUntil(lambda: w.panel.colour == "blue", timeout=3000)
    assert "presented by someone else" in w.panel.detail.text()
    assert not w.panel.photo.isVisible()  # another desk's member: no photo here, not let in


def test_f8_on_a_check_in_already_undone_elsewhere_says_why(qtbot, photo_path: Path) -> None:
    from kiosk.checkin import Desk, void

    w = _desk(qtbot, photo_path)
    member, code = _member(photo_path, with_photo=True, k=6)
    result = w.handle_scan(code)
    qtbot.waitUntil(lambda: w.panel.colour == "green", timeout=3000)
    with Store.open(photo_path) as s:  # the organizer undid it meanwhile, from the console
        void(s, result.event.id, "organizer: duplicate", Desk("console", "组织者"))
    QTest.keyClick(focus_target(w), Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: w.panel.colour == "red", timeout=3000)
    assert "not undone" in w.panel.headline.text() and "already void" in w.panel.detail.text()
    with Store.open(photo_path) as s:
        assert [e.reason for e in events(s, "void")] == ["organizer: duplicate"]
