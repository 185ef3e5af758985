"""Creating the QApplication and the entry points of ``python main.py``.

``make_app`` styles the application and installs the translations (ui.language);
``run_organizer`` opens the organizer's window, the hall screen or the start
screen; ``run_desk`` opens a sign-in desk, joining a hub's meeting first when
asked to.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from data.errors import UserError
from kiosk.desk import replica_desk
from ui.desk.window import open_desk, start_link
from ui.language import install_translations
from ui.launcher.start_screen import _OPEN, StartScreen, connect_windows
from ui.live import MeetingWatcher
from ui.organizer.bigscreen import BigScreen
from ui.organizer.window import open_window
from ui.style import apply_style


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), styled and translated."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setApplicationName("SignDesk")
        app.setOrganizationName("SignDesk")
        app.setApplicationDisplayName("SignDesk 签到台")
        apply_style(app)
        app._signdesk_translators = install_translations(app)  # type: ignore[attr-defined]
        # For smoke tests of a packaged build and for scripted screenshots:
        # quit by ourselves after a while instead of waiting for a person.
        quit_after = os.environ.get("SIGNDESK_QUIT_AFTER_MS")
        if quit_after:
            QTimer.singleShot(int(quit_after), app.quit)
    connect_windows()
    return app  # type: ignore[return-value]


def run_organizer(path: str | None, *, big_screen: bool = False, screen: int | None = None) -> int:
    """`main.py [FILE] [--big-screen]`: the organizer's window, only the hall screen, or the start screen."""
    app = make_app()
    if big_screen:
        if not path:
            print("signdesk: --big-screen needs a meeting file", file=sys.stderr)
            return 2
        try:
            watcher = MeetingWatcher(path)
        except UserError as exc:
            print(f"signdesk: {exc}", file=sys.stderr)
            return 2
        hall = BigScreen(watcher)
        watcher.setParent(hall)
        hall.show_on_screen(screen)
        _OPEN.append(hall)
    elif path:
        win = open_window(path)
        if win is None:
            return 2
        if screen is not None:
            win.show_big_screen(screen)
    else:
        start = StartScreen()
        start.show()
        _OPEN.append(start)
    return app.exec()


def _networked(args: argparse.Namespace) -> tuple[str | None, str | None, object | None]:
    """Join (first time) or resume a hub's meeting: (replica path, desk name, link) or raises."""
    from kiosk.link.client import join_meeting
    from kiosk.link.headless import default_replica

    name = args.name
    replica = Path(args.replica or args.file or default_replica(name or "desk"))
    if not replica.exists():
        if not args.pair:
            raise RuntimeError("this desk has not joined yet; pass --pair CODE")
        # Before the window exists nothing is frozen by this blocking call.
        join_meeting(replica, code=args.pair, desk=name or "desk", address=args.join)
    name, link = start_link(replica, name, args.join)
    return str(replica), name, link


def run_desk(args: argparse.Namespace) -> int:
    """`main.py desk FILE [--name …] [--no-kiosk]` or `--join ADDRESS --pair CODE`."""
    app = make_app()
    path, name, link = args.file, args.name, None
    wants_link = bool(getattr(args, "join", None) or getattr(args, "pair", None)
                      or getattr(args, "replica", None))
    if not wants_link and path and Path(path).exists():
        # a desk's replica given as FILE resumes its link
        wants_link = replica_desk(path) is not None
    if wants_link:
        try:
            path, name, link = _networked(args)
        except Exception as exc:  # noqa: BLE001 - a plain message, not a traceback
            print(f"signdesk: cannot join the hub: {exc}", file=sys.stderr)
            return 3
    if not path:
        print("signdesk: desk needs a meeting FILE (or --join ADDRESS --pair CODE)", file=sys.stderr)
        return 2
    if not Path(path).exists():
        print(f"signdesk: no such meeting file: {path}", file=sys.stderr)
        return 2
    window = open_desk(str(path), name, kiosk=not args.no_kiosk, link=link)
    if os.environ.get("SIGNDESK_QUIT_AFTER_MS"):
        window.allow_close()  # a timed smoke run ends without the organizer's PIN
    try:
        return app.exec()
    finally:
        del window
        stop = getattr(link, "stop", None)
        if stop is not None:
            stop()
