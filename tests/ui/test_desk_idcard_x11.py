"""ID numbers typed by xdotool at wedge speed into a real desk window under Xvfb.

What an ID-card reader with keyboard output does: 18 characters a few
milliseconds apart, with or without an Enter. The child process runs the desk
on the xcb platform and reports what the panel said and how long after the last
key. Also compares with an invitation card scanned in the same run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from desk_helpers import card_of, member_of

from kiosk.demo import demo_roster

CHILD = Path(__file__).with_name("idcard_child.py")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    any(shutil.which(t) is None for t in ("Xvfb", "xdotool")), reason="needs Xvfb and xdotool")]


def _start_x() -> tuple[subprocess.Popen, str]:
    r, w = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1366x768x24",
                             "-nolisten", "tcp"],
                            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    with os.fdopen(r) as f:
        display = ":" + f.readline().strip()
    return xvfb, display


def test_xdotool_swipes_at_wedge_speed(demo_path, demo_store, tmp_path) -> None:
    ids = {r.number: r.id_number for r in demo_roster().rows}
    a, b, c, d = (member_of(demo_store, "第一支部", k) for k in (5, 6, 7, 8))
    good = ids[a.number]
    forged = good[:17] + next(ch for ch in "0123456789X" if ch != good[17])
    swipes = [
        (card_of(demo_store, c), True),    # an invitation card first (the window's first paint)
        (good, True),                      # number + Enter
        (forged, True),                    # a misread: red, not a search
        ("440524188001010014", True),      # valid, nobody's: red
        (card_of(demo_store, d), True),    # a card again, to compare in the same run
        (ids[b.number].lower(), False),    # lower-case x (if any), no Enter: ends on silence
    ]
    xvfb, display = _start_x()
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "SIGNDESK_LANG": "en_US"}
    env.pop("QT_IM_MODULE", None)
    try:
        out = subprocess.run([sys.executable, str(CHILD), str(demo_path), json.dumps(swipes)],
                             env=env, capture_output=True, text=True, timeout=120)
    finally:
        xvfb.terminate()
        xvfb.wait(5)
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    shown = got["shown"]
    assert [s["outcome"] for s in shown] == ["welcome", "welcome", "id_wrong", "id_unknown",
                                             "welcome", "welcome"], shown
    assert shown[2]["headline"] == "ID number is wrong, please swipe the card again"
    assert shown[3]["headline"] == "This ID card is not on the list"
    assert all(s["box"] == "" for s in shown)  # nothing of a swipe is left in the search box
    assert got["arrivals"] == [[c.id, "scan"], [a.id, "idcard"], [d.id, "scan"],
                               [b.id, "idcard"]]
    # Last key to painted answer (the README's figure): the ID swipes with Enter, the cards.
    print("last key -> painted (ms): ID", [s["ms"] for s in shown[1:4]],
          "cards", [shown[0]["ms"], shown[4]["ms"]], "ID without Enter", shown[5]["ms"])
