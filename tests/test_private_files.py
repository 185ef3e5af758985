"""Every file SignDesk writes is owner-only on POSIX: 0600 files, 0700 folders it creates.

The tests run with the usual umask 022, so a writer that forgot to protect its
output would leave it 0644 and fail here; nothing relies on ``main.py``'s own
umask unless the test says so.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import data.schema as schema
import data.store as store_mod
from data.private import (
    LazyPrivateFile,
    make_private,
    open_private,
    private_dir,
    private_umask,
    replace_private,
)
from data.store import Store
from kiosk.meeting import create_meeting

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
ROOT = Path(__file__).resolve().parents[1]


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The umask most systems give a user: files 0644, folders 0755 unless SignDesk acts."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def assert_private_tree(folder: Path) -> list[Path]:
    """Every file under ``folder`` is 0600 and every folder 0700; returns the files."""
    files = []
    for p in sorted(folder.rglob("*")):
        if p.is_dir():
            assert mode(p) == 0o700, f"{p} is {oct(mode(p))}"
        else:
            assert mode(p) == 0o600, f"{p} is {oct(mode(p))}"
            files.append(p)
    return files


# ---- the helper ------------------------------------------------------------------------

def test_helpers_make_owner_only_files_and_folders(tmp_path: Path) -> None:
    wide = tmp_path / "wide.txt"
    wide.write_text("x")
    os.chmod(wide, 0o644)
    assert mode(wide) == 0o644
    assert make_private(wide) and mode(wide) == 0o600
    ro = tmp_path / "ro.txt"
    ro.write_text("x")
    os.chmod(ro, 0o444)
    make_private(ro)
    assert mode(ro) == 0o400  # tightened, never made writable
    assert make_private(tmp_path / "missing") is False  # quietly: nothing to protect

    mine = tmp_path / "mine"
    mine.mkdir()
    os.chmod(mine, 0o755)
    made = private_dir(mine / "a" / "b" / "c")
    for p in (mine / "a", mine / "a" / "b", made):
        assert mode(p) == 0o700
    assert mode(mine) == 0o755  # a folder that was there is the user's choice: untouched

    with open_private(tmp_path / "log.txt", "a", encoding="utf-8") as f:
        f.write("line\n")
    assert mode(tmp_path / "log.txt") == 0o600
    old_log = tmp_path / "old.log"
    old_log.write_text("earlier\n")
    os.chmod(old_log, 0o644)
    with open_private(old_log, "a", encoding="utf-8") as f:
        f.write("more\n")
    assert mode(old_log) == 0o600 and old_log.read_text() == "earlier\nmore\n"

    lazy = LazyPrivateFile(tmp_path / "lazy.pdf")
    assert not (tmp_path / "lazy.pdf").exists()  # nothing until the first write
    lazy.write(b"%PDF")
    assert mode(tmp_path / "lazy.pdf") == 0o600


def test_replace_private_is_whole_or_nothing(tmp_path: Path) -> None:
    out = tmp_path / "export.csv"
    out.write_text("the previous export")
    os.chmod(out, 0o644)
    with pytest.raises(RuntimeError), replace_private(out) as tmp:
        tmp.write_text("half")
        raise RuntimeError("disk full")
    assert out.read_text() == "the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]  # no temporary left
    with replace_private(out) as tmp:
        tmp.write_text("new")
    assert out.read_text() == "new" and mode(out) == 0o600


def current_umask() -> int:
    value = os.umask(0)
    os.umask(value)
    return value


def test_private_umask_nests_and_restores() -> None:
    with private_umask():
        with private_umask():
            assert current_umask() == 0o077
        assert current_umask() == 0o077  # the outer block still protects
    assert current_umask() == 0o022


# ---- the meeting file, its WAL and shared memory, backups ------------------------------

def test_meeting_file_wal_and_shm_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    store = create_meeting(path, title="大会", date="2026-11-28")
    store.insert_member({"number": "1", "name": "张三", "branch_id": store.branch_id("一支部", create=True)})
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    assert wal.exists() and shm.exists()  # open and written: SQLite made both
    for p in (path, wal, shm):
        assert mode(p) == 0o600, f"{p.name} is {oct(mode(p))}"
    store.close()


def test_an_older_wider_meeting_file_is_tightened_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    create_meeting(path, title="大会", date="2026-11-28").close()
    held_open = sqlite3.connect(path)  # another reader keeps -wal and -shm in place
    held_open.execute("SELECT * FROM meeting").fetchall()
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{path}{suffix}").exists():
            os.chmod(f"{path}{suffix}", 0o644)
    with Store.open(path):
        for suffix in ("", "-wal", "-shm"):
            assert mode(Path(f"{path}{suffix}")) == 0o600
    held_open.close()


def test_backup_before_an_upgrade_is_owner_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.sqlite"
    create_meeting(path, title="t", date="2026-11-28").close()
    os.chmod(path, 0o644)  # as an older SignDesk left it

    def extra(db: sqlite3.Connection) -> None:
        """Add a column (test step)."""
        db.execute("ALTER TABLE meeting ADD COLUMN extra TEXT")

    monkeypatch.setattr(store_mod, "MIGRATIONS", [*schema.MIGRATIONS, extra])
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    Store.open(path).close()
    backup = tmp_path / f"m.sqlite.v{schema.SCHEMA_VERSION}.bak"
    assert backup.exists() and mode(backup) == 0o600


# ---- printed and exported outputs ----------------------------------------------------------

@pytest.mark.slow
def test_every_printed_and_exported_output_is_owner_only(demo_path: Path, tmp_path: Path) -> None:
    from reports.attendance import build_report
    from reports.cards import build_cards, write_pngs
    from reports.certificates import build_certificates
    from reports.export import export_attendance
    from reports.rollup import build_rollup, rollup
    from reports.sheets import build_sheets

    out = tmp_path / "out"
    out.mkdir(mode=0o755)
    os.chmod(out, 0o755)
    with Store.open(demo_path) as store:
        first = store.members()[0]
        build_report(store, out / "report.pdf")
        build_certificates(store, out / "certs.pdf")
        build_cards(store, out / "cards.pdf", branches=[first.branch])
        build_sheets(store, out / "sheets.pdf")
        export_attendance(store, out / "a.xlsx")
        export_attendance(store, out / "a.csv")
        pngs = write_pngs(store, out / "png" / "cards", branches=[first.branch])
    build_rollup(rollup([demo_path], "汇总"), out / "rollup.pdf")
    from kiosk.roster.template import write_template
    write_template(out / "template.xlsx")
    assert pngs
    files = assert_private_tree(out / "png")
    assert len(files) == len(pngs)
    for name in ("report.pdf", "certs.pdf", "cards.pdf", "sheets.pdf", "rollup.pdf",
                 "a.xlsx", "a.csv", "template.xlsx"):
        assert mode(out / name) == 0o600, f"{name} is {oct(mode(out / name))}"
    assert mode(out) == 0o755  # the user's own folder is theirs to set


def test_an_existing_wider_output_is_tightened_when_overwritten(demo_path: Path, tmp_path: Path) -> None:
    from reports.attendance import build_report
    from reports.export import export_attendance

    for name in ("r.pdf", "a.csv", "a.xlsx"):
        (tmp_path / name).write_bytes(b"old")
        os.chmod(tmp_path / name, 0o644)
    with Store.open(demo_path) as store:
        build_report(store, tmp_path / "r.pdf")
        export_attendance(store, tmp_path / "a.csv")
        export_attendance(store, tmp_path / "a.xlsx")
    for name in ("r.pdf", "a.csv", "a.xlsx"):
        assert mode(tmp_path / name) == 0o600


@pytest.mark.slow
def test_cli_outputs_are_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    """The CLI as a user runs it, in its own process with umask 022."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    work = tmp_path / "w"
    work.mkdir()

    def run(*args: str) -> None:
        r = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=work, env=env,
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr

    run("demo", "m.sqlite", "--no-window", "--arrivals", "0.3")
    run("report", "m.sqlite", "-o", "report.pdf")
    run("export", "m.sqlite", "-o", "list.xlsx")
    run("cards", "m.sqlite", "-o", "cards.pdf", "--branch", "第一支部", "--png-dir", "png/new")
    files = assert_private_tree(work)
    names = {p.name for p in files}
    assert {"m.sqlite", "report.pdf", "list.xlsx", "cards.pdf"} <= names
    assert any(n.endswith(".png") for n in names)


