"""The big coloured panel that answers each scan, readable from two metres.

Colour says what to do (green in, amber look, blue go elsewhere, red refused);
the headline says it in words, the name is the largest thing on screen, one
line of detail below. Type is sized from the panel's own size, so it fills a
1366×768 laptop and a 1920×1080 screen alike. After a few seconds the panel
goes back to "ready" by itself; a new result replaces the old one at once.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ui.desk.texts import PanelText, ready_text
from ui.style import RESULT_COLOURS, ui_font

HOLD_MS = {"green": 4000, "amber": 7000, "blue": 7000, "red": 7000}


def _font(px: int, bold: bool = False) -> QFont:
    return ui_font(bold=bold, pixels=max(10, px))


def _fit_px(text: str, px: int, width: int, *, bold: bool) -> int:
    """The largest pixel size up to ``px`` at which ``text`` fits in ``width`` on one line."""
    if not text:
        return px
    advance = QFontMetrics(_font(px, bold)).horizontalAdvance(text)
    return px if advance <= width else max(10, int(px * width / advance))


# green: let in; amber: look (already in, excused, left); blue: go elsewhere; red: refused.
SYMBOLS = {"green": "✓", "amber": "!", "blue": "→", "red": "✗"}


class ResultPanel(QFrame):
    """Shows one ``PanelText``; ``painted(perf_counter)`` fires once a result is painted."""

    painted = Signal(float)
    backToReady = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultPanel")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # A symbol as well as a colour, for secretaries who do not tell red from green.
        self.symbol = QLabel(self)
        self.symbol.setObjectName("resultSymbol")
        self.headline = QLabel(self)
        self.name = QLabel(self)
        self.detail = QLabel(self)
        for lab in (self.symbol, self.headline, self.name, self.detail):
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
            lab.setWordWrap(True)
            lab.setTextFormat(Qt.TextFormat.PlainText)
            lab.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.headline.setObjectName("resultHeadline")
        self.name.setObjectName("resultName")
        self.detail.setObjectName("resultDetail")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 16, 24, 16)
        lay.addStretch(1)
        lay.addWidget(self.symbol)
        lay.addWidget(self.headline)
        lay.addWidget(self.name)
        lay.addWidget(self.detail)
        lay.addStretch(1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.show_ready)
        self.ready = ready_text()  # what the panel says between scans (open, closed, leave …)
        self.current = self.ready
        self._apply(self.current)

    @property
    def colour(self) -> str:
        """The colour shown now ('ready' between scans)."""
        return self.current.colour

    def show_text(self, text: PanelText, hold_ms: int | None = None) -> None:
        """Show a result; it stays for ``hold_ms`` (by colour if not given)."""
        self._apply(text)
        # Paint now, synchronously (labels included): the person at the desk is waiting.
        self.repaint()
        if self.isVisible():
            self.painted.emit(time.perf_counter())
        self.timer.start(hold_ms if hold_ms is not None else HOLD_MS.get(text.colour, 6000))

    def show_ready(self) -> None:
        """Back to the waiting state."""
        self.timer.stop()
        self._apply(self.ready)
        self.backToReady.emit()

    def set_ready(self, text: PanelText) -> None:
        """Say something else between scans (sign-in closed, early-leave mode …)."""
        self.ready = text
        if self.current.colour == "ready":
            self._apply(text)

    def retranslate(self) -> None:
        """Refresh the ready text after a language change."""
        if self.current.colour == "ready":
            self._apply(self.ready)

    def _apply(self, text: PanelText) -> None:
        self.current = text
        back, fore = RESULT_COLOURS.get(text.colour, RESULT_COLOURS["red"])
        self.setStyleSheet(
            f"QFrame#resultPanel {{ background: {back}; border-radius: 14px; }}"
            f"QFrame#resultPanel QLabel {{ color: {fore}; background: transparent; }}"
        )
        self.symbol.setText(SYMBOLS.get(text.colour, ""))
        self.symbol.setVisible(text.colour in SYMBOLS)
        self.headline.setText(text.headline)
        self.name.setText(text.name)
        self.name.setVisible(bool(text.name))
        self.detail.setText(text.detail)
        self.detail.setVisible(bool(text.detail))
        self._fit()

    def _fit(self) -> None:
        h, w = max(self.height(), 200), max(self.width() - 48, 200)
        ready = self.current.colour == "ready"
        # The name as large as the panel allows, shrunk to fit one line (measured,
        # so long minority names and Latin text fit as well as two-character names).
        name_px = _fit_px(self.name.text(), int(h * (0.16 if ready else 0.26)), w, bold=not ready)
        self.headline.setFont(_font(_fit_px(self.headline.text(), int(h * (0.14 if ready else 0.13)), w,
                                            bold=True), bold=True))
        self.name.setFont(_font(name_px, bold=not ready))
        self.symbol.setFont(_font(int(h * 0.12), bold=True))
        self.detail.setFont(_font(min(int(h * 0.075), int(name_px * 0.75) if self.name.text() else h)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        """Re-fit the type to the new size."""
        super().resizeEvent(event)
        self._fit()
