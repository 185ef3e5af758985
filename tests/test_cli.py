"""The command line, run as a user would: a real process on real files."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, stdin: str | None = None, ok: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], input=stdin,
                          capture_output=True, text=True, timeout=120)
    if ok:
        assert proc.returncode == 0, proc.stderr
    return proc


ROSTER = (
    "姓名,支部,编号,性别,出生年月,手机,类别,状态,原因\n"
    "张三,第一支部,001,男,1965.03,13812345678,正式党员,,\n"
    "李四,第一支部,002,女,1970.05,13900001111,预备党员,,\n"
    "王五,第二支部,003,男,1955.01,13700002222,正式党员,请假,住院\n"
    "赵六,第二支部,004,男,1950.01,,正式党员,核准不计,长期卧床\n"
    "钱七,第二支部,005,女,1960.01,,正式党员,,\n"
)


def _meeting(tmp_path: Path) -> Path:
    path = tmp_path / "m.sqlite"
    run("new", str(path), "--title", "测试大会", "--date", "2026-11-28", "--venue", "会议室")
    roster = tmp_path / "roster.csv"
    roster.write_bytes(ROSTER.encode("gbk"))
    out = run("import", str(path), str(roster)).stdout
    assert "5 added" in out
    return path


@pytest.mark.slow
def test_a_meeting_from_the_command_line(tmp_path: Path) -> None:
    path = _meeting(tmp_path)
    members = json.loads(run("members", str(path), "--json").stdout)
    assert [m["name"] for m in members] == ["张三", "李四", "王五", "赵六", "钱七"]
    codes = {m["number"]: m["card"] for m in members}
    assert all(len(c) == 26 for c in codes.values())

    out = run("checkin", str(path), codes["001"], codes["002"], "--desk", "1号台", "--json").stdout
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["outcome"] for r in results] == ["welcome", "welcome"]
    assert results[0]["member"]["name"] == "张三"

    # A paper sheet: member numbers from standard input, with the sheet's time.
    out = run("checkin", str(path), "-", "--method", "paper", "--at", "2026-11-28 09:05",
              "--json", stdin="003\n005\n").stdout
    assert [json.loads(x)["outcome"] for x in out.splitlines()] == ["welcome", "welcome"]

    stats = json.loads(run("stats", str(path), "--json").stdout)
    assert stats["expected"] == 4 and stats["present"] == 4 and stats["turnout"] == "100.00"
    assert stats["voting_expected"] == 3 and stats["voting_present"] == 3
    assert stats["quorum"] == {"rule": "election", "expected": 3, "present": 3,
                               "required": 3, "met": True, "still_needed": 0,
                               "exactly_four_fifths": False}
    assert {b["name"]: (b["expected"], b["present"]) for b in stats["branches"]} == {
        "第一支部": (2, 2), "第二支部": (2, 2)}

    # Undo one with a reason; then that member is absent again.
    event = results[1]["event"]
    run("void", str(path), event, "--reason", "扫错了")
    absent = json.loads(run("members", str(path), "--absent", "--json").stdout)
    assert [m["name"] for m in absent] == ["李四"]
    stats = json.loads(run("stats", str(path), "--json").stdout)
    assert stats["present"] == 3 and stats["turnout"] == "75.00"
    # 李四 (probationary) was the one voided: the three voting members are all in.
    assert stats["voting_present"] == 3 and stats["quorum"]["met"] is True

    # Repeats and refusals are reported, with a non-zero exit.
    again = run("checkin", str(path), codes["001"], "--json", ok=False)
    assert again.returncode == 1 and json.loads(again.stdout)["outcome"] == "already"
    bad = run("checkin", str(path), "garbage!!", "--json", ok=False)
    assert json.loads(bad.stdout)["outcome"] == "unreadable"


@pytest.mark.slow
def test_export_xlsx_and_csv(tmp_path: Path) -> None:
    path = _meeting(tmp_path)
    run("checkin", str(path), "001", "--method", "manual")
    run("export", str(path), "-o", str(tmp_path / "a.csv"))
    raw = (tmp_path / "a.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:4] == ["序号", "党员编号", "姓名", "支部"]
    assert rows[1][2] == "张三" and rows[1][11] == "是" and rows[1][14] == "补签到"
    assert rows[1][6] == "13812345678"
    run("export", str(path), "-o", str(tmp_path / "a.xlsx"))
    ws = load_workbook(tmp_path / "a.xlsx").active
    assert ws["C2"].value == "张三" and ws["G2"].value == "13812345678"
    assert ws["B2"].value == "001"  # leading zeros kept: text, not a number


@pytest.mark.slow
def test_errors_go_to_stderr_with_a_nonzero_exit(tmp_path: Path) -> None:
    missing = run("stats", str(tmp_path / "nope.sqlite"), ok=False)
    assert missing.returncode == 2 and "no meeting file" in missing.stderr
    path = _meeting(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,支部\n,第一支部\n", encoding="utf-8")
    proc = run("import", str(path), str(bad), ok=False)
    assert proc.returncode == 2 and "row 2, column A (姓名): name is missing" in proc.stderr
    proc = run("void", str(path), "nosuchevent", "--reason", "x", ok=False)
    assert proc.returncode == 2 and "no check-in event" in proc.stderr
    proc = run("new", str(path), "--title", "x", "--date", "2026-11-28", ok=False)
    assert proc.returncode == 2 and "already exists" in proc.stderr


@pytest.mark.slow
def test_demo_meeting(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    out = run("demo", str(path), "--no-window", "--arrivals", "0.5").stdout
    assert "北郊居民区党员大会" in out
    stats = json.loads(run("stats", str(path), "--json").stdout)
    assert len(stats["branches"]) == 11 and 400 <= stats["expected"] <= 500
    assert stats["present"] > 150
    members = json.loads(run("members", str(path), "--json").stdout)
    names = [m["name"] for m in members]
    assert any("·" in n for n in names)
    assert any(names.count(n) > 1 for n in names)                   # namesakes
    assert {"probationary", "suspended"} <= {m["category"] for m in members}
    assert {"leave", "excluded"} <= {m["status"] for m in members}


@pytest.mark.slow
def test_a_failed_new_leaves_no_file_and_times_fall_on_the_meeting_day(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    proc = run("new", str(path), "--title", "t", "--date", "2026-11-28", "--opens", "soon",
               ok=False)
    assert proc.returncode == 2 and "not a time" in proc.stderr
    assert not path.exists()  # so the corrected command can be run again
    proc = run("new", str(path), "--title", "t", "--date", "2026-11-28",
               "--opens", "09:00", "--closes", "08:00", ok=False)
    assert proc.returncode == 2 and "before it closes" in proc.stderr and not path.exists()
    run("new", str(path), "--title", "t", "--date", "2026-11-28",
        "--opens", "08:30", "--closes", "10:00")
    from kiosk.meeting import open_meeting

    with open_meeting(path) as store:
        m = store.meeting()
    assert m.opens_at.startswith("2026-11-28T08:30") and m.closes_at.startswith("2026-11-28T10:00")


def _with_desks(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = _meeting(tmp_path)
    from kiosk.meeting import assign_desk, open_meeting

    with open_meeting(path) as store:
        assign_desk(store, "第一支部", "1号台", "t")
        assign_desk(store, "第二支部", "2号台", "t")
    codes = {m["number"]: m["card"] for m in json.loads(run("members", str(path), "--json").stdout)}
    return path, codes


@pytest.mark.slow
def test_a_paper_sheet_is_entered_at_any_desk_on_the_meeting_day(tmp_path: Path) -> None:
    path, _ = _with_desks(tmp_path)
    # Entered from the organizer's console (no --desk) the day after: the
    # sheets of both branches count, at the time written on the sheet and on
    # the meeting's day; a BOM and full-width digits from a text editor are fine.
    out = run("checkin", str(path), "-", "--method", "paper", "--at", "09:05", "--json",
              stdin="\ufeff001\n００３\n").stdout
    results = [json.loads(x) for x in out.splitlines()]
    assert [r["outcome"] for r in results] == ["welcome", "welcome"]
    assert all(r["at"].startswith("2026-11-28T09:05") for r in results)


def test_scans_from_standard_input_that_are_not_text(tmp_path: Path) -> None:
    path = _meeting(tmp_path)
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "checkin", str(path), "-",
                           "--json"], input=b"\xff\xfe\x80junk\n001\n", capture_output=True,
                          timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert proc.returncode == 1, proc.stderr  # one unreadable line, no traceback
    results = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert [r["outcome"] for r in results] == ["unreadable", "welcome"]


@pytest.mark.slow
def test_unknown_desk_and_branch_names_are_errors(tmp_path: Path) -> None:
    path, codes = _with_desks(tmp_path)
    proc = run("checkin", str(path), codes["001"], "--desk", "1号太", ok=False)
    assert proc.returncode == 2 and "no desk named '1号太'" in proc.stderr
    assert "1号台" in proc.stderr and proc.stdout == ""
    proc = run("members", str(path), "--branch", "第九支部", ok=False)
    assert proc.returncode == 2 and "no branch named '第九支部'" in proc.stderr
    assert json.loads(run("stats", str(path), "--json").stdout)["present"] == 0


@pytest.mark.slow
def test_a_busy_file_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    import sqlite3

    path, codes = _with_desks(tmp_path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program writing to the file
    try:
        # The same command, with a short busy timeout so the test need not wait 10 s.
        script = (f"import sys, sqlite3; sys.path.insert(0, {str(ROOT)!r}); import main\n"
                  "orig = sqlite3.connect\n"
                  "sqlite3.connect = lambda *a, **k: orig(*a, **{**k, 'timeout': 0.2})\n"
                  f"sys.exit(main.main(['checkin', {str(path)!r}, {codes['001']!r}]))")
        proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              timeout=120)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "locked" in proc.stderr


@pytest.mark.slow
def test_arguments_out_of_range_are_messages(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    proc = run("demo", str(path), "--no-window", "--arrivals", "2", ok=False)
    assert proc.returncode == 2 and "--arrivals" in proc.stderr and not path.exists()
    path = _meeting(tmp_path)
    proc = run("checkin", str(path), "-", "001", stdin="002\n", ok=False)
    assert proc.returncode == 2 and "standard input" in proc.stderr
    assert json.loads(run("stats", str(path), "--json").stdout)["present"] == 0


def test_checkin_at_must_fall_on_the_meeting_day(tmp_path: Path) -> None:
    """The same rule the hub applies (kiosk/validate.py): --at on the meeting's day."""
    path = _meeting(tmp_path)
    for at in ("2099-01-01 09:00", "2026-11-27 09:00", "1900-01-01 09:00"):
        out = run("checkin", str(path), "001", "--method", "paper", "--at", at, ok=False)
        assert out.returncode != 0
        assert "meeting's day" in out.stderr or "future" in out.stderr, out.stderr
    from data.store import Store

    with Store.open(path) as store:
        assert store.one("SELECT count(*) FROM events")[0] == 0
    run("checkin", str(path), "001", "--method", "paper", "--at", "2026-11-28 09:05")


