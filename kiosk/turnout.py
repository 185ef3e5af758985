"""Turnout and quorum: exact figures per branch and in total.

All arithmetic is on integers. Percentages are rounded half up to two decimals
(3539 of 3869 is 91.47%), the quorum compares ``5*present`` with ``4*expected``.
``Tally`` keeps the figures up to date one event at a time, so that a dashboard
never re-reads the whole file.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from data.records import BranchRecord, EventRecord, MemberRecord
from data.store import Store
from kiosk.model import Category, Status, is_expected, is_voting
from kiosk.presence import ABSENT, MemberPresence, fold
from kiosk.times import read_time

QUORUM_RULES = ("none", "election", "election_at_least", "majority")
"""The quorum rule codes; kiosk.vocabulary.QUORUM_RULE_NAMES says each in words."""


def exactly_four_fifths(rule: str, voting_expected: int, voting_present: int) -> bool:
    """Whether an election count sits exactly on 4/5 (5*present == 4*expected)."""
    return (rule in ("election", "election_at_least") and voting_expected > 0
            and 5 * voting_present == 4 * voting_expected)


def percent(part: int, whole: int) -> str:
    """part/whole as a percentage with two decimals, rounded half up: '91.47'."""
    if whole <= 0:
        return "0.00"
    hundredths = (part * 10000 * 2 + whole) // (whole * 2)
    return f"{hundredths // 100}.{hundredths % 100:02d}"


@dataclass(frozen=True, slots=True)
class Quorum:
    """Whether the quorum is reached, and by how much it is missed."""

    rule: str
    expected: int
    present: int
    required: int
    met: bool
    still_needed: int
    exact: bool = False  # an election count exactly on 4/5: met or not depends on the rule

    def as_dict(self) -> dict:
        """For ``stats --json``."""
        return {
            "rule": self.rule, "expected": self.expected, "present": self.present,
            "required": self.required, "met": self.met, "still_needed": self.still_needed,
            "exactly_four_fifths": self.exact,
        }


def required_for(rule: str, expected: int) -> int:
    """The smallest number of voting members present that meets the rule."""
    if rule == "none":
        return 0
    if rule == "election":          # 5p > 4e
        return (4 * expected) // 5 + 1
    if rule == "election_at_least":  # 5p >= 4e
        return -((-4 * expected) // 5)
    if rule == "majority":          # 2p > e
        return expected // 2 + 1
    raise ValueError(f"unknown quorum rule {rule!r}; use one of {', '.join(QUORUM_RULES)}")


def quorum(rule: str, voting_expected: int, voting_present: int) -> Quorum:
    """Evaluate a quorum rule on voting members expected and present."""
    required = required_for(rule, voting_expected)
    met = voting_present >= required
    return Quorum(rule, voting_expected, voting_present, required, met,
                  max(0, required - voting_present),
                  exactly_four_fifths(rule, voting_expected, voting_present))


@dataclass(slots=True)
class Counts:
    """The figures for one branch, or for the whole meeting."""

    expected: int = 0
    present: int = 0          # attended (实到)
    in_hall: int = 0          # attended and not left early
    voting_expected: int = 0
    voting_present: int = 0
    voting_in_hall: int = 0
    full_present: int = 0
    probationary_present: int = 0
    suspended_present: int = 0
    on_leave: int = 0
    excluded: int = 0
    observers: int = 0
    observers_present: int = 0
    left_early: int = 0
    vote_suspended: int = 0   # expected full members without a vote (中止表决权)
    lost_contact: int = 0     # expected members flagged 失联
    mobile: int = 0           # expected members flagged 流动

    @property
    def absent(self) -> int:
        """Expected members who have not signed in."""
        return self.expected - self.present

    @property
    def turnout(self) -> str:
        """出席率 with two decimals."""
        return percent(self.present, self.expected)

    def add(self, other: Counts) -> None:
        """Add another branch's figures into these."""
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True, slots=True)
class BranchFigures:
    """A branch's figures, frozen for display."""

    id: int
    name: str
    desk: str | None
    counts: Counts


