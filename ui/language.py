"""The UI's language: which locale to show, and installing the translations for it.

A leaf of ui/ (it imports nothing from ui/), so any window or widget can ask
which language it speaks without importing the launcher that made the app.

The UI's source language is English; a complete zh_CN translation ships in
ui/i18n and is used by default on a Chinese system (or with SIGNDESK_LANG=zh_CN).
Each area of the UI has its own translation file (desk, organizer, …); all of
the ones found for the language are installed, and so are Qt's own (qtbase),
which translate the buttons of Qt's dialogs.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().parent / "i18n"


def ui_locale() -> QLocale:
    """The language to show: SIGNDESK_LANG if set, else the system's."""
    wanted = os.environ.get("SIGNDESK_LANG")
    return QLocale(wanted) if wanted else QLocale.system()


def chinese() -> bool:
    """True when the window speaks Chinese (SIGNDESK_LANG or the system locale)."""
    return ui_locale().language() == QLocale.Language.Chinese


def install_translations(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
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
