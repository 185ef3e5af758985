"""Desk memory at 100,000 members, with and without photos; a photo desk's replica size.

    .venv/bin/python bench/desk_memory_bench.py [--members 100000] [--keep DIR]
        [--no-photos] [--replica-members 4400] [--parts]

Memory: builds a meeting of ``--members`` generated members in 50 branches with
the real import (bench/desk_bench.py's builder), then a copy of it with a photo
for every member (240x320 portrait-like JPEGs of 23-41 KB, ~32 KB on average,
through ``Store.set_photo``). For each, a *fresh* desk process (its memory is
the desk's alone; the peak is read from its own /proc/self/status VmHWM) opens
the real DeskWindow (offscreen, or xcb when DISPLAY is set, e.g. under
xvfb-run), then signs in 40 members of its branch by typing their card codes
like a scanner (each check-in shows the member's photo) and types 10 searches
(the result rows paint thumbnails). It prints resident memory after the
imports, after QApplication, with the desk open and after the scans, the peak,
and how many photos the desk read (0 at opening: photos are read on demand).
A 20-member meeting is opened the same way: the part that does not grow with
the roster (Python, Qt, fonts, widgets). ``--parts`` adds a tracemalloc run
that splits the Python heap the roster costs by the module that allocated it.

Replica: a meeting of ``--replica-members`` members in 11 branches (400 a desk
by default), with and without a photo for every member, is served by a real
hub process (``main.py hub``); desk 1号台 (one branch) joins each over the real
link (``join_meeting``, TLS and all), then runs its DeskLink until it holds its
branch's photos (they follow the roster, not in the join's snapshot); the
replica's size on disk, the photos it holds and their share are printed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.desk_bench import build_big  # noqa: E402

MB = 1024 * 1024


def face_jpeg(seed: int, width: int = 240, height: int = 320) -> bytes:
    """A portrait-like JPEG (background, hair, face, shoulders, grain) of about 23-41 KB."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), (rng.randrange(150, 255), 200, 230))
    draw = ImageDraw.Draw(image)
    skin = (rng.randrange(180, 240), rng.randrange(140, 190), rng.randrange(110, 160))
    draw.ellipse((width * 0.3, height * 0.18, width * 0.7, height * 0.58), fill=skin)
    draw.ellipse((width * 0.28, height * 0.12, width * 0.72, height * 0.32), fill=(20, 20, 20))
    draw.rectangle((width * 0.1, height * 0.65, width * 0.9, height), fill=(30, 30, 60))
    grain = Image.effect_noise((width, height), rng.randrange(30, 60)).convert("RGB")
    out = io.BytesIO()
    Image.blend(image, grain, 0.3).save(out, "JPEG", quality=rng.randrange(85, 95))
    return out.getvalue()


def add_photos(path: Path, pool: int = 400) -> tuple[int, int]:
    """A photo for every member (from ``pool`` distinct pictures), one transaction; (count, bytes)."""
    from data.store import Store

    faces = [face_jpeg(i) for i in range(pool)]
    count = total = 0
    with Store.open(path) as store, store.transact():
        for n, (member_id,) in enumerate(store.all("SELECT id FROM members ORDER BY id")):
            jpeg = faces[n % pool]
            store.set_photo(member_id, jpeg, f"{member_id}.jpg", actor="bench")
            count, total = count + 1, total + len(jpeg)
    return count, total


# ---- the desk (child process) ----------------------------------------------------------------

def _status() -> dict[str, int]:
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:", "RssAnon:", "RssFile:")):
            out[line.split(":")[0]] = round(int(line.split()[1]) / 1024)
    return out


