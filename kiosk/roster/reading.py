"""Reading every sheet of a roster file into rows of cell values, with what is hidden.

python-calamine reads .xlsx, .xls (and .et, which is BIFF8 in practice) and
.ods fast; what it does not see is read from the file itself: hidden rows,
columns and sheets (from the sheet XML, xlrd for BIFF, content.xml for ODS)
and, for the few cells that need it, the number format Excel shows them with
(openpyxl's table of built-in formats). CSV text is streamed with a memory
bound. Nothing here decides what a cell means: that is ``values``.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from kiosk.roster import limits
from kiosk.roster.limits import RosterTooLarge
from kiosk.roster.sniff import NotReadable, Sniffed

FormatOf = Callable[[int, int], str | None]


@dataclass
class Sheet:
    """One sheet: its rows (0-based, as in the file) and what the organizer hid in it."""

    name: str
    rows: list[list[Any]]
    hidden: bool = False
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()
    format_of: FormatOf | None = None  # the number format of a cell, when it can be told
    notes: list[tuple[str, str]] = field(default_factory=list)  # (en, zh) said about reading


def read_sheets(s: Sniffed) -> list[Sheet]:
    """Every sheet of a sniffed file, in workbook order (a CSV file is one sheet)."""
    if s.kind == "csv":
        return [read_csv(s.path)]
    return _read_workbook(s)


# ---- workbooks -------------------------------------------------------------------

def _read_workbook(s: Sniffed) -> list[Sheet]:
    import python_calamine as pc  # imported here: only workbooks need it

    try:
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(s.data))
    except Exception as exc:  # calamine raises its own kinds for damaged files
        raise NotReadable(f"cannot open the workbook ({exc}): it may be damaged or password-"
                          "protected; open it in Excel or WPS and save it as .xlsx",
                          f"无法打开此工作簿（{exc}）：文件可能已损坏或设有密码；请用 Excel 或 WPS "
                          "打开后另存为 .xlsx") from exc
    metas = wb.sheets_metadata
    if len(metas) > limits.MAX_SHEETS:
        raise RosterTooLarge(f"the workbook has {len(metas)} sheets (at most {limits.MAX_SHEETS})",
                             f"工作簿有 {len(metas)} 个工作表（最多 {limits.MAX_SHEETS} 个）")
    extra = {"xlsx": _xlsx_extras, "xls": _xls_extras, "ods": _ods_extras}[s.kind](s.data)
    sheets: list[Sheet] = []
    cells = 0
    try:
        for meta in metas:
            if str(meta.typ) not in ("SheetTypeEnum.WorkSheet", "WorkSheet"):
                continue  # chart sheets and macros hold no members
            ws = wb.get_sheet_by_name(meta.name)
            cells += ws.height * ws.width
            if cells > limits.MAX_CELLS:
                raise RosterTooLarge(f"the workbook has more than {limits.MAX_CELLS} cells",
                                     f"工作簿的单元格超过 {limits.MAX_CELLS} 个")
            rows = ws.to_python(skip_empty_area=False)
            hidden = "Visible" not in str(meta.visible)
            info = extra.get(meta.name, {})
            sheets.append(Sheet(meta.name, rows, hidden or bool(info.get("hidden")),
                                frozenset(info.get("rows", ())), frozenset(info.get("cols", ())),
                                info.get("format_of"), list(info.get("notes", ()))))
    except RosterTooLarge:
        raise
    except Exception as exc:
        raise NotReadable(f"cannot read the workbook: {exc}", f"无法读取此工作簿：{exc}") from exc
    finally:
        wb.close()
    return sheets


_ROW_HIDDEN = re.compile(rb'<row\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_COL_HIDDEN = re.compile(rb'<col\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_MIN_MAX = re.compile(rb'\bmin="(\d+)"[^>]*?\bmax="(\d+)"|\bmax="(\d+)"[^>]*?\bmin="(\d+)"')


def _xlsx_extras(data: bytes) -> dict[str, dict[str, Any]]:
    """Per sheet name: hidden rows and columns, sheet state, and a number-format lookup."""
    z = zipfile.ZipFile(io.BytesIO(data))
    wb_xml = ElementTree.fromstring(z.read("xl/workbook.xml"))
    rels_xml = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels_xml}
    styles = _XlsxStyles(z)
    out: dict[str, dict[str, Any]] = {}
    for el in wb_xml.iter():
        if not el.tag.endswith("}sheet"):
            continue
        rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
        target = targets.get(rid, "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        try:
            xml = z.read(part)
        except KeyError:
            continue
        _check_extent(el.get("name", ""), xml)
        rows = {int(m.group(1)) - 1 for r in _ROW_HIDDEN.finditer(xml)
                if (m := _ROW_NUMBER.search(r.group(0)))}
        cols: set[int] = set()
        for c in _COL_HIDDEN.finditer(xml):
            m = _MIN_MAX.search(c.group(0))
            if m:
                lo, hi = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
                cols.update(range(int(lo) - 1, min(int(hi), limits.MAX_COLUMNS)))
        out[el.get("name", "")] = {
            "hidden": el.get("state", "visible") != "visible", "rows": rows, "cols": cols,
            "format_of": styles.lookup(xml),
        }
    return out


# A cell or row far beyond a roster's size (column GS = 201 and over, row 210,000 and
# over): calamine sizes a sheet by its farthest cell, so two cells at A1 and XFD1048576
# would ask for 17 billion cells. One search each, before calamine reads the sheet.
_FAR_COLUMN = re.compile(rb'<c\b[^>]*?\br="(?:[A-Z]{3}|G[S-Z]|[H-Z][A-Z])\d')
_FAR_ROW = re.compile(rb'<(?:c|row)\b[^>]*?\br="[A-Z]{0,3}(?:\d{7,}|[3-9]\d{5}|2[1-9]\d{4})"')


def _check_extent(sheet: str, xml: bytes) -> None:
    far = _FAR_COLUMN.search(xml) or _FAR_ROW.search(xml)
    if far is not None:
        ref = re.compile(rb'\br="([A-Z]*\d+)"').search(xml, far.start())
        cell = ref.group(1).decode() if ref else "?"
        cell = f"row {cell}" if cell.isdigit() else cell
        raise RosterTooLarge(
            f"sheet {sheet!r} has a cell at {cell}, beyond {limits.MAX_COLUMNS} columns or "
            f"{limits.MAX_ROWS} rows",
            f"工作表“{sheet}”在 {cell.replace('row ', '第') + ('行' if cell.startswith('row ') else '')}"
            f" 有内容，超出 {limits.MAX_COLUMNS} 列或 {limits.MAX_ROWS} 行")


_ODS_FAR_CELL = re.compile(rb'<table:table-cell\b[^>]*?number-columns-repeated="(\d{4,})"'
                           rb'[^>]*?office:value-type')
_ODS_FAR_ROW = re.compile(rb'<table:table-row\b[^>]*?number-rows-repeated="(\d{4,})"[^>]*>'
                          rb'(.*?)</table:table-row>', re.S)


def _check_ods_extent(content: bytes) -> None:
    """Repeated rows or cells with content multiply into millions of cells: refuse them
    (LibreOffice repeats only empty rows and cells, which stay harmless)."""
    far = _ODS_FAR_CELL.search(content)
    if far is None:
        far = next((m for m in _ODS_FAR_ROW.finditer(content)
                    if b"office:value-type" in m.group(2)), None)
    if far is not None:
        n = int(far.group(1))
        raise RosterTooLarge(
            f"the spreadsheet repeats a filled cell or row {n} times: beyond a roster's size",
            f"电子表格把有内容的单元格或行重复了 {n} 次：超出名册的规模")


class _XlsxStyles:
    """Number formats of .xlsx cells, read only for the cells that ask (few do)."""

    def __init__(self, z: zipfile.ZipFile) -> None:
        self.z = z
        self._xf_formats: list[str] | None = None

    def _load(self) -> list[str]:
        from openpyxl.styles.numbers import BUILTIN_FORMATS  # Excel's built-in format codes

        try:
            root = ElementTree.fromstring(self.z.read("xl/styles.xml"))
        except KeyError:
            return []
        ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
        custom = {int(n.get("numFmtId", "0")): n.get("formatCode", "")
                  for n in root.iter(f"{ns}numFmt")}
        xfs = root.find(f"{ns}cellXfs")
        out = []
        for xf in (xfs if xfs is not None else []):
            fid = int(xf.get("numFmtId", "0"))
            out.append(custom.get(fid) or BUILTIN_FORMATS.get(fid, "General"))
        return out

    def lookup(self, xml: bytes) -> FormatOf:
        """A function giving the format code of cell (row, col) of this sheet's XML."""

        def format_of(row: int, col: int) -> str | None:
            if self._xf_formats is None:
                self._xf_formats = self._load()
            ref = f"{_letters(col)}{row + 1}".encode()
            m = re.search(rb'<c\b[^>]*?\br="' + ref + rb'"[^>]*>', xml)
            if m is None:
                return None
            s = re.search(rb'\bs="(\d+)"', m.group(0))
            i = int(s.group(1)) if s else 0
            return self._xf_formats[i] if i < len(self._xf_formats) else None

        return format_of


