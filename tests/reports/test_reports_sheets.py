"""Paper sign-in sheets: every expected member, then entered as paper sign-ins."""

from __future__ import annotations

import re
from pathlib import Path

import reportkit as rk

import main
from data.store import Store
from kiosk.checkin import Desk, Outcome, check_in
from kiosk.model import Method, is_expected
from kiosk.turnout import tally_of
from reports.attendance import build_report
from reports.sheets import build_sheets


def test_sheets_list_every_expected_member_by_branch(demo_copy, tmp_path: Path) -> None:
    store = Store.open(demo_copy("m.sqlite"))
    pdf = tmp_path / "sheets.pdf"
    counts = build_sheets(store, pdf)
    rk.qpdf_check(pdf)
    rk.assert_fonts_embedded(pdf)
    figures = tally_of(store).figures()
    assert counts == {b.name: b.counts.expected for b in figures.branches}
    pages = rk.pages_text(pdf)
    text = " ".join(" ".join(pages).split())
    for m in store.members():
        listed = m.number in text
        assert listed == (is_expected(m.category, m.status) or m.category == "observer"), m
    for n, page in enumerate(pages, start=1):
        assert re.search(r"序号\s+姓名\s+党员编号.*本人签名\s+签到时间", page)  # header repeats
        assert f"第 {n} 页 共 {len(pages)} 页" in page
        branches = set(re.findall(r"第[一二三四五六七八九十]+支部", page.split("序号")[0]))
        assert len(branches) == 1  # a page belongs to one branch
    store.close()


def test_a_sheet_entered_afterwards_counts(demo_copy, tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    store = Store.open(demo_copy(path.name))
    pdf = tmp_path / "sheets.pdf"
    build_sheets(store, pdf)
    first_page = rk.pages_text(pdf)[0]
    numbers = re.findall(r"\b31011\d{5}\b", first_page)[:3]
    store.close()
    # The time written on the sheet: on the meeting's day (the demo meets today)
    # and not in the future, as the hub's rules want (kiosk/validate.cli_time).
    from datetime import datetime, timedelta

    at = (datetime.now().astimezone() - timedelta(minutes=1)).isoformat(timespec="seconds")
    rc = main.main(["checkin", str(path), *numbers, "--method", "paper",
                    "--at", at, "--desk", "1号台"])
    assert rc == 0
    from kiosk.meeting import open_meeting

    store = open_meeting(path)
    assert tally_of(store).figures().total.present == 3
    again = check_in(store, store.member_by_number(numbers[0]).id, Desk("1号台"),
                     method=Method.PAPER)
    assert again.outcome == Outcome.ALREADY
    report = tmp_path / "r.pdf"
    build_report(store, report)
    assert "纸质签到 3" in rk.text(report)
    store.close()


def test_long_names_wrap_inside_taller_rows(demo_copy, tmp_path: Path) -> None:
    from kiosk.members import add_member

    store = Store.open(demo_copy("m.sqlite"))
    name = "阿卜杜热合曼·买买提艾力·" + "热" * 37
    add_member(store, name=name, branch="第二支部", number="00000", actor="t")
    pdf = tmp_path / "sheets.pdf"
    build_sheets(store, pdf)
    pages = rk.pages_text(pdf)
    page = next(p for p in pages if "00000" in p)
    # the name is whole (over several lines) and the next member's row still follows
    raw = "".join(rk.text(pdf, layout=False).split())
    assert name in raw
    assert re.search(r"\b2\s+\S+\s+31011\d{5}", page)
    store.close()
