"""The hall's big screen: title, present / expected, turnout, quorum, branch bars, arrivals.

It is public, so it shows as little as it can: figures, branch names, and the
latest arrivals as masked names (王*) with their branch; never a full name, a
phone number or a member number. Every text on it is a QLabel or a LiveText
(the bars paint no text), so ``all_texts`` and a test can read all of it. Type
sizes follow the window's height so the screen reads from the back of the hall
on any projector.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from data.records import EventRecord
from kiosk.model import EventKind, is_expected, mask_name
from kiosk.turnout import Figures
from ui.live import MeetingWatcher
from ui.organizer.dashboard import set_colours
from ui.organizer.livetext import LiveText
from ui.style import (
    ACCENT,
    BACKGROUND,
    BAR_BACK,
    MUTED,
    QUORUM_MET,
    QUORUM_NOT_MET,
    RESULT_COLOURS,
    TEXT,
    WHITE,
    ui_font,
)

ARRIVALS_SHOWN = 8


class Bar(QWidget):
    """A plain horizontal bar (no text: the numbers sit in labels next to it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fraction = 0.0
        self.setMinimumHeight(12)

    def set_fraction(self, fraction: float) -> None:
        """Fill to this share (0..1)."""
        fraction = max(0.0, min(1.0, fraction))
        if fraction != self.fraction:
            self.fraction = fraction
            self.update()

    def paintEvent(self, _event: object) -> None:  # noqa: N802
        """Background, then the filled part."""
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        r = self.rect().adjusted(0, self.height() // 6, 0, -self.height() // 6)
        radius = r.height() / 3
        p.setBrush(QColor(BAR_BACK))
        p.drawRoundedRect(r, radius, radius)
        filled = QRect(r)
        filled.setWidth(int(r.width() * self.fraction))
        # Green at or above the election's 4/5 line, red below it; the line is marked.
        p.setBrush(QColor(QUORUM_MET if self.fraction >= 0.8 else QUORUM_NOT_MET))
        p.drawRoundedRect(filled, radius, radius)
        mark = r.left() + int(r.width() * 0.8)
        p.setPen(QPen(QColor(TEXT), 3))
        p.drawLine(mark, self.rect().top() + 2, mark, self.rect().bottom() - 2)


class BigScreen(QWidget):
    """The projector window."""

    _turnout_colour = TEXT

    def __init__(self, watcher: MeetingWatcher, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.watcher = watcher
        self.setWindowTitle(self.tr("SignDesk — hall screen"))
        self.setAutoFillBackground(True)
        # Palettes, not style sheets: style-sheet widgets are several times dearer to repaint.
        set_colours(self, TEXT, BACKGROUND)

        self.header = QFrame()
        set_colours(self.header, WHITE, ACCENT)
        self.title = QLabel()
        set_colours(self.title, WHITE)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        hl = QVBoxLayout(self.header)
        hl.addWidget(self.title)

        self.present_caption = QLabel(self.tr("Present / expected"))
        self.present = LiveText(sample="00000 / 00000", align=Qt.AlignmentFlag.AlignCenter)
        self.turnout_caption = QLabel(self.tr("Turnout"))
        self.turnout = LiveText(sample="100.00%", align=Qt.AlignmentFlag.AlignCenter)
        self.quorum = LiveText(sample="✘ Quorum", align=Qt.AlignmentFlag.AlignCenter)
        self.quorum.setMargin(8)
        for w in (self.present_caption, self.turnout_caption):
            set_colours(w, MUTED)
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
        numbers = QGridLayout()
        numbers.addWidget(self.present_caption, 0, 0)
        numbers.addWidget(self.turnout_caption, 0, 1)
        numbers.addWidget(self.present, 1, 0)
        numbers.addWidget(self.turnout, 1, 1)

        self.branch_grid = QGridLayout()
        self.branch_grid.setHorizontalSpacing(16)
        self.branch_grid.setColumnStretch(1, 1)
        self.branch_grid.setVerticalSpacing(2)
        self._branch_rows: list[tuple[QLabel, Bar, LiveText]] = []

        self.arrivals_caption = QLabel(self.tr("Just arrived"))
        set_colours(self.arrivals_caption, MUTED)
        self.arrival_labels = [LiveText(sample="王*  第十一支部  00:00")
                               for _ in range(ARRIVALS_SHOWN)]
        arrivals = QVBoxLayout()
        arrivals.addWidget(self.arrivals_caption)
        for label in self.arrival_labels:
            arrivals.addWidget(label)
        arrivals.addStretch(1)
        self._arrivals: list[str] = []
        self._quorum_colour = ""
        self._figure_sample = "0/0  100.00%"
        self._columns = 0

        body = QHBoxLayout()
        body.addLayout(self.branch_grid, 3)
        body.addSpacing(24)
        body.addLayout(arrivals, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        inner = QVBoxLayout()
        inner.setContentsMargins(32, 16, 32, 24)
        inner.addLayout(numbers)
        inner.addWidget(self.quorum)
        inner.addSpacing(12)
        inner.addLayout(body, 1)
        layout.addLayout(inner, 1)

        watcher.figuresChanged.connect(self.show_figures)
        watcher.eventsAdded.connect(self.add_events)
        watcher.meetingChanged.connect(self._show_title)
        self._show_title()
        self._load_recent()
        self.show_figures(watcher.figures())
        self._apply_fonts()

    # ---- content -------------------------------------------------------------------

    def _show_title(self) -> None:
        self.title.setText(self.watcher.meeting.title)

    def _load_recent(self) -> None:
        self.add_events(self.watcher.latest_events(50))

    def add_events(self, events: list[EventRecord]) -> None:
        """Masked names of the latest counted arrivals."""
        for ev in events:
            if ev.kind != EventKind.ARRIVE:
                continue
            m = self.watcher.members.get(ev.member_id)
            if m is None or not is_expected(m.category, m.status):
                continue
            self._arrivals.insert(0, f"{mask_name(m.name)}  {m.branch}  {ev.at[11:16]}")
        del self._arrivals[ARRIVALS_SHOWN:]
        for label, text in zip(self.arrival_labels, self._arrivals + [""] * ARRIVALS_SHOWN,
                               strict=False):
            label.setText(text)

    def show_figures(self, f: Figures) -> None:
        """Numbers, quorum line, and one bar per branch."""
        t, q = f.total, f.quorum
        self.present.setText(f"{t.present} / {t.expected}")
        self.turnout.setText(f"{t.turnout}%")
        # Never a green turnout under a red quorum line: coloured by the verdict.
        colour = (TEXT if q.rule == "none" or not t.expected else RESULT_COLOURS["amber"][0]
                  if q.exact else QUORUM_MET if q.met else QUORUM_NOT_MET)
        if colour != self._turnout_colour:
            self._turnout_colour = colour
            set_colours(self.turnout, colour)
        if q.rule == "none":
            self.quorum.setText("")
            self.quorum.hide()
        else:
            self.quorum.show()
            if q.exact and q.met:  # exactly on 4/5: say so, not a bare red or green
                self.quorum.setText("= " + self.tr("Exactly 4/5 — reached (at least 4/5)"))
            elif q.exact:
                self.quorum.setText("= " + self.tr("Exactly 4/5 — not reached (more than 4/5 "
                                                    "needed): %1 more").replace(
                    "%1", str(q.still_needed)))
            elif q.met:
                self.quorum.setText("✔ " + self.tr("Quorum reached"))
            else:
                self.quorum.setText("✘ " + self.tr("Quorum not yet reached: %1 more voting "
                                                    "members needed").replace("%1", str(q.still_needed)))
            back, fore = (RESULT_COLOURS["amber"] if q.exact
                          else (QUORUM_MET if q.met else QUORUM_NOT_MET, WHITE))
            if back != self._quorum_colour:  # re-polishing costs: only on a flip
                self._quorum_colour = back
                set_colours(self.quorum, fore, back)
        widest = max((b.counts.expected for b in f.branches), default=0)
        sample = f"{widest}/{widest}  100.00%"
        if len(self._branch_rows) != len(f.branches) or sample != self._figure_sample:
            self._figure_sample = sample
            self._build_branch_rows(len(f.branches))
            for (name, _bar, _figure), b in zip(self._branch_rows, f.branches, strict=True):
                name.setText(b.name)
            self._apply_fonts()  # sized to the names and figures now known
        for (name, bar, figure), b in zip(self._branch_rows, f.branches, strict=True):
            c = b.counts
            if name.text() != b.name:
                name.setText(b.name)
            figure.setText(f"{c.present}/{c.expected}  {c.turnout}%")
            bar.set_fraction(c.present / c.expected if c.expected else 0.0)

    def _build_branch_rows(self, n: int) -> None:
        for row in self._branch_rows:
            for w in row:
                self.branch_grid.removeWidget(w)
                w.deleteLater()
        self._branch_rows = []
        for _ in range(n):
            name, bar = QLabel(), Bar()
            figure = LiveText(sample=self._figure_sample,
                              align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            name.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
            # Fixed, not LiveText's default Ignored: an Ignored cell got no width
            # from the grid and the figures were drawn over the arrivals column.
            figure.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            self._branch_rows.append((name, bar, figure))
        self._columns = 0  # placed by _apply_fonts, which knows the window's size

    def _place_rows(self, columns: int) -> None:
        """Put the branch rows in the grid, in ``columns`` side-by-side columns."""
        for row in self._branch_rows:
            for w in row:
                self.branch_grid.removeWidget(w)
        for c in range(self.branch_grid.columnCount()):
            self.branch_grid.setColumnStretch(c, 0)
        per_column = max(1, -(-len(self._branch_rows) // columns))
        for i, (name, bar, figure) in enumerate(self._branch_rows):
            row, col = i % per_column, (i // per_column) * 3
            self.branch_grid.addWidget(name, row, col)
            self.branch_grid.addWidget(bar, row, col + 1)
            self.branch_grid.addWidget(figure, row, col + 2)
            self.branch_grid.setColumnStretch(col + 1, 1)
        self._columns = columns

    def _row_size(self, columns: int, h: int) -> int:
        """The largest branch-row type size (px) that fits this many columns."""
        rows = max(1, -(-len(self._branch_rows) // columns))
        # A column holds its longest name (CJK: ~1 em a character), a bar of
        # at least 3 em and the widest figure (digits: ~0.58 em).
        longest = max((len(n.text()) for n, _b, _f in self._branch_rows), default=4)
        ems = 0.9 * max(4, longest) + 0.58 * len(self._figure_sample) + 3
        fit_width = (self.width() * 0.74 / columns - 40) / ems
        return int(min(h * 0.034, h * 0.5 / rows, fit_width))

    def all_texts(self) -> list[str]:
        """Every text this screen shows (its labels and window title)."""
        return ([self.windowTitle()] + [w.text() for w in self.findChildren(QLabel)]
                + [w.text() for w in self.findChildren(LiveText)])

    # ---- sizing --------------------------------------------------------------------------

    def _apply_fonts(self) -> None:
        # Sizes in pixels from the window height: a 1080-line projector gets
        # about 100-pixel figures, readable from the back of a hall.
        h = max(480, self.height())
        px = lambda share: max(10, int(h * share))  # noqa: E731
        # Many branches (a sub-district's roll-up) go side by side in as many
        # columns as give the largest, most readable type.
        columns = max(range(1, 5), key=lambda c: (self._row_size(c, h), -c))
        if columns != self._columns and self._branch_rows:
            self._place_rows(columns)
        row_px = max(10, self._row_size(columns, h))
        fonts = ((self.title, px(0.05), True), (self.present, px(0.10), True),
                 (self.turnout, px(0.10), True), (self.present_caption, px(0.028), False),
                 (self.turnout_caption, px(0.028), False), (self.quorum, px(0.045), True),
                 (self.arrivals_caption, px(0.028), False))
        for label, size, bold in fonts:
            f = ui_font(bold=bold)
            f.setPixelSize(size)
            label.setFont(f)
        set_colours(self.turnout, self._turnout_colour)
        for label in self.arrival_labels:
            f = ui_font()
            f.setPixelSize(min(px(0.032), int(h * 0.5 / ARRIVALS_SHOWN)))
            label.setFont(f)
        for name, bar, figure in self._branch_rows:
            name.setMinimumWidth(0)
            for label in (name, figure):
                f = ui_font()
                f.setPixelSize(row_px)
                label.setFont(f)
            bar.setMinimumHeight(int(row_px * 1.2))
            # Wide enough for the largest figure, so the bars never shift.
            figure.setFixedWidth(figure.fontMetrics().horizontalAdvance(self._figure_sample) + 8)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Rescale type with the window."""
        super().resizeEvent(event)
        self._apply_fonts()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Esc leaves full screen; F11 toggles it."""
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        elif event.key() == Qt.Key.Key_F11:
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        else:
            super().keyPressEvent(event)

    def show_on_screen(self, index: int | None, *, full_screen: bool = True) -> None:
        """Show on a display (None: the last one, usually the projector), full screen."""
        screens = QGuiApplication.screens()
        if screens:
            screen = screens[index if index is not None and 0 <= index < len(screens) else -1]
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        if full_screen:
            self.showFullScreen()
        else:
            self.show()
