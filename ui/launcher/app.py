"""Creating the QApplication and the entry points of ``python main.py``.

``make_app`` styles the application and installs the translations (ui.language);
``run_organizer`` opens the organizer's window, the hall screen or the start
screen; ``run_desk`` opens a sign-in desk, joining a hub's meeting first when
asked to.

The organizer's modules (its window, the start screen, QtCharts) are imported
only by ``run_organizer``: a desk's process never loads them (about 27 MB).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from data.errors import UserError
from ui.desk.window import open_desk
from ui.language import chinese, install_translations, native_dialog_language
from ui.style import apply_style

NO_DISPLAY = 2  # the exit status of a user error (cli.EXIT_USER): start it where a screen is


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), styled and translated."""
    app = QApplication.instance()
    if app is None:
        native_dialog_language()
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
    return app  # type: ignore[return-value]


def missing_display(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """True when a window cannot open: Linux with no X11 or Wayland display (e.g. over SSH).

    Qt itself would abort with a message about the xcb platform plugin (and
    libxcb-cursor0) that says nothing useful to an organizer.
    """
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return False
    qpa = env.get("QT_QPA_PLATFORM", "")
    if qpa and not qpa.startswith(("xcb", "wayland")):
        return False  # offscreen, vnc, eglfs …: Qt needs no display server
    x11, wayland = bool(env.get("DISPLAY")), bool(env.get("WAYLAND_DISPLAY"))
    if qpa.startswith("xcb"):
        return not x11
    if qpa.startswith("wayland"):
        return not wayland
    return not (x11 or wayland)


def no_display_message(program: str = "signdesk") -> str:
    """One sentence saying why no window opens, with the command-line ways instead."""
    if chinese():
        return (f"{program}：这里没有可显示窗口的屏幕（例如通过 SSH 登录时），请改用命令行："
                f"{program} stats 会议文件（出席统计）、{program} desk 会议文件 --headless "
                f"--name 1号台（无界面签到台）、{program} hub 会议文件（为签到台服务）、"
                f"{program} report 会议文件 -o 报告.pdf；全部命令见 {program} --help。")
    return (f"{program}: there is no display to open a window on (as over SSH), so use the "
            f"command line instead: {program} stats FILE (turnout), {program} desk FILE "
            f"--headless --name 1号台 (a desk without a window), {program} hub FILE (serve "
            f"desks), {program} report FILE -o report.pdf; {program} --help lists them all.")


def _no_display() -> bool:
    """Say so and return True when there is no display (then no QApplication is made)."""
    if QApplication.instance() is not None or not missing_display():
        return False
    program = "python main.py" if Path(sys.argv[0]).name == "main.py" else "signdesk"
    print(no_display_message(program), file=sys.stderr)
    return True


def run_organizer(path: str | None, *, big_screen: bool = False, screen: int | None = None) -> int:
    """`main.py [FILE] [--big-screen]`: the organizer's window, only the hall screen, or the start screen.

    A file that cannot be used raises ``UserError`` (the command line says why).
    """
    if big_screen and not path:
        raise UserError("--big-screen needs a meeting file")
    if _no_display():
        return NO_DISPLAY
    # Here, not at the top: a desk's process has no use for the organizer's modules.
    from ui.launcher.start_screen import _OPEN, StartScreen, connect_windows
    from ui.live import MeetingWatcher
    from ui.organizer.bigscreen import BigScreen
    from ui.organizer.window import open_window

    app = make_app()
    connect_windows()  # the window's 在本机启动签到台 opens a desk in this process
    if big_screen:
        watcher = MeetingWatcher(path)  # UserError for a file that cannot be used
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


def can_open_windows() -> bool:
    """False, after saying why on stderr, when no window can open here (no display)."""
    return not _no_display()


def run_desk(path: str, name: str | None, *, link: object | None = None,
             kiosk: bool = True) -> int:
    """`main.py desk …`: the desk window on a meeting file or a joined replica (``link`` syncs it).

    The command line (cli/desk.py) checks the file and joins or resumes the hub
    first, after asking ``can_open_windows``.
    """
    if _no_display():
        return NO_DISPLAY
    app = make_app()
    window = open_desk(str(path), name, kiosk=kiosk, link=link)
    if os.environ.get("SIGNDESK_QUIT_AFTER_MS"):
        window.allow_close()  # a timed smoke run ends without the organizer's PIN
    try:
        return app.exec()
    finally:
        del window
        stop = getattr(link, "stop", None)
        if stop is not None:
            stop()
