"""The attendance report (出席情况报告): the A4 record of a meeting's sign-in.

Summary box with the figures the chair announces, a per-branch table with a
totals row, the arrivals chart, absentees by branch, excluded members with their
reasons, exceptions (cards presented by someone else: 不是本人), voided sign-ins
with their reasons, and signature lines. Every figure
comes from ``kiosk.turnout`` so the paper agrees with the screens.

Any stored event renders: events are immutable, so a time that cannot be read
or falls on another day (from a broken desk or an old file) is printed as it
is, bounded, and listed under "时间存疑的记录" instead of stopping the report.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from data.records import EventRecord, MeetingRecord, MemberRecord
from data.store import Store
from kiosk.model import (
    Category,
    EventKind,
    ExclusionCase,
    Status,
    is_expected,
    operator_label,
)
from kiosk.times import PROBLEM_ZH, StoredTime, read_time
from kiosk.turnout import Figures, Tally, tally_of
from kiosk.vocabulary import (
    NOT_THIS_PERSON,
    category_label,
    exclusion_case_label,
    method_label,
    quorum_label,
    void_reason_label,
)
from reports.chart import arrivals_chart
from reports.fonts import cjk_font
from reports.layout import (
    GREEN,
    GREY,
    INK,
    LIGHT,
    RED,
    RULE,
    Output,
    date_zh,
    esc,
    numbered_canvas,
    printed_at,
    shorten,
    styles,
    table,
    target,
    weekday_zh,
    when_zh,
)

log = logging.getLogger(__name__)

TITLE = "出席情况报告"  # the same name as the menu item and the default file name
BRANCH_HEADERS = ["序号", "支部", "应到", "实到", "正式/预备", "请假", "核准不计", "缺席", "出席率"]


@dataclass(frozen=True, slots=True)
class VoidLine:
    """A voided sign-in: the void event, the event it undid, and whose it was."""

    void: EventRecord
    target: EventRecord | None
    member: MemberRecord | None


@dataclass(frozen=True, slots=True)
class OddTime:
    """An event whose stored time cannot be read or is not on the meeting's day."""

    event: EventRecord
    time: StoredTime
    member: MemberRecord | None


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the report prints, read once from the meeting file."""

    meeting: MeetingRecord
    figures: Figures
    per_minute: list[tuple[str, int]]
    absentees: dict[str, list[MemberRecord]]
    excluded: list[MemberRecord]
    voids: list[VoidLine]
    methods: Counter
    duplicates: int
    first_arrival: str | None
    last_arrival: str | None
    desks: list[str]
    odd_times: list[OddTime]
    vote_suspended: list[MemberRecord] = field(default_factory=list)
    # member id -> the arrival that counts for them now (for the exceptions' "did the member come")
    arrivals: dict[int, EventRecord] = field(default_factory=dict)

    @property
    def presented_by_others(self) -> list[VoidLine]:
        """The 不是本人 voids: someone else presented a member's card (or name), oldest first."""
        return sorted((v for v in self.voids if v.void.reason == NOT_THIS_PERSON),
                      key=lambda v: v.void.at)


def gather(store: Store, tally: Tally | None = None) -> ReportData:
    """Read the meeting file into what the report needs."""
    tally = tally or tally_of(store)
    meeting = store.meeting()
    members = store.members()
    absentees: dict[str, list[MemberRecord]] = {b.name: [] for b in store.branches()}
    excluded = []
    methods: Counter = Counter()
    duplicates = 0
    arrivals = []
    for m in members:
        p = tally.presence(m.id)
        duplicates += len(p.duplicates)
        if m.category != Category.OBSERVER and m.status == Status.EXCLUDED:
            excluded.append(m)
        elif is_expected(m.category, m.status):
            if p.attended and p.arrival is not None:
                methods[p.arrival.method] += 1
                t = read_time(p.arrival.at, meeting.date)
                if t.ok:
                    arrivals.append((t.moment, p.arrival.at))
            else:
                absentees.setdefault(m.branch, []).append(m)
    events = store.events_after(0)
    by_id = {e.id: e for e in events}
    by_member = {m.id: m for m in members}
    voids = [
        VoidLine(e, by_id.get(e.target or ""), by_member.get(e.member_id) or store.member(e.member_id))
        for e in events if e.kind == EventKind.VOID
    ]
    arrivals_now = {}
    for v in voids:
        if v.void.reason == NOT_THIS_PERSON:
            p = tally.presence(v.void.member_id)
            if p.attended and p.arrival is not None:
                arrivals_now[v.void.member_id] = p.arrival
    odd_times = []
    for e in events:
        t = read_time(e.at, meeting.date)
        if not t.ok:
            odd_times.append(OddTime(e, t, by_member.get(e.member_id) or store.member(e.member_id)))
    branches = store.branches()
    desks = list(dict.fromkeys(b.desk_name for b in branches if b.desk_name))
    if not desks:
        desks = [d.name for d in store.desks()]
    return ReportData(
        meeting=meeting, figures=tally.figures(),
        per_minute=tally.arrivals_per_minute(meeting.date),
        absentees=absentees, excluded=excluded, voids=voids, methods=methods,
        duplicates=duplicates,
        first_arrival=min(arrivals)[1] if arrivals else None,
        last_arrival=max(arrivals)[1] if arrivals else None, desks=desks,
        odd_times=odd_times,
        vote_suspended=[m for m in members
                        if m.vote_suspended and is_expected(m.category, m.status)],
        arrivals=arrivals_now,
    )


