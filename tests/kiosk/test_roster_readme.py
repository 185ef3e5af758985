"""The README's roster section names every recognised header and every state with its rule."""

from __future__ import annotations

from pathlib import Path

from kiosk.roster.headers import HEADER_ALIASES, IGNORED_HEADERS
from kiosk.roster.states import RULES

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_every_recognised_header_is_in_the_readme() -> None:
    section = README[README.index("## The roster"):README.index("## Card codes")]
    missing = [h for names in HEADER_ALIASES.values() for h in names if h not in section]
    missing += [h for h in IGNORED_HEADERS if h not in section]
    assert missing == []


def test_every_state_and_its_rule_is_in_the_readme() -> None:
    section = README[README.index("## The roster"):README.index("## Card codes")]
    for rule in RULES:
        assert f"| {rule.words} | {rule.state} | {rule.rule} ({rule.rule_zh}) |" in section
