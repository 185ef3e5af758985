"""GUI smoke test under Xvfb: the desk window receives a scan as real X key events.

xdotool types a card code at scanner speed (3 ms between keys) into a real X
window (Qt's xcb platform, the Chinese translation), the member is signed in,
and a screenshot shows the green welcome. The screenshot is kept as an
artefact under out/ (ignored by git), not committed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from data.store import Store
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


def _free_display() -> int:
    for n in range(140, 240):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return n
    raise RuntimeError("no free X display number")


@pytest.fixture
def xserver() -> str:
    n = _free_display()
    proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{n}").exists():
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            pytest.fail("Xvfb did not start")
        time.sleep(0.05)
    yield f":{n}"
    proc.terminate()
    proc.wait(timeout=10)


def _green_share(png: Path) -> float:
    from PIL import Image

    raw = Image.open(png).convert("RGB").resize((341, 192)).tobytes()
    pixels = [raw[i:i + 3] for i in range(0, len(raw), 3)]
    green = sum(1 for r, g, b in pixels if abs(r - 0x1B) < 30 and abs(g - 0x7F) < 30 and abs(b - 0x3B) < 30)
    return green / len(pixels)


def test_a_scan_typed_by_x_key_events_signs_the_member_in(tmp_path: Path, xserver: str,
                                                          demo_path: Path) -> None:
    path = demo_path
    store = Store.open(path)
    desk = "1号台"
    branch = next(b for b in store.branches() if b.desk_name == desk)
    member = next(m for m in store.members()
                  if m.branch_id == branch.id and m.status == "active" and m.category == "full")
    code = store.current_cards()[member.id]
    store.close()

    env = {**os.environ, "DISPLAY": xserver, "QT_QPA_PLATFORM": "xcb", "SIGNDESK_LANG": "zh_CN"}
    env.pop("QT_IM_MODULE", None)
    app = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "desk", str(path),
                            "--name", desk, "--no-kiosk"], env=env, cwd=tmp_path,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        found = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid",
                                str(app.pid)], env=env, capture_output=True, text=True, timeout=60)
        window = found.stdout.split()[-1]
        subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, timeout=20)
        time.sleep(0.5)  # let the window settle before the "scanner" starts
        # Scanner speed: 3 ms between keys, ending with Return ('\r' types
        # the Return keysym, as a scanner sends it; '\n' would be Linefeed).
        subprocess.run(["xdotool", "type", "--delay", "3", code + "\r"], env=env, check=True,
                       timeout=20)

        def arrived() -> list:
            with Store.open(path, check=False) as s:
                return s.events_for(member.id)

        events = wait_for(arrived, 15, "the scan to reach the meeting file")
        assert [(e.kind, e.desk, e.method) for e in events] == [("arrive", desk, "scan")]

        # The panel is painted right after the commit: grab until it shows.
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        shot = ARTEFACTS / "gui-smoke-desk-welcome.png"

        def green_on_screen() -> bool:
            subprocess.run([sys.executable, "-c", GRAB, str(shot)], env=env, check=True,
                           timeout=30)
            return _green_share(shot) > 0.05

        wait_for(green_on_screen, 15, f"a green welcome panel in {shot}", interval=0.2)
    finally:
        app.terminate()
        try:
            app.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()
