"""Creating the QApplication: style, translations, and the windows' entry points.

The UI's source language is English; a complete zh_CN translation ships in
ui/i18n and is used by default on a Chinese system (or with SIGNDESK_LANG=zh_CN).
Each area of the UI has its own translation file (desk, organizer, …); all of
the ones found for the language are installed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from ui.style import apply_style

I18N_DIR = Path(__file__).resolve().parent / "i18n"


def ui_locale() -> QLocale:
    """The language to show: SIGNDESK_LANG if set, else the system's."""
    wanted = os.environ.get("SIGNDESK_LANG")
    return QLocale(wanted) if wanted else QLocale.system()


def install_translations(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Install SignDesk's and Qt's own translations for a locale; returns them (keep alive)."""
    locale = locale or ui_locale()
    installed: list[QTranslator] = []
    if locale.language() == QLocale.Language.English:
        return installed
    for qm in sorted(I18N_DIR.glob(f"*_{locale.name()}.qm")):
        tr = QTranslator(app)
        if tr.load(str(qm)):
            app.installTranslator(tr)
            installed.append(tr)
    qt_tr = QTranslator(app)
    if qt_tr.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_tr)
        installed.append(qt_tr)
    QLocale.setDefault(locale)
    return installed


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
    return app  # type: ignore[return-value]


def run_desk(args: argparse.Namespace) -> int:
    """`main.py desk FILE [--name …]`: the sign-in desk window."""
    from ui.desk.window import run

    return run(args)


def run_organizer(path: str | None, *, big_screen: bool = False, screen: int | None = None) -> int:
    """`main.py [FILE] [--big-screen]`: the organizer's window, or only the hall screen."""
    from ui.organizer.window import run

    return run(path, big_screen=big_screen, screen=screen)
