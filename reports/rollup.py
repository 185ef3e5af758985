"""The roll-up (汇总表): one line per meeting file and a total, as PDF or JSON.

A sub-district gathers its residential areas' meeting files and reports
expected, present and turnout per meeting and in total. The total turnout is
computed from the summed counts (3539 of 3869 is 91.47%), never by averaging
the meetings' percentages.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from kiosk.meeting import open_meeting
from kiosk.turnout import percent, tally_of
from kiosk.vocabulary import quorum_label
from reports.layout import (
    Output,
    date_zh,
    esc,
    numbered_canvas,
    printed_at,
    styles,
    table,
    target,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MeetingLine:
    """One meeting's figures in the roll-up."""

    file: str
    title: str
    date: str
    venue: str
    expected: int
    present: int
    turnout: str
    voting_expected: int
    voting_present: int
    on_leave: int
    excluded: int
    quorum_rule: str
    quorum_required: int
    quorum_met: bool

    def as_dict(self) -> dict:
        """JSON-ready."""
        return {k: getattr(self, k) for k in self.__slots__}


@dataclass(frozen=True, slots=True)
class RollUp:
    """Many meetings and their total."""

    title: str
    meetings: tuple[MeetingLine, ...]

    def _sum(self, name: str) -> int:
        return sum(getattr(m, name) for m in self.meetings)

    @property
    def expected(self) -> int:
        return self._sum("expected")

    @property
    def present(self) -> int:
        return self._sum("present")

    @property
    def turnout(self) -> str:
        """From the summed counts, two decimals, half up."""
        return percent(self.present, self.expected)

    @property
    def quorum_met(self) -> int:
        """How many meetings reached their quorum."""
        return sum(1 for m in self.meetings if m.quorum_met)

    def as_dict(self) -> dict:
        """The shape of ``rollup --json``."""
        return {
            "title": self.title,
            "meetings": [m.as_dict() for m in self.meetings],
            "total": {
                "meetings": len(self.meetings), "expected": self.expected,
                "present": self.present, "absent": self.expected - self.present,
                "turnout": self.turnout,
                "voting_expected": self._sum("voting_expected"),
                "voting_present": self._sum("voting_present"),
                "on_leave": self._sum("on_leave"), "excluded": self._sum("excluded"),
                "quorum_met": self.quorum_met,
            },
        }


def meeting_line(path: str | Path) -> MeetingLine:
    """Read one meeting file's figures (the file is opened read-only in spirit)."""
    with open_meeting(path) as store:
        meeting = store.meeting()
        f = tally_of(store).figures()
    t, q = f.total, f.quorum
    return MeetingLine(
        file=str(path), title=meeting.title, date=meeting.date, venue=meeting.venue,
        expected=t.expected, present=t.present, turnout=t.turnout,
        voting_expected=t.voting_expected, voting_present=t.voting_in_hall,
        on_leave=t.on_leave, excluded=t.excluded, quorum_rule=q.rule,
        quorum_required=q.required, quorum_met=q.met,
    )


def rollup(paths: Iterable[str | Path], title: str = "") -> RollUp:
    """The roll-up over meeting files, in the order given."""
    lines = tuple(meeting_line(p) for p in paths)
    return RollUp(title or "党员大会出席情况汇总", lines)


def build_rollup(data: RollUp, output: Output) -> None:
    """Write the roll-up PDF (A4 landscape: the table is wide)."""
    st = styles()
    doc = SimpleDocTemplate(
        target(output), pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm,
        topMargin=15 * mm, bottomMargin=18 * mm, title=data.title, author="SignDesk 签到台",
        creator="SignDesk",
    )
    rows: list[list] = [["序号", "会议", "日期", "应到", "实到", "缺席", "出席率",
                         "有选举权应到", "有选举权实到", "请假", "核准不计", "法定人数"]]
    for n, m in enumerate(data.meetings, start=1):
        met = "—" if m.quorum_rule == "none" else ("已达到" if m.quorum_met else "未达到")
        rows.append([str(n), Paragraph(esc(m.title), st["cell"]), m.date, str(m.expected),
                     str(m.present), str(m.expected - m.present), f"{m.turnout}%",
                     str(m.voting_expected), str(m.voting_present), str(m.on_leave),
                     str(m.excluded), met])
    total = data.as_dict()["total"]
    rows.append(["", f"合计（{len(data.meetings)} 个会议）", "", str(data.expected),
                 str(data.present), str(data.expected - data.present), f"{data.turnout}%",
                 str(total["voting_expected"]), str(total["voting_present"]),
                 str(total["on_leave"]), str(total["excluded"]),
                 f"{data.quorum_met}/{len(data.meetings)} 达到"])
    widths = [12 * mm, 0, 24 * mm, 18 * mm, 18 * mm, 16 * mm, 20 * mm, 24 * mm, 24 * mm,
              14 * mm, 18 * mm, 24 * mm]
    widths[1] = doc.width - sum(widths)
    rules = sorted({m.quorum_rule for m in data.meetings})
    story = [
        Paragraph(esc(data.title), st["title"]),
        Paragraph(f"共 {len(data.meetings)} 个会议　应到 {data.expected} 人　实到 {data.present} 人"
                  f"　出席率 {data.turnout}%", st["subtitle"]),
        Spacer(1, 5 * mm),
        table(rows, widths, total_row=True, align_right_from=3),
        Spacer(1, 4 * mm),
        Paragraph("出席率 = 实到 ÷ 应到，保留两位小数（四舍五入）；合计出席率按合计人数计算。"
                  "法定人数：" + "；".join(quorum_label(r) for r in rules if r != "none"),
                  st["small"]),
        Paragraph(f"打印时间：{date_zh(printed_at())} {printed_at()[11:16]}", st["small"]),
    ]
    dates = sorted({m.date for m in data.meetings})
    span = date_zh(dates[0]) + (f" 至 {date_zh(dates[-1])}" if len(dates) > 1 else "") if dates else ""
    doc.build(story, canvasmaker=numbered_canvas(f"{data.title} · {span}"))
