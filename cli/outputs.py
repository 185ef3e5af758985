"""Sub-commands for printed outputs: report, certificates, cards, sheets, rollup, print, verify.

The meeting's outputs are drawn through ``kiosk.organizer.OrganizerService``;
once written, and before anything is printed, each names the members and
characters no installed font can print (on stderr): they are on the paper as □.
"""

from __future__ import annotations

import argparse
import json
import sys

from cli import EXIT_FAILED, EXIT_OK, arg, command, shown
from cli.meeting import organizer
from data.errors import UserError


def _warn_gaps(service: object, kind: str, made: object) -> None:
    """Before anything is printed: name each member and character no font has (stderr).

    ``made`` is what the output's builder returned: the check reads the members it
    printed instead of reading the meeting a second time.
    """
    from reports.glyphs import warning

    gaps = service.font_gaps(kind, made=made)  # type: ignore[attr-defined]
    if gaps:
        print(f"signdesk: {warning(gaps)}", file=sys.stderr)


@command("report", "the attendance report (PDF)",
         arg("file"),
         arg("-o", "--output", required=True))
def cmd_report(a: argparse.Namespace) -> int:
    """``report FILE -o report.pdf``: the attendance report."""
    with organizer(a) as service:
        data = service.write_output("report", a.output)
        _warn_gaps(service, "report", data)
    t = data.figures.total
    print(f"wrote {a.output}: expected {t.expected}, present {t.present}, turnout {t.turnout}%")
    return EXIT_OK


@command("certificates", "certificates of attendance (PDF)",
         arg("file"),
         arg("-o", "--output", required=True),
         arg("--member", action="append", help="member number (repeatable)"),
         arg("--size", default="A5", choices=["A4", "A5"]))
def cmd_certificates(a: argparse.Namespace) -> int:
    """``certificates FILE -o certs.pdf [--member NUMBER …] [--size A5|A4]``."""
    with organizer(a) as service:
        ids = None
        if a.member:
            ids = []
            for number in a.member:
                m = service.member_by_number(number)
                if m is None:
                    raise UserError(f"no member numbered {shown(number)}")
                ids.append(m.id)
        certs = service.write_output("certificates", a.output, member_ids=ids, size=a.size)
        _warn_gaps(service, "certificates", certs)
    print(f"wrote {len(certs)} certificates to {a.output}")
    return EXIT_OK


@command("cards", "invitation cards with QR codes (PDF, PNG)",
         arg("file"),
         arg("-o", "--output", required=True),
         arg("--branch", action="append"),
         arg("--png-dir"))
def cmd_cards(a: argparse.Namespace) -> int:
    """``cards FILE -o cards.pdf [--branch NAME …] [--png-dir DIR]``."""
    with organizer(a) as service:
        cards = service.write_output("cards", a.output, branches=a.branch)
        _warn_gaps(service, "cards", cards)
        print(f"wrote {len(cards)} cards to {a.output}")
        if a.png_dir:
            pngs = service.card_pictures(a.png_dir, branches=a.branch)
            print(f"wrote {len(pngs)} pictures to {a.png_dir}")
    return EXIT_OK


@command("sheets", "paper sign-in sheets per branch (PDF)",
         arg("file"),
         arg("-o", "--output", required=True))
def cmd_sheets(a: argparse.Namespace) -> int:
    """``sheets FILE -o sheets.pdf``: paper sign-in sheets per branch."""
    with organizer(a) as service:
        counts = service.write_output("sheets", a.output)
        _warn_gaps(service, "sheets", counts)
    print(f"wrote sheets for {len(counts)} branches ({sum(counts.values())} members) to {a.output}")
    return EXIT_OK


@command("rollup", "summary over many meetings (PDF or --json)",
         arg("files", nargs="+"),
         arg("-o", "--output"),
         arg("--json", action="store_true"),
         arg("--title", default=""))
def cmd_rollup(a: argparse.Namespace) -> int:
    """``rollup A.sqlite B.sqlite … [-o summary.pdf] [--json] [--title …]``."""
    from reports.rollup import build_rollup, rollup

    data = rollup(a.files, a.title)
    if a.output:
        from reports.glyphs import find, warning

        gaps = find([("会议名称", m.title, None) for m in data.meetings]
                    + [("汇总标题", data.title, None)])
        if gaps:
            print(f"signdesk: {warning(gaps)}", file=sys.stderr)
        build_rollup(data, a.output)
    if a.json:
        print(json.dumps(data.as_dict(), ensure_ascii=False))
    elif a.output:
        print(f"wrote {a.output}: {len(data.meetings)} meetings, expected {data.expected}, "
              f"present {data.present}, turnout {data.turnout}%")
    else:
        for m in data.meetings:
            print(f"{shown(m.title, 60)}\t{shown(m.date, 20)}\t{m.expected}\t"
                  f"{m.present}\t{m.turnout}%")
        print(f"合计\t\t{data.expected}\t{data.present}\t{data.turnout}%")
    return EXIT_OK


@command("print", "send a PDF to a printer queue",
         arg("pdf"),
         arg("--printer", required=True))
def cmd_print(a: argparse.Namespace) -> int:
    """``print FILE.pdf --printer QUEUE``: headless printing through CUPS."""
    from reports.printing import print_pdf

    job = print_pdf(a.pdf, a.printer)
    print(f"sent {a.pdf} to {a.printer} as job {job}")
    return EXIT_OK


@command("verify", "check certificates' verification codes",
         arg("file"),
         arg("codes", nargs="+", metavar="CODE"),
         arg("--json", action="store_true"))
def cmd_verify(a: argparse.Namespace) -> int:
    """``verify FILE CODE … [--json]``: is a certificate genuine? Exit 1 if any is not."""
    bad = 0
    with organizer(a) as service:
        for code in a.codes:
            v = service.verify(code)
            bad += not v.ok
            if getattr(a, "json", False):
                print(json.dumps(v.as_dict(), ensure_ascii=False))
            else:
                who = f"{shown(v.member.name, 50)}（{shown(v.member.branch)}）" if v.member else ""
                at = (f" {shown(v.event.at, 30)} {shown(v.event.desk)}"
                      if v.ok and v.event else "")
                print(f"{shown(v.code)}: {v.verdict} {v.text} {who}{at}".rstrip())
    return EXIT_FAILED if bad else EXIT_OK
