"""The fonts of every PDF and PNG: a Chinese base font and a chain of fallbacks.

Names use rare characters (生僻字, GB 18030): 王䶮 (U+4DAE, Extension A), 王𠮷
(U+20BB7, Extension B). The base font (WenQuanYi Micro Hei, Microsoft YaHei, …)
holds Latin and the common Han characters; each character it lacks is drawn from
the first fallback font that has it (Extensions A to G), and each font used is
embedded as a subset, so the paper shows the name as written on any machine.
When no font has a character, a hollow box (□) is drawn in its place, never a
gap, and ``reports.glyphs`` names the member and the character before printing.

The base font, in this order:

1. the first file named by ``SIGNDESK_FONT`` (a .ttf or .ttc; ``path.ttc#2``
   picks the third face of a collection); more files after it, separated by
   ``os.pathsep``, are extra fallbacks tried before the system's;
2. well-known files on Windows, macOS and Linux;
3. whatever ``fc-list :lang=zh`` offers on Linux.

The fallbacks: SimSun-ExtB and SimSun-ExtG on Windows; on Linux Droid Sans
Fallback (Extension A), HanaMinA/HanaMinB (fonts-hanazono: A to F) and
BabelStone Han (fonts-babelstone-han: much of G); then any TrueType font that
fontconfig says has the missing character. ``SIGNDESK_FALLBACK_FONTS`` replaces
that list (``none``: the base font alone, to see what a bare machine prints).

Only TrueType outlines work: reportlab cannot embed PostScript/CFF outlines
(the Noto/Source Han "CJK" .otf/.ttc files), so such files are skipped.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from data.errors import UserError

log = logging.getLogger(__name__)

FONT_ENV = "SIGNDESK_FONT"
FALLBACK_ENV = "SIGNDESK_FALLBACK_FONTS"
FONT_NAME = "SignDeskCJK"
PROBE = "出席率签到党员大会第页共"
PLACEHOLDER = "□"  # U+25A1 WHITE SQUARE: what is printed where no font has the character

# (path, face index) in order of preference; missing files are skipped.
_WINDOWS = [
    ("msyh.ttc", 0), ("msyh.ttf", 0), ("simhei.ttf", 0), ("simsun.ttc", 0),
    ("Deng.ttf", 0), ("simkai.ttf", 0),
]
_MACOS = [
    "/System/Library/Fonts/STHeiti Medium.ttc", "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc", "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf", "/Library/Fonts/Songti.ttc",
]
_LINUX = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
]
# Fallbacks for the Extensions, best first: a sans face for Extension A (it sits
# best next to a sans base font), then the fonts that cover the most.
_WINDOWS_FALLBACK = [("simsunb.ttf", 0), ("SimsunExtG.ttf", 0), ("mingliub.ttc", 0)]
_LINUX_FALLBACK = [
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",   # Ext A
    "/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf",             # Ext A, part of B
    "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",             # Ext B, C, D, E, F
    "/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf",      # much of G and H
    "/usr/share/fonts/hanazono/HanaMinA.ttf", "/usr/share/fonts/hanazono/HanaMinB.ttf",
]

INSTALL_HINT = (
    "没有找到可嵌入的中文 TrueType 字体 (no Chinese TrueType font found).\n"
    "  Debian/Ubuntu:  sudo apt install fonts-wqy-microhei\n"
    "  Fedora:         sudo dnf install wqy-microhei-fonts\n"
    "  Windows/macOS:  the system's Microsoft YaHei / STHeiti are used when present\n"
    f"  or point {FONT_ENV} at a .ttf/.ttc file with Chinese glyphs "
    "(TrueType outlines; .otf CFF fonts such as Noto Sans CJK cannot be embedded)."
)
FALLBACK_HINT = (
    "安装生僻字字体后重新生成，或在打印件上手写该字。"
    " Debian/Ubuntu: sudo apt install fonts-hanazono fonts-babelstone-han;"
    f" Windows: SimSun-ExtB / SimSun-ExtG; or add a .ttf to {FONT_ENV} "
    f"(separated by {os.pathsep!r})."
)


class FontError(UserError, RuntimeError):
    """No usable Chinese font; the message says what to install."""


@dataclass(frozen=True, slots=True)
class CJKFont:
    """The registered font: its reportlab name and the base file it came from."""

    name: str
    path: str
    index: int


def _split(spec: str) -> tuple[str, int]:
    path, _, index = spec.partition("#")
    return path, int(index) if index.isdigit() else 0


def _configured(env: str) -> list[tuple[str, int]]:
    value = os.environ.get(env, "").strip()
    return [_split(p.strip()) for p in value.split(os.pathsep) if p.strip()]


def _unique(found: list[tuple[str, int]]) -> list[tuple[str, int]]:
    seen: set[tuple[str, int]] = set()
    return [c for c in found if not (c in seen or seen.add(c))]


def _windows_fonts(names: list[tuple[str, int]]) -> list[tuple[str, int]]:
    windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    local = Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"
    return [(str(d / name), index) for name, index in names for d in (windir, local)]


def candidates() -> list[tuple[str, int]]:
    """Base font files to try, best first (the configured one alone if set)."""
    configured = _configured(FONT_ENV)
    if configured:
        return configured[:1]
    found: list[tuple[str, int]] = []
    if sys.platform == "win32":
        found += _windows_fonts(_WINDOWS)
    elif sys.platform == "darwin":
        found += [(p, 0) for p in _MACOS]
    found += [(p, 0) for p in _LINUX]
    found += _fontconfig(":lang=zh")
    return _unique(found)


def fallback_candidates() -> list[tuple[str, int]]:
    """Fallback font files, in the order they are asked for a missing character."""
    extra = _configured(FONT_ENV)[1:]
    value = os.environ.get(FALLBACK_ENV, "").strip()
    if value.lower() == "none":
        return extra
    if value:
        return _unique(extra + _configured(FALLBACK_ENV))
    found = list(extra)
    if sys.platform == "win32":
        found += _windows_fonts(_WINDOWS_FALLBACK)
    found += [(p, 0) for p in _LINUX_FALLBACK]
    return _unique(found)


def _fontconfig(pattern: str) -> list[tuple[str, int]]:
    """TrueType files fontconfig lists for a pattern (':lang=zh', ':charset=20bb7')."""
    if not shutil.which("fc-list"):
        return []
    try:
        out = subprocess.run(
            ["fc-list", pattern, "file", "index"], capture_output=True, text=True, timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    result = []
    for line in sorted(out.splitlines()):
        path, _, rest = line.partition(":")
        index = rest.strip().removeprefix("index=").strip()
        if path.lower().endswith((".ttf", ".ttc")):
            result.append((path.strip(), int(index) if index.isdigit() else 0))
    return result


def _load(name: str, path: str, index: int) -> TTFont | str:
    """A reportlab font for one file, or why it cannot be used."""
    if not Path(path).is_file():
        return f"{path}: no such file"
    try:
        return TTFont(name, path, subfontIndex=index, shapable=False)
    except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
        return f"{path}: {exc}"


def _invisible(ch: str) -> bool:
    """Format and control characters (zero-width space, variation selectors): no ink."""
    cat = unicodedata.category(ch)
    return cat in ("Cc", "Cf") or (cat == "Mn" and "VARIATION SELECTOR" in unicodedata.name(ch, ""))


# A font's subsets are numbered 0, 1, …; the chain numbers font k's subset s as
# k * _SPAN + s, so the text object switches fonts exactly when the font changes.
_SPAN = 1 << 16


class ChainFont(TTFont):
    """The base TrueType font plus fallbacks, registered under one reportlab name.

    Every reportlab path that draws or measures text (canvas strings, Paragraph,
    Table cells, charts) asks the registered font to split text into subsets and
    to measure it; this font splits by which font of the chain has each glyph,
    so all of them fall back without changes at the call sites.
    """

    def __init__(self, name: str, path: str, index: int,
                 fallbacks: list[tuple[str, int]], *, discover: bool) -> None:
        super().__init__(name, path, subfontIndex=index, shapable=False)
        self.path, self.index = path, index
        self.fonts: list[TTFont] = [self]
        self.files: list[tuple[str, int]] = [(path, index)]
        self._pending = list(fallbacks)
        self._discover = discover
        self._lock = threading.Lock()
        self._where: dict[str, int] = {}    # character -> font number; -1: none has it
        self._base = frozenset(map(chr, self.face.charToGlyph))
        self.placeholder = PLACEHOLDER if ord(PLACEHOLDER) in self.face.charToGlyph else "?"
        self.problems: list[str] = []       # fallback files that could not be used

    # -- which font draws a character --------------------------------------------------

    def font_of(self, ch: str) -> int:
        """The number of the first font in the chain with a glyph for ``ch``; -1 if none."""
        if ch in self._base:
            return 0
        found = self._where.get(ch)
        if found is not None:
            return found
        with self._lock:
            code = ord(ch)
            k = next((k for k, f in enumerate(self.fonts) if code in f.face.charToGlyph), -1)
            while k < 0 and self._more():
                if code in self.fonts[-1].face.charToGlyph:
                    k = len(self.fonts) - 1
            self._where[ch] = k
            return k

    def _more(self) -> bool:
        """Load the next fallback font (from the list, then fontconfig); False when none left."""
        if not self._pending and self._discover:
            # Once: every other font on the system with Han characters, in case one
            # of them has this glyph (a font the organizer installed themselves).
            self._discover = False
            known = set(self.files)
            self._pending = [c for c in _fontconfig(":charset=4e00") if c not in known]
        while self._pending:
            path, index = self._pending.pop(0)
            # the same file under another name (Debian's fonts-japanese-mincho.ttf
            # alternative is HanaMinA.ttf): loaded once
            if (path, index) in self.files or (os.path.realpath(path), index) in {
                    (os.path.realpath(p), i) for p, i in self.files}:
                continue
            font = _load(f"{self.fontName}~{len(self.fonts)}", path, index)
            if isinstance(font, str):
                if "no such file" not in font:
                    self.problems.append(font)
                continue
            self.fonts.append(font)
            self.files.append((path, index))
            return True
        return False

    def covers(self, text: str) -> bool:
        """True when the base font alone has every character (the common, fast case)."""
        return self._base.issuperset(text)

    def missing(self, text: str) -> list[str]:
        """Characters of ``text`` that no font of the chain has (each once, in order)."""
        if self.covers(text):
            return []
        out: list[str] = []
        for ch in text:
            if ch not in out and not _invisible(ch) and self.font_of(ch) < 0:
                out.append(ch)
        return out

    def runs(self, text: str) -> Iterator[tuple[int, str]]:
        """(font number, text) pieces; missing characters become the placeholder in
        the base font, invisible ones are left out, spaces no font has become spaces."""
        if self.covers(text):
            yield 0, text
            return
        cur, piece = 0, []
        for ch in text:
            k = self.font_of(ch)
            if k < 0:
                if _invisible(ch):
                    continue
                k, ch = 0, (" " if ch.isspace() else self.placeholder)
            if k != cur and piece:
                yield cur, "".join(piece)
                piece = []
            cur = k
            piece.append(ch)
        if piece:
            yield cur, "".join(piece)

    # -- reportlab's font interface ------------------------------------------------------

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:  # noqa: N802
        """Width of text at size, each character measured in the font that draws it."""
        if isinstance(text, bytes):
            text = text.decode(encoding or "utf8")
        if self.covers(text):
            return TTFont.stringWidth(self, text, size, encoding)
        return sum(TTFont.stringWidth(self.fonts[k], t, size, encoding)
                   for k, t in self.runs(text))

    def splitString(self, text: str, doc: object, encoding: str = "utf-8") -> list:  # noqa: N802
        """Subsets of the chain's fonts, numbered so that each font keeps its own."""
        if isinstance(text, bytes):
            text = text.decode(encoding or "utf-8")
        if self.covers(text):
            return TTFont.splitString(self, text, doc, encoding)
        out = []
        for k, t in self.runs(text):
            out += [(k * _SPAN + s, b) for s, b in TTFont.splitString(self.fonts[k], t, doc,
                                                                      encoding)]
        return out

    def getSubsetInternalName(self, subset: int, doc: object) -> str:  # noqa: N802
        """The PDF name of a subset; the fallback font is embedded when first named."""
        k, s = divmod(subset, _SPAN)
        return TTFont.getSubsetInternalName(self.fonts[k], s, doc)

    def describe(self) -> list[str]:
        """The files of the chain loaded so far, base first."""
        return [f"{p}#{i}" if i else p for p, i in self.files]


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, but with characters beyond U+FFFF written as UTF-16
    surrogate pairs: reportlab 5.1 writes <20BB7>, which readers cut to U+20BB, so
    pdftotext, search and copy-paste would lose every Extension B–G character."""

    def utf16(v: int) -> str:
        if v <= 0xFFFF:
            return f"{v:04X}"
        v -= 0x10000
        return f"{0xD800 + (v >> 10):04X}{0xDC00 + (v & 0x3FF):04X}"

    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
        "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *[f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)],
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


class _GlyphTable:
    """The 'glyf' table of a font as a view: slicing copies one glyph, not the table."""

    __slots__ = ("view",)

    def __init__(self, view: memoryview) -> None:
        self.view = view

    def __getitem__(self, part: slice) -> bytes:
        return self.view[part].tobytes()

    def __len__(self) -> int:
        return len(self.view)


_get_table = ttfonts.TTFontFile.get_table


def _get_table_viewed(self: ttfonts.TTFontFile, tag: str) -> object:
    """reportlab copies the whole glyph table for each subset it embeds: tens of MB
    for the fallback fonts (BabelStone Han is 51 MB), a fifth of a second a document.
    makeSubset only slices single glyphs out of it, so a view serves."""
    if tag != "glyf":
        return _get_table(self, tag)
    pos, length = self.get_table_pos(tag)
    return _GlyphTable(memoryview(self._ttf_data)[pos:pos + length])


ttfonts.TTFontFile.get_table = _get_table_viewed


def _try(path: str, index: int) -> ChainFont | str:
    """The chain on one base file, or why that file cannot be the base."""
    if not Path(path).is_file():
        return f"{path}: no such file"
    fallback_env = os.environ.get(FALLBACK_ENV, "").strip()
    try:
        font = ChainFont(FONT_NAME, path, index, fallback_candidates(),
                         discover=not fallback_env)
    except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
        return f"{path}: {exc}"
    missing = [ch for ch in PROBE if ord(ch) not in font.face.charToGlyph]
    if missing:
        return f"{path}: has no Chinese glyphs ({''.join(missing)} missing)"
    return font


@cache
def chain() -> ChainFont:
    """Find, check and register the fonts (once per process).

    Raises ``FontError`` with installation advice when no base font is usable.
    """
    problems = []
    for path, index in candidates():
        font = _try(path, index)
        if isinstance(font, ChainFont):
            pdfmetrics.registerFont(font)
            return font
        problems.append(font)
    if os.environ.get(FONT_ENV, "").strip():
        raise FontError(f"{FONT_ENV} names a font that cannot be used: {problems[0]}\n"
                        + INSTALL_HINT)
    raise FontError(INSTALL_HINT)


def cjk_font() -> CJKFont:
    """The registered font's name (for setFont and styles) and its base file."""
    f = chain()
    return CJKFont(f.fontName, f.path, f.index)