def _operators(path: Path) -> list[str]:
    from data.store import Store

    store = Store.open(path)
    try:
        return [e.operator for e in store.events_after(0) if e.kind == "arrive"]
    finally:
        store.close()


def test_operator_is_the_name_given_never_the_login_name(tmp_path: Path) -> None:
    import getpass

    path, _ = _with_desks(tmp_path)
    # Hostile: an escape sequence, a bidi override, a line break, far too long.
    given = "王\x1b[31m书\u202e记\n" + "长" * 300
    run("checkin", str(path), "001", "--desk", "1号台", "--operator", given)
    # Nothing given and nothing remembered: the desk's name, not the account name.
    run("checkin", str(path), "003", "--desk", "2号台")
    first, second = _operators(path)
    assert first.startswith("王[31m书记 长") and len(first) == 64
    assert not any(ch < " " or ch == "\u202e" for ch in first)
    assert second == "2号台" != getpass.getuser()


def test_headless_desk_remembers_its_operator(tmp_path: Path) -> None:
    path, _ = _with_desks(tmp_path)
    out = run("desk", str(path), "--headless", "--name", "1号台", "--operator", "  李秘书 ",
              stdin="001\n").stdout
    assert json.loads(out.splitlines()[-1])["outcome"] == "welcome"
    # The next start without --operator: the name last given at this desk.
    run("desk", str(path), "--headless", "--name", "1号台", stdin="002\n")
    assert _operators(path) == ["李秘书", "李秘书"]
    # The window takes the name in its own field: --operator there is an error, not ignored.
    proc = run("desk", str(path), "--name", "1号台", "--operator", "x", ok=False)
    assert proc.returncode != 0 and "--headless" in proc.stderr
