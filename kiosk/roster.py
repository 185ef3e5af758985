"""Importing the organizer's roster from Excel (.xlsx) or CSV.

Reading, mapping headers, and validating are separate steps so that the
organizer's window can preview a roster and list every problem before anything
is written. Any problem rejects the whole file; nothing is half-imported.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from data.errors import UserError
from data.records import MemberRecord
from data.store import Store, now_iso
from kiosk.changes import Changes
from kiosk.codes import new_code
from kiosk.messages import DomainError
from kiosk.model import Category, Status
from kiosk.pinyin import name_keys

log = logging.getLogger(__name__)

FIELDS = ("name", "branch", "number", "gender", "birth_date", "education", "phone",
          "category", "status", "reason", "notes")
REQUIRED = ("name", "branch")

# Header spellings seen in organizers' spreadsheets, normalised (no spaces, lower case).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "党员姓名", "名字", "name", "fullname"),
    "branch": ("支部", "所在支部", "所属支部", "党支部", "支部名称", "branch"),
    "number": ("党员编号", "编号", "序号编号", "number", "memberno", "memberid", "id"),
    "gender": ("性别", "gender", "sex"),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "生日", "birthdate", "birth", "dob"),
    "education": ("学历", "文化程度", "education"),
    "phone": ("手机", "手机号", "手机号码", "联系电话", "电话", "联系方式", "phone", "mobile", "tel"),
    "category": ("类别", "党员类别", "人员类别", "身份", "category", "type"),
    "status": ("状态", "参会状态", "出席状态", "status"),
    "reason": ("原因", "请假原因", "不计原因", "核准原因", "说明原因", "reason"),
    "notes": ("备注", "notes", "note", "remarks"),
}
_ALIAS_TO_FIELD = {alias: f for f, names in HEADER_ALIASES.items() for alias in names}
FIELD_ZH = {f: names[0] for f, names in HEADER_ALIASES.items()}  # a field as its usual header

CATEGORY_WORDS = {
    "": Category.FULL, "正式党员": Category.FULL, "正式": Category.FULL, "full": Category.FULL,
    "预备党员": Category.PROBATIONARY, "预备": Category.PROBATIONARY,
    "probationary": Category.PROBATIONARY,
    "留党察看": Category.SUSPENDED, "suspended": Category.SUSPENDED,
    "列席": Category.OBSERVER, "列席人员": Category.OBSERVER, "observer": Category.OBSERVER,
}
STATUS_WORDS = {
    "": Status.ACTIVE, "正常": Status.ACTIVE, "参会": Status.ACTIVE, "active": Status.ACTIVE,
    "请假": Status.LEAVE, "leave": Status.LEAVE, "onleave": Status.LEAVE,
    "病假": Status.LEAVE, "事假": Status.LEAVE, "因病请假": Status.LEAVE, "因事请假": Status.LEAVE,
    "核准不计": Status.EXCLUDED, "不计": Status.EXCLUDED, "不计入": Status.EXCLUDED,
    "excluded": Status.EXCLUDED,
}
GENDER_WORDS = {"": "", "男": "男", "女": "女", "男性": "男", "女性": "女", "m": "男", "f": "女",
                "male": "男", "female": "女"}
MAX_NAME = 50
MAX_ROWS = 200_000
MAX_BYTES = 256 * 2**20  # a CSV of MAX_ROWS members is a few dozen MB; refuse far more
HEADER_SEARCH = 10  # non-empty rows looked at for the header (title rows come first)


class RosterTooLarge(DomainError):
    """A roster file beyond the limits, refused before it is read whole."""


def _norm_header(h: str) -> str:
    return re.sub(r"[\s_\-/:：()（）*]", "", unicodedata.normalize("NFKC", h)).lower()


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a roster, located by row and column."""

    file: str
    row: int | None
    column: str | None
    message: str
    message_zh: str = ""  # the same in Chinese, for the Chinese window

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"

    def column_zh(self) -> str:
        """The column as a Chinese reader writes it: 'C (党员编号)' -> 'C列（党员编号）'."""
        if not self.column:
            return ""
        m = re.fullmatch(r"([A-Z]+) \((.*)\)", self.column)
        return f"{m.group(1)}列（{m.group(2)}）" if m else self.column

    def zh(self) -> str:
        """'roster.csv 第5行 C列（党员编号）：…' (the English message if none in Chinese)."""
        where = self.file
        if self.row is not None:
            where += f" 第{self.row}行"
        if self.column:
            where += f" {self.column_zh()}"
        return f"{where}：{self.message_zh or self.message}"


