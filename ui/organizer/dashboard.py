"""The live dashboard: turnout per branch, totals, the quorum line, arrivals, feed, desks.

Everything here is fed by ``ui.live.MeetingWatcher``: figures come from its
incremental tally, new events from its ``eventsAdded``, and the arrivals chart
keeps per-minute buckets that each changed member moves by one. A refresh
therefore costs in proportion to what arrived, not to the size of the roster.
"""

from __future__ import annotations

from collections import Counter, deque
from datetime import datetime

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMargins,
    QPointF,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from data.records import EventRecord
from kiosk.meeting import signin_window
from kiosk.model import EventKind, is_expected, operator_label
from kiosk.organizer import OrganizerService
from kiosk.times import read_time
from kiosk.turnout import Figures, Quorum
from kiosk.vocabulary import NOT_THIS_PERSON
from ui.live import MeetingWatcher
from ui.organizer.labels import method_label, quorum_label, signin_state_label
from ui.organizer.livetext import LiveText
from ui.style import (
    ACCENT,
    BAR,
    BAR_BACK,
    MUTED,
    PANEL,
    QUORUM_MET,
    QUORUM_NOT_MET,
    RESULT_COLOURS,
    ROW_ALT,
    TEXT,
    WHITE,
    ui_font,
)

FEED_LENGTH = 100
ACTIVE_MINUTES = 5  # a desk with a check-in in the last five minutes counts as active
CHART_EVERY_MS = 3000  # the chart moves by the minute: redraw it at most every 3 s


def set_colours(widget: QWidget, fore: str, back: str | None = None) -> None:
    """Colour a widget through its palette (cheaper to paint than a style sheet)."""
    pal = widget.palette()
    pal.setColor(QPalette.ColorRole.WindowText, QColor(fore))
    if back is not None:
        pal.setColor(QPalette.ColorRole.Window, QColor(back))
        widget.setAutoFillBackground(True)
    widget.setPalette(pal)


def quorum_text(q: Quorum) -> tuple[str, str]:
    """The quorum line (headline, detail) in words nobody can misread."""
    if q.rule == "none":
        return QCoreApplication.translate("Quorum", "No quorum rule set for this meeting"), ""
    detail = QCoreApplication.translate("Quorum", "%1 voting members present of %2 expected; %3 needed").replace(
        "%1", str(q.present)).replace("%2", str(q.expected)).replace("%3", str(q.required))
    if q.exact:  # exactly 4/5: met or not depends on the rule chosen, so say which
        if q.met:
            return ("= " + QCoreApplication.translate(
                "Quorum", "EXACTLY 4/5 — reached under this meeting's rule (at least 4/5)")), detail
        return ("= " + QCoreApplication.translate(
            "Quorum", "EXACTLY 4/5 — NOT reached under this meeting's rule (more than 4/5): "
                      "%1 more needed").replace("%1", str(q.still_needed))), detail
    if q.met:
        return "✔ " + QCoreApplication.translate("Quorum", "QUORUM REACHED"), detail
    return ("✘ " + QCoreApplication.translate("Quorum", "QUORUM NOT REACHED — %1 more voting members needed")
            .replace("%1", str(q.still_needed))), detail


