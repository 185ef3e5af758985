"""Member photos: one image made small for the meeting file, and a folder or .zip imported.

A photo in the file is a 240x320 portrait JPEG of at most 48 KiB (``data.jpeg``):
large enough for a secretary to tell a face at arm's length on a desk screen,
small enough that 100,000 members' photos stay a few GB at the hub and a desk
serving 400 members holds about 8 MB of them. ``normalise`` turns a phone
picture, a scan or a collection's ID photo (JPEG or PNG) into one: upright by
its EXIF orientation, cropped to 3:4 around the upper middle (where the face
is), resized, without any metadata (no camera, no GPS), JPEG quality lowered
step by step until it fits.

Hostile input first: a file is refused before decoding when it is larger than
``MAX_FILE_BYTES`` or declares more than ``MAX_PIXELS`` pixels (a 1 KB PNG can
claim 100,000 x 100,000; a PNG above ``MAX_PNG_PIXELS``); a .zip is refused
before its directory is loaded when its last record announces too many entries
or too large a directory, and before inflating when an entry inflates too far
(as kiosk/roster refuses a workbook),
and each entry is inflated with a running count. A file that cannot be read is
reported with the reason and the import goes on: never fatal, never silent.

Photo collections name each file by member number (党员编号) or by ID number
(身份证号码): ``import_photos`` matches the file name's stem, any case of
.jpg/.jpeg/.png, in nested folders too; macOS's ``__MACOSX`` folders and
hidden files are passed over (and counted). An ID number is matched by the
meeting's keyed hash (kiosk/idnumbers.py) and never kept in clear: the names
in the report, the log and a photo's ``source`` show its last four only.
"""

from __future__ import annotations

import io
import logging
import re
import sqlite3
import struct
import time
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps, UnidentifiedImageError

from data.jpeg import MAX_PHOTO_BYTES, PHOTO_HEIGHT, PHOTO_WIDTH, photo_problem
from data.records import MemberRecord
from data.store import PhotoRefused, Store
from kiosk import idnumbers
from kiosk.changes import Changes
from kiosk.desk import member_for_id_number
from kiosk.idnumbers import mask_in_text
from kiosk.messages import DomainError
from kiosk.safetext import clean_text

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 25 * 2**20
"""Largest image file read (a 50-megapixel phone photo is about 15 MB)."""
MAX_PIXELS = 60_000_000
"""Most pixels an image may declare; checked from its header, before decoding."""
MAX_PNG_PIXELS = 16_000_000
"""Most pixels of a PNG: it cannot be decoded at a fraction of its size as a JPEG can, so
a 60-megapixel PNG (a few hundred KB when flat) would take gigabytes to decode."""
MIN_SIDE = 60
"""Fewest pixels of a photo's shorter side: smaller shows no face worth comparing."""
MAX_ENTRIES = 250_000
"""Files in a .zip (or folder) of photos (the largest meetings have 100,000-200,000 members);
a .zip's count is read from its last record, before its directory is loaded."""
MAX_ZIP_DIRECTORY = 64 * 2**20
"""Bytes of a .zip's directory (the list of its files), checked before it is loaded: about
250,000 names of a hundred characters."""
MAX_IMPORT_BYTES = 32 * 2**30
"""All the image bytes one import may read: a folder's files as they are on disk, a .zip's
as its directory says they inflate (and each entry is counted again while inflating)."""
MAX_RATIO = 50
"""Inflated/compressed size of a .zip entry over 1 MB: images hardly compress, so more is a bomb."""
MAX_NAME_CHARS = 255
"""A file name in a .zip is cut to this many characters (a longer one then seldom ends in
.jpg and is reported as not an image)."""
QUALITIES = (88, 80, 72, 64, 56, 48, 40, 32)
"""JPEG qualities tried in turn until the photo fits ``MAX_PHOTO_BYTES``."""
EXTENSIONS = (".jpg", ".jpeg", ".png")
"""The file types photo collections come in (any case)."""
BATCH = 100
"""Photos written per transaction: desks checking in on the same file wait at most one batch."""

# ASCII digits only: names are NFKC-normalised first (full-width digits typed with a
# Chinese input method become ASCII); other scripts' digits are no ID number.
_ID_NUMBER = re.compile(r"[0-9]{17}[0-9X]")
_OLD_ID_NUMBER = re.compile(r"[0-9]{15}")


