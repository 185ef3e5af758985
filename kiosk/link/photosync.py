"""Members' photos on the link: each desk holds only the photos of the branches it serves.

Photos never travel in the snapshot or the roster. After the roster, the hub
sends a desk the *list* of the photos it may hold (member id and a stamp,
``photo_list``, in parts of ``MANIFEST_PART``); the desk deletes the photos it
holds that are not on the list (a branch given to another desk, a photo
removed) and asks for the ones it lacks or holds in an older version,
``MAX_WANT`` at a time (``photo_want``). The hub answers with ``photos``
messages of at most ``PHOTO_MESSAGE_BYTES`` of images each, only of members
of branches the desk serves, each image checked again (``data.jpeg``); the
desk asks for more only when an answer is complete, so a desk never has more
than about ``MAX_WANT`` x 48 KiB on its way and the hub's send queue for it
stays far below ``limits.MAX_SEND_BYTES``.

The desk checks what it receives as the hub checks what it sends: a photo of
a member outside its branches, a photo that is not a small JPEG, or a shape
it does not expect is not written. The file name a photo came from (it may
hold an ID number) stays at the hub: a replica's ``source`` is empty.

Everything here is pure: stores and messages, no sockets.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from collections.abc import Container, Iterable
from typing import Any

from data.jpeg import MAX_PHOTO_BYTES, photo_problem
from data.store import Store
from data.sync import sync_state

log = logging.getLogger(__name__)

MANIFEST_PART = 20_000
"""Photos listed in one ``photo_list`` message (about 400 KiB of JSON)."""
MAX_MANIFEST_PARTS = 20
"""Parts a desk accepts for one list (400,000 photos: twice the largest meeting)."""
MAX_WANT = 48
"""Photos a desk asks for at once (``photo_want``)."""
PHOTO_MESSAGE_BYTES = 384 * 1024
"""Most image bytes in one ``photos`` message (about 520 KiB once base64 and JSON): an
answer to one ``photo_want`` is at most five of them."""
MAX_STAMP = 16


def served_branch_ids(store: Store, desk: str) -> set[int]:
    """The branches ``desk`` serves in this file: its own and those no desk serves
    (as ``leastdata.served_branches`` decides it on roster rows)."""
    return {r[0] for r in store.all(
        "SELECT b.id FROM branches b LEFT JOIN desks d ON d.id = b.desk_id "
        "WHERE b.desk_id IS NULL OR d.name = ?", (desk,))}


def stamp(added_at: str, length: int) -> str:
    """A short tag that changes whenever a member's photo is replaced (both ends compute it)."""
    return hashlib.blake2b(f"{added_at}|{length}".encode(), digest_size=6).hexdigest()


def photo_rows(store: Store) -> dict[int, tuple[int, str]]:
    """Member id -> (branch id, stamp) of every photo of a member on the roster.

    Reads no image: SQLite knows a blob's length from the row header.
    """
    return {mid: (branch, stamp(at, n)) for mid, at, n, branch in store.all(
        "SELECT p.member_id, p.added_at, length(p.image), m.branch_id FROM photos p "
        "JOIN members m ON m.id = p.member_id WHERE m.removed_at IS NULL")}


class DeskPhotos:
    """The photos one desk may hold: those of members of the branches it serves."""

    def __init__(self, rows: dict[int, tuple[int, str]], served: set[int]) -> None:
        self.rows = rows
        self.served = served

    def __contains__(self, member_id: object) -> bool:
        row = self.rows.get(member_id)  # type: ignore[call-overload]
        return row is not None and row[0] in self.served

    def stamps(self) -> dict[int, str]:
        """Member id -> stamp of each photo this desk may hold."""
        return {mid: s for mid, (branch, s) in self.rows.items() if branch in self.served}


def photo_stamps(store: Store, desk: str) -> dict[int, str]:
    """Member id -> stamp of the photos of ``desk``'s branches."""
    return DeskPhotos(photo_rows(store), served_branch_ids(store, desk)).stamps()


# ---- hub side --------------------------------------------------------------------------


