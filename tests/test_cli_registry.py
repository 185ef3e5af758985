"""The command line's registry and its one map from errors to exit codes."""

from __future__ import annotations

import sqlite3

import pytest

import cli
from data.store import NotAMeetingFileError
from kiosk.link.client import JoinError
from kiosk.members import MemberError

EXPECTED = {"open", "new", "import", "stats", "members", "export", "demo", "checkin", "void",
            "leave", "desk", "hub", "report", "certificates", "cards", "sheets", "rollup",
            "print", "verify"}


def test_every_sub_command_is_registered_with_its_help() -> None:
    parser = cli.build_parser()
    assert EXPECTED <= set(cli.COMMANDS)  # every command of the last release is still there
    assert all(c.help and c.handler.__doc__ for c in cli.COMMANDS.values())
    assert parser.parse_args(["stats", "m.sqlite", "--json"]).json is True


@pytest.mark.parametrize(("error", "status"), [
    (NotAMeetingFileError("x is not a SignDesk meeting file"), cli.EXIT_USER),
    (MemberError("no member 7", "找不到该人员"), cli.EXIT_USER),
    (FileNotFoundError("roster.xlsx"), cli.EXIT_USER),
    (sqlite3.OperationalError("database is locked"), cli.EXIT_USER),
    (JoinError("cannot reach the hub", "unreachable"), cli.EXIT_NETWORK),
    (KeyboardInterrupt(), cli.EXIT_INTERRUPTED),
])
def test_one_map_from_errors_to_exit_codes(error: BaseException, status: int) -> None:
    got, message = cli.exit_status(error)
    assert got == status
    if status != cli.EXIT_INTERRUPTED:
        assert message and str(error).split(" (")[0] in message


def test_a_bug_keeps_its_traceback() -> None:
    with pytest.raises(ZeroDivisionError):
        cli.exit_status(ZeroDivisionError("bug"))