def _summary_box(data: ReportData, width: float) -> Table:
    st = styles()
    t, q = data.figures.total, data.figures.quorum
    # The figures are facts, in ink; red and green belong to the quorum verdict alone.
    big = st["base"].clone("big", fontSize=22, leading=26, textColor=INK)
    label = st["small"].clone("label", textColor=INK)
    if q.rule == "none":
        quorum_line = "本次会议不设法定人数"
    elif q.exact:  # exactly 4/5: the verdict depends on the rule chosen, so say both
        verdict = (f"已达到法定人数（须 {q.required} 人，在场有选举权 {q.present} 人）" if q.met
                   else f"未达到法定人数（须 {q.required} 人，尚差 {q.still_needed} 人）")
        quorum_line = (f"在场有选举权 {q.present} 人，恰好等于应到 {q.expected} 人的五分之四；"
                       f"按本次会议所定规则{verdict}")
    elif q.met:
        quorum_line = f"已达到法定人数（须 {q.required} 人，在场有选举权 {q.present} 人）"
    else:
        quorum_line = f"未达到法定人数（须 {q.required} 人，尚差 {q.still_needed} 人）"
    verdict_colour = "#" + (GREEN if q.met else RED).hexval()[2:]
    methods = "，".join(f"{method_label(k)} {n}" for k, n in sorted(data.methods.items()))
    cells = [
        [Paragraph("应到会", label), Paragraph("实到会", label), Paragraph("出席率", label),
         Paragraph("缺席", label)],
        [Paragraph(f"{t.expected} 人", big), Paragraph(f"{t.present} 人", big),
         Paragraph(f"{t.turnout}%", big), Paragraph(f"{t.absent} 人", big)],
        [Paragraph(f"有选举权应到 {t.voting_expected} 人", st["base"]),
         Paragraph(f"有选举权实到 {t.voting_present} 人", st["base"]),
         Paragraph(f"其中在场 {t.voting_in_hall} 人", st["base"]),
         Paragraph(f"中途退场 {t.left_early} 人", st["base"])],
        [Paragraph(f"请假 {t.on_leave} 人（计入应到）", st["base"]),
         Paragraph(f"核准不计 {t.excluded} 人（{data.figures.excluded_reasons} 类原因）",
                   st["base"]),
         Paragraph(f"列席 {t.observers} 人（到会 {t.observers_present}）", st["base"]), ""],
        [Paragraph(f"实到构成：正式党员 {t.full_present} 人，预备党员 {t.probationary_present} 人"
                   + (f"，留党察看 {t.suspended_present} 人" if t.suspended_present else ""),
                   st["base"]), "", "", ""],
        [Paragraph(f"法定人数：{quorum_label(q.rule)}", st["base"]), "", "", ""],
        [Paragraph(f"<font color='{verdict_colour}'>{quorum_line}</font>"
                   if q.rule != "none" else quorum_line,
                   st["base"].clone("verdict", fontSize=11.5, leading=15)), "", "", ""],
        [Paragraph(f"签到方式：{methods or '无'}；重复签到 {data.duplicates} 次（只计一次）",
                   st["small"]), "", "", ""],
    ]
    box = Table(cells, colWidths=[width / 4] * 4)
    box.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), cjk_font().name, 10),
        ("BOX", (0, 0), (-1, -1), 1.2, INK),
        ("BACKGROUND", (0, 0), (-1, 1), LIGHT),
        ("LINEBELOW", (0, 1), (-1, 1), 0.5, RULE),
        ("SPAN", (0, 4), (-1, 4)), ("SPAN", (0, 5), (-1, 5)), ("SPAN", (0, 6), (-1, 6)),
        ("SPAN", (0, 7), (-1, 7)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return box


def _branch_table(data: ReportData, width: float) -> Table:
    rows: list[list] = [BRANCH_HEADERS]
    for n, b in enumerate(data.figures.branches, start=1):
        c = b.counts
        rows.append([str(n), shorten(b.name, 24), str(c.expected), str(c.present),
                     f"{c.full_present}/{c.probationary_present}", str(c.on_leave),
                     str(c.excluded), str(c.absent), f"{c.turnout}%"])
    t = data.figures.total
    rows.append(["", "合计", str(t.expected), str(t.present),
                 f"{t.full_present}/{t.probationary_present}", str(t.on_leave), str(t.excluded),
                 str(t.absent), f"{t.turnout}%"])
    fixed = [12 * mm, 0, 16 * mm, 16 * mm, 22 * mm, 15 * mm, 18 * mm, 15 * mm, 20 * mm]
    fixed[1] = width - sum(fixed)
    return table(rows, fixed, total_row=True, align_right_from=2)


def _absentee_tables(data: ReportData, width: float) -> list:
    st = styles()
    out: list = []
    for branch, people in data.absentees.items():
        if not people:
            continue
        rows: list[list] = [["序号", "姓名", "党员编号", "类别", "状态", "原因"]]
        for n, m in enumerate(people, start=1):
            state = "请假" if m.status == Status.LEAVE else "未到"
            rows.append([str(n), Paragraph(esc(m.name), st["cell"]), m.number or "",
                         category_label(m.category), state,
                         Paragraph(esc(m.status_reason), st["cell"])])
        fixed = [12 * mm, 38 * mm, 30 * mm, 22 * mm, 16 * mm, 0]
        fixed[-1] = width - sum(fixed)
        # a heading never ends a page: it needs room for itself and a few rows
        out += [CondPageBreak(30 * mm),
                table(rows, fixed, caption=f"{shorten(branch, 40)}（缺席 {len(people)} 人）")]
    if not out:
        out.append(Paragraph("应到会党员全部到会。", st["base"]))
    return out


def _excluded_table(data: ReportData, width: float) -> list:
    """Approved exclusions with their listed case and approval, for the meeting to confirm."""
    st = styles()
    if not data.excluded:
        return [Paragraph("无核准不计人员。", st["base"])]
    rows: list[list] = [["序号", "支部", "姓名", "党员编号", "原因", "所列情形", "批准", "来源"]]
    for n, m in enumerate(data.excluded, start=1):
        case = exclusion_case_label(m.exclusion_case or ExclusionCase.OTHER)
        approval = "，".join(x for x in (m.approved_by, m.approved_on) if x) or "（未记录）"
        rows.append([str(n), Paragraph(esc(m.branch), st["cell"]),
                     Paragraph(esc(m.name), st["cell"]), m.number or "",
                     Paragraph(esc(m.status_reason) or "（未填写原因）", st["cell"]),
                     Paragraph(esc(case), st["cell"]), Paragraph(esc(approval), st["cell"]),
                     "名册" if m.state_source == "roster" else "手工"])
    fixed = [10 * mm, 24 * mm, 22 * mm, 24 * mm, 0, 34 * mm, 30 * mm, 11 * mm]
    fixed[4] = width - sum(fixed)
    return [Paragraph("以下人员经上级党组织同意不计入应到会人数，提请党员大会通过确认：", st["base"]),
            table(rows, fixed),
            Paragraph("党员大会确认：□ 通过　□ 未通过　　会议主持人签字：________________",
                      st["base"])]


def _vote_suspended_table(data: ReportData, width: float) -> list:
    """Members expected without a vote (中止表决权), so the voting figures can be checked."""
    st = styles()
    people = data.vote_suspended
    if not people:
        return []
    rows: list[list] = [["序号", "支部", "姓名", "党员编号", "说明"]]
    for n, m in enumerate(people, start=1):
        rows.append([str(n), Paragraph(esc(m.branch), st["cell"]),
                     Paragraph(esc(m.name), st["cell"]), m.number or "",
                     "中止表决权：计入应到，不计入有选举权应到"])
    fixed = [10 * mm, 26 * mm, 30 * mm, 30 * mm, 0]
    fixed[-1] = width - sum(fixed)
    return [CondPageBreak(30 * mm), Paragraph("中止表决权人员", st["h2"]), table(rows, fixed)]


def _void_table(data: ReportData, width: float) -> list:
    st = styles()
    if not data.voids:
        return [Paragraph("无撤销的签到记录。", st["base"])]
    rows: list[list] = [["序号", "撤销时间", "姓名", "支部", "被撤销的签到", "撤销原因", "操作"]]
    for n, v in enumerate(sorted(data.voids, key=lambda v: v.void.at), start=1):
        m, tgt = v.member, v.target
        undone = (f"{when_zh(tgt.at)}　{operator_label(tgt.desk, tgt.operator)}" if tgt
                  else v.void.target or "")
        # a Paragraph: a stored time that is not one prints as stored, wrapped
        rows.append([str(n), Paragraph(esc(when_zh(v.void.at)), st["cell"]),
                     Paragraph(esc(m.name) if m else "?", st["cell"]),
                     m.branch if m else "", Paragraph(esc(undone), st["cell"]),
                     Paragraph(esc(void_reason_label(v.void.reason)), st["cell"]),
                     Paragraph(esc(operator_label(v.void.desk, v.void.operator)), st["cell"])])
    fixed = [11 * mm, 24 * mm, 24 * mm, 22 * mm, 32 * mm, 0, 28 * mm]
    fixed[5] = width - sum(fixed)
    return [table(rows, fixed, font_size=8.5)]


def _exception_table(data: ReportData, width: float) -> list:
    """Cards presented by someone else (不是本人): who, when, where, and whether the member came."""
    st = styles()
    lines = data.presented_by_others
    if not lines:
        return []
    rows: list[list] = [["序号", "姓名", "支部", "他人持证签到", "撤销", "本人到会情况"]]
    for n, v in enumerate(lines, start=1):
        m, tgt = v.member, v.target
        tried = f"{when_zh(tgt.at)}　{operator_label(tgt.desk, tgt.operator)}" if tgt else ""
        came = data.arrivals.get(v.void.member_id)
        rows.append([str(n), Paragraph(esc(m.name) if m else "?", st["cell"]),
                     Paragraph(esc(m.branch) if m else "", st["cell"]),
                     Paragraph(esc(tried), st["cell"]),
                     Paragraph(esc(f"{when_zh(v.void.at)}　{operator_label(v.void.desk, v.void.operator)}"),
                               st["cell"]),
                     Paragraph(esc(f"本人已到（{when_zh(came.at)}）") if came else "本人未到",
                               st["cell"])])
    fixed = [11 * mm, 22 * mm, 20 * mm, 0, 46 * mm, 34 * mm]
    fixed[3] = width - sum(fixed)
    return [CondPageBreak(35 * mm), Paragraph("异常情况：他人持证签到（不是本人）", st["h2"]),
            Paragraph(f"共 {len(lines)} 次。签到台核对照片或本人后撤销了这些签到，"
                      "被冒用者未因此计入实到。", st["base"]),
            table(rows, fixed, font_size=8.5)]


KIND_ZH = {EventKind.ARRIVE: "签到", EventKind.LEAVE: "退场", EventKind.VOID: "撤销"}


def _odd_time_table(data: ReportData, width: float) -> list:
    """Events whose stored time is unreadable or on another day: printed as stored, flagged."""
    st = styles()
    rows: list[list] = [["序号", "姓名", "支部", "记录", "签到台", "记录的时间", "问题"]]
    for n, o in enumerate(data.odd_times, start=1):
        m, e = o.member, o.event
        rows.append([str(n), Paragraph(esc(m.name) if m else "?", st["cell"]),
                     Paragraph(esc(shorten(m.branch, 40)) if m else "", st["cell"]),
                     KIND_ZH.get(e.kind, "?"), Paragraph(esc(shorten(e.desk, 40)), st["cell"]),
                     Paragraph(esc(o.time.shown("%Y-%m-%d %H:%M")), st["cell"]),
                     PROBLEM_ZH[o.time.problem or ""]])
    fixed = [11 * mm, 26 * mm, 0, 12 * mm, 24 * mm, 38 * mm, 24 * mm]
    fixed[2] = width - sum(fixed)
    return [Paragraph("以下记录保存的时间无法识别或不在会议当天。记录不可更改，已按原样计入统计；"
                      "如属误录，请以撤销处理。", st["small"]),
            table(rows, fixed, font_size=8.5)]


def _signatures(data: ReportData, width: float) -> Table:
    font = cjk_font().name
    line = "________________"
    rows = [["计票人", line, "监票人", line + "  " + line]]
    desks = data.desks or ["签到台"]
    pairs = [f"{d}负责人" for d in desks]
    for i in range(0, len(pairs), 2):
        row = [pairs[i], line]
        row += [pairs[i + 1], line] if i + 1 < len(pairs) else ["", ""]
        rows.append(row)
    rows.append(["大会主持人", line, "日期", "______年____月____日"])
    t = Table(rows, colWidths=[28 * mm, width / 2 - 28 * mm, 28 * mm, width / 2 - 28 * mm])
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 10),
        ("TOPPADDING", (0, 0), (-1, -1), 9),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
    ]))
    return t


