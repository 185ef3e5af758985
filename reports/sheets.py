"""Paper sign-in sheets (签到表): the fallback when power or machines fail.

One section per branch, each starting on a new page: every expected member with
a signature column and a column for the time, then the branch's observers. The
member number is printed so that a sheet can be entered afterwards with
``main.py checkin FILE NUMBER --method paper --at TIME``; such sign-ins count like
any other.
"""

from __future__ import annotations

import logging

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from data.store import Store
from kiosk.model import Category, Status, birth_year, is_expected
from kiosk.vocabulary import category_label
from reports.fonts import cjk_font
from reports.layout import (
    LIGHT,
    RULE,
    Output,
    date_zh,
    esc,
    numbered_canvas,
    styles,
    target,
)

log = logging.getLogger(__name__)

HEADERS = ["序号", "姓名", "党员编号", "性别", "出生", "类别", "备注", "本人签名", "签到时间"]


def build_sheets(store: Store, output: Output) -> dict[str, int]:
    """Write the sheets; returns how many expected members each branch lists."""
    meeting = store.meeting()
    st = styles()
    font = cjk_font().name
    doc = SimpleDocTemplate(
        target(output), pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm,
        topMargin=14 * mm, bottomMargin=18 * mm, title=f"{meeting.title} 纸质签到表",
        author="SignDesk 签到台", creator="SignDesk",
    )
    members = store.members()
    counts: dict[str, int] = {}
    story: list = []
    widths = [10 * mm, 30 * mm, 25 * mm, 10 * mm, 12 * mm, 18 * mm, 22 * mm, 0, 22 * mm]
    widths[7] = doc.width - sum(widths)
    for b in store.branches():
        people = [m for m in members if m.branch_id == b.id]
        expected = [m for m in people if is_expected(m.category, m.status)]
        observers = [m for m in people if m.category == Category.OBSERVER]
        counts[b.name] = len(expected)
        if not expected and not observers:
            continue
        if story:
            story.append(PageBreak())
        desk = b.desk_name or "任一签到台"
        head = (f"{b.name}　签到台：{desk}　应到 {len(expected)} 人"
                + (f"　列席 {len(observers)} 人" if observers else ""))
        rows: list[list] = [[head] + [""] * 8, HEADERS]
        heights = [7 * mm, 7 * mm]
        for n, m in enumerate(expected + observers, start=1):
            note = "请假" + (f"：{m.status_reason}" if m.status_reason else "") \
                if m.status == Status.LEAVE else ""
            name = Paragraph(esc(m.name), st["cell"])
            remark = Paragraph(esc(note), st["small"])
            # room to sign, or more when a long name or reason wraps
            tallest = max(name.wrap(widths[1] - 12, 1000)[1], remark.wrap(widths[6] - 12, 1000)[1])
            heights.append(max(9.5 * mm, tallest + 8))
            rows.append([str(n), name, m.number or "", m.gender, birth_year(m.birth_date),
                         category_label(m.category), remark, "", ""])
        t = Table(rows, colWidths=widths, repeatRows=2, rowHeights=heights)
        t.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), font, 9.5),
            ("FONT", (0, 0), (-1, 0), font, 11),
            ("SPAN", (0, 0), (-1, 0)),
            ("GRID", (0, 1), (-1, -1), 0.6, RULE),
            ("BOX", (0, 1), (-1, -1), 1, RULE),
            ("BACKGROUND", (0, 1), (-1, 1), LIGHT),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]))
        story += [
            Paragraph(f"{esc(meeting.title)}　纸质签到表", st["title"]),
            Paragraph(f"{date_zh(meeting.date)}　{esc(meeting.venue)}", st["subtitle"]),
            Spacer(1, 3 * mm),
            t,
            Spacer(1, 6 * mm),
            Paragraph(f"本支部应到 {len(expected)} 人，实到 ______ 人。"
                      "　签到台负责人签字：______________　时间：______________", st["base"]),
            Spacer(1, 2 * mm),
            Paragraph("说明：请党员本人签名，不得代签；签到时间由签到台填写。事后录入时按表上时间记为"
                      "“纸质签到”，与扫码签到同样计入实到人数。", st["small"]),
        ]
    if not story:
        story.append(Paragraph("名册中没有党员。", st["base"]))
    doc.build(story, canvasmaker=numbered_canvas(f"{meeting.title} · 纸质签到表"))
    return counts
