"""One vocabulary: every quorum rule and exclusion case has one English and one Chinese wording,
kept in kiosk/vocabulary.py and nowhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import vocabulary
from kiosk.model import ExclusionCase
from kiosk.turnout import QUORUM_RULES

ROOT = Path(__file__).resolve().parents[2]


def test_every_code_has_both_wordings() -> None:
    assert set(vocabulary.QUORUM_RULE_NAMES) == set(QUORUM_RULES)
    assert set(vocabulary.EXCLUSION_CASES) == set(ExclusionCase)
    for table in (vocabulary.QUORUM_RULE_NAMES, vocabulary.EXCLUSION_CASES):
        for label in table.values():
            assert label.en.strip() and label.zh.strip() and label.en != label.zh
    assert vocabulary.quorum_label("majority") == "表决：到会有选举权人数超过应到会人数的半数"
    assert vocabulary.quorum_label("none", zh=False) == "No quorum"
    assert vocabulary.exclusion_case_label("abroad") == "出国出境不能回来"
    # A code from a newer file is shown as it is, not dropped.
    assert vocabulary.quorum_label("two_thirds") == "two_thirds"
    assert vocabulary.exclusion_case_label("war", zh=False) == "war"


def test_exclusion_text_says_the_case_and_the_words_given() -> None:
    assert vocabulary.exclusion_text("abroad", "出国半年") == "出国出境不能回来（出国半年）"
    assert vocabulary.exclusion_text("abroad", "出国出境不能回来") == "出国出境不能回来"
    assert vocabulary.exclusion_text("other", "长期卧床") == "其他：长期卧床"
    assert vocabulary.exclusion_text("", "") == "其他"


def _sources() -> list[Path]:
    return [p for top in ("kiosk", "reports", "ui", "cli", "data")
            for p in sorted((ROOT / top).rglob("*.py")) if p != ROOT / "kiosk" / "vocabulary.py"]


@pytest.mark.parametrize("table", ["QUORUM_RULE_NAMES", "EXCLUSION_CASES"])
def test_no_other_module_words_them_again(table: str) -> None:
    """A second copy of a wording (a table in the report, a tr() string in a window) is
    how the desk, the dashboard and the printed report came to say one rule three ways."""
    words = [w for label in getattr(vocabulary, table).values() for w in (label.en, label.zh)
             if len(w) > 6]  # '其他', 'other' are ordinary words elsewhere
    found = [f"{p.relative_to(ROOT)}: {w}" for p in _sources()
             for w in words for q in '"\'' if f"{q}{w}{q}" in p.read_text(encoding="utf-8")]
    found += [f"{ts.name}: {w}" for ts in sorted((ROOT / "ui" / "i18n").glob("*.ts"))
              for w in words if f">{w}<" in ts.read_text(encoding="utf-8")]
    assert found == []
