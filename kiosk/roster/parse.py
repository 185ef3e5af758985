"""Reading a roster file into validated member rows and the findings the preview lists.

Every sheet is looked at: a members' sheet (the header names 姓名), a sheet per
branch (no branch column: the sheet's name is the branch), a 列席 sheet (its
people are observers), a sheet that is not a roster (a 统计 table, reported and
skipped), a hidden sheet (listed, imported only when the organizer asks). In
each, title rows, the group row of a two-level header, blank, total and footer
rows and hidden rows are skipped and listed. Any problem rejects the whole
file: nothing is half-imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.idnumbers import is_valid, mask_in_text, mask_text, to_18
from kiosk.model import Category, ExclusionCase, Status
from kiosk.roster import limits
from kiosk.roster.headers import (
    FIELD_EN,
    FIELD_ZH,
    FIELDS,
    HEADER_ALIASES,
    REQUIRED,
    cell_text,
    field_of,
    find_header,
    header_cells,
    header_score,
    is_known_ignored,
    norm_header,
    row_marker,
)
from kiosk.roster.limits import RosterTooLarge
from kiosk.roster.problems import Finding, Problem, RosterError, column_letter
from kiosk.roster.reading import Sheet, read_sheets
from kiosk.roster.sniff import NotReadable, Sniffed, sniff
from kiosk.roster.states import (
    NOT_MEMBERS,
    State,
    category_word,
    full_date_category,
    read_flag,
    read_party_status,
    read_status,
)
from kiosk.roster.values import (
    BadValue,
    birth_of_id,
    gender_of_id,
    read_code,
    read_date,
    read_gender,
    read_id_number,
    read_name,
    read_phone,
    text_of,
)
from kiosk.vocabulary import exclusion_case_label

MAX_NAME = 50
_GENERIC_SHEET = re.compile(r"^(sheet|工作表|表)\s*\d*$", re.I)
_OBSERVER_SHEET = re.compile(r"列席")
_NOTES_SHEET = re.compile(r"^(填表|填写|使用)?说明$|^instructions?$", re.I)
_KIND_NAMES = {"xlsx": "Excel workbook (.xlsx)", "xls": "old Excel / WPS workbook (.xls, .et)",
               "ods": "OpenDocument spreadsheet (.ods)", "csv": "CSV text"}
_KIND_ZH = {"xlsx": "Excel 工作簿（.xlsx）", "xls": "旧版 Excel / WPS 工作簿（.xls、.et）",
            "ods": "OpenDocument 电子表格（.ods）", "csv": "CSV 文本"}


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
    exclusion_case: str = ""
    approved_by: str = ""
    approved_on: str = ""
    state_source: str = ""
    vote_suspended: bool = False
    lost_contact: bool = False
    mobile: bool = False
    sheet: str = ""
    # The 18-character ID number, in memory only between reading and importing:
    # the import keeps its keyed hash and last four (kiosk.idnumbers); repr=False
    # keeps it out of any log or traceback that prints a row.
    id_number: str = field(default="", repr=False)


@dataclass(frozen=True, slots=True)
class SheetInfo:
    """How one sheet was read: 'members', 'observers', 'skipped' or 'hidden'."""

    name: str
    role: str
    members: int
    branch: str  # the branch the sheet's name gave, '' when a column gives it
    header_row: int | None  # 1-based
    message: str
    message_zh: str


@dataclass
class Roster:
    """A read and validated roster, ready to import, with what the preview shows."""

    file: str
    rows: list[RosterRow]
    columns: dict[str, str]  # field -> header as written
    unknown_columns: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    sheets: list[SheetInfo] = field(default_factory=list)
    kind: str = "csv"
    ignored_columns: list[str] = field(default_factory=list)  # known, not imported
    proposed: int = 0  # proposed exclusions not confirmed (imported as on leave)


def parse_roster(
    path: str | Path, mapping: dict[str, str] | None = None, *, name: str | None = None,
    include_hidden: bool = False, confirm_proposed: bool = False,
) -> Roster:
    """Read and validate a roster file; raise ``RosterError`` listing every problem.

    ``mapping`` maps a header as written to a field name, for columns the usual
    spellings do not cover, or to "" to ignore the column. ``include_hidden``
    imports hidden rows, columns and sheets; ``confirm_proposed`` turns the
    exclusions proposed from free words (出国, 卧床 …) into 核准不计.
    """
    file = name or Path(path).name
    try:
        sniffed = sniff(path)
        sheets = read_sheets(sniffed)
    except (RosterTooLarge, NotReadable) as exc:
        raise RosterError([Problem(file, None, None, str(exc), exc.zh)]) from exc
    except OSError as exc:
        raise RosterError([Problem(file, None, None, f"cannot open the file: {exc}",
                                   f"无法打开此文件：{exc}")]) from exc
    return _Reader(file, mapping, include_hidden, confirm_proposed, sniffed).run(sheets)


def validate_table(
    table: list[list[Any]], file: str, mapping: dict[str, str] | None = None,
) -> Roster:
    """Validate rows already read, as one sheet (the header found as in a file)."""
    return _Reader(file, mapping, False, False, None).run([Sheet("", table)])


def read_header(path: str | Path, mapping: dict[str, str] | None = None) -> list[str]:
    """The header cells ``parse_roster`` would use ("" for blank cells), over all roster
    sheets (each header once, in the order first seen). [] for a file without one."""
    sheets = read_sheets(sniff(path))
    user_map = _user_map(mapping)
    out: list[str] = []
    seen: set[str] = set()
    for sheet in sheets:
        at = find_header(sheet.rows, user_map)
        if at is None:
            continue
        for h in header_cells(sheet.rows, at, user_map):
            if not h:
                out.append("")
            elif h not in seen:
                seen.add(h)
                out.append(h)
    while out and not out[-1]:
        out.pop()
    return out


def header_field(header: str, mapping: dict[str, str] | None = None) -> str | None:
    """The field a header as written holds (by ``mapping``, then the usual spellings)."""
    return field_of(norm_header(header), _user_map(mapping))


def _user_map(mapping: dict[str, str] | None) -> dict[str, str]:
    return {norm_header(k): v for k, v in (mapping or {}).items()}


# ---- the reader ------------------------------------------------------------------------

class _Reader:
    """One pass over a file's sheets, collecting rows, problems and findings."""

    def __init__(self, file: str, mapping: dict[str, str] | None, include_hidden: bool,
                 confirm_proposed: bool, sniffed: Sniffed | None) -> None:
        self.file, self.mapping = file, mapping or {}
        self.user_map = _user_map(mapping)
        self.include_hidden, self.confirm = include_hidden, confirm_proposed
        self.sniffed = sniffed
        self.problems: list[Problem] = []
        self.findings: list[Finding] = []
        self.rows: list[RosterRow] = []
        self.columns: dict[str, str] = {}
        self.unknown: list[str] = []
        self.ignored: list[str] = []
        self.infos: list[SheetInfo] = []
        self.numbers: dict[str, tuple[str, int]] = {}  # number -> (file/sheet, row) first seen
        self.ids: dict[str, tuple[str, int]] = {}  # 18-character ID number -> the same
        # Rows whose member number is a resident ID number (kept as written, so said),
        # and rows whose notes held one (masked): (file/sheet, row).
        self.id_numbers_as_number: list[tuple[str, int]] = []
        self.id_numbers_in_notes: list[tuple[str, int]] = []
        self.headers_seen: set[str] = set()
        self.proposed = 0
        self.where = file

    # -- findings and problems --

    # Messages quote cells; an ID number in a column read as something else (a
    # phone column mapped by mistake) would be quoted in clear: every message is
    # masked here, whichever reader wrote it.
    def problem(self, row: int | None, column: str | None, en: str, zh: str) -> None:
        self.problems.append(Problem(self.where, row, column, mask_in_text(en),
                                     mask_in_text(zh)))

    def find(self, kind: str, row: int | None, column: str | None, en: str, zh: str) -> None:
        self.findings.append(Finding(kind, self.where, row, column, mask_in_text(en),
                                     mask_in_text(zh)))

    # -- the whole file --

    def run(self, sheets: list[Sheet]) -> Roster:
        s = self.sniffed
        if s is not None and s.renamed:
            self.find("file", None, None,
                      f"the file is named {s.named_as or '(no extension)'} but holds "
                      f"{_KIND_NAMES[s.kind]}: read as such",
                      f"文件扩展名为 {s.named_as or '（无）'}，内容却是{_KIND_ZH[s.kind]}：按实际格式读取")
        plan = self._plan(sheets)
        if not plan and not self.infos:
            raise RosterError([Problem(self.file, None, None, "the file is empty", "文件是空的")])
        if not plan:
            raise RosterError([Problem(self.file, None, None,
                                       "no sheet is a roster (every sheet is hidden, empty or "
                                       "has no 姓名 column)",
                                       "没有可导入的名册工作表（均为隐藏、空白或没有“姓名”列）")])
        for sheet, role, branch in plan:
            self.where = f"{self.file} [{sheet.name}]" if sheet.name and len(sheets) > 1 \
                else self.file
            for en, zh in sheet.notes:
                self.find("file", None, None, en, zh)
            if role in ("members", "observers"):
                self._sheet(sheet, role, branch)
        self.where = self.file
        self._say_id_numbers_elsewhere()
        for written in self.mapping:
            if norm_header(written) not in self.headers_seen:
                shown = ", ".join(sorted(self.headers_seen)) or "-"
                self.problem(None, None,
                             f"column {written!r} of the column mapping is not in the header "
                             f"({shown})",
                             f"列对应中的“{written}”不在表头中（表头：{shown}）")
        for target in self.user_map.values():
            if target and target not in FIELDS:
                self.problem(None, None,
                             f"column mapping names unknown field {target!r}; fields are "
                             f"{', '.join(FIELDS)}",
                             f"列对应中的字段“{target}”不存在；可用字段：{', '.join(FIELDS)}")
        if len(self.rows) > limits.MAX_ROWS:
            raise RosterError([Problem(self.file, None, None, f"more than {limits.MAX_ROWS} rows",
                                       f"超过 {limits.MAX_ROWS} 行")])
        if self.problems and s is not None and s.kind == "csv" and s.renamed and not self.rows:
            self.problems.insert(0, Problem(
                self.file, None, None,
                f"the file is named {s.named_as} but is not a workbook; read as text, it is not "
                "a roster either: open it in its program and save it as .xlsx",
                f"文件扩展名为 {s.named_as}，内容却不是工作簿；按文本读取也不是名册：请用原程序打开后"
                "另存为 .xlsx"))
        if self.problems:
            raise RosterError(self.problems)
        if not self.rows:
            raise RosterError([Problem(self.file, None, None,
                                       "the roster has a header but no members",
                                       "名册只有表头，没有党员")])
        return Roster(self.file, self.rows, self.columns, self.unknown, self.findings, self.infos,
                      s.kind if s else "csv", self.ignored, self.proposed)

    def _say_id_numbers_elsewhere(self) -> None:
        """Never silently: ID numbers met outside the ID column, one finding each kind."""
        def rows_of(found: list[tuple[str, int]]) -> tuple[str, str]:
            rows = ", ".join(str(n) for _, n in found[:10]) + (" …" if len(found) > 10 else "")
            return rows, rows.replace(", ", "、")

        if self.id_numbers_as_number:
            rows, rows_zh = rows_of(self.id_numbers_as_number)
            column = self.columns.get("number", "number")
            self.find("column", None, column,
                      f"{len(self.id_numbers_as_number)} member numbers are resident ID numbers "
                      f"(rows {rows}): they are kept and shown as written (cards, exports, "
                      "desks). If this column holds ID numbers, set it to the ID number under "
                      "Columns, so only a keyed hash and the last four are kept.",
                      f"{len(self.id_numbers_as_number)} 个党员编号是身份证号（第 {rows_zh} 行）："
                      "将按原样保存并显示（参会证、导出、签到台）。如此列实为身份证号，请在“列”中"
                      "把它设为身份证号，只保存其密钥散列和末四位。")
        if self.id_numbers_in_notes:
            rows, rows_zh = rows_of(self.id_numbers_in_notes)
            column = self.columns.get("notes", "notes")
            self.find("column", None, column,
                      f"notes of {len(self.id_numbers_in_notes)} members held what may be an ID "
                      f"number (rows {rows}): kept as its last four only",
                      f"{len(self.id_numbers_in_notes)} 名党员的备注中有疑似身份证号（第 {rows_zh} 行）："
                      "只保存其末四位")

    def _plan(self, sheets: list[Sheet]) -> list[tuple[Sheet, str, str]]:
        """Each sheet's role ('members', 'observers', 'skip') and the branch its name gives."""
        plan: list[tuple[Sheet, str, str]] = []
        candidates = []
        for sheet in sheets:
            filled = any(cell_text(c) for r in sheet.rows for c in r)
            self.where = f"{self.file} [{sheet.name}]" if sheet.name and len(sheets) > 1 \
                else self.file
            if not filled:
                if len(sheets) > 1:
                    self._info(sheet, "skipped", 0, "", None, "empty sheet", "空工作表")
                continue
            if sheet.hidden and not self.include_hidden:
                n = sum(1 for r in sheet.rows if any(cell_text(c) for c in r))
                self._info(sheet, "hidden", 0, "", None,
                           f"hidden sheet with {n} filled rows: not imported (include hidden "
                           "rows and sheets to import it)",
                           f"隐藏的工作表，有 {n} 行内容：未导入（可选择导入隐藏内容）")
                self.find("hidden", None, None,
                          f"hidden sheet {sheet.name!r} ({n} filled rows) not imported",
                          f"隐藏的工作表“{sheet.name}”（{n} 行内容）未导入")
                continue
            if _NOTES_SHEET.match(sheet.name.strip()):
                self._info(sheet, "skipped", 0, "", None, "instructions, not a roster: skipped",
                           "填表说明，不是名册：已跳过")
                continue
            at = find_header(sheet.rows, self.user_map)
            fields = header_score(header_cells(sheet.rows, at, self.user_map), self.user_map)[1] \
                if at is not None else set()
            if "name" not in fields:
                candidates.append((sheet, at))
                continue
            role = "observers" if _OBSERVER_SHEET.search(sheet.name) else "members"
            plan.append((sheet, role, ""))
        if not plan and candidates:
            # No sheet names 姓名: report the first as the roster it was meant to be.
            sheet, _ = candidates[0]
            plan.append((sheet, "members", ""))
            candidates = candidates[1:]
        for sheet, _ in candidates:
            self.where = f"{self.file} [{sheet.name}]" if sheet.name else self.file
            self._info(sheet, "skipped", 0, "", None,
                       "not a roster (no 姓名 column): skipped", "不是名册（没有“姓名”列）：已跳过")
            self.find("sheet", None, None, f"sheet {sheet.name!r} is not a roster "
                      "(no 姓名 column): skipped",
                      f"工作表“{sheet.name}”不是名册（没有“姓名”列）：已跳过")
        members = [p for p in plan if p[1] == "members"]
        out = []
        for sheet, role, _ in plan:
            branch = ""
            if sheet.name and not _GENERIC_SHEET.match(sheet.name.strip()) and (
                    len(members) > 1 or "支部" in sheet.name or "党小组" in sheet.name
                    or role == "observers"):
                branch = sheet.name.strip()
            out.append((sheet, role, branch))
        return out

    def _info(self, sheet: Sheet, role: str, members: int, branch: str, header: int | None,
              en: str, zh: str) -> None:
        self.infos.append(SheetInfo(sheet.name, role, members, branch, header, en, zh))

    # -- one sheet --

    def _sheet(self, sheet: Sheet, role: str, sheet_branch: str) -> None:
        rows = sheet.rows
        at = find_header(rows, self.user_map)
        if at is None:
            at = next((i for i, r in enumerate(rows) if any(cell_text(c) for c in r)), 0)
        header = header_cells(rows, at, self.user_map)
        for i in range(at):
            if any(cell_text(c) for c in rows[i]):
                text = mask_in_text(" ".join(t for c in rows[i] if (t := cell_text(c))))[:60]
                kind_en, kind_zh = ("group row of a two-level header", "双层表头的分组行") \
                    if i == at - 1 and sum(1 for c in rows[i] if cell_text(c)) > 1 \
                    else ("title row", "标题行")
                self.find("skipped", i + 1, None, f"{kind_en} skipped: {text}",
                          f"跳过{kind_zh}：{text}")
        col_of: dict[str, int] = {}
        names: dict[str, str] = {}
        for idx, h in enumerate(header):
            if not h:
                continue
            key = norm_header(h)
            self.headers_seen.add(key)
            fld = field_of(key, self.user_map)
            where = f"{column_letter(idx)} ({h})"
            if fld is None:
                if is_known_ignored(key):
                    if h not in self.ignored:
                        self.ignored.append(h)
                elif h not in self.unknown:
                    self.unknown.append(h)
                continue
            if idx in sheet.hidden_columns and not self.include_hidden:
                self.find("hidden", None, where,
                          f"hidden column {h} not imported", f"隐藏的列“{h}”未导入")
                continue
            if fld in col_of:
                self.problem(at + 1, where,
                             f"a second column for {fld}: already column "
                             f"{column_letter(col_of[fld])} ({names[fld]})",
                             f"{FIELD_ZH[fld]}列重复：已有 {column_letter(col_of[fld])}列"
                             f"（{names[fld]}）")
                continue
            col_of[fld], names[fld] = idx, h
            self.columns.setdefault(fld, h)
        if "branch" not in col_of and sheet_branch:
            self.find("sheet", None, None,
                      f"no branch column: sheet {sheet.name!r} is read as branch {sheet_branch}",
                      f"没有支部列：工作表“{sheet.name}”作为支部“{sheet_branch}”读取")
            self.columns.setdefault("branch", "")
        for fld in REQUIRED:
            if fld not in col_of and not (fld == "branch" and sheet_branch):
                wanted = "/".join(HEADER_ALIASES[fld][:2] + (fld,))
                self.problem(at + 1, None, f"no {wanted} column in the header",
                             f"表头中没有“{HEADER_ALIASES[fld][0]}”列")
        if any(p.row == at + 1 and p.column is None for p in self.problems) \
                or "name" not in col_of:
            return
        if role == "observers":
            self.find("sheet", None, None, f"sheet {sheet.name!r}: everyone on it is an observer "
                      "(列席: neither expected nor present)",
                      f"工作表“{sheet.name}”：均为列席人员（不计入应到和实到）")
        before = len(self.rows)
        self._data_rows(sheet, at, col_of, names, role, sheet_branch)
        n = len(self.rows) - before
        what = ("observers" if role == "observers" else "members")
        self._info(sheet, role, n, "" if "branch" in col_of else sheet_branch, at + 1,
                   f"{n} {what}" + (f", branch {sheet_branch} from the sheet name"
                                    if "branch" not in col_of and sheet_branch else ""),
                   f"{n} 人" + ("（列席）" if role == "observers" else "")
                   + (f"，支部取自工作表名“{sheet_branch}”"
                      if "branch" not in col_of and sheet_branch else ""))

    def _data_rows(self, sheet: Sheet, at: int, col_of: dict[str, int], names: dict[str, str],
                   role: str, sheet_branch: str) -> None:
        rows = sheet.rows
        blank_from: int | None = None
        last = len(rows)
        while last > at + 1 and not any(cell_text(c) for c in rows[last - 1]):
            last -= 1  # blank rows after the last one are not worth listing
        cols = list(col_of.items())
        for i in range(at + 1, last):
            raw = rows[i]
            if not any(c is not None and c != "" and (type(c) is not str or c.strip())
                       for c in raw):
                if blank_from is None:
                    blank_from = i
                continue
            if blank_from is not None:
                self._blank(blank_from, i)
                blank_from = None
            marker = row_marker(raw)
            if marker:
                text = mask_in_text(" ".join(t for c in raw if (t := cell_text(c))))[:60]
                en, zh = (("totals row", "合计行") if marker == "total" else ("footer row", "表尾行"))
                self.find("skipped", i + 1, None, f"{en} skipped: {text}", f"跳过{zh}：{text}")
                continue
            cells = {f: (raw[c] if c < len(raw) else None) for f, c in cols}
            if i in sheet.hidden_rows and not self.include_hidden:
                who = text_of(cells.get("name")) or "?"
                self.find("hidden", i + 1, None, f"hidden row not imported: {who}",
                          f"隐藏的行未导入：{who}")
                continue
            self._row(sheet, i, cells, col_of, names, role, sheet_branch)

    def _blank(self, start: int, end: int) -> None:
        if end - start == 1:
            self.find("skipped", start + 1, None, "blank row skipped", "跳过空行")
        else:
            self.find("skipped", start + 1, None, f"blank rows {start + 1}–{end} skipped",
                      f"跳过空行（第{start + 1}–{end}行）")

    def _row(self, sheet: Sheet, i: int, cells: dict[str, Any], col_of: dict[str, int],
             names: dict[str, str], role: str, sheet_branch: str) -> None:
        n = i + 1
        problems_before = len(self.problems)

        def col(fld: str) -> str | None:
            return f"{column_letter(col_of[fld])} ({names[fld]})" if fld in col_of else None

        def bad(fld: str, en: str, zh: str) -> None:
            self.problem(n, col(fld) or FIELD_EN.get(fld, fld), en, zh)

        def note(fld: str, kind: str, en_zh: tuple[str, str] | None) -> None:
            if en_zh:
                self.find(kind, n, col(fld), en_zh[0], en_zh[1])

        name, how = read_name(cells.get("name"))
        note("name", "inferred", how)
        if not name:
            bad("name", "name is missing", "缺少姓名")
        elif len(name) > MAX_NAME:
            bad("name", f"name is longer than {MAX_NAME} characters", f"姓名超过 {MAX_NAME} 个字")
        branch = text_of(cells.get("branch")) if "branch" in col_of else sheet_branch
        if not branch:
            bad("branch", "branch is missing", "缺少支部")
        number: str | None = None
        try:
            number = read_code(cells.get("number")) or None
        except BadValue as exc:
            bad("number", str(exc), exc.zh)
        if number is not None:
            first = self.numbers.get(number)
            if first is not None:
                other, row = first
                bad("number", f"duplicate number {number} (also in row {row}"
                    + (f" of {other})" if other != self.where else ")"),
                    f"党员编号 {number} 重复（" + (f"{other} " if other != self.where else "")
                    + f"第{row}行也有）")
            else:
                self.numbers[number] = (self.where, n)
            if is_valid(number.upper()):
                self.id_numbers_as_number.append((self.where, n))
        id_number = ""
        if "id_number" in col_of:
            try:
                id_number = to_18(read_id_number(cells.get("id_number")))
            except BadValue as exc:
                bad("id_number", str(exc), exc.zh)
        if id_number:
            first = self.ids.get(id_number)
            shown = mask_text(id_number)
            if first is not None:
                other, row = first
                bad("id_number", f"duplicate ID number {shown} (also in row {row}"
                    + (f" of {other})" if other != self.where else ")"),
                    f"身份证号码 {shown} 重复（" + (f"{other} " if other != self.where else "")
                    + f"第{row}行也有）")
            else:
                self.ids[id_number] = (self.where, n)
        gender = ""
        try:
            gender = read_gender(cells.get("gender"))
        except BadValue as exc:
            bad("gender", str(exc), exc.zh)
        birth = ""
        raw_birth = cells.get("birth_date")
        try:
            fmt = None
            if isinstance(raw_birth, float) and not raw_birth.is_integer() and sheet.format_of:
                fmt = sheet.format_of(i, col_of["birth_date"])
            birth, how = read_date(raw_birth, fmt)
            note("birth_date", "inferred", how)
        except BadValue as exc:
            bad("birth_date", str(exc), exc.zh)
        if id_number and not birth and "birth_date" not in col_of:
            birth = birth_of_id(id_number)
        if id_number and not gender and "gender" not in col_of:
            gender = gender_of_id(id_number)
        phone, extra_phones = "", ""
        try:
            phone, extra_phones, how = read_phone(cells.get("phone"))
            note("phone", "inferred", how)
        except BadValue as exc:
            bad("phone", str(exc), exc.zh)
        if "landline" in col_of:
            try:
                landline, more, _ = read_phone(cells.get("landline"))
            except BadValue as exc:
                bad("landline", str(exc), exc.zh)
                landline, more = "", ""
            if landline and not phone:
                phone = landline
            elif landline:
                extra_phones = "、".join(x for x in (extra_phones, landline, more) if x)
        category, state = self._category_and_state(n, cells, col_of, col, bad, note, role)
        notes = text_of(cells.get("notes"))
        masked = mask_in_text(notes)
        if masked != notes:
            # Least data: a note is shown at the desks and exported; an ID number in it
            # is kept as its last four only.
            notes = masked
            self.id_numbers_in_notes.append((self.where, n))
        if extra_phones:
            notes = f"{notes}；其他电话：{extra_phones}" if notes else f"其他电话：{extra_phones}"
        approved_by = text_of(cells.get("approved_by"))
        approved_on = ""
        if cells.get("approved_on") not in (None, ""):
            try:
                approved_on, _ = read_date(cells.get("approved_on"))
            except BadValue as exc:
                bad("approved_on", str(exc), exc.zh)
        if state.status == Status.EXCLUDED and category != Category.OBSERVER:
            if not state.reason:
                bad("reason" if "reason" in col_of else "status",
                    "核准不计 (excluded) needs a reason in the 原因 column",
                    "核准不计须在“原因”列填写原因")
            elif not approved_by and state.case != ExclusionCase.PARTY_STOPPED:
                self.find("state", n, col("status"),
                          f"{name}: excluded ({state.reason}) with no approval recorded "
                          "(批准组织, 批准日期): the report shows it as not recorded",
                          f"{name}：核准不计（{state.reason}）未记录批准的上级党组织和日期："
                          "报告中标为“未记录”")
        if len(self.problems) > problems_before:
            return
        self.rows.append(RosterRow(
            n, name, branch, number, gender, birth, text_of(cells.get("education")), phone,
            str(category), str(state.status), state.reason, notes,
            str(state.case) if state.status == Status.EXCLUDED else "",
            approved_by if state.status == Status.EXCLUDED else "",
            approved_on if state.status == Status.EXCLUDED else "",
            "roster" if state.from_roster else "", state.vote_suspended, state.lost_contact,
            state.mobile, sheet.name, id_number,
        ))

    def _category_and_state(self, n: int, cells: dict[str, Any], col_of: dict[str, int],
                            col: Any, bad: Any, note: Any, role: str) -> tuple[Category, State]:
        said: list[tuple[str, Category]] = []  # (column, category) for each column that says one
        state = State()
        if role == "observers":
            said.append(("sheet", Category.OBSERVER))
        if "category" in col_of:
            text = text_of(cells.get("category"))
            if text:
                cat = category_word(text)
                if cat is None:
                    bad("category", f"unknown category {text!r} (正式党员, 预备党员, 留党察看 or 列席)",
                        f"无法识别的类别“{text}”（请填 正式党员、预备党员、留党察看 或 列席）")
                else:
                    said.append(("category", cat))
        if "politics" in col_of:
            text = text_of(cells.get("politics"))
            compact = "".join(text.split())
            if compact in NOT_MEMBERS:
                if not any(c == Category.OBSERVER for _, c in said):
                    bad("politics", f"{text} is not a party member: put them on a 列席 sheet "
                        "or set 类别 to 列席",
                        f"政治面貌为“{text}”，不是党员：请放到列席工作表，或把类别填为 列席")
            elif text:
                cat = category_word(text)
                if cat is None:
                    bad("politics", f"unknown 政治面貌 {text!r} (中共党员 or 中共预备党员)",
                        f"无法识别的政治面貌“{text}”（请填 中共党员 或 中共预备党员）")
                else:
                    said.append(("politics", cat))
        if "party_status" in col_of:
            text = text_of(cells.get("party_status"))
            try:
                cat, ps = read_party_status(text)
            except ValueError:
                bad("party_status", f"unknown 党籍状态 {text!r} (正常, 停止党籍, 失联, 预备党员 …)",
                    f"无法识别的党籍状态“{text}”（正常、停止党籍、失联、预备党员 等）")
                cat, ps = None, None
            if cat is not None:
                said.append(("party_status", cat))
            if ps is not None:
                state = ps
        if "full_date" in col_of and not any(c in ("category", "politics") for c, _ in said):
            cat = full_date_category(text_of(cells.get("full_date")))
            if cat == Category.PROBATIONARY:
                said.append(("full_date", cat))
                note("full_date", "state", ("probationary: the 转正日期 column says 预备期",
                                            "预备党员：转正日期列为预备期"))
        distinct = {c for _, c in said}
        if len(distinct) > 1 and not (Category.OBSERVER in distinct and role == "observers"):
            told = ", ".join(f"{names_of(c, col)} says {cat}" for c, cat in said)
            told_zh = "，".join(f"{names_of(c, col)}为{_CAT_ZH[cat]}" for c, cat in said)
            bad(said[0][0] if said[0][0] in col_of else "category",
                f"the category columns disagree: {told}", f"类别各列不一致：{told_zh}")
        category = Category.OBSERVER if role == "observers" else (
            said[0][1] if said else Category.FULL)
        if "status" in col_of:
            status_text = text_of(cells.get("status"))
            try:
                st = read_status(status_text, text_of(cells.get("reason")))
            except ValueError:
                bad("status", f"unknown status {status_text!r} (正常, 请假, 核准不计, 中止表决权 …)",
                    f"无法识别的状态“{status_text}”（正常、请假、核准不计、中止表决权 等）")
                st = State()
            if state.status == Status.EXCLUDED and st.status != Status.EXCLUDED:
                st.status, st.case, st.reason = state.status, state.case, state.reason
                st.from_roster = True
            st.lost_contact |= state.lost_contact
            st.vote_suspended |= state.vote_suspended
            state = st
        elif "reason" in col_of and state.status == Status.EXCLUDED:
            state.reason = text_of(cells.get("reason")) or state.reason
        for fld, attr in (("lost", "lost_contact"), ("mobile_flag", "mobile"),
                          ("vote", "vote_suspended")):
            if fld in col_of:
                text = text_of(cells.get(fld))
                try:
                    if read_flag(text):
                        setattr(state, attr, True)
                except ValueError:
                    bad(fld, f"unknown value {text!r} (是 or 否)", f"无法识别的值“{text}”（请填 是 或 否）")
        name = text_of(cells.get("name"))
        if category != Category.OBSERVER:
            if state.status == Status.EXCLUDED and state.case == ExclusionCase.PARTY_STOPPED:
                note("party_status" if "party_status" in col_of else "status", "state",
                     (f"{name}: 停止党籍 — not expected (a listed case), from the roster",
                      f"{name}：停止党籍——不计入应到（所列情形），来自名册"))
            if state.vote_suspended:
                note("vote" if "vote" in col_of else "status", "state",
                     (f"{name}: vote suspended — expected, no vote",
                      f"{name}：中止表决权——计入应到，不计入有选举权应到"))
            if state.lost_contact:
                note("lost" if "lost" in col_of else "party_status", "state",
                     (f"{name}: lost contact (失联) — expected; record an approved exclusion "
                      "if the rules allow", f"{name}：失联党员——计入应到；如符合规定可办理核准不计"))
            if state.mobile:
                note("mobile_flag", "state",
                     (f"{name}: mobile member (流动) — expected", f"{name}：流动党员——计入应到"))
            if state.proposed_case:
                label = exclusion_case_label(state.proposed_case)
                if self.confirm:
                    state.status, state.case, state.from_roster = (
                        Status.EXCLUDED, state.proposed_case, True)
                    note("status", "state", (f"{name}: {state.reason} — excluded as confirmed "
                                             f"({label})",
                                             f"{name}：{state.reason}——经确认核准不计（{label}）"))
                else:
                    self.proposed += 1
                    note("status", "state",
                         (f"{name}: {state.reason} — imported as on leave (expected); proposed "
                          f"exclusion ({label}) to confirm",
                          f"{name}：{state.reason}——按请假导入（计入应到）；建议核准不计（{label}），待确认"))
            elif state.status == Status.LEAVE and "status" in col_of and \
                    text_of(cells.get("status")) not in ("请假", "病假", "事假", "因病请假", "因事请假"):
                note("status", "state", (f"{name}: {text_of(cells.get('status'))} read as on leave "
                                         "(expected)",
                                         f"{name}：“{text_of(cells.get('status'))}”按请假计（计入应到）"))
        return category, state


_CAT_ZH = {Category.FULL: "正式党员", Category.PROBATIONARY: "预备党员",
           Category.SUSPENDED: "留党察看", Category.OBSERVER: "列席"}


def names_of(fld: str, col: Any) -> str:
    """A column as a message names it (its letter and header), or the sheet."""
    return "the sheet" if fld == "sheet" else (col(fld) or fld)
