"""Invitation cards (参会证) with the member's QR code.

PDF: A4 sheets of ten 90 x 54 mm cards (business-card size), grouped by branch
with each branch starting a new sheet, so a party-group leader takes their pile;
cut marks in the margins line up with every cut. The QR (about 30 mm of
symbol, 1.1 mm modules) reads from arm's length with a handheld scanner.
PNG: one picture per member for sending to a phone. Both carry the meeting's
date, sign-in time and venue in type a member reads without glasses.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from data.errors import UserError
from data.private import open_private, private_dir
from data.records import MeetingRecord, MemberRecord
from data.store import Store
from kiosk.model import Category, Status
from kiosk.safetext import safe_filename
from reports.fonts import cjk_font, pil_length, pil_text
from reports.layout import (
    GREY,
    INK,
    RED,
    RULE,
    Output,
    date_zh,
    draw_wrapped,
    shorten,
    target,
    weekday_zh,
)
from reports.qr import draw_qr, qr_image

log = logging.getLogger(__name__)

CARD_W, CARD_H = 90 * mm, 54 * mm
COLS, ROWS = 2, 5
PER_SHEET = COLS * ROWS
LEFT = (A4[0] - COLS * CARD_W) / 2
BOTTOM = 11 * mm
QR_SIZE = 40 * mm  # quiet zone included


class CardError(UserError, ValueError):
    """Cards were asked for something that does not exist; says what."""


@dataclass(frozen=True, slots=True)
class Card:
    """One invitation card: who, where they sign in, and their code."""

    member: MemberRecord
    desk: str | None
    code: str


def cards_for(store: Store, branches: Iterable[str] | None = None,
              member_ids: Iterable[int] | None = None) -> list[Card]:
    """Cards in branch order for every member who may sign in (not the excluded).

    ``branches`` limits them to some branches by name; an unknown name raises.
    ``member_ids`` limits them to some members (a replacement card for one).
    """
    only = set(member_ids) if member_ids is not None else None
    known = store.branches()
    wanted = list(branches or [])
    missing = [b for b in wanted if b not in {k.name for k in known}]
    if missing:
        raise CardError(f"no branch named {', '.join(missing)}; branches are "
                        + "、".join(k.name for k in known))
    desk_of = {b.id: b.desk_name for b in known}
    codes = store.current_cards()
    out = []
    for m in store.members():
        if wanted and m.branch not in wanted:
            continue
        if only is not None and m.id not in only:
            continue
        if m.status == Status.EXCLUDED and m.category != Category.OBSERVER:
            continue  # excused from this meeting: no card to deliver
        code = codes.get(m.id)
        if code:
            out.append(Card(m, desk_of.get(m.branch_id), code))
    return out


def _fit(text: str, font: str, size: float, width: float, smallest: float) -> float:
    """The largest size up to ``size`` at which text fits the width (not below smallest)."""
    w = stringWidth(text, font, size)
    return size if w <= width else max(smallest, size * width / w)


STATIC = "card_static"


def _card_form(c: Canvas, meeting: MeetingRecord) -> float:
    """Draw what every card shares once, as a form XObject at the card's origin;
    returns the y (from the card's bottom) where the meeting title ends."""
    pad = 4.5 * mm
    text_w = CARD_W - QR_SIZE - pad
    c.beginForm(STATIC)
    # light border for scissors; the cut marks in the margins are for a guillotine
    c.setStrokeColor(RULE)
    c.setLineWidth(0.3)
    c.setDash(1, 2)
    c.rect(0, 0, CARD_W, CARD_H)
    c.setDash()
    c.setFillColor(RED)
    # bounded: a title or name from a hostile file must stay on its card
    end = draw_wrapped(c, [(shorten(meeting.title, 48), False)], pad, CARD_H - pad + 1,
                       text_w - 2, 8.5, 10.5)
    c.setFillColor(GREY)
    c.setFont(cjk_font().name, 6.5)
    c.drawString(pad, 3 * mm, "请凭此卡到签到台扫码签到")
    c.endForm()
    return end


def _card(c: Canvas, meeting: MeetingRecord, card: Card, x: float, y: float,
          title_end: float) -> None:
    font = cjk_font().name
    m = card.member
    pad = 4.5 * mm
    text_w = CARD_W - QR_SIZE - pad
    c.saveState()
    c.translate(x, y)
    c.doForm(STATIC)
    c.restoreState()
    yy = y + title_end
    c.setFillColor(INK)
    size = _fit(m.name, font, 20, text_w - 2, 9)
    if stringWidth(m.name, font, size) <= text_w - 2:
        c.setFont(font, size)
        c.drawString(x + pad, yy - 6 - size, m.name)
        yy -= 6 + size
    else:  # a very long name (up to 50 characters) wraps at the smallest size
        yy = draw_wrapped(c, [(shorten(m.name, 50), False)], x + pad, yy - 4, text_w - 2, size,
                          size * 1.15)
    lines = [shorten(m.branch, 24) + ("（列席）" if m.category == Category.OBSERVER else "")]
    lines.append(f"签到台：{shorten(card.desk or '任一签到台', 16)}")
    lines.append(f"日期：{date_zh(meeting.date)}{weekday_zh(meeting.date)}")
    start = signin_time(meeting)
    if start:
        lines.append(f"签到：{start} 起")
    yy -= 3  # air below the name
    for line in lines:
        yy -= 12.5
        c.setFont(font, _fit(line, font, 10, text_w - 2, 7.5))
        c.drawString(x + pad, yy, line)
    if meeting.venue:
        draw_wrapped(c, [(f"地点：{shorten(meeting.venue, 40)}", False)], x + pad, yy - 3.5, text_w - 2, 8,
                     9.5)
    c.setFillColor(INK)
    qx = x + CARD_W - QR_SIZE - 1.5 * mm
    qy = y + (CARD_H - QR_SIZE) / 2 + 2 * mm
    draw_qr(c, card.code, qx, qy, QR_SIZE)
    c.setFont(font, 6)
    c.drawCentredString(qx + QR_SIZE / 2, y + 3 * mm, card.code)


def signin_time(meeting: MeetingRecord) -> str:
    """'08:30' when sign-in opens on the meeting's day ('11月27日 18:00' on another), or ''."""
    at = meeting.opens_at or ""
    if len(at) < 16:
        return ""
    if at[:10] == meeting.date[:10]:
        return at[11:16]
    return f"{int(at[5:7])}月{int(at[8:10])}日 {at[11:16]}"


def _cut_marks(c: Canvas, rows: int) -> None:
    """Short lines in the margins at every cut, clear of the cards themselves."""
    c.setStrokeColor(INK)
    c.setLineWidth(0.4)
    top = BOTTOM + ROWS * CARD_H
    low = top - rows * CARD_H
    for i in range(COLS + 1):
        x = LEFT + i * CARD_W
        c.line(x, top + 2 * mm, x, top + 7 * mm)
        c.line(x, low - 2 * mm, x, max(low - 7 * mm, 1 * mm))
    for j in range(rows + 1):
        y = top - j * CARD_H
        c.line(LEFT - 2 * mm, y, LEFT - 9 * mm, y)
        c.line(LEFT + COLS * CARD_W + 2 * mm, y, LEFT + COLS * CARD_W + 9 * mm, y)


def build_cards(store: Store, output: Output, *, branches: Iterable[str] | None = None,
                member_ids: Iterable[int] | None = None) -> list[Card]:
    """Write the sheets of cards to a PDF; returns the cards in printed order."""
    meeting = store.meeting()
    cards = cards_for(store, branches, member_ids)
    font = cjk_font().name
    c = Canvas(target(output), pagesize=A4, initialFontName=font, pageCompression=1)
    c.setTitle(f"{meeting.title} 参会证")
    c.setAuthor("SignDesk 签到台")
    c.setCreator("SignDesk")
    groups: dict[str, list[Card]] = {}
    for card in cards:
        groups.setdefault(card.member.branch, []).append(card)
    title_end = _card_form(c, meeting) if cards else 0.0
    for branch, group in groups.items():
        sheets = (len(group) + PER_SHEET - 1) // PER_SHEET
        for s in range(sheets):
            chunk = group[s * PER_SHEET:(s + 1) * PER_SHEET]
            c.setFont(font, 8)
            c.setFillColor(GREY)
            desk = chunk[0].desk or "任一签到台"
            c.drawString(LEFT + 3 * mm, A4[1] - 9 * mm,
                         f"{shorten(branch, 40)}（{shorten(desk, 20)}）参会证　共 {len(group)} 张　第 {s + 1}/{sheets} 页")
            for k, card in enumerate(chunk):
                col, row = k % COLS, k // COLS
                _card(c, meeting, card, LEFT + col * CARD_W, BOTTOM + (ROWS - 1 - row) * CARD_H,
                      title_end)
            _cut_marks(c, (len(chunk) + COLS - 1) // COLS)
            c.showPage()
    if not cards:
        c.setFont(font, 14)
        c.drawString(20 * mm, A4[1] / 2, "没有需要制作参会证的党员。")
        c.showPage()
    c.save()
    return cards


def png_name(card: Card) -> str:
    """A file name that sorts by branch and is safe on Windows too, bounded in bytes.

    Each part is bounded first, so that a long branch name cannot push the
    member's number and name out of the file name.
    """
    m = card.member
    branch = safe_filename(m.branch, limit=48)
    number = safe_filename(str(m.number or m.id), limit=24)
    return safe_filename(f"{branch}_{number}_{m.name}", ".png")


def _fit_px(text: str, size: int, width: int, smallest: int) -> int:
    """The largest pixel size up to ``size`` at which text fits ``width`` pixels."""
    w = pil_length(text, size)
    return size if w <= width else max(smallest, int(size * width / w))


def _wrap_px(text: str, size: int, width: int) -> list[str]:
    """Text broken between characters into lines of at most ``width`` pixels."""
    lines = [""]
    for ch in text:
        if lines[-1] and pil_length(lines[-1] + ch, size) > width:
            lines.append("")
        lines[-1] += ch
    return lines


def card_png(meeting: MeetingRecord, card: Card):  # -> PIL.Image.Image
    """One member's card as a picture for a phone screen (portrait, 720 x 1200).

    Every string is drawn through the font chain, so a rare character in a name
    prints in a fallback font (or as □, never as nothing).
    """
    from PIL import Image, ImageDraw

    width, height = 720, 1200
    ink, grey = (26, 26, 26), (80, 80, 80)
    im = Image.new("RGB", (width, height), "white")
    d = ImageDraw.Draw(im)
    d.rectangle((0, 0, width, 150), fill=(179, 32, 26))
    title = meeting.title
    pil_text(d, (width / 2, 62), "参 会 证", 30, "white")
    pil_text(d, (width / 2, 110), title, _fit_px(title, 40, width - 60, 22), "white")
    m = card.member
    pil_text(d, (width / 2, 225), m.name, _fit_px(m.name, 72, width - 60, 26), ink)
    info = f"{m.branch}　签到台：{card.desk or '任一签到台'}"
    pil_text(d, (width / 2, 305), info, _fit_px(info, 32, width - 60, 20), ink)
    when = f"{date_zh(meeting.date)}{weekday_zh(meeting.date)}"
    start = signin_time(meeting)
    if start:
        when += f"　{start} 起签到"
    pil_text(d, (width / 2, 355), when, _fit_px(when, 30, width - 60, 20), ink)
    y = 400
    if meeting.venue:
        for line in _wrap_px(f"地点：{meeting.venue}", 28, width - 80)[:2]:
            pil_text(d, (width / 2, y), line, 28, grey)
            y += 38
    qr = qr_image(card.code, box=16)
    side = min(600, qr.width, height - y - 150)
    qr = qr.resize((side, side), Image.NEAREST)
    top = y + max(5, (height - 120 - y - side) // 2)  # centred between venue and code
    im.paste(qr, ((width - side) // 2, top))
    pil_text(d, (width / 2, top + side + 22), card.code, 26, ink)
    pil_text(d, (width / 2, height - 40), "请在签到台出示此二维码（调亮屏幕）", 28, grey)
    return im


def write_pngs(store: Store, directory: str | Path, *,
               branches: Iterable[str] | None = None) -> list[Path]:
    """One PNG per member in ``directory`` (created if needed); returns the files."""
    meeting = store.meeting()
    out_dir = private_dir(directory)
    paths = []
    used: set[str] = set()
    for card in cards_for(store, branches):
        name = png_name(card)
        if name.casefold() in used:  # cut names may meet; Windows and macOS ignore case
            name = safe_filename(name[:-4], f"_{card.member.id}.png")
        used.add(name.casefold())
        path = out_dir / name
        with open_private(path, "wb") as f:
            # fast zlib level: the files are a little bigger, written four times faster
            card_png(meeting, card).save(f, format="PNG", compress_level=1)
        paths.append(path)
    return paths
