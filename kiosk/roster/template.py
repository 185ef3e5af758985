"""The roster template an organizer fills in: recognised headers, text columns, drop-downs.

Columns that hold digits (member number, phone, birth month) are formatted as
text (文本), so Excel keeps 18-digit numbers and 1970.10 as typed; 类别, 状态,
原因 and the 是/否 columns offer drop-down lists of the words the importer
knows. A second sheet explains every column and the rule each state follows.
"""

from __future__ import annotations

from pathlib import Path

from data.private import replace_private
from kiosk.roster.states import RULES
from kiosk.vocabulary import EXCLUSION_CASES

# (header, width, text format, drop-down list, what to write)
COLUMNS: tuple[tuple[str, int, bool, tuple[str, ...], str], ...] = (
    ("姓名", 12, False, (), "必填；不要用空格对齐"),
    ("支部", 14, False, (), "必填；或每个支部一个工作表（工作表名即支部名），无需此列"),
    ("党员编号", 14, True, (), "可选；重新导入时按编号更新"),
    ("性别", 6, False, ("男", "女"), "男 / 女"),
    ("出生年月", 11, True, (), "如 1965.03 或 1965-03-12（文本格式，1970.10 不会变成 1970.1）"),
    ("学历", 8, False, (), "可选"),
    ("手机", 14, True, (), "一个号码；其他号码写在备注；没有可留空或写 无"),
    ("类别", 10, False, ("正式党员", "预备党员", "留党察看", "列席"), "默认正式党员"),
    ("状态", 10, False, ("正常", "请假", "核准不计", "中止表决权"), "默认正常"),
    ("原因", 24, False, tuple(label.zh for label in EXCLUSION_CASES.values()),
     "请假或核准不计的原因；核准不计须为所列情形之一，或写明其他原因"),
    ("批准组织", 16, False, (), "核准不计：批准的上级党组织"),
    ("批准日期", 11, True, (), "核准不计：批准日期，如 2026-11-20"),
    ("是否失联党员", 8, False, ("是", "否"), "是 / 否（失联党员仍计入应到）"),
    ("是否流动党员", 8, False, ("是", "否"), "是 / 否（流动党员仍计入应到）"),
    ("备注", 20, False, (), "可选"),
)
TEXT_ROWS = 2000  # rows formatted as text below the header


def write_template(path: str | Path) -> Path:
    """Write the roster template (.xlsx) to ``path``; returns the path."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "名册"
    ws.append([c[0] for c in COLUMNS])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="FFF2CC")
    for idx, (header, width, text, choices, _) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(idx)
        cell = ws.cell(row=1, column=idx)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center")
        ws.column_dimensions[letter].width = width + 2
        if text:
            ws.column_dimensions[letter].number_format = "@"
            for r in range(2, TEXT_ROWS + 2):
                ws.cell(row=r, column=idx).number_format = "@"
        if choices:
            # A reason may be other words (其他), so 原因's list suggests without refusing.
            dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"',
                                allow_blank=True, showErrorMessage=header != "原因")
            dv.error = f"请从列表中选择：{'、'.join(choices)}"
            dv.add(f"{letter}2:{letter}{TEXT_ROWS + 1}")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    help_ws = wb.create_sheet("说明")
    help_ws.append(["列", "填写说明"])
    for header, _, _, _, what in COLUMNS:
        help_ws.append([header, what])
    help_ws.append([])
    help_ws.append(["写法", "计数规则"])
    for rule in RULES:
        help_ws.append([rule.words, rule.rule_zh])
    help_ws.append([])
    help_ws.append(["", "“说明”工作表不是名册，导入时自动跳过。"])
    help_ws.column_dimensions["A"].width = 48
    help_ws.column_dimensions["B"].width = 70
    for row in help_ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    with replace_private(path) as tmp:  # owner-only, like every file SignDesk writes
        wb.save(tmp)
    return path
