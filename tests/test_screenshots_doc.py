"""The user guide's pictures exist and are the ones scripts/screenshots.py makes."""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _script(monkeypatch):
    # The script chooses Chinese for itself; the rest of the suite stays English.
    monkeypatch.setenv("SIGNDESK_LANG", os.environ.get("SIGNDESK_LANG", "en_US"))
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "screenshots", module)
    spec.loader.exec_module(module)
    return module


def test_every_screen_has_its_pictures_and_the_readme_shows_only_those(monkeypatch):
    shots = _script(monkeypatch)
    names = [s.name for s in shots.SCREENS]
    assert len(names) == len(set(names))
    expected = set()
    for s in shots.SCREENS:
        if s.window:
            expected |= {f"{s.name}-{w}x{h}.png" for w, h in shots.SIZES}
        else:
            expected.add(f"{s.name}.png")
    present = {p.name for p in (ROOT / "docs" / "screens").glob("*.png")}
    assert expected == present, "run scripts/screenshots.py"
    linked = re.findall(r"\]\((docs/[^)]+\.png)\)", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert linked and all((ROOT / p).exists() for p in linked)
    assert all(p.startswith("docs/screens/") for p in linked)
