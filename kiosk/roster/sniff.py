"""What a roster file really is, judged by its content, and whether it is safe to read.

The extension says what the organizer's program called the file, not what it
holds: an .xls renamed .xlsx, a WPS .et (an OLE2/BIFF8 workbook in practice,
sometimes an OOXML package) or CSV text saved as .xls all occur. Packages are
checked part by part before anything inflates them (entry count, declared and
real inflated sizes, compression ratio, shared-strings and cell counts), so a
zip bomb is refused with the limit it broke, never read.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from kiosk.roster import limits
from kiosk.roster.limits import RosterTooLarge, mb

OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
ZIP_MAGIC = b"PK\x03\x04"


class NotReadable(Exception):
    """The file is none of the kinds a roster can be; ``zh`` says so in Chinese."""

    def __init__(self, message: str, zh: str) -> None:
        super().__init__(message)
        self.zh = zh


@dataclass(frozen=True, slots=True)
class Sniffed:
    """A roster file's kind ('xlsx', 'ods', 'xls' or 'csv') and, for a workbook, its bytes.

    CSV text is not held here: it is streamed from ``path`` with a memory bound.
    """

    kind: str
    data: bytes
    named_as: str  # the extension it came with, lower case ('.xlsx'), for the preview
    path: Path

    @property
    def renamed(self) -> bool:
        """True when the extension names another kind than the content (an .xls saved as .xlsx)."""
        expected = {"xlsx": (".xlsx", ".xlsm"), "ods": (".ods",), "xls": (".xls", ".et"),
                    "csv": (".csv", ".txt", ".tsv")}[self.kind]
        return self.named_as not in expected


def sniff(path: str | Path) -> Sniffed:
    """Read a roster file (bounded) and tell its kind from its first bytes."""
    path = Path(path)
    size = path.stat().st_size
    if size > limits.MAX_FILE_BYTES:
        raise RosterTooLarge(
            f"the file is too large ({mb(size)}; at most {mb(limits.MAX_FILE_BYTES)})",
            f"文件太大（{mb(size)}，最多 {mb(limits.MAX_FILE_BYTES)}）")
    suffix = path.suffix.lower()
    with path.open("rb") as f:
        head = f.read(8)
    if head.startswith(OLE2_MAGIC):
        return Sniffed("xls", path.read_bytes(), suffix, path)
    if head.startswith(ZIP_MAGIC):
        data = path.read_bytes()
        return Sniffed(_package_kind(data), data, suffix, path)
    with path.open("rb") as f:
        start = f.read(2048).lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        # Web systems often export an HTML table (or Excel 2003 XML) named .xls.
        raise NotReadable("the file is a web page or XML table named as a spreadsheet: open it in "
                          "Excel or WPS and save it as .xlsx",
                          "文件是网页或 XML 表格，只是扩展名像电子表格：请用 Excel 或 WPS 打开后另存为 .xlsx")
    return Sniffed("csv", b"", suffix, path)


def _package_kind(data: bytes) -> str:
    """'xlsx' or 'ods' for a zip package, after checking it is safe to inflate."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise NotReadable(f"the file looks like a workbook but is damaged ({exc})",
                          f"文件像是工作簿，但已损坏（{exc}）") from exc
    with z:
        names = z.namelist()
        check_package(z)
    if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names):
        return "xlsx"
    if "content.xml" in names:
        return "ods"
    raise NotReadable("the file is a zip archive but not an Excel or OpenDocument workbook",
                      "文件是 zip 压缩包，但不是 Excel 或 OpenDocument 工作簿")


_SHARED = re.compile(r"(^|/)sharedStrings\d*\.xml$", re.I)
_SHEET = re.compile(r"(^|/)worksheets/[^/]+\.xml$|^content\.xml$", re.I)


def check_package(z: zipfile.ZipFile) -> None:
    """Refuse a package whose parts would inflate beyond the limits (checked while inflating).

    The declared sizes are checked first; then every part is inflated in
    chunks and counted, since a crafted archive can declare less than it holds
    (zipfile stops at the declared size and the CRC then fails).
    """
    infos = z.infolist()
    if len(infos) > limits.MAX_ZIP_ENTRIES:
        raise RosterTooLarge(
            f"the workbook has {len(infos)} parts (at most {limits.MAX_ZIP_ENTRIES})",
            f"工作簿包含 {len(infos)} 个部件（最多 {limits.MAX_ZIP_ENTRIES} 个）")
    declared = sum(i.file_size for i in infos)
    if declared > limits.MAX_UNCOMPRESSED:
        raise RosterTooLarge(
            f"the workbook would inflate to {mb(declared)} "
            f"(at most {mb(limits.MAX_UNCOMPRESSED)} uncompressed)",
            f"工作簿解压后达 {mb(declared)}（解压后最多 {mb(limits.MAX_UNCOMPRESSED)}）")
    for info in infos:
        _check_ratio(info.filename, info.file_size, info.compress_size)
    total = strings = cells = 0
    for info in infos:
        shared, sheet = bool(_SHARED.search(info.filename)), bool(_SHEET.search(info.filename))
        tail = b""
        size = 0
        try:
            with z.open(info) as part:
                while chunk := part.read(1 << 20):
                    size += len(chunk)
                    total += len(chunk)
                    if total > limits.MAX_UNCOMPRESSED:
                        raise RosterTooLarge(
                            f"the workbook inflates beyond {mb(limits.MAX_UNCOMPRESSED)}",
                            f"工作簿解压后超过 {mb(limits.MAX_UNCOMPRESSED)}")
                    _check_ratio(info.filename, size, info.compress_size)
                    if shared or sheet:
                        text = tail + chunk
                        if shared:
                            strings += text.count(b"<si>") + text.count(b"<si ")
                            if strings > limits.MAX_SHARED_STRINGS:
                                raise RosterTooLarge(
                                    f"the workbook has more than {limits.MAX_SHARED_STRINGS} "
                                    "shared strings",
                                    f"工作簿的共享字符串超过 {limits.MAX_SHARED_STRINGS} 个")
                        else:
                            cells += (text.count(b"<c ") + text.count(b"<c>")
                                      + text.count(b"<table:table-cell"))
                            if cells > limits.MAX_CELLS:
                                raise RosterTooLarge(
                                    f"the workbook has more than {limits.MAX_CELLS} cells",
                                    f"工作簿的单元格超过 {limits.MAX_CELLS} 个")
                        tail = chunk[-20:]  # a tag cut in two is counted once
        except RosterTooLarge:
            raise
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise NotReadable(f"the workbook is damaged ({info.filename}: {exc})",
                              f"工作簿已损坏（{info.filename}：{exc}）") from exc
        except NotImplementedError as exc:  # an unknown compression method
            raise NotReadable(f"the workbook uses a compression this program cannot read ({exc})",
                              f"工作簿使用了无法读取的压缩方式（{exc}）") from exc


def _check_ratio(name: str, size: int, compressed: int) -> None:
    if size > 2**20 and size > limits.MAX_RATIO * max(compressed, 1):
        raise RosterTooLarge(
            f"part {name} of the workbook inflates {size // max(compressed, 1)} times "
            f"(at most {limits.MAX_RATIO} times for parts over 1 MB): refused as a zip bomb",
            f"工作簿部件 {name} 解压后膨胀 {size // max(compressed, 1)} 倍"
            f"（超过 1 MB 的部件最多 {limits.MAX_RATIO} 倍）：疑为压缩炸弹，拒绝读取")
