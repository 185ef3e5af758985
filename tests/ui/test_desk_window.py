"""The desk window driven like a desk: scanner keys, typing, choosing, undoing.

Each test has its own demo meeting file (460 members, 11 branches, desks
1号台..11号台, nobody signed in) and asserts on the rows in that file as well
as on what the window shows.
"""

from __future__ import annotations

from desk_helpers import card_of, events, member_of, open_window, scan, type_slowly
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from data.store import Store
from kiosk.checkin import Desk, check_in
from kiosk.meeting import set_signin, update_settings

BRANCH = "第一支部"


def test_scan_with_enter_signs_in_and_shows_green(qtbot, demo_path, demo_store):
    w = open_window(qtbot, demo_path)
    m = member_of(demo_store, BRANCH)
    scan(qtbot, w, card_of(demo_store, m))
    qtbot.waitUntil(lambda: w.panel.colour == "green")
    assert w.panel.name.text() == m.name
    assert BRANCH in w.panel.detail.text() and "Full member" in w.panel.detail.text()
    arrivals = events(demo_store, "arrive")
    assert [(e.member_id, e.desk, e.method) for e in arrivals] == [(m.id, "1号台", "scan")]
    assert w.search.box.text() == ""  # no scanner key leaked into the search box


def test_scan_without_enter_ends_on_silence(qtbot, demo_path, demo_store):
    w = open_window(qtbot, demo_path)
    m = member_of(demo_store, BRANCH, 1)
    scan(qtbot, w, card_of(demo_store, m), gap_ms=4, enter=False)
    qtbot.waitUntil(lambda: w.panel.colour == "green", timeout=3000)
    assert w.panel.name.text() == m.name
    assert len(events(demo_store, "arrive")) == 1


def test_two_scans_in_a_row(qtbot, demo_path, demo_store):
    w = open_window(qtbot, demo_path)
    a, b = member_of(demo_store, BRANCH, 2), member_of(demo_store, BRANCH, 3)
    shown = []
    w.resultShown.connect(lambda r, *_: shown.append((r.outcome, r.member.id)))
    scan(qtbot, w, card_of(demo_store, a))
    scan(qtbot, w, card_of(demo_store, b))
    assert shown == [("welcome", a.id), ("welcome", b.id)]
    # Two scanners without Enter, one straight after the other: still two scans.
    c, d = member_of(demo_store, BRANCH, 4), member_of(demo_store, BRANCH, 5)
    scan(qtbot, w, card_of(demo_store, c) + card_of(demo_store, d), enter=False)
    qtbot.waitUntil(lambda: len(shown) == 4, timeout=3000)
    assert [s[1] for s in shown] == [a.id, b.id, c.id, d.id]
    assert {e.member_id for e in events(demo_store, "arrive")} == {a.id, b.id, c.id, d.id}


def test_garbage_unknown_and_other_meeting_are_red_with_their_own_sentence(qtbot, demo_path, demo_store):
    w = open_window(qtbot, demo_path)
    prefix = demo_store.meeting().code_prefix
    seen = {}
    w.resultShown.connect(lambda r, *_: seen.setdefault(str(r.outcome), w.panel.headline.text()))
    scan(qtbot, w, "http://x.cn/?a=1&b=%%")
    other = "ZZZZ" if prefix != "ZZZZ" else "YYYY"
    scan(qtbot, w, f"{other}-23456789ABCDEFGHJKMNP")
    scan(qtbot, w, f"{prefix}-23456789ABCDEFGHJKMNP")
    assert set(seen) == {"unreadable", "other_meeting", "unknown"}
    assert len(set(seen.values())) == 3  # three different sentences
    assert w.panel.colour == "red"
    assert events(demo_store) == []


def test_already_signed_in_is_amber_with_time_and_desk(qtbot, demo_path, demo_store):
    m = member_of(demo_store, BRANCH, 6)
    check_in(demo_store, card_of(demo_store, m), Desk("1号台", "t"), at="2026-11-28T14:02:00+08:00")
    w = open_window(qtbot, demo_path)
    scan(qtbot, w, card_of(demo_store, m))
    qtbot.waitUntil(lambda: w.panel.colour == "amber")
    assert w.panel.headline.text() == "Already signed in"
    assert "1号台" in w.panel.detail.text()
    assert len(events(demo_store, "arrive")) == 1


