"""Creating a meeting and its settings: sign-in window, quorum rule, desks, PIN."""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as dt_time
from pathlib import Path

from data.records import MeetingRecord
from data.store import Store, StoreError, now_iso
from kiosk.changes import Changes
from kiosk.codes import new_prefix
from kiosk.messages import DomainError
from kiosk.turnout import QUORUM_RULES

log = logging.getLogger(__name__)


class SettingError(DomainError):
    """A meeting setting was given a value it cannot take (``zh``: the same in Chinese)."""


def parse_time(text: str, day: str | None = None) -> str:
    """Accept '2026-11-28 08:30', '2026-11-28T08:30:00+08:00', '08:30'…

    A bare clock time falls on ``day`` (the meeting's date, YYYY-MM-DD), or on
    today when none is given. Returns ISO 8601 with the local offset, to the second.
    """
    text = text.strip()
    try:
        if len(text) <= 5 and ":" in text:
            hh, mm = text.split(":")
            base = date.fromisoformat(day) if day else datetime.now().date()
            dt = datetime.combine(base, dt_time(int(hh), int(mm)))
        else:
            dt = datetime.fromisoformat(text)
    except ValueError as exc:
        raise SettingError(f"not a time: {text!r} (use e.g. 2026-11-28 08:30)",
                           f"“{text}”不是时间（例如 2026-11-28 08:30）") from exc
    if dt.tzinfo is None:
        dt = dt.astimezone()
    return dt.isoformat(timespec="seconds")


def _moment(text: str) -> datetime:
    dt = datetime.fromisoformat(text)
    return dt if dt.tzinfo else dt.astimezone()


def parse_date(text: str) -> str:
    """A meeting date as YYYY-MM-DD."""
    try:
        return datetime.strptime(text.strip().replace("/", "-"), "%Y-%m-%d").date().isoformat()
    except ValueError as exc:
        raise SettingError(f"not a date: {text!r} (use YYYY-MM-DD)",
                           f"“{text}”不是日期（格式：年-月-日，例如 2026-11-28）") from exc


def create_meeting(
    path: str | Path, *, title: str, date: str, venue: str = "", quorum_rule: str = "election",
    opens_at: str | None = None, closes_at: str | None = None,
) -> Store:
    """Make a new meeting file and return it open.

    ``opens_at``/``closes_at`` (a clock time on the meeting day, or a full
    time) set the sign-in timetable; all is checked before the file is made.
    """
    if not title.strip():
        raise SettingError("a meeting needs a title", "请填写会议名称")
    if quorum_rule not in QUORUM_RULES:
        raise SettingError(f"unknown quorum rule {quorum_rule!r}; use {', '.join(QUORUM_RULES)}",
                           f"无法识别的法定人数规则“{quorum_rule}”；可用：{'、'.join(QUORUM_RULES)}")
    day = parse_date(date)
    opens = parse_time(opens_at, day) if opens_at else None
    closes = parse_time(closes_at, day) if closes_at else None
    if opens and closes and _moment(opens) >= _moment(closes):
        raise SettingError("sign-in must open before it closes", "签到开始时间须早于结束时间")
    store = Store.open(path, create=True)
    try:
        store.insert_meeting(
            uid=uuid.uuid4().hex, code_prefix=new_prefix(), title=title.strip(), date=day,
            venue=venue.strip(), quorum_rule=quorum_rule, created_at=now_iso(),
            opens_at=opens, closes_at=closes,
        )
        store.set_meta("role", "authority")
    except BaseException:
        store.close()
        Path(path).unlink(missing_ok=True)
        raise
    return store


def update_settings(store: Store, actor: str, **fields: object) -> Changes:
    """Change meeting settings after checking them; each change is audited."""
    if "quorum_rule" in fields and fields["quorum_rule"] not in QUORUM_RULES:
        raise SettingError(f"unknown quorum rule {fields['quorum_rule']!r}",
                           f"无法识别的法定人数规则“{fields['quorum_rule']}”")
    if "signin_state" in fields and fields["signin_state"] not in ("auto", "open", "closed"):
        raise SettingError("sign-in state is auto, open or closed",
                           "签到状态只能是 自动（auto）、开放（open）或 关闭（closed）")
    if "date" in fields:
        fields["date"] = parse_date(str(fields["date"]))
    meeting = store.meeting()
    day = str(fields.get("date") or meeting.date)
    for key in ("opens_at", "closes_at"):
        if fields.get(key):
            fields[key] = parse_time(str(fields[key]), day)
    opens = fields.get("opens_at", meeting.opens_at)
    closes = fields.get("closes_at", meeting.closes_at)
    if opens and closes and _moment(str(opens)) >= _moment(str(closes)):
        raise SettingError("sign-in must open before it closes", "签到开始时间须早于结束时间")
    if "title" in fields and not str(fields["title"]).strip():
        raise SettingError("a meeting needs a title", "请填写会议名称")
    if "pin" in fields:
        fields["pin_hash"] = hash_pin(valid_pin(str(fields.pop("pin"))))
    with store.transact():
        store.update_meeting(**fields)
        shown = {k: ("***" if k == "pin_hash" else v) for k, v in fields.items()}
        store.audit("settings", actor=actor, detail=shown)
    log.info("settings changed by %s: %s", actor, shown)
    return Changes(meeting=True)


