"""Member states and how they count: exclusion cases with approval, vote suspended, flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.store import Store
from kiosk.meeting import create_meeting
from kiosk.members import MemberError, add_member, set_flags, set_status
from kiosk.model import exclusion_case_of
from kiosk.turnout import tally_of
from kiosk.vocabulary import exclusion_text


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = create_meeting(tmp_path / "m.sqlite", title="t", date="2026-11-28")
    for i in range(6):
        add_member(s, name=f"党员{i}", branch="第一支部", actor="t", number=str(i))
    yield s
    s.close()


def test_an_exclusion_is_a_listed_case_or_other_with_words(store: Store) -> None:
    a, b, c = (m.id for m in store.members()[:3])
    set_status(store, a, "excluded", "出国半年", "t", approved_by="某某街道党工委",
               approved_on="2026.11.20")
    m = store.member(a)
    assert (m.exclusion_case, m.approved_by, m.approved_on, m.state_source) == (
        "abroad", "某某街道党工委", "2026-11-20", "")
    assert exclusion_text(m.exclusion_case, m.status_reason) == "出国出境不能回来（出国半年）"
    set_status(store, b, "excluded", "", "t", case="bedridden")
    assert store.member(b).exclusion_case == "bedridden"
    with pytest.raises(MemberError, match="其他"):
        set_status(store, c, "excluded", "", "t", case="other")
    with pytest.raises(MemberError, match="needs a reason"):
        set_status(store, c, "excluded", "", "t")
    with pytest.raises(MemberError, match="approval date"):
        set_status(store, c, "excluded", "出国", "t", approved_on="soon")
    set_status(store, c, "excluded", "在外地带孙子", "t")
    assert store.member(c).exclusion_case == "other"
    set_status(store, c, "active", "", "t")  # back to expected: the case goes too
    assert (store.member(c).exclusion_case, store.member(c).approved_by) == ("", "")


def test_vote_suspended_is_expected_without_a_vote_and_flags_only_flag(store: Store) -> None:
    ids = [m.id for m in store.members()]
    set_flags(store, ids[0], "t", vote_suspended=True)
    set_flags(store, ids[1], "t", lost_contact=True)
    set_flags(store, ids[2], "t", mobile=True)
    f = tally_of(store).figures().as_dict()
    assert (f["expected"], f["voting_expected"]) == (6, 5)
    assert (f["vote_suspended"], f["lost_contact"], f["mobile"]) == (1, 1, 1)
    assert f["quorum"]["expected"] == 5 and f["quorum"]["required"] == 5


@pytest.mark.parametrize(("words", "case"), [
    ("停止党籍", "party_stopped"), ("被依法逮捕", "detained"), ("长期卧床", "bedridden"),
    ("出国（境）", "abroad"), ("组织关系应转未转", "transfer_pending"), ("其他", "other"),
    ("流动党员本人申请不参加", "mobile_declined"), ("因病请假", None), ("长期外出", None),
])
def test_words_name_a_case(words: str, case: str | None) -> None:
    assert exclusion_case_of(words) == case
