"""Every refusal of the domain layer carries a Chinese text beside its English one.

The windows show the Chinese one to Chinese organizers (ui.messages); the
English one stays what ``str()`` gives (logs, the command line, the tests).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kiosk.checkin import Desk, VoidError, void
from kiosk.meeting import SettingError, assign_desk, create_meeting, update_settings
from kiosk.members import MemberError, add_member, remove_member, set_status
from kiosk.messages import DomainError
from kiosk.model import Status
from kiosk.roster import Problem, RosterError, parse_roster, validate_table

KIOSK = Path(__file__).resolve().parents[2] / "kiosk"
DOMAIN_ERRORS = {"MemberError", "SettingError", "VoidError", "RosterTooLarge", "DomainError"}


def _calls(path: Path) -> list[tuple[str, ast.Call]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.func.id, node) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)]


ROSTER_MODULES = sorted(p.name for p in (KIOSK / "roster").glob("*.py"))


@pytest.mark.parametrize("module", ["roster", "members.py", "meeting.py", "checkin.py"])
def test_every_raise_and_problem_in_the_source_gives_a_chinese_text(module: str) -> None:
    paths = [KIOSK / "roster" / m for m in ROSTER_MODULES] if module == "roster" \
        else [KIOSK / module]
    calls = [c for p in paths for c in _calls(p)]
    checked = 0
    for name, call in calls:
        if name in DOMAIN_ERRORS or name in ("NotReadable", "BadValue"):
            # Re-raising with an exception's own texts passes them on as they are.
            assert len(call.args) == 2, f"{module}:{call.lineno}: {name} without Chinese"
        elif name == "Problem":
            assert len(call.args) == 5 or any(k.arg == "message_zh" for k in call.keywords), \
                f"{module}:{call.lineno}: Problem without Chinese"
        elif name == "bad":  # roster rows: bad(field, english, chinese)
            assert len(call.args) == 3, f"{module}:{call.lineno}: bad() without Chinese"
        else:
            continue
        checked += 1
    assert checked >= {"roster": 60, "members.py": 12, "meeting.py": 8, "checkin.py": 4}[module]


def test_problem_reads_as_a_chinese_organizer_writes_it() -> None:
    table = [["姓名", "支部", "党员编号"], ["张三", "第一支部", "1"], ["李四", "第一支部", "3"],
             ["王五", "第一支部", "3"]]
    with pytest.raises(RosterError) as caught:
        validate_table([["花名册"], *table], "roster.csv")
    (p,) = caught.value.problems
    assert str(p) == "roster.csv, row 5, column C (党员编号): duplicate number 3 (also in row 4)"
    assert p.zh() == "roster.csv 第5行 C列（党员编号）：党员编号 3 重复（第4行也有）"
    assert p.column_zh() == "C列（党员编号）"
    assert caught.value.zh.startswith("名册未导入（1 处问题）：\nroster.csv 第5行")
    assert str(caught.value).startswith("roster rejected (1 problems):")


def test_a_problem_without_chinese_keeps_its_english_message_in_chinese_places() -> None:
    p = Problem("a.csv", 2, "B (支部)", "cannot read")
    assert p.message_zh == ""
    assert p.zh() == "a.csv 第2行 B列（支部）：cannot read"
    assert Problem("a.csv", None, None, "x", "坏").zh() == "a.csv：坏"


def test_every_row_problem_of_a_bad_roster_has_chinese(tmp_path: Path) -> None:
    header = ["姓名", "支部", "党员编号", "性别", "出生日期", "手机", "类别", "状态", "原因"]
    rows = [
        ["", "第一支部", "1", "男", "1960-01-01", "13800000000", "", "", ""],
        ["张" * 60, "", "2", "x", "1960-13-01", "12ab", "党员?", "??", ""],
        ["李四", "第一支部", "2", "", "", "", "", "核准不计", ""],
        ["王五", "第一支部", 1e16, "", "", 1e16, "", "", ""],
    ]
    with pytest.raises(RosterError) as caught:
        validate_table([header, *rows], "r.xlsx")
    problems = caught.value.problems
    assert len(problems) >= 10
    for p in problems:
        assert p.message_zh, p
        assert p.zh() != str(p)
    texts = {p.message_zh for p in problems}
    assert "缺少姓名" in texts and "缺少支部" in texts
    assert "党员编号 2 重复（第3行也有）" in texts
    assert "核准不计须在“原因”列填写原因" in texts


def test_file_level_problems_have_chinese(tmp_path: Path) -> None:
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0")
    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n", encoding="utf-8")
    no_branch = tmp_path / "nobranch.csv"
    no_branch.write_text("姓名,备注\n张三,x\n", encoding="utf-8")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    for path, zh in [(xls, "无法按 CSV 文本读取此文件"), (empty, "文件是空的"),
                     (no_branch, "表头中没有“支部”列"), (broken, "文件扩展名为 .xlsx，内容却不是工作簿")]:
        with pytest.raises(RosterError) as caught:
            parse_roster(path)
        assert any(p.message_zh.startswith(zh) for p in caught.value.problems), (path, zh)


def test_domain_errors_carry_chinese_and_stay_english_for_str(tmp_path: Path) -> None:
    store = create_meeting(tmp_path / "m.sqlite", title="T", date="2026-11-28")
    try:
        mid, _ = add_member(store, name="张三", branch="第一支部", actor="t", number="1")
        refusals = [
            (lambda: set_status(store, mid, Status.EXCLUDED, " ", "t"),
             "an exclusion (核准不计) needs a reason", "核准不计须填写原因"),
            (lambda: add_member(store, name="李四", branch="第一支部", actor="t", number="1"),
             "number 1 is already in the roster", "党员编号 1 已在名册中"),
            (lambda: remove_member(store, mid, "", "t"),
             "removing a member needs a reason", "移出名册须填写原因"),
            (lambda: update_settings(store, "t", opens_at="10:00", closes_at="09:00"),
             "sign-in must open before it closes", "签到开始时间须早于结束时间"),
            (lambda: assign_desk(store, "没有的支部", "1号台", "t"),
             "no branch named '没有的支部'", "没有名为“没有的支部”的支部"),
            (lambda: void(store, "nope", "", Desk("1号台", "t")),
             "a void needs a reason", "撤销须填写原因"),
        ]
        for refuse, en, zh in refusals:
            with pytest.raises(DomainError) as caught:
                refuse()
            assert str(caught.value) == en
            assert caught.value.zh == zh
        assert issubclass(MemberError, ValueError) and issubclass(SettingError, DomainError)
        assert issubclass(VoidError, DomainError)
    finally:
        store.close()


def test_domain_error_without_chinese_is_still_an_error() -> None:
    exc = MemberError("plain")
    assert str(exc) == "plain" and exc.zh == ""
