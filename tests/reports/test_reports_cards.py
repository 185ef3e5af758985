"""Invitation cards: every QR on every rendered sheet checks in."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
import reportkit as rk
from PIL import Image

import main
from data.store import Store
from kiosk.checkin import Desk, Outcome, check_in
from kiosk.members import add_member
from reports.cards import BOTTOM, CARD_H, LEFT, PER_SHEET, ROWS, CardError, build_cards


@pytest.mark.slow
def test_every_qr_on_every_sheet_decodes_to_a_code_that_checks_in(demo_copy, tmp_path: Path) -> None:
    store = Store.open(demo_copy("m.sqlite"))
    pdf = tmp_path / "cards.pdf"
    cards = build_cards(store, pdf)
    rk.qpdf_check(pdf)
    rk.assert_fonts_embedded(pdf)
    excluded = [m for m in store.members() if m.status == "excluded" and m.category != "observer"]
    assert len(cards) == len(store.members()) - len(excluded)
    # grouped by branch: each branch starts a sheet, so sheets = sum of ceil(n / 10)
    per_branch: dict[str, int] = {}
    for c in cards:
        per_branch[c.member.branch] = per_branch.get(c.member.branch, 0) + 1
    sheets = sum(-(-n // PER_SHEET) for n in per_branch.values())
    assert len(pypdf.PdfReader(pdf).pages) == sheets
    order = list(dict.fromkeys(c.member.branch for c in cards))
    assert order == [b.name for b in store.branches()]

    decoded: list[str] = []
    for png in rk.render(pdf, tmp_path / "png", dpi=150):
        found = rk.qr_codes(png)
        assert 1 <= len(found) <= PER_SHEET
        decoded += found
    assert sorted(decoded) == sorted(c.code for c in cards)
    desk_of = {c.code: c.desk for c in cards}
    outcomes = {check_in(store, code, Desk(desk_of[code], "t")).outcome for code in decoded}
    assert outcomes <= {Outcome.WELCOME, Outcome.OBSERVER}
    assert len(decoded) == sum(1 for e in store.events_after(0) if e.kind == "arrive")
    store.close()


def test_cards_name_the_member_branch_and_desk_and_have_cut_marks(demo_copy, tmp_path: Path) -> None:
    store = Store.open(demo_copy("m.sqlite"))
    pdf = tmp_path / "cards.pdf"
    cards = build_cards(store, pdf, branches=["第三支部"])
    assert {c.member.branch for c in cards} == {"第三支部"}
    text = rk.text(pdf, layout=False)
    assert "第三支部（3号台）参会证" in text and "签到台：3号台" in text
    for c in cards:
        assert c.member.name in text and c.code in text
    assert "第一支部" not in text
    # cut marks: dark pixels in the left margin on every horizontal cut line
    png = rk.render(pdf, tmp_path / "png", dpi=150, first=1, last=1)[0]
    with Image.open(png) as im:
        g = im.convert("L")
        scale = 150 / 72
        for j in range(ROWS + 1):
            y = round(g.height - (BOTTOM + j * CARD_H) * scale)
            x = round((LEFT - 5 * 72 / 25.4) * scale)
            assert min(g.getpixel((x, y + dy)) for dy in (-1, 0, 1)) < 100, j
    store.close()


def test_unknown_branch_is_refused(demo_copy, tmp_path: Path, capsys) -> None:
    store = Store.open(demo_copy("m.sqlite"))
    with pytest.raises(CardError, match="第十二支部"):
        build_cards(store, tmp_path / "x.pdf", branches=["第十二支部"])
    store.close()
    rc = main.main(["cards", str(tmp_path / "m.sqlite"), "-o", str(tmp_path / "x.pdf"),
                    "--branch", "第十二支部"])
    assert rc == 2 and "no branch named" in capsys.readouterr().err


def test_long_name_and_png_per_member(demo_copy, tmp_path: Path) -> None:
    store = Store.open(demo_copy("m.sqlite"))
    long_name = "阿卜杜热合曼·买买提艾力·" + "热" * 38
    add_member(store, name=long_name[:50], branch="第二支部", number="LONG1", actor="t")
    store.close()
    out = tmp_path / "cards.pdf"
    pngs = tmp_path / "pngs"
    rc = main.main(["cards", str(tmp_path / "m.sqlite"), "-o", str(out), "--branch", "第二支部",
                    "--png-dir", str(pngs)])
    assert rc == 0
    from kiosk.meeting import open_meeting

    store = open_meeting(tmp_path / "m.sqlite")
    codes = store.current_cards()
    files = sorted(pngs.glob("*.png"))
    members = [m for m in store.members() if m.branch == "第二支部" and m.status != "excluded"]
    assert len(files) == len(members)
    for f in files:
        with Image.open(f) as im:
            assert im.size == (720, 1200)
        found = rk.qr_codes(f)
        number = f.name.split("_")[1]
        member = store.member_by_number(number)
        assert found == [codes[member.id]]
    # the long name wrapped on its card, and its QR still reads
    text = "".join(rk.text(out, layout=False).split())
    assert long_name[:50] in text
    long_member = store.member_by_number("LONG1")
    decoded = [c for png in rk.render(out, tmp_path / "r", dpi=150) for c in rk.qr_codes(png)]
    assert codes[long_member.id] in decoded
    store.close()
