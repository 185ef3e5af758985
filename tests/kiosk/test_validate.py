"""The authority's rules for one event (kiosk.validate), on a real demo meeting file."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest

from data.store import Store, now_iso
from kiosk.checkin import Desk, check_in, void
from kiosk.meeting import set_signin, update_settings
from kiosk.validate import Judge, Rejected, cli_time, parse_event


def _row(member: int, *, kind: str = "arrive", desk: str = "1号台", at: str | None = None,
         target: str | None = None, reason: str = "", hub_seq: int | None = None,
         method: str = "scan", eid: str | None = None) -> list:
    return [eid or uuid.uuid4().hex, kind, member, desk, "tester", method,
            now_iso() if at is None else at,
            target, reason, hub_seq]


def _member_of(store: Store, desk: str, status: str = "active") -> int:
    return int(store.one(
        "SELECT m.id FROM members m JOIN branches b ON b.id = m.branch_id "
        "JOIN desks d ON d.id = b.desk_id WHERE d.name = ? AND m.status = ? "
        "AND m.category != 'observer' ORDER BY m.id", (desk, status))[0])


@pytest.mark.parametrize(("row", "code"), [
    (_row(2**70), "range"),
    (_row(-1), "range"),
    (_row(True), "shape"),
    (_row(1, desk="1号台\ud800"), "text"),
    (_row(1, desk="x" * 1_000_000), "size"),
    (_row(1, at="not a time"), "time"),
    (_row(1, at=""), "shape"),
    (_row(1, kind="teleport"), "kind"),
    (_row(1, method="telepathy"), "method"),
    (_row(1, hub_seq=-5), "range"),
    (_row(1, kind="void", target=None, reason="oops"), "target"),
    (_row(1, target="0123456789abcdef"), "target"),
    (_row(1, eid="x"), "shape"),
    (["too", "short"], "shape"),
    ({"id": "a"}, "shape"),
])
def test_malformed_events_are_rejected_with_a_reason(row: object, code: str) -> None:
    with pytest.raises(Rejected) as err:
        parse_event(row)
    assert err.value.code == code
    assert str(err.value) and err.value.zh


def test_a_well_formed_event_passes() -> None:
    fields = parse_event(_row(7))
    assert fields["member_id"] == 7 and fields["kind"] == "arrive"


def _admit(store: Store, row: list, desk: str = "1号台") -> None:
    with store.transact():
        Judge(store).admit(parse_event(row), desk)


def test_identity_comes_from_the_connection(demo_store: Store) -> None:
    m = _member_of(demo_store, "2号台")
    with pytest.raises(Rejected) as err:
        _admit(demo_store, _row(m, desk="2号台"), desk="1号台")
    assert err.value.code == "desk"
    _admit(demo_store, _row(m, desk="2号台"), desk="2号台")


@pytest.mark.parametrize(("at", "code"), [
    ("2099-01-01T09:00:00+08:00", "time"),
    ("1900-01-01T09:00:00+08:00", "time"),
])
def test_impossible_times(demo_store: Store, at: str, code: str) -> None:
    m = _member_of(demo_store, "1号台")
    with pytest.raises(Rejected) as err:
        _admit(demo_store, _row(m, at=at))
    assert err.value.code == code


def test_offline_arrival_is_judged_by_its_time(demo_store: Store) -> None:
    m = _member_of(demo_store, "1号台")
    before = (datetime.now().astimezone() - timedelta(minutes=30)).isoformat(timespec="seconds")
    set_signin(demo_store, "closed", "organizer")
    # Made while sign-in was still open (the desk was offline): admitted.
    _admit(demo_store, _row(m, at=before))
    # Made now, after the organizer closed sign-in: refused.
    with pytest.raises(Rejected) as err:
        _admit(demo_store, _row(m, at=(datetime.now().astimezone() + timedelta(minutes=6))
                                .isoformat(timespec="seconds")))
    assert err.value.code in ("window", "time")
    set_signin(demo_store, "open", "organizer")
    _admit(demo_store, _row(m, at=now_iso()))


def test_window_from_the_timetable(demo_store: Store) -> None:
    m = _member_of(demo_store, "1号台")
    now = datetime.now().astimezone()
    update_settings(demo_store, "organizer",
                    opens_at=(now - timedelta(hours=1)).isoformat(timespec="seconds"),
                    closes_at=(now - timedelta(minutes=30)).isoformat(timespec="seconds"))
    with pytest.raises(Rejected) as err:
        _admit(demo_store, _row(m))
    assert err.value.code == "window"
    _admit(demo_store, _row(m, at=(now - timedelta(minutes=45)).isoformat(timespec="seconds")))


def test_excluded_member_and_wrong_desk(demo_store: Store) -> None:
    excluded = _member_of(demo_store, "1号台", status="excluded")
    with pytest.raises(Rejected) as err:
        _admit(demo_store, _row(excluded))
    assert err.value.code == "excluded"
    other = _member_of(demo_store, "2号台")
    with pytest.raises(Rejected) as err:
        _admit(demo_store, _row(other))
    assert err.value.code == "wrong_desk" and "2号台" in str(err.value)
    _admit(demo_store, _row(other, method="paper"))  # a paper sheet from the member's table


def test_unknown_member(demo_store: Store) -> None:
    with pytest.raises(Rejected) as err:
        _admit(demo_store, _row(99999))
    assert err.value.code == "member"


def test_leave_needs_presence_and_void_needs_own_target(demo_store: Store) -> None:
    m = _member_of(demo_store, "1号台")
    with pytest.raises(Rejected) as err:
        _admit(demo_store, _row(m, kind="leave", method="manual"))
    assert err.value.code == "presence"
    cards = demo_store.current_cards()
    arrival = check_in(demo_store, cards[m], Desk("1号台", "t")).event
    assert arrival is not None
    _admit(demo_store, _row(m, kind="leave", method="manual"))
    # Another desk may not void desk 1's check-in; desk 1 may.
    with pytest.raises(Rejected) as err:
        _admit(demo_store, _row(m, kind="void", target=arrival.id, reason="mistake",
                                method="manual", desk="2号台"), desk="2号台")
    assert err.value.code == "target"
    other = _member_of(demo_store, "1号台", status="leave")
    with pytest.raises(Rejected):  # the target belongs to another member
        _admit(demo_store, _row(other, kind="void", target=arrival.id, reason="x",
                                method="manual"))
    _admit(demo_store, _row(m, kind="void", target=arrival.id, reason="mistake", method="manual"))
    void(demo_store, arrival.id, "mistake", Desk("1号台", "t"))
    with pytest.raises(Rejected) as err:  # already void
        _admit(demo_store, _row(m, kind="void", target=arrival.id, reason="again",
                                method="manual"))
    assert err.value.code == "target"


def test_cli_at_must_fall_on_the_meeting_day(demo_store: Store) -> None:
    meeting = demo_store.meeting()
    # "now" is given: the suite may run before nine o'clock on the meeting's day.
    evening = datetime.fromisoformat(f"{meeting.date}T20:00:00").astimezone()
    cli_time(meeting, f"{meeting.date}T09:00:00", now=evening)
    for bad in ("2099-01-01T09:00:00+08:00", "1900-01-01 09:00", "not a time", ""):
        with pytest.raises(Rejected):
            cli_time(meeting, bad, now=evening)
    early = datetime.fromisoformat(f"{meeting.date}T08:00:00").astimezone()
    with pytest.raises(Rejected, match="future"):
        cli_time(meeting, f"{meeting.date}T09:00:00", now=early)


def test_a_desk_takes_the_organizers_multiline_reason_from_its_hub() -> None:
    """The hub's own entries are the hub's to judge: a desk that refused them would
    never get past them (it would resync for ever)."""
    row = _row(1, kind="void", target="0123456789abcdef", reason="代签\n本人未到会",
               method="manual", desk="会务组")
    with pytest.raises(Rejected):
        parse_event(row)
    assert parse_event(row, from_hub=True)["reason"] == "代签\n本人未到会"
    with pytest.raises(Rejected):  # still valid UTF-8 and the right types
        parse_event(_row(1, desk="会务组\ud800"), from_hub=True)