@dataclass(frozen=True, slots=True)
class Figures:
    """A snapshot of the meeting's figures."""

    total: Counts
    branches: tuple[BranchFigures, ...]
    quorum: Quorum
    excluded_reasons: int

    @property
    def expected(self) -> int:
        return self.total.expected

    @property
    def present(self) -> int:
        return self.total.present

    @property
    def turnout(self) -> str:
        return self.total.turnout

    def as_dict(self) -> dict:
        """The shape of ``stats --json``."""
        t = self.total
        return {
            "expected": t.expected, "present": t.present, "absent": t.absent,
            "turnout": t.turnout, "in_hall": t.in_hall, "left_early": t.left_early,
            "voting_expected": t.voting_expected, "voting_present": t.voting_present,
            "voting_in_hall": t.voting_in_hall,
            "on_leave": t.on_leave, "excluded": t.excluded,
            "excluded_reasons": self.excluded_reasons,
            "observers": t.observers, "observers_present": t.observers_present,
            "vote_suspended": t.vote_suspended, "lost_contact": t.lost_contact,
            "mobile": t.mobile,
            "quorum": self.quorum.as_dict(),
            "branches": [
                {
                    "name": b.name, "desk": b.desk, "expected": b.counts.expected,
                    "present": b.counts.present, "absent": b.counts.absent,
                    "turnout": b.counts.turnout,
                    "voting_expected": b.counts.voting_expected,
                    "voting_present": b.counts.voting_present,
                    "on_leave": b.counts.on_leave, "excluded": b.counts.excluded,
                    "observers": b.counts.observers,
                    "vote_suspended": b.counts.vote_suspended,
                }
                for b in self.branches
            ],
        }


@dataclass(frozen=True, slots=True)
class StillToArrive:
    """Expected members who have not signed in: the cost of closing sign-in now."""

    absent: int     # expected and not signed in
    on_leave: int   # of those, on leave (not looked for at the desks)


@dataclass(frozen=True, slots=True)
class _Member:
    branch_id: int
    category: str
    status: str
    reason: str
    vote_suspended: bool = False
    lost_contact: bool = False
    mobile: bool = False


def _member(m: MemberRecord, shared: dict[tuple, _Member] | None = None) -> _Member:
    key = (m.branch_id, m.category, m.status, m.status_reason,
           m.vote_suspended, m.lost_contact, m.mobile)
    if shared is None:
        return _Member(*key)
    # Members with the same branch, category, status and flags share one
    # (frozen) object: a few hundred instead of one each (8.6 MB at 100,000).
    found = shared.get(key)
    if found is None:
        found = shared[key] = _Member(*key)
    return found


