"""Attendance exported as a spreadsheet: XLSX (openpyxl) or CSV in UTF-8 with BOM.

The BOM makes Excel on Chinese Windows open the CSV as UTF-8 instead of GBK.
Phone and member numbers are written as text so Excel keeps every digit.
"""

from __future__ import annotations

import csv
import logging
from pathlib import Path

from data.store import Store
from kiosk.model import CATEGORY_ZH, METHOD_ZH, STATUS_ZH, Category, Method, Status, is_expected
from kiosk.turnout import tally_of

log = logging.getLogger(__name__)

HEADERS = ["序号", "党员编号", "姓名", "支部", "性别", "出生年月", "手机", "类别", "状态",
           "原因", "应到", "实到", "签到时间", "签到台", "签到方式", "中途退场"]


def attendance_rows(store: Store) -> list[list[str]]:
    """One row per member on the roster, in branch order, as text cells."""
    tally = tally_of(store)
    rows = []
    for n, m in enumerate(store.members(), start=1):
        p = tally.presence(m.id)
        a = p.arrival
        expected = is_expected(m.category, m.status)
        rows.append([
            str(n), m.number or "", m.name, m.branch, m.gender, m.birth_date, m.phone,
            CATEGORY_ZH[Category(m.category)], STATUS_ZH[Status(m.status)], m.status_reason,
            "是" if expected else "否", "是" if p.attended else "否",
            a.at.replace("T", " ")[:19] if a else "", a.desk if a else "",
            METHOD_ZH[Method(a.method)] if a else "",
            "是" if p.attended and not p.in_hall else "",
        ])
    return rows


def export_attendance(store: Store, output: str | Path) -> int:
    """Write the attendance list to .xlsx or .csv; returns the number of members."""
    output = Path(output)
    rows = attendance_rows(store)
    if output.suffix.lower() == ".csv":
        with output.open("w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(HEADERS)
            w.writerows(rows)
    elif output.suffix.lower() == ".xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        ws = wb.active
        ws.title = "签到"
        ws.append(HEADERS)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r in rows:
            ws.append(r)
        for col in ("B", "G"):  # member number and phone stay text
            for cell in ws[col][1:]:
                cell.number_format = "@"
        ws.freeze_panes = "A2"
        wb.save(output)
    else:
        raise ValueError(f"export writes .xlsx or .csv, not {output.suffix or 'no extension'}")
    return len(rows)
