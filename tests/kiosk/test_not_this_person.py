"""不是本人: a desk voids a check-in made by someone else, the card is marked, the hub agrees.

No proxy (DOMAIN.md): the void carries a fixed reason key, the member stays not
arrived, the next use of the member's card at any desk comes out amber, only a
check-in can be voided that way (the desk and the hub both refuse a leave), and
the organizer and the report see it.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from data.store import Store, now_iso
from kiosk.checkin import Desk, Outcome, VoidError, check_in, presence_of, record_leave
from kiosk.desk import DeskService
from kiosk.organizer import OrganizerService
from kiosk.validate import Judge, Rejected, parse_event
from kiosk.vocabulary import NOT_THIS_PERSON, void_reason_label


def _member_at(store: Store, desk: str) -> int:
    return int(store.one(
        "SELECT m.id FROM members m JOIN branches b ON b.id = m.branch_id "
        "JOIN desks d ON d.id = b.desk_id WHERE d.name = ? AND m.status = 'active' "
        "AND m.category = 'full' ORDER BY m.id", (desk,))[0])


def test_not_this_person_voids_and_the_next_use_of_the_card_is_amber(demo_path: Path) -> None:
    desk = DeskService(demo_path, "1号台", operator="李书记")
    try:
        mid = _member_at(desk.store, "1号台")
        code = desk.store.current_cards()[mid]
        first = desk.scan(code)
        assert first.outcome == Outcome.WELCOME and first.colour == "green"
        assert first.presented_by_other is None
        changes = desk.not_this_person(first.event.id)
        (void_event,) = changes.events
        assert void_event.reason == NOT_THIS_PERSON and void_event.target == first.event.id
        assert void_event.operator == "李书记" and void_event.desk == "1号台"
        # The member stays not arrived: nobody else's presence counts for them.
        assert not presence_of(desk.store, mid).attended
        # The same card again (the proxy tries once more, or the member comes): let in,
        # but amber, naming when and where the card was presented by someone else.
        again = desk.scan(code)
        assert again.outcome == Outcome.WELCOME and again.recorded
        assert again.colour == "amber"
        assert again.presented_by_other is not None
        assert again.presented_by_other.id == void_event.id
        assert again.as_dict()["presented_by_other"]["desk"] == "1号台"
        # Voiding it again is refused (already void), with a reason.
        with pytest.raises(VoidError):
            desk.not_this_person(first.event.id)
    finally:
        desk.close()


def test_the_mark_follows_the_member_to_any_desk_and_search(demo_store: Store) -> None:
    mid = _member_at(demo_store, "2号台")
    arrival = check_in(demo_store, demo_store.current_cards()[mid], Desk("2号台", "t")).event
    from kiosk.checkin import void

    void(demo_store, arrival.id, NOT_THIS_PERSON, Desk("2号台", "t"))
    # Chosen by name at the same desk: still amber.
    by_name = check_in(demo_store, mid, Desk("2号台", "t"))
    assert by_name.colour == "amber" and by_name.presented_by_other is not None


def test_a_plain_undo_does_not_mark_the_card(demo_store: Store) -> None:
    from kiosk.checkin import void

    mid = _member_at(demo_store, "3号台")
    code = demo_store.current_cards()[mid]
    arrival = check_in(demo_store, code, Desk("3号台", "t")).event
    void(demo_store, arrival.id, "Scanned by mistake", Desk("3号台", "t"))
    assert check_in(demo_store, code, Desk("3号台", "t")).colour == "green"


def test_only_a_check_in_can_be_not_this_person(demo_path: Path) -> None:
    desk = DeskService(demo_path, "1号台")
    try:
        mid = _member_at(desk.store, "1号台")
        desk.scan(desk.store.current_cards()[mid])
        left = record_leave(desk.store, mid, desk.desk)
        with pytest.raises(VoidError) as err:
            desk.not_this_person(left.event.id)
        assert "不是本人" in err.value.zh
        with pytest.raises(VoidError):
            desk.not_this_person("no-such-event")
    finally:
        desk.close()


def _row(member: int, *, kind: str, target: str | None = None, reason: str = "",
         method: str = "manual") -> list:
    return [uuid.uuid4().hex, kind, member, "1号台", "tester", method, now_iso(), target,
            reason, None]


def test_the_hub_refuses_not_this_person_on_a_leave_and_admits_it_on_a_check_in(
        demo_store: Store) -> None:
    mid = _member_at(demo_store, "1号台")
    arrival = check_in(demo_store, demo_store.current_cards()[mid], Desk("1号台", "t")).event
    leave = record_leave(demo_store, mid, Desk("1号台", "t")).event
    with pytest.raises(Rejected) as err, demo_store.transact():
        Judge(demo_store).admit(parse_event(
            _row(mid, kind="void", target=leave.id, reason=NOT_THIS_PERSON)), "1号台")
    assert err.value.code == "target"
    with demo_store.transact():
        Judge(demo_store).admit(parse_event(
            _row(mid, kind="void", target=arrival.id, reason=NOT_THIS_PERSON)), "1号台")


def test_the_organizer_sees_it(demo_path: Path) -> None:
    desk = DeskService(demo_path, "1号台", operator="李书记")
    mid = _member_at(desk.store, "1号台")
    first = desk.scan(desk.store.current_cards()[mid])
    desk.not_this_person(first.event.id)
    desk.close()
    with OrganizerService(demo_path, actor="组织者") as org:
        (found,) = org.presented_by_others()
        void_event, member = found
        assert member is not None and member.id == mid
        assert void_event.target == first.event.id and void_event.desk == "1号台"
    assert void_reason_label(NOT_THIS_PERSON) == "不是本人：他人持证签到"
    assert void_reason_label(NOT_THIS_PERSON, zh=False).startswith("Not this person")
    assert void_reason_label("typed by hand") == "typed by hand"


def test_a_wrong_desk_is_told_too(demo_store: Store) -> None:
    from kiosk.checkin import void

    mid = _member_at(demo_store, "1号台")
    code = demo_store.current_cards()[mid]
    arrival = check_in(demo_store, code, Desk("1号台", "t")).event
    void(demo_store, arrival.id, NOT_THIS_PERSON, Desk("1号台", "t"))
    sent_on = check_in(demo_store, code, Desk("2号台", "t"))  # wrong desk, not admitted
    assert sent_on.outcome == Outcome.WRONG_DESK and not sent_on.recorded
    assert sent_on.colour == "blue" and sent_on.presented_by_other is not None
