"""Which column holds what: the recognised headers, and where the header row is.

Headers are matched after normalising (full-width to half-width, spaces, line
breaks, brackets and their contents such as "联系电话\\n（手机）"), against the
spellings of the national party-member system's export (全国党员管理信息系统),
the common 党员花名册 and 应到会名单 templates and SignDesk's own template. The
header row is the row naming the most fields among the first rows of a sheet:
title rows above it and the group row of a two-level header (基本信息 / 党内信息)
have none. Rows of totals and footers are recognised so that they are skipped,
and listed, instead of being read as members.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# The fields a roster can fill, in the order the preview and the template use.
FIELDS = ("name", "branch", "number", "gender", "birth_date", "education", "phone",
          "category", "status", "reason", "notes", "id_number", "politics", "party_status",
          "full_date", "lost", "mobile_flag", "vote", "approved_by", "approved_on", "landline")
REQUIRED = ("name", "branch")

# Header spellings (normalised as ``norm_header`` does), the usual one first.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "党员姓名", "名字", "name", "fullname"),
    "branch": ("支部", "所在支部", "所属支部", "党支部", "支部名称", "所在党支部", "所属党支部",
               "党组织名称", "所在党组织", "所属党组织", "branch"),
    "number": ("党员编号", "编号", "序号编号", "number", "memberno", "memberid", "id"),
    "gender": ("性别", "gender", "sex"),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "生日", "birthdate", "birth", "dob"),
    "education": ("学历", "文化程度", "education"),
    "phone": ("手机", "手机号", "手机号码", "联系电话", "电话", "联系方式", "移动电话", "phone",
              "mobile", "tel"),
    "category": ("类别", "党员类别", "人员类别", "身份", "党员身份", "category", "type"),
    "status": ("状态", "参会状态", "出席状态", "参会情况", "status"),
    "reason": ("原因", "请假原因", "不计原因", "核准原因", "说明原因", "不计入原因", "reason"),
    "notes": ("备注", "notes", "note", "remarks"),
    "id_number": ("公民身份证号码", "身份证号码", "身份证号", "公民身份号码", "身份证",
                  "idnumber", "idcard"),
    "politics": ("政治面貌",),
    "party_status": ("党籍状态",),
    "full_date": ("转为正式党员日期", "转正日期", "转正时间"),
    "lost": ("是否失联党员", "失联党员", "是否失联"),
    "mobile_flag": ("是否流动党员", "流动党员", "是否流动"),
    "vote": ("中止表决权", "是否中止表决权", "表决权"),
    "approved_by": ("批准组织", "审批组织", "批准的上级党组织", "上级党组织", "批准单位"),
    "approved_on": ("批准日期", "审批日期", "批准时间"),
    "landline": ("固定电话", "座机", "家庭电话", "landline"),
}
# Headers known and deliberately not imported: sign-in does not need them (least data).
IGNORED_HEADERS = ("序号", "民族", "籍贯", "家庭住址", "住址", "现居住地", "工作岗位", "工作单位",
                   "职务", "加入党组织日期", "入党日期", "入党时间", "外出流向", "流动去向",
                   "年龄", "党龄", "no", "seq")

FIELD_ZH = {f: names[0] for f, names in HEADER_ALIASES.items()}  # a field as its usual header
FIELD_EN = {
    "name": "name", "branch": "branch", "number": "member number", "gender": "gender",
    "birth_date": "birth date", "education": "education", "phone": "phone",
    "category": "category", "status": "status", "reason": "reason", "notes": "notes",
    "id_number": "ID number", "politics": "political status", "party_status": "membership state",
    "full_date": "date made full member", "lost": "lost contact", "mobile_flag": "mobile member",
    "vote": "vote suspended", "approved_by": "approved by", "approved_on": "approved on",
    "landline": "landline",
}
HEADER_SEARCH = 15  # non-empty rows looked at for the header


def norm_header(h: str) -> str:
    """A header as matched: NFKC, no spaces/line breaks/punctuation, bracketed notes dropped."""
    h = unicodedata.normalize("NFKC", h)
    h = re.sub(r"[(\[【（][^)\]】）]*[)\]】）]", "", h) or h  # "联系电话(手机)" -> "联系电话"
    return re.sub(r"[\s_\-/:：()（）*#.·、]", "", h).lower()


_ALIAS_TO_FIELD = {norm_header(a): f for f, names in HEADER_ALIASES.items() for a in names}
_IGNORED = {norm_header(h) for h in IGNORED_HEADERS}


def field_of(key: str, user_map: dict[str, str]) -> str | None:
    """The field a normalised header holds: the organizer's mapping first ("" = ignore)."""
    if key in user_map:
        return user_map[key] or None
    return _ALIAS_TO_FIELD.get(key)


