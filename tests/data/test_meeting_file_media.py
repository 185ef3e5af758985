"""Meeting files on bad media: read-only, empty, damaged.

- A file SignDesk cannot write to opens for reading (stats, members, report)
  and every write is refused with the reason. The tests run as root, which
  ignores permissions, so read-only media is simulated honestly: a read-only
  bind mount in a private mount namespace (``unshare``), the immutable
  attribute (``chattr +i``, which binds root too), an unprivileged user
  (``setpriv``) facing a 0444 file in a 0555 folder, and SQLite's own
  ``mode=ro`` URI (``Store.open(read_only=True)``). Each is skipped, saying
  why, where the machine does not allow it.
- A 0-byte file is refused and stays 0 bytes.
- A damaged file's message names the copies that exist.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from data.copies import desk_folder
from data.store import (
    CorruptFileError,
    EmptyFileError,
    NotAMeetingFileError,
    ReadOnlyError,
    Store,
)
from kiosk.checkin import Desk, check_in
from kiosk.meeting import open_meeting, set_signin

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX media and permissions")


def digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes() if p.exists() else b"<absent>")
    return h.hexdigest()


def held_meeting(folder: Path) -> Path:
    """The demo meeting with some arrivals, closed cleanly (no -wal, no -shm)."""
    from kiosk.demo import build_demo

    path = folder / "m.sqlite"
    build_demo(path, arrivals=0.5).close()
    assert not Path(f"{path}-wal").exists()
    return path


def cli(*args: str, prefix: tuple[str, ...] = (), cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(cwd or tempfile.gettempdir())}
    return subprocess.run([*prefix, sys.executable, str(ROOT / "main.py"), *args],
                          capture_output=True, text=True, timeout=120, env=env,
                          cwd=cwd or tempfile.gettempdir())


def expected_figures(path: Path) -> dict:
    with Store.open(path) as store:
        from kiosk.turnout import tally_of
        return tally_of(store).figures().as_dict()


def absent_number(path: Path) -> str:
    """The number of a member not yet signed in (checked before the file is made read-only)."""
    with Store.open(path) as store:
        return next(m.number for m in store.members() if m.number and not store.events_for(m.id))


def assert_reads_and_refuses(run, path: Path, out: Path, reason: str, number: str) -> None:
    """stats, members and report work on ``path``; checkin is refused, naming ``reason``."""
    r = run("stats", str(path), "--json")
    assert r.returncode == 0, r.stderr
    stats = json.loads(r.stdout)
    assert stats["present"] > 0
    r = run("members", str(path), "--json")
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)) == 460
    r = run("report", str(path), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF")
    r = run("checkin", str(path), number)
    assert r.returncode == 2
    assert "can be read but not changed" in r.stderr and reason in r.stderr, r.stderr
    assert "Traceback" not in r.stderr


# ---- read-only media, four ways --------------------------------------------------------------

@pytest.fixture
def scratch() -> Iterator[Path]:
    """A folder outside pytest's root-only tmp, so an unprivileged user can reach it."""
    d = Path(tempfile.mkdtemp(prefix="signdesk-ro-"))
    os.chmod(d, 0o755)
    yield d
    subprocess.run(["chattr", "-R", "-i", str(d)], capture_output=True)
    for p in d.rglob("*"):
        if p.is_dir():
            os.chmod(p, 0o755)
    shutil.rmtree(d, ignore_errors=True)


def _can_bind_read_only(scratch: Path) -> str | None:
    probe_src, probe_mnt = scratch / "probe-src", scratch / "probe-mnt"
    probe_src.mkdir()
    probe_mnt.mkdir()
    if not shutil.which("unshare"):
        return "no unshare(1)"
    r = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c",
         'mount --bind "$1" "$2" && mount -o remount,ro,bind "$2" && ! touch "$2/x" 2>/dev/null',
         "sh", str(probe_src), str(probe_mnt)], capture_output=True, text=True)
    return None if r.returncode == 0 else f"cannot make a read-only bind mount here: {r.stderr.strip()}"