def child(path: str, scans: int, parts: bool) -> dict:
    """Open the desk window on ``path`` in this (fresh) process; memory at each stage."""
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("SIGNDESK_LANG", "zh_CN")
    stages = {"python": _status()}
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    stages["PySide6 imported"] = _status()
    from data.store import Store
    from ui.desk.window import DeskWindow
    from ui.launcher import make_app

    stages["desk modules imported"] = _status()
    app = make_app()
    stages["QApplication"] = _status()

    # Count the photos the desk reads (the desk's store and any other it opens).
    reads = {"n": 0, "bytes": 0}
    real_photo = getattr(Store, "photo", None)  # None before photos (to measure older code)

    def counted(self: Store, member_id: int) -> bytes | None:
        assert real_photo is not None
        jpeg = real_photo(self, member_id)
        reads["n"] += 1
        reads["bytes"] += len(jpeg or b"")
        return jpeg

    if real_photo is not None:
        Store.photo = counted  # type: ignore[method-assign]
    if parts:
        import tracemalloc
        tracemalloc.start()
    t = time.perf_counter()
    win = DeskWindow(path, "1号台", kiosk=False)
    win.resize(1366, 768)
    win.show()
    for _ in range(20):
        app.processEvents()
    open_s = time.perf_counter() - t
    stages["desk open"] = _status()
    photos_at_open = reads["n"]
    heap: dict[str, float] = {}
    if parts:
        snap = tracemalloc.take_snapshot()
        tracemalloc.stop()
        for stat in snap.statistics("filename"):
            name = os.path.relpath(stat.traceback[0].filename, ROOT)
            name = "(python library)" if name.startswith("..") else name
            heap[name] = heap.get(name, 0) + stat.size / MB
        del snap
    my_branch = win.session.my_branches()[0].id
    with Store.open(path) as store:
        codes = [c for (c,) in store.all(
            "SELECT c.code FROM members m JOIN cards c ON c.member_id = m.id AND c.revoked_at IS NULL "
            "WHERE m.branch_id = ? ORDER BY m.id LIMIT ?", (my_branch, scans))]
    shown: list[object] = []
    win.resultShown.connect(lambda *r: shown.append(r))

    def pump(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()

    for code in codes:
        n = len(shown)
        w = QApplication.focusWidget() or win.search.box
        for ch in code:
            QTest.keyClick(w, ch)
        QTest.keyClick(w, Qt.Key.Key_Return)
        deadline = time.perf_counter() + 3
        while len(shown) == n and time.perf_counter() < deadline:
            app.processEvents()
        pump(0.03)
    for q in ("w", "wa", "wang", "zh", "zhang", "li", "13", "1357", "王", "张"):
        win.search.box.setText(q)
        pump(0.05)
    win.search.reset()
    pump(0.1)
    stages["after scans and searches"] = _status()
    out = {"members": len(win.session.members), "platform": QApplication.platformName(),
           "open_s": round(open_s, 2), "stages": stages, "peak": _status()["VmHWM"],
           "scans": len(codes), "results_shown": len(shown),
           "photos_read_at_open": photos_at_open, "photos_read": reads["n"],
           "photo_bytes_read": reads["bytes"], "heap_mb": heap}
    win.shutdown()
    return out


def run_child(path: Path, scans: int = 40, parts: bool = False) -> dict:
    """The desk in a fresh process, on a fresh copy of ``path`` (kept meetings stay unsigned)."""
    run = path.with_name(f"run-{path.name}")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{run}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(path, run)
    cmd = [sys.executable, __file__, "--child", str(run), "--scans", str(scans)]
    out = subprocess.run(cmd + (["--parts"] if parts else []), capture_output=True, text=True,
                         cwd=ROOT)
    for leftover in (run, run.with_suffix(".log")):
        leftover.unlink(missing_ok=True)
    if out.returncode != 0:
        raise SystemExit(f"desk child failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---- the replica of a desk serving one branch ----------------------------------------------------

def start_hub(path: Path) -> tuple[subprocess.Popen, str, str]:
    """``main.py hub`` on loopback; its process, address and pairing code."""
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "hub", str(path), "--host", "127.0.0.1",
         "--port", "0", "--no-discovery", "--keep-code"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    address = code = ""
    assert proc.stdout is not None
    while not (address and code):
        line = proc.stdout.readline()
        if not line:
            raise SystemExit(f"hub did not start: {proc.stderr.read() if proc.stderr else ''}")
        if line.startswith("SIGNDESK HUB "):
            address = line.split()[2]
        elif line.startswith("SIGNDESK PAIR "):
            code = line.split()[2]
    return proc, address, code


def _photos_held(replica: Path) -> tuple[int, int]:
    db = sqlite3.connect(f"{replica.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'photos'").fetchone() is None:
            return 0, 0
        n, size = db.execute("SELECT count(*), coalesce(sum(length(image)), 0) FROM photos").fetchone()
        return int(n), int(size)
    finally:
        db.close()


def replica_of(meeting: Path, folder: Path) -> dict:
    """Join desk 1号台 to a hub serving ``meeting``, let its link fetch its photos; what it holds."""
    from data.store import Store
    from kiosk.link.client import DeskLink, join_meeting

    replica = folder / f"replica-{meeting.stem}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{replica}{suffix}").unlink(missing_ok=True)
    with Store.open(meeting) as store:
        want = store.one("SELECT count(*) FROM photos p JOIN members m ON m.id = p.member_id "
                         "JOIN branches b ON b.id = m.branch_id JOIN desks d ON d.id = b.desk_id "
                         "WHERE d.name = '1号台'")[0]
    hub, address, code = start_hub(meeting)
    try:
        t = time.perf_counter()
        join_meeting(replica, code=code, desk="1号台", address=address, timeout=300)
        join_s = time.perf_counter() - t
        joined_size = replica.stat().st_size
        # Photos follow the roster over the running link (not in the join's snapshot).
        link = DeskLink(replica, address=address, discovery=False)
        t = time.perf_counter()
        link.start()
        while _photos_held(replica)[0] < want and time.perf_counter() - t < 300:
            time.sleep(0.05)
        photos_s = time.perf_counter() - t
        link.stop()
    finally:
        hub.terminate()
        hub.wait(timeout=30)
    with Store.open(replica) as store:
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        members = store.one("SELECT count(*) FROM members")[0]
        mine = store.one("SELECT count(*) FROM members m JOIN branches b ON b.id = m.branch_id "
                         "JOIN desks d ON d.id = b.desk_id WHERE d.name = '1号台'")[0]
    photos, photo_bytes = _photos_held(replica)
    size = sum(Path(f"{replica}{s}").stat().st_size for s in ("", "-wal")
               if Path(f"{replica}{s}").exists())
    return {"join_s": round(join_s, 2), "photos_s": round(photos_s, 2), "members": members,
            "my_members": mine, "photos_wanted": want, "photos": photos,
            "photo_bytes": photo_bytes, "joined_size": joined_size, "size": size,
            "meeting_size": meeting.stat().st_size}


# ---- report ----------------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--members", type=int, default=100_000)
    ap.add_argument("--replica-members", type=int, default=4_400)
    ap.add_argument("--keep", help="build the meetings in this directory and keep them")
    ap.add_argument("--no-photos", action="store_true", help="skip everything with photos")
    ap.add_argument("--no-replica", action="store_true", help="skip the replica part")
    ap.add_argument("--parts", action="store_true", help="split the roster's Python heap by module")
    ap.add_argument("--scans", type=int, default=40, help=argparse.SUPPRESS)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(child(a.child, a.scans, a.parts)))
        return 0
    work = Path(a.keep or tempfile.mkdtemp(prefix="desk-memory-"))
    work.mkdir(parents=True, exist_ok=True)
    small, big = work / "small-20.sqlite", work / f"big-{a.members}.sqlite"
    big_photos = work / f"big-{a.members}-photos.sqlite"
    if not small.exists():
        build_big(small, 20, branches=2)
    if not big.exists():
        print(f"building the {a.members:,}-member meeting: {build_big(big, a.members):.1f} s",
              flush=True)
    if not a.no_photos and not big_photos.exists():
        t = time.perf_counter()
        shutil.copyfile(big, big_photos)
        n, total = add_photos(big_photos)
        print(f"adding {n:,} photos ({total / MB:.0f} MB, {total / n / 1024:.1f} KB each): "
              f"{time.perf_counter() - t:.0f} s; file {big_photos.stat().st_size / MB:,.0f} MB",
              flush=True)

    runs = {"20 members": run_child(small), f"{a.members:,} members": run_child(big)}
    if not a.no_photos:
        runs[f"{a.members:,} members + photos"] = run_child(big_photos)
    # tracemalloc's own records weigh as much as the heap they trace: a run of its own.
    heap = run_child(big, scans=0, parts=True)["heap_mb"] if a.parts else {}
    names = list(runs)
    first = runs[names[0]]
    print(f"\ndesk window, platform {first['platform']}: resident memory (VmRSS, MB) by stage, "
          f"each in a fresh process")
    print(f"{'':34}" + "".join(f"{n:>26}" for n in names))
    for stage in first["stages"]:
        print(f"{stage:34}" + "".join(f"{r['stages'][stage]['VmRSS']:>26}" for r in runs.values()))
    print(f"{'peak (VmHWM)':34}" + "".join(f"{r['peak']:>26}" for r in runs.values()))
    print(f"{'desk open (s)':34}" + "".join(f"{r['open_s']:>26}" for r in runs.values()))
    print(f"{'check-ins shown':34}" + "".join(f"{r['results_shown']:>26}" for r in runs.values()))
    print(f"{'photos read at opening':34}" + "".join(f"{r['photos_read_at_open']:>26}"
                                                     for r in runs.values()))
    print(f"{'photos read in all':34}" + "".join(f"{r['photos_read']:>26}" for r in runs.values()))
    if heap:
        print(f"\nPython heap allocated while the desk opened on {a.members:,} members "
              "(tracemalloc, a separate run, MB, by the module that allocated it):")
        for name, mb in sorted(heap.items(), key=lambda kv: -kv[1])[:10]:
            print(f"  {mb:7.1f}  {name}")
    for name, r in runs.items():
        if r["photos_read_at_open"]:
            print(f"NOTE: {name}: the desk read {r['photos_read_at_open']} photos while opening")
    peak = max(r["peak"] for r in runs.values())
    print(f"goal < 250 MB peak at {a.members:,} members: "
          f"{'met' if peak < 250 else 'NOT met'} ({peak} MB)")

    if not a.no_replica:
        plain, photos = work / f"replica-src-{a.replica_members}.sqlite", \
            work / f"replica-src-{a.replica_members}-photos.sqlite"
        if not plain.exists():
            build_big(plain, a.replica_members, branches=11)
        if not a.no_photos and not photos.exists():
            shutil.copyfile(plain, photos)
            add_photos(photos)
        reps = {"no photos": replica_of(plain, work)}
        if not a.no_photos:
            reps["a photo for every member"] = replica_of(photos, work)
        print(f"\nreplica of desk 1号台 (one of 11 branches), {a.replica_members:,}-member meeting, "
              f"joined over the real link:")
        for name, r in reps.items():
            share = r["photo_bytes"] / r["size"] if r["size"] else 0
            print(f"  {name:26} meeting file {r['meeting_size'] / MB:6.1f} MB -> replica "
                  f"{r['joined_size'] / MB:.1f} MB when joined, {r['size'] / MB:.1f} MB with its "
                  f"photos ({r['members']:,} members, {r['my_members']} at this desk); photos: "
                  f"{r['photos']} of its {r['photos_wanted']} ({r['photo_bytes'] / MB:.1f} MB, "
                  f"{share:.0%} of the file); join {r['join_s']} s, photos {r['photos_s']} s")
        runs["replica"] = reps  # type: ignore[assignment]
    print(json.dumps(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