class PhotoError(DomainError):
    """An image that cannot be a member's photo; the message (and ``zh``) says why."""


def normalise(data: bytes) -> bytes:
    """A JPEG for the meeting file made from an image file's bytes (JPEG or PNG).

    Raises ``PhotoError`` (English and Chinese) for anything that is not a
    readable JPEG or PNG within the limits.
    """
    if len(data) > MAX_FILE_BYTES:
        raise PhotoError(f"the file has {len(data) / 2**20:.0f} MB "
                         f"(at most {MAX_FILE_BYTES // 2**20} MB)",
                         f"文件有 {len(data) / 2**20:.0f} MB（最多 {MAX_FILE_BYTES // 2**20} MB）")
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb check warns below its error threshold: an error here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=("JPEG", "PNG"))
            width, height = image.size
            if image.format == "PNG" and width * height > MAX_PNG_PIXELS:
                raise PhotoError(
                    f"the PNG declares {width}x{height} pixels (at most "
                    f"{MAX_PNG_PIXELS // 1_000_000} million for a PNG): refused unread; "
                    "save it as JPEG or smaller",
                    f"PNG 图像声明为 {width}x{height} 像素（PNG 最多 {MAX_PNG_PIXELS // 1_000_000} "
                    "百万像素），未读取：请另存为 JPEG 或缩小后再导入")
            if width * height > MAX_PIXELS:
                raise PhotoError(
                    f"the image declares {width}x{height} pixels (at most "
                    f"{MAX_PIXELS // 1_000_000} million): refused unread",
                    f"图像声明为 {width}x{height} 像素（最多 {MAX_PIXELS // 1_000_000} 百万像素），"
                    "未读取")
            if min(width, height) < MIN_SIDE:
                raise PhotoError(f"the image is only {width}x{height} pixels (a face needs "
                                 f"at least {MIN_SIDE} on the shorter side)",
                                 f"图像只有 {width}x{height} 像素（短边至少 {MIN_SIDE} 像素才能看清面部）")
            # Decode a large JPEG at a fraction of its size (DCT scaling): a
            # 12-megapixel phone photo then costs a sixteenth of the memory and time.
            image.draft("RGB", (PHOTO_WIDTH * 2, PHOTO_HEIGHT * 2))
            image = ImageOps.exif_transpose(image)
            image = _rgb(image)
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PhotoError(f"the image declares too many pixels: refused unread ({exc})",
                         "图像声明的像素过多，未读取") from exc
    except UnidentifiedImageError as exc:
        # Pillow's own words name a Python object: the kind of file says more.
        en, zh = _kind_of(data)
        raise PhotoError(f"not a readable JPEG or PNG image ({en})",
                         f"不是可读取的 JPEG 或 PNG 图像（{zh}）") from exc
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError, zipfile.BadZipFile,
            TypeError, IndexError, KeyError) as exc:
        # Pillow's decoders raise any of these on a damaged or truncated file.
        raise PhotoError(f"the image is damaged ({type(exc).__name__}: {exc})",
                         f"图像已损坏（{exc}）") from exc
    image = ImageOps.fit(image, _fit_size(image.size), Image.Resampling.LANCZOS,
                         centering=(0.5, 0.4))
    return encode(image)


_MAGIC = ((b"\xff\xd8\xff", "a damaged JPEG", "已损坏的 JPEG"),
          (b"\x89PNG", "a damaged PNG", "已损坏的 PNG"), (b"GIF8", "a GIF", "GIF 图像"),
          (b"BM", "a BMP", "BMP 图像"), (b"RIFF", "a WebP or other RIFF file", "WebP 等 RIFF 文件"),
          (b"II*\x00", "a TIFF", "TIFF 图像"), (b"MM\x00*", "a TIFF", "TIFF 图像"),
          (b"%PDF", "a PDF", "PDF 文件"), (b"PK\x03\x04", "a zip or Office file", "zip 或 Office 文件"))


