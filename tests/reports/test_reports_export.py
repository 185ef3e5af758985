"""Attendance exported as XLSX and CSV, read back with openpyxl and csv."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

import main
from data.store import Store
from kiosk.turnout import tally_of
from reports.export import HEADERS, export_attendance


def _check_rows(rows: list[list[str]], store: Store) -> None:
    members = store.members()
    assert rows[0] == HEADERS
    assert len(rows) - 1 == len(members)
    col = {h: i for i, h in enumerate(HEADERS)}
    t = tally_of(store).figures().total
    expected = [r for r in rows[1:] if r[col["应到"]] == "是"]
    assert len(expected) == t.expected
    assert sum(r[col["实到"]] == "是" for r in expected) == t.present
    by_number = {r[col["党员编号"]]: r for r in rows[1:]}
    for m in members:
        r = by_number[m.number]
        assert (r[col["姓名"]], r[col["支部"]], r[col["手机"]]) == (m.name, m.branch, m.phone)
    assert any(r[col["签到方式"]] == "纸质签到" for r in rows[1:])
    assert any(r[col["中途退场"]] == "是" for r in rows[1:])


def test_xlsx_keeps_numbers_as_text(held_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "a.xlsx"
    assert export_attendance(held_store, out) == len(held_store.members())
    ws = load_workbook(out).active
    rows = [[("" if v is None else v) for v in row] for row in ws.iter_rows(values_only=True)]
    _check_rows(rows, held_store)
    for cell in ws["G"][1:]:  # phones: text, every digit kept
        assert cell.data_type == "s" and cell.number_format == "@"
        assert len(cell.value) == 11


def test_csv_is_utf8_with_bom_for_excel(held: tuple, held_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    rc = main.main(["export", str(held[0]), "-o", str(out)])
    assert rc == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    _check_rows(rows, held_store)


def test_other_extensions_are_refused(held_store: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=".xlsx or .csv"):
        export_attendance(held_store, tmp_path / "a.txt")
