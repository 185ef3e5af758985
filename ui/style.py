"""One visual style for desk, dashboard and big screen: every colour and the fonts.

No other module of ui/ writes a colour literal or builds a font by hand: they
name a colour here (tests/ui/test_structure.py checks), so one meaning keeps
one colour everywhere.

Users are often over 50 and read the desk from two metres: big type, strong
colours that also differ in brightness (for colour-blind users), and the same
meaning for the same colour everywhere.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

# Result colours (background, text). Green = in, amber = look, blue = go
# elsewhere, red = refused; grey = ready.
RESULT_COLOURS: dict[str, tuple[str, str]] = {
    "green": ("#1B7F3B", "#FFFFFF"),
    "amber": ("#F2A900", "#1A1A1A"),
    "blue": ("#1565C0", "#FFFFFF"),
    "red": ("#C62828", "#FFFFFF"),
    "ready": ("#ECEFF1", "#263238"),
    # A question on its way (an ID number asked of the hub): neutral, not an answer yet.
    "waiting": ("#ECEFF1", "#263238"),
}
ACCENT = "#B71C1C"        # the meeting's red (headers, titles)
TRANSPARENT = "transparent"  # an empty space: a search row's place for a photo it lacks
TEXT = "#212121"
MUTED = "#546E7A"
BACKGROUND = "#FAFAFA"
BAR = "#2E7D32"           # turnout bars
BAR_BACK = "#CFD8DC"
QUORUM_MET = "#1B7F3B"
QUORUM_NOT_MET = "#C62828"
WHITE = "#FFFFFF"          # text on strong colours, light table rows
GOOD = RESULT_COLOURS["green"][0]      # done, in, open
ERROR = RESULT_COLOURS["red"][0]       # a refusal or a failure, said in words beside it
WARNING_TEXT = "#B26A00"   # amber dark enough to read as text on white
GOOD_TEXT = "#1B5E20"      # a done result said in words on white (darker than GOOD)
WAITING_TEXT = "#F57F17"   # sign-in not open yet
AMBER = RESULT_COLOURS["amber"][0]     # banners that call for a look (early leave, confirm)
ON_AMBER = RESULT_COLOURS["amber"][1]
PANEL = RESULT_COLOURS["ready"][0]     # quiet panels and bars, the table's header
ROW_ALT = "#F5F7F8"        # every other row of a drawn table
NOTE_BACK = "#FFF8E1"      # a pending question (undo)
WARNING_BACK = "#FFF3E0"   # a bar that asks for action (pair this desk again)
NOTICE_BACK = "#E8F5E9"    # a done notice (roster imported)
NOTICE_BORDER = BAR
HIGHLIGHT = RESULT_COLOURS["blue"][0]  # selection
# Log lines in the organizer's log view, by level.
LOG_LEVEL_COLOURS: dict[int, str] = {logging.CRITICAL: ERROR, logging.ERROR: ERROR,
                                     logging.WARNING: WARNING_TEXT, logging.INFO: TEXT,
                                     logging.DEBUG: MUTED}

# Preferred CJK UI fonts, best first; Qt falls back through the list.
FONT_FAMILIES = ["Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
                 "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", "SimHei"]

BASE_POINT_SIZE = 14   # body text everywhere
LARGE_POINT_SIZE = 20  # lists and inputs at the desk


def scale_for_screen(reference_height: int = 768) -> float:
    """How much to enlarge type on this screen relative to a 1366×768 laptop."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return 1.0
    return max(1.0, screen.availableGeometry().height() / reference_height)


def ui_font(point_size: float = BASE_POINT_SIZE, *, bold: bool = False,
            pixels: int | None = None) -> QFont:
    """The UI font at a size in points (or in ``pixels``), with the CJK family list as fallbacks."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    if pixels is not None:
        font.setPixelSize(max(1, pixels))
    else:
        font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def apply_style(app: QApplication) -> None:
    """Set the application-wide font and palette."""
    app.setFont(ui_font())
    pal = app.palette()
    pal.setColor(QPalette.ColorRole.Window, QColor(BACKGROUND))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(HIGHLIGHT))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor(WHITE))
    app.setPalette(pal)
