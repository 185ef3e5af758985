"""Roster import: encodings, headers, validation with row and column, re-import."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from data.store import Store
from kiosk.meeting import create_meeting
from kiosk.roster import (
    RosterError,
    header_field,
    import_file,
    parse_birth_date,
    parse_roster,
    read_header,
    validate_table,
)

HEADER = "姓名,所在支部,党员编号,性别,出生年月,联系电话,党员类别,状态,原因,备注\n"
ROWS = (
    "张三,第一支部,310110000000000001,男,1965.03,13812345678,正式党员,,,\n"
    "李四,第一支部,310110000000000002,女,1970年5月,13900001111,预备党员,请假,生病,\n"
    "王五,第二支部,310110000000000003,男,1955-01-02,,留党察看,,,\n"
    "阿依古丽·买买提,第二支部,310110000000000004,女,19800101,15800002222,,核准不计,出国半年以上,\n"
    "赵𪚥,第三支部,310110000000000005,男,1990,,列席,,,\n"
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = create_meeting(tmp_path / "m.sqlite", title="t", date="2026-11-28")
    yield s
    s.close()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_are_detected(tmp_path: Path, store: Store, encoding: str) -> None:
    path = tmp_path / f"roster-{encoding}.csv"
    path.write_bytes((HEADER + ROWS).encode(encoding))
    report = import_file(store, path, "t")
    assert len(report.added) == 5
    members = {m.name: m for m in store.members()}
    assert "阿依古丽·买买提" in members and "赵𪚥" in members  # rare GB18030 character kept
    assert members["张三"].number == "310110000000000001"   # 18 digits stay text
    assert members["张三"].birth_date == "1965-03"
    assert members["李四"].birth_date == "1970-05" and members["李四"].status == "leave"
    assert members["王五"].category == "suspended"
    assert members["阿依古丽·买买提"].status == "excluded"
    assert members["阿依古丽·买买提"].status_reason == "出国半年以上"
    assert members["赵𪚥"].category == "observer"
    assert len(store.current_cards()) == 5


def test_gbk_without_bom(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("姓名,支部\n张三,第一支部\n".encode("gbk"))
    assert len(import_file(store, path, "t").added) == 1


def test_xlsx_with_numbers_as_cells(tmp_path: Path, store: Store) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Name", "Branch", "Number", "Phone", "Birth date", "Category", "Remarks", "Shoe size"])
    ws.append(["张三", "第一支部", "00123", 13812345678, "1965-03-12", "full", "", 42])
    ws.append(["李四", "第一支部", "00124", "139 0000 1111", None, "probationary", "x", 40])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    report = import_file(store, path, "t")
    assert report.unknown_columns == ("Shoe size",)
    m = store.member_by_number("00123")
    assert m.phone == "13812345678" and m.birth_date == "1965-03-12"
    assert store.member_by_number("00124").phone == "13900001111"


def test_every_problem_is_named_and_nothing_is_written(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER
        + ",第一支部,1,男,,,,,,\n"                   # row 2: no name
        + "甲,,2,男,,,,,,\n"                          # row 3: no branch
        + "乙,第一支部,3,男,1965-13,,,,,\n"            # row 4: bad month
        + "丙,第一支部,3,男,,,,,,\n"                   # row 5: duplicate number
        + "丁,第一支部,5,男,,,干部,,,\n"                # row 6: unknown category
        + "戊,第一支部,6,男,,,,核准不计,,\n"           # row 7: exclusion without reason
        + "己,第一支部,7,x,,12ab,,,,\n",              # row 8: gender and phone
        encoding="utf-8",
    )
    with pytest.raises(RosterError) as err:
        import_file(store, path, "t")
    found = {(p.row, (p.column or "")[:1]) for p in err.value.problems}
    assert {(2, "A"), (3, "B"), (4, "E"), (5, "C"), (6, "G"), (7, "I"), (8, "D"), (8, "F")} <= found
    text = str(err.value)
    assert "bad.csv, row 5, column C (党员编号): duplicate number 3 (also in row 4)" in text
    assert store.members() == [] and store.branches() == []


def test_missing_required_column(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "nobranch.csv"
    path.write_text("姓名,电话\n张三,13800000000\n", encoding="utf-8")
    with pytest.raises(RosterError, match="no 支部"):
        import_file(store, path, "t")


def test_column_mapping(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("姓名,所属党委\n张三,第一支部\n", encoding="utf-8")
    with pytest.raises(RosterError):
        import_file(store, path, "t")
    assert len(import_file(store, path, "t", {"所属党委": "branch"}).added) == 1


def test_reimport_updates_by_number_and_keeps_check_ins(tmp_path: Path, store: Store) -> None:
    from kiosk.checkin import Desk, check_in

    first = tmp_path / "v1.csv"
    first.write_text(HEADER + ROWS, encoding="utf-8")
    import_file(store, first, "t")
    zhang = store.member_by_number("310110000000000001")
    assert check_in(store, store.current_cards()[zhang.id], Desk("d")).recorded
    second = tmp_path / "v2.csv"
    lines = ROWS.splitlines()
    lines[0] = lines[0].replace("13812345678", "13812349999")
    lines = lines[:3] + ["新人,第三支部,310110000000000009,男,,,,,,"]
    second.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    report = import_file(store, second, "t")
    assert len(report.added) == 1
    assert report.changed == ((zhang.id, ("phone",)),)
    assert len(report.left_out) == 2
    assert store.member(zhang.id).phone == "13812349999"
    assert len(store.events_for(zhang.id)) == 1
    actions = [a[3] for a in store.audit_log()]
    assert actions.count("roster_import") == 2 and "member_changed" in actions


@pytest.mark.parametrize(("text", "expected"), [
    ("1965-03-12", "1965-03-12"), ("1965.03", "1965-03"), ("1965年3月", "1965-03"),
    ("1965年3月12日", "1965-03-12"), ("1965/3/12", "1965-03-12"), ("196503", "1965-03"),
    ("19650312", "1965-03-12"), ("1965", "1965"), ("1965-02-30", None), ("65.3", None),
    ("2999-01", None), ("abc", None),
])
def test_birth_dates(text: str, expected: str | None) -> None:
    assert parse_birth_date(text) == expected


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_as_csv_never_raise_nor_change_the_file(tmp_path: Path, store: Store,
                                                             raw: bytes) -> None:
    path = tmp_path / "random.csv"
    path.write_bytes(raw)
    before = store.data_version(), len(store.members())
    try:
        import_file(store, path, "t")
    except RosterError:
        pass
    else:
        # Random bytes that happen to form a valid roster are imported whole.
        return
    assert len(store.members()) == before[1]
    assert store.all("SELECT count(*) FROM audit")[0][0] == 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.text(max_size=12), max_size=6), max_size=8))
def test_random_tables_give_problems_not_exceptions(tmp_path_factory: pytest.TempPathFactory,
                                                    table: list[list[str]]) -> None:
    from kiosk.roster import validate_table

    try:
        validate_table([["姓名", "支部"], *table], "x.csv")
    except RosterError as err:
        assert err.problems


def test_roster_file_that_is_not_a_roster(tmp_path: Path) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(RosterError, match="looks like a workbook but is damaged"):
        parse_roster(junk)


def test_date_and_time_text_from_a_spreadsheet() -> None:
    # Dates that went through a program that writes a midnight time after them.
    assert parse_birth_date("1965-03-12 00:00:00") == "1965-03-12"


def test_numbers_added_later_update_the_members_not_duplicate_them(tmp_path: Path,
                                                                   store: Store) -> None:
    first = tmp_path / "v1.csv"
    first.write_text("姓名,支部\n张三,第一支部\n王伟,第一支部\n王伟,第一支部\n", encoding="utf-8")
    import_file(store, first, "t")
    assert len(store.members()) == 3
    # The same roster again: the two namesakes match the two members, not one.
    report = import_file(store, first, "t")
    assert report.added == () and report.left_out == ()
    # Now with member numbers: the same three people, no one added.
    second = tmp_path / "v2.csv"
    second.write_text("姓名,支部,编号\n张三,第一支部,001\n王伟,第一支部,002\n"
                      "王伟,第一支部,003\n", encoding="utf-8")
    report = import_file(store, second, "t")
    assert report.added == () and report.left_out == ()
    assert sorted(m.number for m in store.members()) == ["001", "002", "003"]
    assert len(store.current_cards()) == 3


def test_a_mapping_for_a_column_that_is_not_there_is_reported(tmp_path: Path,
                                                              store: Store) -> None:
    path = tmp_path / "r.csv"
    path.write_text("姓名,支部,联系人手机\n张三,第一支部,13812345678\n", encoding="utf-8")
    with pytest.raises(RosterError, match="联系手机.*not in the header"):
        import_file(store, path, "t", {"联系手机": "phone"})  # a typo for 联系人手机
    assert store.members() == []
    import_file(store, path, "t", {"联系人手机": "phone"})
    assert store.members()[0].phone == "13812345678"


def test_a_title_row_above_the_header(tmp_path: Path, store: Store) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["北郊居民区党员花名册"])
    ws.append(["姓名", "支部", "编号"])
    ws.append(["张三", "第一支部", "001"])
    path = tmp_path / "titled.xlsx"
    wb.save(path)
    report = import_file(store, path, "t")
    assert len(report.added) == 1 and report.unknown_columns == ()
    with pytest.raises(RosterError) as err:   # problems still name the sheet's rows
        validate_table([["花名册"], ["姓名", "支部"], ["", "第一支部"]], "t.xlsx")
    assert err.value.problems[0].row == 3


def _with_dimension(path: Path, ref: str) -> None:
    """Rewrite an xlsx file's sheet dimension, as some programs get it wrong."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    files[sheet] = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(),
                          files[sheet])
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)


