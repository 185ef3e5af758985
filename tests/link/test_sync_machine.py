"""Property-based sync test: a hypothesis state machine drives a real hub and two desks.

Steps interleave check-ins at the desks, roster edits at the hub (a member
added and signed in at once, a member excused, a name changed), network
partitions (a TCP relay between each desk and the hub is cut and restored),
desk restarts and hub restarts, over real sockets on 127.0.0.1. After every
run: every partition heals, every replica converges to the hub (same events,
nothing waiting, same figures, same roster names), and every event a desk saw
acknowledged is in the hub's file.

Runtime is bounded by ``max_examples`` and ``stateful_step_count``; it is a
system test of a minute or so, hence ``slow``.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from linkkit import TestDesk, assert_converged, event_ids, wait_for

from data.store import Store
from kiosk.checkin import Desk, check_in
from kiosk.demo import build_demo
from kiosk.link.client import DeskLink
from kiosk.link.hub import Hub
from kiosk.link.replica import refused_ids
from kiosk.members import add_member, edit_member, set_status
from kiosk.model import Method
from tests.netkit import Relay

pytestmark = pytest.mark.slow

_DEMO: Path | None = None
DESKS = ("1号台", "2号台")


def _demo() -> Path:
    global _DEMO
    if _DEMO is None:
        _DEMO = Path(tempfile.mkdtemp()) / "demo.sqlite"
        build_demo(_DEMO).close()
    return _DEMO


class HubAndDesks(RuleBasedStateMachine):
    """One meeting, one hub, two desks each behind a cuttable cable."""

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp())
        self.path = self.dir / "hub.sqlite"
        shutil.copyfile(_demo(), self.path)
        self.hub = Hub(self.path, host="127.0.0.1", port=0, discovery=False, poll=0.1, keep_code=True)
        self.hub.start()
        self.port = self.hub.port
        with Store.open(self.path) as store:
            cards = store.current_cards()
            self.cards = {d: [cards[m.id] for m in store.members()
                              if m.branch == store.branches()[i].name and m.id in cards]
                          for i, d in enumerate(DESKS)}
        self.relays = [Relay(self.hub.address) for _ in DESKS]
        self.desks = [TestDesk(self.hub.address, self.hub.pairing_code, name, self.dir,
                               address=relay.address)
                      for name, relay in zip(DESKS, self.relays, strict=True)]
        self.added = 0

    # ---- what happens at a meeting ------------------------------------------------------

    @rule(d=st.integers(0, 1), k=st.integers(0, 35))
    def scan(self, d: int, k: int) -> None:
        """A member shows a card at their branch's desk (online or not)."""
        desk = self.desks[d]
        desk.scan(self.cards[desk.name][k])

    @rule()
    def add_and_sign_in(self) -> None:
        """The organizer adds a member and signs them in at once (the stuck-desk case)."""
        self.added += 1
        with Store.open(self.path) as store:
            branch = store.branches()[0]
            mid, _ = add_member(store, name=f"新党员{self.added}", branch=branch.name,
                                actor="organizer")
            check_in(store, mid, Desk(branch.desk_name or DESKS[0], "organizer"),
                     method=Method.MANUAL)

    @rule(k=st.integers(0, 35))
    def excuse(self, k: int) -> None:
        """The organizer excuses a member (核准不计) — perhaps one a desk admits offline."""
        with Store.open(self.path) as store:
            member = store.members()[k]
            set_status(store, member.id, "excluded", "出国出境不能回来", actor="organizer")

    @rule(k=st.integers(0, 35))
    def rename(self, k: int) -> None:
        with Store.open(self.path) as store:
            member = store.members()[k]
            edit_member(store, member.id, {"name": member.name + "·"}, actor="organizer")

    @rule(d=st.integers(0, 1))
    def cut(self, d: int) -> None:
        self.relays[d].cut()

    @rule(d=st.integers(0, 1))
    def restore(self, d: int) -> None:
        self.relays[d].restore()

    @rule(d=st.integers(0, 1))
    def restart_desk(self, d: int) -> None:
        desk = self.desks[d]
        desk.stop()
        desk.link = DeskLink(desk.path, address=self.relays[d].address, discovery=False,
                             on_ack=desk._on_ack, retry_max=0.5)
        desk.link.start()

    @rule()
    def restart_hub(self) -> None:
        self.hub.stop()
        self.hub = Hub(self.path, host="127.0.0.1", port=self.port, discovery=False, poll=0.1,
                       keep_code=True)
        self.hub.start()

    @invariant()
    def no_desk_needed_a_fresh_copy(self) -> None:
        """The hub sends what an event depends on first: no desk ever fails to apply."""
        assert all(d.link.resyncs == 0 for d in self.desks)

    # ---- the end of every run: heal, converge, nothing acknowledged lost --------------

    def teardown(self) -> None:
        try:
            for relay in self.relays:
                relay.restore()
            assert_converged(self.path, [d.path for d in self.desks], timeout=30)
            at_hub = set(event_ids(self.path))
            self.no_desk_needed_a_fresh_copy()
            for desk in self.desks:
                wait_for(lambda desk=desk: set(desk.recorded) <= desk.acked | _refused(desk.path),
                         10, "acks")
                assert desk.acked <= at_hub
            with Store.open(self.path) as store:
                names = {m.id: (m.name, m.status) for m in store.members(include_removed=True)}

            def roster_of(path: Path) -> dict[int, tuple[str, str]]:
                with Store.open(path) as store:
                    return {m.id: (m.name, m.status) for m in store.members(include_removed=True)}

            for desk in self.desks:
                wait_for(lambda desk=desk: roster_of(desk.path) == names, 10, "roster edits")
        finally:
            for desk in self.desks:
                desk.stop()
            self.hub.stop()
            for relay in self.relays:
                relay.close()
            shutil.rmtree(self.dir, ignore_errors=True)


def _refused(path: Path) -> set[str]:
    with Store.open(path) as store:
        return refused_ids(store)


HubAndDesks.TestCase.settings = settings(
    max_examples=6, stateful_step_count=12, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TestSync = HubAndDesks.TestCase