class RosterError(UserError):
    """The roster was rejected; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:50])
        more = f"\n… and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"roster rejected ({len(problems)} problems):\n{shown}{more}")
        shown_zh = "\n".join(p.zh() for p in problems[:50])
        more_zh = f"\n……另有 {len(problems) - 50} 处" if len(problems) > 50 else ""
        self.zh = f"名册未导入（{len(problems)} 处问题）：\n{shown_zh}{more_zh}"


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One valid member row, normalised."""

    row: int
    name: str
    branch: str
    number: str | None
    gender: str
    birth_date: str
    education: str
    phone: str
    category: str
    status: str
    reason: str
    notes: str


@dataclass
class Roster:
    """A read and validated roster, ready to import."""

    file: str
    rows: list[RosterRow]
    columns: dict[str, str]  # field -> header as written
    unknown_columns: list[str] = field(default_factory=list)


def column_letter(idx: int) -> str:
    """A column's spreadsheet letter: 0 -> 'A', 26 -> 'AA'."""
    s = ""
    idx += 1
    while idx:
        idx, r = divmod(idx - 1, 26)
        s = chr(65 + r) + s
    return s


# ---- reading -------------------------------------------------------------------

def decode_csv(raw: bytes) -> str:
    """UTF-8 (with or without BOM) or, as Chinese Excel writes it, GBK/GB18030."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")  # a superset of GBK; raises on garbage


def read_table(path: str | Path) -> list[list[Any]]:
    """All rows of the first sheet (xlsx) or of a CSV file, as cell values."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl  # imported here: slow to import and only needed for Excel

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            ws = wb.worksheets[0]
            # Some programs write the dimension "A1:XFD1048576"; trusting it
            # pads every row to 16,384 cells. Read the cells that are there.
            ws.reset_dimensions()
            rows: list[list[Any]] = []
            for r in ws.iter_rows(values_only=True):
                if len(rows) > MAX_ROWS + HEADER_SEARCH:
                    raise RosterTooLarge(f"more than {MAX_ROWS} rows", f"超过 {MAX_ROWS} 行")
                rows.append(list(r))
            return rows
        finally:
            wb.close()
    if path.stat().st_size > MAX_BYTES:
        size, most = path.stat().st_size // 2**20, MAX_BYTES // 2**20
        raise RosterTooLarge(f"the file is too large ({size} MB; at most {most} MB)",
                             f"文件太大（{size} MB，最多 {most} MB）")
    text = decode_csv(path.read_bytes())
    if "\x00" in text:
        raise UnicodeDecodeError("csv", b"", 0, 1, "contains NUL bytes")
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text, newline=""), dialect)]


