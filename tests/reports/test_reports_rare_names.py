"""Rare characters (生僻字) in every printed output: each name printed as written.

Names carry characters from CJK Extensions A, B, C, E and G, the middle dot and
full-width letters. Every output must give each name back through pdftotext and
draw each character from an embedded font (not .notdef). With the fallback fonts
switched off, the warning names each member and character, and the paper shows □.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import reportkit as rk
from PIL import Image

import reports.fonts as fonts
from data.store import Store
from reports.attendance import build_report
from reports.cards import build_cards, card_png, cards_for
from reports.certificates import build_certificates
from reports.glyphs import for_output, warning
from reports.rollup import build_rollup, rollup
from reports.sheets import build_sheets

ROOT = Path(__file__).resolve().parents[2]
NEEDED = ["/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",
          "/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf"]
pytestmark = pytest.mark.skipif(
    not all(Path(p).is_file() for p in NEEDED) and not os.environ.get("CI"),
    reason="the rare-character fonts are not installed (scripts/setup.sh installs them)")


@pytest.fixture(scope="module")
def meetings(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """The same roster before the meeting (everyone absent) and after (everyone present)."""
    d = tmp_path_factory.mktemp("rare")
    names = rk.rare_meeting(d / "before.sqlite", arrived=False)
    rk.rare_meeting(d / "after.sqlite", arrived=True)
    return d / "before.sqlite", d / "after.sqlite", names


def test_the_chain_finds_a_font_for_every_test_name() -> None:
    for name in rk.RARE_NAMES:
        assert fonts.missing(name) == [], name
    assert fonts.missing(rk.NO_FONT) == [rk.NO_FONT]


@pytest.mark.parametrize("kind", ["report", "cards", "sheets", "certificates"])
def test_every_name_is_printed_as_written(meetings, tmp_path: Path, kind: str) -> None:
    before, after, names = meetings
    pdf = tmp_path / f"{kind}.pdf"
    store = Store.open(after if kind == "certificates" else before)
    try:
        assert for_output(store, kind) == []  # nothing to warn about
        {"report": build_report, "cards": build_cards, "sheets": build_sheets,
         "certificates": build_certificates}[kind](store, pdf)
    finally:
        store.close()
    rk.assert_names_drawn(pdf, names)
    rk.qpdf_check(pdf)
    # the fallback fonts are in the file, as subsets
    embedded = {r["name"].split("+", 1)[1] for r in rk.fonts(pdf)}
    assert "BabelStoneHan" in embedded and len(embedded) >= 3, embedded  # Ext G, A–E


def test_rollup_prints_a_rare_meeting_title(meetings, tmp_path: Path) -> None:
    before, after, _ = meetings
    pdf = tmp_path / "rollup.pdf"
    build_rollup(rollup([before, after], "𠮷䶮街道党员大会汇总"), pdf)
    rk.assert_names_drawn(pdf, ["䶮𠮷村党员大会", "𠮷䶮街道党员大会汇总"])


def test_png_cards_draw_the_rare_characters(meetings) -> None:
    """Each rare character of a phone card is drawn by a font that has it: the pixels
    of the name differ from the same name with □ in place of the rare characters."""
    before, _, _ = meetings
    store = Store.open(before)
    try:
        meeting = store.meeting()
        cards = cards_for(store)
    finally:
        store.close()
    chain = fonts.chain()
    for card in cards:
        name = card.member.name
        im = card_png(meeting, card).convert("L")
        band = im.crop((0, 180, 720, 270))
        assert band.getextrema()[0] < 100  # ink where the name is
        boxed = "".join(ch if chain.font_of(ch) == 0 else fonts.PLACEHOLDER for ch in name)
        if boxed != name:
            from dataclasses import replace

            other = replace(card, member=replace(card.member, name=boxed))
            ref = card_png(meeting, other).convert("L").crop((0, 180, 720, 270))
            assert band.tobytes() != ref.tobytes(), name


def _without_fallbacks(code: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop(fonts.FONT_ENV, None)
    env[fonts.FALLBACK_ENV] = "none"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("kind", ["cards", "certificates", "report", "sheets"])
def test_without_fallback_fonts_the_command_warns_and_prints_boxes(
        meetings, tmp_path: Path, kind: str) -> None:
    before, after, names = meetings
    src = after if kind == "certificates" else before
    copy = tmp_path / "m.sqlite"
    shutil.copy(src, copy)
    pdf = tmp_path / f"{kind}.pdf"
    done = _without_fallbacks(f"import main, sys; sys.exit(main.main([{kind!r}, "
                              f"{str(copy)!r}, '-o', {str(pdf)!r}]))")
    assert done.returncode == 0, done.stderr
    err = done.stderr
    # the warning comes before the command says it wrote the file, and names everyone
    assert "没有字体可以打印" in err
    for name in names:
        rare = [ch for ch in name if ord(ch) > 0x3400 and not "\u4e00" <= ch <= "\u9fff"
                and ch not in "·" and not "\uff00" <= ch <= "\uffef"]
        for ch in rare:
            line = next((ln for ln in err.splitlines() if f"U+{ord(ch):04X}" in ln
                         and name in ln), None)
            assert line is not None, f"no warning for {name} {ch}: {err}"
    out = rk.text(pdf, layout=False)
    assert "王" + fonts.PLACEHOLDER in out  # 王䶮 and 王𠮷 print as 王□, not 王
    assert "·" in out and "Ｍａｒｙ" in out  # the base font has these
    rk.assert_fonts_embedded(pdf)


def test_a_character_no_font_has_is_boxed_and_named(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    rk.rare_meeting(path, arrived=False, extra=("钱" + rk.NO_FONT + "华",))
    store = Store.open(path)
    try:
        gaps = for_output(store, "sheets")
        assert [(g.member.name, g.code) for g in gaps] == [("钱" + rk.NO_FONT + "华", "U+30041")]
        text = warning(gaps)
        assert "U+30041" in text and "钱" in text and "第" in text  # member, branch, character
        build_sheets(store, tmp_path / "s.pdf")
    finally:
        store.close()
    assert "钱" + fonts.PLACEHOLDER + "华" in rk.text(tmp_path / "s.pdf", layout=False)


def test_png_placeholder_is_visible(tmp_path: Path) -> None:
    """A character no font has leaves a box on the phone card, not a gap."""
    from PIL import ImageDraw

    def ink(text: str) -> int:
        im = Image.new("L", (400, 120), 255)
        fonts.pil_text(ImageDraw.Draw(im), (200, 60), text, 60, 0)
        return sum(im.histogram()[:128])

    boxed = ink("钱" + rk.NO_FONT + "华")
    assert boxed == ink("钱" + fonts.PLACEHOLDER + "华") and boxed > ink("钱华") + 100