def list_messages(stamps: dict[int, str], list_id: str) -> list[dict[str, Any]]:
    """The ``photo_list`` messages telling a desk which photos it may hold (one at least)."""
    items = sorted(stamps.items())
    parts = max(1, -(-len(items) // MANIFEST_PART))
    return [{"type": "photo_list", "list": list_id, "part": n, "parts": parts,
             "photos": [[mid, s] for mid, s in items[n * MANIFEST_PART:(n + 1) * MANIFEST_PART]]}
            for n in range(parts)]


def answer_want(store: Store, allowed: Container[int], ids: Any) -> list[dict[str, Any]]:
    """The ``photos`` messages answering a desk's ``photo_want`` (the last one says ``done``).

    ``allowed`` holds the ids of the desk's list (``DeskPhotos``): an id
    outside it, or whose photo is gone, is answered in ``missing``. Raises
    ``ValueError`` for a request that is not a list of at most ``MAX_WANT`` ids.
    """
    if (not isinstance(ids, list) or len(ids) > MAX_WANT
            or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids)):
        raise ValueError(f"a photo_want names at most {MAX_WANT} member ids")
    messages: list[dict[str, Any]] = []
    batch: list[list[Any]] = []
    size = 0
    missing: list[int] = []
    for mid in dict.fromkeys(ids):
        row = store.one("SELECT image, added_at FROM photos WHERE member_id = ?", (mid,)) \
            if mid in allowed else None
        image = bytes(row[0]) if row else b""
        if row is None or photo_problem(image) is not None:
            # Not this desk's, gone since the list, or (hand-edited file) not a
            # photo the file should hold: never sent.
            missing.append(mid)
            continue
        if batch and size + len(image) > PHOTO_MESSAGE_BYTES:
            messages.append({"type": "photos", "photos": batch, "done": False})
            batch, size = [], 0
        batch.append([mid, row[1], base64.b64encode(image).decode("ascii")])
        size += len(image)
    messages.append({"type": "photos", "photos": batch, "done": True, "missing": missing})
    return messages


# ---- desk side -------------------------------------------------------------------------


def _member_id(value: object) -> bool:
    """A member id as SQLite keeps it (an int, not a bool, within 64 bits)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63


class PhotoList:
    """The parts of one ``photo_list`` as they arrive; ``add`` returns the whole list once complete."""

    def __init__(self) -> None:
        self.list_id = ""
        self.parts: dict[int, list[Any]] = {}

    def add(self, msg: dict[str, Any]) -> dict[int, str] | None:
        """Take one part; the list (member id -> stamp) when every part is in, else None.

        Raises ``ValueError`` for a part that does not have the expected shape.
        """
        list_id, part, parts, rows = msg.get("list"), msg.get("part"), msg.get("parts"), \
            msg.get("photos")
        if (not isinstance(list_id, str) or not isinstance(part, int)
                or not isinstance(parts, int) or not 0 <= part < parts <= MAX_MANIFEST_PARTS
                or not isinstance(rows, list) or len(rows) > MANIFEST_PART):
            raise ValueError("a photo_list part has list, part < parts and at most "
                             f"{MANIFEST_PART} photos")
        for row in rows:  # each part checked as it arrives, not when the last does
            if (not isinstance(row, list) or len(row) != 2 or not _member_id(row[0])
                    or not isinstance(row[1], str) or len(row[1]) > MAX_STAMP):
                raise ValueError("a photo_list entry is [member id, stamp]")
        if list_id != self.list_id:  # a newer list replaces one still arriving
            self.list_id, self.parts = list_id, {}
        self.parts[part] = rows
        if len(self.parts) < parts:
            return None
        out = {row[0]: row[1] for rows in self.parts.values() for row in rows}
        self.parts = {}
        return out


def reconcile(store: Store, listed: dict[int, str]) -> tuple[list[int], int]:
    """Bring a replica's photos to the hub's list: delete what is not on it, say what to fetch.

    Returns (the member ids to ask for, oldest first by id; how many photos were deleted).
    Also deletes any photo of a member outside this desk's branches, whatever the list says.
    """
    desk = sync_state(store).desk
    served = served_branch_ids(store, desk)
    mine = {mid: stamp(at, n) for mid, at, n in store.all(
        "SELECT member_id, added_at, length(image) FROM photos")}
    branch_of = dict(store.all("SELECT id, branch_id FROM members"))
    keep = {mid: s for mid, s in listed.items() if branch_of.get(mid) in served}
    gone = [mid for mid in mine if mid not in keep]
    if gone:
        with store.transact() as db:
            db.executemany("DELETE FROM photos WHERE member_id = ?", [(m,) for m in gone])
            store.bump_photos_version()  # the desk window drops what it decoded
    want = sorted(mid for mid, s in keep.items() if mine.get(mid) != s)
    return want, len(gone)


def apply_photos(store: Store, rows: Any) -> tuple[set[int], list[str]]:
    """Write the photos of one ``photos`` message into a replica.

    Returns (member ids written, why each refused photo was refused). Raises
    ``ValueError`` when ``rows`` is not a list of [member id, added_at, base64].
    """
    if not isinstance(rows, list):
        raise ValueError("a photos message carries a list")
    desk = sync_state(store).desk
    served = served_branch_ids(store, desk)
    written: set[int] = set()
    refused: list[str] = []
    good: list[tuple[int, bytes, str]] = []
    for row in rows:
        if (not isinstance(row, list) or len(row) != 3 or not _member_id(row[0])
                or not isinstance(row[1], str) or len(row[1]) > 64
                or not isinstance(row[2], str) or len(row[2]) > MAX_PHOTO_BYTES * 4 // 3 + 4):
            raise ValueError("a photo is [member id, added_at, base64 JPEG]")
        mid = row[0]
        member = store.one("SELECT branch_id FROM members WHERE id = ? AND removed_at IS NULL",
                           (mid,))
        if member is None or member[0] not in served:
            refused.append(f"member {mid} is not of a branch this desk serves")
            continue
        try:
            image = base64.b64decode(row[2], validate=True)
        except ValueError:
            refused.append(f"the photo of member {mid} is not base64")
            continue
        problem = photo_problem(image)
        if problem is not None:
            refused.append(f"the photo of member {mid}: {problem}")
            continue
        good.append((mid, image, row[1]))
    if good:
        with store.transact() as db:
            db.executemany(
                "INSERT INTO photos(member_id, image, source, added_at) VALUES (?, ?, '', ?) "
                "ON CONFLICT(member_id) DO UPDATE SET image = excluded.image, "
                "source = '', added_at = excluded.added_at",
                [(mid, image, at) for mid, image, at in good])
            store.bump_photos_version()  # the desk window drops what it decoded
        written = {mid for mid, _, _ in good}
    for why in refused:
        log.warning("a photo from the hub was not kept: %s", why)
    return written, refused


def missing_ids(rows: Iterable[Any]) -> set[int]:
    """The member ids a ``photos`` message says it will not send (bad shapes ignored)."""
    return {m for m in rows if isinstance(m, int)} if isinstance(rows, list) else set()
