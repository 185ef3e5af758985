"""Search by name, pinyin (with surname readings), initials, phone and number."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.meeting import create_meeting
from kiosk.pinyin import name_keys
from kiosk.roster import Roster, RosterRow, import_roster
from kiosk.search import SearchIndex


@pytest.mark.parametrize(("name", "reading"), [
    ("曾小明", "zengxiaoming"), ("单田芳", "shantianfang"), ("解放", "xiefang"),
    ("区志强", "ouzhiqiang"), ("欧阳娜娜", "ouyangnana"), ("仇英", "qiuying"),
])
def test_surnames_read_as_surnames(name: str, reading: str) -> None:
    full, _ = name_keys(name)
    assert full.split()[0] == reading


def _index(tmp_path: Path) -> SearchIndex:
    store = create_meeting(tmp_path / "s.sqlite", title="t", date="2026-11-28")
    people = [
        ("王伟", "第一支部", "13812345678", "1965-03", "男"),
        ("王伟", "第二支部", "13900005678", "1972-11", "男"),
        ("王伟", "第三支部", "13700001111", "1980-01", "女"),
        ("曾小明", "第一支部", "13611112222", "1958", "男"),
        ("单田芳", "第二支部", "", "", ""),
        ("阿依古丽·买买提", "第三支部", "15800003333", "", "女"),
    ]
    rows = [RosterRow(i + 2, n, b, f"N{i:03d}", g, d, "", p, "full", "active", "", "")
            for i, (n, b, p, d, g) in enumerate(people)]
    import_roster(store, Roster("x", rows, {}), "t")
    index = SearchIndex(store.members())
    store.close()
    return index


def test_namesakes_are_all_shown_with_what_tells_them_apart(tmp_path: Path) -> None:
    hits = _index(tmp_path).search("王伟")
    assert len(hits) == 3
    labels = [h.label for h in hits]
    assert "王伟 · 第一支部 · 男 · 1965 · 138****5678" in labels
    assert all("****" in label for label in labels)


@pytest.mark.parametrize(("query", "expected"), [
    ("zeng", "曾小明"), ("zengxm", None), ("zxm", "曾小明"), ("ceng", "曾小明"),
    ("shantian", "单田芳"), ("stf", "单田芳"), ("xiaoming", "曾小明"),
    ("1111", "王伟"), ("3333", "阿依古丽·买买提"), ("买买提", "阿依古丽·买买提"),
    ("N003", "曾小明"), ("n003", "曾小明"), ("ＺＥＮＧ", "曾小明"), ("小明", "曾小明"),
])
def test_queries(tmp_path: Path, query: str, expected: str | None) -> None:
    names = [h.member.name for h in _index(tmp_path).search(query)]
    if expected is None:
        assert names == []
    else:
        assert expected in names


def test_exact_and_prefix_matches_rank_first(tmp_path: Path) -> None:
    index = _index(tmp_path)
    assert [h.rank for h in index.search("wangwei")] == [0, 0, 0]
    assert [h.rank for h in index.search("wang")] == [1, 1, 1]
    assert index.search("") == []
