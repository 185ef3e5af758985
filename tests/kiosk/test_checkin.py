"""The check-in decision: every outcome, durability of what it says, and garbage in."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.records import MemberRecord
from data.store import Store
from kiosk.checkin import Desk, Outcome, VoidError, check_in, presence_of, record_leave, void
from kiosk.meeting import create_meeting, set_signin, update_settings
from kiosk.members import reissue_card, set_category, set_status
from kiosk.model import Method
from kiosk.turnout import tally_of


def _member(store: Store, *, category: str = "full", status: str = "active") -> MemberRecord:
    return next(m for m in store.members() if m.category == category and m.status == status)


def _desk_for(store: Store, m: MemberRecord) -> Desk:
    branch = next(b for b in store.branches() if b.id == m.branch_id)
    return Desk(branch.desk_name, "secretary")


def test_welcome_then_already(demo_store: Store) -> None:
    m = _member(demo_store)
    code = demo_store.current_cards()[m.id]
    desk = _desk_for(demo_store, m)
    first = check_in(demo_store, code, desk)
    assert first.outcome == Outcome.WELCOME and first.colour == "green"
    assert first.member.name == m.name and first.recorded
    again = check_in(demo_store, code, Desk("9号台" if desk.name != "9号台" else "8号台"))
    assert again.outcome == Outcome.ALREADY and not again.recorded
    assert again.earlier.id == first.event.id and again.earlier.desk == desk.name
    assert len(demo_store.events_for(m.id)) == 1


def test_scan_text_is_cleaned(demo_store: Store) -> None:
    m = _member(demo_store)
    code = demo_store.current_cards()[m.id]
    # Full-width characters from an input method, lower case, stray spaces.
    fullwidth = "".join(chr(ord(c) + 0xFEE0) if c != "-" else "－" for c in code.lower())
    result = check_in(demo_store, f"  {fullwidth}\r\n", _desk_for(demo_store, m))
    assert result.outcome == Outcome.WELCOME


def test_wrong_desk_redirects_or_admits(demo_store: Store) -> None:
    m = _member(demo_store)
    code = demo_store.current_cards()[m.id]
    right = _desk_for(demo_store, m)
    wrong = Desk("1号台" if right.name != "1号台" else "2号台")
    r = check_in(demo_store, code, wrong)
    assert r.outcome == Outcome.WRONG_DESK and r.serving_desk == right.name and not r.recorded
    assert r.colour == "blue"
    update_settings(demo_store, "t", wrong_desk_admits=1)
    r = check_in(demo_store, code, wrong)
    assert r.outcome == Outcome.WELCOME and r.recorded and r.colour == "blue"
    assert r.serving_desk == right.name


def test_every_desk_serves_every_branch_when_none_assigned(tmp_path: Path) -> None:
    from kiosk.demo import demo_roster
    from kiosk.roster import import_roster

    store = create_meeting(tmp_path / "m.sqlite", title="t", date="2026-11-28")
    import_roster(store, demo_roster(size=30), "t")
    m = _member(store)
    assert check_in(store, store.current_cards()[m.id], Desk("any")).outcome == Outcome.WELCOME


def test_refusals(demo_store: Store) -> None:
    m = _member(demo_store)
    desk = _desk_for(demo_store, m)
    prefix = demo_store.meeting().code_prefix
    other = "ZZZZ" if prefix != "ZZZZ" else "YYYY"
    assert check_in(demo_store, f"{prefix}-" + "2" * 21, desk).outcome == Outcome.UNKNOWN
    assert check_in(demo_store, f"{other}-" + "2" * 21, desk).outcome == Outcome.OTHER_MEETING
    assert check_in(demo_store, "不是二维码", desk).outcome == Outcome.UNREADABLE
    assert check_in(demo_store, "", desk).outcome == Outcome.UNREADABLE
    assert check_in(demo_store, "A" * 10_000, desk).outcome == Outcome.UNREADABLE
    old = demo_store.current_cards()[m.id]
    new, _ = reissue_card(demo_store, m.id, "t")
    r = check_in(demo_store, old, desk)
    assert r.outcome == Outcome.REVOKED and r.colour == "red" and not r.recorded
    assert check_in(demo_store, new, desk).outcome == Outcome.WELCOME
    assert demo_store.last_event_seq() == 1


def test_excluded_and_observer(demo_store: Store) -> None:
    m = _member(demo_store)
    set_status(demo_store, m.id, "excluded", "长期卧床", "t")
    code = demo_store.current_cards()[m.id]
    r = check_in(demo_store, code, _desk_for(demo_store, m))
    assert r.outcome == Outcome.EXCLUDED and not r.recorded
    set_status(demo_store, m.id, "active", "", "t")
    set_category(demo_store, m.id, "observer", "t")
    r = check_in(demo_store, code, _desk_for(demo_store, m))
    assert r.outcome == Outcome.OBSERVER and r.recorded
    figures = tally_of(demo_store).figures()
    assert figures.present == 0 and figures.total.observers_present == 1


def test_sign_in_window(demo_store: Store) -> None:
    m = _member(demo_store)
    code = demo_store.current_cards()[m.id]
    desk = _desk_for(demo_store, m)
    future = (datetime.now() + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    update_settings(demo_store, "t", opens_at=future)
    assert check_in(demo_store, code, desk).outcome == Outcome.NOT_OPEN
    set_signin(demo_store, "open", "t")   # the organizer opens early
    update_settings(demo_store, "t", opens_at=None)
    set_signin(demo_store, "closed", "t")
    assert check_in(demo_store, code, desk).outcome == Outcome.CLOSED
    # A paper sheet entered after closing still counts, at the time written on it.
    r = check_in(demo_store, m.id, desk, method=Method.PAPER, at="2026-11-28T08:55:00+08:00")
    assert r.outcome == Outcome.WELCOME and r.event.method == "paper"
    assert r.event.at == "2026-11-28T08:55:00+08:00"


def test_leave_reentry_and_quorum(demo_store: Store) -> None:
    m = _member(demo_store)
    code = demo_store.current_cards()[m.id]
    desk = _desk_for(demo_store, m)
    check_in(demo_store, code, desk)
    f = tally_of(demo_store).figures()
    assert f.total.voting_in_hall == 1
    left = record_leave(demo_store, m.id, desk)
    assert left.outcome == Outcome.LEFT
    f = tally_of(demo_store).figures()
    assert f.present == 1 and f.total.left_early == 1 and f.quorum.present == 0
    assert record_leave(demo_store, m.id, desk).outcome == Outcome.NOT_PRESENT
    back = check_in(demo_store, code, desk)
    assert back.outcome == Outcome.REENTRY
    assert presence_of(demo_store, m.id).in_hall


def test_void_needs_a_reason_and_undoes(demo_store: Store) -> None:
    m = _member(demo_store)
    desk = _desk_for(demo_store, m)
    r = check_in(demo_store, demo_store.current_cards()[m.id], desk)
    with pytest.raises(VoidError):
        void(demo_store, r.event.id, "  ", desk)
    changes = void(demo_store, r.event.id, "扫错了人", desk)
    assert changes.events[0].target == r.event.id
    assert not presence_of(demo_store, m.id).attended
    with pytest.raises(VoidError, match="already void"):
        void(demo_store, r.event.id, "again", desk)
    with pytest.raises(VoidError):
        void(demo_store, changes.events[0].id, "void a void", desk)
    assert check_in(demo_store, demo_store.current_cards()[m.id], desk).outcome == Outcome.WELCOME


def test_two_arrivals_both_kept_first_counts(demo_store: Store) -> None:
    """What a replica union looks like: two desks signed the same member in."""
    m = _member(demo_store)
    for i, at in enumerate(("2026-11-28T09:00:05+08:00", "2026-11-28T09:00:01+08:00")):
        demo_store.insert_event(id=f"e{i}", kind="arrive", member_id=m.id, desk=f"{i + 1}号台",
                                operator="o", method="scan", at=at, stamp=True)
    p = presence_of(demo_store, m.id)
    assert p.arrival.id == "e0"          # the hub accepted e0 first
    assert [d.id for d in p.duplicates] == ["e1"]
    assert tally_of(demo_store).figures().present == 1


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)
@pytest.mark.slow
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300)))
def test_random_scans_never_raise_nor_change_the_file(demo_store: Store, raw: bytes | str) -> None:
    before = (demo_store.last_event_seq(), demo_store.data_version())
    r = check_in(demo_store, raw, Desk("1号台"))
    assert r.outcome in (Outcome.UNREADABLE, Outcome.UNKNOWN, Outcome.OTHER_MEETING)
    assert not r.recorded
    assert demo_store.last_event_seq() == before[0]


def test_a_paper_sheet_is_not_sent_to_another_desk(demo_store: Store) -> None:
    """A branch's paper sheet is typed in wherever the organizer sits: the member
    signed the sheet, so the desk routing of live scans does not apply."""
    m = _member(demo_store)
    elsewhere = Desk("命令行", "organizer")
    assert check_in(demo_store, m.id, elsewhere).outcome == Outcome.WRONG_DESK
    r = check_in(demo_store, m.id, elsewhere, method=Method.PAPER,
                 at="2026-11-28T08:55:00+08:00")
    assert r.outcome == Outcome.WELCOME and r.recorded and not r.admitted_elsewhere
    assert check_in(demo_store, m.id, elsewhere, method=Method.PAPER).outcome == Outcome.ALREADY


def test_a_member_id_out_of_range_is_unknown_not_an_error(demo_store: Store) -> None:
    for received in (2**70, -(2**70), -1, 0):
        assert check_in(demo_store, received, Desk("1号台")).outcome == Outcome.UNKNOWN


def test_two_processes_scanning_the_same_cards_sign_each_member_in_once(demo_path: Path) -> None:
    """Two desks on one file (two processes): the decision and its write share one
    write lock, so a member scanned at both at once is signed in once, shown once."""
    import json
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    store = Store.open(demo_path)
    members = [m for m in store.members() if m.status == "active"][:60]
    cards = store.current_cards()
    jobs = [(cards[m.id], store.branch_desk(m.branch_id)) for m in members]
    store.close()
    script = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(root)!r})\n"
        "from data.store import Store\n"
        "from kiosk.checkin import Desk, check_in\n"
        f"s = Store.open({str(demo_path)!r})\n"
        "jobs = json.loads(sys.stdin.readline())\n"
        "print(json.dumps([check_in(s, c, Desk(d, 'p')).outcome for c, d in jobs]))\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True) for _ in range(2)]
    for p, order in zip(procs, (jobs, jobs[::-1]), strict=True):
        p.stdin.write(json.dumps(order) + "\n")
        p.stdin.flush()
    outcomes = [json.loads(p.communicate(timeout=120)[0]) for p in procs]
    welcomes = sum(o == "welcome" for out in outcomes for o in out)
    assert welcomes == len(jobs)
    assert sum(o == "already" for out in outcomes for o in out) == len(jobs)
    store = Store.open(demo_path)
    assert all(len(store.events_for(m.id)) == 1 for m in members)
    assert tally_of(store).figures().present == len(jobs)
    store.close()
