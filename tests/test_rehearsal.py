"""The rehearsal: a whole meeting from nothing, end to end, with real processes and paper.

The demo meeting is built and its invitation cards printed; every QR code is
read back off the rendered pages; a hub and eleven headless desks run as
separate ``main.py`` processes on 127.0.0.1; the decoded codes are "scanned" at
the right desks (and some at the wrong desk, twice, forged, from another
meeting, garbled); forgetful members are found by pinyin; one check-in is
voided and one early leave recorded; one desk loses its network mid-way, keeps
signing in, crashes, and comes back; sign-in is closed; the report,
certificates and paper sheets are printed. The figures must then agree
everywhere: the rehearsal's own count of who it let in, the hub's
``stats --json``, every desk's replica, and the printed report.
"""

from __future__ import annotations

import json
import random
import re
import time
from pathlib import Path
from typing import Any

import pytest
from rehearsal_kit import (
    DeskProcess,
    HubProcess,
    Relay,
    cli,
    decode_qr_codes,
    in_parallel,
    pdf_pages,
    pdf_text,
    qpdf_check,
    report_figures,
    wait_for,
)

from data.store import Store
from kiosk import codes
from kiosk.meeting import set_signin
from kiosk.model import is_expected, is_voting

DESKS = [f"{n}号台" for n in range(1, 12)]
OFFLINE = "5号台"      # the desk whose network is cut and whose laptop then dies
SHARE = 0.85           # of the expected members come with their card
VOID_REASON = "代签：持他人证件，本人未到会"
# Forgetful members as the secretary types them: polyphonic surnames (曾 zeng,
# 单 shan) and a name two members share (王伟), told apart by branch.
FORGETFUL = {"zengxiaoming": ("曾小明", "第九支部"), "shantianfang": ("单田芳", "第十支部"),
             "wangwei": ("王伟", "第四支部")}


def _members(path: Path) -> list[dict[str, Any]]:
    """``members --json``: every member with presence and current card code."""
    return json.loads(cli("members", str(path), "--json"))


def _stats(path: Path) -> dict[str, Any]:
    """``stats --json``: the figures as the dashboard and the report compute them."""
    return json.loads(cli("stats", str(path), "--json"))


def _event_ids(path: Path) -> set[str]:
    """Every event id a meeting file or replica holds (read while its owner runs)."""
    with Store.open(path, check=False) as store:
        return {r[0] for r in store.all("SELECT id FROM events")}


def _waiting(path: Path) -> int:
    """A replica's check-ins the hub has not acknowledged."""
    with Store.open(path, check=False) as store:
        return int(store.one("SELECT count(*) FROM events WHERE hub_seq IS NULL")[0])


def _turnout(present: int, expected: int) -> str:
    """present/expected in percent, two decimals, half up, in integers (the rule, restated)."""
    hundredths = (20000 * present + expected) // (2 * expected)
    return f"{hundredths // 100}.{hundredths % 100:02d}"