def _cell_text(value: Any) -> str:
    """A cell as text, keeping long digit strings exact (no '1.38e10', no '.0')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    # No Unicode normalisation: it would rewrite GBK's compatibility ideographs
    # (郎 U+F92C -> U+90CE) and names must stay exactly as written.
    return str(value).strip()


_DATE_PATTERNS = [
    (re.compile(r"^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$"), 3),
    (re.compile(r"^(\d{4})[-./年](\d{1,2})月?$"), 2),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), 3),
    (re.compile(r"^(\d{4})(\d{2})$"), 2),
    (re.compile(r"^(\d{4})年?$"), 1),
]


def parse_birth_date(text: str) -> str | None:
    """'1965-03-12', '1965.03', '1965年3月', '196503' … -> '1965-03-12' / '1965-03'; None if bad."""
    text = text.strip().removesuffix(" 00:00:00").replace(" ", "")
    for pattern, parts in _DATE_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        year = int(m.group(1))
        if not 1900 <= year <= date.today().year:
            return None
        if parts == 1:
            return f"{year:04d}"
        month = int(m.group(2))
        if not 1 <= month <= 12:
            return None
        if parts == 2:
            return f"{year:04d}-{month:02d}"
        try:
            return date(year, month, int(m.group(3))).isoformat()
        except ValueError:
            return None
    return None


def parse_roster(
    path: str | Path, mapping: dict[str, str] | None = None, *, name: str | None = None,
) -> Roster:
    """Read and validate a roster file; raise ``RosterError`` listing every problem.

    ``mapping`` maps a header as written in the file to a field name, for
    columns the usual spellings do not cover, or to "" to ignore the column.
    """
    file = name or Path(path).name
    if Path(path).suffix.lower() in (".xls", ".et"):
        raise RosterError([Problem(file, None, None, "old Excel (.xls) and WPS (.et) files "
                                   "cannot be read: save it as .xlsx (Excel Workbook) or .csv",
                                   "无法读取旧版 Excel（.xls）和 WPS（.et）文件：请另存为 "
                                   ".xlsx（Excel 工作簿）或 .csv")])
    try:
        table = read_table(path)
    except RosterTooLarge as exc:
        raise RosterError([Problem(file, None, None, str(exc), exc.zh)]) from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise RosterError([Problem(file, None, None,
                                   f"cannot read the file as CSV text ({exc.__class__.__name__})",
                                   f"无法按 CSV 文本读取此文件（{exc.__class__.__name__}）")]) from exc
    except Exception as exc:  # openpyxl raises many kinds on broken files
        raise RosterError([Problem(file, None, None, f"cannot open the file: {exc}",
                                   f"无法打开此文件：{exc}")]) from exc
    return validate_table(table, file, mapping)


def _field_of(key: str, user_map: dict[str, str]) -> str | None:
    """The field a normalised header holds: the mapping first ("" = ignore), then aliases."""
    if key in user_map:
        return user_map[key] or None
    return _ALIAS_TO_FIELD.get(key)


def _header_fields(row: list[Any], user_map: dict[str, str]) -> set[str]:
    keys = (_norm_header(_cell_text(c)) for c in row)
    return {f for k in keys if k and (f := _field_of(k, user_map))}


def _header_index(table: list[list[Any]], user_map: dict[str, str]) -> int | None:
    """The header row: the first naming both required columns; else the first naming any
    field (a title row above has none); else the first non-empty row. None if empty."""
    filled: list[int] = []  # the first few non-empty rows
    for i, r in enumerate(table):
        if any(_cell_text(c) for c in r):
            filled.append(i)
            if len(filled) == HEADER_SEARCH:
                break
    if not filled:
        return None
    fields = {i: _header_fields(table[i], user_map) for i in filled}
    return next((i for i in filled if set(REQUIRED) <= fields[i]),
                next((i for i in filled if fields[i]), filled[0]))


def header_field(header: str, mapping: dict[str, str] | None = None) -> str | None:
    """The field a header as written holds (by ``mapping``, then the usual spellings)."""
    user_map = {_norm_header(k): v for k, v in (mapping or {}).items()}
    return _field_of(_norm_header(header), user_map)


def read_header(path: str | Path, mapping: dict[str, str] | None = None) -> list[str]:
    """The header row ``parse_roster`` would use, cells as text ("" for blank cells).

    Raises what ``read_table`` raises for an unreadable file; [] for an empty one.
    """
    table = read_table(path)
    user_map = {_norm_header(k): v for k, v in (mapping or {}).items()}
    start = _header_index(table, user_map)
    return [] if start is None else [_cell_text(c) for c in table[start]]


def validate_table(
    table: list[list[Any]], file: str, mapping: dict[str, str] | None = None,
) -> Roster:
    """Validate rows already read (the first non-empty row is the header)."""
    problems: list[Problem] = []
    user_map = {_norm_header(k): v for k, v in (mapping or {}).items()}
    # The header is the first row naming both required columns; a sheet
    # often has a title row (党员花名册) above it.
    start = _header_index(table, user_map)
    if start is None:
        raise RosterError([Problem(file, None, None, "the file is empty", "文件是空的")])
    header = [_cell_text(c) for c in table[start]]
    present = {_norm_header(h) for h in header if h}
    for written in (mapping or {}):
        if _norm_header(written) not in present:
            written_header = ", ".join(h for h in header if h)
            problems.append(Problem(file, start + 1, None,
                                    f"column {written!r} of the column mapping is not in the "
                                    f"header ({written_header})",
                                    f"列对应中的“{written}”不在表头中（表头：{written_header}）"))
    for target in user_map.values():
        if target and target not in FIELDS:  # "" ignores the column
            problems.append(Problem(file, None, None,
                                    f"column mapping names unknown field {target!r}; "
                                    f"fields are {', '.join(FIELDS)}",
                                    f"列对应中的字段“{target}”不存在；"
                                    f"可用字段：{', '.join(FIELDS)}"))
    col_of: dict[str, int] = {}
    columns: dict[str, str] = {}
    unknown: list[str] = []
    for idx, h in enumerate(header):
        if not h:
            continue
        key = _norm_header(h)
        fld = _field_of(key, user_map)
        if fld is None:
            unknown.append(h)
            continue
        if fld in col_of:
            problems.append(Problem(file, start + 1, f"{column_letter(idx)} ({h})",
                                    f"a second column for {fld}: already column "
                                    f"{column_letter(col_of[fld])} ({columns[fld]})",
                                    f"{FIELD_ZH[fld]}列重复：已有 "
                                    f"{column_letter(col_of[fld])}列（{columns[fld]}）"))
            continue
        col_of[fld] = idx
        columns[fld] = h
    for fld in REQUIRED:
        if fld not in col_of:
            wanted = "/".join(HEADER_ALIASES[fld][:2] + (fld,))
            problems.append(Problem(file, start + 1, None, f"no {wanted} column in the header",
                                    f"表头中没有“{HEADER_ALIASES[fld][0]}”列"))
    if problems:
        raise RosterError(problems)
    if len(table) - start - 1 > MAX_ROWS:
        raise RosterError([Problem(file, None, None, f"more than {MAX_ROWS} rows",
                                   f"超过 {MAX_ROWS} 行")])

    def where(fld: str) -> str:
        return f"{column_letter(col_of[fld])} ({columns[fld]})"

    rows: list[RosterRow] = []
    seen_numbers: dict[str, int] = {}
    for offset, raw in enumerate(table[start + 1:], start=start + 2):
        cells = {f: (_cell_text(raw[i]) if i < len(raw) else "") for f, i in col_of.items()}
        if not any(cells.values()):
            continue
        raw_cells = {f: (raw[i] if i < len(raw) else None) for f, i in col_of.items()}
        row_problems: list[Problem] = []

        def bad(fld: str, msg: str, msg_zh: str, row: int = offset,
                out: list[Problem] = row_problems) -> None:
            out.append(Problem(file, row, where(fld) if fld in col_of else fld, msg, msg_zh))

        name = cells.get("name", "")
        if not name:
            bad("name", "name is missing", "缺少姓名")
        elif len(name) > MAX_NAME:
            bad("name", f"name is longer than {MAX_NAME} characters", f"姓名超过 {MAX_NAME} 个字")
        branch = cells.get("branch", "")
        if not branch:
            bad("branch", "branch is missing", "缺少支部")
        number = cells.get("number", "") or None
        if number is not None:
            if isinstance(raw_cells.get("number"), float) and abs(raw_cells["number"]) >= 1e15:
                bad("number", "stored as a number, so digits may be lost: format the column as text",
                    "以数字格式保存，位数可能丢失：请把此列设为文本格式")
            elif number in seen_numbers:
                bad("number", f"duplicate number {number} (also in row {seen_numbers[number]})",
                    f"党员编号 {number} 重复（第{seen_numbers[number]}行也有）")
            else:
                seen_numbers[number] = offset
        gender = GENDER_WORDS.get(cells.get("gender", "").lower())
        if gender is None:
            bad("gender", f"unknown gender {cells['gender']!r} (use 男 or 女)",
                f"无法识别的性别“{cells['gender']}”（请填 男 或 女）")
        birth = ""
        if cells.get("birth_date"):
            parsed = parse_birth_date(cells["birth_date"])
            if parsed is None:
                bad("birth_date", f"bad date {cells['birth_date']!r} (e.g. 1965-03-12, 1965.03, 1965年3月)",
                    f"日期“{cells['birth_date']}”有误（例如 1965-03-12、1965.03、1965年3月）")
            else:
                birth = parsed
        phone = cells.get("phone", "")
        if phone:
            if isinstance(raw_cells.get("phone"), float) and abs(raw_cells["phone"]) >= 1e15:
                bad("phone", "stored as a number, so digits may be lost: format the column as text",
                    "以数字格式保存，位数可能丢失：请把此列设为文本格式")
            digits = re.sub(r"[\s\-()（）+]", "", phone)
            if not digits.isdigit() or not 7 <= len(digits) <= 15:
                bad("phone", f"bad phone number {phone!r}", f"电话号码“{phone}”有误")
            else:
                phone = digits
        category = CATEGORY_WORDS.get(_norm_header(cells.get("category", "")))
        if category is None:
            bad("category", f"unknown category {cells['category']!r} "
                            "(正式党员, 预备党员, 留党察看 or 列席)",
                f"无法识别的类别“{cells['category']}”（请填 正式党员、预备党员、留党察看 或 列席）")
        status = STATUS_WORDS.get(_norm_header(cells.get("status", "")))
        if status is None:
            bad("status", f"unknown status {cells['status']!r} (正常, 请假 or 核准不计)",
                f"无法识别的状态“{cells['status']}”（请填 正常、请假 或 核准不计）")
        reason = cells.get("reason", "")
        if status == Status.EXCLUDED and not reason:
            bad("reason" if "reason" in col_of else "status",
                "核准不计 (excluded) needs a reason in the 原因 column",
                "核准不计须在“原因”列填写原因")
        if row_problems:
            problems.extend(row_problems)
            continue
        rows.append(RosterRow(
            offset, name, branch, number, gender or "", birth, cells.get("education", ""),
            phone, str(category), str(status), reason, cells.get("notes", ""),
        ))
    if problems:
        raise RosterError(problems)
    if not rows:
        raise RosterError([Problem(file, None, None, "the roster has a header but no members",
                                   "名册只有表头，没有党员")])
    return Roster(file, rows, columns, unknown)


# ---- importing ---------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did: added, changed (with fields), and left out of the new file."""

    added: tuple[int, ...]
    changed: tuple[tuple[int, tuple[str, ...]], ...]
    left_out: tuple[int, ...]
    unknown_columns: tuple[str, ...]
    branches_added: tuple[str, ...]
    changes: Changes

    def summary(self) -> str:
        """One line for the command line."""
        s = (f"{len(self.added)} added, {len(self.changed)} changed, "
             f"{len(self.left_out)} not in this roster (kept)")
        if self.branches_added:
            s += f"; new branches: {', '.join(self.branches_added)}"
        if self.unknown_columns:
            s += f"; ignored columns: {', '.join(self.unknown_columns)}"
        return s


