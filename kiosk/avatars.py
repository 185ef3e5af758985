"""Drawn portraits for the demo meeting's fictional members (never photos of real people).

A desk shows a member's photo so the secretary compares face and person; the
demo and the screenshots need some to show. These are simple ID-photo-like
drawings made with Pillow from a seed: a plain background, shoulders in a
jacket and shirt, a face with hair, eyes, brows and a mouth. The same seed
always draws the same portrait, so the demo is reproducible. Each is a 240x320
JPEG of a few KB, inside what the meeting file accepts (data.jpeg).
"""

from __future__ import annotations

import io
import random

from data.jpeg import PHOTO_HEIGHT, PHOTO_WIDTH

# ID photos are taken against a plain light blue, white or red background.
_BACKGROUNDS = ((67, 142, 219), (238, 238, 238), (200, 40, 40), (90, 160, 230))
_SKINS = ((241, 204, 174), (226, 185, 150), (207, 160, 125), (245, 214, 190))
_HAIRS = ((25, 22, 22), (40, 34, 30), (70, 66, 66), (150, 150, 150), (205, 205, 205))
_JACKETS = ((30, 38, 58), (45, 45, 48), (60, 70, 90), (88, 40, 40))


def avatar_jpeg(seed: int, gender: str = "", *, quality: int = 82) -> bytes:
    """A drawn 240x320 portrait as JPEG bytes; ``gender`` '女' draws longer hair."""
    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    w, h = PHOTO_WIDTH, PHOTO_HEIGHT
    img = Image.new("RGB", (w, h), rnd.choice(_BACKGROUNDS))
    d = ImageDraw.Draw(img)
    skin, hair, jacket = rnd.choice(_SKINS), rnd.choice(_HAIRS), rnd.choice(_JACKETS)
    long_hair = gender == "女"
    cx = w // 2 + rnd.randint(-6, 6)
    face_w, face_h = rnd.randint(108, 124), rnd.randint(142, 158)
    top = 56 + rnd.randint(-6, 6)
    # hair behind the face (long hair falls to the shoulders)
    if long_hair:
        d.rounded_rectangle((cx - face_w // 2 - 18, top - 16, cx + face_w // 2 + 18, top + face_h + 40),
                            radius=50, fill=hair)
    # shoulders: jacket, then the shirt's V and collar
    d.ellipse((cx - 135, 228, cx + 135, 420), fill=jacket)
    d.polygon([(cx - 36, 232), (cx + 36, 232), (cx, 292)], fill=(245, 245, 245))
    d.rectangle((cx - 22, top + face_h - 14, cx + 22, 238), fill=skin)  # neck
    d.polygon([(cx - 22, 238), (cx + 22, 238), (cx, 266)], fill=skin)
    # face and ears
    d.ellipse((cx - face_w // 2 - 10, top + 58, cx - face_w // 2 + 10, top + 94), fill=skin)
    d.ellipse((cx + face_w // 2 - 10, top + 58, cx + face_w // 2 + 10, top + 94), fill=skin)
    d.ellipse((cx - face_w // 2, top, cx + face_w // 2, top + face_h), fill=skin)
    # hair on top: a cap of hair, parted for some
    d.chord((cx - face_w // 2 - 4, top - 14, cx + face_w // 2 + 4, top + 70), 180, 360, fill=hair)
    if rnd.random() < 0.5:
        d.pieslice((cx - face_w // 2 - 4, top - 4, cx + 10, top + 60), 180, 270, fill=hair)
    # eyes, brows, nose, mouth
    eye_y = top + face_h * 45 // 100
    gap = face_w * 22 // 100
    for side in (-1, 1):
        ex = cx + side * gap
        d.ellipse((ex - 9, eye_y - 5, ex + 9, eye_y + 5), fill=(250, 250, 250))
        d.ellipse((ex - 4, eye_y - 4, ex + 4, eye_y + 4), fill=(35, 28, 25))
        d.line((ex - 12, eye_y - 14, ex + 12, eye_y - 15 - rnd.randint(0, 3)), fill=hair, width=4)
    d.line((cx, eye_y + 6, cx - 4, eye_y + 30, cx + 3, eye_y + 32), fill=(180, 130, 105), width=2)
    mouth_y = top + face_h * 78 // 100
    d.arc((cx - 18, mouth_y - 10, cx + 18, mouth_y + 8), 20, 160, fill=(160, 70, 70), width=3)
    if rnd.random() < 0.25:  # glasses
        for side in (-1, 1):
            ex = cx + side * gap
            d.ellipse((ex - 16, eye_y - 12, ex + 16, eye_y + 12), outline=(40, 40, 40), width=2)
        d.line((cx - gap + 16, eye_y, cx + gap - 16, eye_y), fill=(40, 40, 40), width=2)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality)
    return out.getvalue()