def _kind_of(data: bytes) -> tuple[str, str]:
    """What a file that is not a JPEG or PNG seems to be, from its first bytes (English, Chinese)."""
    if len(data) >= 12 and data[4:8] == b"ftyp":
        return ("a HEIC/HEIF or MP4 file; an iPhone photo: export it as JPEG",
                "HEIC/HEIF 或 MP4 文件；苹果手机照片请导出为 JPEG")
    for magic, en, zh in _MAGIC:
        if data.startswith(magic):
            return en, zh
    return ("an empty file", "空文件") if not data else ("an unknown kind of file", "未知类型的文件")


def _fit_size(size: tuple[int, int]) -> tuple[int, int]:
    """The 3:4 size a photo is cropped and scaled to: 240x320, or smaller if the source is."""
    width, height = size
    scale = min(1.0, width / PHOTO_WIDTH, height / PHOTO_HEIGHT)
    return max(1, round(PHOTO_WIDTH * scale)), max(1, round(PHOTO_HEIGHT * scale))


def _rgb(image: Image.Image) -> Image.Image:
    """The image in RGB; transparency laid over white (a cut-out ID photo's background)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale PNG (some scanners): scale to 8 bits, not clip.
        return image.point(lambda v: v / 256).convert("L").convert("RGB")
    return image.convert("RGB")


def encode(image: Image.Image) -> bytes:
    """The image as a JPEG within ``MAX_PHOTO_BYTES``: the best quality of ``QUALITIES`` that fits."""
    data = b""
    for quality in QUALITIES:
        out = io.BytesIO()
        # No exif, no icc_profile: nothing but the pixels leaves the source file.
        image.save(out, "JPEG", quality=quality, optimize=True, subsampling="4:2:0")
        data = out.getvalue()
        if len(data) <= MAX_PHOTO_BYTES:
            break
    problem = photo_problem(data)
    if problem is not None:  # only pure noise fails at quality 32
        raise PhotoError(f"the photo cannot be made small enough ({problem})",
                         "照片无法压缩到规定大小")
    return data


def shown_name(path: str | Path) -> str:
    """A file's name as messages show it: cleaned, and an ID number in it masked.

    Photos are often named by ID number: a message names the file by its last four.
    """
    return mask_in_text(clean_text(Path(path).name))


def read_image_file(path: str | Path) -> bytes:
    """An image file's bytes, refused (``PhotoError``) above ``MAX_FILE_BYTES`` before reading.

    Messages name the file with ``shown_name`` (an ID number masked).
    """
    path = Path(path)
    name = shown_name(path)
    try:
        if not path.is_file():
            raise PhotoError(f"{name} is not a file", f"{name} 不是文件")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise PhotoError(f"{name} has {size / 2**20:.0f} MB "
                             f"(at most {MAX_FILE_BYTES // 2**20} MB)",
                             f"{name} 有 {size / 2**20:.0f} MB（最多 {MAX_FILE_BYTES // 2**20} MB）")
        with open(path, "rb") as f:
            return f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        why = mask_in_text(str(exc.strerror or exc))  # str(exc) may hold the whole path
        raise PhotoError(f"cannot read {name}: {why}", f"无法读取 {name}：{why}") from exc


# ---- importing many ------------------------------------------------------------------------


@dataclass
class PhotoImport:
    """What an import of photos did, file by file (every file is in exactly one list).

    ``matched``: (file, member id, member name) written; ``replaced`` are those
    of them that replaced a photo the member had. ``unknown``: (file, why) names
    no member. ``unreadable``: (file, why) not an image within the limits.
    ``duplicates``: (file, member name, the file used instead): a second file for
    one member. ``skipped``: (file, why) not a .jpg/.jpeg/.png. ``hidden``: how
    many hidden files and __MACOSX entries were passed over.
    """

    source: str
    matched: list[tuple[str, int, str]] = field(default_factory=list)
    replaced: list[tuple[str, int, str]] = field(default_factory=list)
    unknown: list[tuple[str, str]] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    hidden: int = 0
    cancelled: bool = False
    seconds: float = 0.0
    bytes_written: int = 0
    zh: dict[str, str] = field(default_factory=dict)  # each English reason in Chinese

    def reason_zh(self, why: str) -> str:
        """A reason of ``unknown``, ``unreadable`` or ``skipped`` in Chinese (English if none)."""
        return self.zh.get(why) or _REASONS_ZH.get(why) or why

    @property
    def problems(self) -> int:
        """Files the organizer must look at (unknown, unreadable, duplicate, skipped)."""
        return len(self.unknown) + len(self.unreadable) + len(self.duplicates) + len(self.skipped)

    def summary(self) -> str:
        """One line in English."""
        parts = [f"{len(self.matched)} photos imported ({len(self.replaced)} replaced one "
                 "the member had)"]
        for n, words in ((len(self.unknown), "name no member"),
                         (len(self.unreadable), "could not be read"),
                         (len(self.duplicates), "were a second photo of one member"),
                         (len(self.skipped), "are not .jpg/.jpeg/.png"),
                         (self.hidden, "hidden or __MACOSX files passed over")):
            if n:
                parts.append(f"{n} {words}")
        if self.cancelled:
            parts.append("cancelled: the photos above were kept, the rest not read")
        return "; ".join(parts)

    def summary_zh(self) -> str:
        """The same in Chinese."""
        parts = [f"导入照片 {len(self.matched)} 张（其中替换原有照片 {len(self.replaced)} 张）"]
        for n, words in ((len(self.unknown), "个文件名找不到对应人员"),
                         (len(self.unreadable), "个文件无法读取"),
                         (len(self.duplicates), "个文件是同一人员的重复照片"),
                         (len(self.skipped), "个文件不是 .jpg/.jpeg/.png"),
                         (self.hidden, "个隐藏文件或 __MACOSX 文件已略过")):
            if n:
                parts.append(f"{n} {words}")
        if self.cancelled:
            parts.append("已取消：上述照片已保存，其余未读取")
        return "；".join(parts)

    def lines(self) -> list[str]:
        """Every file that needs the organizer's eye, one line each, in English."""
        out = [f"replaced: {name} ({who})" for name, _, who in self.replaced]
        out += [f"unknown name: {name}: {why}" for name, why in self.unknown]
        out += [f"unreadable: {name}: {why}" for name, why in self.unreadable]
        out += [f"duplicate: {name}: {who} already has {kept} from this import"
                for name, who, kept in self.duplicates]
        out += [f"skipped: {name}: {why}" for name, why in self.skipped]
        return out


