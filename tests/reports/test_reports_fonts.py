"""Finding the Chinese font, the configured one, and the advice when there is none."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import reportkit as rk

import reports.fonts as fonts

ROOT = Path(__file__).resolve().parents[2]
WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
DROID = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _run(code: str, font: str | None, fallback: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop(fonts.FONT_ENV, None)
    env.pop(fonts.FALLBACK_ENV, None)
    if font is not None:
        env[fonts.FONT_ENV] = font
    if fallback is not None:
        env[fonts.FALLBACK_ENV] = fallback
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)


def test_finds_an_installed_chinese_font() -> None:
    done = _run("from reports.fonts import cjk_font; print(cjk_font().path)", None)
    assert done.returncode == 0, done.stderr
    path = done.stdout.strip()
    assert Path(path).is_file()
    if Path(WQY).is_file():
        assert path == WQY  # WenQuanYi comes first on Linux


@pytest.mark.slow
@pytest.mark.skipif(not Path(DROID).is_file(), reason="Droid Sans Fallback not installed")
def test_configured_font_is_used_and_embedded(tmp_path: Path) -> None:
    pdf = tmp_path / "r.pdf"
    code = ("from kiosk.demo import build_demo; from reports.attendance import build_report; "
            f"build_report(build_demo({str(tmp_path / 'm.sqlite')!r}, arrivals=0.5), {str(pdf)!r})")
    done = _run(code, DROID, fallback="none")  # the configured font alone
    assert done.returncode == 0, done.stderr
    names = {r["name"].split("+", 1)[1] for r in rk.fonts(pdf)}
    assert all("Droid" in n for n in names), names
    rk.assert_fonts_embedded(pdf)
    assert "出席率" in rk.text(pdf)


def test_a_configured_font_without_chinese_is_refused_with_advice() -> None:
    done = _run("from reports.fonts import cjk_font; cjk_font()", DEJAVU)
    assert done.returncode != 0
    assert "has no Chinese glyphs" in done.stderr and "fonts-wqy-microhei" in done.stderr
    done = _run("from reports.fonts import cjk_font; cjk_font()", "/nonexistent/font.ttf")
    assert "no such file" in done.stderr


def test_no_font_at_all_says_what_to_install(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path, capsys) -> None:
    monkeypatch.delenv(fonts.FONT_ENV, raising=False)
    monkeypatch.setattr(fonts, "candidates", lambda: [(DEJAVU, 0)])
    fonts.cjk_font.cache_clear()
    try:
        with pytest.raises(fonts.FontError) as err:
            fonts.cjk_font()
        assert "apt install fonts-wqy-microhei" in str(err.value)
        assert fonts.FONT_ENV in str(err.value)
        # the command line prints the advice instead of a traceback
        import main
        from kiosk.demo import build_demo

        build_demo(tmp_path / "m.sqlite").close()
        rc = main.main(["report", str(tmp_path / "m.sqlite"), "-o", str(tmp_path / "r.pdf")])
        assert rc == 2 and "fonts-wqy-microhei" in capsys.readouterr().err
    finally:
        monkeypatch.undo()
        fonts.cjk_font.cache_clear()
        fonts.cjk_font()  # re-register the real font for the tests that follow


@pytest.mark.slow
@pytest.mark.skipif(not Path(WQY).is_file(), reason="WenQuanYi Micro Hei not installed")
def test_a_face_of_a_collection_can_be_chosen(tmp_path: Path) -> None:
    pdf = tmp_path / "s.pdf"
    code = ("from kiosk.demo import build_demo; from reports.sheets import build_sheets; "
            "from reports.fonts import cjk_font; "
            f"build_sheets(build_demo({str(tmp_path / 'm.sqlite')!r}), {str(pdf)!r}); "
            "print(cjk_font().index)")
    done = _run(code, WQY + "#1", fallback="none")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"
    assert all("Mono" in r["name"] for r in rk.fonts(pdf))  # face 1 is the monospaced one


BLOCKS_AFTER_SETUP = {  # what scripts/setup.sh's fonts print: whole blocks, or at least
    "Ext A": 1.0, "Ext B": 1.0, "Ext C": 0.99, "Ext D": 0.99, "Ext E": 0.99, "Ext F": 0.99,
    "Ext G": 0.6,
}


@pytest.mark.skipif(not Path("/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf").is_file(),
                    reason="scripts/setup.sh's rare-character fonts are not installed")
def test_coverage_after_setup() -> None:
    """``python -m reports.fonts``: the fonts in use and how much of each block prints."""
    done = _run("import runpy; runpy.run_module('reports.fonts', run_name='__main__')", None)
    assert done.returncode == 0, done.stderr
    lines = dict(line.rsplit(None, 1) for line in done.stdout.splitlines()
                 if line.startswith(("URO", "Ext")))
    for block, share in BLOCKS_AFTER_SETUP.items():
        found, total = map(int, lines[block].split("/"))
        assert found >= share * total, (block, lines[block])
    files = [line.split(": ", 1)[1] for line in done.stdout.splitlines() if ": " in line]
    assert len({os.path.realpath(f) for f in files}) == len(files), files  # each file once


def test_more_fonts_in_the_variable_come_first(tmp_path: Path) -> None:
    """SIGNDESK_FONT=base:extra — the extra file is asked before the system's fallbacks."""
    if not Path(DROID).is_file():
        pytest.skip("Droid Sans Fallback not installed")
    code = ("from reports.fonts import chain; c = chain(); print(c.font_of('䶮')); "
            "print(c.describe()[1])")
    done = _run(code, WQY + os.pathsep + DROID, fallback="none")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", DROID]
    done = _run("from reports.fonts import missing; print(missing('王䶮'))", WQY, fallback="none")
    assert done.stdout.strip() == "['䶮']"  # the base alone lacks it
