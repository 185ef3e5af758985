"""Writing a validated roster into the meeting file: add, update, keep the rest.

Members are matched by number, then by name, branch and birth date; columns the
file does not have are left as they are; check-ins are never touched; new
members get a card each. The whole import is one transaction.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from data.records import MemberRecord
from data.store import Store, now_iso
from kiosk import idnumbers
from kiosk.changes import Changes
from kiosk.codes import new_code
from kiosk.model import Status, exclusion_case_of
from kiosk.pinyin import name_keys
from kiosk.roster.parse import Roster, RosterRow, parse_roster
from kiosk.roster.problems import Problem, RosterError

log = logging.getLogger(__name__)

# ---- importing ---------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did: added, changed (with fields), and left out of the new file."""

    added: tuple[int, ...]
    changed: tuple[tuple[int, tuple[str, ...]], ...]
    left_out: tuple[int, ...]
    unknown_columns: tuple[str, ...]
    branches_added: tuple[str, ...]
    changes: Changes

    def summary(self) -> str:
        """One line for the command line."""
        s = (f"{len(self.added)} added, {len(self.changed)} changed, "
             f"{len(self.left_out)} not in this roster (kept)")
        if self.branches_added:
            s += f"; new branches: {', '.join(self.branches_added)}"
        if self.unknown_columns:
            s += f"; ignored columns: {', '.join(self.unknown_columns)}"
        return s


def _row_fields(r: RosterRow, branch_id: int, key: str) -> dict[str, Any]:
    pinyin, initials = name_keys(r.name)
    return {
        # The ID number itself is never written: its keyed hash and last four only.
        "id_hash": idnumbers.id_hash(key, r.id_number) if r.id_number else "",
        "id_last4": idnumbers.last4(r.id_number) if r.id_number else "",
        "number": r.number, "name": r.name, "branch_id": branch_id, "gender": r.gender,
        "birth_date": r.birth_date, "education": r.education, "phone": r.phone,
        "category": r.category, "status": r.status, "status_reason": r.reason,
        "notes": r.notes, "pinyin": pinyin, "initials": initials,
        # A row built in code (the demo, tests) may name no case: its reason's words say it.
        "exclusion_case": (r.exclusion_case or str(exclusion_case_of(r.reason) or "other"))
        if r.status == Status.EXCLUDED else "", "approved_by": r.approved_by,
        "approved_on": r.approved_on, "state_source": r.state_source,
        "vote_suspended": r.vote_suspended, "lost_contact": r.lost_contact, "mobile": r.mobile,
    }


# The member columns each roster field fills; a re-import leaves the columns of
# fields its file does not have as they are (a file without phones wipes none).
_STATE = ("status", "status_reason", "exclusion_case", "approved_by", "approved_on",
          "state_source")
_FIELD_COLUMNS = {
    "number": ("number",), "gender": ("gender",), "birth_date": ("birth_date",),
    "education": ("education",), "phone": ("phone",), "category": ("category",),
    "politics": ("category",), "full_date": ("category",),
    "status": (*_STATE, "vote_suspended"), "reason": _STATE, "notes": ("notes",),
    "party_status": ("category", *_STATE, "lost_contact", "vote_suspended"),
    "lost": ("lost_contact",), "mobile_flag": ("mobile",), "vote": ("vote_suspended",),
    "approved_by": ("approved_by",), "approved_on": ("approved_on",),
    "landline": ("phone", "notes"),
    "id_number": ("gender", "birth_date", "id_hash", "id_last4"),
}


def id_key(store: Store) -> str:
    """The meeting's secret for ID hashes, made now if the file has none (inside the caller's
    transaction)."""
    key = store.get_meta(idnumbers.KEY_META)
    if key is None or not idnumbers.is_key(key):
        key = idnumbers.new_key()
        store.set_meta(idnumbers.KEY_META, key)
    return key


def _current(old: MemberRecord, field: str, ids: dict[int, tuple[str, str]]) -> Any:
    # The hash and last four live in the file only, not on the member record.
    if field == "id_hash":
        return ids.get(old.id, ("", ""))[0]
    if field == "id_last4":
        return ids.get(old.id, ("", ""))[1]
    return getattr(old, field)


