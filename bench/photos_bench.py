"""What member photos cost: importing a folder of photos, and their size in the meeting file.

    .venv/bin/python bench/photos_bench.py [--photos 1000] [--kind id|phone]
    .venv/bin/python bench/photos_bench.py --replica [--photos 4400]

Builds a meeting of ``--photos`` members, writes one photo per member named by
member number (``id``: a 413x579 一寸 ID photo at JPEG quality 90, about 40 KB,
the form collections come in; ``phone``: a 3000x4000 phone picture, about
1.5 MB), imports the folder with ``kiosk.photos.import_photos`` and prints the
time per photo and the bytes kept per photo. The pictures are smooth gradients
with noise (faces compress alike; pure noise would be the worst case).

``--replica``: a meeting of ``--photos`` members in 11 branches, one desk each,
every member with a photo; a hub on 127.0.0.1 and one desk (1号台) joining it.
Prints how long the desk took to receive its branch's photos, how many it
holds, and its replica's size with and without them.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

from bench.big_meeting import build_big_meeting  # noqa: E402
from kiosk.photos import import_photos  # noqa: E402

SIZES = {"id": (413, 579), "phone": (3000, 4000)}


def portrait(width: int, height: int, seed: int) -> bytes:
    """A JPEG that compresses like a portrait: a background, a head, shoulders, grain."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), (rng.randrange(150, 255), 200, 230))
    draw = ImageDraw.Draw(image)
    skin = (rng.randrange(180, 240), rng.randrange(140, 190), rng.randrange(110, 160))
    draw.ellipse((width * 0.3, height * 0.18, width * 0.7, height * 0.58), fill=skin)
    draw.rectangle((width * 0.1, height * 0.65, width * 0.9, height), fill=(30, 30, 60))
    grain = Image.effect_noise((width, height), 24).convert("RGB")
    image = Image.blend(image, grain, 0.3).filter(ImageFilter.GaussianBlur(0.6))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def replica(members: int) -> None:
    """Time a desk receiving its branch's photos from a hub; size its replica."""
    import sqlite3

    from data.store import Store
    from kiosk.link.client import DeskLink, join_meeting
    from kiosk.link.hub import Hub
    from kiosk.photos import normalise

    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        store = build_big_meeting(root / "hub.sqlite", members)
        photos = [normalise(portrait(413, 579, seed=i)) for i in range(20)]
        with store.transact():
            for i, m in enumerate(store.members()):
                store.set_photo(m.id, photos[i % len(photos)], f"{m.number}.jpg", actor="bench")
        store.close()
        hub = Hub(root / "hub.sqlite", host="127.0.0.1", port=0, discovery=False)
        hub.start()
        try:
            path = root / "desk.sqlite"
            join_meeting(path, code=hub.pairing_code, desk="1号台", address=hub.address,
                         timeout=60)
            before = path.stat().st_size
            with Store.open(root / "hub.sqlite") as s:
                want = sum(1 for m in s.members() if s.branch_desk(m.branch_id) == "1号台")
            link = DeskLink(path, address=hub.address, discovery=False)
            t0 = time.perf_counter()
            link.start()

            def held() -> tuple[int, int]:
                db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
                try:
                    n, size = db.execute("SELECT count(*), COALESCE(sum(length(image)), 0) "
                                         "FROM photos").fetchone()
                finally:
                    db.close()
                return n, size

            while held()[0] < want and time.perf_counter() - t0 < 120:
                time.sleep(0.05)
            took = time.perf_counter() - t0
            n, size = held()
            link.stop()
        finally:
            hub.stop()
        after = path.stat().st_size + Path(f"{path}-wal").stat().st_size \
            if Path(f"{path}-wal").exists() else path.stat().st_size
        print(f"desk 1号台 received {n} of its branch's photos ({size / 1024:.0f} KB of JPEG, "
              f"{size / max(n, 1) / 1024:.1f} KB each) in {took:.2f} s; replica "
              f"{before / 2**20:.1f} MB before the photos, {after / 2**20:.1f} MB after "
              f"(of {members} members, hub holding {members} photos)")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--photos", type=int, default=1000)
    p.add_argument("--kind", choices=sorted(SIZES), default="id")
    p.add_argument("--replica", action="store_true", help="time a desk receiving its photos")
    a = p.parse_args()
    if a.replica:
        replica(a.photos)
        return
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        store = build_big_meeting(root / "m.sqlite", a.photos)
        folder = root / "photos"
        folder.mkdir()
        sources = [portrait(*SIZES[a.kind], seed=i) for i in range(20)]
        numbers = [m.number for m in store.members() if m.number]
        for i, number in enumerate(numbers):
            (folder / f"{number}.jpg").write_bytes(sources[i % len(sources)])
        read = sum(f.stat().st_size for f in folder.iterdir())
        before = (root / "m.sqlite").stat().st_size
        t0 = time.perf_counter()
        report = import_photos(store, folder, "bench")
        took = time.perf_counter() - t0
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        grown = (root / "m.sqlite").stat().st_size - before
        n = len(report.matched)
        print(f"{n} {a.kind} photos ({read / n / 1024:.0f} KB each on disk) imported in "
              f"{took:.1f} s ({took / n * 1000:.1f} ms a photo); kept {report.bytes_written / n / 1024:.1f} "
              f"KB a photo; the meeting file grew {grown / 2**20:.1f} MB")
        store.close()


if __name__ == "__main__":
    main()
