"""Sub-commands for the organizer's meeting file: open, new, import, stats, members, export, demo.

They go through ``kiosk.organizer.OrganizerService`` (the organizer's door).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cli import EXIT_OK, arg, command, shown
from data.errors import UserError


def print_json(obj: object) -> None:
    """One JSON value on one line (Chinese kept readable)."""
    print(json.dumps(obj, ensure_ascii=False, indent=None))


def organizer(a: argparse.Namespace):  # -> OrganizerService
    """The organizer's service on the command's meeting file, acting as ``--actor``."""
    from kiosk.organizer import OrganizerService

    return OrganizerService(a.file, a.actor)


@command("open", "open the organizer's window on a meeting file",
         arg("file", nargs="?"),
         arg("--big-screen", action="store_true", help="only the hall's big screen"),
         arg("--screen", type=int, help="which display the big screen uses"))
def cmd_open(a: argparse.Namespace) -> int:
    """The organizer's window (Qt is imported only here and in ``desk``)."""
    try:
        from ui.launcher import run_organizer
    except ImportError as exc:  # no Qt on this machine: the figures instead of the window
        print(f"cannot open the window ({exc}); showing the figures instead", file=sys.stderr)
        if not a.file:
            return 1
        return cmd_stats(argparse.Namespace(file=a.file, json=False, actor=a.actor))
    return run_organizer(a.file, big_screen=a.big_screen, screen=a.screen)


@command("new", "create a meeting file",
         arg("file"),
         arg("--title", required=True),
         arg("--date", required=True, help="YYYY-MM-DD"),
         arg("--venue"),
         arg("--quorum", default="election",
             choices=["none", "election", "election_at_least", "majority"]),
         arg("--opens", help="sign-in opening time, e.g. '2026-11-28 08:30'"),
         arg("--closes", help="sign-in closing time"),
         arg("--wrong-desk-admits", action="store_true",
             help="a desk signs in members of other desks' branches (and says so)"))
def cmd_new(a: argparse.Namespace) -> int:
    """Make the file; a bad setting leaves no half-made file behind."""
    from kiosk.organizer import OrganizerService

    settings: dict[str, object] = {"wrong_desk_admits": 1} if a.wrong_desk_admits else {}
    OrganizerService.create(a.file, title=a.title, date=a.date, venue=a.venue or "",
                            quorum_rule=a.quorum, opens_at=a.opens, closes_at=a.closes,
                            actor=a.actor, **settings).close()
    print(f"created {a.file}")
    return EXIT_OK


@command("import", "import or update the roster from .xlsx, .xls, .et, .ods or .csv",
         arg("file"),
         arg("roster"),
         arg("--map", action="append", metavar="HEADER=FIELD",
             help="map an unusual column header to a field (name, branch, number, …)"),
         arg("--preview", action="store_true",
             help="show how the roster reads and counts; write nothing"),
         arg("--include-hidden", action="store_true",
             help="import hidden rows, columns and sheets too"),
         arg("--confirm-proposed", action="store_true",
             help="exclude (核准不计) the members the preview proposes (出国, 卧床 …)"))
def cmd_import(a: argparse.Namespace) -> int:
    """Read, check and write a roster file (all or nothing); print what it did."""
    mapping = {}
    for item in a.map or []:
        if "=" not in item:
            raise UserError(f"--map wants HEADER=field, got {item!r}")
        k, v = item.split("=", 1)
        mapping[k] = v
    if a.preview:  # no meeting file needed: nothing is written
        from kiosk.roster import parse_roster
        from kiosk.roster.preview import preview_text

        roster = parse_roster(a.roster, mapping or None, include_hidden=a.include_hidden,
                              confirm_proposed=a.confirm_proposed)
        print(preview_text(roster))
        return EXIT_OK
    with organizer(a) as service:
        report = service.import_file(a.roster, mapping, include_hidden=a.include_hidden,
                                     confirm_proposed=a.confirm_proposed)
    print(report.summary())
    return EXIT_OK


