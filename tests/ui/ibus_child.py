"""Run inside an X session with ibus + libpinyin active: scan into a desk with xdotool.

Prints one JSON line: what a plain QLineEdit (input method on) received for the
same keys, and what the desk recorded. Used by test_desk_ibus.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(path: str, code: str) -> int:
    from PySide6.QtWidgets import QApplication, QLineEdit

    from data.store import Store
    from ui.desk.window import DeskWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])

    def pump(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.005)

    def xtype(text: str, delay_ms: int) -> None:
        # Keep the event loop turning while xdotool types, as a real desk's would.
        proc = subprocess.Popen(["xdotool", "type", "--delay", str(delay_ms), text])
        while proc.poll() is None:
            app.processEvents()
            time.sleep(0.001)
        assert proc.returncode == 0

    def activate(widget) -> None:
        widget.activateWindow()
        widget.raise_()
        wid = str(int(widget.winId()))
        subprocess.run(["xdotool", "windowactivate", "--sync", wid], check=False)
        subprocess.run(["xdotool", "windowfocus", "--sync", wid], check=False)
        pump(0.5)

    # Control: an ordinary line edit with the input method on.
    plain = QLineEdit()
    plain.resize(400, 40)
    plain.show()
    activate(plain)
    plain.setFocus()
    pump(0.3)
    xtype(code, 3)
    subprocess.run(["xdotool", "key", "Return"], check=True)
    pump(1.0)
    plain_text = plain.text()
    plain.close()
    pump(0.3)

    win = DeskWindow(path, "1号台", kiosk=False)
    win.resize(1366, 768)
    win.show()
    activate(win)
    win.search.box.setFocus()
    pump(0.3)
    xtype(code, 3)
    subprocess.run(["xdotool", "key", "Return"], check=True)
    pump(1.5)
    colour = win.panel.colour
    # A person typing a name in the search box meanwhile is still a person typing.
    xtype("wangwei", 130)
    pump(0.8)
    typed = win.search.box.text()
    # The same typing while the main thread is busy (here: blocked until xdotool is
    # done): the keys are handled in one burst, but their X time stamps are 130 ms apart.
    win.search.reset()
    subprocess.run(["xdotool", "type", "--delay", "130", "zhangsan"], check=True)
    pump(0.8)
    typed_busy = win.search.box.text()
    with Store.open(path) as store:
        arrivals = [(e.member_id, e.method) for e in store.events_after(0)]
    win.shutdown()
    print(json.dumps({"plain": plain_text, "colour": colour, "arrivals": arrivals,
                      "typed": typed, "typed_busy": typed_busy, "im_module": os.environ.get("QT_IM_MODULE")}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