def _meta_table(pairs: list[tuple[str, str]], width: float) -> Table:
    """The meeting's facts two to a line, label and value, with a rule between lines."""
    st = styles()
    label = st["cell"].clone("meta_label", textColor=GREY)
    rows = []
    for i in range(0, len(pairs), 2):
        row: list = []
        for lab, value in pairs[i:i + 2]:
            row += [Paragraph(lab, label), Paragraph(esc(value), st["cell"])]
        rows.append(row + [""] * (4 - len(row)))
    t = Table(rows, colWidths=[18 * mm, width / 2 - 18 * mm] * 2)
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), cjk_font().name, 9),  # else empty cells select Helvetica
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ]))
    return t


def _manual_signin_change(store: Store, state: str) -> str | None:
    """When the organizer last set sign-in to ``state`` by hand (from the audit), or None."""
    for _seq, at, _actor, action, _mid, detail in reversed(store.audit_log()):
        if action == "settings" and detail.get("signin_state") == state:
            return at
    return None


def build_report(store: Store, output: Output, *, tally: Tally | None = None) -> ReportData:
    """Write the attendance report PDF to a path or binary file; returns what it printed."""
    data = gather(store, tally)
    if data.odd_times:
        log.warning("%d events of %s have a time that cannot be read or is not on the "
                    "meeting's day; the report lists them", len(data.odd_times), store.path)
    m = data.meeting
    st = styles()
    doc = SimpleDocTemplate(
        target(output), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
        topMargin=15 * mm, bottomMargin=18 * mm, title=f"{m.title} {TITLE}",
        author="SignDesk 签到台", subject=TITLE, creator="SignDesk",
    )
    width = doc.width
    opens = when_zh(m.opens_at) or "未设定"
    closes = when_zh(m.closes_at) or "未设定"
    # Opened or closed by hand from the dashboard: say so, with when it happened.
    manual = _manual_signin_change(store, m.signin_state)
    if m.signin_state == "closed":
        closes = f"已手动截止（{when_zh(manual)}）" if manual else "已截止"
    elif m.signin_state == "open":
        opens = f"已手动开启（{when_zh(manual)}）" if manual else "已开启"
    story: list = [
        Paragraph(esc(m.title), st["title"]),
        Paragraph(TITLE, st["subtitle"]),
        Spacer(1, 4 * mm),
        _meta_table([
            ("会议日期", date_zh(m.date) + weekday_zh(m.date)), ("会议地点", m.venue or "—"),
            ("签到开始", opens), ("签到截止", closes),
            ("首位签到", when_zh(data.first_arrival) or "—"),
            ("末位签到", when_zh(data.last_arrival) or "—"),
            ("签到台", "、".join(data.desks) or "—"), ("打印时间", when_zh(printed_at())),
        ], width),
        Spacer(1, 4 * mm),
        _summary_box(data, width),
        *([Paragraph(f"<font color='#b3201a'>注意：{len(data.odd_times)} 条记录的时间无法识别或"
                     "不在会议当天（已计入统计，不在到会曲线中），见“时间存疑的记录”。</font>",
                     st["base"])] if data.odd_times else []),
        Paragraph("各支部到会情况", st["h2"]),
        _branch_table(data, width),
        Spacer(1, 3 * mm),
        KeepTogether([arrivals_chart(data.per_minute, data.figures.total.expected, width,
                                     62 * mm)]),
        CondPageBreak(45 * mm),
        Paragraph("缺席人员（按支部）", st["h2"]),
        *_absentee_tables(data, width),
        CondPageBreak(35 * mm),
        Paragraph("核准不计人员及原因", st["h2"]),
        *_excluded_table(data, width),
        *_vote_suspended_table(data, width),
        *_exception_table(data, width),
        CondPageBreak(35 * mm),
        Paragraph("撤销的签到记录及原因", st["h2"]),
        *_void_table(data, width),
        *([CondPageBreak(35 * mm), Paragraph("时间存疑的记录", st["h2"]),
           *_odd_time_table(data, width)] if data.odd_times else []),
        CondPageBreak(70 * mm),
        Paragraph("签字确认", st["h2"]),
        Paragraph("以上统计由 SignDesk 签到台依据会议文件中的签到记录生成，经核对无误。",
                  st["base"]),
        _signatures(data, width),
    ]
    doc.build(story, canvasmaker=numbered_canvas(f"{m.title}　{TITLE}　{date_zh(m.date)}"))
    return data

