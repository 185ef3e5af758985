"""Run inside an X session: swipe ID numbers into a desk window with xdotool (real X key events).

Prints one JSON line: each swipe's outcome, headline and the time from its last
key to the painted answer, and the events the desk recorded. Used by
test_desk_idcard_x11.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(path: str, swipes_json: str) -> int:
    from PySide6.QtWidgets import QApplication

    from data.store import Store
    from ui.desk.window import DeskWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])

    def pump(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.002)

    def xdotool(*args: str) -> None:
        # Keep the event loop turning while xdotool types, as a real desk's would.
        proc = subprocess.Popen(["xdotool", *args])
        while proc.poll() is None:
            app.processEvents()
            time.sleep(0.001)
        assert proc.returncode == 0

    win = DeskWindow(path, "1号台", kiosk=False)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    wid = str(int(win.winId()))
    subprocess.run(["xdotool", "windowactivate", "--sync", wid], check=False)
    subprocess.run(["xdotool", "windowfocus", "--sync", wid], check=False)
    pump(0.8)
    shown: list[dict] = []
    win.resultShown.connect(lambda r, last, painted: shown.append({
        "outcome": str(r.outcome), "headline": win.panel.headline.text(),
        "ms": round((painted - last) * 1000, 2)}))
    for text, enter in json.loads(swipes_json):
        before = len(shown)
        xdotool("type", "--delay", "3", text)
        if enter:
            xdotool("key", "Return")
        deadline = time.monotonic() + 3
        while len(shown) == before and time.monotonic() < deadline:
            pump(0.01)
        if len(shown) == before:
            shown.append({"outcome": "none", "headline": "", "ms": -1})
        shown[-1]["box"] = win.search.box.text()
        pump(0.3)
    with Store.open(path) as store:
        arrivals = [(e.member_id, e.method) for e in store.events_after(0)]
    win.shutdown()
    print(json.dumps({"shown": shown, "arrivals": arrivals}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
