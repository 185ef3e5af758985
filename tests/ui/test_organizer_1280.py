"""The organizer's window at 1280 px wide in Chinese: the dashboard's desks table and the
branches-and-desks table show every column whole, and the View menu's 在本机启动签到台 is
not cut off."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QTableWidget

from data.store import Store
from kiosk.demo import sign_in_share
from ui.language import install_translations


def _columns_fit(table: QTableWidget) -> list[str]:
    """What does not fit: a column past the visible width, a header or a cell cut off.

    Qt's own measures decide: a section narrower than its header's size hint (the
    label's QFontMetrics width plus the style's margins) or than the widest cell
    (sizeHintForColumn; a cell widget's sizeHint) shows its text elided.
    """
    problems = []
    header = table.horizontalHeader()
    width = table.viewport().width()
    for c in range(table.columnCount()):
        size = header.sectionSize(c)
        right = header.sectionViewportPosition(c) + size
        if right > width + 1:
            problems.append(f"column {c} ends at {right} > {width}")
        label = table.horizontalHeaderItem(c).text()
        if header.sectionSizeHint(c) > size:
            problems.append(f"header {label!r} cut ({size} < {header.sectionSizeHint(c)} px)")
        cells = max([table.sizeHintForColumn(c)] + [
            table.cellWidget(r, c).sizeHint().width() for r in range(table.rowCount())
            if table.cellWidget(r, c) is not None])
        if cells > size:
            problems.append(f"column {label!r}: cells need {cells} px, have {size}")
    if table.horizontalScrollBar().isVisible():
        problems.append("a horizontal scroll bar")
    return problems


def test_tables_and_menu_fit_at_1280_in_chinese(qtbot, demo_path, monkeypatch) -> None:
    from ui.organizer.window import OrganizerWindow

    with Store.open(demo_path) as s:
        sign_in_share(s, 0.5)
    monkeypatch.setenv("SIGNDESK_LANG", "zh_CN")
    app = QApplication.instance()
    translators = install_translations(app, QLocale("zh_CN"))
    try:
        win = OrganizerWindow(demo_path)
        qtbot.addWidget(win)
        win.resize(1280, 720)
        win.show()
        win.dashboard._show_desks()
        for _ in range(10):
            QApplication.processEvents()
        assert win.width() == 1280  # the window takes 1280: nothing forces it wider
        desks = win.dashboard.desks
        assert desks.rowCount() >= 5
        assert _columns_fit(desks) == []
        win.tabs.setCurrentWidget(win.branches)
        for _ in range(5):
            QApplication.processEvents()
        assert _columns_fit(win.branches.table) == []

        text = win.desk_action.text()
        assert text.startswith("在本机启动签到台")
        menu = next(m for m in win.menuBar().findChildren(type(win.recent_menu))
                    if win.desk_action in m.actions())
        menu.adjustSize()
        shown = text.replace("&", "")
        assert menu.fontMetrics().horizontalAdvance(shown) < menu.sizeHint().width() <= 1280
        assert menu.actionGeometry(win.desk_action).width() >= menu.fontMetrics().horizontalAdvance(shown)
        win.close()
    finally:
        for tr in translators:
            app.removeTranslator(tr)
        QLocale.setDefault(QLocale("en_US"))


def test_the_window_fits_a_1366_by_768_laptop_screen(qtbot, demo_path) -> None:
    """Every tab fits in 768 px of height (the members' editor scrolls instead)."""
    from ui.organizer.window import OrganizerWindow

    win = OrganizerWindow(demo_path)
    qtbot.addWidget(win)
    win.resize(1366, 740)  # less the taskbar
    win.show()
    for i in range(win.tabs.count()):
        win.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        assert win.height() == 740, win.tabs.tabText(i)
    assert win.minimumSizeHint().height() <= 740
    # The arrivals chart is short there: its value axes keep labels it has room for
    # (five overlapped and QtCharts drew each as '…').
    win.tabs.setCurrentWidget(win.dashboard)
    QApplication.processEvents()
    chart = win.dashboard.chart
    assert chart.height() < 280 and chart.y.tickCount() <= 4 and chart.y2.tickCount() <= 4
    win.resize(1920, 1080)
    QApplication.processEvents()
    assert chart.height() >= 280 and chart.y.tickCount() >= 5
    win.close()
