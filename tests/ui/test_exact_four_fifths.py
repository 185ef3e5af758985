"""A count exactly on 4/5 is said in words on the dashboard, the big screen and the report."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from data.store import Store
from kiosk.checkin import Desk, check_in
from kiosk.meeting import create_meeting, update_settings
from kiosk.members import add_member
from reports.attendance import build_report
from ui.live import MeetingWatcher
from ui.organizer.bigscreen import BigScreen
from ui.organizer.window import OrganizerWindow
from ui.style import RESULT_COLOURS


def _ten_with_eight_present(path: Path, rule: str) -> None:
    with create_meeting(path, title="小会", date="2026-11-28") as s:
        for i in range(10):
            add_member(s, name=f"党员{i}", branch="第一支部", actor="t", number=str(i))
        update_settings(s, "t", quorum_rule=rule)
        cards = s.current_cards()
        for mid in sorted(cards)[:8]:
            check_in(s, cards[mid], Desk("1号台", "t"))


@pytest.mark.parametrize(("rule", "met"), [("election", False), ("election_at_least", True)])
def test_exactly_four_fifths_everywhere(qtbot, tmp_path: Path, rule: str, met: bool) -> None:
    path = tmp_path / "m.sqlite"
    _ten_with_eight_present(path, rule)
    win = OrganizerWindow(path)
    qtbot.addWidget(win)
    banner = win.dashboard.banner
    headline = banner.headline.text()
    assert headline.startswith("= EXACTLY 4/5")
    assert ("NOT reached" in headline) is (not met)
    assert ("1 more needed" in headline) is (not met)
    assert banner.palette().window().color().name().upper() == RESULT_COLOURS["amber"][0]

    watcher = MeetingWatcher(path)
    screen = BigScreen(watcher)
    qtbot.addWidget(screen)
    line = screen.quorum.text()
    assert line.startswith("= Exactly 4/5")
    assert ("not reached" in line) is (not met)
    watcher.close()
    win.close()

    pdf = tmp_path / "report.pdf"
    with Store.open(path) as s:
        build_report(s, pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout.replace("\n", "")
    assert "在场有选举权 8 人，恰好等于应到 10 人的五分之四" in text
    assert ("按本次会议所定规则已达到法定人数" if met else "按本次会议所定规则未达到法定人数") in text