@pytest.mark.slow
def test_rehearsal_of_a_whole_meeting(tmp_path: Path) -> None:
    """From an empty folder to the printed report, with every figure agreeing."""
    started = time.monotonic()
    rnd = random.Random(20261128)
    hub_file, other_file = tmp_path / "北郊.sqlite", tmp_path / "other.sqlite"

    # ---- from nothing: the meeting, and another meeting whose card someone brings --------
    assert "built the demo meeting" in cli("demo", str(hub_file), "--no-window", "--arrivals", "0")
    cli("demo", str(other_file), "--no-window", "--arrivals", "0")
    members = _members(hub_file)
    by_id = {m["id"]: m for m in members}
    desk_of = {b["name"]: b["desk"] for b in _stats(hub_file)["branches"]}
    assert sorted(desk_of.values(), key=lambda d: int(d.removesuffix("号台"))) == DESKS

    # ---- invitation cards: print, render, read every QR code back ----------------------------
    cards_pdf = tmp_path / "cards.pdf"
    assert f"wrote {sum(m['status'] != 'excluded' or m['category'] == 'observer' for m in members)}" \
        f" cards" in cli("cards", str(hub_file), "-o", str(cards_pdf))
    qpdf_check(cards_pdf)
    decoded = decode_qr_codes(cards_pdf, tmp_path / "card-pages")
    carded = {m["card"] for m in members
              if m["status"] != "excluded" or m["category"] == "observer"}
    assert len(decoded) == len(set(decoded)), "a card was printed twice"
    assert set(decoded) == carded
    # From here on, a member's card is what was read off the paper.
    code_of = {m["id"]: m["card"] for m in members if m["card"] in set(decoded)}

    # ---- who will do what (decided up front, from the decoded codes) ---------------------------
    expected = [m for m in members if is_expected(m["category"], m["status"])]
    forgetful = {}
    for query, (name, branch) in FORGETFUL.items():
        (m,) = [m for m in expected if m["name"] == name and m["branch"] == branch]
        forgetful[query] = m
    pool = [m for m in expected if m not in forgetful.values()]
    arriving = rnd.sample(pool, int(SHARE * len(expected)))
    absent = [m for m in pool if m not in arriving]
    # The special cases come from the desks that stay online, so the offline
    # desk's scans are all plain first arrivals.
    steady = [m for m in arriving if desk_of[m["branch"]] != OFFLINE]
    wrong, twice, (voided, leaver, crosser) = steady[:3], steady[3:6], steady[6:9]
    observer = next(m for m in members if m["category"] == "observer"
                    and m["status"] != "excluded")
    late = absent[0]
    by_desk: dict[str, list[dict[str, Any]]] = {d: [] for d in DESKS}
    for m in arriving:
        by_desk[desk_of[m["branch"]]].append(m)
    with Store.open(other_file) as other, Store.open(hub_file) as mine:
        stranger = next(iter(other.current_cards().values()))
        prefix = mine.meeting().code_prefix
    assert not stranger.startswith(prefix), "both demo meetings drew the same card prefix"
    forged = prefix + "-" + "".join(rnd.choice(codes.ALPHABET) for _ in range(codes.BODY_LEN))

    hub: HubProcess | None = None
    desks: dict[str, DeskProcess] = {}
    relay: Relay | None = None
    admitted: list[int] = []   # member ids the rehearsal saw let in (green, welcome)
    event_of: dict[int, str] = {}  # and the check-in event each got

    def note(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for r in rows:
            if r["outcome"] == "welcome":
                admitted.append(r["member"]["id"])
                event_of[r["member"]["id"]] = r["event"]
        return rows

    try:
        # ---- the hub and eleven desks, each joining with the pairing code ---------------------
        hub = HubProcess(hub_file, tmp_path / "hub.log")
        relay = Relay(hub.address)
        for name in DESKS:
            via = relay.address if name == OFFLINE else hub.address
            desks[name] = DeskProcess(name, tmp_path / f"desk-{name}.sqlite",
                                      tmp_path / f"desk-{name}.log", join=via, pair=hub.code)
        joined = time.monotonic() + 90
        for desk in desks.values():
            line = json.loads(desk.next_line(joined))
            assert line == {"link": "joined", "replica": str(desk.replica)}

        def results_at(name: str, scans: list[str]) -> list[dict[str, Any]]:
            return note(desks[name].scan(scans))

        # ---- the first arrivals: lost, forged, foreign and garbled inputs ---------------------
        for k, m in enumerate(wrong):
            right = desk_of[m["branch"]]
            at = DESKS[(DESKS.index(right) + 1 + k) % len(DESKS)]
            (r,) = results_at(at, [code_of[m["id"]]])
            assert (r["outcome"], r["colour"], r["recorded"]) == ("wrong_desk", "blue", False)
            assert r["serving_desk"] == right and r["member"]["id"] == m["id"]
        odd = results_at("1号台", [forged, stranger, "http://example.com/?card=1", "签到"])
        assert [r["outcome"] for r in odd] == ["unknown", "other_meeting", "unreadable",
                                               "unreadable"]
        assert all(r["colour"] == "red" and not r["recorded"] for r in odd)
        (r,) = results_at(desk_of[observer["branch"]], [code_of[observer["id"]]])
        assert (r["outcome"], r["colour"], r["recorded"]) == ("observer", "green", True)

        # ---- the rush: every desk scans its branch's cards at once ------------------------------
        # The offline desk gets its first third now, the rest after its cable is pulled.
        thirds = len(by_desk[OFFLINE]) // 3
        first, second, third = (by_desk[OFFLINE][:thirds], by_desk[OFFLINE][thirds:2 * thirds],
                                by_desk[OFFLINE][2 * thirds:])
        batches = {d: (first if d == OFFLINE else by_desk[d]) for d in DESKS}
        for m in twice:  # shown again at the same desk a moment later
            batches[desk_of[m["branch"]]] = [*batches[desk_of[m["branch"]]], m]
        for d, batch in batches.items():
            desks[d].send(code_of[m["id"]] for m in batch)
        for d, batch in batches.items():
            rows = note(desks[d].results(len(batch)))
            seen: set[int] = set()
            for m, r in zip(batch, rows, strict=True):
                assert r["member"]["id"] == m["id"]
                if m["id"] in seen:
                    assert r["outcome"] == "already" and r["earlier"]["desk"] == d
                else:
                    assert (r["outcome"], r["colour"], r["recorded"]) == ("welcome", "green", True)
                seen.add(m["id"])

        # ---- forgetful members, found by pinyin at their desk ------------------------------------
        # The desk window searches its replica and, once the secretary picks the
        # right person, checks them in by member id with method "search" on its own
        # connection (kiosk.desk.DeskService.choose); the desk's link thread
        # notices the new pending event within a quarter second and pushes it.
        # The headless desk reads only scans, so the rehearsal takes the window's
        # path on the running desk's replica.
        from kiosk.desk import DeskService

        for query, m in forgetful.items():
            session = DeskService(desks[desk_of[m["branch"]]].replica, desk_of[m["branch"]])
            try:
                hits = session.search(query)
                assert m["id"] in [h.member.id for h in hits], (query, [h.label for h in hits])
                chosen = next(h for h in hits if h.member.branch == m["branch"]
                              and h.member.name == m["name"])
                assert m["branch"] in chosen.label  # what tells namesakes apart
                result = session.choose(chosen.member.id)
            finally:
                session.close()
            assert result.outcome == "welcome" and result.event is not None
            assert result.event.method == "search"
            admitted.append(m["id"])
            event_of[m["id"]] = result.event.id

        # ---- the offline desk: cable pulled, keeps signing in, dies, comes back -----------------
        relay.cut()
        # Once it dials again and is turned away, the desk knows it is offline.
        wait_for(lambda: relay.refused > 0, 30, f"{OFFLINE} to notice its cable is out")
        offline_rows = results_at(OFFLINE, [code_of[m["id"]] for m in second])
        assert [r["outcome"] for r in offline_rows] == ["welcome"] * len(second)
        assert offline_rows[-1]["link"]["state"] != "online"
        assert offline_rows[-1]["link"]["pending"] >= len(second)
        offline_events = {r["event"] for r in offline_rows}
        assert not offline_events & _event_ids(hub_file), "the hub saw events over a cut cable"
        desks[OFFLINE].kill()  # the laptop's battery dies with check-ins not yet sent
        desks[OFFLINE].close()
        assert _waiting(desks[OFFLINE].replica) >= len(second)
        relay.restore()
        # Restarted on its replica: no pairing code, no address; it resumes.
        desks[OFFLINE] = DeskProcess(OFFLINE, tmp_path / f"desk-{OFFLINE}.sqlite",
                                     tmp_path / f"desk-{OFFLINE}-2.log")
        back_rows = results_at(OFFLINE, [code_of[m["id"]] for m in third])
        assert [r["outcome"] for r in back_rows] == ["welcome"] * len(third)
        wait_for(lambda: offline_events <= _event_ids(hub_file), 60,
                 "the desk's offline check-ins to reach the hub")

        # ---- a void with a reason (organizer, on the hub's file) ---------------------------------
        wait_for(lambda: event_of[voided["id"]] in _event_ids(hub_file), 60,
                 "the hub to hold the check-in about to be voided")
        out = cli("void", str(hub_file), event_of[voided["id"]], "--reason", VOID_REASON,
                  "--desk", "会务组")
        assert f"voided {event_of[voided['id']]}" in out

        # ---- an early leave, recorded at the member's desk (the window's path) ------------------
        leave_desk = desk_of[leaver["branch"]]
        session = DeskService(desks[leave_desk].replica, leave_desk)
        try:
            left = session.leave(code_of[leaver["id"]])
        finally:
            session.close()
        assert left.outcome == "left" and left.event is not None

        # ---- a member already inside shows the card at another desk: synced, so amber ------------
        elsewhere = DESKS[(DESKS.index(desk_of[crosser["branch"]]) + 3) % len(DESKS)]
        if elsewhere == OFFLINE:
            elsewhere = DESKS[(DESKS.index(elsewhere) + 1) % len(DESKS)]
        wait_for(lambda: event_of[crosser["id"]] in _event_ids(desks[elsewhere].replica), 30,
                 f"{elsewhere} to learn of the check-in at {desk_of[crosser['branch']]}")
        (r,) = results_at(elsewhere, [code_of[crosser["id"]]])
        assert (r["outcome"], r["colour"]) == ("already", "amber")
        assert r["earlier"]["desk"] == desk_of[crosser["branch"]]

        # ---- every desk holds the hub's events, nothing waiting ----------------------------------
        def converged() -> bool:
            want = _event_ids(hub_file)
            return all(_event_ids(d.replica) == want and _waiting(d.replica) == 0
                       for d in desks.values())

        wait_for(converged, 90, "every desk to converge with the hub", interval=0.2)

        # ---- close sign-in; the desks hear of it and turn late arrivals away ---------------------
        with Store.open(hub_file) as store:
            set_signin(store, "closed", "会务组")

        def closed_at(d: DeskProcess) -> bool:
            with Store.open(d.replica, check=False) as store:
                return store.meeting().signin_state == "closed"

        wait_for(lambda: all(closed_at(d) for d in desks.values()), 30,
                 "every desk to hear sign-in is closed", interval=0.2)
        (r,) = results_at(desk_of[late["branch"]], [code_of[late["id"]]])
        assert (r["outcome"], r["recorded"]) == ("closed", False)

        for d in desks.values():
            rest = d.finish()
            assert rest and rest[-1]["link"] == "done" and rest[-1]["pending"] == 0, rest
            assert not [n for n in d.notices if n["notice"] == "rejected"], d.notices
        assert hub.terminate() == 0, hub.stderr()
    finally:
        for d in desks.values():
            d.close()
        if hub is not None:
            hub.close()
        if relay is not None:
            relay.close()

    # ---- the rehearsal's own count of who it let in -------------------------------------------
    assert len(admitted) == len(set(admitted)), "someone was let in twice"
    present_ids = {mid for mid in admitted if is_expected(by_id[mid]["category"],
                                                          by_id[mid]["status"])} - {voided["id"]}
    assert present_ids == {m["id"] for m in arriving + list(forgetful.values())} - {voided["id"]}
    voting = [m for m in expected if is_voting(m["category"])]
    mine = {
        "expected": len(expected), "present": len(present_ids),
        "turnout": _turnout(len(present_ids), len(expected)),
        "absent": len(expected) - len(present_ids),
        "in_hall": len(present_ids) - 1, "left_early": 1,
        "voting_expected": len(voting),
        "voting_present": sum(is_voting(by_id[mid]["category"]) for mid in present_ids),
    }
    mine["voting_in_hall"] = mine["voting_present"] - is_voting(leaver["category"])
    # The quorum counts voting members in the hall: one who left early cannot vote.
    mine["quorum_met"] = 5 * mine["voting_in_hall"] > 4 * mine["voting_expected"]
    mine["quorum_required"] = 4 * mine["voting_expected"] // 5 + 1

    # ---- the hub's figures, and every desk's --------------------------------------------------
    paths = [hub_file, *(tmp_path / f"desk-{d}.sqlite" for d in DESKS)]
    figures = in_parallel(_stats, paths)
    hub_stats = figures[0]
    for path, fig in zip(paths[1:], figures[1:], strict=True):
        assert fig == hub_stats, f"{path.name} disagrees with the hub"
    for key in ("expected", "present", "turnout", "absent", "in_hall", "left_early",
                "voting_expected", "voting_present", "voting_in_hall"):
        assert hub_stats[key] == mine[key], (key, hub_stats[key], mine[key])
    assert hub_stats["quorum"]["met"] == mine["quorum_met"]
    assert hub_stats["quorum"]["required"] == mine["quorum_required"]
    assert hub_stats["quorum"]["present"] == mine["voting_in_hall"]
    assert mine["quorum_met"], "85% turnout should meet the election quorum"

    # ---- print: the report, the certificates, the paper sheets -------------------------------
    report_pdf, certs_pdf, sheets_pdf = (tmp_path / n for n in ("report.pdf", "certs.pdf",
                                                                 "sheets.pdf"))
    outs = in_parallel(lambda a: cli(*a), [
        ("report", str(hub_file), "-o", str(report_pdf)),
        ("certificates", str(hub_file), "-o", str(certs_pdf)),
        ("sheets", str(hub_file), "-o", str(sheets_pdf)),
    ], workers=3)
    assert f"expected {mine['expected']}, present {mine['present']}, " \
           f"turnout {mine['turnout']}%" in outs[0]
    assert f"wrote {mine['present']} certificates" in outs[1]
    assert f"wrote sheets for {len(DESKS)} branches ({mine['expected']} members)" in outs[2]
    for pdf in (report_pdf, certs_pdf, sheets_pdf):
        qpdf_check(pdf)
    assert pdf_pages(certs_pdf) == mine["present"]
    # Each branch's paper sheet is headed with its desk and its expected count.
    sheets = pdf_text(sheets_pdf, layout=False)
    for b in hub_stats["branches"]:
        assert re.search(rf"{b['name']}\s*签到台：{b['desk']}\s*应到 {b['expected']} 人", sheets), b
    # A certificate's QR code, read off the first and last pages, checks out as genuine.
    proofs = [code for page in (1, mine["present"])
              for code in decode_qr_codes(certs_pdf, tmp_path / f"cert-{page}", pages=(page, page))]
    verdicts = [json.loads(line) for line in cli("verify", str(hub_file), *proofs,
                                                 "--json").splitlines()]
    assert [v["verdict"] for v in verdicts] == ["valid", "valid"]
    assert {v["member"]["id"] for v in verdicts} <= present_ids

    text = pdf_text(report_pdf)
    printed = report_figures(text)
    for key in ("expected", "present", "turnout", "absent", "left_early", "voting_expected",
                "voting_present", "voting_in_hall"):
        assert printed[key] == hub_stats[key] == mine[key], (key, printed[key], hub_stats[key])
    assert printed["on_leave"] == hub_stats["on_leave"]
    assert printed["excluded"] == hub_stats["excluded"]
    assert printed["total_row"] == {k: hub_stats[k] for k in ("expected", "present", "absent",
                                                               "turnout")}
    q = hub_stats["quorum"]
    assert printed["quorum"] == {"met": q["met"], "required": q["required"], "present": q["present"]}
    # The voided check-in is listed with whose it was, where it was made, and why.
    raw = "".join(pdf_text(report_pdf, layout=False).split())
    # name, branch, the undone sign-in (its time and desk · operator), the reason
    line = (re.escape(voided["name"] + voided["branch"]) + ".{0,40}?"
            + re.escape(desk_of[voided["branch"]]) + ".{0,40}?" + re.escape(VOID_REASON))
    assert re.search(line, raw), "the report does not list the void with its reason"

    print(f"rehearsal: {mine['present']}/{mine['expected']} present ({mine['turnout']}%) "
          f"in {time.monotonic() - started:.1f} s")
