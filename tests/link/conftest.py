"""Fixtures for the link tests: a demo meeting served by a real hub on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.link.hub import Hub


@pytest.fixture
def hub_path(demo_path: Path) -> Path:
    """The demo meeting (460 members, 11 desks each serving one branch)."""
    return demo_path


@pytest.fixture
def hub(hub_path: Path) -> Iterator[Hub]:
    """A hub on a free loopback port, without discovery, its code kept for several desks."""
    h = Hub(hub_path, host="127.0.0.1", port=0, discovery=False, keep_code=True)
    h.start()
    yield h
    h.stop()