@command("template", "write a roster template (.xlsx) to fill in",
         arg("path"))
def cmd_template(a: argparse.Namespace) -> int:
    """The roster template: recognised headers, text columns, drop-down lists."""
    from kiosk.roster.template import write_template

    write_template(a.path)
    print(f"roster template written to {a.path}")
    return EXIT_OK


@command("stats", "expected, present, turnout and quorum",
         arg("file"),
         arg("--json", action="store_true"))
def cmd_stats(a: argparse.Namespace) -> int:
    """The figures, in total and per branch."""
    from kiosk.vocabulary import quorum_label

    with organizer(a) as service:
        meeting = service.meeting()
        figures = service.figures()
    if a.json:
        print_json({"title": meeting.title, "date": meeting.date, **figures.as_dict()})
        return EXIT_OK
    t, q = figures.total, figures.quorum
    print(f"{shown(meeting.title, 100)}  {shown(meeting.date, 20)}")
    print(f"应到 expected {t.expected}  实到 present {t.present}  出席率 turnout {t.turnout}%")
    print(f"有选举权 voting: expected {t.voting_expected}, present {t.voting_present}, "
          f"in hall {t.voting_in_hall}")
    print(f"请假 on leave {t.on_leave}  核准不计 excluded {t.excluded}  列席 observers {t.observers}")
    state = "MET 已达到" if q.met else f"NOT MET 未达到 — {q.still_needed} more needed"
    if q.exact:  # the rule decides a count exactly on 4/5: say that it sits there
        state = f"EXACTLY 4/5 恰好五分之四 — {state}"
    print(f"法定人数 quorum ({quorum_label(q.rule)}): need {q.required}, {state}")
    for b in figures.branches:
        c = b.counts
        print(f"  {shown(b.name):<8} {c.present:>5}/{c.expected:<5} {c.turnout:>6}%  "
              f"desk {shown(b.desk or '-')}")
    return EXIT_OK


@command("members", "list members with presence and card code",
         arg("file"),
         arg("--absent", action="store_true"),
         arg("--branch"),
         arg("--json", action="store_true"))
def cmd_members(a: argparse.Namespace) -> int:
    """The roster with presence (the phone list of who has not arrived: --absent)."""
    with organizer(a) as service:
        rows = service.member_rows(branch=a.branch, absent=a.absent)
    if a.json:
        print_json(rows)
    else:
        for r in rows:
            mark = "✓" if r["present"] else " "
            print(f"{mark} {shown(r['number'] or '-', 20):<12} {shown(r['name'], 50):<10} "
                  f"{shown(r['branch']):<8} {r['category']:<12} {r['status']:<8} "
                  f"{shown(r['phone'], 20):<12} {shown(r['card'], 30)}")
    return EXIT_OK


@command("export", "attendance as .xlsx or .csv",
         arg("file"),
         arg("-o", "--output", required=True))
def cmd_export(a: argparse.Namespace) -> int:
    """Attendance per member as a spreadsheet."""
    with organizer(a) as service:
        n = service.export(a.output)
    print(f"wrote {n} members to {a.output}")
    return EXIT_OK


@command("demo", "build the demo meeting and open it",
         arg("file", nargs="?"),
         arg("--arrivals", type=float, default=0.6, help="share already signed in"),
         arg("--replace", action="store_true"),
         arg("--no-window", action="store_true", help="print the figures instead"))
def cmd_demo(a: argparse.Namespace) -> int:
    """Build (or reuse) the demo meeting, then open it or print its figures."""
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
        # with drawn portraits for 第一支部 and the namesakes, so 1号台 shows photos
        build_demo(path, arrivals=a.arrivals, photos=True).close()
        print(f"built the demo meeting {path}")
    shown = argparse.Namespace(file=str(path), json=False, actor=a.actor, big_screen=False,
                               screen=None)
    return cmd_stats(shown) if a.no_window else cmd_open(shown)
