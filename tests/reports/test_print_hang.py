"""A printer that does not answer: lp waits, the caller can stop waiting.

The CUPS server here is a real TCP socket on 127.0.0.1 that accepts the
connection and never answers, which is what a switched-off print server or a
hung cupsd does to ``lp``: it blocks until its own (long) timeout.
"""

from __future__ import annotations

import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reports.printing import PrintCancelled, PrintError, print_pdf

pytestmark = pytest.mark.skipif(shutil.which("lp") is None, reason="lp (cups-client) missing")


@pytest.fixture
def silent_cups(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """CUPS_SERVER pointing at a socket that accepts and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    address = f"127.0.0.1:{server.getsockname()[1]}"
    monkeypatch.setenv("CUPS_SERVER", address)
    yield address
    server.close()


def _pdf(tmp_path: Path) -> Path:
    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    return pdf


def test_cancel_stops_waiting_for_a_printer_that_does_not_answer(silent_cups: str,
                                                                 tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(PrintCancelled):
        print_pdf(_pdf(tmp_path), "Office", cancelled=lambda: time.monotonic() - started > 0.5)
    assert time.monotonic() - started < 8.0  # lp alone would wait 60 s


def test_a_printer_that_never_answers_is_given_up_after_the_timeout(silent_cups: str,
                                                                   tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(PrintError, match="did not answer within 1 s") as caught:
        print_pdf(_pdf(tmp_path), "Office", timeout=1.0)
    assert not isinstance(caught.value, PrintCancelled)
    assert time.monotonic() - started < 10.0
