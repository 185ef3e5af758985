"""Qt's own dialogs speak Chinese in the Chinese UI: Qt's zh_CN catalogues (shipped in
PySide6/Qt/translations) are found and installed next to SignDesk's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from ui.language import install_translations, native_dialog_language, qt_translation_dirs

ROOT = Path(__file__).resolve().parents[2]


def test_qt_catalogues_are_where_pyside6_keeps_them() -> None:
    dirs = qt_translation_dirs()
    assert any((d / "qtbase_zh_CN.qm").is_file() for d in dirs), dirs


def test_message_box_and_file_chooser_buttons_in_chinese(qtbot) -> None:
    app = QApplication.instance()
    translators = install_translations(app, QLocale("zh_CN"))
    try:
        assert any(Path(t.filePath()).name == "qtbase_zh_CN.qm" for t in translators)
        box = QMessageBox(QMessageBox.Icon.Question, "t", "x",
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert sorted(b.text() for b in box.buttons()) == sorted(["确定", "取消"])
        chooser = QFileDialog(None, "t")
        chooser.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own, as off a desktop
        qtbot.addWidget(chooser)
        texts = {b.text() for b in chooser.findChildren(QPushButton)}
        assert "取消" in texts and "打开(&O)" in texts
    finally:
        for tr in translators:
            app.removeTranslator(tr)
        QLocale.setDefault(QLocale("en_US"))


@pytest.mark.slow
def test_the_app_made_by_the_launcher_translates_qt_too() -> None:
    """A fresh process, as `python main.py` makes its application with SIGNDESK_LANG=zh_CN."""
    code = ("from ui.launcher import make_app\n"
            "from PySide6.QtWidgets import QMessageBox\n"
            "make_app()\n"
            "box = QMessageBox(QMessageBox.Icon.Warning, 't', 'x', QMessageBox.StandardButton.Cancel)\n"
            "print(box.buttons()[0].text())\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SIGNDESK_LANG="zh_CN", LANG="C.UTF-8")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "取消"


def test_desktop_dialogs_follow_the_chosen_language() -> None:
    env = {"SIGNDESK_LANG": "zh_CN", "LANG": "en_US.UTF-8"}
    native_dialog_language(env)
    assert env["LANGUAGE"] == "zh_CN:zh"
    english = {"SIGNDESK_LANG": "en_US"}
    native_dialog_language(english)
    assert "LANGUAGE" not in english
