"""ID cards over the link: a desk's replica gets the hub's secret and its own branches' hashes
and last four only, signs its own members in by ID card offline-capable, asks the hub about any
other number (``id_lookup``: wrong desk online, a red "could not ask" offline), the hub accepts
the 'idcard' events, refuses malformed lookups and answers them at a bounded rate; and no file
anywhere holds an ID number in clear (raw bytes searched)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

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
from tests.waiting import wait_for


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
        # Least data: hashes and last four of its own branch only (a replica and its secret
        # give every hash it holds up to a brute force); the hub is asked about the rest.
        assert all(h and last4 for b, h, last4 in rows if b == "第一支部")
        assert not any(h or last4 for b, h, last4 in rows if b != "第一支部")
        assert any(b != "第一支部" for b, _, _ in rows)  # the other members are there, without
        svc = DeskService(desk.path, "1号台")
        try:
            r = svc.scan(ids[mine.number])
            assert r.outcome == Outcome.WELCOME and r.event.method == Method.IDCARD
            # Another branch's card: not found here, so asked of the hub, then routed as a card.
            local = svc.scan(ids[other.number])
            assert local.outcome == Outcome.ID_UNKNOWN and local.event is None
            digest = svc.hub_question(ids[other.number], local)
            assert digest is not None
            t0 = time.perf_counter()
            member_id = desk.link.lookup_id(digest, 2.0)
            took = time.perf_counter() - t0
            assert member_id == other.id and took < 1.0
            routed = svc.scan_id_found(member_id, local.text)
            assert routed.outcome == Outcome.WRONG_DESK and routed.serving_desk != "1号台"
            assert routed.text == local.text and "*" in routed.text  # masked, never in clear
            nobody = idnumbers.to_18("999999800101001")
            local = svc.scan(nobody)
            assert desk.link.lookup_id(svc.hub_question(nobody, local), 2.0) is None
            assert svc.scan_id_found(None, local.text).outcome == Outcome.ID_UNKNOWN
            # Its own member's card and a wrong check character need no question.
            assert svc.hub_question(ids[mine.number], svc.scan(ids[mine.number])) is None
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


def test_a_desk_cut_off_from_its_hub_cannot_ask_and_says_so(hub_path: Path, tmp_path: Path) -> None:
    """Hub stopped: the lookup raises at once (offline), no waiting, no guess."""
    from kiosk.link.client import LookupUnavailable

    ids = {r.number: r.id_number for r in demo_roster().rows}
    hub = Hub(hub_path, host="127.0.0.1", port=0, discovery=False, keep_code=True)
    hub.start()
    desk = TestDesk(hub.address, hub.pairing_code, "1号台", tmp_path)
    try:
        assert desk.link.wait_until(lambda s: s.online, 10)
        with Store.open(hub_path) as store:
            other = next(m for m in store.members() if m.branch != "第一支部"
                         and m.status == "active" and m.removed_at is None)
        svc = DeskService(desk.path, "1号台")
        try:
            local = svc.scan(ids[other.number])
            digest = svc.hub_question(ids[other.number], local)
            assert desk.link.lookup_id(digest, 2.0) == other.id
            hub.stop()
            assert desk.link.wait_until(lambda s: not s.online, 10)
            t0 = time.perf_counter()
            with pytest.raises(LookupUnavailable) as caught:
                desk.link.lookup_id(digest, 2.0)
            assert caught.value.reason == "offline" and time.perf_counter() - t0 < 0.5
            assert desk.link._lookups == {}  # nothing left waiting
        finally:
            svc.close()
    finally:
        desk.stop()
        hub.stop()


def _raw_desk(hub: Hub, tmp_path: Path, name: str = "1号台"):  # noqa: ANN202 - RawWS
    """A paired desk speaking raw WebSocket (attackkit.raw_desk) to this hub."""
    from attackkit import raw_desk

    return raw_desk(hub.address, hub.pairing_code, tmp_path, name)


@pytest.mark.parametrize("bad", [
    {"type": "id_lookup", "id": 1},
    {"type": "id_lookup", "id": 1, "hash": "ab" * 31},
    {"type": "id_lookup", "id": 1, "hash": "AB" * 32},
    {"type": "id_lookup", "id": 1, "hash": "ab" * 32 + "\n"},
    {"type": "id_lookup", "id": 1, "hash": "zz" * 32},
    {"type": "id_lookup", "id": 1, "hash": ["ab" * 32]},
    {"type": "id_lookup", "id": "1", "hash": "ab" * 32},
    {"type": "id_lookup", "id": True, "hash": "ab" * 32},
    {"type": "id_lookup", "id": -1, "hash": "ab" * 32},
    {"type": "id_lookup", "id": 2**64, "hash": "ab" * 32},
    {"type": "id_lookup", "id": 1.5, "hash": "ab" * 32},
    {"type": "id_lookup", "hash": "ab" * 32},
])
def test_a_malformed_lookup_closes_the_connection(hub: Hub, tmp_path: Path, bad: dict) -> None:
    ws = _raw_desk(hub, tmp_path)
    try:
        ws.send_json({"type": "id_lookup", "id": 7, "hash": "ab" * 32})
        assert ws.until("id_found") == {"type": "id_found", "id": 7, "member": None,
                                        "id_numbers": True}
        ws.send_json(bad)
        assert ws.closed_by_hub()
    finally:
        ws.close()


def test_the_hub_answers_current_members_only(hub: Hub, hub_path: Path, tmp_path: Path) -> None:
    """A removed member's hash stays in the file but is nobody's to a desk."""
    with Store.open(hub_path) as store:
        gone, kept = store.all("SELECT id, id_hash FROM members WHERE id_hash != '' "
                               "AND removed_at IS NULL LIMIT 2")
        store.db.execute("UPDATE members SET removed_at = '2026-01-01T00:00:00+00:00' "
                         "WHERE id = ?", (gone[0],))
    ws = _raw_desk(hub, tmp_path)
    try:
        ws.send_json({"type": "id_lookup", "id": 1, "hash": gone[1]})
        ws.send_json({"type": "id_lookup", "id": 2, "hash": kept[1]})
        assert ws.until("id_found")["member"] is None
        assert ws.until("id_found") == {"type": "id_found", "id": 2, "member": kept[0],
                                        "id_numbers": True}
    finally:
        ws.close()


def test_a_meeting_without_id_numbers_says_id_cards_are_off_at_every_desk(
        hub_path: Path, tmp_path: Path) -> None:
    """A roster imported without ID numbers: a swipe at a desk is "ID cards cannot sign in
    here" (the hub says it has none), not "this ID card is not on the list"."""
    from kiosk.link.client import LookupUnavailable

    with Store.open(hub_path) as store:
        store.db.execute("UPDATE members SET id_hash = '', id_last4 = ''")
    hub = Hub(hub_path, host="127.0.0.1", port=0, discovery=False, keep_code=True)
    hub.start()
    desk = TestDesk(hub.address, hub.pairing_code, "1号台", tmp_path)
    try:
        wait_for(lambda: desk.link.status().online, 10, "the desk online")
        svc = DeskService(desk.path, "1号台")
        try:
            swiped = idnumbers.to_18("999999800101001")
            local = svc.scan(swiped)
            assert local.outcome == Outcome.ID_OFF
            digest = svc.hub_question(swiped, local)
            assert digest is not None  # a replica does not know whether others have them
            with pytest.raises(LookupUnavailable) as off:
                desk.link.lookup_id(digest, 5.0)
            assert off.value.reason == "off"
        finally:
            svc.close()
    finally:
        desk.stop()
        hub.stop()


