"""ID cards over the link: a desk's replica gets the hub's secret and every member's hash
(last four only for its own branches), signs in by ID card offline-capable, the hub accepts the
'idcard' events; and no file anywhere holds an ID number in clear (raw bytes searched)."""

from __future__ import annotations

import shutil
from pathlib import Path

from data.store import Store
from kiosk import idnumbers
from kiosk.checkin import Outcome
from kiosk.demo import demo_roster
from kiosk.desk import DeskService
from kiosk.link.hub import Hub
from kiosk.model import Method
from reports.attendance import build_report
from reports.export import export_attendance
from tests.link.linkkit import TestDesk, assert_converged


def _needles(id18: str) -> list[bytes]:
    """What an ID number in clear looks like in a file: the 18-character form, the
    15-digit old form, the first 14 digits, in ASCII and in UTF-16 (both orders)."""
    forms = [id18, id18[:14], id18[:6] + id18[8:17]]
    out = []
    for f in forms:
        out += [f.encode("ascii"), f.encode("utf-16-le"), f.encode("utf-16-be")]
    return out


def _no_id_in_clear(paths: list[Path], ids: list[str]) -> None:
    needles = [n for i in ids for n in _needles(i)]
    for path in paths:
        data = path.read_bytes()
        assert data, path
        leaked = [n for n in needles if n in data]
        assert leaked == [], f"{path.name} holds an ID number in clear"


def test_a_replica_signs_in_by_id_card_and_no_file_holds_a_number_in_clear(
        hub: Hub, hub_path: Path, tmp_path: Path) -> None:
    ids = {r.number: r.id_number for r in demo_roster().rows}
    desk = TestDesk(hub.address, hub.pairing_code, "1号台", tmp_path)
    try:
        with Store.open(hub_path) as store:
            key = store.get_meta(idnumbers.KEY_META)
            members = [m for m in store.members() if m.status == "active"
                       and m.category == "full"]
            mine = next(m for m in members if m.branch == "第一支部")
            other = next(m for m in members if m.branch != "第一支部")
        with Store.open(desk.path) as replica:
            assert replica.get_meta(idnumbers.KEY_META) == key
            rows = replica.all("SELECT b.name, m.id_hash, m.id_last4 FROM members m "
                               "JOIN branches b ON b.id = m.branch_id")
        assert all(h for _, h, _ in rows)  # every member's hash: other branches are redirected
        assert all(last4 for b, _, last4 in rows if b == "第一支部")
        assert not any(last4 for b, _, last4 in rows if b != "第一支部")  # least data
        svc = DeskService(desk.path, "1号台")
        try:
            r = svc.scan(ids[mine.number])
            assert r.outcome == Outcome.WELCOME and r.event.method == Method.IDCARD
            assert svc.scan(ids[other.number]).outcome == Outcome.WRONG_DESK
            assert svc.scan(idnumbers.to_18("999999800101001")).outcome == Outcome.ID_UNKNOWN
        finally:
            svc.close()
        desk.link.nudge()
        assert_converged(hub_path, [desk.path])
        with Store.open(hub_path) as store:
            got = [e for e in store.events_for(mine.id)]
            assert [(e.method, e.hub_seq is not None) for e in got] == [("idcard", True)]
            export_attendance(store, tmp_path / "attendance.csv")
            export_attendance(store, tmp_path / "attendance.xlsx")
            build_report(store, tmp_path / "report.pdf")
        # The raw bytes of every copy, while the files are open (the WAL holds recent pages).
        files = [hub_path, desk.path, tmp_path / "attendance.csv", tmp_path / "attendance.xlsx",
                 tmp_path / "report.pdf"]
        files += [p for p in (Path(f"{hub_path}-wal"), Path(f"{desk.path}-wal"))
                  if p.exists() and p.stat().st_size]
        _no_id_in_clear(files, list(ids.values()))
    finally:
        desk.stop()


def test_the_needles_would_find_a_number(tmp_path: Path) -> None:
    """The search above can fail: a file with a number in it is caught, in any of its forms."""
    some = demo_roster().rows[0].id_number
    for form in (some, some[:14], some[:6] + some[8:17]):
        leak = tmp_path / "leak.bin"
        leak.write_bytes(b"\x00prefix" + form.encode("utf-16-le") + b"suffix")
        try:
            _no_id_in_clear([leak], [some])
        except AssertionError:
            continue
        raise AssertionError(f"{form} in a file was not found")


def test_a_desk_refuses_a_malformed_secret_from_its_hub(tmp_path: Path, demo_path: Path) -> None:
    from kiosk.link.protocol import set_id_key

    path = tmp_path / "r.sqlite"
    shutil.copy(demo_path, path)
    with Store.open(path) as store:
        before = store.get_meta(idnumbers.KEY_META)
        for bad in ("zz" * 32, "A" * 64, "00" * 31, 7, None, "00" * 32 + "\n"):
            try:
                with store.transact():
                    set_id_key(store, {"id_key": bad})
            except ValueError:
                pass
            else:
                raise AssertionError(f"{bad!r} accepted")
        assert store.get_meta(idnumbers.KEY_META) == before
        with store.transact():
            set_id_key(store, {})  # an older hub says nothing: the replica keeps its own
        assert store.get_meta(idnumbers.KEY_META) == before