@pytest.mark.slow
def test_a_meeting_on_a_read_only_mount_is_read_and_writes_are_refused(scratch: Path) -> None:
    why = _can_bind_read_only(scratch)
    if why:
        pytest.skip(why)
    src, mnt = scratch / "src", scratch / "media"
    src.mkdir()
    mnt.mkdir()
    path = held_meeting(src)
    number = absent_number(path)
    before = digest(path)
    want = expected_figures(path)
    out_dir = scratch / "out"
    out_dir.mkdir()
    # Each command runs in its own mount namespace where `media` is `src`, read-only.
    wrap = ("unshare", "--mount", "--propagation", "private", "sh", "-c",
            'mount --bind "$1" "$2" && mount -o remount,ro,bind "$2" && shift 2 && exec "$@"',
            "sh", str(src), str(mnt))

    def run(*args: str) -> subprocess.CompletedProcess:
        return cli(*args, prefix=wrap, cwd=out_dir)

    assert_reads_and_refuses(run, mnt / "m.sqlite", out_dir / "r.pdf", "read-only media", number)
    r = run("stats", str(mnt / "m.sqlite"), "--json")
    got = json.loads(r.stdout)
    assert {k: v for k, v in got.items() if k not in ("title", "date")} == want
    assert digest(path) == before
    assert sorted(p.name for p in src.iterdir()) == ["m.sqlite"]  # not even a journal or a log


def test_a_read_only_mount_with_a_journal_still_shows_every_commit(scratch: Path) -> None:
    """A file copied off a machine that was still running: its -wal holds the latest check-ins."""
    why = _can_bind_read_only(scratch)
    if why:
        pytest.skip(why)
    src, mnt = scratch / "src", scratch / "media"
    src.mkdir()
    mnt.mkdir()
    path = held_meeting(scratch)
    store = Store.open(path)
    set_signin(store, "open", "t")
    m = next(m for m in store.members() if m.status == "active" and m.category == "full"
             and not store.events_for(m.id))
    assert check_in(store, m.id, Desk(store.branch_desk(m.branch_id) or "", "t"),
                    method="search").recorded
    # copied while the store is open: the check-in is only in the -wal
    for suffix in ("", "-wal", "-shm"):
        shutil.copy2(f"{path}{suffix}", src / f"m.sqlite{suffix}")
    want = expected_figures(path)
    store.close()
    wrap = ("unshare", "--mount", "--propagation", "private", "sh", "-c",
            'mount --bind "$1" "$2" && mount -o remount,ro,bind "$2" && shift 2 && exec "$@"',
            "sh", str(src), str(mnt))
    r = cli("stats", str(mnt / "m.sqlite"), "--json", prefix=wrap, cwd=scratch)
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert {k: v for k, v in got.items() if k not in ("title", "date")} == want


@pytest.mark.slow
def test_an_immutable_meeting_file_is_read_and_writes_are_refused(scratch: Path) -> None:
    path = held_meeting(scratch)
    number = absent_number(path)
    r = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"chattr +i is not available here: {r.stderr.strip()}")
    before = digest(path)
    out = scratch / "out"
    out.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess:
        return cli(*args, cwd=out)

    assert_reads_and_refuses(run, path, out / "r.pdf", "the file is read-only", number)
    assert digest(path) == before