def test_an_xlsx_claiming_the_whole_sheet_is_read_by_its_cells(tmp_path: Path,
                                                               store: Store) -> None:
    from kiosk.roster.reading import read_sheets
    from kiosk.roster.sniff import sniff

    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "支部"])
    ws.append(["张三", "第一支部"])
    ws["A5"] = "李四"
    ws["B5"] = "第二支部"
    path = tmp_path / "wide.xlsx"
    wb.save(path)
    _with_dimension(path, "A1:XFD1048576")
    table = read_sheets(sniff(path))[0].rows
    assert max(len(r) for r in table) == 2     # not 16,384 empty cells a row
    assert import_file(store, path, "t").added and len(store.members()) == 2


def test_a_roster_too_large_is_refused_before_reading_it_all(
        tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.roster import limits

    monkeypatch.setattr(limits, "MAX_ROWS", 3)
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "支部"])
    for i in range(10):
        ws.append([f"人{i}", "第一支部"])
    path = tmp_path / "many.xlsx"
    wb.save(path)
    with pytest.raises(RosterError, match="more than 3 rows"):
        import_file(store, path, "t")
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 100)
    big = tmp_path / "big.csv"
    big.write_text("姓名,支部\n" + "张三,第一支部\n" * 20, encoding="utf-8")
    with pytest.raises(RosterError, match="too large"):
        import_file(store, big, "t")
    assert store.members() == []


