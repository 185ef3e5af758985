"""One visual style for desk, dashboard and big screen: palette and type sizes.

Users are often over 50 and read the desk from two metres: big type, strong
colours that also differ in brightness (for colour-blind users), and the same
meaning for the same colour everywhere.
"""

from __future__ import annotations

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
}
ACCENT = "#B71C1C"        # the meeting's red (headers, titles)
TEXT = "#212121"
MUTED = "#546E7A"
BACKGROUND = "#FAFAFA"
BAR = "#2E7D32"           # turnout bars
BAR_BACK = "#CFD8DC"
QUORUM_MET = "#1B7F3B"
QUORUM_NOT_MET = "#C62828"

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


def ui_font(point_size: int = BASE_POINT_SIZE, *, bold: bool = False) -> QFont:
    """The UI font at a size, with the CJK family list as fallbacks."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSize(point_size)
    font.setBold(bold)
    return font


def apply_style(app: QApplication) -> None:
    """Set the application-wide font and palette."""
    app.setFont(ui_font())
    pal = app.palette()
    pal.setColor(QPalette.ColorRole.Window, QColor(BACKGROUND))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Highlight, QColor("#1565C0"))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
    app.setPalette(pal)