class FeedView(QFrame):
    """The latest check-ins, newest first, painted as lines (as many as fit).

    A list widget re-lays out its rows on every insert; twenty arrivals a
    refresh made that a large part of the refresh. Lines here are strings.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: deque[tuple[str, str, str]] = deque(maxlen=FEED_LENGTH)  # text, colour, tip
        self.setFrameShape(QFrame.Shape.StyledPanel)
        set_colours(self, TEXT, WHITE)
        self.setMinimumHeight(80)

    def sizeHint(self) -> QSize:  # noqa: N802
        """Room for a line like '09:12:05  王伟 · 第十一支部 · 11号台'."""
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance("09:12:05  阿依古丽·买买 · 第十一支部 · 11号台") + 16,
                     self._line_height() * 8)

    def add(self, text: str, colour: str = TEXT, tip: str = "") -> None:
        """Put a line on top (call update() after a batch)."""
        self.lines.appendleft((text, colour, tip))

    def _line_height(self) -> int:
        return self.fontMetrics().lineSpacing() + 4

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """The newest lines from the top."""
        super().paintEvent(event)
        p = QPainter(self)
        h = self._line_height()
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for i, (text, colour, _tip) in enumerate(self.lines):
            y = 4 + i * h
            if y > self.height():
                break
            p.setPen(QColor(colour))
            p.drawText(QRect(8, y, self.width() - 16, h), flags, text)

    def event(self, ev: QEvent) -> bool:
        """Tooltips per line: how the member was signed in, and by whom."""
        if ev.type() == QEvent.Type.ToolTip:
            i = (ev.pos().y() - 4) // self._line_height()
            if 0 <= i < len(self.lines) and self.lines[i][2]:
                QToolTip.showText(ev.globalPos(), self.lines[i][2], self)
            else:
                QToolTip.hideText()
            return True
        return super().event(ev)


class QuorumBanner(QFrame):
    """A full-width band: green with ✔ when reached, red with ✘ and the shortfall when not."""

    def __init__(self, parent: QWidget | None = None, *, point_size: int = 22) -> None:
        super().__init__(parent)
        self.headline = LiveText(sample="✘ QUORUM NOT REACHED — 0000 more")
        self.headline.setFont(ui_font(point_size, bold=True))
        self.detail = LiveText(sample="000 voting members present of 000 expected")
        self.detail.setFont(ui_font(max(12, point_size // 2)))
        self.rule = QLabel()
        self.rule.setFont(ui_font(max(11, point_size // 2 - 2)))
        self.rule.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(2)
        layout.addWidget(self.headline)
        row = QHBoxLayout()
        row.addWidget(self.detail)
        row.addStretch(1)
        row.addWidget(self.rule)
        layout.addLayout(row)
        self.setAutoFillBackground(True)
        self.met: bool | None = None
        self._styled: object = "unset"

    def show_quorum(self, q: Quorum) -> None:
        """Show a quorum evaluation."""
        headline, detail = quorum_text(q)
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.rule.setText(quorum_label(q.rule))
        self.met = q.met if q.rule != "none" else None
        style = ("exact" if q.exact else self.met)
        if style == self._styled:
            return  # a style sheet change re-polishes the widget: only when the colour flips
        self._styled = style
        if q.exact:  # amber, not a bare red or green: the count sits exactly on 4/5
            back, fore = RESULT_COLOURS["amber"]
        else:
            back = QUORUM_MET if self.met else QUORUM_NOT_MET if self.met is False else PANEL
            fore = WHITE if self.met is not None else TEXT
        set_colours(self, fore, back)


class Tile(QFrame):
    """One big number with its caption."""

    def __init__(self, caption: str, parent: QWidget | None = None, *,
                 colour: str = TEXT) -> None:
        super().__init__(parent)
        self.caption = QLabel(caption)
        set_colours(self.caption, MUTED)
        self.value = LiveText("0", sample="00000 / 00000")
        self.value.setFont(ui_font(26, bold=True))
        set_colours(self.value, colour)
        self.sub = LiveText(sample="on leave 000")
        set_colours(self.sub, MUTED)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.sub)
        self.setFrameShape(QFrame.Shape.Box)
        self.setFrameShadow(QFrame.Shadow.Plain)
        set_colours(self, BAR_BACK, WHITE)  # the frame line is drawn in WindowText

    def set(self, value: str, sub: str = "") -> None:
        """Show a value and an optional line under it."""
        self.value.setText(value)
        self.sub.setText(sub)

    def set_colour(self, colour: str) -> None:
        """Colour the value (only when it changes: a palette change repaints)."""
        if self.value.palette().color(QPalette.ColorRole.WindowText) != QColor(colour):
            set_colours(self.value, colour)


class BranchTable(QAbstractScrollArea):
    """Per-branch figures with a turnout bar each, painted in one pass.

    A QTableView over a Python model asks Python for every cell and role on
    each repaint (hundreds of calls per refresh); this widget keeps the rows as
    ready strings and repaints only the rows whose figures changed.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, str, int, int, int, str, float]] = []
        self._headers = [self.tr("Branch"), self.tr("Desk"), self.tr("Expected"),
                         self.tr("Present"), self.tr("Absent"), self.tr("Turnout")]
        self._widths: list[int] = []
        self.viewport().setAutoFillBackground(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    @property
    def row_height(self) -> int:
        """Pixels per row (and for the header)."""
        return self.fontMetrics().height() + 8

    def show_figures(self, f: Figures) -> None:
        """Take a new snapshot; only rows whose figures changed are repainted."""
        rows = [(b.name, b.desk or "", b.counts.expected, b.counts.present, b.counts.absent,
                 b.counts.turnout + "%",
                 b.counts.present / b.counts.expected if b.counts.expected else 0.0)
                for b in f.branches]
        old, self.rows = self.rows, rows
        if len(old) != len(rows) or [r[:3] for r in old] != [r[:3] for r in rows]:
            self._measure()
            self.viewport().update()
            return
        top = self.row_height - self.verticalScrollBar().value()
        for i, (a, b) in enumerate(zip(old, rows, strict=True)):
            if a != b:
                self.viewport().update(0, top + i * self.row_height, self.viewport().width(),
                                       self.row_height)

    def _measure(self) -> None:
        fm = self.fontMetrics()
        widths = [fm.horizontalAdvance(h) + 16 for h in self._headers[:5]]
        for r in self.rows:
            for col in range(5):
                widths[col] = max(widths[col], fm.horizontalAdvance(str(r[col])) + 16)
        self._widths = widths
        self._update_scrollbar()

    def _update_scrollbar(self) -> None:
        visible = self.viewport().height() - self.row_height
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, len(self.rows) * self.row_height - visible))
        bar.setPageStep(max(1, visible))
        bar.setSingleStep(self.row_height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Keep the scroll range right."""
        super().resizeEvent(event)
        self._update_scrollbar()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        """Repaint after scrolling (the header stays put)."""
        self.viewport().update()

    def sizeHint(self) -> QSize:  # noqa: N802
        """Room for every row, up to a screenful."""
        return QSize(sum(self._widths or [400]) + 160,
                     self.row_height * (min(len(self.rows), 14) + 1) + 2)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """Header, then the rows in the damaged area."""
        p = QPainter(self.viewport())
        width = self.viewport().width()
        h = self.row_height
        offset = self.verticalScrollBar().value()
        widths = self._widths or [80] * 5
        bar_x = sum(widths)
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        damaged = event.rect()
        first = max(0, (damaged.top() - h + offset) // h)
        last = min(len(self.rows), (damaged.bottom() - h + offset) // h + 1)
        for i in range(first, last):
            y = h + i * h - offset
            r = self.rows[i]
            p.fillRect(0, y, width, h, QColor(WHITE if i % 2 == 0 else ROW_ALT))
            x = 0
            for col in range(5):
                p.setPen(QColor(QUORUM_NOT_MET if col == 4 and r[4] > 0 else TEXT))
                p.drawText(QRect(x + 8, y, widths[col] - 16, h), right if col >= 2 else left,
                           str(r[col]))
                x += widths[col]
            bar = QRect(bar_x + 6, y + 4, max(40, width - bar_x - 12), h - 8)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(BAR_BACK))
            p.drawRect(bar)
            filled = QRect(bar)
            filled.setWidth(int(bar.width() * min(1.0, r[6])))
            # A branch at or above 4/5 of its expected members is green, below red:
            # where each branch stands against the election's line at a glance.
            p.setBrush(QColor(QUORUM_MET if 5 * r[3] >= 4 * max(1, r[2]) and r[2] else QUORUM_NOT_MET))
            p.drawRect(filled)
            mark = bar.left() + int(bar.width() * 0.8)
            p.setPen(QPen(QColor(TEXT), 2))
            p.drawLine(mark, bar.top() - 2, mark, bar.bottom() + 2)
            # The figure sits on a white label so it reads on any bar colour.
            fm = p.fontMetrics()
            label = QRect(bar.left() + 4, bar.top() + 2, fm.horizontalAdvance(r[5]) + 10,
                          bar.height() - 4)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(255, 255, 255, 220))
            p.drawRoundedRect(label, 3, 3)
            p.setPen(QColor(TEXT))
            p.drawText(label, int(Qt.AlignmentFlag.AlignCenter), r[5])
        if damaged.top() < h:
            p.fillRect(0, 0, width, h, QColor(PANEL))
            p.setPen(QColor(TEXT))
            font = p.font()
            font.setBold(True)
            p.setFont(font)
            x = 0
            for col, title in enumerate(self._headers):
                w = widths[col] if col < 5 else width - bar_x
                p.drawText(QRect(x + 8, 0, w - 16, h), right if 2 <= col < 5 else left, title)
                x += w


def _minute_ms(at: str) -> int | None:
    # read_time never raises: a stored time that is not one stays off the chart
    t = read_time(at)
    if t.moment is None:
        return None
    return int(t.moment.timestamp()) // 60 * 60_000


# Below this height (px) the chart's value axes get three labels instead of five.
SHORT_CHART = 280


class ArrivalsChart(QChartView):
    """Arrivals per minute and the running total of present, against time (QtCharts)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        chart = QChart()
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        chart.setTitle(self.tr("Arrivals over time"))
        chart.setTitleFont(ui_font(12, bold=True))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().setFont(ui_font(10))
        chart.setMargins(QMargins(4, 4, 4, 4))
        self.total = QLineSeries()
        self.total.setName(self.tr("Present (running total)"))
        self.total.setPen(QPen(QColor(BAR), 3))
        self.per_minute = QLineSeries()
        self.per_minute.setName(self.tr("Arrivals per minute"))
        self.per_minute.setPen(QPen(QColor(RESULT_COLOURS["blue"][0]), 2))
        self.expected = QLineSeries()
        self.expected.setName(self.tr("Expected"))
        pen = QPen(QColor(ACCENT), 2, Qt.PenStyle.DashLine)
        self.expected.setPen(pen)
        for s in (self.total, self.expected, self.per_minute):
            chart.addSeries(s)
        self.x = QDateTimeAxis()
        self.x.setFormat("HH:mm")
        self.x.setLabelsFont(ui_font(10))
        self.y = QValueAxis()
        self.y.setLabelFormat("%d")
        self.y.setLabelsFont(ui_font(10))
        self.y2 = QValueAxis()
        self.y2.setLabelFormat("%d")
        self.y2.setLabelsFont(ui_font(10))
        self.y2.setLabelsColor(QColor(RESULT_COLOURS["blue"][0]))
        chart.addAxis(self.x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(self.y2, Qt.AlignmentFlag.AlignRight)
        for s in (self.total, self.expected):
            s.attachAxis(self.x)
            s.attachAxis(self.y)
        self.per_minute.attachAxis(self.x)
        self.per_minute.attachAxis(self.y2)
        self.setMinimumHeight(200)
        self._ranges: tuple[int, int, int, int] | None = None

    def show_buckets(self, buckets: Counter[int], expected: int) -> None:
        """Redraw from per-minute counts {minute in ms since the epoch: arrivals}."""
        minutes = sorted(k for k, v in buckets.items() if v)
        if not minutes:
            now = int(datetime.now().timestamp()) // 60 * 60_000
            minutes_range = (now - 30 * 60_000, now)
            self.total.clear()
            self.per_minute.clear()
        else:
            minutes_range = (minutes[0] - 60_000, max(minutes[-1] + 60_000,
                                                     minutes[0] + 10 * 60_000))
            self.total.replace(cumulative_points(buckets, minutes))
            self.per_minute.replace(rate_points(buckets, minutes, _this_minute()))
        lo, hi = minutes_range
        peak = max((buckets[k] for k in minutes), default=0)
        ranges = (lo, hi, max(10, expected), max(5, peak))
        if ranges == self._ranges:
            return  # axes are costly to re-lay out; most redraws only extend the lines
        self._ranges = ranges
        self.expected.replace([QPointF(lo, expected), QPointF(hi, expected)])
        self.x.setRange(datetime.fromtimestamp(lo / 1000), datetime.fromtimestamp(hi / 1000))
        self._value_axes()

    def _value_axes(self) -> None:
        """The two counts' axes: nice numbers, as many ticks as their labels have room for."""
        if self._ranges is None:
            return
        # A short chart (a 1366×768 laptop) has room for three labels a side: with
        # QtCharts' default five, the labels overlapped and were all drawn as '…'.
        ticks = 3 if self.height() < SHORT_CHART else 5
        for axis, top in ((self.y, self._ranges[2]), (self.y2, self._ranges[3])):
            axis.setTickCount(ticks)
            axis.setRange(0, top)
            axis.applyNiceNumbers()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Fewer value labels on a short chart (see ``_value_axes``)."""
        super().resizeEvent(event)
        if (event.oldSize().height() < SHORT_CHART) != (event.size().height() < SHORT_CHART):
            self._value_axes()


def _this_minute() -> int:
    """The current minute's start, in ms since the epoch (the chart's bucket key)."""
    return int(datetime.now().timestamp()) // 60 * 60_000


def cumulative_points(buckets: Counter[int], minutes: list[int]) -> list[QPointF]:
    """The running total of arrivals, one point per minute that had any."""
    running, points = 0, [QPointF(minutes[0] - 60_000, 0)]
    for k in minutes:
        running += buckets[k]
        points.append(QPointF(k, running))
    return points


def rate_points(buckets: Counter[int], minutes: list[int], now: int) -> list[QPointF]:
    """Arrivals per minute with quiet minutes drawn as zero, not as a diagonal.

    The minute under way is left out: it is still filling, and drawing it
    would show a drop that has not happened.
    """
    done = [k for k in minutes if k < now]
    points: list[QPointF] = []
    for i, k in enumerate(done):
        # A quiet stretch drops to zero and comes back: a zero after a minute
        # with arrivals and one before the next (never one point per minute of
        # the gap: a stray old time must not make a million points).
        if i and k - done[i - 1] > 60_000:
            if k - done[i - 1] > 120_000:
                points.append(QPointF(done[i - 1] + 60_000, 0))
            points.append(QPointF(k - 60_000, 0))
        points.append(QPointF(k, buckets.get(k, 0)))
    return points


class SigninControls(QWidget):
    """Whether sign-in is open, and the buttons that open or close it."""

    def __init__(self, service: OrganizerService, watcher: MeetingWatcher,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.watcher = service, watcher
        self.state = QLabel()
        self.state.setFont(ui_font(15, bold=True))
        self.times = QLabel()
        self.times.setStyleSheet(f"color: {MUTED};")
        self.open_button = QPushButton(self.tr("Open sign-in now"))
        self.close_button = QPushButton(self.tr("Close sign-in"))
        self.auto_button = QPushButton(self.tr("Follow the timetable"))
        self.open_button.clicked.connect(lambda: self.set_state("open"))
        self.close_button.clicked.connect(self.ask_close)
        self.confirm: QMessageBox | None = None  # the open confirmation (tests answer it)
        self.auto_button.clicked.connect(lambda: self.set_state("auto"))
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.state)
        text.addWidget(self.times)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(text)
        layout.addWidget(self.open_button)
        layout.addWidget(self.close_button)
        layout.addWidget(self.auto_button)
        watcher.meetingChanged.connect(self.refresh)
        watcher.rosterChanged.connect(self.refresh)
        # The timetable opens and closes sign-in without any write to the file.
        self.clock = QTimer(self)
        self.clock.setInterval(15_000)
        self.clock.timeout.connect(self.refresh)
        self.clock.start()
        self.refresh()

    def close_question(self) -> str:
        """The confirmation's text: what closing does, and who is still to come."""
        left = self.watcher.still_to_arrive()
        text = self.tr("Close sign-in at every desk now?") + "\n\n"
        if left.absent:
            if left.on_leave:
                text += self.tr("Not signed in yet: %1 expected members (%2 of them on leave).") \
                    .replace("%1", str(left.absent)).replace("%2", str(left.on_leave))
            else:
                text += self.tr("Not signed in yet: %1 expected members.").replace(
                    "%1", str(left.absent))
            text += " " + self.tr("Members who arrive later cannot sign in at a desk.")
        else:
            text += self.tr("Every expected member has signed in.")
        text += "\n\n" + self.tr("You can open sign-in again at any time.")
        return text

    def close_box(self) -> tuple[QMessageBox, QPushButton]:
        """The confirmation asked before closing sign-in, and its button that closes."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Close sign-in"),
                          self.close_question(), QMessageBox.StandardButton.NoButton, self)
        yes = box.addButton(self.tr("Close sign-in at every desk"),
                            QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("Keep sign-in open"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)  # Enter must not stop every desk
        return box, yes

    def ask_close(self) -> bool:
        """Close sign-in after the organizer confirmed it; True when closed."""
        box, yes = self.close_box()
        self.confirm = box
        try:
            box.exec()
        finally:
            self.confirm = None
        if box.clickedButton() is not yes:
            return False
        self.set_state("closed")
        return True

    def set_state(self, state: str) -> None:
        """Open, close, or hand back to the timetable (audited)."""
        self.watcher.apply(self.service.set_signin(state))
        self.refresh()

    def refresh(self) -> None:
        """Show the current state."""
        m = self.watcher.meeting
        w = signin_window(m)
        if not self.watcher.members:  # nothing to sign in yet: not "sign-in is open"
            self.state.setText(self.tr("No members yet"))
            self.state.setStyleSheet(f"color: {MUTED};")
        else:
            self.state.setText(signin_state_label(w.reason))
            self.state.setStyleSheet(f"color: {QUORUM_MET if w.open else QUORUM_NOT_MET};")
        parts = []
        if m.opens_at:
            parts.append(self.tr("opens %1").replace("%1", m.opens_at[:16].replace("T", " ")))
        if m.closes_at:
            parts.append(self.tr("closes %1").replace("%1", m.closes_at[:16].replace("T", " ")))
        mode = {"open": self.tr("opened by hand"), "closed": self.tr("closed by hand"),
                "auto": self.tr("by the timetable")}.get(m.signin_state, "")
        self.times.setText(" · ".join([mode, *parts]))
        self.open_button.setEnabled(m.signin_state != "open")
        self.close_button.setEnabled(m.signin_state != "closed")
        self.auto_button.setEnabled(m.signin_state != "auto")


class EmptyState(QFrame):
    """What a meeting without members shows instead of figures: the one next step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.headline = QLabel(self.tr("This meeting has no members yet"))
        self.headline.setFont(ui_font(20, bold=True))
        self.hint = QLabel(self.tr(
            "Import the roster from the Excel or CSV file the branches keep (name and branch "
            "are enough; number, phone, category and status are read when present). Turnout, "
            "quorum and the desks follow from it."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {MUTED};")
        self.import_button = QPushButton(self.tr("Import the roster…"))
        self.import_button.setFont(ui_font(16, bold=True))
        self.import_button.setMinimumHeight(56)
        self.import_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.addStretch(1)
        layout.addWidget(self.headline, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.hint)
        layout.addSpacing(12)
        layout.addWidget(self.import_button, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


class Dashboard(QWidget):
    """The organizer's live view of sign-in."""

    importRequested = Signal()  # the empty state's one next step

    def __init__(self, service: OrganizerService, watcher: MeetingWatcher,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.watcher = service, watcher
        self._arrival: dict[int, int] = {}   # member id -> minute of the counted arrival
        self._buckets: Counter[int] = Counter()
        self._desks: dict[str, tuple[int, str]] = {}  # desk -> (check-ins, last at)
        self._chart_dirty = True
        self._desk_names: set[str] = set()
        # The chart is the dearest thing to redraw and moves by the minute:
        # redraw it at most every few seconds, whatever the arrival rate.
        self.chart_timer = QTimer(self)
        self.chart_timer.setSingleShot(True)
        self.chart_timer.setInterval(CHART_EVERY_MS)
        self.chart_timer.timeout.connect(self._draw_chart)

        self.title = QLabel()
        self.title.setFont(ui_font(20, bold=True))
        self.title.setStyleSheet(f"color: {ACCENT};")
        self.signin = SigninControls(service, watcher)
        self.banner = QuorumBanner()
        self.expected_tile = Tile(self.tr("Expected"))
        self.present_tile = Tile(self.tr("Present"))
        self.absent_tile = Tile(self.tr("Absent"), colour=QUORUM_NOT_MET)
        self.turnout_tile = Tile(self.tr("Turnout"), colour=QUORUM_MET)
        self.voting_tile = Tile(self.tr("Voting members present"))
        tiles = QHBoxLayout()
        for t in (self.expected_tile, self.present_tile, self.absent_tile, self.turnout_tile,
                  self.voting_tile):
            tiles.addWidget(t)

        self.branches = BranchTable()
        self.totals = LiveText(lines=2)
        self.totals.setStyleSheet(f"color: {MUTED};")
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.branches, 1)
        lv.addWidget(self.totals)

        self.chart = ArrivalsChart()
        self.feed = FeedView()
        self.desks = QTableWidget(0, 3)
        self.desks.setHorizontalHeaderLabels(
            [self.tr("Desk"), self.tr("Check-ins"), self.tr("Last")])
        self.desks.verticalHeader().setVisible(False)
        self.desks.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.desks.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.desks.horizontalHeader().setStretchLastSection(True)
        self.desks.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.desks.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.desks.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        feed_box = QWidget()
        fb = QGridLayout(feed_box)
        fb.setContentsMargins(0, 0, 0, 0)
        fb.addWidget(self._heading(self.tr("Latest check-ins")), 0, 0)
        fb.addWidget(self._heading(self.tr("Desks (● active in the last %1 min)")
                                   .replace("%1", str(ACTIVE_MINUTES))), 0, 1)
        fb.addWidget(self.feed, 1, 0)
        fb.addWidget(self.desks, 1, 1)
        fb.setColumnStretch(0, 3)
        fb.setColumnStretch(1, 2)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.chart)
        right.addWidget(feed_box)
        right.setSizes([300, 260])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 4)

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.signin)
        self.empty = EmptyState()
        self.empty.import_button.clicked.connect(self.importRequested)
        self.live = QWidget()  # everything that shows figures, hidden while there are none
        live = QVBoxLayout(self.live)
        live.setContentsMargins(0, 0, 0, 0)
        live.addWidget(self.banner)
        live.addLayout(tiles)
        live.addWidget(split, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.live, 1)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        watcher.figuresChanged.connect(self.show_figures)
        watcher.eventsAdded.connect(self.add_events)
        watcher.presenceChanged.connect(self.presence_changed)
        watcher.rosterReloaded.connect(self.reset)
        watcher.membersChanged.connect(self._members_changed)
        watcher.meetingChanged.connect(self._show_title)
        self.clock = QTimer(self)
        self.clock.setInterval(15_000)
        self.clock.timeout.connect(self._show_desks)
        self.clock.start()
        self.reset()
        self._load_history()

    _scale = 1.0

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Type and figures grow with the window (a 1920×1080 screen is not half empty)."""
        super().resizeEvent(event)
        scale = round(max(1.0, min(1.7, self.width() / 1366, self.height() / 700)), 1)
        if scale != self._scale:
            self.scale_to(scale)

    def scale_to(self, scale: float) -> None:
        """Set the size of the tiles' figures, the branch table and the feed."""
        self._scale = scale
        for tile in (self.expected_tile, self.present_tile, self.absent_tile,
                     self.turnout_tile, self.voting_tile):
            tile.value.setFont(ui_font(int(26 * scale), bold=True))
            tile.caption.setFont(ui_font(int(11 * scale)))
            tile.sub.setFont(ui_font(int(10 * scale)))
        for widget in (self.branches, self.feed, self.desks, self.totals):
            font = widget.font()
            font.setPointSizeF(self.font().pointSizeF() * scale)
            widget.setFont(font)
        self.banner.headline.setFont(ui_font(int(22 * scale), bold=True))
        self.branches._measure()
        self.branches._update_scrollbar()
        self.branches.viewport().update()
        self.desks.resizeColumnsToContents()

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setFont(ui_font(12, bold=True))
        return label

    def _show_title(self) -> None:
        m = self.watcher.meeting
        self.title.setText(f"{m.title}  <span style='color:{MUTED}; font-size:12pt'>"
                           f"{m.date} · {m.venue}</span>")

    # ---- full reads, only at start and when the roster changes --------------------

    def reset(self) -> None:
        """Recount arrivals per minute from the tally (after a roster change).

        The feed and the per-desk counts are read again too: a full re-read
        (after an import, on a worker) takes in the events written meanwhile
        without announcing them as new, so a check-in made during it was
        counted but missing from the feed and the desks.
        """
        self._desk_names = self.watcher.desk_names()
        self._arrival.clear()
        self._buckets.clear()
        self.feed.lines.clear()
        self._load_history()
        self.presence_changed(self.watcher.members.keys())
        self._show_title()
        self.show_figures(self.watcher.figures())
        self._draw_chart()  # at once: the throttle is for live updates, not for opening

    def _members_changed(self, ids: set[int]) -> None:
        """Edited members may move in or out of expected: recount their arrivals."""
        self.presence_changed(ids)

    def _load_history(self) -> None:
        """The last check-ins for the feed and the per-desk counts, by two small queries."""
        for ev in self.watcher.latest_events(FEED_LENGTH):
            self._feed_event(ev)
        self.feed.update()
        self._desks = self.watcher.arrivals_by_desk()
        self._show_desks()

    # ---- incremental updates ---------------------------------------------------------

    def presence_changed(self, ids: object) -> None:
        """Move the changed members between per-minute buckets."""
        tally, members = self.watcher.tally, self.watcher.members
        for mid in ids:  # type: ignore[attr-defined]
            p = tally.presence(mid)
            m = members.get(mid)
            minute = None
            if p.arrival is not None and m is not None and is_expected(m.category, m.status):
                minute = _minute_ms(p.arrival.at)
            old = self._arrival.pop(mid, None)
            if old is not None:
                self._buckets[old] -= 1
            if minute is not None:
                self._arrival[mid] = minute
                self._buckets[minute] += 1
            if old != minute:
                self._chart_dirty = True

    def add_events(self, events: list[EventRecord]) -> None:
        """New events: the feed and the desks."""
        for ev in events[-FEED_LENGTH:]:
            self._feed_event(ev)
        self.feed.update()
        for ev in events:
            if ev.kind == EventKind.ARRIVE:
                n, at = self._desks.get(ev.desk, (0, ""))
                self._desks[ev.desk] = (n + 1, max(at, ev.at))
        self._show_desks()

    def _feed_event(self, ev: EventRecord) -> None:
        m = self.watcher.members.get(ev.member_id)
        who = f"{m.name} · {m.branch}" if m else f"#{ev.member_id}"
        what = {EventKind.ARRIVE: "", EventKind.LEAVE: self.tr("left early") + " · ",
                EventKind.VOID: self.tr("check-in undone") + " · "}.get(ev.kind, "")
        if ev.kind == EventKind.VOID and ev.reason == NOT_THIS_PERSON:
            # a proxy caught at a desk (不是本人): said as such, not as a plain undo
            what = self.tr("NOT THIS PERSON: card presented by someone else") + " · "
        self.feed.add(f"{ev.at[11:19]}  {what}{who} · {ev.desk}",
                      TEXT if ev.kind == EventKind.ARRIVE else QUORUM_NOT_MET,
                      f"{method_label(ev.method)} · {operator_label(ev.desk, ev.operator)}")

    def _show_desks(self) -> None:
        names = self._desk_names | set(self._desks)
        now = datetime.now().astimezone()
        grown = self.desks.rowCount() != len(names)
        self.desks.setRowCount(len(names))
        for row, name in enumerate(sorted(names, key=_desk_key)):
            n, at = self._desks.get(name, (0, ""))
            if at:
                last = read_time(at).moment  # None when the stored time is not one
                ago = int((now - last).total_seconds() // 60) if last is not None else 10**6
                active = ago < ACTIVE_MINUTES
                state = ("● " if active else "○ ") + at[11:16]
                tip = (self.tr("active: a check-in in the last %1 minutes") if active
                       else self.tr("quiet for %2 minutes")).replace(
                    "%1", str(ACTIVE_MINUTES)).replace("%2", str(ago))
                colour = QUORUM_MET if active else MUTED
            else:
                state, colour, tip = "○ —", MUTED, self.tr("no check-ins yet")
            cells = (name, str(n), state)
            for col, text in enumerate(cells):
                item = self.desks.item(row, col)
                if item is None:
                    item = QTableWidgetItem()
                    self.desks.setItem(row, col, item)
                if item.text() != text:
                    item.setText(text)
            last = self.desks.item(row, 2)
            if last.foreground().color() != QColor(colour):
                last.setForeground(QBrush(QColor(colour)))
            if last.toolTip() != tip:
                last.setToolTip(tip)
        if grown:
            self.desks.resizeColumnsToContents()

    def show_figures(self, f: Figures) -> None:
        """New figures: tiles, quorum line, branch table, chart."""
        t = f.total
        # No members: no figures at all (no red quorum, no 0.00%), one next step instead.
        empty = not self.watcher.members
        self.empty.setVisible(empty)
        self.live.setVisible(not empty)
        self.banner.show_quorum(f.quorum)
        self.expected_tile.set(str(t.expected), self.tr("on leave %1 (counted)")
                               .replace("%1", str(t.on_leave)))
        self.present_tile.set(str(t.present), self.tr("in the hall %1").replace("%1", str(t.in_hall)))
        self.absent_tile.set(str(t.absent))
        self.turnout_tile.set(f"{t.turnout}%")
        # Turnout is coloured by what it means for the vote: never green while
        # the quorum band is red (amber when the count sits exactly on 4/5).
        q = f.quorum
        self.turnout_tile.set_colour(
            TEXT if q.rule == "none" else RESULT_COLOURS["amber"][0] if q.exact
            else QUORUM_MET if q.met else QUORUM_NOT_MET)
        self.voting_tile.set(f"{f.quorum.present} / {t.voting_expected}",
                             self.tr("needed %1").replace("%1", str(f.quorum.required)))
        self.totals.setText(self.tr(
            "Excluded %1 (not counted) · observers %2 (present %3) · left early %4 · "
            "probationary present %5 · suspended present %6")
            .replace("%1", str(t.excluded)).replace("%2", str(t.observers))
            .replace("%3", str(t.observers_present)).replace("%4", str(t.left_early))
            .replace("%5", str(t.probationary_present)).replace("%6", str(t.suspended_present)))
        self.branches.show_figures(f)
        if self._chart_dirty or self._chart_expected != t.expected:
            self._chart_expected = t.expected
            self._chart_dirty = False
            if not self.chart_timer.isActive():
                self.chart_timer.start()

    _chart_expected = -1

    def _draw_chart(self) -> None:
        self.chart.show_buckets(self._buckets, self._chart_expected)


def _desk_key(name: str) -> tuple[int, str]:
    digits = "".join(ch for ch in name if ch.isdigit())
    return (int(digits) if digits else 10**9, name)
