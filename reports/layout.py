"""Shared pieces of the printed documents: styles, page footers, time formats.

``numbered_canvas`` writes "第 x 页 共 y 页" on every page: the total is only known
at the end, so pages are kept until ``save`` and stamped then (the standard
reportlab two-pass canvas).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table, TableStyle

from data.private import LazyPrivateFile
from kiosk.times import read_time
from reports.fonts import cjk_font

Output = str | Path | BinaryIO

INK = colors.HexColor("#1a1a1a")
RED = colors.HexColor("#b3201a")
GREEN = colors.HexColor("#1e7a34")
GREY = colors.HexColor("#666666")
LIGHT = colors.HexColor("#eeeeee")
RULE = colors.HexColor("#999999")


def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles in the Chinese font; CJK word wrap breaks between any characters."""
    font = cjk_font().name
    base = ParagraphStyle("base", fontName=font, fontSize=10, leading=14, textColor=INK,
                          wordWrap="CJK")
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=11.5),
        "title": ParagraphStyle("title", parent=base, fontSize=20, leading=26,
                                alignment=TA_CENTER, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=11, leading=15,
                                   alignment=TA_CENTER, textColor=GREY),
        "h2": ParagraphStyle("h2", parent=base, fontSize=13, leading=18, spaceBefore=10,
                             spaceAfter=5, textColor=INK),
        "h3": ParagraphStyle("h3", parent=base, fontSize=10.5, leading=15, spaceBefore=6,
                             spaceAfter=3),
    }


def grid_style(*, header_rows: int = 1, total_row: bool = False,
               font_size: float = 9) -> TableStyle:
    """A plain ruled table: shaded header, optional bold-ish totals row."""
    font = cjk_font().name
    cmds: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), font, font_size),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), LIGHT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if total_row:
        cmds += [("BACKGROUND", (0, -1), (-1, -1), LIGHT),
                 ("LINEABOVE", (0, -1), (-1, -1), 1.2, INK)]
    return TableStyle(cmds)


def table(rows: list[list], widths: list[float], *, total_row: bool = False,
          align_right_from: int | None = None, font_size: float = 9,
          caption: str | None = None) -> Table:
    """A table whose header repeats on every page it breaks onto.

    ``caption`` adds a title row above the header that repeats with it, so a
    table continued on the next page still says what it is.
    """
    # Plain text cells do not wrap: a hostile one would run across the page.
    rows = [[shorten(c, 60) if isinstance(c, str) else c for c in row] for row in rows]
    if caption is not None:
        caption = shorten(caption, 80)
    if caption is None:
        t = Table(rows, colWidths=widths, repeatRows=1)
        style = grid_style(total_row=total_row, font_size=font_size)
    else:
        t = Table([[caption] + [""] * (len(widths) - 1), *rows], colWidths=widths, repeatRows=2)
        style = TableStyle([
            ("FONT", (0, 0), (-1, -1), cjk_font().name, font_size),
            ("FONT", (0, 0), (-1, 0), cjk_font().name, font_size + 1.5),
            ("SPAN", (0, 0), (-1, 0)),
            ("LEFTPADDING", (0, 0), (-1, 0), 0),
            ("TOPPADDING", (0, 0), (-1, 0), 6),
            ("GRID", (0, 1), (-1, -1), 0.5, RULE),
            ("BACKGROUND", (0, 1), (-1, 1), LIGHT),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 1), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ])
    if align_right_from is not None:
        style.add("ALIGN", (align_right_from, 1 if caption else 0), (-1, -1), "RIGHT")
    t.setStyle(style)
    return t


def numbered_canvas(footer: str, header: str = "") -> Callable[..., Canvas]:
    """A canvas class that stamps a header, the footer and 第 x 页 共 y 页 on each page."""
    font = cjk_font().name

    class NumberedCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            # Start in the embedded font, else reportlab references Helvetica,
            # a font that is not embedded and prints differently everywhere.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or font
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._stamp(number, total)
                super().showPage()
            super().save()

        def _stamp(self, number: int, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFont(font, 8)
            self.setFillColor(GREY)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.4)
            self.line(15 * mm, 13 * mm, width - 15 * mm, 13 * mm)
            self.drawString(15 * mm, 9 * mm, footer)
            self.drawRightString(width - 15 * mm, 9 * mm, f"第 {number} 页 共 {total} 页")
            if header:
                self.drawRightString(width - 15 * mm, height - 10 * mm, header)
            self.restoreState()

    return NumberedCanvas


