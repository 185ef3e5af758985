"""The organizer's window says quorum rules and exclusion cases with kiosk.vocabulary's words,
in Chinese under the Chinese translation and in English without it (the printed report
uses the same Chinese words)."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from kiosk import vocabulary
from kiosk.model import ExclusionCase
from kiosk.turnout import QUORUM_RULES
from ui.language import install_translations
from ui.organizer.window import NewMeetingDialog, OrganizerWindow


def _combo(box) -> list[str]:
    return [box.itemText(i) for i in range(box.count())]


def _screens(qtbot, demo_path, tmp_path) -> tuple[list[str], list[str], list[str]]:
    win = OrganizerWindow(demo_path)
    qtbot.addWidget(win)
    dlg = NewMeetingDialog(folder=tmp_path)
    qtbot.addWidget(dlg)
    try:
        return (_combo(win.settings_panel.quorum), _combo(win.members.case)[1:],
                [b.text() for b in dlg.rule_buttons.values()])
    finally:
        win.close()


def test_english_and_chinese_screens_use_the_vocabulary(qtbot, demo_path, tmp_path) -> None:
    rules, cases, choices = _screens(qtbot, demo_path, tmp_path)
    assert rules == [vocabulary.quorum_label(r, zh=False) for r in QUORUM_RULES]
    assert cases == [f"{vocabulary.exclusion_case_label(c, zh=False)} "
                     f"({vocabulary.exclusion_case_label(c)})" for c in ExclusionCase]
    assert choices[2] == vocabulary.quorum_label("majority", zh=False)
    assert choices[0].splitlines() == [vocabulary.quorum_label("election", zh=False),
                                       "(exactly 4/5 is not enough)"]
    app = QApplication.instance()
    translators = install_translations(app, QLocale("zh_CN"))
    try:
        rules, cases, choices = _screens(qtbot, demo_path, tmp_path)
    finally:
        for tr in translators:
            app.removeTranslator(tr)
        QLocale.setDefault(QLocale("en_US"))
    assert rules == [vocabulary.quorum_label(r) for r in QUORUM_RULES]
    assert rules[3] == "表决：到会有选举权人数超过应到会人数的半数"
    assert cases == [vocabulary.exclusion_case_label(c) for c in ExclusionCase]
    assert choices[1].splitlines() == [vocabulary.quorum_label("election_at_least"),
                                       "（恰好五分之四即可）"]
