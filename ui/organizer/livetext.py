"""A text that changes often without re-laying out the window.

``QLabel.setText`` asks the layout to recompute, and the layout of a window
full of tables and a chart costs about 2 ms each time: on a dashboard that
updates a dozen texts per refresh, most of the refresh. ``LiveText`` keeps a
size fixed by a sample of its widest expected text and only repaints itself.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class LiveText(QWidget):
    """One line (or a wrapped paragraph) of text, painted; setText never re-lays out."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, sample: str = "",
                 lines: int = 1,
                 align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                 ) -> None:
        super().__init__(parent)
        self._text = text
        self._sample = sample or text or "0"
        self._lines = lines
        self._align = align
        self._margin = 0
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        """The text shown."""
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - the QLabel name, so it drops in
        """Show a new text: a repaint of this widget only."""
        if text != self._text:
            self._text = text
            self.update()

    def setAlignment(self, align: Qt.AlignmentFlag) -> None:  # noqa: N802
        """Where the text sits."""
        self._align = align
        self.update()

    def setMargin(self, margin: int) -> None:  # noqa: N802
        """Space around the text, in pixels."""
        self._margin = margin
        self.updateGeometry()

    def setFont(self, font: QFont) -> None:  # noqa: N802
        """A new font changes the size (rare: on resize)."""
        super().setFont(font)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        """Tall enough for its lines, wide enough for the sample."""
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance(self._sample) + 2 * self._margin,
                     fm.lineSpacing() * self._lines + 2 * self._margin + 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """As tall as the hint; any width."""
        return QSize(0, self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        """The text in the palette's WindowText colour."""
        p = QPainter(self)
        p.setPen(self.palette().windowText().color())
        p.setFont(self.font())
        m = self._margin
        flags = int(self._align) | (int(Qt.TextFlag.TextWordWrap) if self._lines > 1 else 0)
        p.drawText(QRect(m, m, self.width() - 2 * m, self.height() - 2 * m), flags, self._text)
