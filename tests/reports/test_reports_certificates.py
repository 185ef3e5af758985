"""Certificates of attendance and their verification codes."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
import reportkit as rk

import main
from data.store import Store
from kiosk.certify import Verdict, certificate_code, verify
from kiosk.checkin import Desk, check_in, record_leave, void
from kiosk.demo import build_demo
from kiosk.model import is_expected
from kiosk.turnout import tally_of
from reports.certificates import CertificateError, build_certificates


def test_one_page_per_present_member_with_a_qr_that_verifies(held_store: Store,
                                                            tmp_path: Path) -> None:
    pdf = tmp_path / "certs.pdf"
    certs = build_certificates(held_store, pdf)
    tally = tally_of(held_store)
    assert len(certs) == tally.figures().total.present
    rk.qpdf_check(pdf)
    rk.assert_fonts_embedded(pdf)
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == len(certs)
    assert round(reader.pages[0].mediabox.width) == 420  # A5 portrait
    pages = rk.pages_text(pdf)
    for cert, page in zip(certs, pages, strict=True):
        assert cert.member.name in page and cert.member.branch in page
        assert cert.code in page and "参会证明" in page
    # the QR on rendered pages reads back to a code the meeting file confirms
    for n, png in enumerate(rk.render(pdf, tmp_path / "png", dpi=150, first=1, last=6)):
        found = rk.qr_codes(png)
        assert found == [certs[n].code]
        v = verify(held_store, found[0])
        assert v.verdict == Verdict.VALID and v.member.id == certs[n].member.id
        assert v.event.id == tally.presence(v.member.id).arrival.id


def test_single_member_on_a4_from_the_command_line(held_store: Store, held: tuple,
                                                   tmp_path: Path) -> None:
    tally = tally_of(held_store)
    member = next(m for m in held_store.members() if tally.presence(m.id).attended
                  and is_expected(m.category, m.status))
    pdf = tmp_path / "one.pdf"
    rc = main.main(["certificates", str(held[0]), "-o", str(pdf), "--member", member.number,
                    "--size", "A4"])
    assert rc == 0
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == 1 and round(reader.pages[0].mediabox.width) == 595
    assert member.name in rk.text(pdf)


def test_no_certificate_for_someone_who_did_not_come(held_store: Store, held: tuple,
                                                     tmp_path: Path, capsys) -> None:
    tally = tally_of(held_store)
    absent = next(m for m in held_store.members() if not tally.presence(m.id).attended)
    with pytest.raises(CertificateError, match="未签到"):
        build_certificates(held_store, tmp_path / "x.pdf", member_ids=[absent.id])
    rc = main.main(["certificates", str(held[0]), "-o", str(tmp_path / "x.pdf"),
                    "--member", absent.number])
    assert rc == 2 and "未签到" in capsys.readouterr().err


def test_verify_tells_forged_voided_duplicate_and_foreign_codes(demo_copy, tmp_path: Path) -> None:
    store = Store.open(demo_copy("m.sqlite", arrivals=0.3))
    meeting = store.meeting()

    def code_for(event) -> str:  # the code the event's certificate carries
        return certificate_code(meeting.uid, meeting.code_prefix, event)

    other = build_demo(tmp_path / "other.sqlite", arrivals=0.3)
    arrivals = [e for e in store.events_after(0) if e.kind == "arrive"]
    good = code_for(arrivals[0])
    assert verify(store, good).ok
    assert verify(store, good.lower()).ok  # a scanner with Caps Lock off, or typed by hand
    head, mid, check = good.split("-")
    flipped = check[:-1] + ("2" if check[-1] != "2" else "3")
    assert verify(store, f"{head}-{mid}-{flipped}").verdict == Verdict.FORGED
    assert verify(store, f"{head}-{'0' * 16}-{check}").verdict == Verdict.UNKNOWN
    assert verify(other, good).verdict == Verdict.OTHER_MEETING
    assert verify(store, "hello").verdict == Verdict.MALFORMED
    assert verify(store, "").verdict == Verdict.MALFORMED
    # printed, then the sign-in was voided
    void(store, arrivals[1].id, "误扫", Desk("1号台", "t"))
    assert verify(store, code_for(arrivals[1])).verdict == Verdict.VOIDED
    # a re-entry after an early leave is not the arrival that counts
    m = store.member(arrivals[2].member_id)
    desk = next(b.desk_name for b in store.branches() if b.id == m.branch_id)
    record_leave(store, m.id, Desk(desk, "t"))
    again = check_in(store, m.id, Desk(desk, "t"))
    assert again.recorded
    assert verify(store, code_for(again.event)).verdict == Verdict.NOT_COUNTED
    assert verify(store, code_for(arrivals[2])).ok
    # the verify command: exit 0 only when every code is genuine
    assert main.main(["verify", str(store.path), good]) == 0
    assert main.main(["verify", str(store.path), good, f"{head}-{mid}-{flipped}"]) == 1
    store.close()
    other.close()