@pytest.mark.slow
def test_an_unprivileged_user_reads_a_read_only_file_in_a_read_only_folder(scratch: Path) -> None:
    if not shutil.which("setpriv"):
        pytest.skip("no setpriv(1) to run as another user")
    nobody = ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")
    probe = subprocess.run([*nobody, sys.executable, "-c", "import reportlab, openpyxl"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"an unprivileged user cannot run this Python: {probe.stderr.strip()[:200]}")
    media = scratch / "media"
    media.mkdir()
    path = held_meeting(media)
    number = absent_number(path)
    os.chmod(path, 0o444)
    os.chmod(media, 0o555)
    out = scratch / "out"
    out.mkdir()
    os.chmod(out, 0o777)
    before = digest(path)

    def run(*args: str) -> subprocess.CompletedProcess:
        return cli(*args, prefix=nobody, cwd=out)

    assert_reads_and_refuses(run, path, out / "r.pdf", "the file is read-only", number)
    assert digest(path) == before
    assert sorted(p.name for p in media.iterdir()) == ["m.sqlite"]  # not even a journal or a log


def test_sqlite_read_only_open_serves_queries_and_refuses_writes(tmp_path: Path) -> None:
    path = held_meeting(tmp_path)
    before = digest(path)
    with Store.open(path, read_only=True) as store:
        assert store.read_only == "it was opened for reading only"
        assert len(store.members()) == 460
        with pytest.raises(ReadOnlyError, match="can be read but not changed"):
            store.set_meta("x", "1")
        with pytest.raises(ReadOnlyError):
            check_in(store, store.members()[0].id, Desk("1号台", "t"), method="search")
    assert digest(path) == before


# ---- empty and damaged files ------------------------------------------------------------------

@pytest.mark.slow
def test_a_zero_byte_file_is_refused_and_never_written_into(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    path.touch()
    for opener in (Store.open, open_meeting):
        with pytest.raises(EmptyFileError, match=r"empty \(0 bytes\)"):
            opener(path)
    for args in (["stats", str(path)], ["checkin", str(path), "X"], ["hub", str(path)],
                 ["import", str(path), str(ROOT / "README.md")]):
        r = cli(*args, cwd=tmp_path)
        assert r.returncode == 2, (args, r.stderr)
        assert "empty (0 bytes)" in r.stderr and "Traceback" not in r.stderr
    assert path.stat().st_size == 0
    assert not any(p.name.startswith("m.sqlite-") for p in tmp_path.iterdir())  # no -wal, -shm


def test_an_sqlite_file_without_a_meeting_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    db = sqlite3.connect(path)
    db.execute("VACUUM")  # a valid, empty SQLite file: header only
    db.close()
    before = digest(path)
    with pytest.raises(NotAMeetingFileError):
        Store.open(path)
    assert digest(path) == before


def _damage(path: Path) -> None:
    """Overwrite pages in the middle of the file, as a failing disk or a torn copy would."""
    with sqlite3.connect(path) as db:
        page = db.execute("PRAGMA page_size").fetchone()[0]
        pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.close()
    with open(path, "r+b") as f:
        for n in range(2, pages, 3):
            f.seek(n * page + 40)
            f.write(b"\xde\xad\xbe\xef" * 200)


def test_a_damaged_file_names_the_copies_that_exist(tmp_path: Path) -> None:
    path = held_meeting(tmp_path)
    backup = tmp_path / "m.sqlite.v1.bak"
    shutil.copy2(path, backup)
    replica = tmp_path / "desk-3号台.sqlite"
    shutil.copy2(path, replica)
    _damage(path)
    with pytest.raises(CorruptFileError) as err:
        Store.open(path)
    text = str(err.value)
    assert "damaged" in text
    assert str(backup) in text and str(replica) in text
    assert "main.py hub REPLICA" in text
    assert str(desk_folder()) in text  # where desk windows keep replicas on this computer
    r = cli("report", str(path), "-o", str(tmp_path / "r.pdf"), cwd=tmp_path)
    assert r.returncode == 2 and str(backup) in r.stderr and "Traceback" not in r.stderr


def test_a_file_whose_beginning_is_gone_still_points_to_its_copies(tmp_path: Path) -> None:
    path = held_meeting(tmp_path)
    shutil.copy2(path, tmp_path / "m.sqlite.v1.bak")
    with open(path, "r+b") as f:
        f.write(b"\x00" * 4096)
    with pytest.raises(NotAMeetingFileError) as err:
        Store.open(path)
    assert "m.sqlite.v1.bak" in str(err.value) and "beginning is damaged" in str(err.value)


def test_no_copies_says_so_and_where_replicas_live(tmp_path: Path) -> None:
    path = held_meeting(tmp_path)
    _damage(path)
    with pytest.raises(CorruptFileError) as err:
        Store.open(path)
    assert "No copy was found on this computer" in str(err.value)
    assert "Every desk that joined this meeting also holds a full copy" in str(err.value)


def test_a_desk_is_not_started_on_a_file_it_cannot_write(tmp_path: Path) -> None:
    """A desk writes every check-in: refused before it starts, with the reason, in both languages."""
    from kiosk.desk import DeskService, meeting_desks

    path = held_meeting(tmp_path)
    r = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"chattr +i is not available here: {r.stderr.strip()}")
    try:
        for start in (lambda: meeting_desks(path), lambda: DeskService(path, "1号台")):
            with pytest.raises(ReadOnlyError, match="the file is read-only") as err:
                start()
            assert "只能查看，不能修改" in err.value.zh
        assert Store.open_stores() == [] or all(s.path != path for s in Store.open_stores())
    finally:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)
