"""Certificates of attendance (参会证明): one page per present member, A5 or A4.

Each names the meeting, the member, their branch, when and where they signed in,
and carries a verification code (also as a QR) that ``kiosk.certify.verify``
confirms against the meeting file. Drawn straight on the canvas, which keeps a
batch of thousands fast.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from data.errors import UserError
from data.records import EventRecord, MeetingRecord, MemberRecord
from data.store import Store
from kiosk.certify import certificate_code
from kiosk.model import Category, is_expected
from kiosk.times import read_time
from kiosk.turnout import Tally, tally_of
from kiosk.vocabulary import category_label
from reports.fonts import cjk_font
from reports.layout import (
    GREY,
    INK,
    RED,
    RULE,
    Output,
    date_zh,
    draw_wrapped,
    target,
    weekday_zh,
)
from reports.qr import draw_qr

log = logging.getLogger(__name__)

SIZES = {"A4": A4, "A5": A5}


class CertificateError(UserError, ValueError):
    """A certificate was asked for someone who cannot have one; says why."""


@dataclass(frozen=True, slots=True)
class Certificate:
    """What one certificate page states."""

    member: MemberRecord
    arrival: EventRecord
    code: str


def certificates_for(store: Store, member_ids: Iterable[int] | None = None,
                     tally: Tally | None = None) -> list[Certificate]:
    """Certificates for the given members, or for every present member (实到).

    Raises ``CertificateError`` naming a requested member who did not attend.
    """
    tally = tally or tally_of(store)
    meeting = store.meeting()
    if member_ids is None:
        chosen = [m for m in store.members()
                  if is_expected(m.category, m.status) and tally.presence(m.id).attended]
    else:
        chosen = []
        for mid in member_ids:
            m = store.member(mid)
            if m is None:
                raise CertificateError(f"no member with id {mid}")
            if not tally.presence(m.id).attended:
                raise CertificateError(f"{m.name}（{m.branch}）未签到，不能出具参会证明")
            chosen.append(m)
    out = []
    for m in chosen:
        arrival = tally.presence(m.id).arrival
        assert arrival is not None  # attended implies a counted arrival
        out.append(Certificate(m, arrival, certificate_code(meeting.uid, meeting.code_prefix,
                                                            arrival)))
    return out


def _time_zh(at: str, day: str) -> str:
    """'2026-11-28T08:42:10+08:00' -> '2026年11月28日 08:42'.

    A stored time that cannot be read or is not on the meeting's day (events
    are immutable, so it stays) is not printed on a certificate: the
    meeting's date is, without a clock time.
    """
    t = read_time(at, day)
    if not t.ok or t.moment is None:
        return date_zh(day)
    return f"{date_zh(t.moment.date().isoformat())} {t.moment.strftime('%H:%M')}"


STATIC = "certificate_static"
LABEL_W = 22 * mm  # the label column of the details block, at A5


def _row(c: Canvas, label: str, value: str, x: float, y: float, width: float, k: float) -> float:
    """One 'label  value' line of the details block with a rule under it; returns the
    y of the next line (values wrap under themselves)."""
    font = cjk_font().name
    c.setFillColor(GREY)
    c.setFont(font, 9.5 * k)
    c.drawString(x, y - 9.5 * k, label)
    c.setFillColor(INK)
    end = draw_wrapped(c, [(esc_plain(value), False)], x + LABEL_W * k, y, width - LABEL_W * k,
                       10.5 * k, 14 * k)
    c.setStrokeColor(RULE)
    c.setLineWidth(0.4 * k)
    c.line(x, end - 4 * k, x + width, end - 4 * k)
    return end - 11 * k


def _static(c: Canvas, meeting: MeetingRecord, issuer: str, size: str, english: bool) -> float:
    """What every certificate of the meeting shares, drawn once as a form XObject
    that each page references: thousands of pages stay small and fast. Returns
    the y where the member's own lines of the details block start."""
    font = cjk_font().name
    w, h = SIZES[size]
    k = w / A5[0]
    margin = 20 * mm * k
    c.beginForm(STATIC)
    # frame: a heavy and a fine rule, the way printed certificates look
    c.setStrokeColor(RED)
    c.setLineWidth(2.2 * k)
    c.rect(7 * mm * k, 7 * mm * k, w - 14 * mm * k, h - 14 * mm * k)
    c.setLineWidth(0.6 * k)
    c.rect(9.5 * mm * k, 9.5 * mm * k, w - 19 * mm * k, h - 19 * mm * k)
    c.setFillColor(RED)
    c.setFont(font, 28 * k)
    c.drawCentredString(w / 2, h - 36 * mm * k, "参 会 证 明")
    if english:
        c.setFillColor(INK)
        c.setFont(font, 9 * k)
        c.drawCentredString(w / 2, h - 44 * mm * k, "CERTIFICATE OF ATTENDANCE")
    # the details block: the meeting's lines here, the member's on each page
    y = h - 104 * mm * k
    y = _row(c, "会议名称", meeting.title, margin, y, w - 2 * margin, k)
    y = _row(c, "会议日期", f"{date_zh(meeting.date)}{weekday_zh(meeting.date)}", margin, y,
             w - 2 * margin, k)
    if meeting.venue:
        y = _row(c, "会议地点", meeting.venue, margin, y, w - 2 * margin, k)
    # issuing line, right-aligned above the seal area
    c.setFillColor(INK)
    c.setFont(font, 12 * k)
    right = w - margin
    c.drawRightString(right, 56 * mm * k, esc_plain(issuer))
    c.drawRightString(right, 48 * mm * k, date_zh(meeting.date))
    c.setFillColor(GREY)
    c.setFont(font, 9 * k)
    c.drawRightString(right, 40 * mm * k, "（盖章）")
    c.setFont(font, 6.5 * k)
    c.drawString(margin, 16 * mm * k, "扫描二维码或输入核验码，可核验本证明真伪")
    c.endForm()
    return y