def is_known_ignored(key: str) -> bool:
    """A header SignDesk knows and does not import (序号, 民族, 家庭住址 …)."""
    return key in _IGNORED


def cell_text(value: Any) -> str:
    """A cell as text for matching headers and markers."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def header_score(row: list[Any], user_map: dict[str, str]) -> tuple[int, set[str]]:
    """How many cells of a row name a field (or a known ignored header), and which fields."""
    fields: set[str] = set()
    score = 0
    for c in row:
        key = norm_header(cell_text(c))
        if not key:
            continue
        f = field_of(key, user_map)
        if f:
            fields.add(f)
            score += 1
        elif key in _IGNORED:
            score += 1
    return score, fields


def find_header(rows: list[list[Any]], user_map: dict[str, str]) -> int | None:
    """The header row's index: the row naming the most fields among the first rows.

    A row naming both required fields wins over one that names more others; a
    title row (党员花名册) or a group row (基本信息 / 党内信息) names none. None when
    no row names any field.
    """
    best: tuple[int, int] | None = None  # (rank, index)
    seen = 0
    for i, r in enumerate(rows):
        if not any(cell_text(c) for c in r):
            continue
        seen += 1
        # Scored with the labels a merged cell above lends to blank cells (two-level header).
        score, fields = header_score(header_cells(rows, i, user_map), user_map)
        # One header word alone is a title; 姓名 beside other headings is a header
        # (姓名 | 单位 on a 列席 sheet, 姓名 | 所属党委 before the organizer maps it).
        if score >= 2 or (score == 1 and "name" in fields
                          and sum(1 for c in r if cell_text(c)) >= 2):
            rank = score + (1000 if set(REQUIRED) <= fields else 100 if "name" in fields else 0)
            if best is None or rank > best[0]:
                best = (rank, i)
        if seen >= HEADER_SEARCH:
            break
    return None if best is None else best[1]


def header_cells(rows: list[list[Any]], at: int, user_map: dict[str, str]) -> list[str]:
    """The header row's cells; a blank cell under a merged one above takes the label above
    when that label names a field (a two-level header whose 姓名 spans both rows)."""
    cells = [cell_text(c) for c in rows[at]]
    if at > 0:
        above = rows[at - 1]
        for i, c in enumerate(cells):
            if not c and i < len(above):
                label = cell_text(above[i])
                if label and field_of(norm_header(label), user_map):
                    cells[i] = label
    return cells


# Rows that are not members: totals, footers, notes.
_TOTAL = re.compile(r"^(合\s*计|总\s*计|小\s*计|共\s*\d+\s*[人名]|总人数|人数合计)")
_FOOTER = re.compile(r"^(制表人|制表|审核人|审核|填报日期|填表日期|填表人|填报人|填报单位|报送单位|负责人|联系人|"
                     r"说明|注[:：]|备注[:：]|单位[:：]|日期[:：]|（?盖章）?)")


_MARKER_STARTS = frozenset("合总小共人制审填报负联说注备单日（(盖")


def row_marker(row: list[Any]) -> str | None:
    """'total' or 'footer' when a row is a totals or footer row, else None."""
    texts: list[str] = []
    for c in row:
        t = cell_text(c)
        if t:
            texts.append(t)
            if len(texts) == 3:
                break
    if not any(t[0] in _MARKER_STARTS for t in texts):
        return None  # most rows: no cell starts as a total or footer does
    for t in texts:
        compact = t.replace(" ", "").replace("\u3000", "")
        if _TOTAL.match(compact):
            return "total"
        if _FOOTER.match(compact):
            return "footer"
    return None