cjk_font.cache_clear = chain.cache_clear  # type: ignore[attr-defined]


def missing(text: str) -> list[str]:
    """Characters of ``text`` that no font can print (each once, in order)."""
    return chain().missing(text)


def codepoint(ch: str) -> str:
    """'U+20BB7' for a character."""
    return f"U+{ord(ch):04X}"


# -- Pillow (PNG cards) --------------------------------------------------------------------

@cache
def _pil(path: str, index: int, size: int):  # -> PIL.ImageFont.FreeTypeFont
    from PIL import ImageFont

    return ImageFont.truetype(path, size, index=index)


def pil_length(text: str, size: int) -> float:
    """The width in pixels of text drawn by ``pil_text`` at ``size``."""
    f = chain()
    return sum(_pil(*f.files[k], size).getlength(t) for k, t in f.runs(text))


def pil_text(draw, xy: tuple[float, float], text: str, size: int, fill: object,
             anchor: str = "mm") -> None:
    """Draw text with Pillow, each run in the font of the chain that has its glyphs.

    ``anchor`` is Pillow's two letters; the horizontal one (l, m, r) places the
    whole line, the vertical one (a, m, s, d) is taken from the base font so that
    every run shares one baseline.
    """
    f = chain()
    parts = list(f.runs(text))
    base = _pil(f.path, f.index, size)
    total = sum(_pil(*f.files[k], size).getlength(t) for k, t in parts)
    x, y = xy
    x -= {"l": 0.0, "m": total / 2, "r": total}[anchor[0]]
    ascent, descent = base.getmetrics()
    y += {"a": ascent, "m": (ascent - descent) / 2, "s": 0.0, "d": -descent}[anchor[1]]
    for k, t in parts:
        font = _pil(*f.files[k], size)
        draw.text((x, y), t, font=font, fill=fill, anchor="ls")
        x += font.getlength(t)


def coverage_report() -> list[str]:
    """Lines saying which fonts are used and how many characters of each CJK block print."""
    from reports.glyphs import BLOCKS

    f = chain()
    lines = [f"base font: {f.describe()[0]}"]
    counts = {}
    for name, (lo, hi) in BLOCKS.items():
        found = sum(1 for c in range(lo, hi + 1) if f.font_of(chr(c)) >= 0)
        counts[name] = f"{found}/{hi - lo + 1}"
    lines += [f"fallback font: {d}" for d in f.describe()[1:]]
    lines += [f"problem: {p}" for p in f.problems]
    lines += [f"{name:10s} {c}" for name, c in counts.items()]
    return lines


if __name__ == "__main__":  # python -m reports.fonts: what this machine prints
    print("\n".join(coverage_report()))
