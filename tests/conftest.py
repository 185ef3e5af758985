"""Shared test set-up.

Qt must know its platform before it is first imported, so the offscreen
platform is chosen here, at the top of the first conftest pytest loads (as
Picard's conftest does); tests that need a real X window under Xvfb set
QT_QPA_PLATFORM=xcb in a subprocess. The UI is tested in English (the source
language) unless a test installs the Chinese translation itself.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SIGNDESK_LANG", "en_US")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pytest  # noqa: E402

from data.store import Store  # noqa: E402


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    """A fresh demo meeting file (460 members, 11 branches, nobody signed in)."""
    from kiosk.demo import build_demo

    path = tmp_path / "demo.sqlite"
    build_demo(path, arrivals=0.0).close()
    return path


@pytest.fixture
def demo_store(demo_path: Path) -> Store:
    """The demo meeting, open."""
    store = Store.open(demo_path)
    yield store
    store.close()