@dataclass
class Tally:
    """Live figures kept up to date event by event.

    ``load_roster`` sets who is expected; ``apply`` folds in events (in any
    order, repeats ignored) and adjusts only the counters of the members they
    touch, so the cost of a refresh does not grow with the roster.
    """

    quorum_rule: str = "election"
    branches: list[BranchRecord] = field(default_factory=list)
    _members: dict[int, _Member] = field(default_factory=dict)
    _counts: dict[int, Counts] = field(default_factory=lambda: defaultdict(Counts))
    _events: dict[int, list[EventRecord]] = field(default_factory=lambda: defaultdict(list))
    _seen: set[str] = field(default_factory=set)
    _presence: dict[int, MemberPresence] = field(default_factory=dict)
    _reasons: Counter[str] = field(default_factory=Counter)

    def load_roster(self, branches: Iterable[BranchRecord], members: Iterable[MemberRecord]) -> None:
        """(Re)set the roster; presence already known is kept and recounted."""
        self.branches = list(branches)
        shared: dict[tuple, _Member] = {}
        self._members = {
            m.id: _member(m, shared)
            for m in members if m.removed_at is None
        }
        self._counts = defaultdict(Counts)
        for mid, m in self._members.items():
            self._count(mid, m, self._presence.get(mid, ABSENT), +1, roster=True)
        # Counted once per roster, not per snapshot: figures() must not walk the roster.
        self._reasons = Counter(m.reason for m in self._members.values() if _excused(m))

    def update_members(self, members: Iterable[MemberRecord]) -> None:
        """Take in edits of a few members (status, category, branch, added, removed).

        Costs in proportion to the members given, not to the roster: the
        organizer's table edits one member at a time on rosters of 100,000.
        Their branches must already be known (else use ``load_roster``).
        """
        for rec in members:
            presence = self._presence.get(rec.id, ABSENT)
            old = self._members.pop(rec.id, None)
            if old is not None:
                self._count(rec.id, old, presence, -1, roster=True)
                if _excused(old):
                    self._reasons[old.reason] -= 1
            if rec.removed_at is None:
                new = _member(rec)
                self._members[rec.id] = new
                self._count(rec.id, new, presence, +1, roster=True)
                if _excused(new):
                    self._reasons[new.reason] += 1
        self._reasons = +self._reasons  # drop reasons no member gives any more

    def _count(self, mid: int, m: _Member, p: MemberPresence, sign: int, *, roster: bool) -> None:
        c = self._counts[m.branch_id]
        expected = is_expected(m.category, m.status)
        voting = expected and is_voting(m.category, m.vote_suspended)
        if roster:
            if m.category == Category.OBSERVER:
                c.observers += sign
            elif m.status == Status.EXCLUDED:
                c.excluded += sign
            else:
                c.expected += sign
                c.voting_expected += sign if voting else 0
                c.on_leave += sign if m.status == Status.LEAVE else 0
                c.vote_suspended += sign if m.vote_suspended else 0
                c.lost_contact += sign if m.lost_contact else 0
                c.mobile += sign if m.mobile else 0
        if not p.attended:
            return
        if m.category == Category.OBSERVER:
            c.observers_present += sign
            return
        if not expected:
            return
        c.present += sign
        c.in_hall += sign if p.in_hall else 0
        c.left_early += 0 if p.in_hall else sign
        if voting:
            c.voting_present += sign
            c.voting_in_hall += sign if p.in_hall else 0
        if m.category == Category.FULL:
            c.full_present += sign
        elif m.category == Category.PROBATIONARY:
            c.probationary_present += sign
        elif m.category == Category.SUSPENDED:
            c.suspended_present += sign

    def apply(self, events: Iterable[EventRecord]) -> set[int]:
        """Fold in new events; returns the ids of members whose presence changed."""
        touched: set[int] = set()
        for ev in events:
            if ev.id in self._seen:
                continue
            self._seen.add(ev.id)
            self._events[ev.member_id].append(ev)
            touched.add(ev.member_id)
        changed: set[int] = set()
        for mid in touched:
            before = self._presence.get(mid, ABSENT)
            after = fold(self._events[mid])
            if after == before:
                continue
            self._presence[mid] = after
            changed.add(mid)
            m = self._members.get(mid)
            if m is not None:
                self._count(mid, m, before, -1, roster=False)
                self._count(mid, m, after, +1, roster=False)
        return changed

    def presence(self, member_id: int) -> MemberPresence:
        """One member's derived presence."""
        return self._presence.get(member_id, ABSENT)

    def still_to_arrive(self) -> StillToArrive:
        """Expected members not signed in, and how many of them are on leave.

        From the counters kept per branch, and one pass over the roster held in
        memory that looks only at members on leave (23-100 ms at 100,000 members
        on a loaded 2-core VM; a fresh tally_of is ~3 s), so a screen can ask it
        on its own thread when the organizer is about to close sign-in.
        """
        absent = sum(c.expected - c.present for c in self._counts.values())
        on_leave = sum(1 for mid, m in self._members.items()
                       if m.status == Status.LEAVE and m.category != Category.OBSERVER
                       and not self._presence.get(mid, ABSENT).attended)
        return StillToArrive(absent, on_leave)

    def figures(self) -> Figures:
        """A frozen snapshot: per branch, totals and the quorum."""
        total = Counts()
        rows = []
        for b in self.branches:
            c = self._counts.get(b.id, Counts())
            snap = Counts()
            snap.add(c)
            total.add(c)
            rows.append(BranchFigures(b.id, b.name, b.desk_name, snap))
        q = quorum(self.quorum_rule, total.voting_expected, total.voting_in_hall)
        return Figures(total, tuple(rows), q, len(self._reasons))

    def arrivals_per_minute(self, day: str | None = None) -> list[tuple[str, int]]:
        """Counted arrivals of expected members per minute ('YYYY-MM-DD HH:MM', n), in time order.

        Arrivals whose stored time cannot be read, or (given the meeting's
        ``day``) falls on another day, are left out: they are counted in the
        figures, and the report lists them with their time flagged.
        """
        buckets: dict[str, int] = defaultdict(int)
        for mid, p in self._presence.items():
            m = self._members.get(mid)
            if p.arrival is None or m is None or not is_expected(m.category, m.status):
                continue
            t = read_time(p.arrival.at, day)
            if t.ok and t.moment is not None:
                buckets[t.moment.strftime("%Y-%m-%d %H:%M")] += 1
        return sorted(buckets.items())


def _excused(m: _Member) -> bool:
    return m.status == Status.EXCLUDED and m.category != Category.OBSERVER


def tally_of(store: Store) -> Tally:
    """A Tally loaded with the file's roster and every event (for reports and the CLI)."""
    tally = Tally(quorum_rule=store.meeting().quorum_rule)
    tally.load_roster(store.branches(), store.members())
    tally.apply(store.events_after(0))
    return tally