def _page(c: Canvas, meeting: MeetingRecord, cert: Certificate, size: str, rows_y: float) -> None:
    font = cjk_font().name
    w, h = SIZES[size]
    k = w / A5[0]  # everything scales with the page
    m, ev = cert.member, cert.arrival
    c.doForm(STATIC)
    category = category_label(m.category)
    role = "列席" if m.category == Category.OBSERVER else "出席"
    runs = [
        ("兹证明 ", False), (f" {m.name} ", True),
        (f" 同志（{category}）{role}了{date_zh(meeting.date)}召开的{meeting.title}。", False),
    ]
    margin = 20 * mm * k
    pt, leading = 13 * k, 24 * k
    c.setFillColor(INK)
    y = draw_wrapped(c, [(esc_plain(t), u) for t, u in runs], margin, h - 56 * mm * k,
                     w - 2 * margin, pt, leading, indent=2 * pt)
    draw_wrapped(c, [("特此证明。", False)], margin, y - leading * 0.6, w - 2 * margin, pt, leading,
                 indent=2 * pt)
    y = _row(c, "所在支部", m.branch, margin, rows_y, w - 2 * margin, k)
    _row(c, "签到时间", f"{_time_zh(ev.at, meeting.date)}（{ev.desk}）", margin, y, w - 2 * margin, k)

    # verification: QR (quiet zone included) and the code in writing under it
    qr = 30 * mm * k
    draw_qr(c, cert.code, margin - 4 * mm * k, 22 * mm * k, qr)
    c.setFillColor(INK)
    c.setFont(font, 7.5 * k)
    c.drawString(margin, 20 * mm * k, f"核验码 {cert.code}")


def esc_plain(text: str) -> str:
    """Text for drawString (no markup to escape; strips control characters)."""
    return "".join(ch for ch in text if ch.isprintable())


def issuer_of(store: Store) -> str:
    """Who signs the certificates: the meta value ``certificate_issuer`` or "<title> 会务组"."""
    return store.get_meta("certificate_issuer") or f"{store.meeting().title}会务组"


def build_certificates(store: Store, output: Output, *, member_ids: Iterable[int] | None = None,
                       size: str = "A5", issuer: str | None = None,
                       tally: Tally | None = None, english: bool = False) -> list[Certificate]:
    """Write one certificate page per member to a PDF; returns the certificates made.

    ``issuer`` defaults to the meta value ``certificate_issuer`` or "<title>会务组";
    ``english`` adds the English title line (for an organizer whose window speaks English).
    """
    if size not in SIZES:
        raise CertificateError(f"certificates are A4 or A5, not {size}")
    meeting = store.meeting()
    certs = certificates_for(store, member_ids, tally)
    issuer = issuer or issuer_of(store)
    c = Canvas(target(output), pagesize=SIZES[size], initialFontName=cjk_font().name,
               pageCompression=1)
    c.setTitle(f"{meeting.title} 参会证明")
    c.setAuthor("SignDesk 签到台")
    c.setCreator("SignDesk")
    rows_y = _static(c, meeting, issuer, size, english) if certs else 0.0
    for cert in certs:
        _page(c, meeting, cert, size, rows_y)
        c.showPage()
    if not certs:
        c.setFont(cjk_font().name, 14)
        c.drawString(20 * mm, SIZES[size][1] / 2, "尚无已签到的党员，没有可出具的参会证明。")
        c.showPage()
    c.save()
    return certs
