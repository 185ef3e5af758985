"""Shared test set-up.

Qt must know its platform before it is first imported, so the offscreen
platform is chosen here, at the top of the first conftest pytest loads (as
Picard's conftest does); tests that need a real X window under Xvfb set
QT_QPA_PLATFORM=xcb in a subprocess. The UI is tested in English (the source
language) unless a test installs the Chinese translation itself.

The demo meeting is built once per test session (building it imports a roster
of 460 members: ~200 ms) and copied for each test that wants one (~1 ms); a
test changes only its own copy. System tests that take seconds (processes,
X servers, printers, packaging) carry the ``slow`` marker, so the everyday
loop is ``scripts/test.sh -m "not slow"``; CI runs everything.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SIGNDESK_LANG", "en_US")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pytest  # noqa: E402

from data.store import Store  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: a system test taking seconds (skip with -m 'not slow'; CI runs it)")


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Callable[[float], Path]:
    """Built demo meetings, one per share of arrivals, made once per session (read-only)."""
    built: dict[float, Path] = {}

    def master(arrivals: float = 0.0) -> Path:
        if arrivals not in built:
            from kiosk.demo import build_demo

            path = tmp_path_factory.mktemp("demo") / f"demo-{arrivals}.sqlite"
            # Closing checkpoints the WAL into the file: one file to copy.
            build_demo(path, arrivals=arrivals).close()
            built[arrivals] = path
        return built[arrivals]

    return master


@pytest.fixture
def demo_copy(demo_file: Callable[[float], Path], tmp_path: Path) -> Callable[..., Path]:
    """Copy a built demo meeting to ``tmp_path/name``: ``demo_copy(arrivals=0.3)``."""

    def copy(name: str = "demo.sqlite", *, arrivals: float = 0.0) -> Path:
        path = tmp_path / name
        shutil.copyfile(demo_file(arrivals), path)
        return path

    return copy


@pytest.fixture
def demo_path(demo_copy: Callable[..., Path]) -> Path:
    """A fresh demo meeting file (460 members, 11 branches, nobody signed in)."""
    return demo_copy()


@pytest.fixture
def demo_store(demo_path: Path) -> Iterator[Store]:
    """The demo meeting, open."""
    store = Store.open(demo_path)
    yield store
    store.close()