def _row_fields(r: RosterRow, branch_id: int) -> dict[str, Any]:
    pinyin, initials = name_keys(r.name)
    return {
        "number": r.number, "name": r.name, "branch_id": branch_id, "gender": r.gender,
        "birth_date": r.birth_date, "education": r.education, "phone": r.phone,
        "category": r.category, "status": r.status, "status_reason": r.reason,
        "notes": r.notes, "pinyin": pinyin, "initials": initials,
    }


# The member columns each roster field fills; a re-import leaves the columns of
# fields its file does not have as they are (a file without phones wipes none).
_FIELD_COLUMNS = {
    "number": ("number",), "gender": ("gender",), "birth_date": ("birth_date",),
    "education": ("education",), "phone": ("phone",), "category": ("category",),
    "status": ("status", "status_reason"), "reason": ("status_reason",), "notes": ("notes",),
}


def _updated_fields(roster: Roster) -> set[str] | None:
    """Member columns a re-import may change; None (all) for a roster built in code."""
    if not roster.columns:
        return None
    only = {"name", "branch_id", "pinyin", "initials"}
    for fld in roster.columns:
        only.update(_FIELD_COLUMNS.get(fld, ()))
    return only


def _match(
    existing: list[MemberRecord], rows: list[RosterRow], *, births: bool = True,
) -> list[MemberRecord | None]:
    """The member each row updates, or None for a new member.

    By number first; then by name, branch and birth date, each member at most
    once (namesakes in one branch stay two people). A row without a number may
    match any member so (a file without the number column duplicates no one);
    a row with one only a member who has none yet (numbers added later).
    Birth dates count only when the file has them (``births``).
    """
    by_number = {m.number: m for m in existing if m.number}
    olds: list[MemberRecord | None] = [by_number.get(r.number) if r.number else None
                                       for r in rows]
    taken = {m.id for m in olds if m is not None}
    by_identity: dict[tuple[str, str, str], list[MemberRecord]] = defaultdict(list)
    for m in existing:
        if m.id not in taken:
            by_identity[(m.name, m.branch, m.birth_date if births else "")].append(m)
    for i, r in enumerate(rows):
        if olds[i] is not None:
            continue
        namesakes = by_identity.get((r.name, r.branch, r.birth_date if births else ""), [])
        pick = next((m for m in namesakes if not (r.number and m.number)), None)
        if pick is not None:
            namesakes.remove(pick)
            olds[i] = pick
    return olds