_NOT_IMAGE = "not a .jpg, .jpeg or .png file"
_LINK = "a link, not a file in the folder"
_BAD_CHECK = "an ID number with a wrong check character (a typo?)"
_NO_IDS = ("an ID number, but this meeting's roster holds no ID numbers: import them with "
           "the roster, or name the file by member number")
_NO_ID_MATCH = "no member on the roster has this ID number"
_NO_NUMBER = "no member on the roster has this member number"
_REASONS_ZH = {
    _NOT_IMAGE: "不是 .jpg、.jpeg 或 .png 文件",
    _LINK: "是快捷方式（链接），不是文件夹中的文件",
    _BAD_CHECK: "身份证号码校验位不符（可能有输入错误）",
    _NO_IDS: "文件名是身份证号码，但本次会议的名册没有身份证号码：请随名册导入身份证号码，或以党员编号命名文件",
    _NO_ID_MATCH: "名册中没有此身份证号码的人员",
    _NO_NUMBER: "名册中没有此党员编号的人员",
}


@dataclass(frozen=True, slots=True)
class _Entry:
    """One file of a folder or .zip: its name as shown (ID numbers masked), its name as
    it is (for matching), and how to read its bytes."""

    name: str
    raw: str
    read: Callable[[], bytes]


def _entry(name: str, read: Callable[[], bytes]) -> _Entry:
    """An entry whose shown name never holds an ID number in clear (it goes into the
    report, the log and the photo's ``source``)."""
    name = unicodedata.normalize("NFKC", name)  # full-width digits are digits
    return _Entry(mask_in_text(name), name, read)


