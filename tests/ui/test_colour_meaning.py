"""Colour that means something: turnout follows the quorum, absent members say so, symbols too."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from ui.desk.result_panel import ResultPanel
from ui.desk.texts import PanelText
from ui.style import QUORUM_NOT_MET


def test_turnout_is_not_green_while_the_quorum_is_red(qtbot, window):
    dash = window.dashboard
    assert dash.banner.met is False
    colour = dash.turnout_tile.value.palette().color(QPalette.ColorRole.WindowText)
    assert colour == QColor(QUORUM_NOT_MET)


def test_absent_members_say_not_arrived(qtbot, window):
    model = window.members.model
    col = model.COLUMNS.index("arrived")
    shown = {model.data(model.index(r, col)) for r in range(model.rowCount())}
    assert "not arrived" in shown


def test_results_carry_a_symbol_as_well_as_a_colour(qtbot):
    panel = ResultPanel()
    qtbot.addWidget(panel)
    for colour, symbol in (("green", "✓"), ("amber", "!"), ("blue", "→"), ("red", "✗")):
        panel.show_text(PanelText(colour, "x", "y"))
        assert panel.symbol.text() == symbol
    panel.show_ready()
    assert panel.symbol.isHidden()


def test_arrivals_per_minute_show_gaps_as_zero_and_not_the_minute_under_way():
    from collections import Counter

    from ui.organizer.dashboard import rate_points

    m = 60_000
    buckets = Counter({10 * m: 3, 13 * m: 2, 14 * m: 1})
    points = rate_points(buckets, sorted(buckets), now=14 * m)  # minute 14 is under way
    assert [(int(p.x()) // m, int(p.y())) for p in points] == [(10, 3), (11, 0), (12, 0), (13, 2)]


def test_figures_grow_with_the_window(qtbot, window):
    window.resize(1366, 768)
    qtbot.wait(50)
    small = window.dashboard.turnout_tile.value.font().pointSize()
    row_small = window.dashboard.branches.row_height
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.dashboard.turnout_tile.value.font().pointSize() > small,
                    timeout=3000)
    assert window.dashboard.branches.row_height > row_small


def test_the_hall_screen_turnout_follows_the_quorum_too(qtbot, window):
    hall = window.show_big_screen(None, full_screen=False)
    qtbot.addWidget(hall)
    assert hall.quorum.text().startswith("✘")
    colour = hall.turnout.palette().color(QPalette.ColorRole.WindowText)
    assert colour == QColor(QUORUM_NOT_MET)


def test_a_stray_old_time_does_not_make_a_point_per_minute():
    from collections import Counter

    from ui.organizer.dashboard import rate_points

    m = 60_000
    buckets = Counter({-10**9 * m: 1, 10 * m: 2})
    assert len(rate_points(buckets, sorted(buckets), now=20 * m)) == 4
