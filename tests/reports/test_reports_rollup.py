"""The roll-up over many meeting files: the sub-district's 18 meetings, 91.47%."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import reportkit as rk

import main
from kiosk.checkin import Desk, check_in
from kiosk.meeting import create_meeting
from kiosk.roster import Roster, RosterRow, import_roster
from reports.rollup import build_rollup, rollup

EXPECTED = [215] * 17 + [214]   # 3869
PRESENT = [197] * 11 + [196] * 7  # 3539


def small_meeting(path: Path, n: int, expected: int, present: int) -> None:
    """A meeting with ``expected`` members expected, ``present`` of them signed in, plus
    an excused member and an observer (who count in neither)."""
    store = create_meeting(path, title=f"第{n + 1}居民区党员大会", date=f"2026-11-{n + 1:02d}")
    rows = [RosterRow(row=i + 2, name=f"党员{n}_{i}", branch=f"第{i % 3 + 1}支部",
                      number=f"R{n:02d}{i:04d}", gender="", birth_date="", education="",
                      phone="", category="full", status="active", reason="", notes="")
            for i in range(expected)]
    rows.append(RosterRow(row=expected + 2, name="卧床者", branch="第1支部", number=f"X{n:02d}",
                          gender="", birth_date="", education="", phone="", category="full",
                          status="excluded", reason="长期卧床", notes=""))
    rows.append(RosterRow(row=expected + 3, name="列席者", branch="第1支部", number=f"O{n:02d}",
                          gender="", birth_date="", education="", phone="", category="observer",
                          status="active", reason="", notes=""))
    import_roster(store, Roster("t", rows, {}), actor="t")
    members = store.members()
    with store.transact():  # one commit for the whole meeting keeps the fixture fast
        signed = 0
        for m in members:
            if m.category == "observer" or (m.status == "active" and signed < present):
                check_in(store, m.id, Desk("1号台", "t"))
                signed += m.category != "observer"
    store.close()


@pytest.fixture(scope="module")
def eighteen(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """18 meeting files summing to 3869 expected and 3539 present."""
    root = tmp_path_factory.mktemp("areas")
    paths = []
    for n, (e, p) in enumerate(zip(EXPECTED, PRESENT, strict=True)):
        path = root / f"area{n + 1:02d}.sqlite"
        small_meeting(path, n, e, p)
        paths.append(path)
    return paths


def test_eighteen_meetings_make_91_47_percent(eighteen: list[Path], tmp_path: Path) -> None:
    data = rollup(eighteen, "某街道党员大会出席情况汇总")
    assert (data.expected, data.present, data.turnout) == (3869, 3539, "91.47")
    assert [m.expected for m in data.meetings] == EXPECTED
    assert [m.present for m in data.meetings] == PRESENT
    assert data.quorum_met == 18
    pdf = tmp_path / "summary.pdf"
    build_rollup(data, pdf)
    rk.qpdf_check(pdf)
    rk.assert_fonts_embedded(pdf)
    text = " ".join(rk.text(pdf).split())
    assert "合计（18 个会议） 3869 3539 330 91.47%" in text
    assert "18/18 达到" in text
    for m in data.meetings:
        assert f"{m.title} {m.date} {m.expected} {m.present}" in text


def test_json_from_the_command_line(eighteen: list[Path], tmp_path: Path, capsys) -> None:
    pdf = tmp_path / "s.pdf"
    rc = main.main(["rollup", *map(str, eighteen), "--json", "-o", str(pdf), "--title", "汇总"])
    assert rc == 0
    out = json.loads(capsys.readouterr().out)
    assert out["title"] == "汇总"
    total = out["total"]
    assert (total["expected"], total["present"], total["turnout"]) == (3869, 3539, "91.47")
    assert total["meetings"] == 18 and total["excluded"] == 18
    assert len(out["meetings"]) == 18 and pdf.stat().st_size > 0
    assert "91.47%" in rk.text(pdf)