class _Matcher:
    """File stems to members: by member number (any case), or by ID number (its keyed hash)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.by_number = {m.number.strip().upper(): m for m in store.members() if m.number}
        key = store.get_meta(idnumbers.KEY_META) or ""
        self.key = key if idnumbers.is_key(key) and store.has_id_numbers() else ""

    def member(self, stem: str) -> tuple[MemberRecord | None, str]:
        """The member a file's stem names, or None and why not."""
        key = stem.strip().upper()
        found = self.by_number.get(key)
        if found is not None:
            return found, ""
        if _ID_NUMBER.fullmatch(key) or _OLD_ID_NUMBER.fullmatch(key):
            full = idnumbers.to_18(key)
            if not idnumbers.is_valid(full):
                return None, _BAD_CHECK
            if not self.key:
                return None, _NO_IDS
            hit = member_for_id_number(self.store, full)  # the one place: its keyed hash
            return (hit, "") if hit is not None else (None, _NO_ID_MATCH)
        return None, _NO_NUMBER


def import_photos(store: Store, source: str | Path, actor: str, *,
                  progress: Callable[[int, int], None] | None = None) -> PhotoImport:
    """Import every photo of a folder or a .zip, matched by file name; returns the report.

    Photos are written ``BATCH`` at a time. ``progress(files done, files)`` is
    called as files are read; if it raises (the organizer cancelled), the
    batches already written stay, and the report says ``cancelled``.
    Raises ``PhotoError`` only when the folder or .zip as a whole cannot be read.
    """
    source = Path(source)
    started = time.monotonic()
    report = PhotoImport(source=str(source))
    matcher = _Matcher(store)
    members_with = store.photo_member_ids()
    with _entries(source, report) as entries:
        total = len(entries)
        chosen: dict[int, str] = {}
        batch: list[tuple[str, MemberRecord, bytes]] = []
        for done, entry in enumerate(entries, start=1):
            _one(entry, matcher, chosen, batch, report)
            if len(batch) >= BATCH:
                _write(store, batch, members_with, report, actor)
            if progress is not None:
                try:
                    progress(done, total)
                except Exception:  # the organizer cancelled: keep what was read, say so
                    report.cancelled = True
                    break
        _write(store, batch, members_with, report, actor)
    report.seconds = time.monotonic() - started
    log.info("photos imported from %s by %s in %.1f s: %s", source, actor, report.seconds,
             report.summary())
    return report


def _one(entry: _Entry, matcher: _Matcher, chosen: dict[int, str],
         batch: list[tuple[str, MemberRecord, bytes]], report: PhotoImport) -> None:
    """Read, match and make small one file, putting it in the right list of the report."""
    posix = PurePosixPath(entry.raw)
    suffix = posix.suffix.lower()
    if suffix not in EXTENSIONS:
        report.skipped.append((entry.name, _NOT_IMAGE))
        return
    member, why = matcher.member(posix.stem)
    if member is None:
        report.unknown.append((entry.name, why))
        return
    if member.id in chosen:
        report.duplicates.append((entry.name, member.name, chosen[member.id]))
        return
    try:
        jpeg = normalise(entry.read())
    except PhotoError as exc:
        report.unreadable.append((entry.name, str(exc)))
        report.zh[str(exc)] = exc.zh
        return
    chosen[member.id] = entry.name
    batch.append((entry.name, member, jpeg))


def _write(store: Store, batch: list[tuple[str, MemberRecord, bytes]], members_with: set[int],
           report: PhotoImport, actor: str) -> None:
    """Write a batch of photos in one transaction and record them in the report."""
    if not batch:
        return
    try:
        with store.transact():
            for name, member, jpeg in batch:
                store.set_photo(member.id, jpeg, name, actor=actor)
        written = list(batch)
    except (PhotoRefused, sqlite3.Error):
        # One photo the file refuses (its member was removed meanwhile), or the file
        # was busy: the batch is written one by one, and what fails is reported.
        written = []
        for name, member, jpeg in batch:
            try:
                store.set_photo(member.id, jpeg, name, actor=actor)
            except (PhotoRefused, sqlite3.Error) as exc:
                why = f"not written: {exc}"
                report.unreadable.append((name, why))
                report.zh[why] = f"未写入：{exc}"
                continue
            written.append((name, member, jpeg))
    for name, member, jpeg in written:
        report.matched.append((name, member.id, member.name))
        report.bytes_written += len(jpeg)
        if member.id in members_with:
            report.replaced.append((name, member.id, member.name))
        members_with.add(member.id)
    batch.clear()


