"""Under Xvfb at 1366×768: a real scan puts the member's photo on the screen, F8 voids it.

The desk runs as its own process (Qt's xcb platform, Chinese), xdotool types a
card code at scanner speed and then presses F8 as real X key events. The
screen is grabbed and the member's stored portrait is looked for in it, pixel
by pixel (the drawn demo portrait, scaled to the size it was painted at). The
grabs are kept under out/ (ignored by git).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from data.store import Store
from kiosk.demo import add_demo_photos
from kiosk.vocabulary import NOT_THIS_PERSON
from tests.waiting import wait_for

ROOT = Path(__file__).resolve().parent.parent
ARTEFACTS = Path(os.environ.get("SIGNDESK_ARTEFACTS", ROOT / "out"))

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")),
    reason="needs Xvfb and xdotool (Debian packages xvfb, xdotool)",
)]

GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv)
app.primaryScreen().grabWindow(0).save(sys.argv[1])
"""


@pytest.fixture
def xserver():
    n = next(n for n in range(240, 340) if not Path(f"/tmp/.X11-unix/X{n}").exists()
             and not Path(f"/tmp/.X{n}-lock").exists())
    proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(lambda: Path(f"/tmp/.X11-unix/X{n}").exists() or proc.poll() is not None, 10, "Xvfb")
    assert proc.poll() is None, "Xvfb did not start"
    yield f":{n}"
    proc.terminate()
    proc.wait(timeout=10)


def _near(a: tuple[int, ...], b: tuple[int, ...], tol: int = 24) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=False))


def _photo_on_screen(shot: Path, portrait: bytes) -> tuple[float, tuple[int, int, int, int]] | None:
    """(mean difference, box) of the portrait found on the screen's left half, or None.

    The portrait's plain background shows at its top corners and sides: the
    box of the pixels of that colour gives where the photo is and how wide it
    was painted; its height follows from the stored 3:4 aspect.
    """
    from PIL import Image, ImageChops, ImageStat

    screen = Image.open(shot).convert("RGB")
    face = Image.open(io.BytesIO(portrait)).convert("RGB")
    back = face.getpixel((3, 3))
    left = screen.crop((0, 0, screen.width // 2, screen.height))
    px = left.load()
    xs, ys = [], []
    for y in range(0, left.height, 2):
        for x in range(0, left.width, 2):
            if _near(px[x, y], back):
                xs.append(x)
                ys.append(y)
    if len(xs) < 2000:
        return None
    x0, y0, x1 = min(xs), min(ys), max(xs) + 1
    width = x1 - x0
    height = round(width * face.height / face.width)
    box = (x0, y0, x1, y0 + height)
    painted = screen.crop(box)
    expected = face.resize(painted.size, Image.Resampling.BILINEAR)
    diff = ImageStat.Stat(ImageChops.difference(painted, expected)).mean
    return sum(diff) / 3, box


def test_the_photo_is_painted_on_the_green_result_and_f8_voids(tmp_path: Path, xserver: str,
                                                              demo_path: Path) -> None:
    desk = "1号台"
    with Store.open(demo_path) as s:
        add_demo_photos(s)
        have = s.photo_member_ids()
        member = next(m for m in s.members() if m.branch == "第一支部" and m.id in have
                      and m.status == "active" and m.category == "full")
        code = s.current_cards()[member.id]
        portrait = s.photo(member.id)
    assert portrait is not None

    env = {**os.environ, "DISPLAY": xserver, "QT_QPA_PLATFORM": "xcb", "SIGNDESK_LANG": "zh_CN"}
    env.pop("QT_IM_MODULE", None)
    app = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "desk", str(demo_path),
                            "--name", desk, "--no-kiosk"], env=env, cwd=tmp_path,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    ready = ARTEFACTS / "desk-photo-ready.png"
    shot = ARTEFACTS / "desk-photo-green.png"
    after = ARTEFACTS / "desk-photo-not-this-person.png"

    def grab(path: Path) -> Path:
        subprocess.run([sys.executable, "-c", GRAB, str(path)], env=env, check=True, timeout=30)
        return path

    try:
        found = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid",
                                str(app.pid)], env=env, capture_output=True, text=True, timeout=60)
        window = found.stdout.split()[-1]
        subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, timeout=20)
        time.sleep(0.5)
        assert _photo_on_screen(grab(ready), portrait) is None  # no photo before the scan
        subprocess.run(["xdotool", "type", "--delay", "3", code + "\r"], env=env, check=True,
                       timeout=20)

        def arrived() -> list:
            with Store.open(demo_path, check=False) as s:
                return [e for e in s.events_for(member.id) if e.kind == "arrive"]

        wait_for(arrived, 15, "the scan to reach the meeting file")

        def photo_shown():
            found = _photo_on_screen(grab(shot), portrait)
            return found if found and found[0] < 18 else None

        diff, (x0, y0, x1, y1) = wait_for(photo_shown, 15, f"the member's photo in {shot}",
                                          interval=0.2)
        # Large: most of the result panel's height on a 1366×768 screen; on its left.
        assert y1 - y0 > 280 and x0 < 100

        subprocess.run(["xdotool", "key", "F8"], env=env, check=True, timeout=20)

        def voided() -> list:
            with Store.open(demo_path, check=False) as s:
                return [e for e in s.events_for(member.id) if e.kind == "void"]

        (void,) = wait_for(voided, 15, "F8 to void the check-in")
        assert void.reason == NOT_THIS_PERSON
        wait_for(lambda: _photo_on_screen(grab(after), portrait) is None, 15,
                 f"the photo gone after F8 in {after}", interval=0.2)
    finally:
        app.terminate()
        try:
            app.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()
