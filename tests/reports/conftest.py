"""Fixtures for the printed-output tests: meetings that have been held."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from data.store import Store
from kiosk.checkin import Desk, check_in, record_leave, void
from kiosk.demo import build_demo
from kiosk.model import Method


def hold(path: Path, arrivals: float) -> dict[str, object]:
    """Build the demo meeting at ``path`` and hold it: arrivals, two voids with reasons,
    a paper sign-in and an early leave. Returns what was done, for the assertions."""
    store = build_demo(path, arrivals=arrivals)
    try:
        events = [e for e in store.events_after(0) if e.kind == "arrive"]
        voided = events[:2]
        for e, reason in zip(voided, ("误扫：扫了家属的卡", "重复登记，撤销"), strict=True):
            void(store, e.id, reason, Desk("1号台", "王书记"))
        present = {e.member_id for e in events[2:]}
        absent = [m for m in store.members()
                  if m.id not in present and m.status == "active" and m.category == "full"]
        paper = absent[0]
        desk = next(b.desk_name for b in store.branches() if b.id == paper.branch_id)
        # the time written on the sheet: just after the last scanned arrival
        last = max(e.at for e in events)
        at = (datetime.fromisoformat(last) + timedelta(minutes=1)).isoformat()
        result = check_in(store, paper.id, Desk(desk, "李书记"), method=Method.PAPER, at=at)
        assert result.recorded
        left = store.member(events[5].member_id)
        record_leave(store, left.id, Desk("1号台", "王书记"))
        # a second desk, offline, also let a member in: synced later, a duplicate
        twice = events[6]
        store.insert_event(id=uuid.uuid4().hex, kind="arrive", member_id=twice.member_id,
                           desk="9号台", operator="离线台", method="search", at=twice.at,
                           stamp=True)
        return {"voided": voided, "paper": paper, "left": left, "twice": twice}
    finally:
        store.close()


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """A demo meeting that has been held (85% arrived), shared by a module's tests."""
    path = tmp_path_factory.mktemp("held") / "held.sqlite"
    return path, hold(path, 0.85)


@pytest.fixture
def held_store(held: tuple[Path, dict[str, object]]) -> Store:
    """The held meeting, open (read by the tests; not changed)."""
    store = Store.open(held[0])
    yield store
    store.close()