@pytest.mark.slow
def test_a_desk_asking_over_and_over_is_answered_at_the_limited_rate(
        hub: Hub, tmp_path: Path) -> None:
    """60 lookups from a stolen desk, pipelined as a brute force would: the burst at once,
    then LOOKUPS_PER_SECOND (answered slowly, never refused faster); reconnecting buys no new
    burst; 60 sent at once get no more answers in a second than the rate allows."""
    from kiosk.link import limits

    n, window = 60, 2  # two questions on the wire: the hub keeps reading its pings' answers
    ws = _raw_desk(hub, tmp_path)
    try:
        t0 = time.monotonic()
        got: list[int] = []
        for i in range(n):
            ws.send_json({"type": "id_lookup", "id": i, "hash": f"{i:064x}"})
            if i + 1 - len(got) >= window:
                got.append(ws.until("id_found", 30)["id"])
        while len(got) < n:
            got.append(ws.until("id_found", 30)["id"])
        elapsed = time.monotonic() - t0
    finally:
        ws.close()
    assert got == list(range(n))
    least = (n - limits.LOOKUPS_BURST) / limits.LOOKUPS_PER_SECOND
    assert least * 0.95 <= elapsed < least + 10, (elapsed, least)
    ws = _raw_desk(hub, tmp_path)  # the same desk again: its bucket is still empty
    try:
        t0 = time.monotonic()
        for i in range(n):
            ws.send_json({"type": "id_lookup", "id": i, "hash": f"{i:064x}"})
        answers = 0
        ws.sock.settimeout(0.2)
        while time.monotonic() - t0 < 2.0:
            msg = ws.recv()
            if msg is None and ws.closed_code is not None:
                break
            answers += msg is not None and msg.get("type") == "id_found"
        # Within 2 s: what accrued since the last answer (at most the rate's 2 s), no burst.
        assert answers <= 2.0 * limits.LOOKUPS_PER_SECOND + 2, answers
    finally:
        ws.close()


