"""Sub-commands of the desks and the hub: checkin, leave, void, desk, hub.

Check-ins and leaves go through ``kiosk.desk.DeskService`` (the desk's door),
as the desk window's do; a void through the organizer's service.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from cli import EXIT_FAILED, EXIT_OK, EXIT_USER, arg, command, shown, shown_list
from cli.meeting import print_json
from data.errors import UserError

CONSOLE_DESK = "命令行"  # the organizer's console: not a desk of the meeting


def read_inputs(values: Sequence[str]) -> list[str]:
    """The codes given, or the lines of standard input for ``-``."""
    if "-" in values and len(values) > 1:
        raise UserError("'-' reads the codes from standard input: give it alone")
    if list(values) == ["-"]:
        # Bytes, decoded forgivingly: a stray non-UTF-8 byte becomes an
        # unreadable line, not a traceback; a text editor's BOM is dropped.
        text = sys.stdin.buffer.read().decode("utf-8-sig", errors="replace")
        return [line for line in text.splitlines() if line.strip()]
    return list(values)


def _check_desk(names: list[str], name: str | None) -> None:
    """Refuse a desk name the meeting does not have (a typo would misroute every scan)."""
    if name is not None and names and name not in names:
        raise UserError(f"no desk named '{shown(name)}'; the desks are {shown_list(names)}")


@command("checkin", "sign members in by card code or member number",
         arg("file"),
         arg("inputs", nargs="+", metavar="CODE_OR_NUMBER", help="'-' reads standard input"),
         arg("--desk", help="the desk taking the check-ins (default: the organizer's "
                            "console, 命令行)"),
         arg("--method", default="scan", choices=["scan", "search", "paper", "manual"]),
         arg("--at", help="the time written on a paper sheet"),
         arg("--operator", metavar="NAME",
             help="who is signing members in (default: the name last given at this desk, "
                  "else the desk's name)"),
         arg("--json", action="store_true"))
def cmd_checkin(a: argparse.Namespace) -> int:
    """Each code or number as a desk would take it; exit 1 if any was not let in."""
    from kiosk.checkin import Outcome
    from kiosk.desk import DeskService
    from kiosk.meeting import parse_time
    from kiosk.model import Method
    from kiosk.validate import cli_time

    method = Method(a.method)
    failed = 0
    desk = DeskService(a.file, a.desk or CONSOLE_DESK, a.operator)
    try:
        _check_desk(desk.desk_names(), a.desk)
        # A bare clock time written on a paper sheet is on the meeting's day.
        at = parse_time(a.at, desk.meeting.date) if a.at else None
        if at is not None:  # on the meeting's day and not in the future (kiosk/validate.py)
            cli_time(desk.meeting, at)
        for raw in read_inputs(a.inputs):
            result = desk.scan(raw, method, at=at)
            if result.outcome not in (Outcome.WELCOME, Outcome.REENTRY, Outcome.OBSERVER):
                failed += 1
            if a.json:
                print_json(result.as_dict())
            else:
                who = (f"{shown(result.member.name, 50)} ({shown(result.member.branch)})"
                       if result.member else shown(result.text or raw))  # an ID number masked
                extra = f" event {result.event.id}" if result.event else ""
                if result.earlier:
                    extra += (f" (earlier: {shown(result.earlier.at, 30)} at "
                              f"{shown(result.earlier.desk)})")
                if result.serving_desk:
                    extra += f" (desk: {shown(result.serving_desk)})"
                print(f"{result.outcome}: {who}{extra}")
    finally:
        desk.close()
    return EXIT_FAILED if failed else EXIT_OK


@command("void", "undo a check-in event, with a reason",
         arg("file"),
         arg("event"),
         arg("--reason", required=True),
         arg("--desk", default=CONSOLE_DESK))
def cmd_void(a: argparse.Namespace) -> int:
    """Void an arrival or leave (a new void event; nothing is deleted)."""
    from kiosk.organizer import OrganizerService

    with OrganizerService(a.file, a.actor) as service:
        service.void(a.event, a.reason, a.desk)
    print(f"voided {a.event}")
    return EXIT_OK


@command("leave", "record an early leave (中途退场)",
         arg("file"),
         arg("number", help="member number"),
         arg("--desk", default=CONSOLE_DESK),
         arg("--operator", metavar="NAME",
             help="who is signing members in (default: the name last given at this desk, "
                  "else the desk's name)"))
def cmd_leave(a: argparse.Namespace) -> int:
    """An early leave by member number; exit 1 when the member is not in the hall."""
    from kiosk.checkin import Outcome
    from kiosk.desk import DeskService, member_for_number
    from kiosk.model import Method

    desk = DeskService(a.file, a.desk, a.operator)
    try:
        member = member_for_number(desk.store, a.number)
        if member is None:
            raise UserError(f"no member numbered {shown(a.number)}")
        result = desk.leave(member.id, Method.MANUAL)
    finally:
        desk.close()
    print(f"{result.outcome}: {shown(member.name, 50)}")
    return EXIT_OK if result.outcome == Outcome.LEFT else EXIT_FAILED


@command("desk", "run a sign-in desk",
         arg("file", nargs="?"),
         arg("--name", help="which desk this is, e.g. 3号台"),
         arg("--join", metavar="ADDRESS", help="the hub to join, host:port"),
         arg("--pair", metavar="CODE", help="the hub's pairing code"),
         arg("--headless", action="store_true", help="read scans from standard input"),
         arg("--replica", help="where a joined desk keeps its copy of the meeting"),
         arg("--operator", metavar="NAME",
             help="who is signing members in (default: the name last given at this desk, "
                  "else the desk's name)"),
         arg("--no-kiosk", action="store_true", help="a normal window, not full screen"))
def cmd_desk(a: argparse.Namespace) -> int:
    """The desk window, or with --headless one JSON line per scan read from standard input."""
    from kiosk.desk import replica_desk

    if a.headless:
        from kiosk.link.headless import run_headless_desk

        return run_headless_desk(name=a.name, file=a.file, replica=a.replica, join=a.join,
                                 pair=a.pair, operator=a.operator)
    if a.operator is not None:
        raise UserError("--operator is for --headless; at the desk window the secretary "
                        "types the name in the Operator field (签到员)")
    from ui.launcher import can_open_windows, run_desk

    if not can_open_windows():  # before joining: a desk that cannot show is no desk
        return EXIT_USER
    path, name, link = a.file, a.name, None
    if a.join or a.pair or a.replica or (path and Path(path).exists()
                                          and replica_desk(path) is not None):
        path, name, link = _join_or_resume(a)  # JoinError: exit 3
    if not path:
        raise UserError("desk needs a meeting FILE (or --join ADDRESS --pair CODE)")
    if not Path(path).exists():
        raise UserError(f"no such meeting file: {path}")
    return run_desk(path, name, link=link, kiosk=not a.no_kiosk)


def _join_or_resume(a: argparse.Namespace) -> tuple[str, str | None, object | None]:
    """Join a hub's meeting (first time) or resume a replica: (replica, desk name, started link)."""
    from kiosk.desk import replica_desk
    from kiosk.link.client import DeskLink, join_meeting
    from kiosk.link.headless import default_replica

    replica = Path(a.replica or a.file or default_replica(a.name or "desk"))
    if not replica.exists():
        if not a.pair:
            raise UserError("this desk has not joined yet; pass --pair CODE "
                            "(and --join ADDRESS unless the hub can be found on the network)")
        # Before the window exists nothing is frozen by this blocking call.
        join_meeting(replica, code=a.pair, desk=a.name or "desk", address=a.join)
    recorded = replica_desk(replica)
    if recorded is None:  # a plain meeting file given as --replica: nothing to sync
        return str(replica), a.name, None
    return str(replica), recorded or a.name, DeskLink(replica, address=a.join or None).start()