def import_roster(store: Store, roster: Roster, actor: str, *,
                  progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """Write a validated roster in one transaction: add, update by number, keep the rest.

    Members are matched as ``_match`` says; columns the file lacks are left as
    they are. Check-ins are never touched; new members get a card each.
    ``progress(rows done, rows)`` is called as rows are written; if it raises
    (the user cancelled), the transaction rolls back and nothing is imported.
    """
    prefix = store.meeting().code_prefix
    at = now_iso()
    added: list[int] = []
    changed: list[tuple[int, tuple[str, ...]]] = []
    new_branches: list[str] = []
    with store.transact():
        existing = store.members(include_removed=True)
        only = _updated_fields(roster)
        olds = _match(existing, roster.rows, births=only is None or "birth_date" in only)
        branch_ids = {b.name: b.id for b in store.branches()}
        matched: set[int] = set()
        for done, (r, old) in enumerate(zip(roster.rows, olds, strict=True)):
            if progress is not None:
                progress(done, len(roster.rows))
            if r.branch not in branch_ids:
                branch_ids[r.branch] = store.branch_id(r.branch, create=True)
                new_branches.append(r.branch)
            fields = _row_fields(r, branch_ids[r.branch])
            if old is None:
                mid = store.insert_member(fields)
                store.insert_card(new_code(prefix), mid, at)
                added.append(mid)
                store.audit("member_added", actor=actor, member_id=mid,
                            detail={"name": r.name, "branch": r.branch, "number": r.number,
                                    "file": roster.file, "row": r.row})
                continue
            matched.add(old.id)
            diff = {k: v for k, v in fields.items()
                    if (only is None or k in only) and getattr(old, k) != v}
            if old.removed_at is not None:
                diff["removed_at"] = None
            if diff:
                store.update_member(old.id, diff)
                names = tuple(sorted(k for k in diff if k not in ("pinyin", "initials")))
                changed.append((old.id, names))
                store.audit("member_changed", actor=actor, member_id=old.id,
                            detail={k: diff[k] for k in names} | {"file": roster.file,
                                                                   "row": r.row})
        left_out = tuple(m.id for m in existing if m.id not in matched and m.removed_at is None)
        store.audit("roster_import", actor=actor, detail={
            "file": roster.file, "rows": len(roster.rows), "added": len(added),
            "changed": len(changed), "left_out": len(left_out),
        })
        store.bump_roster_version()
    log.info("roster imported by %s from %s: %d rows, %d added, %d changed, %d left out",
             actor, roster.file, len(roster.rows), len(added), len(changed), len(left_out))
    return ImportReport(
        tuple(added), tuple(changed), left_out, tuple(roster.unknown_columns),
        tuple(new_branches), Changes(members=frozenset(added) | {c[0] for c in changed},
                                     roster=True),
    )


def import_file(
    store: Store, path: str | Path, actor: str, mapping: dict[str, str] | None = None,
) -> ImportReport:
    """Parse, validate and import a roster file (nothing written if it has problems)."""
    return import_roster(store, parse_roster(path, mapping), actor)


def member_fields_from(rows: Iterable[RosterRow]) -> list[dict[str, Any]]:
    """Rows as plain dicts (for previews)."""
    return [{f: getattr(r, f) for f in RosterRow.__slots__} for r in rows]
