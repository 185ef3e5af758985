"""Joining a hub with a pairing code when this computer may already hold a replica.

A laptop that served as 3号台 last month still has last month's replica under
the same name. Resuming it against today's hub would answer every card of
today's meeting with "a card of another meeting". ``join_or_resume`` pairs,
looks at which meeting the hub serves, and then either keeps the replica (the
same meeting: every check-in on this computer is kept) or starts a new one
(another meeting: the old file is put aside while it still holds check-ins the
old hub never acknowledged, and removed otherwise). ``Joined.message`` says
what happened in one sentence for the secretary.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from data.store import Store
from data.sync import link_keys, set_link_keys, set_sync_state, sync_state
from kiosk.link.client import join_meeting
from kiosk.link.replica import pending_count

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Joined:
    """What joining did: ``how`` is 'joined', 'resumed' or 'new_meeting'."""

    replica: Path
    how: str
    set_aside: Path | None
    message: str     # one sentence, English
    message_zh: str  # the same in Chinese


def _meeting_of(path: Path) -> tuple[str, str, str, int]:
    """(uid, title, date, check-ins not yet acknowledged) of a replica."""
    with Store.open(path) as store:
        m = store.meeting()
        return sync_state(store).meeting or m.uid, m.title, m.date, pending_count(store)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _aside_name(path: Path, date: str, uid: str) -> Path:
    safe = re.sub(r"[^0-9-]", "", date)[:10] or "old"
    return path.with_name(f"{path.stem}.{safe}.{uid[:8]}{path.suffix}")


def join_or_resume(
    replica: str | Path, *, code: str, desk: str, address: str | None = None,
    meeting: str | None = None, timeout: float = 30.0,
) -> Joined:
    """Pair with the hub using ``code`` and leave ``replica`` ready for its meeting.

    Raises ``kiosk.link.client.JoinError`` when pairing fails (the existing
    replica is then untouched). Blocking: call it off the Qt main thread.
    """
    replica = Path(replica)
    if not replica.exists():
        join_meeting(replica, code=code, desk=desk, address=address, meeting=meeting,
                     timeout=timeout)
        _, title, _, _ = _meeting_of(replica)
        return Joined(replica, "joined", None, f"Joined “{title}”.", f"已加入“{title}”。")
    old_uid, old_title, old_date, waiting = _meeting_of(replica)
    fresh = replica.with_name(replica.name + ".new")
    _remove(fresh)
    join_meeting(fresh, code=code, desk=desk, address=address, meeting=meeting, timeout=timeout)
    new_uid, title, _, _ = _meeting_of(fresh)
    if new_uid == old_uid:
        # The same meeting (a new hub after a hand-over, or a revoked desk let
        # back in): keep this replica and every check-in in it, with the new pass.
        with Store.open(fresh) as new, Store.open(replica) as old, old.transact():
            paired = sync_state(new)
            set_link_keys(old, link_keys(new))
            set_sync_state(old, hub=paired.hub, desk=paired.desk)
        _remove(fresh)
        return Joined(replica, "resumed", None,
                      f"Paired again with “{title}”; every check-in on this computer is kept.",
                      f"已重新配对“{title}”，本机的签到记录都保留。")
    aside: Path | None = None
    if waiting:
        aside = _aside_name(replica, old_date, old_uid)
        _remove(aside)
        for suffix in ("-wal", "-shm"):
            if Path(str(replica) + suffix).exists():
                os.replace(str(replica) + suffix, str(aside) + suffix)
        os.replace(replica, aside)
        en = (f"This computer's copy of “{old_title}” ({old_date}) was put aside as {aside.name} "
              f"({waiting} check-ins never reached that meeting's hub); it now works for “{title}”.")
        zh = (f"本机保存的“{old_title}”（{old_date}）已另存为 {aside.name}（其中 {waiting} 条签到"
              f"未送达该会议的签到服务器），现在为“{title}”签到。")
    else:
        _remove(replica)
        en = (f"This computer's copy of “{old_title}” ({old_date}) was removed (all its check-ins "
              f"had reached that meeting's hub); it now works for “{title}”.")
        zh = (f"本机保存的“{old_title}”（{old_date}）已删除（其签到均已送达该会议的签到服务器），"
              f"现在为“{title}”签到。")
    os.replace(fresh, replica)
    log.warning("%s", en)
    return Joined(replica, "new_meeting", aside, en, zh)
