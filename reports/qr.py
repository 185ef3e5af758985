"""QR codes as vector drawing on a reportlab canvas, and as Pillow images.

The module matrix comes from the ``qrcode`` library with a fixed mask pattern:
any mask gives a valid symbol, and skipping the search for the best one makes a
symbol about seven times faster, which matters for 4,000 cards. Dark modules are
drawn as horizontal runs in one path, so a card costs a few dozen rectangles.
"""

from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.exceptions import DataOverflowError
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

QUIET = 4  # modules of white margin a scanner needs around the symbol


def matrix(text: str) -> list[list[bool]]:
    """The QR modules (True = dark) for text, without the quiet zone."""
    # Card and certificate codes (26 and 30 characters, alphanumeric) fit
    # version 2 at level M; naming the version skips the library's trial encoding.
    q = qrcode.QRCode(version=2, error_correction=ERROR_CORRECT_M, border=0, mask_pattern=0)
    q.add_data(text)
    try:
        q.make(fit=False)
    except DataOverflowError:
        q = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=0)
        q.add_data(text)
        q.make(fit=True)
    return q.get_matrix()


def runs_ops(rows: list[list[bool]]) -> str:
    """PDF path operators for the dark runs, in module units with y pointing down.

    Integer coordinates keep the stream small and fast to write; the caller's
    transform scales them to the page.
    """
    ops = []
    for r, row in enumerate(rows):
        c, n = 0, len(row)
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                ops.append(f"{start} {r} {c - start} 1 re")
            else:
                c += 1
    return "\n".join(ops)


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> float:
    """Draw the QR of text with its lower-left corner at (x, y), ``size`` points wide
    including the quiet zone; returns the module size in points."""
    rows = matrix(text)
    n = len(rows)
    module = size / (n + 2 * QUIET)
    canvas.saveState()
    canvas.setFillColor(colors.black)
    # Origin at the symbol's top-left module, one unit per module, y flipped.
    canvas.transform(module, 0, 0, -module, x + QUIET * module, y + size - QUIET * module)
    canvas.addLiteral(runs_ops(rows) + "\nf")
    canvas.restoreState()
    return module


def qr_image(text: str, box: int = 10):  # -> PIL.Image.Image
    """The QR of text as a black-on-white Pillow image, ``box`` pixels per module,
    quiet zone included."""
    from PIL import Image

    rows = matrix(text)
    n = len(rows) + 2 * QUIET
    im = Image.new("L", (n, n), 255)
    im.putdata([0 if (QUIET <= r < n - QUIET and QUIET <= c < n - QUIET
                      and rows[r - QUIET][c - QUIET]) else 255
                for r in range(n) for c in range(n)])
    return im.resize((n * box, n * box), Image.NEAREST)
