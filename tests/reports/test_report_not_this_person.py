"""The report's exceptions: a card presented by someone else (不是本人) is printed as such."""

from __future__ import annotations

from pathlib import Path

import reportkit as rk

from data.store import Store
from kiosk.checkin import Desk, check_in, void
from kiosk.vocabulary import NOT_THIS_PERSON
from reports.attendance import build_report, gather


def _two_full_members(store: Store) -> list[int]:
    rows = store.all("SELECT m.id FROM members m JOIN branches b ON b.id = m.branch_id "
                     "JOIN desks d ON d.id = b.desk_id WHERE d.name = '1号台' "
                     "AND m.status = 'active' AND m.category = 'full' ORDER BY m.id LIMIT 2")
    return [int(r[0]) for r in rows]


def test_exceptions_list_who_and_whether_the_member_came(demo_store: Store,
                                                          tmp_path: Path) -> None:
    desk = Desk("1号台", "李书记")
    cards = demo_store.current_cards()
    came, stayed_away = _two_full_members(demo_store)
    for mid in (came, stayed_away):
        proxy = check_in(demo_store, cards[mid], desk).event
        void(demo_store, proxy.id, NOT_THIS_PERSON, desk)
    later = check_in(demo_store, cards[came], desk)  # the member herself, later
    assert later.colour == "amber"

    data = gather(demo_store)
    assert [v.member.id for v in data.presented_by_others] == [came, stayed_away]
    assert data.arrivals[came].id == later.event.id and stayed_away not in data.arrivals

    pdf = tmp_path / "report.pdf"
    build_report(demo_store, pdf)
    rk.qpdf_check(pdf)
    text = rk.text(pdf)
    assert "异常情况：他人持证签到（不是本人）" in text
    assert "共 2 次" in text
    assert "本人未到" in text and "本人已到" in text
    # In the voids table the reason is said in words, never as the stored key.
    flat = "".join(rk.text(pdf, layout=False).split())
    assert flat.count("不是本人：他人持证签到") == 2
    assert NOT_THIS_PERSON not in text


def test_no_exceptions_no_section(demo_store: Store, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    build_report(demo_store, pdf)
    assert "异常情况" not in rk.text(pdf)
