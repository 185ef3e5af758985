"""Attendance exported as a spreadsheet: XLSX (openpyxl) or CSV in UTF-8 with BOM.

The BOM makes Excel on Chinese Windows open the CSV as UTF-8 instead of GBK.
Phone and member numbers are written as text so Excel keeps every digit.

Every cell is inert: names, branch and desk names come from roster files and
from the network, so each cell goes through ``cell_text`` (no control
characters; a leading = + - @ tab or CR gets a single quote, as OWASP's CSV
injection guidance says), every XLSX cell is stored as a string, never as a
formula, and every CSV field is quoted. The file is owner-only and appears
whole or not at all (an export that fails leaves the previous one as it was).
"""

from __future__ import annotations

import csv
import logging
from pathlib import Path

from data.private import replace_private
from data.store import Store
from kiosk.model import is_expected
from kiosk.safetext import cell_row
from kiosk.times import PROBLEM_ZH, read_time
from kiosk.turnout import tally_of
from kiosk.vocabulary import category_label, method_label, status_label

log = logging.getLogger(__name__)

HEADERS = ["序号", "党员编号", "姓名", "支部", "性别", "出生年月", "手机", "类别", "状态",
           "原因", "应到", "实到", "签到时间", "签到台", "签到方式", "中途退场", "签到时间存疑"]


def attendance_rows(store: Store) -> list[list[str]]:
    """One row per member on the roster, in branch order, as text cells.

    The cells are the stored text as it is; ``export_attendance`` makes them inert.
    """
    tally = tally_of(store)
    day = store.meeting().date
    rows = []
    for n, m in enumerate(store.members(), start=1):
        p = tally.presence(m.id)
        a = p.arrival
        expected = is_expected(m.category, m.status)
        # A stored time that cannot be read or is on another day is written as
        # stored (bounded) and flagged in the last column, never dropped.
        t = read_time(a.at, day) if a else None
        rows.append([
            str(n), m.number or "", m.name, m.branch, m.gender, m.birth_date, m.phone,
            category_label(m.category), status_label(m.status), m.status_reason,
            "是" if expected else "否", "是" if p.attended else "否",
            t.shown("%Y-%m-%d %H:%M:%S") if t else "", a.desk if a else "",
            method_label(a.method) if a else "",
            "是" if p.attended and not p.in_hall else "",
            PROBLEM_ZH[t.problem] if t and t.problem else "",
        ])
    return rows


def export_attendance(store: Store, output: str | Path) -> int:
    """Write the attendance list to .xlsx or .csv; returns the number of members."""
    output = Path(output)
    kind = output.suffix.lower()
    if kind not in (".csv", ".xlsx"):
        raise ValueError(f"export writes .xlsx or .csv, not {output.suffix or 'no extension'}")
    rows = [cell_row(r) for r in attendance_rows(store)]
    with replace_private(output) as tmp:
        if kind == ".csv":
            _write_csv(tmp, rows)
        else:
            _write_xlsx(tmp, rows)
    return len(rows)


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        # Every field quoted, as OWASP advises: a separator inside a cell can
        # never start a new, unprotected cell.
        w = csv.writer(f, quoting=csv.QUOTE_ALL)
        w.writerow(HEADERS)
        w.writerows(rows)


def _write_xlsx(path: Path, rows: list[list[str]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "签到"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            # openpyxl turns any text starting with "=" into a formula; the
            # type is set back to string so that no cell is ever one.
            cell.data_type = TYPE_STRING
    for col in ("B", "G"):  # member number and phone stay text
        for cell in ws[col][1:]:
            cell.number_format = "@"
    ws.freeze_panes = "A2"
    wb.save(path)
