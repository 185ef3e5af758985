"""Translation files of the areas of ui/ outside the desk: complete, current, compiled.

The desk's file has its own, older test (test_desk_i18n.py); the organizer's is
checked in test_organizer.py. Each area here is one .ts made by pyside6-lupdate
from the area's sources and compiled with pyside6-lrelease.
"""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from ts_files import qt_tool, ts_messages

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "ui" / "i18n"
AREAS = {
    "launcher": sorted((ROOT / "ui" / "launcher").glob("*.py")),
    # shared widgets and helpers
    "common": [ROOT / "ui" / "tasks.py", ROOT / "ui" / "log_view.py"],
    "link": [ROOT / "ui" / "link_widgets.py"],
}


def _text(tr: ET.Element) -> str:
    """A translation's text, or its plural forms' (a %n message)."""
    return (tr.text or "").strip() + "".join((f.text or "").strip() for f in tr.iter("numerusform"))


@pytest.mark.parametrize("area", sorted(AREAS))
def test_translation_is_complete_and_matches_the_code(area: str, tmp_path: Path) -> None:
    ts = I18N / f"{area}_zh_CN.ts"
    msgs = ts_messages(ts)
    assert msgs
    unfinished = [k for k, tr in msgs.items() if tr.get("type") or not _text(tr)]
    assert unfinished == []
    fresh = tmp_path / "fresh.ts"
    subprocess.run([qt_tool("pyside6-lupdate"), *map(str, AREAS[area]), "-ts", str(fresh)],
                   check=True, capture_output=True)
    assert set(ts_messages(fresh)) == set(msgs), f"run pyside6-lupdate on {ts.name} and translate"


@pytest.mark.parametrize("area", sorted(AREAS))
def test_compiled_file_is_current(area: str, tmp_path: Path) -> None:
    out = tmp_path / f"{area}.qm"
    subprocess.run([qt_tool("pyside6-lrelease"), str(I18N / f"{area}_zh_CN.ts"), "-qm", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == (I18N / f"{area}_zh_CN.qm").read_bytes()
