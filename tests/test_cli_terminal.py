"""Nothing a meeting file holds reaches the terminal raw, and every line is bounded.

Names, branch and desk names may hold ANSI escapes (which clear a screen,
retitle a window or fake colours), C1 controls, bidi overrides and line breaks
(which fake extra lines). The CLI is run as a user runs it, in its own process,
and its raw bytes are checked.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from data.store import Store
from kiosk.safetext import has_control
from tests.hostile_kit import ANSI, LONG_BRANCH, hostile_meeting

ROOT = Path(__file__).resolve().parents[1]
RAW_CONTROLS = [b"\x1b", b"\x07", b"\x00", b"\r", "\x9b".encode(), "\u202e".encode()]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "h.sqlite"
    hostile_meeting(path)
    with Store.open(path) as store:  # a name with a line break, to fake a line
        mid = store.insert_member({
            "number": "2000", "name": "假\n✓ 9999 伪造的一行", "branch_id": store.branch_id("第二支部"),
            "category": "full", "status": "active", "status_reason": "", "pinyin": "",
            "initials": "", "phone": "1"})
        assert mid
    return path


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          timeout=120, env=env, cwd=cwd)


def assert_inert(raw: bytes, bounded: bool = True) -> None:
    for c in RAW_CONTROLS:
        assert c not in raw, f"{c!r} reached the terminal"
    text = raw.decode("utf-8")
    for line in text.splitlines():
        assert not has_control(line.replace("\t", " "))
        assert not bounded or len(line) <= 400, f"a line of {len(line)} characters"


@pytest.mark.parametrize("args, lines", [
    (("members",), 11), (("stats",), None), (("rollup",), 2),
])
def test_human_output_is_escaped_and_bounded(hostile: Path, args: tuple, lines: int | None) -> None:
    r = run(args[0], str(hostile), *args[1:], cwd=hostile.parent)
    assert r.returncode == 0, r.stderr
    assert_inert(r.stdout)
    assert_inert(r.stderr)
    text = r.stdout.decode()
    if lines is not None:
        assert len(text.splitlines()) == lines  # one line per member: no faked line
    assert "\\u001b[2J" in text or args[0] != "members"  # shown, visibly, not run


def test_json_output_is_valid_exact_and_inert(hostile: Path) -> None:
    r = run("members", str(hostile), "--json", cwd=hostile.parent)
    assert r.returncode == 0
    assert_inert(r.stdout, bounded=False)  # JSON is exact: its length is the data's
    rows = json.loads(r.stdout)
    names = {row["name"] for row in rows}
    assert ANSI in names  # exact, as stored: the JSON escape means the same character
    assert LONG_BRANCH in {row["branch"] for row in rows}


def test_checkin_and_errors_are_escaped(hostile: Path) -> None:
    with Store.open(hostile) as store:
        code = store.current_cards()[store.member_by_number("1003").id]
    r = run("checkin", str(hostile), code, "--desk", "nope\x1b[31m", cwd=hostile.parent)
    assert r.returncode == 2
    assert_inert(r.stderr)
    assert "no desk named" in r.stderr.decode()
    r = run("checkin", str(hostile), code, cwd=hostile.parent)
    assert_inert(r.stdout)
    assert "\\u001b" in r.stdout.decode()  # the desk name's escapes, shown
