"""Finding a member who forgot their card: by name, pinyin, initials, phone or number.

The index keeps one newline-joined string per field and searches it with
``str.find`` (C speed) instead of looping over members in Python, so a query on
a 100,000-member roster stays within a few milliseconds. Results are ranked
(exact, then prefix, then anywhere) and never narrowed to one among namesakes:
the operator always chooses.
"""

from __future__ import annotations

import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from data.records import MemberRecord
from kiosk.model import birth_year, mask_phone

MAX_RESULTS = 50


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result with what tells namesakes apart."""

    member: MemberRecord
    rank: int  # 0 exact, 1 prefix, 2 anywhere

    @property
    def label(self) -> str:
        """'王伟 · 第三支部 · 男 · 1965 · 138****5678'."""
        m = self.member
        parts = [m.name, m.branch, m.gender, birth_year(m.birth_date), mask_phone(m.phone)]
        return " · ".join(p for p in parts if p)


class _Field:
    """One searchable column: entries joined by newlines, with their owners."""

    def __init__(self, entries: Iterable[tuple[str, int]]) -> None:
        # Entries come from a generator, one field at a time: a list of
        # (text, owner) pairs for every field at once was the desk's peak
        # memory at 100,000 members (tens of MB of tuples freed right after).
        parts: list[str] = []
        # Machine-integer arrays, not lists of Python ints: 4 bytes an entry
        # instead of ~36 (a roster has far fewer than 2**31 entries or characters).
        self.owner = array("i")
        self.starts = array("i")
        pos = 1
        for e, i in entries:
            parts.append(e)
            self.owner.append(i)
            self.starts.append(pos)
            pos += len(e) + 1
        self.text = "\n" + "\n".join(parts) + "\n"

    def find(self, q: str, limit: int, *, prefix_only: bool) -> list[tuple[int, int]]:
        """(member index, rank) pairs for entries containing q, best first."""
        found: dict[int, int] = {}
        needle = "\n" + q
        pos = self.text.find(needle)
        while pos != -1 and len(found) < limit:
            k = bisect_right(self.starts, pos + 1) - 1
            exact = self.text.startswith("\n", pos + 1 + len(q))
            owner = self.owner[k]
            found[owner] = min(found.get(owner, 9), 0 if exact else 1)
            pos = self.text.find(needle, pos + 1)
        if not prefix_only and len(found) < limit:
            pos = self.text.find(q)
            while pos != -1 and len(found) < limit:
                k = bisect_right(self.starts, pos) - 1
                found.setdefault(self.owner[k], 2)
                pos = self.text.find(q, pos + 1)
        return sorted(found.items(), key=lambda kv: kv[1])


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _norm(q: str) -> str:
    return unicodedata.normalize("NFKC", q).strip().lower().replace(" ", "").replace("\n", "")


class SearchIndex:
    """An in-memory index over the roster; rebuild it when the roster changes."""

    def __init__(self, members: Iterable[MemberRecord]) -> None:
        self.members = [m for m in members if m.removed_at is None]
        ms = self.members
        # Names normalised as queries are.
        self._names = _Field((_norm(m.name), i) for i, m in enumerate(ms))
        self._pinyin = _Field((p, i) for i, m in enumerate(ms) for p in m.pinyin.split())
        self._initials = _Field((p, i) for i, m in enumerate(ms) for p in m.initials.split())
        self._phones = _Field((d[-4:], i) for i, d in enumerate(_digits(m.phone) for m in ms) if d)
        self._numbers = _Field((m.number.lower(), i) for i, m in enumerate(ms) if m.number)

    def __len__(self) -> int:
        return len(self.members)

    def search(self, query: str, limit: int = MAX_RESULTS) -> list[Hit]:
        """Members matching the query, best first, at most ``limit``."""
        q = _norm(query)
        if not q:
            return []
        scored: dict[int, int] = {}

        def take(pairs: list[tuple[int, int]]) -> None:
            for idx, rank in pairs:
                if rank < scored.get(idx, 9):
                    scored[idx] = rank

        if q.isdigit():
            if len(q) == 4:
                take(self._phones.find(q, limit, prefix_only=True))
            take(self._numbers.find(q, limit, prefix_only=len(q) < 3))
        elif q.isascii():
            take(self._initials.find(q, limit, prefix_only=True))
            take(self._pinyin.find(q, limit, prefix_only=len(q) < 3))
            take(self._numbers.find(q, limit, prefix_only=True))
        else:
            take(self._names.find(q, limit, prefix_only=False))
        order = sorted(scored.items(), key=lambda kv: (kv[1], kv[0]))[:limit]
        return [Hit(self.members[i], rank) for i, rank in order]
