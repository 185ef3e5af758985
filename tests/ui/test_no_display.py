"""Started where there is no screen (over SSH): one clear sentence and the command-line
ways instead, not Qt's abort about the xcb platform plugin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.launcher.app import missing_display

ROOT = Path(__file__).resolve().parents[2]


def _without_display(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(extra)
    return env


@pytest.mark.parametrize("args", [[], ["desk", "meeting.sqlite", "--name", "1号台"]])
def test_python_main_py_over_ssh_says_so_in_one_sentence(args: list[str], tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=tmp_path,
                         env=_without_display(SSH_CONNECTION="10.0.0.2 50000 10.0.0.1 22",
                                              SIGNDESK_LANG="en_US"),
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, out.stderr
    said = lines[0]
    assert said.count(". ") == 0 and "no display" in said
    for alternative in ("stats FILE", "desk FILE --headless", "hub FILE", "--help"):
        assert alternative in said
    assert "xcb" not in out.stderr and "Aborted" not in out.stderr and "Traceback" not in out.stderr


def test_in_chinese_when_the_ui_is_chinese(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, str(ROOT / "main.py")], cwd=tmp_path,
                         env=_without_display(SIGNDESK_LANG="zh_CN"),
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert "没有可显示窗口的屏幕" in out.stderr and "--headless" in out.stderr


@pytest.mark.parametrize(("env", "missing"), [
    ({}, True),
    ({"DISPLAY": ":0"}, False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, False),
    ({"QT_QPA_PLATFORM": "offscreen"}, False),            # tests, screenshots: no screen needed
    ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, True),
    ({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, True),
    ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"}, False),
])
def test_which_environments_have_no_display(env: dict[str, str], missing: bool) -> None:
    assert missing_display(env, "linux") is missing
    assert missing_display({}, "win32") is False  # Windows and macOS always have a screen