class _Entries:
    """The files of a folder or .zip as a list, and the .zip kept open while it is read."""

    def __init__(self, entries: list[_Entry], archive: zipfile.ZipFile | None) -> None:
        self.entries = entries
        self.archive = archive

    def __enter__(self) -> list[_Entry]:
        return self.entries

    def __exit__(self, *exc: object) -> None:
        if self.archive is not None:
            self.archive.close()


def _entries(source: Path, report: PhotoImport) -> _Entries:
    """The image files of a folder (recursively) or of a .zip, hidden ones counted and left out."""
    if source.is_dir():
        return _Entries(list(_folder_entries(source, report)), None)
    if not source.is_file():
        raise PhotoError(f"{source} is neither a folder nor a .zip file",
                         f"{source} 既不是文件夹也不是 .zip 文件")
    try:
        _check_zip_directory(source)
        archive = zipfile.ZipFile(source)
    except PhotoError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, struct.error) as exc:
        raise PhotoError(f"{source.name} is not a readable .zip file ({exc})",
                         f"{source.name} 不是可读取的 .zip 文件") from exc
    try:
        entries = _zip_entries(archive, report)
    except BaseException:
        archive.close()
        raise
    return _Entries(entries, archive)


def _check_zip_directory(source: Path) -> None:
    """Refuse a .zip whose last record announces too many files or too large a directory,
    before ``zipfile`` loads that directory (600,000 names cost it about 330 MB)."""
    with source.open("rb") as f:
        # zipfile's own reader of the end record (zip64 too); private, but in every
        # Python 3 and what ZipFile itself calls first.
        end = zipfile._EndRecData(f)  # type: ignore[attr-defined]
    if end is None:
        raise zipfile.BadZipFile("no end-of-directory record")
    entries, size = end[zipfile._ECD_ENTRIES_TOTAL], end[zipfile._ECD_SIZE]  # type: ignore[attr-defined]
    if entries > MAX_ENTRIES:
        raise PhotoError(f"the .zip holds {entries:,} files (at most {MAX_ENTRIES:,})",
                         f".zip 中有 {entries:,} 个文件（最多 {MAX_ENTRIES:,} 个）")
    if size > MAX_ZIP_DIRECTORY:
        raise PhotoError(f"the .zip's list of files has {size / 2**20:.1f} MB "
                         f"(at most {MAX_ZIP_DIRECTORY / 2**20:.0f} MB)",
                         f".zip 的文件目录有 {size / 2**20:.1f} MB（最多 {MAX_ZIP_DIRECTORY / 2**20:.0f} MB）")


def _hidden(parts: tuple[str, ...]) -> bool:
    return any(p.startswith(".") or p == "__MACOSX" or p in ("Thumbs.db", "desktop.ini")
               for p in parts)


def _folder_entries(root: Path, report: PhotoImport) -> Iterator[_Entry]:
    count = total = 0
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if _hidden(rel.parts):
            if path.is_file():
                report.hidden += 1
            continue
        if path.is_symlink():  # a link may point anywhere on the disk: only real files are read
            report.skipped.append((mask_in_text(clean_text(rel.as_posix())),
                                   _LINK))
            continue
        if not path.is_file():
            continue
        count += 1
        if count > MAX_ENTRIES:
            raise PhotoError(f"the folder holds more than {MAX_ENTRIES:,} files",
                             f"文件夹中的文件超过 {MAX_ENTRIES:,} 个")
        total += path.stat().st_size
        if total > MAX_IMPORT_BYTES:
            raise PhotoError(f"the folder holds more than {MAX_IMPORT_BYTES // 2**30} GB of files",
                             f"文件夹中的文件超过 {MAX_IMPORT_BYTES // 2**30} GB")
        yield _entry(clean_text(rel.as_posix()), lambda p=path: read_image_file(p))


