"""Signing in with a resident ID card: recognised by shape and check digit, matched by a keyed
hash, never kept or shown in clear (hostile inputs first)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import data.schema as schema
from data.store import APPLICATION_ID, Store
from kiosk import codes, idnumbers
from kiosk.checkin import Desk, Outcome, check_in
from kiosk.demo import demo_roster
from kiosk.desk import DeskService
from kiosk.meeting import create_meeting
from kiosk.model import Method
from kiosk.roster import Roster, RosterError, RosterRow, import_roster, parse_roster
from kiosk.roster.preview import preview_text
from kiosk.validate import Rejected, parse_event

# GB 11643's own example number, and two more with right check characters.
GOOD = "11010519491231002X"
OTHER = "440524188001010014"
OLD15 = "110105491231002"  # the 15-digit form of GOOD's holder (born 1949-12-31)


def _forged(id18: str) -> str:
    """The same number with a wrong check character."""
    return id18[:17] + next(c for c in "0123456789X" if c != id18[17])


def _ids_of_demo() -> dict[str, str]:
    """Member number -> the demo's fictional ID number."""
    return {r.number: r.id_number for r in demo_roster().rows if r.number}


# ---- the number itself ---------------------------------------------------------------------

def test_check_character_iso_7064() -> None:
    assert idnumbers.is_valid(GOOD) and idnumbers.is_valid(OTHER)
    assert not idnumbers.is_valid(_forged(GOOD))
    assert idnumbers.to_18(OLD15) == GOOD  # the 15-digit number widened is the same person's
    assert idnumbers.last4(OLD15) == "002X"
    assert idnumbers.masked("002X") == "**************002X"
    assert idnumbers.mask_in_text(f"合计 {GOOD} 与 {OLD15}") == \
        "合计 **************002X 与 ***********1002"
    # Seventeen digits are the whole number (the check character follows), sixteen most
    # of it; a phone number (11) and a member number (10) are left as they are.
    assert idnumbers.mask_in_text(f"手机 {GOOD[:17]}，{GOOD[:16]}；13912345678 3101100001") == \
        "手机 *************1002，************3100；13912345678 3101100001"


@pytest.mark.parametrize("raw, shape", [
    (GOOD, "idcard"),
    (GOOD.lower(), "idcard"),                                      # lower-case x
    ("".join(chr(ord(c) + 0xFEE0) for c in GOOD), "idcard"),       # full-width from an IME
    (f"  {GOOD}\r\n", "idcard"),                                   # a reader's Enter
    (_forged(GOOD), "idcard_bad"),                                 # forged check character
    (GOOD[:17], "number"),                                         # 17 characters: not an ID
    (GOOD + "1", "number"),                                        # 19 characters: not an ID
    (GOOD[:9] + "\x00" + GOOD[10:], "garbage"),                    # a control character inside
    (GOOD[:9] + "\u202e" + GOOD[10:], "garbage"),                  # a bidi override inside
    ("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X", "garbage"),                             # Arabic-Indic digits
    ("X" * 18, "number"),
])
def test_what_looks_like_an_id_number(raw: str, shape: str) -> None:
    assert codes.parse(raw).shape == shape


# ---- at the desk -----------------------------------------------------------------------------

def test_a_swiped_id_signs_in_like_a_card_with_method_idcard(demo_path: Path) -> None:
    ids = _ids_of_demo()
    with Store.open(demo_path) as store:
        members = [m for m in store.members() if m.status == "active" and m.category == "full"]
        m = members[0]
        desk = next(b.desk_name for b in store.branches() if b.id == m.branch_id)
    svc = DeskService(demo_path, desk)
    try:
        first = svc.scan(ids[m.number].lower() + "\r\n")
        assert first.outcome == Outcome.WELCOME and first.member.id == m.id
        assert first.event.method == Method.IDCARD
        assert first.text == idnumbers.masked(ids[m.number][-4:])  # never the number itself
        assert ids[m.number] not in json.dumps(first.as_dict(), ensure_ascii=False)
        again = svc.scan(ids[m.number])
        assert again.outcome == Outcome.ALREADY and again.earlier.id == first.event.id
        # Another branch's member at this desk: told where to go, as with a card.
        other = next(x for x in members if x.branch_id != m.branch_id)
        wrong = svc.scan(ids[other.number])
        assert wrong.outcome == Outcome.WRONG_DESK and wrong.serving_desk and not wrong.recorded
        # Early-leave mode takes the ID card too.
        left = svc.leave(ids[m.number])
        assert left.outcome == Outcome.LEFT and left.event.method == Method.IDCARD
    finally:
        svc.close()