def _updated_fields(roster: Roster) -> set[str] | None:
    """Member columns a re-import may change; None (all) for a roster built in code."""
    if not roster.columns:
        return None
    only = {"name", "branch_id", "pinyin", "initials"}
    for fld in roster.columns:
        only.update(_FIELD_COLUMNS.get(fld, ()))
    return only


def _match(
    existing: list[MemberRecord], rows: list[RosterRow], *, births: bool = True,
) -> list[MemberRecord | None]:
    """The member each row updates, or None for a new member.

    By number first; then by name, branch and birth date, each member at most
    once (namesakes in one branch stay two people). A row without a number may
    match any member so (a file without the number column duplicates no one);
    a row with one only a member who has none yet (numbers added later).
    Birth dates count only when the file has them (``births``).
    """
    by_number = {m.number: m for m in existing if m.number}
    olds: list[MemberRecord | None] = [by_number.get(r.number) if r.number else None
                                       for r in rows]
    taken = {m.id for m in olds if m is not None}
    by_identity: dict[tuple[str, str, str], list[MemberRecord]] = defaultdict(list)
    for m in existing:
        if m.id not in taken:
            by_identity[(m.name, m.branch, m.birth_date if births else "")].append(m)
    for i, r in enumerate(rows):
        if olds[i] is not None:
            continue
        namesakes = by_identity.get((r.name, r.branch, r.birth_date if births else ""), [])
        pick = next((m for m in namesakes if not (r.number and m.number)), None)
        if pick is not None:
            namesakes.remove(pick)
            olds[i] = pick
    return olds


def import_roster(store: Store, roster: Roster, actor: str, *,
                  progress: Callable[[int, int], None] | None = None,
                  committing: Callable[[], None] | None = None) -> ImportReport:
    """Write a validated roster in one transaction: add, update by number, keep the rest.

    Members are matched as ``_match`` says; columns the file lacks are left as
    they are. Check-ins are never touched; new members get a card each.
    ``progress(rows done, rows)`` is called as rows are written; if it raises
    (the user cancelled), the transaction rolls back and nothing is imported.
    ``committing()`` is called once everything is checked and written, just
    before the COMMIT: from there on the import is done (a child process then
    refuses to be stopped, ui.child.committing).
    """
    prefix = store.meeting().code_prefix
    at = now_iso()
    added: list[int] = []
    changed: list[tuple[int, tuple[str, ...]]] = []
    new_branches: list[str] = []
    with store.transact():
        key = id_key(store)
        existing = store.members(include_removed=True)
        ids = {r[0]: (r[1], r[2]) for r in store.all(
            "SELECT id, id_hash, id_last4 FROM members WHERE id_hash != '' OR id_last4 != ''")}
        only = _updated_fields(roster)
        olds = _match(existing, roster.rows, births=only is None or "birth_date" in only)
        branch_ids = {b.name: b.id for b in store.branches()}
        matched: set[int] = set()
        rows_by_hash: dict[str, list[tuple[RosterRow, int]]] = defaultdict(list)
        for done, (r, old) in enumerate(zip(roster.rows, olds, strict=True)):
            if progress is not None:
                progress(done, len(roster.rows))
            if r.branch not in branch_ids:
                branch_ids[r.branch] = store.branch_id(r.branch, create=True)
                new_branches.append(r.branch)
            fields = _row_fields(r, branch_ids[r.branch], key)
            if old is None:
                mid = store.insert_member(fields)
                if fields["id_hash"]:
                    rows_by_hash[fields["id_hash"]].append((r, mid))
                store.insert_card(new_code(prefix), mid, at)
                added.append(mid)
                store.audit("member_added", actor=actor, member_id=mid,
                            detail={"name": r.name, "branch": r.branch, "number": r.number,
                                    "file": roster.file, "row": r.row})
                continue
            matched.add(old.id)
            if fields["id_hash"]:
                rows_by_hash[fields["id_hash"]].append((r, old.id))
            diff = {k: v for k, v in fields.items()
                    if (only is None or k in only) and _current(old, k, ids) != v}
            if old.removed_at is not None:
                diff["removed_at"] = None
            if diff:
                store.update_member(old.id, diff)
                names = tuple(sorted(k for k in diff if k not in ("pinyin", "initials")))
                changed.append((old.id, names))
                # The audit says the ID number changed, never its hash.
                store.audit("member_changed", actor=actor, member_id=old.id,
                            detail={k: "…" if k == "id_hash" else diff[k] for k in names}
                            | {"file": roster.file, "row": r.row})
        # Raised inside the transaction, so nothing of the import stays.
        _refuse_shared_id_numbers(store, roster, rows_by_hash)
        left_out = tuple(m.id for m in existing if m.id not in matched and m.removed_at is None)
        store.audit("roster_import", actor=actor, detail={
            "file": roster.file, "rows": len(roster.rows), "added": len(added),
            "changed": len(changed), "left_out": len(left_out),
        })
        store.bump_roster_version()
        if committing is not None:
            committing()
    log.info("roster imported by %s from %s: %d rows, %d added, %d changed, %d left out",
             actor, roster.file, len(roster.rows), len(added), len(changed), len(left_out))
    return ImportReport(
        tuple(added), tuple(changed), left_out, tuple(roster.unknown_columns),
        tuple(new_branches), Changes(members=frozenset(added) | {c[0] for c in changed},
                                     roster=True),
    )


