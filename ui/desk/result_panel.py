"""The big coloured panel that answers each scan, readable from two metres.

Colour says what to do (green in, amber look, blue go elsewhere, red refused);
the headline says it in words, the name is the largest thing on screen, one
line of detail below. Type is sized from the panel's own size, so it fills a
1366×768 laptop and a 1920×1080 screen alike. After a few seconds the panel
goes back to "ready" by itself; a new result replaces the old one at once.

When the member has a photo it stands large at the left of the name (aspect
kept), so the secretary compares face and person before the member walks on;
a result with a photo stays longer. Under a check-in the panel offers
"Not this person" (不是本人, F8), which voids it (the window does that).
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.desk.texts import REJECT_KEY, PanelText, ready_text
from ui.style import ERROR, RESULT_COLOURS, WHITE, ui_font

HOLD_MS = {"green": 4000, "amber": 7000, "blue": 7000, "red": 7000}
# With a photo: long enough to look from the photo to the face and back
# (a new scan replaces it at once, so the queue never waits for it).
PHOTO_HOLD_MS = 9000
MAX_PHOTO_ZOOM = 2.0  # a 240x320 photo is shown at most twice its size


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
    rejectRequested = Signal()  # "Not this person" pressed under a check-in

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
        # The member's photo, left of the name; hidden when there is none.
        self.photo = QLabel(self)
        self.photo.setObjectName("resultPhoto")
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setWordWrap(True)
        self.photo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Sized from the panel, never the other way round: the photo must not push
        # the search list off the screen.
        self.photo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Ignored)
        self.photo.hide()
        self._photo: QPixmap | None = None
        self.reject = QPushButton(self)
        self.reject.setObjectName("notThisPerson")
        self.reject.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the scanner and the box
        self.reject.clicked.connect(self.rejectRequested)
        # White with the refusal's red on every colour of panel: it undoes, it does not let in.
        self.reject.setStyleSheet(
            f"QPushButton#notThisPerson {{ background: {WHITE}; color: {ERROR}; font-weight: bold;"
            f" border: 3px solid {ERROR}; border-radius: 10px; padding: 6px 22px; }}")
        self.reject.hide()
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.symbol)
        column.addWidget(self.headline)
        column.addWidget(self.name)
        column.addWidget(self.detail)
        column.addStretch(1)
        column.addWidget(self.reject, 0, Qt.AlignmentFlag.AlignHCenter)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(24, 16, 24, 16)
        lay.setSpacing(24)
        lay.addWidget(self.photo)
        lay.addLayout(column, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.show_ready)
        self._styled: tuple[str, str] | None = None
        self._scaled: tuple[int, int, int, QPixmap] | None = None  # (photo key, w, h, scaled)
        self.ready = ready_text()  # what the panel says between scans (open, closed, leave …)
        self.current = self.ready
        self.retranslate()
        self._apply(self.current)

    @property
    def colour(self) -> str:
        """The colour shown now ('ready' between scans)."""
        return self.current.colour

    def show_text(self, text: PanelText, hold_ms: int | None = None, *,
                  photo: QPixmap | None = None, reject: bool = False) -> None:
        """Show a result; it stays for ``hold_ms`` (by colour, longer with a photo, if not given).

        ``photo``: the member's photo (None: none shown; a null pixmap: the
        photo exists but cannot be shown, said in words). ``reject``: offer
        "Not this person" under it.
        """
        self._photo = photo
        self.reject.setVisible(reject)
        self._apply(text)
        # Place the photo and the text now, so the first paint has them side by side.
        self.layout().activate()
        # Paint now, synchronously (labels included): the person at the desk is waiting.
        self.repaint()
        if self.isVisible():
            self.painted.emit(time.perf_counter())
        if hold_ms is None:
            hold_ms = HOLD_MS.get(text.colour, 6000)
            if photo is not None:
                hold_ms = max(hold_ms, PHOTO_HOLD_MS)
        self.timer.start(hold_ms)

    @property
    def showing_photo(self) -> bool:
        """True while a member's photo is painted in the panel."""
        return self.photo.isVisible() and self._photo is not None and not self._photo.isNull()

    def show_ready(self) -> None:
        """Back to the waiting state."""
        self.timer.stop()
        self._photo = None
        self.reject.hide()
        self._apply(self.ready)
        self.backToReady.emit()

    def set_ready(self, text: PanelText) -> None:
        """Say something else between scans (sign-in closed, early-leave mode …)."""
        self.ready = text
        if self.current.colour == "ready":
            self._apply(text)

    def retranslate(self) -> None:
        """Refresh the ready text and the button after a language change."""
        self.reject.setText(self.tr("✗ Not this person ({key})").format(key=REJECT_KEY))
        self.reject.setToolTip(self.tr("The person at the desk is not this member: undo the "
                                       "check-in (the member stays not arrived) and mark the card"))
        if self.current.colour == "ready":
            self._apply(self.ready)

    def _apply(self, text: PanelText) -> None:
        self.current = text
        back, fore = RESULT_COLOURS.get(text.colour, RESULT_COLOURS["red"])
        if self._styled != (back, fore):
            # Re-styling restyles every label (~0.5 ms): only when the colour changes.
            self._styled = (back, fore)
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
        if text.colour == "ready":
            self._photo = None
        self._fit()

    def _photo_size(self) -> tuple[int, int]:
        """(width, height) the photo is painted at: the panel's height, aspect kept, bounded."""
        assert self._photo is not None
        src = self._photo
        room = max(80, self.height() - 32)
        scale = min(room / max(1, src.height()), MAX_PHOTO_ZOOM)
        return int(src.width() * scale), int(src.height() * scale)

    def _fit_photo(self) -> int:
        """Place the photo (or the note that it cannot be shown); returns the width it takes."""
        if self._photo is None:
            if not self.photo.isHidden():
                self.photo.hide()
                self.photo.clear()
                self._scaled = None
            return 0
        if self._photo.isNull():
            self._scaled = None
            self.photo.setPixmap(QPixmap())
            self.photo.setText(self.tr("The photo cannot be shown"))
            self.photo.setFont(_font(max(12, int(self.height() * 0.05))))
            self.photo.setFixedWidth(max(120, int(self.height() * 0.5)))
        else:
            pw, ph = self._photo_size()
            key = self._photo.cacheKey()
            if self._scaled is None or self._scaled[:3] != (key, pw, ph):
                # scaled once per photo and size, not at every re-fit
                self._scaled = (key, pw, ph, self._photo.scaled(
                    pw, ph, Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation))
                self.photo.setPixmap(self._scaled[3])
            self.photo.setFixedWidth(pw)
        self.photo.show()
        return self.photo.width() + 24

    def _fit(self) -> None:
        taken = self._fit_photo()
        h, w = max(self.height(), 200), max(self.width() - 48 - taken, 200)
        if not self.reject.isHidden():
            h = int(h * 0.84)  # room for the button under the text
        ready = self.current.colour == "ready"
        # The name as large as the panel allows, shrunk to fit one line (measured,
        # so long minority names and Latin text fit as well as two-character names).
        name_px = _fit_px(self.name.text(), int(h * (0.16 if ready else 0.26)), w, bold=not ready)
        self.headline.setFont(_font(_fit_px(self.headline.text(), int(h * (0.14 if ready else 0.13)), w,
                                            bold=True), bold=True))
        self.name.setFont(_font(name_px, bold=not ready))
        self.symbol.setFont(_font(int(h * 0.12), bold=True))
        self.detail.setFont(_font(min(int(h * 0.075), int(name_px * 0.75) if self.name.text() else h)))
        self.reject.setFont(_font(max(14, int(h * 0.06)), bold=True))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        """Re-fit the type to the new size."""
        super().resizeEvent(event)
        self._fit()
