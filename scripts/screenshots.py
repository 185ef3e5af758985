#!/usr/bin/env python3
"""Regenerate the screenshots in docs/screens/ (Chinese UI, 1366×768 and 1920×1080).

    .venv/bin/python scripts/screenshots.py            # every screen
    .venv/bin/python scripts/screenshots.py dashboard  # only the screens named

Runs on Qt's offscreen platform (no display needed) with the Chinese
translation and whatever CJK font fontconfig finds (Debian: fonts-wqy-microhei).
Each screen is one entry in SCREENS: a name, a function that builds the widget
from a Scene (demo meeting files made once per run), and whether it is a
window (taken at each screen size) or a dialog (taken at its own size). To add
a screen, write a builder and add one line to SCREENS.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Before Qt is imported: draw offscreen, speak Chinese, keep settings out of the user's.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["SIGNDESK_LANG"] = "zh_CN"

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

OUT = ROOT / "docs" / "screens"
SIZES = ((1366, 768), (1920, 1080))


@dataclass
class Scene:
    """The meeting files the screens show, made once per run in a temporary folder."""

    folder: Path
    live: Path    # the demo meeting with 70 % signed in
    empty: Path   # a new meeting without members
    other: Path   # a second meeting, for the roll-up


def make_scene(folder: Path) -> Scene:
    """Build the demo meetings (the same demo data the README's commands make)."""
    from kiosk.demo import build_demo, sign_in_share
    from kiosk.meeting import create_meeting

    live = folder / "北郊居民区党员大会.sqlite"
    build_demo(live, arrivals=0.7, photos=True).close()
    empty = folder / "新会议.sqlite"
    create_meeting(empty, title="南区居民区党员大会", date="2026-12-05",
                   venue="南区活动室").close()
    other = folder / "西区居民区党员大会.sqlite"
    build_demo(other, seed=7).close()
    from data.store import Store

    with Store.open(other) as s:
        s.update_meeting(title="西区居民区党员大会")
        sign_in_share(s, 0.9, seed=7)
    return scene_with(folder, live, empty, other)


def scene_with(folder: Path, live: Path, empty: Path, other: Path) -> Scene:
    """A Scene over existing files."""
    return Scene(folder, live, empty, other)


# ---- builders: each returns the widget to photograph ----------------------------------------

_KEEP: list[QWidget] = []  # windows built for a screen stay alive until the run ends


def organizer(scene: Scene, path: Path | None = None, tab: str = "dashboard") -> QWidget:
    """The organizer's window on a meeting, on one of its tabs."""
    from ui.organizer.window import OrganizerWindow

    win = OrganizerWindow(path or scene.live)
    win.tabs.setCurrentWidget(getattr(win, tab))
    _KEEP.append(win)
    return win


def members(scene: Scene) -> QWidget:
    """The members tab with a member of 第一支部 selected: the editor shows their photo."""
    from data.store import Store

    win = organizer(scene, tab="members")
    with Store.open(scene.live) as s:
        have = s.photo_member_ids()
        chosen = next((m.id for m in s.members() if m.id in have), None)
    if chosen is not None:
        win.members.select_member(chosen)
    return win


def start_screen(scene: Scene) -> QWidget:
    """The start screen with two recent meetings."""
    from ui.launcher.start_screen import StartScreen
    from ui.organizer.window import remember

    remember(scene.other)
    remember(scene.live)
    return StartScreen(desks=scene.folder / "desks")


def new_meeting(scene: Scene) -> QWidget:
    """The new-meeting form, filled in as far as the title."""
    from ui.organizer.new_meeting import NewMeetingDialog

    dlg = NewMeetingDialog(folder=Path.home() / "文档" / "SignDesk")
    dlg.title.setText("北郊居民区党员大会")
    dlg.venue.setText("北郊居民区活动中心二楼会议室")
    return dlg


def paper_sheet(scene: Scene) -> QWidget:
    """A paper sheet being entered: three members ticked."""
    win = organizer(scene)
    dlg = win.enter_paper_sheet()
    for i in range(min(3, dlg.members.count())):
        dlg.tick(dlg.members.item(i).data(0x0100))
    return dlg


def rollup(scene: Scene) -> QWidget:
    """The sub-district roll-up over two meetings."""
    win = organizer(scene)
    dlg = win.show_rollup()
    dlg.add([scene.other])
    return dlg


def desk(scene: Scene) -> QWidget:
    """A sign-in desk after a member without a photo was welcomed (none is shown)."""
    return _desk_after_scan(scene, photo=False)


def desk_photo(scene: Scene) -> QWidget:
    """A desk after a member with a photo was welcomed; the namesakes 王伟 listed with theirs."""
    w = _desk_after_scan(scene, photo=True)
    w.search.box.setText("王伟")
    return w


def _desk_after_scan(scene: Scene, *, photo: bool) -> QWidget:
    from data.store import Store
    from ui.desk.window import DeskWindow

    w = DeskWindow(scene.live, "1号台", kiosk=False, camera=False, sound=False)
    with Store.open(scene.live) as s:
        have = s.photo_member_ids()
        m = next(m for m in s.members() if s.branch_desk(m.branch_id) == "1号台"
                 and not w.watcher.tally.presence(m.id).attended and m.status == "active"
                 and (m.id in have) == photo)
        code = s.current_cards()[m.id]
    w.handle_scan(code)
    _KEEP.append(w)
    return w


def big_screen(scene: Scene) -> QWidget:
    """The hall screen (names masked)."""
    from ui.live import MeetingWatcher
    from ui.organizer.bigscreen import BigScreen

    hall = BigScreen(MeetingWatcher(scene.live))
    _KEEP.append(hall)
    return hall


def close_signin(scene: Scene) -> QWidget:
    """The dashboard with the confirmation before sign-in closes at every desk on top."""
    win = organizer(scene)
    box, _yes = win.dashboard.signin.close_box()
    win.setProperty("overlay", box)  # shoot() draws it over the window, centred
    _KEEP.append(box)
    return win


@dataclass(frozen=True)
class Screen:
    """One screenshot: its file name, how to build it, and whether it is a window."""

    name: str
    build: Callable[[Scene], QWidget]
    window: bool = True  # windows at every size in SIZES; dialogs at their own size


SCREENS: tuple[Screen, ...] = (
    Screen("start", start_screen),
    Screen("new-meeting", new_meeting, window=False),
    Screen("dashboard-empty", lambda s: organizer(s, s.empty)),
    Screen("dashboard", organizer),
    Screen("close-signin", close_signin),
    Screen("members", members),
    Screen("branches", lambda s: organizer(s, tab="branches")),
    Screen("settings", lambda s: organizer(s, tab="settings_panel")),
    Screen("paper-sheet", paper_sheet, window=False),
    Screen("rollup", rollup, window=False),
    Screen("desk", desk),
    Screen("desk-photo", desk_photo),
    Screen("bigscreen", big_screen),
)


def settle(app: QApplication, rounds: int = 30) -> None:
    """Let layouts, timers and deferred paints run."""
    import time

    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.01)


