"""What the preview lists: problems (the file is refused) and findings (how it was read).

Both are located by file (and sheet), row and column, in English and Chinese.
A problem rejects the whole file; a finding is something read in a way the
organizer should see before importing: a skipped or hidden row, a sheet read
as a branch, an inferred value, a state and its rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from data.errors import UserError


def column_letter(idx: int) -> str:
    """A column's spreadsheet letter: 0 -> 'A', 26 -> 'AA'."""
    s = ""
    idx += 1
    while idx:
        idx, r = divmod(idx - 1, 26)
        s = chr(65 + r) + s
    return s


def _column_zh(column: str | None) -> str:
    if not column:
        return ""
    m = re.fullmatch(r"([A-Z]+) \((.*)\)", column)
    return f"{m.group(1)}列（{m.group(2)}）" if m else column


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
        return _column_zh(self.column)

    def zh(self) -> str:
        """'roster.csv 第5行 C列（党员编号）：…' (the English message if none in Chinese)."""
        where = self.file
        if self.row is not None:
            where += f" 第{self.row}行"
        if self.column:
            where += f" {self.column_zh()}"
        return f"{where}：{self.message_zh or self.message}"


# What a finding is about, in the order the preview groups them.
FINDING_KINDS = ("file", "sheet", "skipped", "hidden", "column", "state", "inferred")
FINDING_KIND_ZH = {"file": "文件", "sheet": "工作表", "skipped": "跳过的行", "hidden": "隐藏",
                   "column": "列", "state": "状态", "inferred": "推断的值"}


@dataclass(frozen=True, slots=True)
class Finding:
    """Something the preview shows about how the file was read (not a problem)."""

    kind: str  # one of FINDING_KINDS
    file: str
    row: int | None
    column: str | None
    message: str
    message_zh: str

    def __str__(self) -> str:
        where = self.file + (f", row {self.row}" if self.row is not None else "")
        where += f", column {self.column}" if self.column else ""
        return f"[{self.kind}] {where}: {self.message}"

    def column_zh(self) -> str:
        """The column as a Chinese reader writes it."""
        return _column_zh(self.column)

    def zh(self) -> str:
        """The finding in Chinese, located."""
        where = self.file + (f" 第{self.row}行" if self.row is not None else "")
        where += f" {self.column_zh()}" if self.column else ""
        return f"【{FINDING_KIND_ZH.get(self.kind, self.kind)}】{where}：{self.message_zh}"


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
