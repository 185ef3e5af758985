"""Which characters of a printed output no installed font can draw, and whose they are.

Checked before anything is printed, so the command line and the print dialog can
name the member and the character (U+XXXX): the organizer installs a font or
writes the name by hand on the paper, where a hollow box (□) marks the place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from data.records import MemberRecord
from data.store import Store
from kiosk.turnout import Tally
from kiosk.vocabulary import void_reason_label
from reports.fonts import FALLBACK_HINT, chain, codepoint

if TYPE_CHECKING:
    from reports.attendance import ReportData
    from reports.cards import Card
    from reports.certificates import Certificate

# The CJK ideograph blocks (Unicode 15.1), for coverage figures and tests.
BLOCKS: dict[str, tuple[int, int]] = {
    "URO": (0x4E00, 0x9FFF),
    "Ext A": (0x3400, 0x4DBF),
    "Ext B": (0x20000, 0x2A6DF),
    "Ext C": (0x2A700, 0x2B73F),
    "Ext D": (0x2B740, 0x2B81F),
    "Ext E": (0x2B820, 0x2CEAF),
    "Ext F": (0x2CEB0, 0x2EBEF),
    "Ext G": (0x30000, 0x3134F),
    "Ext H": (0x31350, 0x323AF),
}

@dataclass(frozen=True, slots=True)
class Gap:
    """One character that prints as □: in which text, of whom, in which field."""

    char: str
    text: str
    field: str                 # 姓名, 支部, 会议名称, …
    member: MemberRecord | None = None

    @property
    def code(self) -> str:
        """'U+20BB7'."""
        return codepoint(self.char)

    def __str__(self) -> str:
        who = f"{self.member.name}（{self.member.branch}" + (
            f"，编号 {self.member.number}）" if self.member.number else "）") \
            if self.member else ""
        return f"{who}{self.field}“{self.text}”中的 {self.char}（{self.code}）没有字体可以打印，印作 □"


def find(texts: Iterable[tuple[str, str, MemberRecord | None]]) -> list[Gap]:
    """Gaps in (field, text, member) triples, one per character and text."""
    font = chain()
    out: list[Gap] = []
    seen: set[tuple[str, str, int | None]] = set()
    for field, text, member in texts:
        if not text or font.covers(text):
            continue
        for ch in font.missing(text):
            key = (ch, text, member.id if member else None)
            if key not in seen:
                seen.add(key)
                out.append(Gap(ch, text, field, member))
    return out


def _member_texts(members: Iterable[MemberRecord], *, reasons: bool = True):
    for m in members:
        yield "姓名", m.name, m
        yield "编号", m.number or "", m
        if reasons:
            yield "原因", m.status_reason, m


def _meeting_texts(store: Store):
    meeting = store.meeting()
    yield "会议名称", meeting.title, None
    yield "会议地点", meeting.venue, None
    for b in store.branches():
        yield "支部", b.name, None
        yield "签到台", b.desk_name or "", None


def in_cards(store: Store, cards: Iterable[Card]) -> list[Gap]:
    """Gaps of invitation cards already chosen (``cards_for``)."""
    return find([*_meeting_texts(store),
                 *_member_texts((c.member for c in cards), reasons=False)])


def in_certificates(store: Store, certs: Iterable[Certificate],
                    issuer: str | None = None) -> list[Gap]:
    """Gaps of certificates already chosen (``certificates_for``)."""
    from reports.certificates import issuer_of

    certs = list(certs)
    return find([*_meeting_texts(store),
                 *_member_texts((c.member for c in certs), reasons=False),
                 *[("签到台", c.arrival.desk, c.member) for c in certs],
                 ("落款", issuer or issuer_of(store), None)])


def in_report(store: Store, data: ReportData) -> list[Gap]:
    """Gaps of the attendance report, from what it prints (``gather``)."""
    people = [m for ms in data.absentees.values() for m in ms] + list(data.excluded)
    people += [v.member for v in data.voids if v.member]
    return find([*_meeting_texts(store), *_member_texts(people),
                 *[("撤销原因", void_reason_label(v.void.reason), v.member) for v in data.voids],
                 *[("操作人", v.void.operator, v.member) for v in data.voids]])


def in_sheets(store: Store) -> list[Gap]:
    """Gaps of the paper sign-in sheets (every member on the roster)."""
    return find([*_meeting_texts(store), *_member_texts(store.members())])


def for_output(store: Store, kind: str, *, member_ids: Iterable[int] | None = None,
               branches: Iterable[str] | None = None, issuer: str | None = None,
               tally: Tally | None = None) -> list[Gap]:
    """The gaps of one printed output of a meeting, with the same options as its builder
    (pass the ``tally`` the builder will use, to count the meeting once)."""
    if kind == "cards":
        from reports.cards import cards_for

        return in_cards(store, cards_for(store, branches))
    if kind == "certificates":
        from reports.certificates import certificates_for

        return in_certificates(store, certificates_for(store, member_ids, tally), issuer)
    if kind == "report":
        from reports.attendance import gather

        return in_report(store, gather(store, tally))
    if kind == "sheets":
        return in_sheets(store)
    raise ValueError(f"no printed output called {kind!r}")


def warning(gaps: list[Gap]) -> str:
    """The warning printed before anything is printed: each member and character."""
    lines = [f"注意：{len(gaps)} 处字符没有字体可以打印（打印件上印作 □，请手写补正）："]
    lines += [f"  {g}" for g in gaps]
    lines.append("  " + FALLBACK_HINT)
    return "\n".join(lines)
