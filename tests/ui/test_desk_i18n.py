"""The desk speaks Chinese: a complete zh_CN translation, up to date, and used."""

from __future__ import annotations

import subprocess
from pathlib import Path

from desk_helpers import card_of, member_of, open_window, scan
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication
from ts_files import qt_tool, ts_messages

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "ui" / "i18n" / "desk_zh_CN.ts"
QM = ROOT / "ui" / "i18n" / "desk_zh_CN.qm"
SOURCES = sorted(str(p) for p in (ROOT / "ui" / "desk").glob("*.py"))


def test_every_string_is_translated():
    msgs = ts_messages(TS)
    assert len(msgs) > 90
    unfinished = [k for k, tr in msgs.items() if tr.get("type") or not (tr.text or "").strip()]
    assert unfinished == []


def test_translation_file_matches_the_code(tmp_path):
    fresh = tmp_path / "fresh.ts"
    subprocess.run([qt_tool("pyside6-lupdate"), *SOURCES, "-ts", str(fresh)], check=True,
                   capture_output=True)
    assert set(ts_messages(fresh)) == set(ts_messages(TS)), "run pyside6-lupdate and translate"
    placeholders = [(k, tr.text) for k, tr in ts_messages(TS).items()
                    if sorted(_braces(k[1])) != sorted(_braces(tr.text))]
    assert placeholders == []


def _braces(text: str) -> list[str]:
    import re

    return re.findall(r"\{\w+\}", text)


def test_compiled_file_is_current(tmp_path):
    out = tmp_path / "desk.qm"
    subprocess.run([qt_tool("pyside6-lrelease"), str(TS), "-qm", str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == QM.read_bytes(), "run pyside6-lrelease on desk_zh_CN.ts"


def test_window_in_chinese(qtbot, demo_path, demo_store):
    app = QApplication.instance()
    tr = QTranslator()
    assert tr.load(str(QM))
    app.installTranslator(tr)
    try:
        w = open_window(qtbot, demo_path)
        assert w.panel.headline.text() == "请签到"
        assert w.secretary.tabs.tabText(1) == "未到名单"
        m = member_of(demo_store, "第一支部")
        scan(qtbot, w, card_of(demo_store, m))
        qtbot.waitUntil(lambda: w.panel.colour == "green")
        assert w.panel.headline.text() == "签到成功，欢迎"
        assert "正式党员" in w.panel.detail.text()
        scan(qtbot, w, card_of(demo_store, m))
        qtbot.waitUntil(lambda: w.panel.colour == "amber")
        assert "1号台签到" in w.panel.detail.text()
    finally:
        app.removeTranslator(tr)
