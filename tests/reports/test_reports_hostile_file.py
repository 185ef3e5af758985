"""Printed outputs render whatever a meeting file holds, and say what is odd about it.

Events are immutable: a time stored once as "not a time", "", 2099 or 1900
stays for good, so a report that fails on it fails for ever. Fields of any
length (a 20,000-character name) must not stop a PDF either.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import reportkit as rk

import main
from data.store import Store, now_iso
from kiosk.codes import new_code
from kiosk.meeting import create_meeting
from kiosk.times import OFF_DAY, UNREADABLE, read_time
from kiosk.turnout import tally_of
from reports.export import HEADERS
from tests.hostile_kit import GARBAGE_TIMES, hostile_meeting


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.sqlite"
    hostile_meeting(path)
    return path


@pytest.mark.parametrize("at, problem", [
    ("not a time", UNREADABLE), ("", UNREADABLE), ("2026-13-45T99:99:99", UNREADABLE),
    ("=1+1", UNREADABLE), ("9999-12-31T23:59:59", OFF_DAY), ("0001-01-01T00:00:00", None),
    ("2099-01-01T08:00:00+08:00", OFF_DAY), ("1900-01-01T00:00:00", OFF_DAY),
    ("2026-11-28T08:31:00+08:00", None), ("2026-11-28T08:31:00", None),
])
def test_a_stored_time_is_read_or_flagged_never_raised(at: str, problem: str | None) -> None:
    t = read_time(at, "2026-11-28")
    if at.startswith("0001"):  # at the edge of the clock: either way, no exception
        assert t.problem in (OFF_DAY, UNREADABLE)
        return
    assert t.problem == problem
    assert t.shown()  # always something to print


def test_the_report_renders_garbage_times_and_lists_them(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    rc = main.main(["report", str(hostile), "-o", str(out)])  # was ValueError, for good
    assert rc == 0
    rk.qpdf_check(out)
    text = "".join(rk.text(out, layout=False).split())
    assert "时间存疑的记录" in text
    assert "“notatime”" in text and "“=1+1”" in text and "“”" in text
    assert "2099-01-0108:00" in text and "1900-01-0100:00" in text
    assert "不在会议当天" in text and "时间无法识别" in text
    with Store.open(hostile) as store:
        figures = tally_of(store).figures()
    # the figures are the file's, garbage times included: the report flags, it does not drop
    assert f"{figures.total.present}人" in text


def test_the_chart_leaves_out_times_it_cannot_place(hostile: Path) -> None:
    with Store.open(hostile) as store:
        tally = tally_of(store)
        per_minute = tally.arrivals_per_minute(store.meeting().date)
    assert per_minute == [("2026-11-28 08:31", 1)]


def test_certificates_of_members_with_garbage_times_print_the_meeting_day(
        hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "c.pdf"
    assert main.main(["certificates", str(hostile), "-o", str(out)]) == 0
    text = "".join(rk.text(out, layout=False).split())
    assert "notatime" not in text and "2099" not in text and "1900" not in text
    assert "2026年11月28日" in text


def test_the_export_flags_garbage_times(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    assert main.main(["export", str(hostile), "-o", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    flags = [r[HEADERS.index("签到时间存疑")] for r in rows[1:]]
    assert flags.count("不在会议当天") == 2 and flags.count("时间无法识别") >= 2
    assert any(r[HEADERS.index("签到时间")] == "2026-11-28 08:31:00" for r in rows[1:])


def test_cli_reads_of_a_hostile_file_work(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["stats", str(hostile), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["present"] == 6
    assert main.main(["members", str(hostile), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["arrived_at"] for r in rows} >= set(GARBAGE_TIMES[1:])


def test_fields_of_any_length_do_not_stop_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "huge.sqlite"
    store = create_meeting(path, title="大" * 5000, date="2026-11-28")
    branch = store.branch_id("支" * 20000, create=True)
    for i in range(3):
        mid = store.insert_member({
            "number": f"{i}" + "N" * 3000, "name": "名" * 20000, "branch_id": branch,
            "phone": "1" * 5000, "category": "full", "status": "leave",
            "status_reason": "因" * 20000, "pinyin": "", "initials": ""})
        store.insert_card(new_code(store.meeting().code_prefix), mid, now_iso())
    store.close()
    for cmd in ("report", "sheets", "cards", "certificates"):
        out = tmp_path / f"{cmd}.pdf"
        assert main.main([cmd, str(path), "-o", str(out)]) == 0, cmd  # was LayoutError
        rk.qpdf_check(out)
        assert "名名名名名" in "".join(rk.text(out, layout=False).split()) or cmd == "certificates"
