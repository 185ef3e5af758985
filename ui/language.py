"""The UI's language: which locale to show, and installing the translations for it.

A leaf of ui/ (it imports nothing from ui/), so any window or widget can ask
which language it speaks without importing the launcher that made the app.

The UI's source language is English; a complete zh_CN translation ships in
ui/i18n and is used by default on a Chinese system (or with SIGNDESK_LANG=zh_CN).
Each area of the UI has its own translation file (desk, organizer, …); all of
the ones found for the language are installed, and so are Qt's own (qtbase:
the buttons of message boxes, the file chooser, the print dialog). PySide6
ships those in its package (PySide6/Qt/translations); they are looked for
where Qt says, then in the package itself and in the system's Qt, so a
bundled or odd install still finds them, and a missing catalogue is logged.
Dialogs the desktop draws itself (a GTK file chooser) follow the process's
language, which ``native_dialog_language`` points at the UI's.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parent / "i18n"
# Qt's catalogues that hold what our windows show of Qt itself (dialogs, buttons).
QT_CATALOGUES = ("qtbase", "qtmultimedia")


def qt_translation_dirs() -> list[Path]:
    """Where Qt's own .qm files may be: Qt's answer, PySide6's package, the system's Qt."""
    found = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
             Path(PySide6.__file__).resolve().parent / "Qt" / "translations",
             Path("/usr/share/qt6/translations")]
    return [d for i, d in enumerate(found) if d.is_dir() and d not in found[:i]]


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
    if locale.language() in (QLocale.Language.English, QLocale.Language.C):
        return installed  # the source language: nothing to translate
    for qm in sorted(I18N_DIR.glob(f"*_{locale.name()}.qm")):
        tr = QTranslator(app)
        if tr.load(str(qm)):
            app.installTranslator(tr)
            installed.append(tr)
    for catalogue in QT_CATALOGUES:
        qt_tr = QTranslator(app)
        if any(qt_tr.load(locale, catalogue, "_", str(d)) for d in qt_translation_dirs()):
            app.installTranslator(qt_tr)
            installed.append(qt_tr)
        elif catalogue == "qtbase" and installed:  # a language SignDesk speaks, Qt not
            log.warning("Qt's %s translation for %s was not found in %s: Qt's dialogs stay "
                        "in English", catalogue, locale.name(),
                        ", ".join(map(str, qt_translation_dirs())) or "(no folder)")
    QLocale.setDefault(locale)
    return installed


def native_dialog_language(environ: dict[str, str] | None = None) -> None:
    """Point the desktop's own dialogs (GTK's file chooser) at the UI's language.

    They translate with gettext from the process's language, not with Qt's
    translators: with SIGNDESK_LANG=zh_CN on an English desktop they would stay
    English. Call before the QApplication exists (the platform theme reads it then).
    """
    env = os.environ if environ is None else environ
    wanted = env.get("SIGNDESK_LANG")
    if wanted and not wanted.lower().startswith("en"):
        language = wanted.split(".")[0]
        env["LANGUAGE"] = f"{language}:{language.split('_')[0]}"
