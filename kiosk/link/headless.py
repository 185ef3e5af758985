"""The desk client without a window: scans on standard input, one JSON line per result.

    python main.py desk --join 192.168.1.20:8765 --pair 482913 --name 3号台 --headless

joins (first time) or resumes (the replica exists) and signs in each line read;
a resumed desk that a new hub does not know pairs again with ``--pair``.
Each result is ``CheckinResult.as_dict()`` plus ``"link"`` (online, pending, hub).
Notices that arrive later (another desk's check-in of the same member counted
first) are printed as their own lines with a ``"notice"`` key. At the end of
input it waits for the waiting check-ins to reach the hub (up to 20 s); any
still waiting stay in the replica and go out on the next start.
"""

from __future__ import annotations

import json
import re
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any

from kiosk.desk import DeskService, replica_desk
from kiosk.link.client import DeskLink, JoinError, LookupUnavailable, Notice, join_meeting
from kiosk.link.joining import join_or_resume
from kiosk.link.replica import pending_count
from kiosk.safetext import safe_filename

DRAIN_SECONDS = 20.0
_print_lock = threading.Lock()


def _emit(obj: dict[str, Any]) -> None:
    with _print_lock:
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
        sys.stdout.flush()


def default_replica(name: str) -> Path:
    """Where a desk keeps its copy when no path is given: desk-<name>.sqlite here."""
    safe = re.sub(r"[^\w.-]+", "_", name, flags=re.UNICODE).strip("_") or "desk"
    # Bounded in bytes: a long desk name must not make a name the disk refuses.
    return Path(safe_filename(f"desk-{safe}", ".sqlite"))


def _desk(replica: Path, desk_name: str, operator: str | None) -> DeskService:
    """The desk's service, with the operator given on the command line remembered."""
    desk = DeskService(replica, desk_name)
    if operator is not None:
        desk.set_operator(operator)
    return desk


def run_headless_desk(*, name: str | None = None, file: str | None = None,
                      replica: str | None = None, join: str | None = None,
                      pair: str | None = None, operator: str | None = None) -> int:
    """``main.py desk --headless``: join or resume, then sign in each line of standard input.

    ``operator`` is who is at the desk (remembered for this desk); without it the
    name last given at this desk, else the desk's name.
    """
    name = name or socket.gethostname()
    replica = Path(replica or file or default_replica(name))
    resumed = replica.exists()
    if not resumed:
        if not pair:
            print("signdesk: this desk has not joined yet; pass --pair CODE "
                  "(and --join ADDRESS unless the hub can be found on the network)",
                  file=sys.stderr)
            return 2
        try:
            join_meeting(replica, code=pair, desk=name, address=join)
        except JoinError as exc:
            print(f"signdesk: cannot join: {exc}", file=sys.stderr)
            return 3
        _emit({"link": "joined", "replica": str(replica)})
    recorded = replica_desk(replica)
    desk = _desk(replica, recorded or name, operator)
    store = desk.store
    link: DeskLink | None = None
    try:
        if recorded is not None:
            link = DeskLink(replica, address=join or None,
                            on_notice=lambda n: _emit(_notice_line(n))).start()
            if resumed and pair:
                # A hub that does not know this desk (a new hub after a
                # hand-over, or another meeting's hub): pair with the code given.
                # The same meeting keeps the file; another meeting starts a new
                # replica and says so in one sentence (kiosk.link.joining).
                link.wait_until(lambda s: s.state in ("online", "refused", "revoked"), 5)
                if link.status().state == "refused":
                    link.stop()
                    desk.close()
                    try:
                        joined = join_or_resume(replica, code=pair, desk=name, address=join)
                    except JoinError as exc:
                        print(f"signdesk: cannot pair again: {exc}", file=sys.stderr)
                    else:
                        how = "paired again" if joined.how == "resumed" else joined.how
                        _emit({"link": how, "message": joined.message,
                               "set_aside": str(joined.set_aside) if joined.set_aside else None})
                    desk = _desk(replica, replica_desk(replica) or name, operator)
                    store = desk.store
                    link = DeskLink(replica, address=join or None,
                                    on_notice=lambda n: _emit(_notice_line(n))).start()
                    if link.wait_until(lambda s: s.online, 10):
                        _emit({"link": "online", "hub": link.status().hub})
        for line in sys.stdin:
            text = line.strip()
            if not text:
                continue
            if link is not None and link.status().state == "erased":
                break  # revoked: the copy is gone; nothing more may be signed in here
            result = desk.scan(text)
            # An ID number of another branch is not in this replica: the hub is asked
            # (blocking here is fine: one line in, one line out). "id_lookup" says how it went.
            digest = desk.hub_question(text, result)
            asked = None
            if digest is not None:
                asked = "offline"
                if link is not None:
                    # Just started: give the first connection its moment (as a swipe would).
                    link.wait_until(lambda s: s.state != "connecting", 2.0)
                    try:
                        result = desk.scan_id_found(link.lookup_id(digest, 2.0), result.text)
                        asked = "answered"
                    except LookupUnavailable as exc:
                        asked = exc.reason
            out = result.as_dict()
            if asked is not None:
                out["id_lookup"] = asked
            if link is not None:
                link.nudge()
                out["link"] = {**link.status().as_dict(), "pending": pending_count(store)}
            _emit(out)
        if link is not None and link.status().state == "erased":
            _emit({"link": "erased", "message": link.status().message})
            return 4
        if link is not None:
            deadline = time.monotonic() + DRAIN_SECONDS
            while pending_count(store) and time.monotonic() < deadline:
                link.nudge()
                time.sleep(0.05)
            _emit({"link": "done", **link.status().as_dict(), "pending": pending_count(store)})
    finally:
        if link is not None:
            link.stop()
        desk.close()
    return 0


def _notice_line(notice: Notice) -> dict[str, Any]:
    return {**notice.as_dict(), "t": round(notice.received or time.time(), 3)}