def test_excluded_member_by_id_card(demo_path: Path) -> None:
    ids = _ids_of_demo()
    with Store.open(demo_path) as store:
        m = next(m for m in store.members() if m.status == "excluded" and m.category != "observer")
    svc = DeskService(demo_path, "1号台")
    try:
        assert svc.scan(ids[m.number]).outcome == Outcome.EXCLUDED
    finally:
        svc.close()


def test_wrong_check_digit_and_unknown_number_are_red_never_a_search(demo_path: Path) -> None:
    ids = _ids_of_demo()
    svc = DeskService(demo_path, "1号台")
    try:
        before = svc.store.last_event_seq()
        some = next(iter(ids.values()))
        bad = svc.scan(_forged(some))
        assert bad.outcome == Outcome.ID_WRONG and bad.colour == "red" and bad.member is None
        assert bad.text.startswith("**************")
        unknown = svc.scan(OTHER)
        assert unknown.outcome == Outcome.ID_UNKNOWN and unknown.colour == "red"
        assert unknown.text == "**************0014"
        assert svc.search(some) == [] and svc.search(_forged(some)) == []
        assert svc.store.last_event_seq() == before
        assert svc.id_cards_usable()
    finally:
        svc.close()


def test_a_roster_without_id_numbers_turns_the_feature_off(tmp_path: Path) -> None:
    store = create_meeting(tmp_path / "m.sqlite", title="t", date="2026-11-28")
    import_roster(store, Roster("r", [RosterRow(2, "王伟", "一支部", "1", "", "", "", "",
                                                "full", "active", "", "")], {}), "t")
    store.close()
    svc = DeskService(tmp_path / "m.sqlite", "1号台")
    try:
        assert not svc.id_cards_usable()
        assert svc.scan(GOOD).outcome == Outcome.ID_OFF
        assert svc.scan(_forged(GOOD)).outcome == Outcome.ID_WRONG  # still a misread first
    finally:
        svc.close()


def test_an_18_digit_member_number_still_finds_its_member(tmp_path: Path) -> None:
    store = create_meeting(tmp_path / "m.sqlite", title="t", date="2026-11-28")
    import_roster(store, Roster("r", [RosterRow(2, "王伟", "一支部", OTHER, "", "", "", "",
                                                "full", "active", "", "")], {}), "t")
    r = check_in(store, store.member_by_number(OTHER).id, Desk("1号台", "t"))
    assert r.outcome == Outcome.WELCOME
    store.close()
    svc = DeskService(tmp_path / "m.sqlite", "1号台")
    try:
        assert svc.scan(OTHER).outcome == Outcome.ALREADY
    finally:
        svc.close()


# ---- importing ---------------------------------------------------------------------------------

