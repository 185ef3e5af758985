"""Tools for the rehearsal test: real processes of ``main.py``, a cuttable network link,
bounded waits, and reading printed PDFs back (pdftoppm, zxing-cpp, pdftotext, qpdf).

Everything here drives the product from outside, as an organizer and the desk
secretaries would: command lines, standard input and output, files and sockets.
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from tests.netkit import Relay  # noqa: F401 - re-exported for the rehearsal
from tests.waiting import wait_for  # noqa: F401 - re-exported for the rehearsal

ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "main.py"
ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}
T = TypeVar("T")


def cli(*args: str, timeout: float = 120.0) -> str:
    """Run ``python main.py ARGS`` to the end; its standard output (fails the test on error)."""
    done = subprocess.run([sys.executable, str(MAIN), *args], capture_output=True, text=True,
                          cwd=ROOT, env=ENV, timeout=timeout)
    assert done.returncode == 0, f"main.py {' '.join(args)} failed:\n{done.stderr}{done.stdout}"
    return done.stdout


def tool(*cmd: str, timeout: float = 120.0) -> str:
    """Run an outside tool (qpdf, pdftotext, pdftoppm); its standard output."""
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{cmd[0]} failed: {done.stderr or done.stdout}"
    return done.stdout


def in_parallel(fn: Callable[..., T], items: Iterable[Any], workers: int = 4) -> list[T]:
    """``[fn(x) for x in items]`` run on a few threads (each call mostly waits on a process)."""
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(fn, items))


class LineProcess:
    """A ``main.py`` process whose standard output is read line by line on a thread.

    Lines are queued as they come so a test can wait for one with a deadline
    instead of blocking on ``readline``; standard error goes to a file kept
    for the failure message.
    """

    def __init__(self, args: list[str], log: Path, *, stdin: bool = False) -> None:
        self.args = args
        self.log = log
        self._err = open(log, "w", encoding="utf-8")  # noqa: SIM115 — closed in close()
        self.proc = subprocess.Popen(
            [sys.executable, str(MAIN), *args], cwd=ROOT, env=ENV, text=True,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=self._err, encoding="utf-8",
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)  # end of output

    def stderr(self) -> str:
        """What the process wrote to standard error so far."""
        self._err.flush()
        return self.log.read_text(encoding="utf-8", errors="replace")

    def next_line(self, deadline: float) -> str:
        """The next line of output, waiting at most until ``deadline`` (time.monotonic())."""
        try:
            line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise AssertionError(f"no output from main.py {' '.join(self.args[:2])} in time; "
                                 f"stderr:\n{self.stderr()}") from None
        if line is None:
            self.lines.put(None)  # keep saying so
            raise AssertionError(f"main.py {' '.join(self.args[:2])} ended (exit "
                                 f"{self.proc.wait(5)}); stderr:\n{self.stderr()}")
        return line

    def kill(self) -> None:
        """SIGKILL (a crash or a dead battery): nothing is flushed or said goodbye."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)

    def terminate(self, timeout: float = 20.0) -> int:
        """SIGTERM and wait for a clean exit; returns the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout)

    def close(self) -> None:
        """Make sure the process is gone and its files are closed (safe to repeat)."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None and not stream.closed:
                try:
                    stream.close()
                except OSError:
                    pass
        self._err.close()


class HubProcess(LineProcess):
    """``main.py hub FILE --host 127.0.0.1 --port 0 --no-discovery --keep-code`` (eleven
    desks pair with one code), with what it printed."""

    def __init__(self, path: Path, log: Path, timeout: float = 60.0) -> None:
        super().__init__(["hub", str(path), "--host", "127.0.0.1", "--port", "0",
                          "--no-discovery", "--keep-code"], log)
        self.address = self.code = ""
        deadline = time.monotonic() + timeout
        while not (self.address and self.code):
            line = self.next_line(deadline)
            if line.startswith("SIGNDESK HUB "):
                self.address = line.split()[2]
            elif line.startswith("SIGNDESK PAIR "):
                self.code = line.split()[2]


class DeskProcess(LineProcess):
    """``main.py desk --headless``: scans in on standard input, one JSON line out for each.

    Results (lines with an ``outcome``) are returned in order; link lines
    (joined, done) and notices (another desk's check-in counted first, a push
    refused) are kept aside in ``others`` and ``notices``.
    """

    def __init__(self, name: str, replica: Path, log: Path, *, join: str | None = None,
                 pair: str | None = None) -> None:
        args = ["desk", "--headless", "--name", name, "--replica", str(replica)]
        if join:
            args += ["--join", join]
        if pair:
            args += ["--pair", pair]
        super().__init__(args, log, stdin=True)
        self.name = name
        self.replica = replica
        self.notices: list[dict[str, Any]] = []
        self.others: list[dict[str, Any]] = []
        self.sent = 0

    def send(self, codes: Iterable[str]) -> int:
        """Type scans at the desk (each followed by Enter, as a scanner does); how many."""
        assert self.proc.stdin is not None
        codes = list(codes)
        self.proc.stdin.write("".join(f"{c}\n" for c in codes))
        self.proc.stdin.flush()
        self.sent += len(codes)
        return len(codes)

    def results(self, n: int, timeout: float = 90.0) -> list[dict[str, Any]]:
        """The next ``n`` check-in results, in the order the scans were typed."""
        deadline = time.monotonic() + timeout
        out: list[dict[str, Any]] = []
        while len(out) < n:
            obj = json.loads(self.next_line(deadline))
            if "outcome" in obj:
                out.append(obj)
            elif "notice" in obj:
                self.notices.append(obj)
            else:
                self.others.append(obj)
        return out

    def scan(self, codes: Iterable[str], timeout: float = 90.0) -> list[dict[str, Any]]:
        """Type scans and wait for their results."""
        return self.results(self.send(codes), timeout)

    def finish(self, timeout: float = 60.0) -> list[dict[str, Any]]:
        """End of input: the desk sends what is waiting and exits; its remaining lines."""
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        deadline = time.monotonic() + timeout
        rest: list[dict[str, Any]] = []
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"desk {self.name} did not finish; "
                                     f"stderr:\n{self.stderr()}") from None
            if line is None:
                break
            rest.append(json.loads(line))
        code = self.proc.wait(max(1.0, deadline - time.monotonic()))
        assert code == 0, f"desk {self.name} exited {code}; stderr:\n{self.stderr()}"
        return rest