def _zip_name(info: zipfile.ZipInfo) -> str:
    """An entry's name as its maker meant it: Chinese Windows writes GBK without saying so."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return clean_text(name)[:MAX_NAME_CHARS]


def _zip_entries(archive: zipfile.ZipFile, report: PhotoImport) -> list[_Entry]:
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > MAX_ENTRIES:
        raise PhotoError(f"the .zip holds {len(infos):,} files (at most {MAX_ENTRIES:,})",
                         f".zip 中有 {len(infos):,} 个文件（最多 {MAX_ENTRIES:,} 个）")
    declared = sum(i.file_size for i in infos)
    if declared > MAX_IMPORT_BYTES:
        raise PhotoError(f"the .zip would inflate to {declared / 2**30:.1f} GB "
                         f"(at most {MAX_IMPORT_BYTES // 2**30} GB)",
                         f".zip 解压后达 {declared / 2**30:.1f} GB（最多 {MAX_IMPORT_BYTES // 2**30} GB）")
    out = []
    for info in sorted(infos, key=lambda i: i.filename):
        name = _zip_name(info)
        if _hidden(tuple(PurePosixPath(name).parts)):
            report.hidden += 1
            continue
        out.append(_entry(name, lambda info=info: _inflate(archive, info)))
    return out


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """One .zip entry's bytes, refused (``PhotoError``) as soon as it inflates beyond the limits.

    The declared sizes are checked first, then the bytes are counted while
    inflating: a crafted entry can declare less than it holds.
    """
    if info.file_size > MAX_FILE_BYTES:
        raise PhotoError(f"the file has {info.file_size / 2**20:.0f} MB "
                         f"(at most {MAX_FILE_BYTES // 2**20} MB)",
                         f"文件有 {info.file_size / 2**20:.0f} MB（最多 {MAX_FILE_BYTES // 2**20} MB）")
    _check_ratio(info.file_size, info.compress_size)
    chunks = []
    size = 0
    try:
        with archive.open(info) as part:
            while chunk := part.read(1 << 20):
                size += len(chunk)
                if size > MAX_FILE_BYTES:
                    raise PhotoError(f"the file inflates beyond {MAX_FILE_BYTES // 2**20} MB",
                                     f"文件解压后超过 {MAX_FILE_BYTES // 2**20} MB")
                _check_ratio(size, info.compress_size)
                chunks.append(chunk)
    except PhotoError:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError) as exc:
        # RuntimeError: an encrypted entry (zipfile asks for a password).
        raise PhotoError(f"the entry cannot be read from the .zip ({exc})",
                         f"无法从 .zip 中读取此文件（{exc}）") from exc
    return b"".join(chunks)


def _check_ratio(size: int, compressed: int) -> None:
    if size > 2**20 and size > MAX_RATIO * max(compressed, 1):
        raise PhotoError(
            f"the file inflates {size // max(compressed, 1)} times (at most {MAX_RATIO} "
            "times for files over 1 MB): refused as a zip bomb",
            f"文件解压后膨胀 {size // max(compressed, 1)} 倍（超过 1 MB 的文件最多 {MAX_RATIO} 倍）："
            "疑为压缩炸弹，拒绝读取")


# ---- one member at a time ------------------------------------------------------------------


def set_member_photo(store: Store, member_id: int, data: bytes, source: str,
                     actor: str) -> Changes:
    """Make ``data`` (a JPEG or PNG file's bytes, or a camera's picture) the member's photo."""
    member = store.member(member_id)
    if member is None or member.removed_at is not None:
        raise PhotoError(f"no member {member_id} on the roster",
                         f"该人员不在名册中（#{member_id}）")
    jpeg = normalise(data)
    source = mask_in_text(clean_text(source))  # a file named by ID number: last four only
    store.set_photo(member_id, jpeg, source, actor=actor)
    log.info("photo of member %d set by %s from %s (%d bytes)", member_id, actor,
             source[:80], len(jpeg))
    return Changes(members=frozenset({member_id}))


def set_member_photo_file(store: Store, member_id: int, path: str | Path,
                          actor: str) -> Changes:
    """Make an image file the member's photo; a refusal names the file (``shown_name``)."""
    data = read_image_file(path)  # its messages name the file already
    try:
        return set_member_photo(store, member_id, data, Path(path).name, actor)
    except PhotoError as exc:
        name = shown_name(path)
        zh = getattr(exc, "zh", "")
        raise PhotoError(f"{name}: {exc}", f"{name}：{zh}" if zh else "") from exc


def remove_member_photo(store: Store, member_id: int, actor: str) -> Changes:
    """Delete a member's photo (nothing changes when they had none)."""
    if not store.remove_photo(member_id, actor=actor):
        return Changes()
    log.info("photo of member %d removed by %s", member_id, actor)
    return Changes(members=frozenset({member_id}))