def _csv(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text("姓名,支部,党员编号,公民身份证号码\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_import_keeps_hash_and_last_four_and_a_15_digit_number_matches_its_card(
        tmp_path: Path) -> None:
    path = _csv(tmp_path, [f"王伟,一支部,1,{OLD15}", f"李娜,一支部,2,{OTHER}", "张强,一支部,3,"])
    roster = parse_roster(path)
    text = preview_text(roster) + preview_text(roster, zh=True)
    assert "**************002X" in text and "3 people" in text
    for needle in (GOOD, OLD15, OTHER, GOOD[:14], OTHER[:14]):
        assert needle not in text and needle not in repr(roster.rows)
    store = create_meeting(tmp_path / "m.sqlite", title="t", date="2026-11-28")
    import_roster(store, roster, "t")
    got = store.all("SELECT name, id_hash, id_last4 FROM members ORDER BY id")
    key = store.get_meta(idnumbers.KEY_META)
    assert got == [("王伟", idnumbers.id_hash(key, GOOD), "002X"),
                   ("李娜", idnumbers.id_hash(key, OTHER), "0014"), ("张强", "", "")]
    assert check_in(store, GOOD, Desk("1号台", "t")).member.name == "王伟"
    # A re-import without the number drops it; the audit never holds a hash.
    import_roster(store, parse_roster(_csv(tmp_path, ["王伟,一支部,1,", f"李娜,一支部,2,{OTHER}"])),
                  "t")
    assert store.one("SELECT id_hash, id_last4 FROM members WHERE name = '王伟'") == ("", "")
    audit = json.dumps(store.audit_log(), ensure_ascii=False)
    assert idnumbers.id_hash(key, GOOD) not in audit and GOOD not in audit
    store.close()


def test_an_id_number_in_another_column_is_masked_in_the_problems(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(f"姓名,支部,手机,类别\n王伟,一支部,{GOOD},{OTHER}\n", encoding="utf-8")
    with pytest.raises(RosterError) as err:
        parse_roster(path)
    shown = repr([(p.message, p.zh()) for p in err.value.problems])
    assert "**************002X" in shown and "**************0014" in shown
    for needle in (GOOD, OTHER, GOOD[:14], OTHER[:14]):
        assert needle not in shown


def test_id_numbers_outside_the_id_column_are_said_and_notes_masked(tmp_path: Path) -> None:
    """A member number that is an ID number is kept (some offices number members so) but
    the preview says so; an ID number in the notes is kept as its last four only."""
    path = tmp_path / "roster.csv"
    path.write_text(f"姓名,支部,党员编号,备注\n王伟,一支部,{GOOD.lower()},\n"
                    f"李娜,一支部,2,身份证 {OTHER}，请核对\n张强,一支部,3,电话 13912345678\n",
                    encoding="utf-8")
    roster = parse_roster(path)
    said = [(f.column, f.message, f.zh()) for f in roster.findings if f.kind == "column"]
    number = next(f for f in said if "member numbers are resident ID numbers" in f[1])
    assert number[0] == "党员编号" and "(rows 2)" in number[1] and "1 个党员编号是身份证号" in number[2]
    notes = next(f for f in said if "notes of 1 members" in f[1])
    assert notes[0] == "备注" and "(rows 3)" in notes[1]
    assert [r.notes for r in roster.rows] == ["", "身份证 **************0014，请核对",
                                               "电话 13912345678"]
    assert OTHER not in repr(roster.rows) and OTHER not in repr(roster.findings)
    store = create_meeting(tmp_path / "m.sqlite", title="t", date="2026-11-28")
    import_roster(store, roster, "t")
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("m.sqlite*"))
    assert OTHER.encode() not in raw and OTHER[:14].encode() not in raw
    store.close()


def test_a_meeting_file_imported_from_a_roster_file_holds_no_number_in_clear(
        tmp_path: Path) -> None:
    path = _csv(tmp_path, [f"王伟,一支部,1,{GOOD}", f"李娜,一支部,2,{OTHER}"])
    store = create_meeting(tmp_path / "m.sqlite", title="t", date="2026-11-28")
    import_roster(store, parse_roster(path), "t")
    check_in(store, GOOD, Desk("1号台", "t"))
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("m.sqlite*"))
    assert len(raw) > 10_000  # the file and its -wal, read while open
    for n in (GOOD, OTHER, OLD15, GOOD[:14], OTHER[:14], OTHER[:6] + OTHER[8:17]):
        assert n.encode() not in raw and n.encode("utf-16-le") not in raw
    store.close()


def test_duplicate_and_bad_id_numbers_are_problems_naming_rows_masked(tmp_path: Path) -> None:
    path = _csv(tmp_path, [f"王伟,一支部,1,{GOOD}", f"李娜,一支部,2,{OLD15}",
                           f"张强,一支部,3,{_forged(OTHER)}", f"赵敏,一支部,4,{OTHER}1"])
    with pytest.raises(RosterError) as err:
        parse_roster(path)
    got = [(p.row, p.message, p.zh()) for p in err.value.problems]
    assert got[0][0] == 3 and "duplicate ID number **************002X (also in row 2)" in got[0][1]
    assert "第2行也有" in got[0][2]
    assert got[1][0] == 4 and "wrong check digit" in got[1][1]
    assert got[2][0] == 5 and "19 characters" in got[2][1]
    shown = repr(got)
    for needle in (GOOD, OTHER, _forged(OTHER), GOOD[:14], OTHER[:14]):
        assert needle not in shown


