"""The report says when sign-in was closed by hand, not "not set"."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

from data.store import Store
from kiosk.meeting import set_signin
from reports.attendance import build_report


def test_closed_by_hand_is_shown_with_its_time(demo_path: Path, tmp_path: Path) -> None:
    with Store.open(demo_path) as store:
        set_signin(store, "closed", "organizer")
        closed_at = store.audit_log()[-1][1]
        build_report(store, tmp_path / "r.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    dt = datetime.fromisoformat(closed_at)
    stamp = f"{dt.month}月{dt.day}日 {dt:%H:%M}"
    assert "签到截止" in text and f"已手动截止（{stamp}）" in text
