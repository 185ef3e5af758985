"""'How long ago' in the hub's desk list, in the window's language (刚刚, 12 秒前, 3 分钟前)."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from ui.language import install_translations
from ui.link_widgets import ago


def test_english_then_chinese(qapp) -> None:
    now = 1_000_000.0
    assert ago(None, now) == "—"
    assert [ago(now - s, now) for s in (0.4, 12, 61, 180, 7300)] == [
        "just now", "12 s ago", "61 s ago", "3 min ago", "2 h ago"]
    app = QApplication.instance()
    translators = install_translations(app, QLocale("zh_CN"))
    try:
        assert [ago(now - s, now) for s in (0.4, 12, 61, 180, 7300)] == [
            "刚刚", "12 秒前", "61 秒前", "3 分钟前", "2 小时前"]
        assert ago(now + 30, now) == "刚刚"  # a clock that ran backwards is not "−30 s ago"
    finally:
        for tr in translators:
            app.removeTranslator(tr)
        QLocale.setDefault(QLocale("en_US"))
