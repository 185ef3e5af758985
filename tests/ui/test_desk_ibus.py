"""A scan still works with a Chinese input method active (ibus + libpinyin under Xvfb).

DOMAIN.md: with ibus-libpinyin, a code typed into an ordinary QLineEdit turns
into pinyin candidates; a widget whose ImEnabled query is False gets every key.
This test starts Xvfb, a D-Bus session and ibus-daemon with the libpinyin
engine, then (in a child process on the xcb platform with QT_IM_MODULE=ibus)
types a real card code with xdotool, 3 ms a key: first into a plain QLineEdit
(the control: the IME must mangle it, or the set-up proves nothing), then into
the desk, which must sign the member in. Skipped where the tools are missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from desk_helpers import card_of, member_of

TOOLS = ("Xvfb", "dbus-launch", "ibus-daemon", "ibus", "xdotool")
CHILD = Path(__file__).with_name("ibus_child.py")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    any(shutil.which(t) is None for t in TOOLS)
    or not Path("/usr/share/ibus/component/libpinyin.xml").exists(),
    reason="needs Xvfb, dbus-x11, ibus, ibus-libpinyin and xdotool",
)]


def _start_x() -> tuple[subprocess.Popen, str]:
    r, w = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    with os.fdopen(r) as f:
        display = ":" + f.readline().strip()
    return xvfb, display


def test_scan_with_chinese_input_method_active(demo_path, demo_store, tmp_path):
    m = member_of(demo_store, "第一支部")
    code = card_of(demo_store, m)
    xvfb, display = _start_x()
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "QT_IM_MODULE": "ibus",
           "XMODIFIERS": "@im=ibus", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "LANG": "zh_CN.UTF-8", "SIGNDESK_LANG": "en_US"}
    dbus = subprocess.run(["dbus-launch", "--sh-syntax"], env=env, capture_output=True, text=True, check=True)
    dbus_pid = None
    for line in dbus.stdout.splitlines():
        if line.startswith("DBUS_SESSION_BUS_ADDRESS="):
            env["DBUS_SESSION_BUS_ADDRESS"] = line.split("=", 1)[1].rstrip(";").strip("'")
        if line.startswith("DBUS_SESSION_BUS_PID="):
            dbus_pid = int(line.split("=", 1)[1].rstrip(";"))
    daemon = subprocess.Popen(["ibus-daemon", "--replace", "--xim", "--panel=disable"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        engine = ""
        while time.monotonic() < deadline:
            subprocess.run(["ibus", "engine", "libpinyin"], env=env, capture_output=True)
            engine = subprocess.run(["ibus", "engine"], env=env, capture_output=True, text=True).stdout.strip()
            if engine == "libpinyin":
                break
            time.sleep(0.3)
        assert engine == "libpinyin", "ibus did not switch to libpinyin"
        out = subprocess.run([sys.executable, str(CHILD), str(demo_path), code], env=env,
                             capture_output=True, text=True, timeout=90)
        assert out.returncode == 0, out.stderr[-2000:]
        got = json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        daemon.terminate()
        daemon.wait(5)
        if dbus_pid:
            os.kill(dbus_pid, 15)
        xvfb.terminate()
        xvfb.wait(5)
    # The control: the input method really was on and mangled an ordinary field.
    assert got["plain"] != code, "the IME was not active: the set-up proves nothing"
    # The desk: the scan arrived whole and signed the member in.
    assert got["arrivals"] == [[m.id, "scan"]]
    assert got["colour"] == "green"
    assert got["typed"] == "wangwei"
    assert got["typed_busy"] == "zhangsan"  # timed by X time stamps, not by arrival
