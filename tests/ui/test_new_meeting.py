"""The new-meeting form: the quorum rule is chosen, times are kept, the file has a home."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QFileDialog

from data.store import Store
from ui.organizer import new_meeting
from ui.organizer.new_meeting import NewMeetingDialog, safe_file_name


def test_the_quorum_rule_must_be_chosen_and_everything_lands_in_the_file(qtbot, tmp_path):
    dlg = NewMeetingDialog(folder=tmp_path / "Documents" / "SignDesk")
    qtbot.addWidget(dlg)
    qtbot.keyClicks(dlg.title, "Party congress")
    dlg.venue.setText("活动室")
    # The file follows the title in the default folder (made when the file is).
    assert dlg.path.text() == str(tmp_path / "Documents" / "SignDesk"
                                  / f"Party congress {dlg.date.date().toString('yyyy-MM-dd')}.sqlite")
    assert dlg.rule() is None  # no default: sources disagree on exactly 4/5
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert "quorum rule" in dlg.error.text()
    assert dlg.created is None and not Path(dlg.path.text()).exists()
    qtbot.mouseClick(dlg.rule_buttons["election_at_least"], Qt.MouseButton.LeftButton)
    dlg.opens_on.setChecked(True)
    dlg.opens.setTime(QTime(8, 0))
    dlg.closes_on.setChecked(True)
    dlg.closes.setTime(QTime(7, 0))  # before it opens: refused, nothing made
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert "open before it closes" in dlg.error.text()
    assert not Path(dlg.path.text()).exists()
    dlg.closes.setTime(QTime(9, 15))
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.created is not None and dlg.created.exists()
    with Store.open(dlg.created) as s:
        m = s.meeting()
    assert (m.title, m.venue, m.quorum_rule) == ("Party congress", "活动室", "election_at_least")
    assert m.opens_at[11:16] == "08:00" and m.closes_at[11:16] == "09:15"
    assert m.opens_at[:10] == m.date


def test_the_explanation_names_both_texts(qtbot, tmp_path):
    dlg = NewMeetingDialog(folder=tmp_path)
    qtbot.addWidget(dlg)
    texts = " ".join(label.text() for label in dlg.findChildren(type(dlg.error)))
    assert "暂行条例" in texts and "不少于" in texts and "exactly 4/5" in texts


def test_file_names_from_titles_are_safe():
    assert safe_file_name('a/b\\c:d*?"<>|e') == "a b c d e"
    assert safe_file_name("  ") == "meeting"
    assert safe_file_name("北郊居民区党员大会") == "北郊居民区党员大会"


def test_choosers_never_open_in_the_programs_folder(qtbot, tmp_path, monkeypatch):
    """The save and open choosers start in the meetings folder (or home), not the cwd."""
    monkeypatch.chdir(Path(__file__).resolve().parents[2])  # as when started from the program
    folder = tmp_path / "Docs" / "SignDesk"
    monkeypatch.setattr(new_meeting, "meetings_folder", lambda: folder)
    seen: list[str] = []

    def fake_save(_parent, _caption, start, _filter):
        seen.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake_save))
    dlg = NewMeetingDialog()
    qtbot.addWidget(dlg)
    dlg._browse()
    new_meeting.ask_open_meeting(None)
    folder.mkdir(parents=True)
    dlg._browse()
    new_meeting.ask_open_meeting(None)
    cwd = os.getcwd()
    assert all(s and not s.startswith(cwd) for s in seen), seen
    assert seen[2].startswith(str(folder)) and seen[3] == str(folder)


def test_start_screen_lists_each_meeting_once_by_title_and_date(qtbot, tmp_path):
    import shutil

    from kiosk.meeting import create_meeting
    from ui.launcher.start_screen import StartScreen
    from ui.organizer.window import remember

    a = tmp_path / "a.sqlite"
    create_meeting(a, title="北郊党员大会", date="2026-11-28").close()
    copy = tmp_path / "backup of a.sqlite"
    shutil.copy(a, copy)  # the same meeting, copied aside
    b = tmp_path / "b.sqlite"
    create_meeting(b, title="南区党员大会", date="2026-11-29").close()
    link = tmp_path / "link.sqlite"
    link.symlink_to(b)
    for p in (copy, a, link, b):
        remember(p)
    start = StartScreen(desks=tmp_path / "desks")
    qtbot.addWidget(start)
    lines = [start.recent.item(i).text() for i in range(start.recent.count())]
    assert lines == ["南区党员大会 · 2026-11-29", "北郊党员大会 · 2026-11-28"]
    assert start.open_recent_button.isDefault() and not start.new_button.isDefault()
    assert "南区党员大会 · 2026-11-29" in start.desk_button.text()
    start.recent.setCurrentRow(1)
    assert "北郊党员大会" in start.desk_button.text()


def test_start_screen_without_meetings_offers_new_first(qtbot, tmp_path):
    from ui.launcher.start_screen import StartScreen

    start = StartScreen(desks=tmp_path / "desks")
    qtbot.addWidget(start)
    assert start.recent.count() == 0
    assert start.new_button.isDefault()
    assert "choose the meeting file" in start.desk_button.text()
