"""Editing the roster one member at a time: status, category, add, remove, reissue card.

Every change is checked, audited, and bumps the roster version so that open
screens and desks know to reload the roster.
"""

from __future__ import annotations

import logging
from typing import Any

from data.store import Store, now_iso
from kiosk.changes import Changes
from kiosk.codes import new_code
from kiosk.messages import DomainError
from kiosk.model import Category, ExclusionCase, Status, exclusion_case_of
from kiosk.pinyin import name_keys
from kiosk.roster import MAX_NAME, parse_birth_date

log = logging.getLogger(__name__)


class MemberError(DomainError):
    """A roster edit was refused; the message (and ``zh``) says why."""


def set_status(
    store: Store, member_id: int, status: str, reason: str, actor: str, *,
    case: str | None = None, approved_by: str = "", approved_on: str = "",
) -> Changes:
    """Set active / on leave / excluded, by hand.

    An exclusion (核准不计) is one of the cases the rules list (``case``, else the
    case its reason names), or 其他 with the reason in words; ``approved_by`` (the
    higher party organization) and ``approved_on`` record its approval.
    """
    if status not in tuple(Status):
        raise MemberError(f"unknown status {status!r}", f"无法识别的状态“{status}”")
    reason = reason.strip()
    fields: dict[str, Any] = {"status": status, "status_reason": reason, "state_source": "",
                              "exclusion_case": "", "approved_by": "", "approved_on": ""}
    if status == Status.EXCLUDED:
        if case is not None and case not in tuple(ExclusionCase):
            raise MemberError(f"unknown exclusion case {case!r}", f"无法识别的不计原因“{case}”")
        case = case or exclusion_case_of(reason) or (ExclusionCase.OTHER if reason else None)
        if case is None:
            raise MemberError("an exclusion (核准不计) needs a reason", "核准不计须填写原因")
        if case == ExclusionCase.OTHER and reason in ("", "其他", "其它"):
            raise MemberError("an exclusion for another reason (其他) needs the reason in words",
                              "核准不计选“其他”时须写明原因")
        on = approved_on.strip()
        if on and (parse_birth_date(on) is None or len(parse_birth_date(on) or "") != 10):
            raise MemberError(f"bad approval date {on!r} (e.g. 2026-11-20)",
                              f"批准日期“{on}”有误（例如 2026-11-20）")
        fields.update(exclusion_case=str(case), approved_by=approved_by.strip(),
                      approved_on=parse_birth_date(on) if on else "")
    return _update(store, member_id, fields, actor)


def set_flags(
    store: Store, member_id: int, actor: str, *, vote_suspended: bool | None = None,
    lost_contact: bool | None = None, mobile: bool | None = None,
) -> Changes:
    """Set 中止表决权 (expected, no vote) and the 失联 / 流动 flags (expected, flagged)."""
    fields = {k: bool(v) for k, v in (("vote_suspended", vote_suspended),
                                      ("lost_contact", lost_contact), ("mobile", mobile))
              if v is not None}
    return _update(store, member_id, fields, actor) if fields else Changes()


def set_category(store: Store, member_id: int, category: str, actor: str) -> Changes:
    """Full, probationary, suspended or observer."""
    if category not in tuple(Category):
        raise MemberError(f"unknown category {category!r}", f"无法识别的类别“{category}”")
    return _update(store, member_id, {"category": category}, actor)


def edit_member(store: Store, member_id: int, fields: dict[str, Any], actor: str) -> Changes:
    """Change name, number, phone, gender, birth date, education, notes or branch (by name)."""
    fields = dict(fields)
    if "branch" in fields:
        fields["branch_id"] = store.branch_id(str(fields.pop("branch")), create=True)
    if "name" in fields:
        name = str(fields["name"]).strip()
        if not name or len(name) > MAX_NAME:
            raise MemberError(f"a name has 1 to {MAX_NAME} characters",
                              f"姓名应为 1 到 {MAX_NAME} 个字")
        fields["name"] = name
        fields["pinyin"], fields["initials"] = name_keys(name)
    if fields.get("birth_date"):
        parsed = parse_birth_date(str(fields["birth_date"]))
        if parsed is None:
            raise MemberError(f"bad date {fields['birth_date']!r}",
                              f"日期“{fields['birth_date']}”有误（例如 1965-03-12）")
        fields["birth_date"] = parsed
    if "number" in fields:
        number = str(fields["number"] or "").strip() or None
        other = store.member_by_number(number) if number else None
        if other is not None and other.id != member_id:
            raise MemberError(f"number {number} already belongs to {other.name}",
                              f"党员编号 {number} 已属于 {other.name}")
        fields["number"] = number
    return _update(store, member_id, fields, actor)