def shoot(screen: Screen, scene: Scene, app: QApplication) -> list[Path]:
    """Build one screen and save its pictures; returns the files written."""
    widget = screen.build(scene)
    written = []
    sizes = SIZES if screen.window else ((0, 0),)
    widget.show()
    for w, h in sizes:
        if w:
            widget.resize(w, h)
        settle(app)
        name = f"{screen.name}-{w}x{h}.png" if w else f"{screen.name}.png"
        path = OUT / name
        picture = widget.grab()
        overlay = widget.property("overlay")
        if overlay is not None:  # a window-modal box: drawn where it opens, over the window
            overlay.show()
            settle(app)
            _draw_over(picture, overlay.grab())
        picture.save(str(path))
        written.append(path)
    return written


def _draw_over(picture, box) -> None:  # QPixmap, QPixmap
    """Draw a dialog's picture centred on a window's, framed as the window manager would."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QPainter

    at = QPoint((picture.width() - box.width()) // 2, (picture.height() - box.height()) // 3)
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 60))  # the window behind is inactive
    painter.fillRect(at.x() - 1, at.y() - 1, box.width() + 2, box.height() + 2, QColor("#555555"))
    painter.drawPixmap(at, box)
    painter.end()


def main(argv: list[str]) -> int:
    """Regenerate the screenshots named in argv (all by default)."""
    wanted = set(argv)
    unknown = wanted - {s.name for s in SCREENS}
    if unknown:
        print(f"unknown screens: {', '.join(sorted(unknown))}; "
              f"known: {', '.join(s.name for s in SCREENS)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="signdesk-shots-") as tmp:
        folder = Path(tmp)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "cfg"))
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        from ui.launcher.app import make_app

        app = make_app()
        scene = make_scene(folder)
        from ui.organizer.window import remember_organizer_name

        remember_organizer_name(scene.live, "李敏")  # the status bar names an organizer, not root
        OUT.mkdir(parents=True, exist_ok=True)
        for screen in SCREENS:
            if wanted and screen.name not in wanted:
                continue
            for path in shoot(screen, scene, app):
                print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    # The pictures are saved; leave without tearing down a dozen live windows
    # (their watchers, desks and charts) one by one, which gains nothing here.
    sys.stdout.flush()
    os._exit(code)
