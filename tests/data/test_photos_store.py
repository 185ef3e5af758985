"""Member photos in the meeting file: what the store keeps and what the file refuses."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from data.jpeg import MAX_PHOTO_BYTES, jpeg_size, photo_problem
from data.store import PhotoRefused, Store
from kiosk.desk import DeskService


def jpeg(width: int = 240, height: int = 320, colour: str = "navy", quality: int = 85,
         **save: object) -> bytes:
    """A real JPEG of that size (Pillow writes it)."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG", quality=quality, **save)
    return out.getvalue()


def png(width: int = 240, height: int = 320) -> bytes:
    """A real PNG of that size."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), "red").save(out, "PNG")
    return out.getvalue()


def test_a_photo_is_kept_read_replaced_and_removed_with_audit(demo_store: Store) -> None:
    mid = demo_store.members()[0].id
    assert demo_store.photo(mid) is None
    assert demo_store.photo_member_ids() == set()
    first, second = jpeg(colour="navy"), jpeg(colour="olive", progressive=True)
    demo_store.set_photo(mid, first, "photos/0001.jpg", actor="secretary")
    assert demo_store.photo(mid) == first
    assert demo_store.photo_member_ids() == {mid}
    demo_store.set_photo(mid, second, "camera", actor="secretary")
    assert demo_store.photo(mid) == second
    assert demo_store.remove_photo(mid, actor="secretary") is True
    assert demo_store.remove_photo(mid, actor="secretary") is False  # nothing to remove
    assert demo_store.photo(mid) is None
    actions = [(a[3], a[4], a[2]) for a in demo_store.audit_log()[-3:]]
    assert actions == [("photo_added", mid, "secretary"), ("photo_replaced", mid, "secretary"),
                       ("photo_removed", mid, "secretary")]
    # The audit says where a photo came from and its size, never holds the image.
    assert demo_store.audit_log()[-3][5] == {"source": "photos/0001.jpg", "bytes": len(first)}
    assert demo_store.photos_version() == 3


@pytest.mark.parametrize("image, why", [
    (png(), "JPEG"),
    (b"GIF89a" + b"\0" * 100, "JPEG"),
    (b"\xff\xd8\xff\xe0" + b"\0" * 50, "JPEG"),      # a JPEG's start with no frame header
    (b"", "JPEG"),
    (jpeg(241, 320), "240x320"),
    (jpeg(240, 321), "240x320"),
    (jpeg(320, 240), "240x320"),                     # landscape: a portrait is asked for
    (jpeg(240, 320, quality=100) + b"\0" * MAX_PHOTO_BYTES, "49,152"),
])
def test_the_store_refuses_what_is_not_a_small_portrait_jpeg(
        demo_store: Store, image: bytes, why: str) -> None:
    mid = demo_store.members()[0].id
    with pytest.raises(PhotoRefused, match=why):
        demo_store.set_photo(mid, image, "x.jpg")
    assert demo_store.photo(mid) is None
    assert demo_store.photo_member_ids() == set()


def test_the_store_refuses_a_photo_of_nobody(demo_store: Store) -> None:
    with pytest.raises(PhotoRefused, match="no member"):
        demo_store.set_photo(10**9, jpeg(), "x.jpg")
    assert demo_store.photo_member_ids() == set()


def test_a_member_taken_off_the_roster_leaves_no_photo(demo_store: Store) -> None:
    """Least data: removing a member deletes their photo (audited) with their card, and
    the store takes no new photo of them."""
    from kiosk.members import remove_member

    mid, other = (m.id for m in demo_store.members()[:2])
    demo_store.set_photo(mid, jpeg(), "a.jpg")
    demo_store.set_photo(other, jpeg(), "b.jpg")
    version = demo_store.photos_version()
    remove_member(demo_store, mid, "moved away", "organizer")
    assert demo_store.photo(mid) is None and demo_store.photo_member_ids() == {other}
    assert demo_store.photos_version() == version + 1  # desks drop it too
    assert [(a[3], a[4]) for a in demo_store.audit_log()[-2:]] == [
        ("member_removed", mid), ("photo_removed", mid)]
    with pytest.raises(PhotoRefused, match="roster"):
        demo_store.set_photo(mid, jpeg(), "a.jpg")
    assert demo_store.photo_member_ids() == {other}


def test_a_removed_photo_leaves_no_bytes_in_the_file(demo_path: Path) -> None:
    """secure_delete: the pages a deleted photo used are overwritten, not just freed."""
    image = jpeg(colour="olive", quality=95)
    store = Store.open(demo_path)
    mid = store.members()[0].id
    store.set_photo(mid, image, "a.jpg")
    store.close()
    assert image[200:264] in demo_path.read_bytes()
    store = Store.open(demo_path)
    assert store.one("PRAGMA secure_delete") == (1,)  # set by the store, whatever the build
    assert store.remove_photo(mid)
    store.close()
    raw = b"".join(p.read_bytes() for p in demo_path.parent.glob(demo_path.name + "*"))
    assert image[200:264] not in raw


def test_the_file_itself_refuses_non_jpeg_and_oversized_images(demo_path: Path) -> None:
    """Another writer (sqlite3 by hand, an older tool) cannot put a PNG or a huge blob in."""
    Store.open(demo_path).close()
    db = sqlite3.connect(demo_path)
    db.execute("PRAGMA foreign_keys=ON")
    mid = db.execute("SELECT min(id) FROM members").fetchone()[0]
    for image in (png(), b"\xff\xd8\xff" + b"\0" * MAX_PHOTO_BYTES, "\xff\xd8\xff text"):
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO photos(member_id, image, added_at) VALUES (?, ?, 'now')",
                       (mid, image))
    with pytest.raises(sqlite3.IntegrityError):  # a member the file does not have
        db.execute("INSERT INTO photos(member_id, image, added_at) VALUES (?, ?, 'now')",
                   (10**9, jpeg()))
    db.execute("INSERT INTO photos(member_id, image, added_at) VALUES (?, ?, 'now')",
               (mid, jpeg()))
    db.commit()
    db.close()


def test_jpeg_size_reads_the_frame_header_only() -> None:
    assert jpeg_size(jpeg(200, 300)) == (200, 300)
    assert jpeg_size(jpeg(120, 160, progressive=True)) == (120, 160)
    assert jpeg_size(png()) is None
    assert jpeg_size(b"\xff\xd8\xff") is None
    # A header claiming a huge image is read as such (and refused), never decoded.
    big = bytearray(jpeg(8, 8))
    at = big.index(b"\xff\xc0")
    big[at + 5:at + 9] = (60000).to_bytes(2, "big") + (60000).to_bytes(2, "big")
    assert jpeg_size(bytes(big)) == (60000, 60000)
    assert "240x320" in (photo_problem(bytes(big)) or "")
    # Truncated anywhere: no exception, just not a photo.
    whole = jpeg(100, 100)
    for n in range(0, 400, 7):
        jpeg_size(whole[:n])


def test_the_desk_reads_a_photo_on_demand(demo_path: Path) -> None:
    with Store.open(demo_path) as store:
        mid = store.members()[3].id
        store.set_photo(mid, jpeg(), "x.jpg")
    desk = DeskService(demo_path, "Desk 1")
    try:
        assert desk.photo(mid) == jpeg()
        assert desk.photo(mid + 1) is None
        # Set while the desk is open: the next read sees it (nothing cached).
        with Store.open(demo_path) as store:
            store.set_photo(mid + 1, jpeg(colour="olive"), "camera")
        assert desk.photo(mid + 1) == jpeg(colour="olive")
    finally:
        desk.close()
