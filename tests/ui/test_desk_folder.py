"""The damaged-file message names the folder where desk windows really keep replicas."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_message_names_the_folder_desks_use() -> None:
    # A process of its own: the app's organization and application names decide
    # Qt's folder, and pytest-qt's application has other names.
    code = ("from ui.launcher.app import make_app\n"
            "from ui.desk.join import desk_folder\n"
            "from data.copies import desk_folder as named\n"
            "make_app()\n"
            "print(desk_folder()); print(named())\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    used, named = r.stdout.split()[-2:]
    assert used == named and used.endswith("desks")
