"""Finding a Chinese TrueType font and registering it with reportlab.

Every PDF embeds a subset of this one font (reportlab subsets TrueType fonts
itself), so a report prints the same on a machine without Chinese fonts and
its text stays extractable. The font is chosen in this order:

1. the file named by the environment variable ``SIGNDESK_FONT`` (a .ttf or .ttc;
   ``path.ttc#2`` picks the third face of a collection);
2. well-known files on Windows, macOS and Linux;
3. whatever ``fc-list :lang=zh`` offers on Linux.

Only TrueType outlines work: reportlab cannot embed PostScript/CFF outlines
(most Noto/Source Han "CJK" .otf/.ttc files), so such files are skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FONT_ENV = "SIGNDESK_FONT"
FONT_NAME = "SignDeskCJK"
PROBE = "出席率签到党员大会第页共"

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

INSTALL_HINT = (
    "没有找到可嵌入的中文 TrueType 字体 (no Chinese TrueType font found).\n"
    "  Debian/Ubuntu:  sudo apt install fonts-wqy-microhei\n"
    "  Fedora:         sudo dnf install wqy-microhei-fonts\n"
    "  Windows/macOS:  the system's Microsoft YaHei / STHeiti are used when present\n"
    f"  or point {FONT_ENV} at a .ttf/.ttc file with Chinese glyphs "
    "(TrueType outlines; .otf CFF fonts such as Noto Sans CJK cannot be embedded)."
)


class FontError(RuntimeError):
    """No usable Chinese font; the message says what to install."""


@dataclass(frozen=True, slots=True)
class CJKFont:
    """The registered font: its reportlab name and the file it came from."""

    name: str
    path: str
    index: int


def _split(spec: str) -> tuple[str, int]:
    path, _, index = spec.partition("#")
    return path, int(index) if index.isdigit() else 0


def candidates() -> list[tuple[str, int]]:
    """Font files to try, best first (the configured one alone if set)."""
    configured = os.environ.get(FONT_ENV, "").strip()
    if configured:
        return [_split(configured)]
    found: list[tuple[str, int]] = []
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        local = Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"
        for name, index in _WINDOWS:
            found += [(str(d / name), index) for d in (windir, local)]
    elif sys.platform == "darwin":
        found += [(p, 0) for p in _MACOS]
    found += [(p, 0) for p in _LINUX]
    found += _fontconfig()
    seen: set[tuple[str, int]] = set()
    return [c for c in found if not (c in seen or seen.add(c))]


def _fontconfig() -> list[tuple[str, int]]:
    if not shutil.which("fc-list"):
        return []
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "file", "index"], capture_output=True, text=True, timeout=10,
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


def _try(path: str, index: int) -> str | None:
    """Register one font file; returns None if it works, else why not."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    if not Path(path).is_file():
        return f"{path}: no such file"
    try:
        font = TTFont(FONT_NAME, path, subfontIndex=index)
    except (TTFError, OSError, ValueError, KeyError) as exc:
        return f"{path}: {exc}"
    missing = [ch for ch in PROBE if ord(ch) not in font.face.charToGlyph]
    if missing:
        return f"{path}: has no Chinese glyphs ({''.join(missing)} missing)"
    pdfmetrics.registerFont(font)
    return None


@cache
def cjk_font() -> CJKFont:
    """Find, check and register the Chinese font (once per process).

    Raises ``FontError`` with installation advice when nothing usable is found.
    """
    problems = []
    for path, index in candidates():
        why = _try(path, index)
        if why is None:
            return CJKFont(FONT_NAME, path, index)
        problems.append(why)
    if os.environ.get(FONT_ENV, "").strip():
        raise FontError(f"{FONT_ENV} names a font that cannot be used: {problems[0]}\n"
                        + INSTALL_HINT)
    raise FontError(INSTALL_HINT)


@cache
def pil_font(size: int):  # -> PIL.ImageFont.FreeTypeFont
    """The same font for Pillow (PNG cards), at a pixel size (cached per size)."""
    from PIL import ImageFont

    f = cjk_font()
    return ImageFont.truetype(f.path, size, index=f.index)
