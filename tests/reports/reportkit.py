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
