"""Exports are inert: no live formula, no control character, whatever the file holds."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

import main
from kiosk.safetext import FORMULA_TRIGGERS, has_control
from reports.export import HEADERS, export_attendance
from tests.hostile_kit import ANSI, FORMULA, hostile_meeting, open_hostile


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.sqlite"
    hostile_meeting(path)
    return path


def _inert(value: str) -> None:
    assert not has_control(value), repr(value)
    assert value[:1] not in FORMULA_TRIGGERS, repr(value)
    assert value.lstrip(" \u3000")[:1] not in FORMULA_TRIGGERS, repr(value)


def test_xlsx_export_holds_no_formula_and_no_control_character(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.xlsx"
    rc = main.main(["export", str(hostile), "-o", str(out)])  # crashed on a control character
    assert rc == 0
    with zipfile.ZipFile(out) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet  # no formula element anywhere
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == 10
    for row in rows:
        for cell in row:
            assert cell.data_type in ("s", "inlineStr", "n")  # never "f", a formula
            if cell.value is not None:
                _inert(str(cell.value))
    names = [r[HEADERS.index("姓名")].value for r in rows]
    assert "'" + FORMULA in names  # kept, readable, and inert
    assert "[2J[31m王]0;pwned" in names  # the escapes' text stays, the ESC bytes go
    assert ANSI not in names
    desks = {r[HEADERS.index("签到台")].value for r in rows}
    assert "'=cmd|' /C calc'!A0[5m" in desks  # a desk name from the network, neutralised


def test_csv_export_quotes_every_field_and_neutralises_triggers(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    with open_hostile(hostile) as store:
        assert export_attendance(store, out) == 10
    raw = out.read_bytes().decode("utf-8-sig")
    for line in raw.splitlines():
        assert line.startswith('"')  # every field quoted (OWASP)
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == HEADERS
    assert len(rows) == 11  # a newline inside a name did not make an extra row
    for row in rows[1:]:
        assert len(row) == len(HEADERS)
        for value in row:
            _inert(value)
    phones = [r[HEADERS.index("手机")] for r in rows[1:]]
    assert "'=2+5" in phones
    numbers = [r[HEADERS.index("党员编号")] for r in rows[1:]]
    assert "'=N2" in numbers


def test_cards_png_dir_survives_a_long_branch_and_hostile_names(hostile: Path, tmp_path: Path) -> None:
    """A 1,260-byte branch name crashed `cards --png-dir` (ENAMETOOLONG)."""
    import reportkit as rk

    pngs = tmp_path / "pngs"
    rc = main.main(["cards", str(hostile), "-o", str(tmp_path / "c.pdf"), "--png-dir", str(pngs)])
    assert rc == 0
    files = sorted(pngs.iterdir())
    assert len(files) == 10  # one per member, none overwriting another
    with open_hostile(hostile) as store:
        codes = set(store.current_cards().values())
    found = set()
    for f in files:
        name = f.name
        assert len(name.encode("utf-8")) <= 120 and name.endswith(".png")
        assert not name.startswith(".") and not has_control(name)
        assert f.parent == pngs  # no separator took it elsewhere
        found.update(rk.qr_codes(f))
    assert found == codes  # every member's picture is there and reads
