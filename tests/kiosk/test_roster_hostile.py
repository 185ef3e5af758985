"""Hostile roster files: refused with the limit named, within a memory bound, nothing written.

Each file is read in a fresh Python process whose peak memory (ru_maxrss) is
measured: a shared-strings bomb of a few MB once got the import killed at 3 GB,
and a 40 MB CSV used 1.3 GB before it was refused.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from kiosk.roster import RosterError, limits, parse_roster

ROOT = Path(__file__).resolve().parents[2]
MEMORY_BOUND_MB = 400  # peak resident memory of a process refusing any file below

_CHILD = """
import json, sys
sys.path.insert(0, {root!r})
from kiosk.roster import RosterError, parse_roster
try:
    r = parse_roster({path!r})
    out = {{"rows": len(r.rows)}}
except RosterError as e:
    out = {{"problems": [p.message for p in e.problems], "zh": e.zh}}
# VmHWM is this process image's own peak: ru_maxrss would carry over the peak of
# the (large) pytest process that forked it, since Linux keeps it across execve.
with open("/proc/self/status") as status:
    hwm_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
out["peak_mb"] = hwm_kb / 1024
print(json.dumps(out, ensure_ascii=False))
"""


def _read_in_child(path: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", _CHILD.format(root=str(ROOT), path=str(path))],
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    print(path.name, out.get("problems"), f"peak {out['peak_mb']:.0f} MB")  # for -s runs
    return out


def _small_xlsx(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "支部"])
    ws.append(["张三", "第一支部"])
    wb.save(path)


def _rewrite(path: Path, replace: dict[str, bytes | None], add_stream: tuple[str, object] | None
             = None) -> None:
    """Rewrite an .xlsx part by part (None drops a part); ``add_stream`` writes a part from a
    generator of chunks, so a test never holds the inflated content in memory."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in parts.items():
            if name in replace:
                data = replace[name]
                if data is None:
                    continue
            if add_stream and name == add_stream[0]:
                continue
            z.writestr(name, data)
        if add_stream:
            with z.open(add_stream[0], "w", force_zip64=True) as f:
                for chunk in add_stream[1]:  # type: ignore[attr-defined]
                    f.write(chunk)


