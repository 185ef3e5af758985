"""Reading Qt translation sources (.ts) and finding Qt's translation tools, for the i18n tests."""

from __future__ import annotations

import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest


def qt_tool(name: str) -> str:
    """The path of a PySide6 tool (pyside6-lupdate, pyside6-lrelease); skips the test if absent."""
    found = Path(sys.executable).with_name(name)
    return str(found) if found.exists() else (shutil.which(name) or pytest.skip(f"{name} missing"))


def ts_messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    """Every message of a .ts file, keyed by (context, source), with its translation element."""
    out = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.find("name").text
        for m in ctx.iter("message"):
            out[(name, m.find("source").text)] = m.find("translation")
    return out
