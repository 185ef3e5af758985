"""Photos over the link: a desk's replica holds its own branches' photos and no others."""

from __future__ import annotations

import io
import json
import random
import sqlite3
import time
from pathlib import Path

import pytest
from linkkit import TestDesk, wait_for
from PIL import Image

from data.store import Store
from kiosk.demo import BRANCHES
from kiosk.desk import DeskService
from kiosk.link import limits
from kiosk.link.hub import Hub
from kiosk.link.photosync import (
    MAX_WANT,
    PHOTO_MESSAGE_BYTES,
    DeskPhotos,
    PhotoList,
    answer_want,
    apply_photos,
    photo_rows,
    reconcile,
    served_branch_ids,
)
from kiosk.link.protocol import encode
from kiosk.meeting import assign_desk
from kiosk.photos import normalise


def grainy(seed: int) -> bytes:
    """A photo that stays large after making small (grain), unique per seed."""
    rng = random.Random(seed)
    image = Image.frombytes("RGB", (240, 320), rng.randbytes(240 * 320 * 3))
    out = io.BytesIO()
    image.save(out, "PNG")
    return normalise(out.getvalue())


def members_of(path: Path, branch: str) -> list[int]:
    with Store.open(path) as store:
        return [m.id for m in store.members() if m.branch == branch]


def replica_photos(path: Path) -> dict[int, tuple[bytes, str]]:
    """The photos in a desk's replica file, read with plain sqlite3."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {r[0]: (bytes(r[1]), r[2])
                for r in db.execute("SELECT member_id, image, source FROM photos")}
    finally:
        db.close()


def hub_photo(path: Path, mid: int) -> bytes | None:
    with Store.open(path) as store:
        return store.photo(mid)


@pytest.mark.slow
def test_a_desk_holds_its_own_branches_photos_and_no_others(
        hub_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kiosk.link.client as client

    monkeypatch.setattr(client, "MAX_WANT", 8)  # several asks for one branch's photos
    first, second, sixth = (members_of(hub_path, BRANCHES[i]) for i in (0, 1, 5))
    assert len(first) > 20
    with Store.open(hub_path) as store:
        # Grainy photos (~40 KB each): several messages per ask, several asks.
        for n, mid in enumerate(first[:-1]):
            store.set_photo(mid, grainy(n), f"{n}-11010519491231002X.jpg")
        for n, mid in enumerate(second[:5] + sixth[:5]):
            store.set_photo(mid, grainy(1000 + n), "other.jpg")
    want_a = set(first[:-1])
    hub = Hub(hub_path, host="127.0.0.1", port=0, discovery=False, keep_code=True)
    hub.start()
    a = b = None
    try:
        a = TestDesk(hub.address, hub.pairing_code, "1号台", tmp_path)
        b = TestDesk(hub.address, hub.pairing_code, "2号台", tmp_path)
        wait_for(lambda: set(replica_photos(a.path)) == want_a, 20, "desk 1's photos")
        wait_for(lambda: set(replica_photos(b.path)) == set(second[:5]), 20, "desk 2's photos")
        held = replica_photos(a.path)
        mid = first[0]
        assert held[mid][0] == hub_photo(hub_path, mid)
        # The file name a photo came from (here an ID number) stays at the hub.
        assert {source for _, source in held.values()} == {""}
        # Nothing of the photos in the replica's other tables either.
        raw = a.path.read_bytes()
        assert b"11010519491231002X" not in raw

        # The organizer adds, replaces and removes photos while the desks are online.
        with Store.open(hub_path) as store:
            store.set_photo(first[-1], grainy(5000), "new.jpg")       # desk 1's branch
            store.set_photo(sixth[9], grainy(5001), "new.jpg")        # desk 6's branch
            store.set_photo(first[1], grainy(5002), "retake.jpg")     # replaced
            store.remove_photo(first[2])
        want_a = (want_a | {first[-1]}) - {first[2]}
        wait_for(lambda: set(replica_photos(a.path)) == want_a
                 and replica_photos(a.path)[first[1]][0] == hub_photo(hub_path, first[1]),
                 20, "desk 1 follows the organizer's changes")
        assert sixth[9] not in replica_photos(b.path)

        # Branch 1 moves to desk 2: its photos leave desk 1 and reach desk 2.
        with Store.open(hub_path) as store:
            assign_desk(store, BRANCHES[0], "2号台", actor="organizer")
        wait_for(lambda: replica_photos(a.path) == {}, 20, "desk 1 holds no photo")
        wait_for(lambda: set(replica_photos(b.path)) == want_a | set(second[:5]), 30,
                 "desk 2 holds both branches' photos")
        # Checking in still works alongside (the photo traffic did not block the link).
        assert a.link.status().online and b.link.status().online
    finally:
        for d in (a, b):
            if d is not None:
                d.stop()
        hub.stop()


def test_what_the_hub_sends_is_bounded_and_only_the_desks(demo_store: Store) -> None:
    first = [m.id for m in demo_store.members() if m.branch == BRANCHES[0]]
    other = [m.id for m in demo_store.members() if m.branch == BRANCHES[3]]
    for n, mid in enumerate(first[:MAX_WANT]):
        demo_store.set_photo(mid, grainy(n), "x.jpg")
    demo_store.set_photo(other[0], grainy(99), "x.jpg")
    mine = DeskPhotos(photo_rows(demo_store), served_branch_ids(demo_store, "1号台"))
    assert set(mine.stamps()) == set(first[:MAX_WANT])
    answers = answer_want(demo_store, mine, first[:MAX_WANT] + [other[0]][:0])
    assert len(answers) >= 2 and answers[-1]["done"] and not any(a["done"] for a in answers[:-1])
    for answer in answers:
        assert sum(len(p[2]) * 3 // 4 for p in answer["photos"]) <= PHOTO_MESSAGE_BYTES
        assert len(encode(answer).encode()) < limits.MAX_MESSAGE
    sent = [p[0] for a in answers for p in a["photos"]]
    assert sorted(sent) == sorted(first[:MAX_WANT])
    # Another branch's photo, or nobody's, is never sent: it is answered as missing.
    answer = answer_want(demo_store, mine, [other[0], 10**9])
    assert answer == [{"type": "photos", "photos": [], "done": True,
                       "missing": [other[0], 10**9]}]
    for bad in ([1] * (MAX_WANT + 1), "1,2", [True], [1.5], None):
        with pytest.raises(ValueError):
            answer_want(demo_store, mine, bad)


def test_a_desk_keeps_only_what_it_may_hold(demo_path: Path) -> None:
    from data.sync import set_sync_state

    with Store.open(demo_path) as store:
        set_sync_state(store, desk="1号台")
        store.set_meta("role", "replica")
        first = [m.id for m in store.members() if m.branch == BRANCHES[0]]
        other = [m.id for m in store.members() if m.branch == BRANCHES[3]]
        import base64

        def row(mid: int, image: bytes) -> list:
            return [mid, "2026-12-02T09:00:00.000+08:00", base64.b64encode(image).decode()]

        assert store.photos_version() == 0
        written, refused = apply_photos(store, [
            row(first[0], grainy(1)),
            row(other[0], grainy(2)),                          # another desk's member
            row(first[1], b"\x89PNG\r\n\x1a\n" + b"\0" * 40),  # not a JPEG
            [first[2], "2026", "%%% not base64"],
        ])
        assert written == {first[0]} and len(refused) == 3
        assert store.photo_member_ids() == {first[0]}
        # The desk window's photo cache and search thumbnails follow this counter.
        assert store.photos_version() == 1
        desk = DeskService(demo_path, "1号台", "t")
        assert desk.photos_version() == 1 and desk.photo(first[0]) is not None
        desk.close()
        for bad in ("x", [[1, 2]], [["1", "t", "AAAA"]], [[1, "t", "A" * 100_000]],
                    [[True, "t", "AAAA"]], [[2**64, "t", "AAAA"]]):
            with pytest.raises(ValueError):
                apply_photos(store, bad)
        # The hub's list no longer has it: deleted, and the counter moves again.
        assert reconcile(store, {}) == ([], 1)
        assert store.photo_member_ids() == set() and store.photos_version() == 2
        for bad in ([[True, "s"]], [[2**64, "s"]], [["1", "s"]]):
            with pytest.raises(ValueError):
                PhotoList().add({"list": "L", "part": 0, "parts": 2, "photos": bad})
        assert json.loads(json.dumps(refused))  # plain text for the log


def test_a_misbehaving_desk_gets_no_other_branch_photo_and_is_dropped(
        hub_path: Path, tmp_path: Path) -> None:
    """A paired desk speaking raw WebSocket: asks for another branch's photos, then too many."""
    from attackkit import raw_desk

    first, fourth = members_of(hub_path, BRANCHES[0]), members_of(hub_path, BRANCHES[3])
    with Store.open(hub_path) as store:
        store.set_photo(first[0], grainy(1), "a.jpg")
        store.set_photo(fourth[0], grainy(2), "b.jpg")
    hub = Hub(hub_path, host="127.0.0.1", port=0, discovery=False, keep_code=True)
    hub.start()
    try:
        ws = raw_desk(hub.address, hub.pairing_code, tmp_path)
        try:
            listed = ws.until("photo_list")
            assert [row[0] for row in listed["photos"]] == [first[0]]  # its own branch only
            ws.send_json({"type": "photo_want", "ids": [fourth[0], first[0]]})
            answer = ws.until("photos")
            assert [p[0] for p in answer["photos"]] == [first[0]]
            assert answer["missing"] == [fourth[0]] and answer["done"]
            ws.send_json({"type": "photo_want", "ids": list(range(MAX_WANT + 1))})
            assert ws.closed_by_hub()
        finally:
            ws.close()
    finally:
        hub.stop()


