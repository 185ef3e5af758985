"""What the preview shows before anything is written: who is counted how, and what was read
in a non-obvious way.

The same summary serves the import dialog and ``main.py import --preview``:
members per branch and per category, what is excluded and why, votes
suspended, flags, proposed exclusions, sheets read and skipped, skipped and
hidden rows, and every inferred value.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kiosk.idnumbers import last4, masked
from kiosk.model import Category, Status, is_expected, is_voting
from kiosk.roster.parse import Roster
from kiosk.roster.problems import FINDING_KINDS
from kiosk.vocabulary import category_label, exclusion_text


@dataclass
class BranchLine:
    """One branch in the preview: people read and how they count."""

    name: str
    people: int = 0
    expected: int = 0
    voting: int = 0
    on_leave: int = 0
    excluded: int = 0
    observers: int = 0


@dataclass
class Preview:
    """A roster's figures as they will count once imported."""

    branches: list[BranchLine]
    categories: Counter[str]
    expected: int
    voting_expected: int
    excluded: list[tuple[str, str, str]]  # (name, branch, reason as the report writes it)
    vote_suspended: list[str]
    lost_contact: int
    mobile: int
    proposed: int
    findings: Counter[str] = field(default_factory=Counter)  # kind -> how many


def preview(roster: Roster) -> Preview:
    """Count a parsed roster as the meeting will (same rules as the Tally)."""
    lines: dict[str, BranchLine] = {}
    cats: Counter[str] = Counter()
    excluded: list[tuple[str, str, str]] = []
    suspended: list[str] = []
    expected = voting = lost = mobile = 0
    for r in roster.rows:
        b = lines.setdefault(r.branch, BranchLine(r.branch))
        b.people += 1
        cats[r.category] += 1
        if r.category == Category.OBSERVER:
            b.observers += 1
            continue
        if r.status == Status.EXCLUDED:
            b.excluded += 1
            excluded.append((r.name, r.branch, exclusion_text(r.exclusion_case, r.reason)))
            continue
        if is_expected(r.category, r.status):
            b.expected += 1
            expected += 1
            b.on_leave += r.status == Status.LEAVE
            if is_voting(r.category, r.vote_suspended):
                b.voting += 1
                voting += 1
            if r.vote_suspended:
                suspended.append(r.name)
            lost += r.lost_contact
            mobile += r.mobile
    return Preview(list(lines.values()), cats, expected, voting, excluded, suspended, lost, mobile,
                   roster.proposed, Counter(f.kind for f in roster.findings))


def preview_text(roster: Roster, *, zh: bool = False, limit: int = 200) -> str:
    """The preview as plain lines (the command line's ``import --preview``)."""
    p = preview(roster)
    out = []
    if zh:
        out.append(f"{roster.file}：{len(roster.rows)} 人，{len(p.branches)} 个支部；应到 {p.expected} 人，"
                   f"有选举权应到 {p.voting_expected} 人")
        out.append("类别：" + "，".join(f"{category_label(c)} {n}" for c, n in
                                      sorted(p.categories.items())))
    else:
        out.append(f"{roster.file}: {len(roster.rows)} people in {len(p.branches)} branches; "
                   f"expected {p.expected}, voting expected {p.voting_expected}")
        out.append("categories: " + ", ".join(f"{c} {n}" for c, n in sorted(p.categories.items())))
    ids = [r.id_number for r in roster.rows if r.id_number]
    if ids:
        # Never more than the last four characters of an ID number, here as anywhere.
        seen = "、".join(masked(last4(i)) for i in ids[:3]) + ("…" if len(ids) > 3 else "")
        out.append(f"ID numbers: {len(ids)} of {len(roster.rows)} people, kept as a keyed hash "
                   f"and the last four ({seen})" if not zh else
                   f"身份证号码：{len(roster.rows)} 人中有 {len(ids)} 人，只保存密钥散列和末四位（{seen}）")
    elif "id_number" not in roster.columns:
        out.append("ID numbers: none in this roster (a desk cannot sign members in by ID card)"
                   if not zh else "身份证号码：名单中没有（签到台不能刷身份证签到）")
    for b in p.branches:
        out.append(f"  {b.name}: {b.people} read, {b.expected} expected, {b.voting} voting, "
                   f"{b.on_leave} on leave, {b.excluded} excluded, {b.observers} observers"
                   if not zh else
                   f"  {b.name}：{b.people} 人，应到 {b.expected}，有选举权 {b.voting}，请假 {b.on_leave}，"
                   f"核准不计 {b.excluded}，列席 {b.observers}")
    for name, branch, why in p.excluded:
        out.append(f"  excluded: {name} ({branch}) — {why}" if not zh
                   else f"  核准不计：{name}（{branch}）——{why}")
    for s in roster.sheets:
        out.append(f"  sheet {s.name}: {s.message}" if not zh else f"  工作表 {s.name}：{s.message_zh}")
    order = {k: i for i, k in enumerate(FINDING_KINDS)}
    shown = sorted(roster.findings, key=lambda f: (order.get(f.kind, 99), f.file, f.row or 0))
    for f in shown[:limit]:
        out.append(f"  {f.zh() if zh else str(f)}")
    if len(shown) > limit:
        out.append(f"  … {len(shown) - limit} more" if not zh else f"  ……另有 {len(shown) - limit} 条")
    return "\n".join(out)