@command("hub", "serve a meeting to desks on the local network",
         arg("file"),
         arg("--port", type=int, default=8765),
         arg("--host", default="0.0.0.0"),
         arg("--no-discovery", action="store_true"),
         arg("--keep-code", action="store_true",
             help="keep the pairing code after a desk pairs (setting up many desks)"))
def cmd_hub(a: argparse.Namespace) -> int:
    """Serve until interrupted; print the address, pairing code and meeting for scripts.

    The code changes after each pairing (unless ``--keep-code``), after wrong
    tries and after a revoke: each new code is printed as a new ``SIGNDESK PAIR``
    line, and ``SIGNDESK PAIRING CLOSED`` when too many wrong codes closed it.
    """
    from kiosk.link.hub import Hub

    hub = Hub(a.file, host=a.host, port=a.port, discovery=not a.no_discovery,
              keep_code=a.keep_code)
    address = hub.start()  # HubError: exit 2 with its message
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    if hub.took_over:
        print(f"SIGNDESK TAKEOVER {hub.took_over}")
    print(f"SIGNDESK HUB {address}")
    door = hub.door.state()
    print(f"SIGNDESK PAIR {door.code}")
    print(f"SIGNDESK MEETING {hub.meeting_uid} {shown(hub.meeting_title, 100)}")
    print(f"SIGNDESK FINGERPRINT {hub.fingerprint}")
    print(f"SIGNDESK QR {hub.pairing_uri}")
    sys.stdout.flush()
    seen = (door.code, door.closed)
    try:
        while not stop.wait(0.5):
            if not hub.running:
                return EXIT_FAILED
            door = hub.door.state()
            if (door.code, door.closed) != seen:
                seen = (door.code, door.closed)
                if door.closed:
                    print(f"SIGNDESK PAIRING CLOSED {door.wrong} wrong codes; reopens in "
                          f"{round(door.reopens_in or 0)} s")
                else:
                    print(f"SIGNDESK PAIR {door.code}")
                sys.stdout.flush()
    finally:
        hub.stop()
    return EXIT_OK