# ---- paper -------------------------------------------------------------------------------

def pdf_pages(pdf: Path) -> int:
    """How many pages pdfinfo counts."""
    found = re.search(r"^Pages:\s+(\d+)", tool("pdfinfo", str(pdf)), re.M)
    assert found, f"pdfinfo found no page count in {pdf}"
    return int(found.group(1))


def qpdf_check(pdf: Path) -> None:
    """qpdf's structural check finds no syntax or stream errors."""
    out = tool("qpdf", "--check", str(pdf))
    assert "No syntax or stream encoding errors found" in out, out


def decode_qr_codes(pdf: Path, out_dir: Path, dpi: int = 150, *,
                    pages: tuple[int, int] | None = None) -> list[str]:
    """Render the pages (first, last; all by default) with pdftoppm and read every
    QR code on them with zxing-cpp; every page must hold at least one.

    Pages are rendered as grey PGM, in two halves side by side (the suite runs
    on two cores): a camera or scanner sees no colour, and PNG encoding made
    pdftoppm about 15 times slower on the card sheets (measured: 10 pages in
    2.9 s of CPU as PNG against 0.18 s as PGM). Returns the texts in page order,
    repeats kept, so a card printed twice would show.
    """
    import zxingcpp
    from PIL import Image

    out_dir.mkdir(parents=True, exist_ok=True)
    first, last = pages or (1, pdf_pages(pdf))
    half = (first + last) // 2
    ranges = [(first, half), (half + 1, last)] if last > first else [(first, last)]
    in_parallel(lambda r: tool("pdftoppm", "-r", str(dpi), "-gray", "-f", str(r[0]),
                               "-l", str(r[1]), str(pdf), str(out_dir / "page")),
                ranges, workers=2)
    images = sorted(out_dir.glob("page-*.pgm"))
    wanted = last - first + 1
    assert len(images) == wanted, f"pdftoppm made {len(images)} images of {wanted} pages"
    texts: list[str] = []
    for image in images:
        with Image.open(image) as picture:
            found = zxingcpp.read_barcodes(picture)
        assert found, f"no QR code read on {image.name}"
        texts += [b.text for b in found if b.format == zxingcpp.BarcodeFormat.QRCode]
    return texts


def pdf_text(pdf: Path, *, layout: bool = True) -> str:
    """pdftotext's text (what a search or a screen reader gets): laid out as on the
    page, or raw in content order (a table cell's wrapped lines stay together)."""
    return tool("pdftotext", "-enc", "UTF-8", "-layout" if layout else "-raw", str(pdf), "-")


def report_figures(text: str) -> dict[str, Any]:
    """The figures printed in the attendance report's summary box, read from its text."""
    def one(pattern: str) -> re.Match[str]:
        found = re.search(pattern, text)
        assert found, f"the report shows no {pattern!r}:\n{text[:3000]}"
        return found

    box = one(r"(\d+) 人\s+(\d+) 人\s+(\d+\.\d\d)%\s+(\d+) 人")
    total = one(r"合计\s+(\d+)\s+(\d+)\s+(\d+)/(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+\.\d\d)%")
    # Met: "已达到（须 N 人，<whose count> M 人）"; not met: "未达到（须 N 人，尚差 K 人）".
    met = re.search(r"已达到(?:法定人数)?（须 (\d+) 人，[^）\d]*(\d+) 人）", text)
    unmet = re.search(r"未达到(?:法定人数)?（须 (\d+) 人，尚差 (\d+) 人）", text)
    assert bool(met) != bool(unmet), "the report shows the quorum met and not met, or neither"
    quorum = met or unmet
    assert quorum is not None
    return {
        "expected": int(box.group(1)), "present": int(box.group(2)),
        "turnout": box.group(3), "absent": int(box.group(4)),
        "voting_expected": int(one(r"有选举权应到 (\d+) 人").group(1)),
        "voting_present": int(one(r"有选举权实到 (\d+) 人").group(1)),
        "voting_in_hall": int(one(r"其中在场 (\d+) 人").group(1)),
        "left_early": int(one(r"中途退场 (\d+) 人").group(1)),
        "on_leave": int(one(r"请假 (\d+) 人").group(1)),
        "excluded": int(one(r"核准不计 (\d+) 人").group(1)),
        "total_row": {"expected": int(total.group(1)), "present": int(total.group(2)),
                      "absent": int(total.group(7)), "turnout": total.group(8)},
        "quorum": {"met": bool(met), "required": int(quorum.group(1)),
                   ("present" if met else "still_needed"): int(quorum.group(2))},
    }