def when(at: str | None, *, seconds: bool = False) -> str:
    """An ISO time as '2026-11-28 08:42' (local to the time it was recorded)."""
    if not at:
        return ""
    t = read_time(at)
    if t.moment is None:
        return t.shown()  # as stored, bounded and quoted: never fails, never floods a cell
    return t.moment.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def when_zh(at: str | None) -> str:
    """An ISO time as '11月28日 08:42' (the year is on the page already); '' if none."""
    if not at:
        return ""
    t = read_time(at)
    if t.moment is None:
        return t.shown()  # as stored, bounded and quoted: never fails, never floods a cell
    return f"{t.moment.month}月{t.moment.day}日 {t.moment:%H:%M}"


def date_zh(day: str) -> str:
    """'2026-11-28' as '2026年11月28日'."""
    try:
        d = datetime.strptime(day[:10], "%Y-%m-%d")
    except ValueError:
        return day
    return f"{d.year}年{d.month}月{d.day}日"


def weekday_zh(day: str) -> str:
    """'2026-11-28' as '（星期六）' ('' if it is not a date)."""
    try:
        d = datetime.strptime(day[:10], "%Y-%m-%d")
    except ValueError:
        return ""
    return f"（星期{'一二三四五六日'[d.weekday()]}）"


def printed_at() -> str:
    """Now, for the 'printed at' line."""
    return datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")



def target(output: Output) -> str | BinaryIO:
    """What reportlab accepts as a destination: a path string or a binary file object.

    A path becomes a file created owner-only when reportlab writes the PDF:
    a PDF of members is nobody else's to read.
    """
    if isinstance(output, str | Path):
        return LazyPrivateFile(output)  # type: ignore[return-value]
    return output


FIELD_LIMIT = 200
"""Characters of one stored field a page prints (names, reasons, branch and desk
names): far above any real one, and short enough that a table row always fits
on a page (a row taller than the page stops reportlab with LayoutError)."""


def shorten(text: str, limit: int = FIELD_LIMIT) -> str:
    """At most ``limit`` characters, "…" marking a cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def esc(text: str, limit: int = FIELD_LIMIT) -> str:
    """Text made safe for a reportlab Paragraph (which reads a little XML), bounded."""
    from xml.sax.saxutils import escape

    return escape(shorten(text or "", limit))


@lru_cache(maxsize=8192)
def _width(text: str, font: str, size: float) -> float:
    """stringWidth, remembered: thousands of certificates reuse the same characters."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


_NO_LINE_START = set("，。、）》」』：；！？…,.;:!?)%")


def draw_wrapped(canvas: Canvas, runs: list[tuple[str, bool]], x: float, top: float,
                 width: float, size: float, leading: float, indent: float = 0) -> float:
    """Draw text that wraps between any two characters (Chinese style), fast.

    ``runs`` are (text, underlined) pieces. Punctuation that may not start a
    line hangs at the end of the previous one. Returns the baseline y below the
    last line. Used instead of Paragraph where thousands of pages are drawn.
    """
    font = cjk_font().name
    # Tokens: one Chinese character, or a whole run of Latin letters/digits
    # (a year or a time must not be split across lines).
    tokens: list[tuple[str, bool]] = []
    for text, u in runs:
        for ch in text:
            word = ch.isascii() and not ch.isspace()
            if word and tokens and tokens[-1][1] == u and tokens[-1][0][-1:].isascii() \
                    and not tokens[-1][0][-1:].isspace():
                tokens[-1] = (tokens[-1][0] + ch, u)
            else:
                tokens.append((ch, u))
    lines: list[list[tuple[str, bool]]] = [[]]
    room = width - indent
    used = 0.0
    for tok, u in tokens:
        w = _width(tok, font, size)
        if used + w > room and lines[-1] and tok[0] not in _NO_LINE_START:
            lines.append([])
            room, used = width, 0.0
        lines[-1].append((tok, u))
        used += w
    y = top - size
    canvas.setFont(font, size)
    for n, line in enumerate(lines):
        cx = x + (indent if n == 0 else 0)
        i = 0
        while i < len(line):
            u = line[i][1]
            j = i
            while j < len(line) and line[j][1] == u:
                j += 1
            piece = "".join(ch for ch, _ in line[i:j])
            canvas.drawString(cx, y, piece)
            pw = sum(_width(ch, font, size) for ch in piece)
            if u:
                canvas.setLineWidth(size / 18)
                canvas.line(cx, y - size * 0.18, cx + pw, y - size * 0.18)
            cx += pw
            i = j
        y -= leading
    return y + leading
