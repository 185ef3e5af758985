"""Printing headless to a real CUPS queue with the cups-pdf printer.

``tests/reports/cups_setup.sh`` starts cupsd if needed and creates the queue
SignDeskPDF; the test is skipped (saying why) only when that is impossible.
cups-pdf writes what it printed as a PDF, which the test reads back.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
import reportkit as rk
from PIL import Image, ImageChops, ImageStat

import main
from data.store import Store
from reports.attendance import build_report
from reports.printing import PrintError, print_pdf, printers

pytestmark = pytest.mark.slow  # a system test: seconds to minutes

SETUP = Path(__file__).with_name("cups_setup.sh")


def _difference(a: Path, b: Path) -> float:
    """Mean grey-level difference (0..255) between two rendered pages."""
    with Image.open(a) as x, Image.open(b) as y:
        return ImageStat.Stat(ImageChops.difference(x.convert("L"), y.convert("L"))).mean[0]


def assert_same_document(original: Path, printed: Path, tmp_path: Path) -> None:
    """cups-pdf re-distils the job through PostScript, which drops the fonts' Unicode
    maps, so the printed copy is compared as pictures: same pages, same look."""
    import pypdf

    assert len(pypdf.PdfReader(printed).pages) == len(pypdf.PdfReader(original).pages)
    rk.assert_fonts_embedded_no_unicode(printed)
    mine = rk.render(original, tmp_path / "orig", dpi=40)
    theirs = rk.render(printed, tmp_path / "printed", dpi=40)
    for a, b in zip(mine, theirs, strict=True):
        assert _difference(a, b) < 2.0, (a, b)
    if len(mine) > 1:  # the measure tells different pages apart
        assert _difference(mine[1], theirs[0]) > 4 * max(_difference(mine[0], theirs[0]), 0.5)


@pytest.fixture(scope="module")
def queue() -> str:
    """The CUPS queue to print to (started and created when missing)."""
    try:
        done = subprocess.run(["sh", str(SETUP)], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot run {SETUP.name}: {exc}")
    if done.returncode != 0:
        pytest.skip(f"CUPS could not be started: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout.strip().splitlines()[-1]


def _output_dirs() -> list[Path]:
    # cups-pdf writes to "Out" of /etc/cups/cups-pdf.conf (default ${HOME}/PDF) or,
    # for anonymous jobs, to /var/spool/cups-pdf/ANONYMOUS.
    dirs = [Path.home() / "PDF", Path("/var/spool/cups-pdf/ANONYMOUS")]
    user = os.environ.get("USER") or os.environ.get("LOGNAME")
    if user:
        dirs.append(Path("/var/spool/cups-pdf") / user)
    return dirs


def _printed(job: str, timeout: float = 90) -> Path:
    """Wait (polling, with a deadline) until cups-pdf has written the job's PDF."""
    number = job.rsplit("-", 1)[-1]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for d in _output_dirs():
            found = sorted(d.glob(f"*job_{number}.pdf")) if d.is_dir() else []
            done = subprocess.run(["lpstat", "-o"], capture_output=True, text=True).stdout
            if found and job not in done and found[0].stat().st_size > 0:
                return found[0]
        time.sleep(0.2)
    log = subprocess.run(["lpstat", "-W", "all", "-o"], capture_output=True, text=True).stdout
    raise AssertionError(f"job {job} not printed within {timeout}s; jobs:\n{log}")


def test_report_printed_to_a_real_queue(queue: str, held_store: Store, tmp_path: Path) -> None:
    assert queue in printers()
    pdf = tmp_path / "report.pdf"
    build_report(held_store, pdf)
    job = print_pdf(pdf, queue, title="出席情况报告")
    assert job.startswith(queue + "-")
    out = _printed(job)
    assert_same_document(pdf, out, tmp_path)
    out.unlink()


def test_print_command_and_an_unknown_queue(queue: str, held: tuple, tmp_path: Path,
                                            capsys) -> None:
    pdf = tmp_path / "sheets.pdf"
    assert main.main(["sheets", str(held[0]), "-o", str(pdf)]) == 0
    assert main.main(["print", str(pdf), "--printer", queue]) == 0
    job = capsys.readouterr().out.strip().rsplit(" ", 1)[-1]
    out = _printed(job)
    assert_same_document(pdf, out, tmp_path)
    out.unlink()
    with pytest.raises(PrintError, match="NoSuchQueue"):
        print_pdf(pdf, "NoSuchQueue")
    assert main.main(["print", str(pdf), "--printer", "NoSuchQueue"]) == 2
