"""What the meeting file accepts as a member photo, checked without decoding any image.

The store refuses anything but a small portrait JPEG. It reads the JPEG's
frame header (the SOF segment holds the height and width) by walking the
segment lengths, so a photo that claims 10,000 x 10,000 pixels is refused
before anything could try to decode it, and data/ needs no image library.
"""

from __future__ import annotations

MAX_PHOTO_BYTES = 48 * 1024
"""Largest photo the file keeps (the schema checks it too)."""
PHOTO_WIDTH = 240
"""Widest photo the file keeps, in pixels (a 3:4 portrait)."""
PHOTO_HEIGHT = 320
"""Tallest photo the file keeps, in pixels."""
JPEG_MAGIC = b"\xff\xd8\xff"
"""Every JPEG starts so (start of image, then the first marker)."""

# Start-of-frame markers (baseline, progressive, lossless, arithmetic): they
# carry the image size. C4 (DHT), C8 (JPG) and CC (DAC) are not frames.
_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7,
                  0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})


def jpeg_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a JPEG's frame header, or None if ``data`` is not a readable JPEG."""
    if not data.startswith(JPEG_MAGIC):
        return None
    i = 2
    end = len(data)
    while i + 4 <= end:
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte before a marker
            i += 1
            continue
        if marker == 0xD8 or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            i += 2  # markers without a length
            continue
        if marker in (0xD9, 0xDA):  # end of image, or the scan began before any frame
            return None
        length = int.from_bytes(data[i + 2:i + 4], "big")
        if length < 2:
            return None
        if marker in _SOF:
            if i + 9 > end or length < 7:
                return None
            height = int.from_bytes(data[i + 5:i + 7], "big")
            width = int.from_bytes(data[i + 7:i + 9], "big")
            return width, height
        i += 2 + length
    return None


def photo_problem(data: bytes) -> str | None:
    """Why ``data`` cannot be a member photo in the file (None when it can)."""
    if not isinstance(data, bytes):
        return "a photo is bytes"
    if len(data) > MAX_PHOTO_BYTES:
        return f"a photo is at most {MAX_PHOTO_BYTES:,} bytes (this one is {len(data):,})"
    size = jpeg_size(data)
    if size is None:
        return "a photo is a JPEG image (this is not one, or its header is damaged)"
    width, height = size
    if not (0 < width <= PHOTO_WIDTH and 0 < height <= PHOTO_HEIGHT):
        return (f"a photo is at most {PHOTO_WIDTH}x{PHOTO_HEIGHT} pixels "
                f"(this one is {width}x{height})")
    return None
