"""Helpers for the report tests: open PDFs with the real tools (qpdf, poppler,
pypdf, zxing-cpp) and build meeting files shaped for a test."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image


def run(*cmd: str) -> str:
    """Run a tool and return its standard output; fail the test on a non-zero exit."""
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{cmd[0]} failed: {done.stderr or done.stdout}"
    return done.stdout


def qpdf_check(pdf: Path) -> None:
    """qpdf's structural check must find no errors or warnings."""
    out = run("qpdf", "--check", str(pdf))
    assert "No syntax or stream encoding errors found" in out, out


def text(pdf: Path, *, layout: bool = True, first: int | None = None,
         last: int | None = None) -> str:
    """pdftotext's extraction (the same text a search or a screen reader gets)."""
    args = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    return run(*args, str(pdf), "-")


def pages_text(pdf: Path) -> list[str]:
    """Text per page (pdftotext separates pages with form feeds)."""
    return text(pdf).split("\f")[:-1]


def fonts(pdf: Path) -> list[dict[str, str]]:
    """pdffonts' table as dicts: name, type, emb, sub, uni."""
    lines = run("pdffonts", str(pdf)).splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name type... encoding emb sub uni objnum gen: take from the right
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def assert_fonts_embedded(pdf: Path) -> None:
    """Every font is embedded and subset, with a Unicode map (so text extracts)."""
    rows = fonts(pdf)
    assert rows, "no fonts at all"
    for r in rows:
        assert (r["emb"], r["sub"], r["uni"]) == ("yes", "yes", "yes"), r


def assert_fonts_embedded_no_unicode(pdf: Path) -> None:
    """Every font embedded (a re-distilled PDF, e.g. from cups-pdf, may lack Unicode maps)."""
    rows = fonts(pdf)
    assert rows and all(r["emb"] == "yes" for r in rows), rows


def render(pdf: Path, out_dir: Path, dpi: int = 150, first: int | None = None,
           last: int | None = None, *, png: bool = False) -> list[Path]:
    """pdftoppm pages to images; returns them in page order.

    Grey PGM by default: the scanner sees no colour, and skipping PNG compression
    makes rendering dozens of card sheets several times faster.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    args = ["pdftoppm", "-r", str(dpi), "-png" if png else "-gray"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    run(*args, str(pdf), str(out_dir / "page"))
    pages = out_dir.glob("page-*.png" if png else "page-*.pgm")
    return sorted(pages, key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def qr_codes(png: Path) -> list[str]:
    """Every QR code zxing-cpp finds on a page image."""
    import zxingcpp

    with Image.open(png) as im:
        return [b.text for b in zxingcpp.read_barcodes(im, formats=zxingcpp.BarcodeFormat.QRCode)]


# Names as written, with one character from each CJK extension the issue names, the
# middle dot of minority names and full-width Latin letters.
RARE_NAMES = {
    "王䶮": "Ext A U+4DAE",
    "王𠮷": "Ext B U+20BB7",
    "李𪟝明": "Ext C U+2A7DD",
    "张𫢸": "Ext E U+2B8B8",
    "赵𰻝𰻝": "Ext G U+30EDD",
    "阿依古丽·买买提": "middle dot U+00B7",
    "Ｍａｒｙ·李": "full-width letters",
    "欧阳䶮𠮷": "Ext A and B together",
}
NO_FONT = "\U00030041"  # an Extension G character no font on the test machine has


def rare_meeting(path: Path, *, arrived: bool, extra: tuple[str, ...] = ()) -> list[str]:
    """A small meeting whose members carry the rare names (plus ``extra``); with
    ``arrived`` every one has signed in. Returns the names in roster order."""
    from kiosk.checkin import Desk, check_in
    from kiosk.meeting import assign_desk, create_meeting
    from kiosk.roster import Roster, RosterRow, import_roster

    names = [*RARE_NAMES, *extra]
    store = create_meeting(path, title="䶮𠮷村党员大会", date="2026-11-28",
                           venue="北郊居民区活动中心二楼会议室")
    try:
        rows = [RosterRow(row=i + 2, name=n, branch=("第一支部", "第二支部")[i % 2],
                          number=f"3101{i + 1:04d}", gender="男", birth_date="1960-01",
                          education="", phone="13800000000", category="full",
                          status="active", reason="", notes="")
                for i, n in enumerate(names)]
        import_roster(store, Roster("rare", rows, {}), actor="test")
        assign_desk(store, "第一支部", "1号台", actor="test")
        assign_desk(store, "第二支部", "2号台", actor="test")
        if arrived:
            cards = store.current_cards()
            for m in store.members():
                desk = "1号台" if m.branch == "第一支部" else "2号台"
                assert check_in(store, cards[m.id], Desk(desk, "王书记")).recorded
        return names
    finally:
        store.close()


def _font_objects(reader) -> list:
    """Every font dictionary of a PDF: pages' resources and their form XObjects."""
    seen: dict[int, object] = {}

    def walk(resources) -> None:
        if not resources:
            return
        resources = resources.get_object()
        for ref in (resources.get("/Font") or {}).values():
            seen[id(ref.get_object())] = ref.get_object()
        for ref in (resources.get("/XObject") or {}).values():
            x = ref.get_object()
            if x.get("/Subtype") == "/Form":
                walk(x.get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return list(seen.values())


def drawn_characters(pdf: Path) -> dict[str, set[str]]:
    """Character -> the embedded fonts in which it has an outlined glyph (not .notdef).

    Reads each font's ToUnicode map (code -> character) and its embedded TrueType
    subset (code -> glyph) with fontTools: a character counts only where its glyph
    exists, is not glyph 0 and has contours, i.e. ink on the paper.
    """
    import io
    import re

    import pypdf
    from fontTools.ttLib import TTFont

    out: dict[str, set[str]] = {}
    for font in _font_objects(pypdf.PdfReader(pdf)):
        name = str(font.get("/BaseFont"))
        desc = font.get("/FontDescriptor")
        if "/ToUnicode" not in font or desc is None or "/FontFile2" not in desc.get_object():
            continue
        cmap_text = font["/ToUnicode"].get_object().get_data().decode("latin-1")
        tt = TTFont(io.BytesIO(desc.get_object()["/FontFile2"].get_object().get_data()))
        code_to_glyph = tt["cmap"].tables[0].cmap
        order = tt.getGlyphOrder()
        for code_hex, uni_hex in re.findall(r"<([0-9A-F]{2})> <([0-9A-F]{4,8})>", cmap_text):
            text = bytes.fromhex(uni_hex).decode("utf-16-be")
            glyph = code_to_glyph.get(int(code_hex, 16))
            if not glyph or glyph == order[0]:
                continue
            g = tt["glyf"][glyph]
            if g.numberOfContours != 0:
                out.setdefault(text, set()).add(name)
    return out


def assert_names_drawn(pdf: Path, names: list[str]) -> None:
    """Every name comes back from pdftotext exactly, and each of its characters is
    drawn from an embedded font."""
    got = text(pdf, layout=False)
    drawn = drawn_characters(pdf)
    for name in names:
        assert name in got, f"{name!r} not extracted from {pdf.name}"
        for ch in name:
            assert drawn.get(ch), f"{ch!r} (U+{ord(ch):04X}) of {name!r} has no glyph in {pdf.name}"
    assert_fonts_embedded(pdf)
