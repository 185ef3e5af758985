"""The printed-output sub-commands of ``main.py``: report, certificates, cards,
sheets, rollup, print and verify. Each takes the argparse Namespace and returns
an exit status; errors the user can fix are printed without a traceback.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable

from kiosk.meeting import open_meeting
from reports.cards import CardError
from reports.certificates import CertificateError
from reports.fonts import FontError
from reports.printing import PrintError

Handler = Callable[[argparse.Namespace], int]


class CommandError(Exception):
    """A problem with the command's input; printed as 'signdesk: …'."""


def _friendly(fn: Handler) -> Handler:
    @functools.wraps(fn)
    def run(a: argparse.Namespace) -> int:
        try:
            return fn(a)
        except (CommandError, CardError, CertificateError, FontError, PrintError) as exc:
            print(f"signdesk: {exc}", file=sys.stderr)
            return 2

    return run


def _warn_gaps(store: object, kind: str, **options: object) -> None:
    """Before writing: name each member and character no font can print (stderr)."""
    from reports.glyphs import for_output, warning

    gaps = for_output(store, kind, **options)  # type: ignore[arg-type]
    if gaps:
        print(f"signdesk: {warning(gaps)}", file=sys.stderr)


@_friendly
def cmd_report(a: argparse.Namespace) -> int:
    """``report FILE -o report.pdf``: the attendance report."""
    from reports.attendance import build_report

    with open_meeting(a.file) as store:
        _warn_gaps(store, "report")
        data = build_report(store, a.output)
    t = data.figures.total
    print(f"wrote {a.output}: expected {t.expected}, present {t.present}, turnout {t.turnout}%")
    return 0


@_friendly
def cmd_certificates(a: argparse.Namespace) -> int:
    """``certificates FILE -o certs.pdf [--member NUMBER …] [--size A5|A4]``."""
    from reports.certificates import build_certificates

    with open_meeting(a.file) as store:
        ids = None
        if a.member:
            ids = []
            for number in a.member:
                m = store.member_by_number(number)
                if m is None:
                    raise CommandError(f"no member numbered {number}")
                ids.append(m.id)
        _warn_gaps(store, "certificates", member_ids=ids)
        certs = build_certificates(store, a.output, member_ids=ids, size=a.size)
    print(f"wrote {len(certs)} certificates to {a.output}")
    return 0


@_friendly
def cmd_cards(a: argparse.Namespace) -> int:
    """``cards FILE -o cards.pdf [--branch NAME …] [--png-dir DIR]``."""
    from reports.cards import build_cards, write_pngs

    with open_meeting(a.file) as store:
        _warn_gaps(store, "cards", branches=a.branch)
        cards = build_cards(store, a.output, branches=a.branch)
        print(f"wrote {len(cards)} cards to {a.output}")
        if a.png_dir:
            pngs = write_pngs(store, a.png_dir, branches=a.branch)
            print(f"wrote {len(pngs)} pictures to {a.png_dir}")
    return 0


@_friendly
def cmd_sheets(a: argparse.Namespace) -> int:
    """``sheets FILE -o sheets.pdf``: paper sign-in sheets per branch."""
    from reports.sheets import build_sheets

    with open_meeting(a.file) as store:
        _warn_gaps(store, "sheets")
        counts = build_sheets(store, a.output)
    print(f"wrote sheets for {len(counts)} branches ({sum(counts.values())} members) to {a.output}")
    return 0


@_friendly
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
            print(f"{m.title}\t{m.date}\t{m.expected}\t{m.present}\t{m.turnout}%")
        print(f"合计\t\t{data.expected}\t{data.present}\t{data.turnout}%")
    return 0


@_friendly
def cmd_print(a: argparse.Namespace) -> int:
    """``print FILE.pdf --printer QUEUE``: headless printing through CUPS."""
    from reports.printing import print_pdf

    job = print_pdf(a.pdf, a.printer)
    print(f"sent {a.pdf} to {a.printer} as job {job}")
    return 0


@_friendly
def cmd_verify(a: argparse.Namespace) -> int:
    """``verify FILE CODE … [--json]``: is a certificate genuine? Exit 1 if any is not."""
    from kiosk.certify import verify

    bad = 0
    with open_meeting(a.file) as store:
        for code in a.codes:
            v = verify(store, code)
            bad += not v.ok
            if getattr(a, "json", False):
                print(json.dumps(v.as_dict(), ensure_ascii=False))
            else:
                who = f"{v.member.name}（{v.member.branch}）" if v.member else ""
                at = f" {v.event.at} {v.event.desk}" if v.ok and v.event else ""
                print(f"{v.code}: {v.verdict} {v.text} {who}{at}".rstrip())
    return 1 if bad else 0