def _update(store: Store, member_id: int, fields: dict[str, Any], actor: str) -> Changes:
    with store.transact():
        old = store.member(member_id)
        if old is None:
            raise MemberError(f"no member {member_id}", f"找不到该人员（#{member_id}）")
        diff = {k: v for k, v in fields.items() if getattr(old, k) != v}
        if not diff:
            return Changes()
        store.update_member(member_id, diff)
        store.audit("member_changed", actor=actor, member_id=member_id,
                    detail={k: v for k, v in diff.items() if k not in ("pinyin", "initials")}
                    | {"before": {k: getattr(old, k) for k in diff
                                  if k not in ("pinyin", "initials")}})
        store.bump_roster_version()
    log.info("member %d changed by %s: %s", member_id, actor,
             ", ".join(sorted(k for k in diff if k not in ("pinyin", "initials"))))
    return Changes(members=frozenset({member_id}), roster=True)


def add_member(
    store: Store, *, name: str, branch: str, actor: str, number: str | None = None,
    gender: str = "", birth_date: str = "", phone: str = "", category: str = Category.FULL,
    status: str = Status.ACTIVE, reason: str = "", education: str = "", notes: str = "",
) -> tuple[int, Changes]:
    """Add one member to the roster and issue their card."""
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise MemberError(f"a name has 1 to {MAX_NAME} characters",
                          f"姓名应为 1 到 {MAX_NAME} 个字")
    if not branch.strip():
        raise MemberError("a member belongs to a branch", "请填写所在支部")
    if category not in tuple(Category) or status not in tuple(Status):
        raise MemberError("unknown category or status", "无法识别的类别或状态")
    if status == Status.EXCLUDED and not reason.strip():
        raise MemberError("an exclusion (核准不计) needs a reason", "核准不计须填写原因")
    birth = parse_birth_date(birth_date) if birth_date else ""
    if birth is None:
        raise MemberError(f"bad date {birth_date!r}", f"日期“{birth_date}”有误（例如 1965-03-12）")
    number = (number or "").strip() or None
    if number and store.member_by_number(number):
        raise MemberError(f"number {number} is already in the roster",
                          f"党员编号 {number} 已在名册中")
    pinyin, initials = name_keys(name)
    with store.transact():
        mid = store.insert_member({
            "number": number, "name": name, "branch_id": store.branch_id(branch.strip(), create=True),
            "gender": gender, "birth_date": birth, "education": education, "phone": phone,
            "category": category, "status": status, "status_reason": reason.strip(),
            "notes": notes, "pinyin": pinyin, "initials": initials,
            "exclusion_case": str(exclusion_case_of(reason) or ExclusionCase.OTHER)
            if status == Status.EXCLUDED else "",
        })
        store.insert_card(new_code(store.meeting().code_prefix), mid, now_iso())
        store.audit("member_added", actor=actor, member_id=mid,
                    detail={"name": name, "branch": branch, "number": number})
        store.bump_roster_version()
    log.info("member %d added by %s", mid, actor)
    return mid, Changes(members=frozenset({mid}), roster=True)


def remove_member(store: Store, member_id: int, reason: str, actor: str) -> Changes:
    """Take a member off the roster (kept in the file with their check-ins; their card is
    revoked and their photo deleted)."""
    if not reason.strip():
        raise MemberError("removing a member needs a reason", "移出名册须填写原因")
    with store.transact():
        m = store.member(member_id)
        if m is None or m.removed_at is not None:
            raise MemberError(f"no member {member_id} on the roster",
                              f"该人员不在名册中（#{member_id}）")
        at = now_iso()
        store.update_member(member_id, {"removed_at": at})
        store.revoke_cards(member_id, at)
        store.audit("member_removed", actor=actor, member_id=member_id,
                    detail={"name": m.name, "reason": reason.strip()})
        # Least data: no desk will show it again, so the file keeps no face of them.
        store.remove_photo(member_id, actor=actor)
        store.bump_roster_version()
    log.info("member %d removed from the roster by %s", member_id, actor)
    return Changes(members=frozenset({member_id}), roster=True)


def reissue_card(store: Store, member_id: int, actor: str) -> tuple[str, Changes]:
    """Give a member a new card code; the old one is revoked at once."""
    with store.transact():
        m = store.member(member_id)
        if m is None or m.removed_at is not None:
            raise MemberError(f"no member {member_id} on the roster",
                              f"该人员不在名册中（#{member_id}）")
        code = new_code(store.meeting().code_prefix)
        store.insert_card(code, member_id, now_iso())
        store.audit("card_reissued", actor=actor, member_id=member_id, detail={"name": m.name})
        store.bump_roster_version()
    log.info("card of member %d reissued by %s", member_id, actor)
    return code, Changes(members=frozenset({member_id}), roster=True)