def _refuse_shared_id_numbers(store: Store, roster: Roster,
                              rows_by_hash: dict[str, list[tuple[RosterRow, int]]]) -> None:
    """Refuse an import that leaves two members on the roll with one ID number.

    A file's rows were checked against each other when it was read (a roster
    built in code was not); this also finds a row giving the ID number of a
    member not in the file (kept from an earlier import, or added by hand). Two
    members with one ID number would make an ID-card swipe sign in either of
    them, so the meeting file refuses it.
    """
    clashes = store.all(
        "SELECT id_hash, group_concat(id) FROM members WHERE id_hash != '' AND removed_at IS NULL"
        " GROUP BY id_hash HAVING count(*) > 1")
    problems: list[Problem] = []
    column = roster.columns.get("id_number")
    for digest, ids in clashes:
        rows = rows_by_hash.get(digest, [])
        in_file = {mid for _, mid in rows}
        outside = [m for i in str(ids).split(",")
                   if int(i) not in in_file and (m := store.member(int(i))) is not None]
        who = ", ".join(f"{m.name} ({m.branch}, number {m.number or '—'})" for m in outside)
        who_zh = "、".join(f"{m.name}（{m.branch}，编号 {m.number or '无'}）" for m in outside)
        if not rows:  # two members not in this file (a file from before this check)
            problems.append(Problem(roster.file, None, column,
                                    f"members on the roll share one ID number: {who}",
                                    f"名册中以下成员的身份证号相同：{who_zh}"))
            continue
        for n, (row, _) in enumerate(rows):
            if outside:
                en = (f"the same ID number as {who}, who is not in this file: if it is the "
                      "same person, give the same member number; otherwise correct the ID number")
                zh = (f"身份证号与本文件以外的成员{who_zh}相同：若是同一人，请填写相同的党员编号；"
                      "否则请更正身份证号")
            elif n == 0:
                continue  # the first of rows that repeat one number is named by the others
            else:
                en = f"duplicate ID number (also in row {rows[0][0].row})"
                zh = f"身份证号重复（第{rows[0][0].row}行也有）"
            problems.append(Problem(roster.file, row.row, column, en, zh))
    if problems:
        raise RosterError(sorted(problems, key=lambda p: p.row or 0))


def import_file(
    store: Store, path: str | Path, actor: str, mapping: dict[str, str] | None = None, *,
    include_hidden: bool = False, confirm_proposed: bool = False,
) -> ImportReport:
    """Parse, validate and import a roster file (nothing written if it has problems)."""
    return import_roster(store, parse_roster(path, mapping, include_hidden=include_hidden,
                                             confirm_proposed=confirm_proposed), actor)
