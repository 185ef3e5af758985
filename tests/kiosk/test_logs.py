"""The log file beside the meeting file: written by every command, owner-only, rotating."""

from __future__ import annotations

import logging
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from data.store import Store
from kiosk.logs import MAX_BYTES, log_beside, log_path_for, setup_logging, stop_logging

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def logging_set_up():
    yield
    stop_logging()


def test_a_command_logs_beside_its_meeting_file_readable_by_the_owner_only(demo_store: Store,
                                                                          demo_path: Path) -> None:
    member = next(m for m in demo_store.members() if m.branch == "第一支部"
                  and m.status == "active" and m.category == "full")
    code = subprocess.run([sys.executable, str(ROOT / "main.py"), "checkin", str(demo_path),
                           "NOT-A-CARD", member.number, "--desk", "1号台"],
                          capture_output=True, text=True, cwd=ROOT)
    assert code.returncode in (0, 1), code.stderr
    log = log_path_for(demo_path)
    assert log == demo_path.with_name("demo.log")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    text = log.read_text(encoding="utf-8")
    assert "signdesk checkin started" in text
    assert f"welcome: member {member.id} at 1号台" in text
    # ids, not names or phone numbers: the log may be handed to a helper
    assert member.name not in text and member.phone not in text


def test_opening_another_meeting_moves_the_log(tmp_path: Path, logging_set_up) -> None:
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    assert setup_logging(first) == tmp_path / "a.log"
    logging.getLogger("kiosk.test").info("one")
    assert log_beside(second) == tmp_path / "b.log"
    logging.getLogger("kiosk.test").info("two")
    assert "one" in (tmp_path / "a.log").read_text() and "two" not in (tmp_path / "a.log").read_text()
    assert "two" in (tmp_path / "b.log").read_text()


def test_the_log_rotates_and_keeps_the_mode(tmp_path: Path, logging_set_up) -> None:
    setup_logging(tmp_path / "m.sqlite")
    line = "x" * 1000
    for _ in range(MAX_BYTES // 1000 + 50):
        logging.getLogger("kiosk.test").info(line)
    rotated = tmp_path / "m.log.1"
    assert rotated.exists()
    for path in (tmp_path / "m.log", rotated):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_log_that_cannot_be_written_leaves_the_program_working(tmp_path: Path,
                                                                  logging_set_up) -> None:
    # (root writes into read-only folders, so the folder here is not a folder at all)
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    assert setup_logging(not_a_folder / "m.sqlite") is None
    logging.getLogger("kiosk.test").warning("still logging to stderr")
