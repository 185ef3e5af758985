"""Camera decoding: rendered card images through the same frame pipeline camera frames use.

A QR code of a real card code from the demo meeting is drawn on a card, the
card put on a cluttered, noisy, photo-like background (or on a phone screen),
rotated and scaled, and fed to ``decode_image`` / ``CameraScanner.feed`` /
the desk window's camera.
"""

from __future__ import annotations

import io
import random

import pytest
import qrcode
from desk_helpers import card_of, events, member_of, open_window
from PIL import Image, ImageDraw, ImageFilter
from PySide6.QtGui import QImage

from ui.camera import CameraScanner, CodeGate, decode_image


def _qr(code: str, box: int = 6) -> Image.Image:
    q = qrcode.QRCode(border=2, box_size=box, error_correction=qrcode.constants.ERROR_CORRECT_M)
    q.add_data(code)
    return q.make_image(fill_color="black", back_color="white").get_image().convert("RGB")


def _background(w: int, h: int, seed: int) -> Image.Image:
    rnd = random.Random(seed)
    # A warm desk-top gradient: a 2×2 image stretched smoothly over the frame.
    img = Image.new("RGB", (2, 2))
    img.putdata([(150, 120, 90), (150, 160, 90), (210, 120, 90), (210, 160, 90)])
    img = img.resize((w, h), Image.Resampling.BILINEAR)
    d = ImageDraw.Draw(img)
    for _ in range(25):  # clutter: papers, pens, shadows
        x, y = rnd.randrange(w), rnd.randrange(h)
        d.rectangle([x, y, x + rnd.randrange(20, 160), y + rnd.randrange(10, 90)],
                    fill=tuple(rnd.randrange(256) for _ in range(3)))
    noise = Image.effect_noise((w, h), 22).convert("RGB")
    return Image.blend(img, noise, 0.18)


def card_photo(code: str, *, angle: float = 12, scale: float = 1.0, seed: int = 1) -> Image.Image:
    """A printed invitation card lying on a table, photographed."""
    card = Image.new("RGB", (420, 300), "white")
    ImageDraw.Draw(card).rectangle([0, 0, 419, 40], fill=(183, 28, 28))
    card.paste(_qr(code, 5), (20, 55))
    card = card.resize((int(420 * scale), int(300 * scale)))
    card = card.rotate(angle, expand=True, fillcolor=(0, 0, 0))
    mask = Image.new("L", (420, 300), 255).resize(
        (int(420 * scale), int(300 * scale))).rotate(angle, expand=True)
    bg = _background(1280, 720, seed)
    bg.paste(card, (300, 150), mask)
    return bg.filter(ImageFilter.GaussianBlur(0.8))


def phone_photo(code: str, seed: int = 2) -> Image.Image:
    """A card's picture on a phone screen held up to the camera (dark frame, glare)."""
    bg = _background(960, 720, seed)
    d = ImageDraw.Draw(bg)
    d.rounded_rectangle([330, 90, 650, 660], radius=36, fill=(20, 20, 24))
    d.rectangle([348, 150, 632, 600], fill=(235, 238, 242))
    bg.paste(_qr(code, 5).resize((250, 250)), (365, 250))
    glare = Image.new("RGB", bg.size, (255, 255, 255))
    m = Image.new("L", bg.size, 0)
    ImageDraw.Draw(m).polygon([(348, 150), (480, 150), (348, 330)], fill=60)
    bg = Image.composite(glare, bg, m)
    w, h = bg.size  # the phone is held a little tilted towards the camera
    return bg.transform((w, h), Image.Transform.QUAD, (20, 0, 0, h, w, h - 10, w - 30, 15),
                        resample=Image.Resampling.BILINEAR)


def to_qimage(img: Image.Image) -> QImage:
    buf = io.BytesIO()
    img.save(buf, "PNG")
    q = QImage()
    assert q.loadFromData(buf.getvalue(), "PNG")
    return q


@pytest.fixture
def code(demo_store):
    return card_of(demo_store, member_of(demo_store, "第一支部"))


@pytest.mark.parametrize("angle,scale", [(0, 1.0), (12, 0.9), (-33, 1.3), (90, 1.0)])
def test_card_photo_decodes(qapp, code, angle, scale):
    img = to_qimage(card_photo(code, angle=angle, scale=scale))
    assert decode_image(img) == [code]


def test_phone_screen_decodes(qapp, code):
    assert decode_image(to_qimage(phone_photo(code))) == [code]


def test_large_frame_is_scaled_down_and_still_decodes(qapp, code):
    big = card_photo(code).resize((2560, 1440))
    assert decode_image(to_qimage(big)) == [code]


def test_no_code_and_null_image_give_nothing(qapp):
    assert decode_image(to_qimage(_background(640, 480, 5))) == []
    assert decode_image(QImage()) == []


def test_gate_lets_a_code_through_once_while_it_stays_in_view():
    t = [0.0]
    gate = CodeGate(hold=3.0, clock=lambda: t[0])
    assert gate.admit("A")
    t[0] = 1.0
    assert not gate.admit("A")
    t[0] = 3.5  # still in view: the hold is extended from the last sighting
    assert not gate.admit("A")
    assert gate.admit("B")
    t[0] = 7.0
    assert gate.admit("A")


def test_scanner_feeds_frames_off_the_main_thread(qtbot, code):
    cam = CameraScanner()
    try:
        assert cam.state == "none" and cam.start() is False  # no camera on the test machine
        got: list[str] = []
        cam.code.connect(got.append)
        img = to_qimage(card_photo(code))
        assert cam.feed(img)
        assert cam.busy()
        assert not cam.feed(img)  # one frame at a time: extra frames are dropped
        qtbot.waitUntil(lambda: not cam.busy(), timeout=5000)
        assert got == [code]
        assert cam.feed(img)  # the same card seen again at once: gated
        qtbot.waitUntil(lambda: not cam.busy(), timeout=5000)
        assert got == [code]
    finally:
        cam.close()


def test_desk_signs_in_from_a_camera_frame(qtbot, demo_path, demo_store, code):
    w = open_window(qtbot, demo_path)
    w.camera.feed(to_qimage(phone_photo(code)))
    qtbot.waitUntil(lambda: w.panel.colour == "green", timeout=5000)
    assert [(e.method, e.desk) for e in events(demo_store, "arrive")] == [("camera", "1号台")]