def set_signin(store: Store, state: str, actor: str) -> Changes:
    """Open ('open'), close ('closed') or return sign-in to its timetable ('auto')."""
    return update_settings(store, actor, signin_state=state)


@dataclass(frozen=True, slots=True)
class SigninWindow:
    """Whether sign-in is open now, and why not if it is not."""

    open: bool
    reason: str  # 'open', 'not_open', 'closed'
    opens_at: str | None
    closes_at: str | None


def signin_window(meeting: MeetingRecord, now: datetime | None = None) -> SigninWindow:
    """Open unless closed by hand, or before opening / after closing time."""
    now = now or datetime.now().astimezone()
    if meeting.signin_state == "open":
        return SigninWindow(True, "open", meeting.opens_at, meeting.closes_at)
    if meeting.signin_state == "closed":
        return SigninWindow(False, "closed", meeting.opens_at, meeting.closes_at)
    if meeting.opens_at and now < datetime.fromisoformat(meeting.opens_at):
        return SigninWindow(False, "not_open", meeting.opens_at, meeting.closes_at)
    if meeting.closes_at and now >= datetime.fromisoformat(meeting.closes_at):
        return SigninWindow(False, "closed", meeting.opens_at, meeting.closes_at)
    return SigninWindow(True, "open", meeting.opens_at, meeting.closes_at)


def assign_desk(store: Store, branch: str, desk: str | None, actor: str) -> Changes:
    """Say which desk serves a branch (creating the desk); None frees the branch."""
    bid = store.branch_id(branch)
    if bid is None:
        raise SettingError(f"no branch named {branch!r}", f"没有名为“{branch}”的支部")
    with store.transact():
        did = store.desk_id(desk, create=True) if desk else None
        store.assign_branch(bid, did)
        store.audit("assign_desk", actor=actor, detail={"branch": branch, "desk": desk})
    log.info("branch %d served by desk %r (set by %s)", bid, desk, actor)
    return Changes(meeting=True, roster=True)


PIN_MIN_DIGITS = 6
PIN_MAX_DIGITS = 12
# scrypt with 2^15 x 8 x 128 bytes = 32 MiB per try: ~0.14 s on one core of a
# 2024 laptop, so trying all 10^6 six-digit PINs takes about 39 core-hours
# (README: "The kiosk lock"). Parameters are stored with each hash.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_SCRYPT_MAXMEM = 64 * 2**20


def normalize_pin(text: str) -> str:
    """A typed PIN with full-width digits (a Chinese input method's) and spaces folded."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text or ""))


def valid_pin(pin: str) -> str:
    """The PIN as stored: 6 to 12 digits (full-width folded), or '' to remove it.

    Four digits are refused: even under scrypt they fall to one CPU core in
    about 25 minutes, while six take about 39 core-hours.
    """
    pin = normalize_pin(pin)
    if pin and not (pin.isascii() and pin.isdigit()
                    and PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS):
        raise SettingError(
            f"a PIN is {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits",
            f"PIN 须为 {PIN_MIN_DIGITS} 至 {PIN_MAX_DIGITS} 位数字")
    return pin


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=_SCRYPT_MAXMEM,
                          dklen=32)


def hash_pin(pin: str) -> str:
    """A salted scrypt hash of the organizer's PIN, with its parameters ('' clears it)."""
    if not pin:
        return ""
    salt = secrets.token_bytes(16)
    digest = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def pin_hash_is_weak(pin_hash: str) -> bool:
    """True for a PIN stored by an older SignDesk (PBKDF2): the organizer should set it again."""
    return bool(pin_hash) and not pin_hash.startswith("scrypt$")


def check_pin(meeting: MeetingRecord, pin: str) -> bool:
    """True if the PIN matches (or no PIN was set); full-width digits count as digits."""
    stored = meeting.pin_hash
    if not stored:
        return True
    pin = normalize_pin(pin)
    if stored.startswith("scrypt$"):
        try:
            _, n, r, p, salt, digest = stored.split("$")
            # Bounded, so a hostile replica cannot make the desk allocate gigabytes.
            if not (int(n) <= 2**17 and int(r) <= 16 and int(p) <= 4):
                return False
            got = _scrypt(pin, bytes.fromhex(salt), int(n), int(r), int(p)).hex()
        except ValueError:
            return False
        return hmac.compare_digest(got, digest)
    salt, _, digest = stored.partition("$")  # PBKDF2, from before scrypt
    got = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt.encode(), 100_000).hex()
    return hmac.compare_digest(got, digest)


def open_meeting(path: str | Path) -> Store:
    """Open an existing meeting file, refusing one that holds no meeting."""
    store = Store.open(path)
    try:
        store.meeting()
    except StoreError:
        store.close()
        raise
    return store