def _letters(idx: int) -> str:
    s = ""
    idx += 1
    while idx:
        idx, r = divmod(idx - 1, 26)
        s = chr(65 + r) + s
    return s


def _xls_extras(data: bytes) -> dict[str, dict[str, Any]]:
    """Hidden rows/columns/sheets and number formats of a BIFF workbook (.xls, .et), by xlrd."""
    try:
        import xlrd

        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except Exception as exc:  # noqa: BLE001 - xlrd fails on some writers' files; say so
        note = (f"hidden rows and columns could not be checked ({exc})",
                f"无法检查隐藏的行和列（{exc}）")
        return _AllSheets(note)
    out: dict[str, dict[str, Any]] = {}
    try:
        for i in range(book.nsheets):
            sh = book.sheet_by_index(i)

            def format_of(row: int, col: int, sh: Any = sh) -> str | None:
                try:
                    xf = book.xf_list[sh.cell_xf_index(row, col)]
                    return book.format_map[xf.format_key].format_str
                except (IndexError, KeyError):
                    return None

            out[sh.name] = {
                "hidden": sh.visibility != 0,
                "rows": {r for r, info in sh.rowinfo_map.items() if info.hidden},
                "cols": {c for c, info in sh.colinfo_map.items() if info.hidden},
                "format_of": format_of,
            }
    finally:
        book.release_resources()
    return out