def test_compatibility_ideographs_from_gbk_are_kept_exactly_and_found(tmp_path: Path,
                                                                      store: Store) -> None:
    from kiosk.search import SearchIndex

    # 郎 as GBK writes it (FD9C, U+F92C): Unicode normalisation would turn it into
    # U+90CE, another code point: the name must stay as the organizer wrote it.
    name = "\uf92c小明"
    path = tmp_path / "gbk.csv"
    path.write_bytes(f"姓名,支部\n{name},第一支部\n".encode("gbk"))
    import_file(store, path, "t")
    assert store.members()[0].name == name
    index = SearchIndex(store.members())
    for query in ("郎小明", "\uf92c", "lang", "lxm"):
        assert [h.member.name for h in index.search(query)] == [name], query


def test_a_damaged_old_excel_file_says_it_cannot_be_opened(tmp_path: Path) -> None:
    old = tmp_path / "名册.xls"
    old.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504)  # an OLE2 header only
    with pytest.raises(RosterError, match=r"cannot open the workbook"):
        parse_roster(old)


def test_a_reimport_leaves_the_columns_its_file_lacks_alone(tmp_path: Path, store: Store) -> None:
    full = tmp_path / "full.csv"
    full.write_text(HEADER + ROWS, encoding="utf-8")
    import_file(store, full, "t")
    before = {m.id: m for m in store.members()}
    # Someone sent back only names, branches and phones: no number column, no
    # birth dates, statuses or categories. Nobody is duplicated, nothing else wiped.
    slim = tmp_path / "slim.csv"
    slim.write_text("姓名,支部,手机\n张三,第一支部,13812349999\n李四,第一支部,13900001111\n",
                    encoding="utf-8")
    report = import_file(store, slim, "t")
    assert report.added == ()
    zhang = store.member_by_number("310110000000000001")
    assert report.changed == ((zhang.id, ("phone",)),)
    assert zhang.phone == "13812349999"
    li = store.member_by_number("310110000000000002")
    assert (li.status, li.status_reason, li.category, li.birth_date) == (
        "leave", "生病", "probationary", "1970-05")
    assert {m.id for m in store.members()} == set(before)


def test_common_spellings_of_gender_and_leave(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "spellings.csv"
    path.write_text("姓名,支部,性别,状态\n张三,第一支部,男性,病假\n李四,第一支部,女性,事假\n",
                    encoding="utf-8")
    import_file(store, path, "t")
    got = {m.name: (m.gender, m.status) for m in store.members()}
    assert got == {"张三": ("男", "leave"), "李四": ("女", "leave")}


def test_read_header_is_the_row_parse_roster_uses_and_a_mapping_can_ignore(
        tmp_path: Path, store: Store) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["北郊居民区党员花名册"])   # a title row, then a branch column no alias names
    ws.append(["姓名", "所属党委", "手机", "联系电话"])
    ws.append(["张三", "第一支部", "13800000001", "021-5555"])
    path = tmp_path / "odd.xlsx"
    wb.save(path)
    assert read_header(path) == ["姓名", "所属党委", "手机", "联系电话"]
    assert [header_field(h) for h in read_header(path)] == ["name", None, "phone", "phone"]
    assert header_field("所属党委", {"所属党委": "branch"}) == "branch"
    with pytest.raises(RosterError) as err:  # two phone columns, no branch
        import_file(store, path, "t", {"所属党委": "branch"})
    assert [p.message for p in err.value.problems] == [
        "a second column for phone: already column C (手机)"]
    assert err.value.problems[0].row == 2
    report = import_file(store, path, "t", {"所属党委": "branch", "联系电话": ""})
    assert report.unknown_columns == ("联系电话",)
    assert [(m.branch, m.phone) for m in store.members()] == [("第一支部", "13800000001")]