@pytest.mark.slow
def test_a_desk_asking_for_its_photos_over_and_over_gets_its_byte_budget_only(
        hub_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Asking again is allowed (a desk may lose its copy), but what the hub sends one desk
    is bounded in bytes, so one desk cannot take the hall's network from the others."""
    from attackkit import raw_desk

    monkeypatch.setattr(limits, "PHOTO_BYTES_PER_SECOND", 1024 * 1024)
    monkeypatch.setattr(limits, "PHOTO_BYTES_BURST", 2 * 1024 * 1024)
    first = members_of(hub_path, BRANCHES[0])[:20]
    with Store.open(hub_path) as store:
        for n, mid in enumerate(first):
            store.set_photo(mid, grainy(n), "x.jpg")
    hub = Hub(hub_path, host="127.0.0.1", port=0, discovery=False, keep_code=True)
    hub.start()
    try:
        ws = raw_desk(hub.address, hub.pairing_code, tmp_path)
        try:
            ws.until("photo_list")
            received, started = 0, time.monotonic()
            while time.monotonic() - started < 3.0:
                ws.send_json({"type": "photo_want", "ids": first})
                while True:
                    answer = ws.until("photos")
                    received += sum(len(p[2]) for p in answer["photos"])
                    if answer["done"]:
                        break
            took = time.monotonic() - started
        finally:
            ws.close()
    finally:
        hub.stop()
    one_answer = 20 * 48 * 1024 * 4 // 3
    budget = 2 * 1024 * 1024 + took * 1024 * 1024 + one_answer
    assert 2 * 1024 * 1024 < received <= budget, (received, budget)
