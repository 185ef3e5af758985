"""不是本人 over the link: a desk's void reaches the hub (which validates it) and every other
desk, and the card shown again at another desk comes out amber there."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.store import Store
from kiosk.checkin import Desk, Outcome, void
from kiosk.link.hub import Hub
from kiosk.meeting import update_settings
from kiosk.vocabulary import NOT_THIS_PERSON
from tests.link.linkkit import TestDesk, assert_converged, cards_by_branch


@pytest.mark.slow  # a hub and two desks over TCP: seconds
def test_the_mark_travels_to_every_desk(hub: Hub, hub_path: Path, tmp_path: Path) -> None:
    with Store.open(hub_path) as store:
        update_settings(store, "organizer", wrong_desk_admits=1)  # any desk may admit
    one = TestDesk(hub.address, hub.pairing_code, "1号台", tmp_path)
    two = TestDesk(hub.address, hub.pairing_code, "2号台", tmp_path)
    try:
        code = cards_by_branch(hub_path)["第一支部"][0]
        first = one.scan(code)
        assert first.outcome == Outcome.WELCOME and first.colour == "green"
        with Store.open(one.path) as replica:
            void(replica, first.event.id, NOT_THIS_PERSON, Desk("1号台", "李书记"))
        one.link.nudge()
        assert_converged(hub_path, [one.path, two.path])
        with Store.open(hub_path) as store:
            (v,) = [e for e in store.events_after(0) if e.kind == "void"]
            assert v.reason == NOT_THIS_PERSON and v.hub_seq is not None
        again = two.scan(code)  # the same card, at another desk
        assert again.recorded and again.colour == "amber"
        assert again.presented_by_other is not None and again.presented_by_other.desk == "1号台"
    finally:
        one.stop()
        two.stop()
