"""The roster template: recognised headers, text-formatted digit columns, drop-down lists,
and what an organizer types into it imports as typed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from kiosk.roster import header_field, parse_roster
from kiosk.roster.template import COLUMNS

ROOT = Path(__file__).resolve().parents[2]


def test_the_template_from_the_command_line_imports_what_is_typed_into_it(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "template", str(path)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    wb = load_workbook(path)
    ws = wb["名册"]
    headers = [c.value for c in ws[1]]
    assert headers == [c[0] for c in COLUMNS]
    assert all(header_field(h) for h in headers), "every header is one the importer knows"
    for idx, (_h, _w, text, _choices, _what) in enumerate(COLUMNS, start=1):
        fmt = ws.cell(row=2, column=idx).number_format
        assert (fmt == "@") is text, (headers[idx - 1], fmt)
    lists = {str(dv.sqref).split(":")[0][:-1]: dv.formula1 for dv in ws.data_validations.dataValidation}
    letter = {h: chr(65 + i) for i, h in enumerate(headers)}
    assert lists[letter["类别"]] == '"正式党员,预备党员,留党察看,列席"'
    assert lists[letter["状态"]] == '"正常,请假,核准不计,中止表决权"'
    assert "出国出境不能回来" in lists[letter["原因"]]
    assert "说明" in wb.sheetnames

    row = {"姓名": "王伟", "支部": "第一支部", "党员编号": "310110000000000001", "性别": "男",
           "出生年月": "1970.10", "手机": "13812345678", "类别": "预备党员", "状态": "正常"}
    row2 = {"姓名": "李四", "支部": "第一支部", "状态": "核准不计", "原因": "出国出境不能回来",
            "批准组织": "北郊街道党工委", "批准日期": "2026-11-20", "是否流动党员": "是"}
    for r, values in ((2, row), (3, row2)):
        for h, v in values.items():
            ws.cell(row=r, column=headers.index(h) + 1, value=v)
    wb.save(path)
    roster = parse_roster(path)
    wang, li = roster.rows
    assert (wang.number, wang.birth_date, wang.category) == ("310110000000000001", "1970-10",
                                                              "probationary")
    assert (li.status, li.exclusion_case, li.approved_by, li.approved_on, li.mobile) == (
        "excluded", "abroad", "北郊街道党工委", "2026-11-20", True)
    assert [s.role for s in roster.sheets if s.name == "说明"] == ["skipped"]

