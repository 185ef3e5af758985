"""What a desk holds in memory: no pinyin dictionaries, no roster-sized temporaries.

The desk's goal is under 250 MB resident at 100,000 members
(bench/desk_memory_bench.py measures the real window); these tests keep the
two largest savings from coming undone.
"""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from data.records import MemberRecord
from kiosk.search import SearchIndex

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_desk_window_does_not_load_pypinyin() -> None:
    # pypinyin builds ~57 MB of phrase dictionaries at import; a desk reads the
    # pinyin the import stored and never needs them.
    code = ("import sys; import ui.desk.window, kiosk.desk, kiosk.roster, main; "
            "print('pypinyin' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_name_keys_still_read_names() -> None:
    from kiosk.pinyin import name_keys

    assert name_keys("曾小明") == ("zengxiaoming cengxiaoming", "zxm cxm")


def _members(n: int) -> list[MemberRecord]:
    given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"
    out = []
    for i in range(n):
        name = "王李张刘陈杨"[i % 6] + given[i % len(given)] + given[(i * 7) % len(given)]
        out.append(MemberRecord(
            id=i + 1, number=f"9{i:08d}", name=name, branch_id=1 + i % 50, branch="第一支部",
            gender="男", birth_date="1965-03", education="", phone=f"138{i:08d}",
            category="full", status="active", status_reason="", notes="",
            pinyin=f"wang{i % 997} huang{i % 991}", initials=f"w{i % 13} h{i % 17}",
            removed_at=None))
    return out


def test_index_build_peak_is_not_a_multiple_of_what_it_keeps() -> None:
    members = _members(20_000)
    tracemalloc.start()
    try:
        index = SearchIndex(members)
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Built from (text, owner) lists for every field at once, the peak was 5.5x
    # what the index keeps; one field at a time from generators it is under 2x.
    assert peak < 3 * held, (peak, held)
    assert [h.member.id for h in index.search("wang5")][:1] == [6]
    assert members[123] in [h.member for h in index.search(members[123].phone[-4:])]


def test_the_desks_compact_roster_is_the_roster(tmp_path: Path) -> None:
    from kiosk.desk import DeskService
    from kiosk.meeting import create_meeting
    from kiosk.members import add_member, remove_member, set_flags, set_status

    store = create_meeting(tmp_path / "m.sqlite", title="t", date="2026-11-28")
    for i in range(8):
        add_member(store, name="王伟" if i < 4 else f"曾{i}", branch="第一支部", actor="t",
                   number=str(i))
    ids = [m.id for m in store.members()]
    set_flags(store, ids[0], "t", vote_suspended=True)
    set_flags(store, ids[1], "t", lost_contact=True)
    set_flags(store, ids[2], "t", mobile=True)
    set_status(store, ids[3], "excluded", "出国半年", "t", approved_by="某某街道党工委",
               approved_on="2026.11.20")
    remove_member(store, ids[7], "moved away", "t")
    full = [m for m in store.members() if m.removed_at is None]
    compact = store.members_compact()
    # Field for field what members() gives (the flags once came back False: the
    # desk's figures then counted nobody lost-contact or mobile).
    assert sorted(compact, key=lambda m: m.id) == sorted(full, key=lambda m: m.id)
    namesakes = [m for m in compact if m.name == "王伟"]
    assert len({id(m.name) for m in namesakes}) == 1
    assert len({id(m.pinyin) for m in namesakes}) == 1
    store.close()

    # The desk's live figures share the desk's roster rather than copying it.
    from kiosk.watch import MeetingReader

    desk = DeskService(tmp_path / "m.sqlite", "1号台")
    reader = MeetingReader(tmp_path / "m.sqlite", members=desk.roster_by_id)
    assert reader.members is desk.members
    f = reader.figures().as_dict()
    assert (f["vote_suspended"], f["lost_contact"], f["mobile"], f["expected"]) == (1, 1, 1, 6)
    reader.store.close()
    desk.close()
