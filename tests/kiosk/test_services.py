"""The two doors: the desk's and the organizer's services over a real meeting file."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.errors import UserError
from data.store import Store
from kiosk.checkin import Outcome
from kiosk.desk import DeskService, meeting_desks, member_for_number, replica_desk
from kiosk.members import MemberError
from kiosk.model import Category, Status
from kiosk.organizer import OrganizerService


def _active(store: Store, branch: str = "第一支部"):
    return next(m for m in store.members() if m.branch == branch
                and m.status == Status.ACTIVE and m.category == Category.FULL)


def test_a_desk_signs_in_by_card_and_by_member_number(demo_path: Path, demo_store: Store) -> None:
    first, second = [m for m in demo_store.members() if m.branch == "第一支部"
                     and m.status == Status.ACTIVE and m.category == Category.FULL][:2]
    card = demo_store.current_cards()[first.id]
    desk = DeskService(demo_path, "1号台", "王书记")
    try:
        by_card = desk.scan(card)
        by_number = desk.scan(f"  {second.number} ")  # typed with stray spaces
        again = desk.scan(card)
        assert (by_card.outcome, by_number.outcome, again.outcome) == (
            Outcome.WELCOME, Outcome.WELCOME, Outcome.ALREADY)
        assert by_card.changes.members == {first.id} and not by_card.changes.empty
        assert again.changes.empty  # nothing written, nothing to refresh
        recent = desk.recent()
        assert [r.member.id for r in recent] == [second.id, first.id]
        desk.undo(by_card.event.id, "误扫")
        assert [r.voided for r in desk.recent()] == [False, True]
    finally:
        desk.close()


def test_member_numbers_that_name_nobody_stay_text(demo_store: Store) -> None:
    assert member_for_number(demo_store, "99999999999") is None
    assert member_for_number(demo_store, "王伟") is None  # a name is not a number
    m = _active(demo_store)
    assert member_for_number(demo_store, m.number.lower()) == m


def test_the_roster_is_read_only_when_a_desk_searches(demo_path: Path) -> None:
    desk = DeskService(demo_path, "1号台")
    try:
        assert desk._index is None  # a command-line check-in never builds it
        assert desk.search("wangwei")
        assert desk._index is not None
    finally:
        desk.close()


def test_editing_a_member_is_one_change_or_none(demo_path: Path, demo_store: Store) -> None:
    m = _active(demo_store)
    with OrganizerService(demo_path, "会务组") as org:
        # An exclusion without a reason is refused: the category set in the same
        # edit must not stay behind.
        with pytest.raises(MemberError):
            org.edit_member(m.id, category=Category.PROBATIONARY, status=Status.EXCLUDED,
                            reason="  ")
        assert demo_store.member(m.id).category == Category.FULL
        changes = org.edit_member(m.id, category=Category.PROBATIONARY, status=Status.LEAVE,
                                  reason="住院")
    after = demo_store.member(m.id)
    assert (after.category, after.status, after.status_reason) == (
        Category.PROBATIONARY, Status.LEAVE, "住院")
    assert changes.members == {m.id} and changes.roster
    actions = [(a[2], a[3]) for a in demo_store.audit_log() if a[4] == m.id]
    # the refused edit left no audit line; the accepted one two (category, status)
    assert actions == [("demo", "member_added"), ("会务组", "member_changed"),
                       ("会务组", "member_changed")]


def test_a_new_meeting_with_a_bad_setting_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    with pytest.raises(UserError):
        OrganizerService.create(path, title="T", date="2026-11-28", opens_at="09:00",
                                closes_at="08:00")
    assert not list(tmp_path.iterdir())
    with OrganizerService.create(path, title="T", date="2026-11-28", wrong_desk_admits=1) as org:
        assert org.meeting().wrong_desk_admits


def test_what_the_start_screen_asks_of_a_file(demo_path: Path, tmp_path: Path) -> None:
    title, desks = meeting_desks(demo_path)
    assert title == "北郊居民区党员大会" and desks[:2] == ["1号台", "2号台"]
    assert replica_desk(demo_path) is None  # the organizer's own file, not a desk's copy
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(UserError):
        meeting_desks(junk)


def test_member_rows_refuse_an_unknown_branch(demo_path: Path) -> None:
    with OrganizerService(demo_path) as org, pytest.raises(UserError, match="第一支部"):
        org.member_rows(branch="第十二支部")
