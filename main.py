"""SignDesk's entry point: `python main.py` opens the app; sub-commands run headless.

    python main.py                      start screen (choose a meeting)
    python main.py FILE [--big-screen]  the organizer's window (or the hall screen)
    python main.py desk FILE [--name …] a sign-in desk
    python main.py demo [FILE]          build the demo meeting and open it
    python main.py stats FILE --json    … see `python main.py --help`

Each command imports only what it needs, so headless commands start fast and
never load Qt.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str) -> Callable[[Callable[[argparse.Namespace], int]], Callable]:
    """Register a sub-command handler."""

    def register(fn: Callable[[argparse.Namespace], int]) -> Callable:
        COMMANDS[name] = fn
        return fn

    return register


class UserError(Exception):
    """An error the user can fix; printed without a traceback."""


def _open(path: str):  # -> Store
    from kiosk.meeting import open_meeting

    return open_meeting(path)


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=None))


# ---- meeting file ---------------------------------------------------------------

@command("new")
def cmd_new(a: argparse.Namespace) -> int:
    from kiosk.meeting import create_meeting, update_settings

    store = create_meeting(a.file, title=a.title, date=a.date, venue=a.venue or "",
                           quorum_rule=a.quorum)
    with store:
        settings: dict[str, object] = {
            k: v for k, v in (("opens_at", a.opens), ("closes_at", a.closes)) if v}
        if a.wrong_desk_admits:
            settings["wrong_desk_admits"] = 1
        try:
            if settings:
                update_settings(store, a.actor, **settings)
        except BaseException:
            # A bad setting fails the command: leave no half-made file behind,
            # so that the corrected command can simply be run again.
            store.close()
            for suffix in ("", "-wal", "-shm"):
                Path(str(a.file) + suffix).unlink(missing_ok=True)
            raise
    print(f"created {a.file}")
    return 0


@command("import")
def cmd_import(a: argparse.Namespace) -> int:
    from kiosk.roster import import_file

    mapping = {}
    for item in a.map or []:
        if "=" not in item:
            raise UserError(f"--map wants HEADER=field, got {item!r}")
        k, v = item.split("=", 1)
        mapping[k] = v
    with _open(a.file) as store:
        report = import_file(store, a.roster, a.actor, mapping)
    print(report.summary())
    return 0


def _read_inputs(values: Sequence[str]) -> list[str]:
    if "-" in values and len(values) > 1:
        raise UserError("'-' reads the codes from standard input: give it alone")
    if list(values) == ["-"]:
        # Bytes, decoded forgivingly: a stray non-UTF-8 byte becomes an
        # unreadable line, not a traceback; a text editor's BOM is dropped.
        text = sys.stdin.buffer.read().decode("utf-8-sig", errors="replace")
        return [line for line in text.splitlines() if line.strip()]
    return list(values)


CONSOLE_DESK = "命令行"  # the organizer's console: not a desk of the meeting


def _check_desk(store, name: str | None) -> None:  # store: Store
    """Refuse a desk name the meeting does not have (a typo would misroute every scan)."""
    if name is None:
        return
    names = [d.name for d in store.desks()]
    if names and name not in names:
        raise UserError(f"no desk named {name!r}; the desks are {', '.join(names)}")


@command("checkin")
def cmd_checkin(a: argparse.Namespace) -> int:
    from kiosk import codes
    from kiosk.checkin import CheckinResult, Desk, Outcome, check_in
    from kiosk.meeting import parse_time
    from kiosk.model import Method

    method = Method(a.method)
    failed = 0
    with _open(a.file) as store:
        _check_desk(store, a.desk)
        desk = Desk(a.desk or CONSOLE_DESK, a.actor)
        # A bare clock time written on a paper sheet is on the meeting's day.
        at = parse_time(a.at, store.meeting().date) if a.at else None
        for raw in _read_inputs(a.inputs):
            parsed = codes.parse(raw)
            received: str | int = raw
            if parsed.shape == "number":
                member = (store.member_by_number(raw.strip())
                          or store.member_by_number(parsed.text))
                received = member.id if member else raw
            result: CheckinResult = check_in(store, received, desk, method=method, at=at)
            if result.outcome not in (Outcome.WELCOME, Outcome.REENTRY, Outcome.OBSERVER):
                failed += 1
            if a.json:
                _print_json(result.as_dict())
            else:
                who = f"{result.member.name} ({result.member.branch})" if result.member else raw
                extra = f" event {result.event.id}" if result.event else ""
                if result.earlier:
                    extra += f" (earlier: {result.earlier.at} at {result.earlier.desk})"
                if result.serving_desk:
                    extra += f" (desk: {result.serving_desk})"
                print(f"{result.outcome}: {who}{extra}")
    return 1 if failed else 0


@command("void")
def cmd_void(a: argparse.Namespace) -> int:
    from kiosk.checkin import Desk, VoidError, void

    with _open(a.file) as store:
        try:
            void(store, a.event, a.reason, Desk(a.desk, a.actor))
        except VoidError as exc:
            raise UserError(str(exc)) from exc
    print(f"voided {a.event}")
    return 0


@command("leave")
def cmd_leave(a: argparse.Namespace) -> int:
    from kiosk.checkin import Desk, Outcome, record_leave

    with _open(a.file) as store:
        member = store.member_by_number(a.number)
        if member is None:
            raise UserError(f"no member numbered {a.number}")
        result = record_leave(store, member.id, Desk(a.desk, a.actor))
    print(f"{result.outcome}: {member.name}")
    return 0 if result.outcome == Outcome.LEFT else 1


@command("stats")
def cmd_stats(a: argparse.Namespace) -> int:
    from kiosk.turnout import QUORUM_ZH, tally_of

    with _open(a.file) as store:
        meeting = store.meeting()
        figures = tally_of(store).figures()
    if a.json:
        _print_json({"title": meeting.title, "date": meeting.date, **figures.as_dict()})
        return 0
    t, q = figures.total, figures.quorum
    print(f"{meeting.title}  {meeting.date}")
    print(f"应到 expected {t.expected}  实到 present {t.present}  出席率 turnout {t.turnout}%")
    print(f"有选举权 voting: expected {t.voting_expected}, present {t.voting_present}, "
          f"in hall {t.voting_in_hall}")
    print(f"请假 on leave {t.on_leave}  核准不计 excluded {t.excluded}  列席 observers {t.observers}")
    state = "MET 已达到" if q.met else f"NOT MET 未达到 — {q.still_needed} more needed"
    if q.exact:  # the rule decides a count exactly on 4/5: say that it sits there
        state = f"EXACTLY 4/5 恰好五分之四 — {state}"
    print(f"法定人数 quorum ({QUORUM_ZH[q.rule]}): need {q.required}, {state}")
    for b in figures.branches:
        c = b.counts
        print(f"  {b.name:<8} {c.present:>5}/{c.expected:<5} {c.turnout:>6}%  desk {b.desk or '-'}")
    return 0


@command("members")
def cmd_members(a: argparse.Namespace) -> int:
    from kiosk.model import is_expected
    from kiosk.turnout import tally_of

    with _open(a.file) as store:
        if a.branch and store.branch_id(a.branch) is None:
            raise UserError(f"no branch named {a.branch!r}; the branches are "
                            + ", ".join(b.name for b in store.branches()))
        tally = tally_of(store)
        cards = store.current_cards()
        rows = []
        for m in store.members():
            p = tally.presence(m.id)
            if a.branch and m.branch != a.branch:
                continue
            if a.absent and (p.attended or not is_expected(m.category, m.status)):
                continue
            rows.append({
                "id": m.id, "number": m.number, "name": m.name, "branch": m.branch,
                "category": m.category, "status": m.status, "reason": m.status_reason,
                "phone": m.phone, "present": p.attended, "in_hall": p.in_hall,
                "arrived_at": p.arrival.at if p.arrival else None,
                "card": cards.get(m.id),
            })
    if a.json:
        _print_json(rows)
    else:
        for r in rows:
            mark = "✓" if r["present"] else " "
            print(f"{mark} {r['number'] or '-':<12} {r['name']:<10} {r['branch']:<8} "
                  f"{r['category']:<12} {r['status']:<8} {r['phone']:<12} {r['card']}")
    return 0


@command("export")
def cmd_export(a: argparse.Namespace) -> int:
    from reports.export import export_attendance

    with _open(a.file) as store:
        n = export_attendance(store, a.output)
    print(f"wrote {n} members to {a.output}")
    return 0


@command("demo")
def cmd_demo(a: argparse.Namespace) -> int:
    from kiosk.demo import build_demo

    if not 0 <= a.arrivals <= 1:
        raise UserError(f"--arrivals is a share between 0 and 1, not {a.arrivals}")
    path = Path(a.file or "demo-meeting.sqlite")
    if path.exists():
        if not a.replace:
            print(f"using the existing demo meeting {path} (--replace to rebuild it)")
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
    if not path.exists():
        build_demo(path, arrivals=a.arrivals).close()
        print(f"built the demo meeting {path}")
    if a.no_window:
        return cmd_stats(argparse.Namespace(file=str(path), json=False))
    return _open_window(argparse.Namespace(file=str(path), big_screen=False, screen=None))


# ---- windows (Qt is imported only here) ------------------------------------------

def _open_window(a: argparse.Namespace) -> int:
    try:
        from ui.launcher import run_organizer
    except ImportError as exc:  # the window is not available (e.g. Qt missing)
        print(f"cannot open the window ({exc}); showing the figures instead", file=sys.stderr)
        return cmd_stats(argparse.Namespace(file=a.file, json=False)) if a.file else 1
    return run_organizer(a.file, big_screen=a.big_screen, screen=a.screen)


@command("desk")
def cmd_desk(a: argparse.Namespace) -> int:
    if a.headless:
        from kiosk.link.headless import run_headless_desk

        return run_headless_desk(a)
    from ui.launcher import run_desk

    return run_desk(a)


@command("hub")
def cmd_hub(a: argparse.Namespace) -> int:
    from kiosk.link.hub import run_hub

    return run_hub(a)


# ---- printed outputs (reports/) ----------------------------------------------------

def _reports(name: str) -> Callable[[argparse.Namespace], int]:
    def run(a: argparse.Namespace) -> int:
        import reports.commands

        return getattr(reports.commands, name)(a)

    return run


for _name in ("report", "certificates", "cards", "sheets", "rollup", "print", "verify"):
    COMMANDS[_name] = _reports(f"cmd_{_name}")


# ---- parser ------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    """The command line, one sub-command per task."""
    import getpass

    p = argparse.ArgumentParser(prog="signdesk", description="SignDesk (签到台): meeting sign-in")
    p.add_argument("--actor", default=getpass.getuser(), help="who is making changes (audit)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("open", help="open the organizer's window on a meeting file")
    s.add_argument("file", nargs="?")
    s.add_argument("--big-screen", action="store_true", help="only the hall's big screen")
    s.add_argument("--screen", type=int, help="which display the big screen uses")

    s = sub.add_parser("new", help="create a meeting file")
    s.add_argument("file")
    s.add_argument("--title", required=True)
    s.add_argument("--date", required=True, help="YYYY-MM-DD")
    s.add_argument("--venue")
    s.add_argument("--quorum", default="election",
                   choices=["none", "election", "election_at_least", "majority"])
    s.add_argument("--opens", help="sign-in opening time, e.g. '2026-11-28 08:30'")
    s.add_argument("--closes", help="sign-in closing time")
    s.add_argument("--wrong-desk-admits", action="store_true",
                   help="a desk signs in members of other desks' branches (and says so)")

    s = sub.add_parser("import", help="import or update the roster from .xlsx or .csv")
    s.add_argument("file")
    s.add_argument("roster")
    s.add_argument("--map", action="append", metavar="HEADER=FIELD",
                   help="map an unusual column header to a field (name, branch, number, …)")

    s = sub.add_parser("checkin", help="sign members in by card code or member number")
    s.add_argument("file")
    s.add_argument("inputs", nargs="+", metavar="CODE_OR_NUMBER", help="'-' reads standard input")
    s.add_argument("--desk", help="the desk taking the check-ins (default: the organizer's "
                                  "console, 命令行)")
    s.add_argument("--method", default="scan", choices=["scan", "search", "paper", "manual"])
    s.add_argument("--at", help="the time written on a paper sheet")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("void", help="undo a check-in event, with a reason")
    s.add_argument("file")
    s.add_argument("event")
    s.add_argument("--reason", required=True)
    s.add_argument("--desk", default="命令行")

    s = sub.add_parser("leave", help="record an early leave (中途退场)")
    s.add_argument("file")
    s.add_argument("number", help="member number")
    s.add_argument("--desk", default="命令行")

    s = sub.add_parser("stats", help="expected, present, turnout and quorum")
    s.add_argument("file")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("members", help="list members with presence and card code")
    s.add_argument("file")
    s.add_argument("--absent", action="store_true")
    s.add_argument("--branch")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("export", help="attendance as .xlsx or .csv")
    s.add_argument("file")
    s.add_argument("-o", "--output", required=True)

    s = sub.add_parser("demo", help="build the demo meeting and open it")
    s.add_argument("file", nargs="?")
    s.add_argument("--arrivals", type=float, default=0.6, help="share already signed in")
    s.add_argument("--replace", action="store_true")
    s.add_argument("--no-window", action="store_true", help="print the figures instead")

    s = sub.add_parser("desk", help="run a sign-in desk")
    s.add_argument("file", nargs="?")
    s.add_argument("--name", help="which desk this is, e.g. 3号台")
    s.add_argument("--join", metavar="ADDRESS", help="the hub to join, host:port")
    s.add_argument("--pair", metavar="CODE", help="the hub's pairing code")
    s.add_argument("--headless", action="store_true", help="read scans from standard input")
    s.add_argument("--replica", help="where a joined desk keeps its copy of the meeting")
    s.add_argument("--no-kiosk", action="store_true", help="a normal window, not full screen")

    s = sub.add_parser("hub", help="serve a meeting to desks on the local network")
    s.add_argument("file")
    s.add_argument("--port", type=int, default=8765)
    s.add_argument("--host", default="0.0.0.0")
    s.add_argument("--no-discovery", action="store_true")

    s = sub.add_parser("report", help="the attendance report (PDF)")
    s.add_argument("file")
    s.add_argument("-o", "--output", required=True)

    s = sub.add_parser("certificates", help="certificates of attendance (PDF)")
    s.add_argument("file")
    s.add_argument("-o", "--output", required=True)
    s.add_argument("--member", action="append", help="member number (repeatable)")
    s.add_argument("--size", default="A5", choices=["A4", "A5"])

    s = sub.add_parser("cards", help="invitation cards with QR codes (PDF, PNG)")
    s.add_argument("file")
    s.add_argument("-o", "--output", required=True)
    s.add_argument("--branch", action="append")
    s.add_argument("--png-dir")

    s = sub.add_parser("sheets", help="paper sign-in sheets per branch (PDF)")
    s.add_argument("file")
    s.add_argument("-o", "--output", required=True)

    s = sub.add_parser("rollup", help="summary over many meetings (PDF or --json)")
    s.add_argument("files", nargs="+")
    s.add_argument("-o", "--output")
    s.add_argument("--json", action="store_true")
    s.add_argument("--title", default="")

    s = sub.add_parser("verify", help="check certificates' verification codes")
    s.add_argument("file")
    s.add_argument("codes", nargs="+", metavar="CODE")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("print", help="send a PDF to a printer queue")
    s.add_argument("pdf")
    s.add_argument("--printer", required=True)
    return p


def _start_log(a: argparse.Namespace) -> None:
    """Log to stderr, and to the file beside the meeting this command works on (if it exists)."""
    from kiosk.logs import setup_logging

    meeting = getattr(a, "replica", None) or getattr(a, "file", None)
    setup_logging(meeting if meeting and Path(meeting).is_file() else None)
    logging.getLogger("main").info("signdesk %s started (pid %d)", a.command, os.getpid())


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
    # `python main.py FILE` is short for `python main.py open FILE`.
    if not argv or (argv[0] not in COMMANDS and argv[0] != "open" and not argv[0].startswith("-")):
        argv = ["open", *argv]
    args = build_parser().parse_args(argv)
    _start_log(args)
    import sqlite3

    from data.store import StoreError
    from kiosk.meeting import SettingError
    from kiosk.roster import RosterError

    try:
        if args.command == "open":
            return _open_window(args)
        return COMMANDS[args.command](args)
    except (UserError, StoreError, SettingError, RosterError, FileNotFoundError) as exc:
        print(f"signdesk: {exc}", file=sys.stderr)
        return 2
    except sqlite3.OperationalError as exc:
        # Busy (another program kept the file locked past the timeout), read-only
        # or a full disk: nothing was written by the failed step.
        print(f"signdesk: cannot use the meeting file now: {exc} (another program may be "
              "writing to it; try again)", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error for the user.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
