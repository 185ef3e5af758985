"""Rosters in the shapes organizers really bring, in every workbook format SignDesk reads.

Each test builds the file (openpyxl, xlwt, odfpy), imports it, and asserts the
members as stored, the figures ``main.py stats --json`` prints, and the
findings the preview lists (skipped, hidden, inferred, states), exactly.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from roster_files import SheetSpec, write_ods, write_xls, write_xlsx

from data.store import Store
from kiosk.meeting import create_meeting
from kiosk.roster import RosterError, import_roster, parse_roster
from kiosk.roster.preview import preview

ROOT = Path(__file__).resolve().parents[2]
SERIAL_21256 = (date(1899, 12, 30) + timedelta(days=21256)).isoformat()  # Excel's epoch


def _branch_sheets() -> list[SheetSpec]:
    """A 党员花名册 with a sheet per branch, a 列席 sheet, a 统计 sheet and a hidden sheet."""
    first = SheetSpec("第一支部", [
        ["北郊居民区第一支部党员花名册"],
        ["序号", "姓名", "性别", "出生年月", "类别", "状态", "手机", "备注"],
        [1, "王　伟", "男", 1970.1, "正式党员", "",
         "15158923991/68237387", "藏在隐藏列里"],
        [2, "李娜", "女", "58.03", "预备党员", "请假", "无"],
        [3, "张强", "男", 21256, "正式党员", "", "13800000003"],
        [4, "赵敏", "女", datetime(1960, 5, 1), "正式党员", "中止表决权", "13800000004"],
        [5, "钱进", "男", "1966.12", "正式党员", "出国", "13800000005"],
        [6, "孙立", "男", "1950.01", "正式党员", "", "13800000006"],
        ["合计", "6人"],
        ["制表人：刘红", "", "", "审核人：陈明"],
    ], hidden_rows={7}, hidden_columns={7}, merged=[(0, 0, 0, 7)],
        formats={(2, 3): "0.00"})
    second = SheetSpec("第二支部", [
        ["姓名", "性别", "出生年月", "政治面貌", "党籍状态", "是否失联党员", "是否流动党员"],
        ["阿依古丽·买买提", "女", "1980-01-01", "中共党员", "正常", "否", "是"],
        ["周 杰", "男", "1975.06", "中共预备党员", "正常", "否", "否"],
        ["吴刚", "男", "1948.03", "中共党员", "停止党籍", "否", "否"],
        ["郑华", "女", "1955.07", "中共党员", "正常", "是", "否"],
        [],
        ["小计：4人"],
    ])
    observers = SheetSpec("列席人员", [["姓名", "单位"], ["冯书记", "街道党工委"]])
    stats = SheetSpec("统计", [["支部", "人数"], ["第一支部", 6], ["第二支部", 4]])
    gone = SheetSpec("已转出", [["姓名", "性别"], ["陈旧", "男"]], hidden=True)
    return [first, second, observers, stats, gone]


EXPECTED_MEMBERS = {
    # name: (branch, category, status, birth, phone, vote_suspended, lost, mobile, case, source)
    "王伟": ("第一支部", "full", "active", "1970-10", "15158923991", False, False, False, "", ""),
    "李娜": ("第一支部", "probationary", "leave", "1958-03", "", False, False, False, "", ""),
    "张强": ("第一支部", "full", "active", SERIAL_21256, "13800000003", False, False, False, "",
           ""),
    "赵敏": ("第一支部", "full", "active", "1960-05-01", "13800000004", True, False, False, "", ""),
    "钱进": ("第一支部", "full", "leave", "1966-12", "13800000005", False, False, False, "", ""),
    "阿依古丽·买买提": ("第二支部", "full", "active", "1980-01-01", "", False, False, True, "", ""),
    "周杰": ("第二支部", "probationary", "active", "1975-06", "", False, False, False, "", ""),
    "吴刚": ("第二支部", "full", "excluded", "1948-03", "", False, False, False, "party_stopped",
           "roster"),
    "郑华": ("第二支部", "full", "active", "1955-07", "", False, True, False, "", ""),
    "冯书记": ("列席人员", "observer", "active", "", "", False, False, False, "", ""),
}
EXPECTED_STATS = {
    "expected": 8, "present": 0, "voting_expected": 5, "on_leave": 2, "excluded": 1,
    "observers": 1, "vote_suspended": 1, "lost_contact": 1, "mobile": 1,
    "branches": {"第一支部": (5, 3), "第二支部": (3, 2), "列席人员": (0, 0)},
}


def _stats(path: Path) -> dict:
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "stats", str(path), "--json"],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _import(tmp_path: Path, roster_file: Path, **kw: bool) -> tuple[Path, object]:
    meeting = tmp_path / f"{roster_file.name}.sqlite"
    roster = parse_roster(roster_file, **kw)
    with create_meeting(meeting, title="党员大会", date="2026-11-28") as store:
        import_roster(store, roster, "t")
    return meeting, roster


def _members(meeting: Path) -> dict[str, tuple]:
    with Store.open(meeting) as store:
        return {m.name: (m.branch, m.category, m.status, m.birth_date, m.phone, m.vote_suspended,
                         m.lost_contact, m.mobile, m.exclusion_case, m.state_source)
                for m in store.members()}


def _check_stats(stats: dict, expected: dict) -> None:
    for key, value in expected.items():
        if key == "branches":
            got = {b["name"]: (b["expected"], b["voting_expected"]) for b in stats["branches"]}
            assert got == value
        else:
            assert stats[key] == value, key


def _finding_texts(roster) -> set[tuple[str, str, int | None, str]]:
    """(kind, sheet, row, message) of every finding."""
    out = set()
    for f in roster.findings:
        sheet = f.file.split("[")[-1].rstrip("]") if "[" in f.file else ""
        out.add((f.kind, sheet, f.row, f.message))
    return out


def _build(kind: str, tmp_path: Path) -> Path:
    if kind == "xlsx":
        return write_xlsx(tmp_path / "花名册.xlsx", _branch_sheets())
    if kind == "xls":
        return write_xls(tmp_path / "花名册.xls", _branch_sheets())
    if kind == "et":  # WPS .et files are BIFF8 workbooks in practice
        return write_xls(tmp_path / "花名册.et", _branch_sheets())
    if kind == "ods":
        return write_ods(tmp_path / "花名册.ods", _branch_sheets())
    if kind == "renamed":  # an .xls saved under an .xlsx name
        built = write_xls(tmp_path / "real.xls", _branch_sheets())
        return Path(shutil.copy(built, tmp_path / "花名册.xlsx"))
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["xlsx", "xls", "et", "ods", "renamed"])
def test_a_roster_with_a_sheet_per_branch_in_every_format(tmp_path: Path, kind: str) -> None:
    path = _build(kind, tmp_path)
    meeting, roster = _import(tmp_path, path)
    assert _members(meeting) == EXPECTED_MEMBERS
    with Store.open(meeting) as store:
        wang = next(m for m in store.members() if m.name == "王伟")
        assert wang.notes == "其他电话：68237387"  # the hidden 备注 column was not read
    _check_stats(_stats(meeting), EXPECTED_STATS)

    found = _finding_texts(roster)
    expected = {
        ("skipped", "第一支部", 1, "title row skipped: 北郊居民区第一支部党员花名册"),
        ("skipped", "第一支部", 9, "totals row skipped: 合计 6人"),
        ("skipped", "第一支部", 10, "footer row skipped: 制表人：刘红 审核人：陈明"),
        ("skipped", "第二支部", 6, "blank row skipped"),
        ("skipped", "第二支部", 7, "totals row skipped: 小计：4人"),
        ("hidden", "第一支部", 8, "hidden row not imported: 孙立"),
        ("hidden", "已转出", None, "hidden sheet '已转出' (2 filled rows) not imported"),
        ("sheet", "统计", None, "sheet '统计' is not a roster (no 姓名 column): skipped"),
        ("sheet", "第一支部", None, "no branch column: sheet '第一支部' is read as branch 第一支部"),
        ("sheet", "列席人员", None, "sheet '列席人员': everyone on it is an observer "
                                     "(列席: neither expected nor present)"),
        ("inferred", "第一支部", 3, "padding removed from name '王\u3000伟': 王伟"),
        ("inferred", "第二支部", 3, "padding removed from name '周 杰': 周杰"),
        ("inferred", "第一支部", 4, "two-digit year '58.03' read as 1958-03"),
        ("inferred", "第一支部", 5, f"Excel date serial 21256 read as {SERIAL_21256}"),
        ("inferred", "第一支部", 3,
         "phone '15158923991/68237387': kept 15158923991, the rest put in notes"),
        ("state", "第二支部", 4,
         "吴刚: 停止党籍 — not expected (a listed case), from the roster"),
        ("state", "第一支部", 6, "赵敏: vote suspended — expected, no vote"),
        ("state", "第二支部", 5, "郑华: lost contact (失联) — expected; record an approved "
                              "exclusion if the rules allow"),
        ("state", "第二支部", 2, "阿依古丽·买买提: mobile member (流动) — expected"),
        ("state", "第一支部", 7, "钱进: 出国 — imported as on leave (expected); proposed "
                              "exclusion (出国出境不能回来) to confirm"),
    }
    expected.add(("inferred", "第一支部", 3,
                  "number 1970.1 shown as 1970.10 (format 0.00) read as 1970-10"))
    expected.add(("hidden", "第一支部", None, "hidden column 备注 not imported"))
    missing = expected - found
    assert not missing, sorted(missing)
    kinds = {f.kind for f in roster.findings}
    assert kinds <= {"file", "sheet", "skipped", "hidden", "inferred", "state"}
    renamed = [f for f in roster.findings if f.kind == "file"]
    if kind == "renamed":
        assert [f.message for f in renamed] == [
            "the file is named .xlsx but holds old Excel / WPS workbook (.xls, .et): read as such"]
    else:
        assert renamed == []
    p = preview(roster)
    assert (p.expected, p.voting_expected, p.proposed) == (8, 5, 1)
    assert p.excluded == [("吴刚", "第二支部", "停止党籍")]
    assert {s.name: s.role for s in roster.sheets} == {
        "第一支部": "members", "第二支部": "members", "列席人员": "observers", "统计": "skipped",
        "已转出": "hidden"}


def test_hidden_parts_and_proposed_exclusions_when_the_organizer_asks(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "花名册.xlsx", _branch_sheets())
    meeting, roster = _import(tmp_path, path, include_hidden=True, confirm_proposed=True)
    members = _members(meeting)
    assert members["孙立"][:3] == ("第一支部", "full", "active")
    assert members["陈旧"][:3] == ("已转出", "full", "active")
    assert members["钱进"][2] == "excluded" and members["钱进"][8:] == ("abroad", "roster")
    with Store.open(meeting) as store:
        wang = next(m for m in store.members() if m.name == "王伟")
        assert wang.notes == "藏在隐藏列里；其他电话：68237387"
    stats = _stats(meeting)
    # +孙立 +陈旧 expected and voting; 钱进 leaves expected and voting.
    assert (stats["expected"], stats["voting_expected"], stats["excluded"]) == (9, 6, 2)


def _national_export() -> list[SheetSpec]:
    header = ["序号", "姓名", "性别", "公民身份证号码", "民族", "出生日期", "学历", "人员类别",
              "所在党支部", "加入党组织日期", "转为正式党员日期", "工作岗位", "联系电话", "固定电话",
              "家庭住址", "党籍状态", "是否失联党员", "是否流动党员", "外出流向"]
    rows = [
        ["中共北郊居民区总支部委员会党员信息"],
        ["导出时间：2026-11-20"],
        header,
        [1, "王伟", "男", "310101197010011237", "汉族", datetime(1970, 10, 1), "大专", "正式党员",
         "第一党支部", datetime(1995, 7, 1), datetime(1996, 7, 1), "退休", "15158923991", "",
         "（住址）", "正常", "否", "否", ""],
        [2, "李娜", "女", "310101198503120022", "汉族", datetime(1985, 3, 12), "本科", "预备党员",
         "第一党支部", datetime(2026, 1, 5), None, "职员", "无", "021-68237387", "", "正常", "否",
         "否", ""],
        [3, "张强", "男", "310101195803110017", "回族", datetime(1958, 3, 11), "高中", "正式党员",
         "第二党支部", datetime(1980, 1, 1), datetime(1981, 1, 1), "退休", "13800000003", "", "",
         "停止党籍", "否", "否", ""],
        [4, "赵敏", "女", "310101196005010024", "汉族", datetime(1960, 5, 1), "大专", "正式党员",
         "第二党支部", datetime(1985, 1, 1), datetime(1986, 1, 1), "", "13800000004", "", "",
         "正常", "是", "否", ""],
        [5, "钱进", "男", "310101196612010018", "汉族", datetime(1966, 12, 1), "本科", "正式党员",
         "第二党支部", datetime(1990, 1, 1), datetime(1991, 1, 1), "", "13800000005", "", "",
         "正常", "否", "是", "江苏省苏州市"],
        ["合计：5人"],
    ]
    return [SheetSpec("党员信息", rows, merged=[(0, 0, 0, 18), (1, 0, 1, 18)])]


def test_the_national_systems_export(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "党员信息导出.xlsx", _national_export())
    meeting, roster = _import(tmp_path, path)
    members = _members(meeting)
    assert members == {
        "王伟": ("第一党支部", "full", "active", "1970-10-01", "15158923991", False, False, False,
               "", ""),
        "李娜": ("第一党支部", "probationary", "active", "1985-03-12", "02168237387", False, False,
               False, "", ""),
        "张强": ("第二党支部", "full", "excluded", "1958-03-11", "13800000003", False, False, False,
               "party_stopped", "roster"),
        "赵敏": ("第二党支部", "full", "active", "1960-05-01", "13800000004", False, True, False,
               "", ""),
        "钱进": ("第二党支部", "full", "active", "1966-12-01", "13800000005", False, False, True,
               "", ""),
    }
    stats = _stats(meeting)
    _check_stats(stats, {"expected": 4, "voting_expected": 3, "excluded": 1, "lost_contact": 1,
                         "mobile": 1, "branches": {"第一党支部": (2, 1), "第二党支部": (2, 2)}})
    assert roster.ignored_columns == ["序号", "民族", "加入党组织日期", "工作岗位", "家庭住址",
                                      "外出流向"]
    assert roster.unknown_columns == []
    found = _finding_texts(roster)
    assert ("skipped", "", 1, "title row skipped: 中共北郊居民区总支部委员会党员信息") in found
    assert ("skipped", "", 2, "title row skipped: 导出时间：2026-11-20") in found
    assert ("skipped", "", 9, "totals row skipped: 合计：5人") in found
    with Store.open(meeting) as store:  # ID numbers are checked, not stored (least data)
        dump = "\n".join(store.db.iterdump())
    assert "310101197010011237" not in dump


def test_a_two_level_header_with_merged_cells(tmp_path: Path) -> None:
    rows = [
        ["党员花名册"],
        ["姓名", "基本信息", "", "", "党内信息", "", "", "联系方式", ""],
        ["", "性别", "出生年月", "学历", "所在支部", "类别", "状态", "联系电话\n（手机）", "固定电话"],
        ["王伟", "男", "1970.10", "大专", "第一支部", "正", "", "15158923991", ""],
        ["李娜", "女", "1985.03", "本科", "第一支部", "预", "因病请假", "", "68237387"],
        ["张强", "男", "1958.03", "高中", "第二支部", "正", "卧床", "13800000003", ""],
    ]
    spec = SheetSpec("Sheet1", rows, merged=[(0, 0, 0, 8), (1, 0, 2, 0), (1, 1, 1, 3),
                                               (1, 4, 1, 6), (1, 7, 1, 8)])
    path = write_xlsx(tmp_path / "two-level.xlsx", [spec])
    meeting, roster = _import(tmp_path, path)
    members = _members(meeting)
    assert {n: m[:5] for n, m in members.items()} == {
        "王伟": ("第一支部", "full", "active", "1970-10", "15158923991"),
        "李娜": ("第一支部", "probationary", "leave", "1985-03", "68237387"),
        "张强": ("第二支部", "full", "leave", "1958-03", "13800000003"),
    }
    assert roster.columns["phone"] == "联系电话\n（手机）"
    found = _finding_texts(roster)
    assert ("skipped", "", 2, "group row of a two-level header skipped: "
                               "姓名 基本信息 党内信息 联系方式") in found
    assert ("state", "", 6, "张强: 卧床 — imported as on leave (expected); proposed exclusion "
                            "(年老体弱卧床不起、生活不能自理) to confirm") in found
    _check_stats(_stats(meeting), {"expected": 3, "voting_expected": 2, "on_leave": 2})


@pytest.mark.parametrize("column", [("政治面貌", "中共预备党员", "中共党员"),
                                    ("类别", "预备党员", "正式党员"),
                                    ("人员类别", "预备党员", "正式党员"),
                                    ("党员身份", "预", "正")])
def test_probationary_members_count_alike_whichever_column_says_so(
        tmp_path: Path, column: tuple[str, str, str]) -> None:
    header, prob, full = column
    path = tmp_path / "r.csv"
    path.write_text(f"姓名,支部,{header}\n甲,第一支部,{prob}\n乙,第一支部,{full}\n"
                    f"丙,第一支部,{full}\n", encoding="utf-8")
    meeting, _ = _import(tmp_path, path)
    stats = _stats(meeting)
    assert (stats["expected"], stats["voting_expected"]) == (3, 2)


def test_conflicting_category_columns_are_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("姓名,支部,类别,政治面貌\n甲,第一支部,正式党员,中共预备党员\n",
                    encoding="utf-8")
    with pytest.raises(RosterError, match="the category columns disagree") as err:
        parse_roster(path)
    assert "类别各列不一致" in err.value.zh


def test_a_full_date_column_marks_probationary_members_without_a_category(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("姓名,支部,转正日期\n甲,第一支部,预备期\n乙,第一支部,1990-07-01\n",
                    encoding="utf-8")
    roster = parse_roster(path)
    assert [r.category for r in roster.rows] == ["probationary", "full"]


def test_scientific_notation_ids_and_numbers_are_refused_never_kept(tmp_path: Path) -> None:
    spec = SheetSpec("Sheet1", [
        ["姓名", "支部", "公民身份证号码", "党员编号"],
        ["王伟", "第一支部", 3.10101197010011e17, "0001"],
        ["李娜", "第一支部", "3.10101E+17", "0002"],
        ["张强", "第一支部", "310101195803110018", "1.10101E+17"],
    ])
    path = write_xlsx(tmp_path / "ids.xlsx", [spec])
    with pytest.raises(RosterError) as err:
        parse_roster(path)
    got = [(p.row, p.column, p.message) for p in err.value.problems]
    assert got == [
        (2, "C (公民身份证号码)", "the ID number is stored as a number, so its last digits are "
                            "lost (Excel keeps 15): format the column as text and type it again"),
        (3, "C (公民身份证号码)", "ID number 3.10101E+17 is in scientific notation: its digits "
                            "are lost"),
        (4, "D (党员编号)", "1.10101E+17 is a number in scientific notation: its digits are lost; "
                        "format the column as text and type it again"),
        (4, "C (公民身份证号码)", "ID number **************0018 has a wrong check digit (a typo?)"),
    ]


def test_a_bare_number_that_could_be_two_months_is_a_problem(tmp_path: Path) -> None:
    spec = SheetSpec("Sheet1", [["姓名", "支部", "出生年月"], ["王伟", "第一支部", 1970.1],
                                ["李娜", "第一支部", 1985.12]])
    path = write_xlsx(tmp_path / "months.xlsx", [spec])
    with pytest.raises(RosterError) as err:
        parse_roster(path)
    (p,) = err.value.problems
    assert (p.row, p.message) == (
        2, "1970.1 could be January or October: type it as text (1970.10) or as a date")
    assert "可能是 1 月也可能是 10 月" in p.zh()


def test_an_et_that_is_an_ooxml_package_reads_too(tmp_path: Path) -> None:
    built = write_xlsx(tmp_path / "x.xlsx", _national_export())
    et = Path(shutil.copy(built, tmp_path / "名册.et"))
    roster = parse_roster(et)
    assert len(roster.rows) == 5 and roster.kind == "xlsx"
    assert [f.message for f in roster.findings if f.kind == "file"] == [
        "the file is named .et but holds Excel workbook (.xlsx): read as such"]


def test_preview_on_the_command_line(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "花名册.xlsx", _branch_sheets())
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "import",
                           str(tmp_path / "m.sqlite"), str(path), "--preview"],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "10 people in 3 branches; expected 8, voting expected 5" in out
    assert "excluded: 吴刚 (第二支部) — 停止党籍" in out
    assert "hidden row not imported: 孙立" in out
    assert not (tmp_path / "m.sqlite").exists()  # a preview writes nothing
