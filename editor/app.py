"""Composition root of the GUI: the QApplication, translators, the archive and the main window.

Nothing happens at import time; ``run_gui`` does it all, in this order:

1. ``create_application``: QtWebEngine's preconditions (no sandbox as root, shared OpenGL
   contexts, the preview's ``zdpreview:`` scheme), then the QApplication with ZoneDesk's
   organization and application names;
2. ``install_translators`` for ``ui_language()``: ``ZONEDESK_LANG`` if set, else the language
   chosen in Preferences, else Chinese unless the system speaks English;
3. the look (Fusion; a dark palette when the system prefers dark);
4. ``open_archive``; an archive that cannot be opened is reported in a message box (exit code 2);
5. the MainWindow, then Qt's event loop.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, MutableMapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from editor.archive.database import (
    default_archive_url,
    display_url,
    normalize_url,
    open_archive,
)
from editor.archive.health import ArchiveDamagedError
from editor.domain.errors import ArchiveError
from editor.gui.mainwindow import MainWindow
from editor.gui.settings import Preferences
from editor.gui.theme import apply_look

log = logging.getLogger("zonedesk")

APP_NAME = "ZoneDesk"
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"

# The languages the UI speaks: the source strings are English, ``zh_CN`` is the default.
CHINESE = "zh_CN"
ENGLISH = "en"


def ui_language(
    environ: Mapping[str, str] | None = None,
    system_locale: str | None = None,
    preferred: str = "",
) -> str:
    """``"en"`` or ``"zh_CN"``: what ``ZONEDESK_LANG`` says, else ``preferred`` (the choice made in
    Preferences, ``""`` for none), else English when the system locale is English, else Chinese.

    ``system_locale`` is a locale name such as ``en_US`` (default: Qt's system locale).
    """
    env = os.environ if environ is None else environ
    wanted = env.get("ZONEDESK_LANG", "").strip().lower().replace("-", "_")
    if wanted:
        if wanted.split("_")[0] == "en":
            return ENGLISH
        if wanted.split("_")[0] == "zh":
            return CHINESE
        log.warning("ZONEDESK_LANG=%r is not zh_CN or en: using the system's language", wanted)
    if preferred in (CHINESE, ENGLISH):
        return preferred
    name = QLocale.system().name() if system_locale is None else system_locale
    return ENGLISH if name.split("_")[0].lower() == "en" else CHINESE


#: Qt's own catalogues the UI needs: its dialogs and buttons (qtbase), the preview's engine.
QT_CATALOGUES = ("qtbase", "qtwebengine")


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install Qt's own translations (``QT_CATALOGUES``) and ZoneDesk's for ``language``; return
    them for removal.

    English needs no Qt translation; ZoneDesk's English file only carries plural forms.
    """
    installed: list[QTranslator] = []
    wanted: list[tuple[str, str]] = []
    if language != ENGLISH:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        wanted.extend((f"{catalogue}_{language}", qt_dir) for catalogue in QT_CATALOGUES)
    wanted.append((f"zonedesk_{language}", str(TRANSLATIONS_DIR)))
    for name, folder in wanted:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("no translation %s in %s (run `make translations`)", name, folder)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)


def disable_webengine_sandbox_as_root(
    environ: MutableMapping[str, str] | None = None, euid: int | None = None
) -> bool:
    """As root, and only as root, turn QtWebEngine's sandbox off; True when this call did.

    Chromium refuses to start sandboxed as root, so without this the preview would not start.
    """
    env = os.environ if environ is None else environ
    if euid is None:
        geteuid = getattr(os, "geteuid", None)  # not on Windows
        euid = geteuid() if geteuid is not None else -1
    if euid != 0 or "QTWEBENGINE_DISABLE_SANDBOX" in env:
        return False
    env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    log.warning(
        "running as root: QtWebEngine's sandbox is disabled (QTWEBENGINE_DISABLE_SANDBOX=1), "
        "because Chromium refuses to start sandboxed as root; run ZoneDesk as a normal user "
        "to keep the preview sandboxed"
    )
    return True


def prepare_webengine() -> None:
    """What QtWebEngine needs settled before it is imported and before the QApplication exists."""
    disable_webengine_sandbox_as_root()
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    try:
        import PySide6.QtWebEngineWidgets  # noqa: F401, PLC0415 - must come before the QApplication

        from editor.gui.scheme import register_scheme  # noqa: PLC0415 - needs QtWebEngine

        register_scheme()
    except ImportError as exc:
        log.warning("QtWebEngine cannot be loaded (%s): the preview will not work", exc)


def create_application(argv: list[str]) -> QApplication:
    """The QApplication, built once (a second call returns the existing one)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    prepare_webengine()
    QApplication.setOrganizationName(APP_NAME)
    QApplication.setApplicationName(APP_NAME)
    return QApplication(argv)


def shown_url(url: str) -> str:
    """``url`` as it may be shown to a user: no password."""
    try:
        return display_url(normalize_url(url))
    except ArchiveError:
        return url


def show_archive_error(parent: QWidget | None, url: str, error: ArchiveError) -> None:
    """A message box saying why the archive did not open; a damaged one, what to do about it."""
    if isinstance(error, ArchiveDamagedError):
        title = QCoreApplication.translate("ZoneDesk", "The archive is damaged")
        intro = QCoreApplication.translate(
            "ZoneDesk",
            "The archive {url} is damaged, so ZoneDesk did not open it and wrote nothing to it. "
            "Close ZoneDesk and run one of the commands below in a terminal:",
        )
    else:
        title = QCoreApplication.translate("ZoneDesk", "ZoneDesk cannot open the archive")
        intro = QCoreApplication.translate("ZoneDesk", "The archive {url} could not be opened:")
    QMessageBox.critical(parent, title, f"{intro.format(url=shown_url(url))}\n\n{error}")


def run_gui(archive_url: str | None, argv: list[str]) -> int:
    """Open the archive at ``archive_url`` (default: the user's archive) in the main window."""
    app = create_application(argv)
    preferences = Preferences()
    language = ui_language(preferred=preferences.language)
    translators = install_translators(app, language)
    # dates, numbers and the spell checker's messages follow the UI's language
    QLocale.setDefault(QLocale("zh_CN" if language == CHINESE else "en_US"))
    apply_look(app)
    url = archive_url or default_archive_url()
    try:
        archive = open_archive(url)
    except ArchiveError as exc:
        log.error("cannot open the archive %s: %s", shown_url(url), exc)
        show_archive_error(None, url, exc)
        remove_translators(app, translators)
        return 2
    try:
        window = MainWindow(archive, preferences=preferences)
        window.show()
        if archive.created:  # the first start: say where the new, empty archive is
            window.statusBar().showMessage(
                QCoreApplication.translate("ZoneDesk", "Created a new archive at {path}").format(
                    path=archive.location
                )
            )
        return app.exec()
    finally:
        archive.close()
        remove_translators(app, translators)