def test_a_row_giving_the_id_number_of_a_member_not_in_the_file_is_refused(
        tmp_path: Path) -> None:
    """A renumbered member (or a typo) would give two members one ID number, and a swipe
    would sign in either: the import refuses it whole, naming the row and the other."""
    store = create_meeting(tmp_path / "m.sqlite", title="t", date="2026-11-28")
    import_roster(store, parse_roster(_csv(tmp_path, [f"王伟,一支部,1,{GOOD}",
                                                      f"李娜,一支部,2,{OTHER}"])), "t")
    before = store.all("SELECT * FROM members ORDER BY id")
    # 王伟 is left out (kept on the roll); row 3 gives his ID number under a new number.
    path = _csv(tmp_path, [f"李娜,一支部,2,{OTHER}", f"王卫,二支部,7,{GOOD}"])
    with pytest.raises(RosterError) as err:
        import_roster(store, parse_roster(path), "t")
    (problem,) = err.value.problems
    assert problem.row == 3 and problem.column == "公民身份证号码"
    assert "王伟 (一支部, number 1)" in problem.message
    assert "成员王伟（一支部，编号 1）相同" in problem.zh() and "第3行" in problem.zh()
    assert GOOD not in repr(err.value.problems) and GOOD[:14] not in err.value.zh
    assert store.all("SELECT * FROM members ORDER BY id") == before  # nothing written
    assert store.one("SELECT count(*) FROM branches WHERE name = '二支部'") == (0,)
    # The same person under the same number is a change, not a clash.
    import_roster(store, parse_roster(_csv(tmp_path, [f"王伟,二支部,1,{GOOD}"])), "t")
    assert check_in(store, GOOD, Desk("1号台", "t")).member.branch == "二支部"
    store.close()


def test_a_roster_built_in_code_with_one_id_number_twice_is_refused(tmp_path: Path) -> None:
    """Rows made by a program are not read through the file checks: the import still
    refuses two rows with one ID number, naming both rows."""
    rows = [RosterRow(row=2 + i, name=n, branch="一支部", number=str(i + 1), gender="", birth_date="",
                      education="", phone="", category="full", status="active", reason="",
                      notes="", id_number=GOOD) for i, n in enumerate(("王伟", "李娜"))]
    store = create_meeting(tmp_path / "m.sqlite", title="t", date="2026-11-28")
    with pytest.raises(RosterError) as err:
        import_roster(store, Roster("made", rows, {}), "t")
    assert [(p.row, p.message) for p in err.value.problems] == [
        (3, "duplicate ID number (also in row 2)")]
    assert store.members() == []
    store.close()


def test_the_demo_gives_every_member_an_own_id_number() -> None:
    ids = [r.id_number for r in demo_roster(size=20_000).rows]
    assert len(set(ids)) == len(ids)
    assert all(idnumbers.is_valid(i) for i in ids[::997])


# ---- the hub's rules -----------------------------------------------------------------------------

def test_the_hub_takes_idcard_events_and_refuses_malformed_methods() -> None:
    row = ["a" * 32, "arrive", 1, "1号台", "王", "idcard", "2026-11-28T09:00:00+08:00", None, "",
           None]
    assert parse_event(row)["method"] == "idcard"
    for method in ("IDCARD", "id card", "idcard\x00", "idcard" * 10, 7, None):
        with pytest.raises(Rejected):
            parse_event(row[:5] + [method] + row[6:])


# ---- the schema step ------------------------------------------------------------------------------

def _step() -> int:
    """Index of the step that adds ID numbers (its number may change as steps are added)."""
    return next(i for i, m in enumerate(schema.MIGRATIONS) if "ID number" in (m.__doc__ or ""))


def _old_file(path: Path, *, role: str = "authority", version: int | None = None) -> None:
    """A file as an older version left it (by default the one before the ID-number step),
    with events and a refusal."""
    version = _step() if version is None else version
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("BEGIN")
    for step in schema.MIGRATIONS[:version]:
        step(db)
    db.execute("INSERT INTO meeting (id, uid, code_prefix, title, date, created_at) "
               "VALUES (1, 'u', 'ABCD', 't', '2026-11-28', '2026-11-28T08:00:00+08:00')")
    db.execute("INSERT INTO branches (id, name, position) VALUES (1, '一支部', 1)")
    db.execute("INSERT INTO members (id, number, name, branch_id) VALUES (1, '1', '王伟', 1)")
    for i, (kind, target, reason, hub_seq) in enumerate([
            ("arrive", None, "", 1), ("void", "e0", "错签", 2), ("arrive", None, "", None)]):
        db.execute("INSERT INTO events (id, kind, member_id, desk, operator, method, at, target, "
                   "reason, hub_seq, received_at) VALUES (?, ?, 1, '1号台', '王', 'scan', "
                   "'2026-11-28T09:00:00+08:00', ?, ?, ?, NULL)",
                   (f"e{i}", kind, target, reason, hub_seq))
    db.execute("INSERT INTO refused VALUES ('e2', 'closed', 'sign-in closed', '2026-11-28')")
    db.execute("INSERT INTO meta VALUES ('role', ?)", (role,))
    db.execute(f"PRAGMA application_id={APPLICATION_ID}")
    db.execute(f"PRAGMA user_version={version}")
    db.execute("COMMIT")
    db.close()