def test_wrong_desk_is_blue_and_names_the_right_desk(qtbot, demo_path, demo_store):
    m = member_of(demo_store, "第五支部")
    w = open_window(qtbot, demo_path)
    scan(qtbot, w, card_of(demo_store, m))
    qtbot.waitUntil(lambda: w.panel.colour == "blue")
    assert "5号台" in w.panel.headline.text() and "第五支部" in w.panel.detail.text()
    assert events(demo_store) == []


def test_closed_sign_in_is_red(qtbot, demo_path, demo_store):
    set_signin(demo_store, "closed", "test")
    w = open_window(qtbot, demo_path)
    scan(qtbot, w, card_of(demo_store, member_of(demo_store, BRANCH)))
    qtbot.waitUntil(lambda: w.panel.colour == "red")
    assert w.panel.headline.text() == "Sign-in is closed"
    assert "closed" in w.signin_label.text().lower()


def test_a_desk_whose_sign_in_closes_says_so_between_scans(qtbot, demo_path, demo_store):
    """When the organizer closes sign-in, the big panel stops inviting scans."""
    w = open_window(qtbot, demo_path)
    assert w.panel.headline.text() == "Ready"
    assert w.panel.name.text() == "Please scan the invitation card"
    set_signin(demo_store, "closed", "organizer")  # from the organizer's window, elsewhere
    qtbot.waitUntil(lambda: w.panel.headline.text() == "Sign-in is closed", timeout=3000)
    assert w.panel.colour == "ready"
    assert "scan the invitation card" not in w.panel.name.text().lower()
    assert "not recorded" in w.panel.detail.text()
    # A scan now is refused in red, and the panel comes back to "closed", not "Ready".
    scan(qtbot, w, card_of(demo_store, member_of(demo_store, BRANCH)))
    qtbot.waitUntil(lambda: w.panel.colour == "red")
    w.panel.show_ready()
    assert w.panel.headline.text() == "Sign-in is closed"
    set_signin(demo_store, "open", "organizer")
    qtbot.waitUntil(lambda: w.panel.headline.text() == "Ready", timeout=3000)


def test_early_leave_mode_says_it_records_departures(qtbot, demo_path, demo_store):
    update_settings(demo_store, "test", track_leave=1)
    w = open_window(qtbot, demo_path)
    qtbot.mouseClick(w.secretary.leave_mode, Qt.MouseButton.LeftButton)
    assert w.panel.headline.text() == "Early leave"
    assert "departures" in w.panel.detail.text()
    qtbot.mouseClick(w.secretary.leave_mode, Qt.MouseButton.LeftButton)
    assert w.panel.headline.text() == "Ready"


def test_panel_returns_to_ready(qtbot, demo_path, demo_store):
    w = open_window(qtbot, demo_path)
    w.panel.show_text(w.panel.current.__class__("green", "Welcome", "X"), hold_ms=50)
    qtbot.waitUntil(lambda: w.panel.colour == "ready", timeout=2000)


def test_human_typing_searches_and_the_operator_chooses_among_namesakes(qtbot, demo_path, demo_store):
    w = open_window(qtbot, demo_path, desk="4号台")
    namesakes = [m for m in demo_store.members() if m.name == "王伟"]
    assert len(namesakes) == 2
    type_slowly(qtbot, w.search.box, "wangwei")
    qtbot.waitUntil(lambda: w.search.box.text() == "wangwei", timeout=3000)
    assert events(demo_store) == []  # typing is never taken for a scan
    qtbot.waitUntil(lambda: w.search.results.count() >= 2)
    labels = [w.search.results.item(i).text() for i in range(w.search.results.count())]
    for m in namesakes:
        assert any(m.branch in t and m.phone[-4:] in t and m.phone not in t for t in labels)
    # Enter with nothing highlighted signs nobody in: no guessing among namesakes.
    QTest.keyClick(w.search.box, Qt.Key.Key_Return)
    assert events(demo_store) == []
    target = next(m for m in namesakes if m.branch == "第四支部")
    row = next(i for i, t in enumerate(labels) if "第四支部" in t)
    for _ in range(row + 1):
        QTest.keyClick(w.search.box, Qt.Key.Key_Down)
    QTest.keyClick(w.search.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.panel.colour == "green")
    arrivals = events(demo_store, "arrive")
    assert [(e.member_id, e.method) for e in arrivals] == [(target.id, "search")]
    assert w.search.box.text() == "" and w.search.results.count() == 0


def test_scan_while_typing_a_name_still_scans(qtbot, demo_path, demo_store):
    w = open_window(qtbot, demo_path)
    type_slowly(qtbot, w.search.box, "li")
    qtbot.waitUntil(lambda: w.search.box.text() == "li")
    m = member_of(demo_store, BRANCH, 7)
    scan(qtbot, w, card_of(demo_store, m), target=w.search.box)
    qtbot.waitUntil(lambda: w.panel.colour == "green")
    assert w.search.box.text() == "li"  # the scan did not spill into the name being typed