@pytest.mark.slow
def test_a_shared_strings_bomb_is_refused_before_it_inflates(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    _small_xlsx(path)

    def strings():  # ~600 MB of one repeated short string: a few hundred KB compressed
        yield b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/' \
              b'spreadsheetml/2006/main" count="60000000" uniqueCount="60000000">'
        block = b"<si><t>x</t></si>" * 65536
        for _ in range(570):
            yield block
        yield b"</sst>"

    _rewrite(path, {}, ("xl/sharedStrings.xml", strings()))
    assert path.stat().st_size < 3 * 2**20
    out = _read_in_child(path)
    assert "problems" in out, out
    (message,) = out["problems"]
    assert "inflate" in message and "MB" in message, message  # the limit is named
    assert "damaged" not in message
    assert out["peak_mb"] < MEMORY_BOUND_MB, out


def test_too_many_shared_strings_are_refused(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "strings.xlsx"
    _small_xlsx(path)  # openpyxl writes inline strings: add the table Excel would write
    sst = (b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
           b'2006/main" count="600" uniqueCount="600">'
           + b"".join(f"<si><t>人{i}</t></si>".encode() for i in range(600)) + b"</sst>")
    _rewrite(path, {}, ("xl/sharedStrings.xml", iter([sst])))
    monkeypatch.setattr(limits, "MAX_SHARED_STRINGS", 500)
    with pytest.raises(RosterError, match="more than 500 shared strings") as err:
        parse_roster(path)
    assert "共享字符串超过 500 个" in err.value.zh


def test_a_package_of_many_parts_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "parts.xlsx"
    _small_xlsx(path)
    with zipfile.ZipFile(path, "a") as z:
        for i in range(limits.MAX_ZIP_ENTRIES + 1):
            z.writestr(f"customXml/item{i}.xml", b"<a/>")
    with pytest.raises(RosterError, match=rf"parts \(at most {limits.MAX_ZIP_ENTRIES}\)"):
        parse_roster(path)


def test_a_part_that_inflates_far_more_than_a_sheet_does_is_a_bomb(tmp_path: Path) -> None:
    path = tmp_path / "ratio.xlsx"
    _small_xlsx(path)
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    padded = sheet.replace(b"<sheetData>", b"<sheetData>" + b" " * (20 * 2**20))
    _rewrite(path, {"xl/worksheets/sheet1.xml": padded})
    with pytest.raises(RosterError, match=r"inflates \d+ times \(at most 150 times") as err:
        parse_roster(path)
    assert "疑为压缩炸弹" in err.value.zh


def test_a_package_that_lies_about_its_sizes_is_damaged_not_read(tmp_path: Path) -> None:
    path = tmp_path / "liar.xlsx"
    _small_xlsx(path)
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    bigger = sheet.replace(b"</sheetData>", b"</sheetData>" + b"<!-- -->" * 200_000)
    _rewrite(path, {"xl/worksheets/sheet1.xml": bigger})
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    # Declare 1,000 bytes in the local header and the central directory.
    local = info.header_offset
    data[local + 22:local + 26] = (1000).to_bytes(4, "little")
    name = info.filename.encode()
    central = data.find(b"PK\x01\x02")
    while data[central + 46:central + 46 + len(name)] != name:
        central = data.find(b"PK\x01\x02", central + 4)
    data[central + 24:central + 28] = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(RosterError, match="damaged"):
        parse_roster(path)


def _write_csv(path: Path, rows: int, line: bytes) -> None:
    with path.open("wb") as f:
        f.write("姓名,支部\n".encode())
        chunk = line * 10_000
        for _ in range(rows // 10_000):
            f.write(chunk)


def test_a_40_mb_csv_of_tiny_cells_is_refused_within_the_memory_bound(tmp_path: Path) -> None:
    path = tmp_path / "cells.csv"
    _write_csv(path, 100_000, b"a," * 199 + b"a\n")  # 20 million one-letter cells
    assert path.stat().st_size >= 40 * 10**6
    out = _read_in_child(path)
    (message,) = out["problems"]
    assert f"more than {limits.MAX_CELLS} cells" in message, message
    assert f"超过 {limits.MAX_CELLS} 个" in out["zh"]
    assert out["peak_mb"] < MEMORY_BOUND_MB, out


def test_a_csv_of_too_many_rows_is_refused_within_the_memory_bound(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    _write_csv(path, 2_500_000, "张三,第一支部\n".encode())
    out = _read_in_child(path)
    (message,) = out["problems"]
    assert f"more than {limits.MAX_ROWS} rows" in message, message
    assert out["peak_mb"] < MEMORY_BOUND_MB, out


def test_a_csv_of_one_endless_line_or_cell_is_refused(tmp_path: Path) -> None:
    line = tmp_path / "line.csv"
    line.write_bytes("姓名,支部\n".encode() + b"x" * (30 * 2**20))
    out = _read_in_child(line)
    assert "characters" in out["problems"][0] and out["peak_mb"] < MEMORY_BOUND_MB, out
    cell = tmp_path / "cell.csv"
    cell.write_text("姓名,支部,备注\n张三,第一支部," + "长" * (limits.MAX_CELL_CHARS + 1) + "\n",
                    encoding="utf-8")
    with pytest.raises(RosterError, match=f"longer than {limits.MAX_CELL_CHARS} characters"):
        parse_roster(cell)


def test_a_file_beyond_the_size_limit_is_refused_unread(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    for name in ("big.xls", "big.csv", "big.xlsx"):
        path = tmp_path / name
        path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 2000)
        with pytest.raises(RosterError, match=r"too large \(0 MB; at most 0 MB\)"):
            parse_roster(path)


def test_a_web_page_saved_as_xls_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "导出.xls"
    path.write_text("<html><body><table><tr><td>姓名</td></tr></table></body></html>",
                    encoding="utf-8")
    with pytest.raises(RosterError, match="web page") as err:
        parse_roster(path)
    assert "另存为 .xlsx" in err.value.zh


@pytest.mark.parametrize(("cell", "said"), [("XFD1048576", "XFD1048576"), ("A1048576", "row 1048576"),
                                            ("GS2", "GS2")])
def test_a_cell_far_away_is_refused_before_the_sheet_is_sized_by_it(
        tmp_path: Path, cell: str, said: str) -> None:
    path = tmp_path / "far.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "支部"])
    ws.append(["张三", "第一支部"])
    ws[cell] = "x"  # a reader sizing the sheet by it would ask for billions of cells
    wb.save(path)
    out = _read_in_child(path)
    (message,) = out["problems"]
    assert message.startswith(f"sheet 'Sheet' has a cell at {said}, beyond 200 columns"), message
    assert out["peak_mb"] < MEMORY_BOUND_MB, out


def test_an_ods_repeating_a_filled_row_a_million_times_is_refused(tmp_path: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="名册")
    for values, repeat in ((["姓名", "支部"], 1), (["张三", "第一支部"], 1_000_000)):
        tr = TableRow(numberrowsrepeated=repeat) if repeat > 1 else TableRow()
        for v in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=v))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    path = tmp_path / "repeat.ods"
    doc.save(str(path))
    out = _read_in_child(path)
    assert out["problems"] == ["the spreadsheet repeats a filled cell or row 1000000 times: "
                               "beyond a roster's size"], out
    assert out["peak_mb"] < MEMORY_BOUND_MB, out
