"""Who is still to arrive when the organizer closes sign-in: one query, asked of either door
(the organizer's service reads the file; the live reader answers from the tally it holds)."""

from __future__ import annotations

from pathlib import Path

from data.store import Store
from kiosk.desk import DeskService
from kiosk.model import Category, Status, is_expected
from kiosk.organizer import OrganizerService
from kiosk.turnout import StillToArrive, tally_of
from kiosk.watch import MeetingReader


def _by_hand(store: Store) -> StillToArrive:
    tally = tally_of(store)
    left = [m for m in store.members() if is_expected(m.category, m.status)
            and not tally.presence(m.id).attended]
    return StillToArrive(len(left), sum(m.status == Status.LEAVE for m in left))


def test_the_organizer_and_the_live_reader_count_the_same(demo_path: Path) -> None:
    with Store.open(demo_path) as store:
        members = store.members()
        cards = store.current_cards()
    active = [m for m in members if m.branch == "第一支部" and m.status == Status.ACTIVE
              and m.category == Category.FULL]
    reader = MeetingReader(demo_path)
    try:
        with OrganizerService(demo_path, "organizer") as org:
            before = org.still_to_arrive()
            assert 0 < before.on_leave < before.absent
            assert before.absent == org.figures().total.absent
            assert reader.still_to_arrive() == before
            desk = DeskService(demo_path, "1号台", "王书记")
            try:
                signed = [desk.scan(cards[m.id]) for m in active[:3]]
                desk.undo(signed[2].event.id, "误扫")  # an undone check-in is still to arrive
            finally:
                desk.close()
            org.edit_member(active[5].id, category=Category.FULL, status=Status.EXCLUDED,
                            reason="出国半年", case="abroad")  # no longer expected
            org.remove_member(active[6].id, "迁出")             # no longer on the roster
            after = org.still_to_arrive()
        with Store.open(demo_path) as store:
            assert after == _by_hand(store)
        assert after == StillToArrive(before.absent - 4, before.on_leave)
        reader.poll()
        assert reader.still_to_arrive() == after
    finally:
        reader.close()