def test_undo_with_an_inline_reason_while_the_scanner_keeps_working(qtbot, demo_path, demo_store):
    w = open_window(qtbot, demo_path)
    a, b = member_of(demo_store, BRANCH, 8), member_of(demo_store, BRANCH, 9)
    scan(qtbot, w, card_of(demo_store, a))
    qtbot.waitUntil(lambda: w.secretary.recent.count() == 1)
    qtbot.waitUntil(lambda: w.secretary.table.item(0, 2).text() == "1")
    w.secretary.recent.setCurrentRow(0)
    qtbot.mouseClick(w.secretary.undo_button, Qt.MouseButton.LeftButton)
    assert w.secretary.undo_bar.isVisible()
    # The bar is open (no dialog): a member arriving now is still signed in.
    scan(qtbot, w, card_of(demo_store, b), target=w.secretary.undo_bar.reason)
    qtbot.waitUntil(lambda: len(events(demo_store, "arrive")) == 2)
    assert w.secretary.undo_bar.reason.text() == ""
    # Confirming without a reason is refused; with one it voids the first check-in.
    qtbot.mouseClick(w.secretary.undo_bar.ok, Qt.MouseButton.LeftButton)
    assert events(demo_store, "void") == [] and w.secretary.undo_bar.error.text()
    w.secretary.undo_bar.reason.setText("扫错人")
    qtbot.mouseClick(w.secretary.undo_bar.ok, Qt.MouseButton.LeftButton)
    voids = events(demo_store, "void")
    first = next(e for e in events(demo_store, "arrive") if e.member_id == a.id)
    assert [(v.target, v.reason, v.desk) for v in voids] == [(first.id, "扫错人", "1号台")]
    assert not w.secretary.undo_bar.isVisible()
    qtbot.waitUntil(lambda: w.secretary.table.item(0, 2).text() == "1")  # only b is present
    assert any("(undone)" in w.secretary.recent.item(i).text() for i in range(w.secretary.recent.count()))


def test_not_yet_arrived_with_phones_only_on_request(qtbot, demo_path, demo_store):
    w = open_window(qtbot, demo_path)
    m = member_of(demo_store, BRANCH)
    w.secretary.tabs.setCurrentIndex(1)
    expected = int(w.secretary.table.item(0, 1).text())
    assert w.secretary.absent.count() == expected
    texts = [w.secretary.absent.item(i).text() for i in range(w.secretary.absent.count())]
    assert not any(x.phone in t for x in demo_store.members() for t in texts if x.phone)
    qtbot.mouseClick(w.secretary.phones, Qt.MouseButton.LeftButton)
    texts = [w.secretary.absent.item(i).text() for i in range(w.secretary.absent.count())]
    assert any(m.phone in t for t in texts)
    scan(qtbot, w, card_of(demo_store, m))
    qtbot.waitUntil(lambda: w.secretary.absent.count() == expected - 1)
    assert w.secretary.absent_count.text().startswith(str(expected - 1))


def test_check_in_by_another_process_updates_the_figures(qtbot, demo_path, demo_store):
    w = open_window(qtbot, demo_path)
    assert w.secretary.table.item(0, 2).text() == "0"
    other = Store.open(demo_path)
    try:
        check_in(other, card_of(other, member_of(other, BRANCH)), Desk("1号台", "other"))
    finally:
        other.close()
    qtbot.waitUntil(lambda: w.secretary.table.item(0, 2).text() == "1", timeout=3000)
    qtbot.waitUntil(lambda: w.secretary.recent.count() == 1, timeout=3000)


def test_early_leave_and_reentry(qtbot, demo_path, demo_store):
    update_settings(demo_store, "test", track_leave=1)
    w = open_window(qtbot, demo_path)
    assert w.secretary.leave_mode.isVisible()
    m = member_of(demo_store, BRANCH, 10)
    scan(qtbot, w, card_of(demo_store, m))
    qtbot.waitUntil(lambda: w.panel.colour == "green")
    qtbot.mouseClick(w.secretary.leave_mode, Qt.MouseButton.LeftButton)
    assert w.leave_banner.isVisible()
    scan(qtbot, w, card_of(demo_store, m))
    qtbot.waitUntil(lambda: w.panel.headline.text() == "Early leave recorded")
    qtbot.mouseClick(w.secretary.leave_mode, Qt.MouseButton.LeftButton)
    scan(qtbot, w, card_of(demo_store, m))
    qtbot.waitUntil(lambda: w.panel.headline.text() == "Welcome back")
    assert [e.kind for e in events(demo_store)] == ["arrive", "leave", "arrive"]