class _AllSheets(dict):
    """The same extras for any sheet name (when they could not be read per sheet)."""

    def __init__(self, note: tuple[str, str]) -> None:
        super().__init__()
        self.note = note

    def get(self, key: object, default: Any = None) -> Any:
        return {"notes": [self.note]}


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_NUMBER = "{urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0}"


def _ods_extras(data: bytes) -> dict[str, dict[str, Any]]:
    """Hidden rows/columns (visibility collapse/filter) and sheets (display false) of an .ods."""
    z = zipfile.ZipFile(io.BytesIO(data))
    out: dict[str, dict[str, Any]] = {}
    _check_ods_extent(z.read("content.xml"))
    hidden_styles: set[str] = set()
    # Number formats, for the few float cells whose format shows decimals (1970.10):
    # data style -> code, cell style -> data style, then (row, col) -> code.
    number_codes: dict[str, str] = {}
    cell_data_style: dict[str, str] = {}
    formats: dict[tuple[int, int], str] = {}
    if "styles.xml" in z.namelist():
        _ods_styles(ElementTree.fromstring(z.read("styles.xml")), number_codes, cell_data_style)
    name, row, col = "", 0, 0
    cell_row, cell_col = 0, 0
    rows: set[int] = set()
    cols: set[int] = set()
    with z.open("content.xml") as f:
        for event, el in ElementTree.iterparse(f, events=("start", "end")):
            tag = el.tag
            if event == "start":
                if tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                    style = el.get(f"{_TABLE}style-name")
                    if (style and el.get(f"{_OFFICE}value-type") == "float"
                            and (code := number_codes.get(cell_data_style.get(style, "")))):
                        formats[(cell_row, cell_col)] = code
                    cell_col += int(el.get(f"{_TABLE}number-columns-repeated", "1"))
                    continue
                if tag == f"{_TABLE}table":
                    name, row, col, rows, cols = el.get(f"{_TABLE}name", ""), 0, 0, set(), set()
                    formats = {}
                    out[name] = {"hidden": el.get(f"{_TABLE}style-name") in hidden_styles,
                                 "rows": rows, "cols": cols,
                                 "format_of": lambda r, c, f=formats: f.get((r, c))}
                elif tag == f"{_TABLE}table-column":
                    n = min(int(el.get(f"{_TABLE}number-columns-repeated", "1")),
                            limits.MAX_COLUMNS)
                    if el.get(f"{_TABLE}visibility", "visible") != "visible":
                        cols.update(range(col, min(col + n, limits.MAX_COLUMNS)))
                    col += n
                elif tag == f"{_TABLE}table-row":
                    n = int(el.get(f"{_TABLE}number-rows-repeated", "1"))
                    cell_row, cell_col = row, 0
                    if el.get(f"{_TABLE}visibility", "visible") != "visible":
                        rows.update(range(row, min(row + n, row + limits.MAX_ROWS)))
                    row += n
                continue
            if tag == f"{_STYLE}style":
                props = el.find(f"{_STYLE}table-properties")
                if props is not None and props.get(f"{_TABLE}display") == "false":
                    hidden_styles.add(el.get(f"{_STYLE}name", ""))
            if tag == f"{_OFFICE}automatic-styles":
                _ods_styles(el, number_codes, cell_data_style)
            if tag in (f"{_TABLE}table-row", f"{_OFFICE}automatic-styles"):
                el.clear()  # keep memory flat on a large sheet
    return out


