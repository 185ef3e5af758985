"""The hall's big screen shows figures and masked names, never a full name or a phone number."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QLabel

from data.store import Store
from kiosk.checkin import Desk, check_in
from kiosk.demo import sign_in_share
from ui.live import MeetingWatcher
from ui.organizer.bigscreen import ARRIVALS_SHOWN, BigScreen
from ui.organizer.livetext import LiveText


def _assert_nothing_personal(screen: BigScreen, store: Store) -> list[str]:
    texts = screen.all_texts()
    # Every QLabel and LiveText is in all_texts; the branch bars paint no text at all.
    assert len(texts) == 1 + len(screen.findChildren(QLabel)) + len(screen.findChildren(LiveText))
    assert len(screen.findChildren(LiveText)) >= 3 + ARRIVALS_SHOWN
    joined = "\n".join(texts)
    for m in store.members(include_removed=True):
        assert m.name not in joined, f"full name {m.name} on the big screen"
        assert m.phone[-4:] not in re.findall(r"\d{4,}", joined), "phone digits on the big screen"
        if m.number:
            assert m.number not in joined
    assert not re.search(r"\d{5,}", joined), "a long digit string on the big screen"
    return texts


def test_big_screen_shows_masked_arrivals_only(qtbot, demo_path: Path):
    with Store.open(demo_path) as s:
        sign_in_share(s, 0.3)
    watcher = MeetingWatcher(demo_path)
    screen = BigScreen(watcher)
    qtbot.addWidget(screen)
    screen.resize(1920, 1080)
    screen.show()
    with Store.open(demo_path) as store:
        texts = _assert_nothing_personal(screen, store)
        f = watcher.figures()
        assert f"{f.present} / {f.expected}" in texts
        assert f"{f.turnout}%" in texts
        masked = [t for t in texts if re.match(r"^\w\*  第.+支部  \d\d:\d\d$", t)]
        assert len(masked) == ARRIVALS_SHOWN
        assert any("Quorum" in t for t in texts)

        # A new arrival from another connection appears at the top, masked.
        m = next(m for m in store.members()
                 if m.branch == "第二支部" and m.status == "active" and m.category == "full"
                 and not watcher.tally.presence(m.id).attended)
        check_in(store, store.current_cards()[m.id], Desk("2号台", "t"))
        qtbot.waitUntil(lambda: screen.arrival_labels[0].text().startswith(m.name[0] + "*  第二支部"),
                        timeout=3000)
        _assert_nothing_personal(screen, store)
        assert screen.present.text() == f"{f.present + 1} / {f.expected}"
    watcher.close()


def test_big_screen_on_a_chosen_display(qtbot, demo_path: Path):
    watcher = MeetingWatcher(demo_path)
    screen = BigScreen(watcher)
    qtbot.addWidget(screen)
    screen.show_on_screen(0)
    qtbot.waitUntil(screen.isVisible, timeout=3000)
    assert screen.isFullScreen()
    from PySide6.QtGui import QGuiApplication

    assert screen.screen() is QGuiApplication.screens()[0]
    # Type grows with the window: readable from the back of the hall.
    assert screen.turnout.font().pixelSize() >= 0.09 * screen.height()
    watcher.close()
