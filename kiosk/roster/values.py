"""Reading cell values as Excel shows them: dates, names, phones, ID numbers, genders.

Each reader returns the value to store and, when the value was read in a way
that is not obvious, a note saying how (listed in the preview); a value that
cannot be read safely raises ``BadValue`` with the reason (a problem in the
preview). Nothing is guessed silently: a bare 1970.1 could be January or
October, so unless its cell's format says (``0.00`` shows 1970.10), it is a
problem.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

from kiosk.idnumbers import is_valid, looks_like_id, mask_text


class BadValue(ValueError):
    """A cell that cannot be read safely; ``zh`` says why in Chinese."""

    def __init__(self, message: str, zh: str) -> None:
        super().__init__(message)
        self.zh = zh


Note = tuple[str, str] | None  # (en, zh): how a value was read, when not obvious


def text_of(value: Any) -> str:
    """A cell as text, keeping long digit strings exact (no '1.38e10', no '.0')."""
    if type(value) is str:  # the common case first: rows of 100,000 members
        return value.strip()
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


# ---- dates -------------------------------------------------------------------------

_DATE_PATTERNS = [
    (re.compile(r"^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$"), 3),
    (re.compile(r"^(\d{4})[-./年](\d{1,2})月?$"), 2),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), 3),
    (re.compile(r"^(\d{4})(\d{2})$"), 2),
    (re.compile(r"^(\d{4})年?$"), 1),
]
_SHORT_YEAR = re.compile(r"^(\d{2})[./年](\d{1,2})(?:[./月](\d{1,2})日?)?月?$")
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap-year bug aside)


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


def read_date(value: Any, number_format: str | None = None) -> tuple[str, Note]:
    """A date cell as stored text ('1970-10', '1958-03-01'), with a note when inferred.

    Cells Excel shows as dates arrive as dates. A bare number is a date serial
    (21256) when it is in the range of birth dates, or a year-and-month typed as
    a number (1970.10); such a number with one decimal is read by its number
    format (``0.00`` shows 1970.10 = October) and is a problem without one.
    Two-digit years (58.03) are read as the 1900s or 2000s, whichever makes an
    adult, and said so.
    """
    if value is None or value == "":
        return "", None
    if isinstance(value, datetime | date):
        d = value.date() if isinstance(value, datetime) else value
        return _checked(d.isoformat()), None
    if isinstance(value, timedelta):  # calamine gives durations for some serial formats
        value = value.days
    if isinstance(value, bool):
        raise BadValue(f"bad date {value!r}", f"日期“{value}”有误")
    if isinstance(value, int | float):
        return _number_date(float(value), number_format)
    text = str(value).strip()
    parsed = parse_birth_date(text)
    if parsed is not None:
        return parsed, None
    m = _SHORT_YEAR.match(text.replace(" ", ""))
    if m:
        yy, month = int(m.group(1)), int(m.group(2))
        year = 2000 + yy if 2000 + yy <= date.today().year - 16 else 1900 + yy
        day = m.group(3)
        full = parse_birth_date(f"{year}-{month}" + (f"-{day}" if day else ""))
        if full is not None:
            return full, (f"two-digit year {text!r} read as {full}",
                          f"两位年份“{text}”读作 {full}")
    raise BadValue(f"bad date {text!r} (e.g. 1965-03-12, 1965.03, 1965年3月)",
                   f"日期“{text}”有误（例如 1965-03-12、1965.03、1965年3月）")


def _checked(iso: str) -> str:
    if not 1900 <= int(iso[:4]) <= date.today().year:
        raise BadValue(f"date {iso} is out of range", f"日期 {iso} 超出范围")
    return iso


def _number_date(v: float, number_format: str | None) -> tuple[str, Note]:
    if v.is_integer():
        n = int(v)
        if 1900 <= n <= date.today().year:
            return f"{n:04d}", None
        if 190001 <= n <= 209912:
            parsed = parse_birth_date(str(n))
            if parsed:
                return parsed, None
        if 19000101 <= n <= 20991231:
            parsed = parse_birth_date(str(n))
            if parsed:
                return parsed, None
        if 1 <= n <= 80000:
            d = _EXCEL_EPOCH + timedelta(days=n)
            iso = _checked(d.isoformat())
            return iso, (f"Excel date serial {n} read as {iso}", f"Excel 日期序号 {n} 读作 {iso}")
        raise BadValue(f"bad date {n}", f"日期“{n}”有误")
    year = int(v)
    if not 1900 <= year <= date.today().year:
        raise BadValue(f"bad date {v!r}", f"日期“{v!r}”有误")
    decimals = _decimals(number_format)
    shown = f"{v:.{decimals}f}" if decimals else repr(v)
    frac = shown.split(".")[1]
    if len(frac) == 1 and not decimals:
        # 1970.1 is what Excel shows for 1970.10 typed into a General cell.
        raise BadValue(
            f"{shown} could be January or October: type it as text (1970.10) or as a date",
            f"{shown} 可能是 1 月也可能是 10 月：请以文本（1970.10）或日期格式填写")
    month = int(frac[:2])
    if len(frac) > 2 and int(frac[2:] or 0) and not decimals:
        raise BadValue(f"bad date {shown}", f"日期“{shown}”有误")
    if not 1 <= month <= 12:
        raise BadValue(f"bad date {shown}", f"日期“{shown}”有误")
    iso = f"{year:04d}-{month:02d}"
    if decimals:
        return iso, (f"number {v!r} shown as {shown} (format {number_format}) read as {iso}",
                     f"数字 {v!r} 按格式 {number_format} 显示为 {shown}，读作 {iso}")
    return iso, (f"number {shown} read as {iso}", f"数字 {shown} 读作 {iso}")


def _decimals(number_format: str | None) -> int:
    """How many decimals a number format shows ('0.00' -> 2; General or none -> 0)."""
    if not number_format:
        return 0
    m = re.search(r"0\.(0+)", number_format)
    return len(m.group(1)) if m else 0


# ---- names, phones, genders ----------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_PADDING = re.compile(r"[ \u3000\u00a0]+")


def read_name(value: Any) -> tuple[str, Note]:
    """A name without padding: '王　伟' (U+3000) and '王 伟' are 王伟; '·' names kept."""
    text = text_of(value)
    inner = text.strip(" \u3000\u00a0\t")
    if _PADDING.search(inner) and _CJK.search(inner):
        parts = _PADDING.split(inner)
        if all(_CJK.search(p) or p in ("·", "•") for p in parts):
            joined = "".join(parts)
            return joined, (f"padding removed from name '{text}': {joined}",
                            f"姓名“{text}”中的空格已去掉：{joined}")
    return inner, None


_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_NONE_WORDS = {"无", "暂无", "没有", "-", "—", "－", "/", "／", "none", "n/a", "na", "null"}
_SPLIT = re.compile(r"[/／,，、;；\s]+")
_SEPARATOR = re.compile(r"[/／,，、;；]")


def read_phone(value: Any) -> tuple[str, str, Note]:
    """(phone, rest for notes, note). 无 is none; several numbers keep the first mobile."""
    if isinstance(value, float) and abs(value) >= 1e15:
        raise BadValue("stored as a number, so digits may be lost: format the column as text",
                       "以数字格式保存，位数可能丢失：请把此列设为文本格式")
    text = text_of(value)
    if not text or text.lower() in _NONE_WORDS:
        return "", "", None
    if text.isdigit() and 7 <= len(text) <= 15:  # one plain number: most cells
        return text, "", None
    parts = [p.strip() for p in _SPLIT.split(text) if p.strip()]
    spaced = text.split()
    if len(parts) == 1 or (len(spaced) > 1 and any(len(p) < 7 for p in spaced)
                           and not _SEPARATOR.search(text)):
        parts = [text]  # '139 0000 1111' is one number written in groups
    numbers = [re.sub(r"[\s\-()（）+]", "", p) for p in parts]
    if len(numbers) > 1 and all(n.isdigit() for n in numbers):
        first = next((n for n in numbers if _MOBILE.match(n)), numbers[0])
        rest = [p for p, n in zip(parts, numbers, strict=True) if n != first]
        return _checked_phone(first, text), "、".join(rest), (
            f"phone {text!r}: kept {first}, the rest put in notes",
            f"电话“{text}”：保留 {first}，其余记入备注")
    digits = re.sub(r"[\s\-()（）+]", "", text)
    return _checked_phone(digits, text), "", None


def _checked_phone(digits: str, text: str) -> str:
    if not digits.isdigit() or not 7 <= len(digits) <= 15:
        raise BadValue(f"bad phone number {text!r}", f"电话号码“{text}”有误")
    return digits


GENDER_WORDS = {"": "", "男": "男", "女": "女", "男性": "男", "女性": "女", "m": "男", "f": "女",
                "male": "男", "female": "女"}


def read_gender(value: Any) -> str:
    """男 / 女 / '' from the usual spellings."""
    text = text_of(value)
    g = GENDER_WORDS.get(text.lower())
    if g is None:
        raise BadValue(f"unknown gender {text!r} (use 男 or 女)",
                       f"无法识别的性别“{text}”（请填 男 或 女）")
    return g


# ---- numbers that must stay text: member numbers and ID numbers ------------------------

_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE][+]?\d+$")


def read_code(value: Any) -> str:
    """A member number kept exactly; refused when a spreadsheet stored it as a number that
    lost digits (1.10101E+17)."""
    if isinstance(value, float) and abs(value) >= 1e15:
        raise BadValue("stored as a number, so digits may be lost: format the column as text",
                       "以数字格式保存，位数可能丢失：请把此列设为文本格式")
    text = text_of(value)
    if _SCIENTIFIC.match(text):
        raise BadValue(f"{text} is a number in scientific notation: its digits are lost; "
                       "format the column as text and type it again",
                       f"{text} 是科学计数法，位数已丢失：请把此列设为文本格式后重新填写")
    return text


def read_id_number(value: Any) -> str:
    """A 公民身份证号码 checked: 18 characters with a valid check digit (or an old 15-digit one).

    The one place ID numbers are read. A number cell of 15 or more digits has lost
    digits (Excel keeps 15 significant ones), as has text in scientific notation:
    both are refused, never kept as if exact. The reasons given never quote more
    than the last four characters: they are listed on screen and on the command line.
    """
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 1e14:
        raise BadValue("the ID number is stored as a number, so its last digits are lost "
                       "(Excel keeps 15): format the column as text and type it again",
                       "身份证号码以数字格式保存，末几位已丢失（Excel 只保留 15 位）："
                       "请把此列设为文本格式后重新填写")
    # NFKC: full-width digits (typed with a Chinese input method) are digits.
    text = unicodedata.normalize("NFKC", text_of(value)).replace(" ", "").upper()
    if not text:
        return ""
    shown = mask_text(text)
    if _SCIENTIFIC.match(text) or "E+" in text:
        # What is left of the number (3.10101E+17) is a region at most: shown as it is.
        raise BadValue(f"ID number {text[:24]} is in scientific notation: its digits are lost",
                       f"身份证号码 {text[:24]} 是科学计数法，位数已丢失")
    if re.fullmatch(r"[0-9]{15}", text):
        return text
    if not looks_like_id(text):
        raise BadValue(f"bad ID number {shown} ({len(text)} characters; 18 expected)",
                       f"身份证号码 {shown} 有误（{len(text)} 位，应为 18 位）")
    if not is_valid(text):
        raise BadValue(f"ID number {shown} has a wrong check digit (a typo?)",
                       f"身份证号码 {shown} 校验位不符（可能有输入错误）")
    return text


def birth_of_id(id_number: str) -> str:
    """The birth date an 18-digit ID number holds ('' if none)."""
    if len(id_number) == 18:
        return parse_birth_date(id_number[6:14]) or ""
    return ""


def gender_of_id(id_number: str) -> str:
    """男 or 女 from an 18-digit ID number ('' if none)."""
    return ("男" if int(id_number[16]) % 2 else "女") if len(id_number) == 18 else ""
