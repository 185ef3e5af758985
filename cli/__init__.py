"""SignDesk's command line: one sub-command per task, each registered next to its handler.

    python main.py                      start screen (choose a meeting)
    python main.py FILE [--big-screen]  the organizer's window (or the hall screen)
    python main.py desk FILE [--name …] a sign-in desk
    python main.py stats FILE --json    … see `python main.py --help`

A handler is a function of the parsed arguments returning the exit status,
declared with ``@command(name, help, *arguments)``; the modules beside this one
hold them by role (cli.meeting: the organizer's file, roster and figures;
cli.desk: check-ins, the desk and the hub; cli.outputs: printed outputs). They
call the role services (kiosk.desk.DeskService, kiosk.organizer.OrganizerService).
Each handler imports what it needs when it runs, so headless commands start
fast and never load Qt.

Errors: every error a user can fix derives from ``data.errors.UserError`` and
is printed as ``signdesk: message`` without a traceback; ``exit_status`` is the
one mapping from errors to exit codes.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from data.errors import UserError

Handler = Callable[[argparse.Namespace], int]

EXIT_OK = 0
EXIT_FAILED = 1        # the command ran, but some of what it was given was refused
EXIT_USER = 2          # a user error: bad input, a file that cannot be used
EXIT_NETWORK = 3       # a desk could not join its hub
EXIT_INTERRUPTED = 130  # Ctrl-C

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Arg:
    """One argument of a sub-command, as ``ArgumentParser.add_argument`` takes it."""

    flags: tuple[str, ...]
    options: dict[str, Any]


def arg(*flags: str, **options: Any) -> Arg:
    """An argument for ``@command`` (same parameters as ``add_argument``)."""
    return Arg(flags, options)


@dataclass(frozen=True, slots=True)
class Command:
    """A sub-command: its name, help line, arguments and handler."""

    name: str
    help: str
    arguments: tuple[Arg, ...]
    handler: Handler


COMMANDS: dict[str, Command] = {}


def command(name: str, help: str, *arguments: Arg) -> Callable[[Handler], Handler]:
    """Register a sub-command with its arguments, next to its handler."""

    def register(fn: Handler) -> Handler:
        COMMANDS[name] = Command(name, help, arguments, fn)
        return fn

    return register


def _load_commands() -> None:
    # The handlers register themselves when their module is imported.
    from cli import desk, meeting, outputs, photos  # noqa: F401


def build_parser() -> argparse.ArgumentParser:
    """The command line, one sub-command per task (from the registry)."""
    _load_commands()
    p = argparse.ArgumentParser(prog="signdesk", description="SignDesk (签到台): meeting sign-in")
    p.add_argument("--actor", default=getpass.getuser(), help="who is making changes (audit)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for c in COMMANDS.values():
        s = sub.add_parser(c.name, help=c.help)
        for a in c.arguments:
            s.add_argument(*a.flags, **a.options)
    return p


def exit_status(exc: BaseException) -> tuple[int, str | None]:
    """The exit status for an error, and the message to print (None: print nothing).

    The one mapping from errors to exit codes; anything not listed is a bug
    and keeps its traceback.
    """
    from kiosk.link.client import JoinError
    from kiosk.link.hub import HubError

    if isinstance(exc, JoinError):
        return EXIT_NETWORK, f"cannot join: {exc}"
    if isinstance(exc, UserError | HubError | FileNotFoundError):
        return EXIT_USER, str(exc)
    if isinstance(exc, sqlite3.OperationalError):
        # Busy (another program kept the file locked past the timeout), read-only
        # or a full disk: nothing was written by the failed step.
        return EXIT_USER, (f"cannot use the meeting file now: {exc} (another program may be "
                           "writing to it; try again)")
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED, None
    if isinstance(exc, BrokenPipeError):
        # Output piped into `head` and closed early: not an error for the user.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK, None
    raise exc


def _start_log(a: argparse.Namespace) -> None:
    """Log to stderr, and to the file beside the meeting this command works on (if it exists)."""
    from kiosk.logs import setup_logging

    meeting = getattr(a, "replica", None) or getattr(a, "file", None)
    setup_logging(meeting if meeting and Path(meeting).is_file() else None)
    log.info("signdesk %s started (pid %d)", a.command, os.getpid())


def shown(value: object, limit: int = 40) -> str:
    """One stored field for a human-readable line: control characters shown as visible
    escapes (a name cannot fake a line or recolour the terminal), cut to ``limit``."""
    from kiosk.safetext import terminal_text

    return terminal_text(value, limit)


def shown_list(values: Sequence[str], most: int = 20) -> str:
    """A bounded list of names for a message."""
    out = ", ".join(shown(v) for v in values[:most])
    return out + (f", … ({len(values) - most} more)" if len(values) > most else "")


def main(argv: Sequence[str] | None = None) -> int:
    """Run SignDesk with command-line arguments; returns the exit status.

    Every file the run creates is owner-only (``private_umask``) and nothing
    it prints reaches the terminal with raw control characters (``guarded_output``).
    """
    from data.private import private_umask
    from kiosk.safetext import guarded_output

    with private_umask(), guarded_output():
        return _main(argv)


def _main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _load_commands()
    # `python main.py FILE` is short for `python main.py open FILE`.
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        argv = ["open", *argv]
    args = build_parser().parse_args(argv)
    if args.command is None:
        args = build_parser().parse_args(["open"])
    _start_log(args)
    try:
        return COMMANDS[args.command].handler(args)
    except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - mapped, or re-raised if a bug
        status, message = exit_status(exc)
        if message is not None:
            print(f"signdesk: {message}", file=sys.stderr)
        return status
