"""The attendance report, read back with qpdf, pdffonts, pdftotext and pypdf."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import reportkit as rk

from data.store import Store
from kiosk.model import is_expected
from kiosk.organizer import OrganizerService
from kiosk.turnout import tally_of
from reports.attendance import build_report


def test_report_is_sound_pdf_with_embedded_fonts(held_store: Store, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    build_report(held_store, pdf)
    rk.qpdf_check(pdf)
    rk.assert_fonts_embedded(pdf)
    reader = pypdf.PdfReader(pdf)
    assert reader.metadata.title.endswith("出席情况报告")
    w, h = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(w), round(h)) == (595, 842)  # A4


def test_summary_and_branch_figures_match_the_meeting_file(held_store: Store,
                                                          tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    build_report(held_store, pdf)
    text = rk.text(pdf)
    figures = tally_of(held_store).figures()
    t, q = figures.total, figures.quorum
    meeting = held_store.meeting()
    assert meeting.title in text and "出席率" in text
    assert f"{t.expected} 人" in text and f"{t.present} 人" in text
    assert f"{t.turnout}%" in text and f"{t.absent} 人" in text
    assert f"有选举权应到 {t.voting_expected} 人" in text
    assert f"有选举权实到 {t.voting_present} 人" in text
    assert f"其中在场 {t.voting_in_hall} 人" in text
    assert f"请假 {t.on_leave} 人" in text
    assert f"核准不计 {t.excluded} 人（{figures.excluded_reasons} 类原因）" in text
    assert f"列席 {t.observers} 人" in text
    assert f"中途退场 {t.left_early} 人" in text
    assert (f"实到构成：正式党员 {t.full_present} 人，预备党员 {t.probationary_present} 人"
            f"，留党察看 {t.suspended_present} 人") in text
    assert (f"已达到法定人数（须 {q.required} 人，在场有选举权 {q.present} 人）" if q.met
            else f"尚差 {q.still_needed} 人") in text
    assert "纸质签到 1" in text  # the paper sign-in is counted and shown by method
    assert "重复签到 1 次（只计一次）" in text
    # the per-branch table: every row, then the totals row, token by token
    for n, b in enumerate(figures.branches, start=1):
        c = b.counts
        row = (f"{n} {b.name} {c.expected} {c.present} {c.full_present}/{c.probationary_present}"
               f" {c.on_leave} {c.excluded} {c.absent} {c.turnout}%")
        assert row in _squash(text), row
    total = (f"合计 {t.expected} {t.present} {t.full_present}/{t.probationary_present}"
             f" {t.on_leave} {t.excluded} {t.absent} {t.turnout}%")
    assert total in _squash(text)


def _squash(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text)


def test_lists_absentees_excluded_and_voids(held: tuple, held_store: Store,
                                            tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    build_report(held_store, pdf)
    text = _squash(rk.text(pdf))
    tally = tally_of(held_store)
    for m in held_store.members():
        p = tally.presence(m.id)
        if is_expected(m.category, m.status) and not p.attended:
            state = "请假" if m.status == "leave" else "未到"
            assert re.search(rf"\d+ {re.escape(m.name)} {m.number} \S+ {state}", text), m.name
        if m.status == "excluded" and m.category != "observer":
            assert f"{m.name} {m.number} {m.status_reason}" in text
    assert "误扫：扫了家属的卡" in text and "重复登记，撤销" in text
    for ev in held[1]["voided"]:
        assert held_store.member(ev.member_id).name in text
    assert "签到进度" in text  # the chart's caption
    for desk in {b.desk_name for b in held_store.branches()}:
        assert f"{desk}负责人" in text
    assert "计票人" in text and "监票人" in text


def test_every_page_is_numbered_and_tables_repeat_their_header(demo_copy, tmp_path: Path) -> None:
    # Few arrivals: long absentee tables that must break across pages.
    store = Store.open(demo_copy("m.sqlite", arrivals=0.15))
    pdf = tmp_path / "report.pdf"
    build_report(store, pdf)
    pages = rk.pages_text(pdf)
    assert len(pages) == len(pypdf.PdfReader(pdf).pages) >= 5
    for n, page in enumerate(pages, start=1):
        assert f"第 {n} 页 共 {len(pages)} 页" in page
    with_rows = 0
    for page in pages[1:]:
        if re.search(r"\d+\s+\S+\s+31011\d{5}\s+\S+\s+(未到|请假)", page):
            with_rows += 1
            assert re.search(r"序号\s+姓名\s+党员编号\s+类别\s+状态\s+原因", page), page[:400]
    assert with_rows >= 3
    store.close()


def test_empty_meeting_still_prints(demo_copy, tmp_path: Path) -> None:
    pdf = tmp_path / "empty.pdf"
    with OrganizerService(demo_copy("m.sqlite"), "t") as organizer:  # the organizer's door
        organizer.write_output("report", pdf)
    rk.qpdf_check(pdf)
    text = rk.text(pdf)
    assert "尚无签到记录" in text and "0.00%" in text and "无撤销的签到记录" in text


def test_exclusions_are_listed_with_case_and_approval_for_the_meeting(demo_copy,
                                                                      tmp_path: Path) -> None:
    from kiosk.members import set_flags, set_status

    store = Store.open(demo_copy("m.sqlite"))
    a, b = [m for m in store.members() if m.status == "active"][:2]
    set_status(store, a.id, "excluded", "长期卧床", "t", approved_by="北郊街道党工委",
               approved_on="2026-11-20")
    set_flags(store, b.id, "t", vote_suspended=True)
    pdf = tmp_path / "r.pdf"
    build_report(store, pdf)
    text = _squash(rk.text(pdf))
    assert "提请党员大会通过确认" in text
    line = next(x for x in text.splitlines() if a.name in x and "长期卧床" in x)
    assert "手工" in line  # set by hand, not read from the roster
    assert "年老体弱卧床不起" in text and "北郊街道党工委" in text and "2026-11-20" in text
    assert "中止表决权人员" in text and b.name in text
    store.close()


def test_voids_name_the_desk_and_the_operator_entered_there(demo_copy, tmp_path: Path) -> None:
    from kiosk.checkin import Desk, check_in, void
    from kiosk.desk import DeskService
    from kiosk.model import operator_label

    path = demo_copy("m.sqlite")
    store = Store.open(path)
    served = {b.name for b in store.branches() if b.desk_name == "1号台"}
    named, old = [m for m in store.members() if is_expected(m.category, m.status)
                  and m.status == "active" and m.branch in served][:2]
    cards = store.current_cards()
    desk = DeskService(path, "1号台")
    desk.set_operator("王书记")
    first = desk.scan(cards[named.id])
    desk.undo(first.event.id, "误扫")
    desk.close()
    # An event from before names were entered: the computer's account name.
    second = check_in(store, cards[old.id], Desk("1号台", "root"))
    assert second.event is not None
    void(store, second.event.id, "重复", Desk("1号台", "root"))
    pdf = tmp_path / "report.pdf"
    build_report(store, pdf)
    text = _squash(rk.text(pdf))
    store.close()
    assert "1号台 · 王书记" in text
    assert "root" not in text and "1号台 · root" not in text
    assert operator_label("3号台", "3号台") == "3号台"
    assert operator_label("3号台", "") == "3号台"