def test_a_desk_takes_only_well_formed_answers_and_only_to_its_questions(tmp_path: Path) -> None:
    """A hub's ``id_found`` naming a member by anything but a whole number (or null) is a
    protocol error (the desk drops the connection); an answer to no question is ignored;
    a question beyond MAX_LOOKUPS waiting is refused at once ('busy')."""
    import asyncio

    from kiosk.link.client import MAX_LOOKUPS, DeskLink, LookupUnavailable
    from kiosk.link.protocol import ProtocolError

    link = DeskLink(tmp_path / "none.sqlite", discovery=False)
    for bad in ("12", True, 1.5, [1], {"id": 1}):
        with pytest.raises(ProtocolError):
            link._answered({"type": "id_found", "id": 1, "member": bad})
    for request in (99, "1", None, [1]):
        link._answered({"type": "id_found", "id": request, "member": 5})  # nobody asked

    async def crowd() -> tuple[list, int | None]:
        class Wire:  # stands in for the connection: takes what is sent
            sent: list[str] = []

            async def send(self, text: str) -> None:
                self.sent.append(text)

        link._ws = Wire()  # type: ignore[assignment]
        link._state = "online"
        waiting = [asyncio.ensure_future(link._lookup("ab" * 32)) for _ in range(MAX_LOOKUPS)]
        await asyncio.sleep(0)
        with pytest.raises(LookupUnavailable) as caught:
            await link._lookup("ab" * 32)
        assert caught.value.reason == "busy"
        link._answered({"type": "id_found", "id": 1, "member": 42})
        first = await waiting[0]
        link._drop_lookups()  # the connection went: everyone waiting is told
        results = await asyncio.gather(*waiting[1:], return_exceptions=True)
        assert link._lookups == {}
        return results, first

    results, first = asyncio.run(crowd())
    assert first == 42
    assert all(isinstance(r, LookupUnavailable) and r.reason == "offline" for r in results)


def test_a_branch_handed_to_a_desk_brings_its_hashes_and_takes_them_back(
        hub: Hub, hub_path: Path, tmp_path: Path) -> None:
    """Assignment changes travel as the desk's whole view: the new branch's ID hashes arrive,
    and go again (overwritten with '') when the branch is handed to another desk."""
    from kiosk.meeting import assign_desk
    from tests.link.linkkit import wait_for

    desk = TestDesk(hub.address, hub.pairing_code, "1号台", tmp_path)

    def held(branch: str) -> list[str]:
        with Store.open(desk.path) as replica:
            return [r[0] for r in replica.all(
                "SELECT m.id_hash FROM members m JOIN branches b ON b.id = m.branch_id "
                "WHERE b.name = ?", (branch,))]

    try:
        assert held("第二支部") and not any(held("第二支部"))
        with Store.open(hub_path) as store:
            assign_desk(store, "第二支部", "1号台", "test")
        wait_for(lambda: all(held("第二支部")), 10, "the handed branch's hashes")
        with Store.open(hub_path) as store:
            assign_desk(store, "第二支部", "2号台", "test")
        wait_for(lambda: not any(held("第二支部")), 10, "the hashes to go with the branch")
        assert all(held("第一支部"))
    finally:
        desk.stop()