def _ods_styles(root: ElementTree.Element, number_codes: dict[str, str],
                cell_data_style: dict[str, str]) -> None:
    """Number styles that show decimals ('0.00') and the cell styles that use them."""
    for ns in root.iter(f"{_NUMBER}number-style"):
        num = ns.find(f"{_NUMBER}number")
        places = int(num.get(f"{_NUMBER}decimal-places", "0")) if num is not None else 0
        if places:
            number_codes[ns.get(f"{_STYLE}name", "")] = "0." + "0" * places
    for st in root.iter(f"{_STYLE}style"):
        data = st.get(f"{_STYLE}data-style-name")
        if data:
            cell_data_style[st.get(f"{_STYLE}name", "")] = data


# ---- CSV ---------------------------------------------------------------------------

MAX_LINE_CHARS = limits.MAX_COLUMNS * 64  # a roster line is a few hundred characters


def read_csv(path: Path) -> Sheet:
    """A CSV file as one sheet, streamed: UTF-8 (with or without BOM), else GB18030/GBK.

    Memory stays bounded: rows, cells, line length and cell size are limited and
    refused with the limit named; short repeated values share one string.
    """
    with path.open("rb") as f:
        head = f.read(4)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    elif head.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    else:
        encodings = ["utf-8", "gb18030"]  # Chinese Excel saves GBK (GB18030 is its superset)
    last: Exception | None = None
    for enc in encodings:
        try:
            return Sheet(path.stem, _csv_rows(path, enc))
        except UnicodeDecodeError as exc:
            last = exc
    assert last is not None
    raise NotReadable(f"cannot read the file as CSV text ({last.__class__.__name__})",
                      f"无法按 CSV 文本读取此文件（{last.__class__.__name__}）") from last


def _lines(f: io.TextIOBase) -> Iterator[str]:
    while line := f.readline(MAX_LINE_CHARS + 1):
        if len(line) > MAX_LINE_CHARS and not line.endswith("\n"):
            raise RosterTooLarge(
                f"a line longer than {MAX_LINE_CHARS} characters: not a roster",
                f"有一行超过 {MAX_LINE_CHARS} 个字符：不是名册")
        if "\x00" in line:
            raise NotReadable("cannot read the file as CSV text (it contains NUL bytes)",
                              "无法按 CSV 文本读取此文件（含有 NUL 字节）")
        yield line


def _csv_rows(path: Path, encoding: str) -> list[list[Any]]:
    rows: list[list[Any]] = []
    share: dict[str, str] = {}
    keep = share.setdefault
    cells = 0
    old_limit = csv.field_size_limit()
    csv.field_size_limit(limits.MAX_CELL_CHARS)
    try:
        with path.open("r", encoding=encoding, newline="") as f:
            sample = f.read(4096)
            f.seek(0)
            try:
                dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
            except csv.Error:
                dialect = csv.excel
            for raw in csv.reader(_lines(f), dialect):
                if len(rows) >= limits.MAX_ROWS + 1000:  # room for title, header and footer rows
                    raise RosterTooLarge(f"more than {limits.MAX_ROWS} rows",
                                         f"超过 {limits.MAX_ROWS} 行")
                while raw and not raw[-1]:
                    raw.pop()
                if len(raw) > limits.MAX_COLUMNS:
                    raise RosterTooLarge(
                        f"row {len(rows) + 1} has {len(raw)} cells (at most {limits.MAX_COLUMNS})",
                        f"第{len(rows) + 1}行有 {len(raw)} 个单元格（最多 {limits.MAX_COLUMNS} 个）")
                cells += len(raw)
                if cells > limits.MAX_CELLS:
                    raise RosterTooLarge(f"the file has more than {limits.MAX_CELLS} cells",
                                         f"文件的单元格超过 {limits.MAX_CELLS} 个")
                rows.append([keep(c, c) if len(c) <= 12 else c for c in raw])
    except csv.Error as exc:
        if "field larger" in str(exc):
            raise RosterTooLarge(
                f"row {len(rows) + 1} has a cell longer than {limits.MAX_CELL_CHARS} characters",
                f"第{len(rows) + 1}行有单元格超过 {limits.MAX_CELL_CHARS} 个字符") from exc
        raise NotReadable(f"cannot read the file as CSV text ({exc})",
                          f"无法按 CSV 文本读取此文件（{exc}）") from exc
    finally:
        csv.field_size_limit(old_limit)
    return rows


def decode_csv(raw: bytes) -> str:
    """UTF-8 (with or without BOM) or, as Chinese Excel writes it, GBK/GB18030."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")  # a superset of GBK; raises on garbage
