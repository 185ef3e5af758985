"""Builders of roster files in the shapes organizers bring: .xlsx (openpyxl), .xls and .et
(xlwt, BIFF8), .ods (odfpy). A sheet is given as rows of cell values; options say
which rows, columns and sheets are hidden, which cells carry a number format,
which ranges are merged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any


@dataclass
class SheetSpec:
    """One sheet to write: 0-based hidden rows/columns, formats by (row, col)."""

    name: str
    rows: list[list[Any]]
    hidden: bool = False
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2


def write_xlsx(path: Path, sheets: list[SheetSpec]) -> Path:
    """An .xlsx as Excel writes it (merged titles, hidden parts, number formats)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for spec in sheets:
        ws = wb.create_sheet(spec.name)
        for r, row in enumerate(spec.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None and value != "":
                    ws.cell(row=r, column=c, value=value)
        for (r, c), fmt in spec.formats.items():
            ws.cell(row=r + 1, column=c + 1).number_format = fmt
        for r in spec.hidden_rows:
            ws.row_dimensions[r + 1].hidden = True
        for c in spec.hidden_columns:
            ws.column_dimensions[get_column_letter(c + 1)].hidden = True
        for r1, c1, r2, c2 in spec.merged:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1,
                           end_column=c2 + 1)
        if spec.hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def write_xls(path: Path, sheets: list[SheetSpec]) -> Path:
    """A BIFF8 workbook (.xls; WPS .et files are this format in practice)."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for spec in sheets:
        ws = wb.add_sheet(spec.name)
        for r, row in enumerate(spec.rows):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                fmt = spec.formats.get((r, c))
                if fmt:
                    ws.write(r, c, value, xlwt.easyxf(num_format_str=fmt))
                elif isinstance(value, date | datetime):
                    ws.write(r, c, value, date_style)
                else:
                    ws.write(r, c, value)
        for r in spec.hidden_rows:
            ws.row(r).hidden = True
        for c in spec.hidden_columns:
            ws.col(c).hidden = True
        for r1, c1, r2, c2 in spec.merged:
            ws.merge(r1, r2, c1, c2)
        if spec.hidden:
            ws.visibility = 1
    wb.save(str(path))
    return path


def write_ods(path: Path, sheets: list[SheetSpec]) -> Path:
    """An OpenDocument spreadsheet (odfpy), with hidden rows/columns/sheets."""
    from odf.number import Number, NumberStyle
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    hidden_table = Style(name="hiddenTable", family="table")
    hidden_table.addElement(TableProperties(display=False))
    doc.automaticstyles.addElement(hidden_table)
    cell_styles: dict[str, Style] = {}
    for fmt in {f for spec in sheets for f in spec.formats.values()}:
        places = len(fmt.split(".")[1]) if "." in fmt else 0
        data = NumberStyle(name=f"N{len(cell_styles)}")
        data.addElement(Number(decimalplaces=places, minintegerdigits=1))
        doc.automaticstyles.addElement(data)
        cell = Style(name=f"ce{len(cell_styles)}", family="table-cell",
                     datastylename=f"N{len(cell_styles)}")
        doc.automaticstyles.addElement(cell)
        cell_styles[fmt] = cell
    for spec in sheets:
        table = Table(name=spec.name, stylename=hidden_table if spec.hidden else None) \
            if spec.hidden else Table(name=spec.name)
        width = max((len(r) for r in spec.rows), default=0)
        for c in range(width):
            table.addElement(TableColumn(visibility="collapse") if c in spec.hidden_columns
                             else TableColumn())
        for r, row in enumerate(spec.rows):
            tr = TableRow(visibility="collapse") if r in spec.hidden_rows else TableRow()
            for c, value in enumerate(row):
                fmt = spec.formats.get((r, c))
                if value is None or value == "":
                    tr.addElement(TableCell())
                elif isinstance(value, bool):
                    tr.addElement(TableCell(valuetype="string", stringvalue=str(value)))
                elif isinstance(value, int | float):
                    cell = TableCell(valuetype="float", value=value,
                                     stylename=cell_styles[fmt]) if fmt else \
                        TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=str(value)))
                    tr.addElement(cell)
                elif isinstance(value, date | datetime):
                    d = value.date() if isinstance(value, datetime) else value
                    cell = TableCell(valuetype="date", datevalue=d.isoformat())
                    cell.addElement(P(text=d.isoformat()))
                    tr.addElement(cell)
                else:
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=str(value)))
                    tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path