@pytest.mark.parametrize("version", [3, _step()])
def test_upgrade_keeps_events_refusals_triggers_and_makes_a_secret(tmp_path: Path,
                                                                   version: int) -> None:
    path = tmp_path / "old.sqlite"
    _old_file(path, version=version)
    with Store.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert [(e.id, e.kind, e.hub_seq) for e in store.events_after(0)] == \
            [("e0", "arrive", 1), ("e1", "void", 2)]  # e2 is refused: kept, not counted
        assert store.all("SELECT event_id, code, reason, at FROM refused") == [
            ("e2", "closed", "sign-in closed", "2026-11-28")]
        assert idnumbers.is_key(store.get_meta(idnumbers.KEY_META))
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = {r[0] for r in store.all("SELECT name FROM sqlite_master")}
        assert {"events_no_delete", "events_no_update", "events_member",
                "members_id_hash"} <= names and "events_v4" not in names
        db = store.db
        with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
            db.execute("DELETE FROM events WHERE id = 'e0'")
        with pytest.raises(sqlite3.DatabaseError, match="immutable"):
            db.execute("UPDATE events SET desk = 'x' WHERE id = 'e2'")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO events (id, kind, member_id, desk, operator, method, at) "
                       "VALUES ('bad', 'arrive', 1, 'd', 'o', 'IDCARD', 'now')")
        with store.transact():
            db.execute("INSERT INTO events (id, kind, member_id, desk, operator, method, at) "
                       "VALUES ('new', 'arrive', 1, 'd', 'o', 'idcard', 'now')")
    assert (tmp_path / f"old.sqlite.v{version}.bak").exists()


def test_a_replica_upgraded_makes_no_secret_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite"
    _old_file(path, role="replica")
    with Store.open(path) as store:
        assert store.get_meta(idnumbers.KEY_META) is None  # its hub's comes with the roster


# ---- the command line ------------------------------------------------------------------------------

@pytest.mark.slow
def test_the_command_line_never_prints_an_id_number(tmp_path: Path) -> None:
    """import --preview, checkin (text and JSON) in real processes: masked, and signed in."""
    import subprocess
    import sys

    main = Path(__file__).resolve().parents[2] / "main.py"

    def run(*args: str) -> str:
        proc = subprocess.run([sys.executable, str(main), *args], capture_output=True,
                              text=True, timeout=120)
        return proc.stdout + proc.stderr

    roster = _csv(tmp_path, [f"王伟,一支部,1,{GOOD}", f"李娜,一支部,2,{OTHER}"])
    meeting = tmp_path / "m.sqlite"
    out = [run("new", str(meeting), "--title", "t", "--date", "2026-11-28"),
           run("import", str(meeting), str(roster), "--preview"),
           run("import", str(meeting), str(roster))]
    for raw in (GOOD, _forged(GOOD), "440524188001010014"[:17] + "X", "11010519800101001X"):
        out += [run("checkin", str(meeting), raw), run("checkin", str(meeting), raw, "--json")]
    text = "\n".join(out)
    assert "**************002X" in text and "welcome" in text and "id_wrong" in text
    for needle in (GOOD, OTHER, GOOD[:14], OTHER[:14], _forged(GOOD)):
        assert needle not in text


def test_member_for_id_number_is_the_one_lookup(demo_store: Store) -> None:
    from kiosk.desk import member_for_id_number

    ids = _ids_of_demo()
    m = demo_store.members()[5]
    assert member_for_id_number(demo_store, ids[m.number]).id == m.id
    assert member_for_id_number(demo_store, ids[m.number].lower()).id == m.id
    for other in (_forged(ids[m.number]), ids[m.number][:17], OTHER, m.number or "", ""):
        assert member_for_id_number(demo_store, other) is None