# ---- a desk's replica, the desk's certificates, the organizer's settings -----------------

def test_a_joined_desks_replica_is_owner_only(demo_path: Path, tmp_path: Path) -> None:
    from kiosk.link.client import join_meeting
    from kiosk.link.hub import Hub

    hub = Hub(demo_path, host="127.0.0.1", port=0, discovery=False, keep_code=True)
    hub.start()
    try:
        replica = tmp_path / "desks" / "desk-1号台.sqlite"
        private_dir(replica.parent)
        join_meeting(replica, code=hub.pairing_code, desk="1号台",
                     address=f"127.0.0.1:{hub.port}")
        assert mode(replica) == 0o600 and mode(replica.parent) == 0o700
        # the hub keeps its key and certificate, and the desks' credentials, in
        # the meeting file: owner-only too, with its journal
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{demo_path}{suffix}").exists():
                assert mode(Path(f"{demo_path}{suffix}")) == 0o600
        with Store.open(replica) as store:
            store.set_meta("touched", "1")
            for suffix in ("-wal", "-shm"):
                assert mode(Path(f"{replica}{suffix}")) == 0o600
    finally:
        hub.stop()


def test_the_desks_certificate_folder_and_pdf_are_owner_only(demo_path: Path) -> None:
    from kiosk.checkin import Desk, check_in
    from kiosk.meeting import set_signin

    with Store.open(demo_path) as store:
        set_signin(store, "open", "t")
        m = next(m for m in store.members() if m.status == "active" and m.category == "full")
        desk = store.branch_desk(m.branch_id) or "1号台"
        event = check_in(store, m.id, Desk(desk, "t"), method="search").event
    assert event is not None
    from kiosk.desk import certificate_in_this_thread

    pdf, _ = certificate_in_this_thread(demo_path, event.id)
    assert mode(pdf) == 0o600 and mode(pdf.parent) == 0o700


@pytest.mark.slow
def test_the_organizers_settings_file_is_owner_only(tmp_path: Path) -> None:
    pytest.importorskip("PySide6")
    code = (
        "from PySide6.QtCore import QCoreApplication, QSettings\n"
        "import sys\n"
        f"QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {str(tmp_path)!r})\n"
        "app = QCoreApplication(sys.argv)\n"
        "from ui.organizer.window import remember, settings\n"
        f"remember({str(tmp_path / 'm.sqlite')!r})\n"
        "print(settings().fileName())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    ini = Path(r.stdout.strip().splitlines()[-1])
    assert ini.exists() and mode(ini) == 0o600 and mode(ini.parent) == 0o700
