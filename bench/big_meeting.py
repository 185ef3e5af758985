"""Build large meeting files for the benchmarks (100,000 members by default)."""

from __future__ import annotations

import random
from pathlib import Path

from data.store import Store
from kiosk.demo import BRANCHES, GIVEN, SURNAMES
from kiosk.idnumbers import check_char
from kiosk.meeting import assign_desk, create_meeting
from kiosk.roster import Roster, RosterRow, import_roster


def big_id_number(i: int, year: int, month: int) -> str:
    """A fictional ID number for member ``i``, unique up to 10 million members (region 99xxxx
    is no real place), with a right check character."""
    first17 = f"99{i // 1000:04d}{year}{month:02d}{1 + i % 28:02d}{i % 1000:03d}"
    return first17 + check_char(first17)


def big_roster(size: int, seed: int = 7) -> Roster:
    """A generated roster of ``size`` members over the 11 demo branches."""
    rnd = random.Random(seed)
    rows = []
    for i in range(size):
        name = rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2))))
        roll = rnd.random()
        category = "probationary" if roll < 0.05 else "full"
        status, reason = ("leave", "") if roll > 0.97 else ("active", "")
        gender, year, month = rnd.choice("男女"), rnd.randint(1940, 2000), rnd.randint(1, 12)
        rows.append(RosterRow(
            i + 2, name, BRANCHES[i % len(BRANCHES)], f"{i + 1:08d}", gender,
            f"{year}-{month:02d}", "",
            f"1{rnd.choice('3589')}{rnd.randint(0, 999999999):09d}", category, status, reason, "",
            id_number=big_id_number(i, year, month),
        ))
    return Roster("big", rows, {})


def build_big_meeting(path: str | Path, size: int = 100_000) -> Store:
    """A meeting file with ``size`` members, cards issued, one desk per branch."""
    store = create_meeting(path, title="压力测试大会", date="2026-11-28")
    import_roster(store, big_roster(size), actor="bench")
    for n, branch in enumerate(BRANCHES, start=1):
        assign_desk(store, branch, f"{n}号台", actor="bench")
    return store
