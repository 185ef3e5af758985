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

    def __init__(self, entries: list[tuple[str, int]]) -> None:
        self.text = "\n" + "\n".join(e for e, _ in entries) + "\n"
        # Machine-integer arrays, not lists of Python ints: 8 bytes an entry
        # instead of ~36, which matters for a desk holding 100,000 members.
        self.owner = array("q", (i for _, i in entries))
        self.starts = array("q")
        pos = 1
        for e, _ in entries:
            self.starts.append(pos)
            pos += len(e) + 1

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


def _norm(q: str) -> str:
    return unicodedata.normalize("NFKC", q).strip().lower().replace(" ", "").replace("\n", "")


class SearchIndex:
    """An in-memory index over the roster; rebuild it when the roster changes."""

    def __init__(self, members: Iterable[MemberRecord]) -> None:
        self.members = [m for m in members if m.removed_at is None]
        names, pinyin, initials, phones, numbers = [], [], [], [], []
        for i, m in enumerate(self.members):
            names.append((_norm(m.name), i))  # as queries are normalised
            pinyin.extend((p, i) for p in m.pinyin.split())
            initials.extend((p, i) for p in m.initials.split())
            digits = "".join(ch for ch in m.phone if ch.isdigit())
            if digits:
                phones.append((digits[-4:], i))
            if m.number:
                numbers.append((m.number.lower(), i))
        self._names = _Field(names)
        self._pinyin = _Field(pinyin)
        self._initials = _Field(initials)
        self._phones = _Field(phones)
        self._numbers = _Field(numbers)

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