def test_no_camera_and_no_audio_the_desk_works_and_says_so(qtbot, demo_path, demo_store):
    w = open_window(qtbot, demo_path)
    assert w.camera.state == "none"
    assert "No camera" in w.camera_label.text()
    assert w.sounds.available is False
    assert w.sounds.play("green") is False
    scan(qtbot, w, card_of(demo_store, member_of(demo_store, BRANCH)))
    qtbot.waitUntil(lambda: w.panel.colour == "green")


def test_kiosk_needs_the_pin_to_close(qtbot, demo_path, demo_store):
    update_settings(demo_store, "test", pin="246813")
    w = open_window(qtbot, demo_path, kiosk=True)
    w.close()
    assert w.isVisible() and w.pin_bar.isVisible()  # refused, asks for the PIN inline
    QTest.keyClicks(w.pin_bar.pin, "111111")
    QTest.keyClick(w.pin_bar.pin, Qt.Key.Key_Return)
    assert w.pin_bar.error.text() and not w.settings.isVisible()
    QTest.keyClicks(w.pin_bar.pin, "246813")
    QTest.keyClick(w.pin_bar.pin, Qt.Key.Key_Return)
    assert w.settings.isVisible() and not w.pin_bar.isVisible()
    qtbot.mouseClick(w.settings.close_desk, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not w.isVisible())


def test_desk_chooser_when_no_name_given(qtbot, demo_path, demo_store):
    from ui.desk.window import DeskWindow

    w = DeskWindow(demo_path, None, kiosk=False)
    qtbot.addWidget(w, before_close_func=lambda win: win.shutdown())
    w.show()
    button = w.findChild(QPushButton, "desk:3号台")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.session is not None and w.session.desk.name == "3号台")
    assert [b.name for b in w.session.my_branches()] == ["第三支部"]


def test_roster_changes_by_the_organizer_reach_the_desk(qtbot, demo_path, demo_store):
    from kiosk.meeting import assign_desk
    from kiosk.members import add_member, reissue_card

    w = open_window(qtbot, demo_path)
    expected = int(w.secretary.table.item(0, 1).text())
    mid, _ = add_member(demo_store, name="欧阳修", branch=BRANCH, actor="organizer", phone="13912345678")
    qtbot.waitUntil(lambda: int(w.secretary.table.item(0, 1).text()) == expected + 1, timeout=3000)
    w.search.box.setText("ouyangxiu")
    assert w.search.results.count() == 1
    w.search.reset()
    # A reissued card: the old one is refused by name, the new one works.
    m = member_of(demo_store, BRANCH, 11)
    old = card_of(demo_store, m)
    new, _ = reissue_card(demo_store, m.id, "organizer")
    # Let the desk take in the roster change first: synthetic key events carry no
    # time stamps, so a reload in the middle of a test's scan would split it.
    qtbot.waitUntil(lambda: w.session.roster_key == w.session.store.roster_key())
    scan(qtbot, w, old)
    qtbot.waitUntil(lambda: w.panel.headline.text() == "This card was replaced")
    assert w.panel.name.text() == m.name
    scan(qtbot, w, new)
    qtbot.waitUntil(lambda: w.panel.colour == "green")
    # The organizer gives this desk a second branch: its figures follow.
    assign_desk(demo_store, "第二支部", "1号台", actor="organizer")
    qtbot.waitUntil(lambda: w.secretary.table.rowCount() == 3, timeout=3000)  # two + total
    assert "第二支部" in w.desk_label.text()
    assert mid in w.session.members


def test_sounds_are_short_distinct_and_generated_by_the_script(tmp_path):
    import wave

    from ui.sounds import COLOURS, SOUND_DIR, write_sounds

    fresh = {p.name: p.read_bytes() for p in write_sounds(tmp_path)}
    shipped = {c: (SOUND_DIR / f"{c}.wav").read_bytes() for c in COLOURS}
    assert all(fresh[f"{c}.wav"] == shipped[c] for c in COLOURS)  # the files come from the script
    assert len(set(shipped.values())) == 4
    for c in COLOURS:
        with wave.open(str(SOUND_DIR / f"{c}.wav")) as w:
            assert 0.15 < w.getnframes() / w.getframerate() < 1.0
