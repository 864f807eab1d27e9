"""Fixtures of the GUI tests: the real QApplication, settings in tmp_path, translators."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from PySide6.QtCore import QEvent, QLocale, QSettings, Qt, QThreadPool, QTranslator
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from editor.app import create_application, install_translators, remove_translators
from editor.archive.articles import ArticleService
from editor.archive.database import Archive, open_archive
from editor.domain.model import DEFAULT_TZ, ArticleInput
from editor.gui.dialogs.common import Ask, Choice
from editor.gui.mainwindow import MainWindow


@pytest.fixture(scope="session")
def qapp() -> QApplication:
    """pytest-qt's application, built by ZoneDesk's own ``create_application``.

    Closing a test's last window must not quit it: a quit with no event loop running makes every
    later event loop (qtbot.wait, waitUntil) return at once, and timers never fire again.
    """
    app = create_application(["zonedesk-tests"])
    app.setQuitOnLastWindowClosed(False)
    return app


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path: Path) -> Iterator[None]:
    """QSettings read and write under tmp_path; no pool thread outlives its test."""
    folder = tmp_path / "qsettings"
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, str(folder / scope.name))
    yield
    QThreadPool.globalInstance().waitForDone()


@pytest.fixture
def use_language(qapp: QApplication) -> Iterator[Callable[[str], list[QTranslator]]]:
    """Install the translators of a language for this test only, and make it the default
    locale as the app does (texts that come in both languages, such as rule names, follow it)."""
    installed: list[QTranslator] = []

    def install(language: str) -> list[QTranslator]:
        translators = install_translators(qapp, language)
        installed.extend(translators)
        QLocale.setDefault(QLocale(language))
        return translators

    yield install
    remove_translators(qapp, installed)


@pytest.fixture(autouse=True)
def _english_default_locale() -> Iterator[None]:
    """Each test starts with the English UI's locale, whatever the machine's and whatever a
    test before it (or the app it started) set: a leaked Chinese default locale turned the
    rule names of later tests Chinese."""
    QLocale.setDefault(QLocale("en_US"))
    yield
    QLocale.setDefault(QLocale("en_US"))


@pytest.fixture(autouse=True)
def _no_unpatched_modals(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal that a test did not patch fails the test instead of blocking it forever."""

    def refuse(*_args: object, **_kwargs: object) -> NoReturn:
        raise AssertionError("a modal dialog opened that the test did not patch")

    for name in ("question", "warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    for name in ("getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    monkeypatch.setattr(QDesktopServices, "openUrl", refuse)


# ---------------------------------------------------------------------------------------------
# Archives and the main window


def news(title: str, day: int = 10, **fields: object) -> ArticleInput:
    values: dict[str, object] = {
        "title": title,
        "body": "10月9日下午，我区召开督查会。",
        "category": ("开发区新闻", "常州", "文字新闻"),
        "published_at": dt.datetime(2020, 10, day, 9, 30, tzinfo=DEFAULT_TZ),
        "source": "金坛手机台",
        "zone": "江苏金坛经济开发区",
    }
    values.update(fields)
    return ArticleInput(**values)  # type: ignore[arg-type]


@pytest.fixture
def news_archive(sqlite_url: str) -> Iterator[Archive]:
    """A SQLite archive holding three published articles of 常州 (the 10th, 11th, 12th)."""
    archive = open_archive(sqlite_url)
    service = ArticleService(archive, user="tester")
    for day, title in (
        (10, "金坛召开第三次督查会"),
        (11, "园区新签约项目十二个"),
        (12, "常州开发区年度总结"),
    ):
        service.create(news(title, day))
    try:
        yield archive
    finally:
        archive.close()


@pytest.fixture
def make_window(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[Archive], MainWindow]]:
    """Open the real main window on an archive, shown, its preview built; closed afterwards
    (unsaved work discarded unless a test patched ``Ask.unsaved_on_quit`` itself)."""
    monkeypatch.setattr(
        Ask, "unsaved_on_quit", classmethod(lambda cls, parent, titles: Choice.DISCARD)
    )
    opened: list[MainWindow] = []

    def make(archive: Archive) -> MainWindow:
        window = MainWindow(archive)
        opened.append(window)
        window.show()
        qtbot.waitExposed(window, timeout=30_000)
        qtbot.waitUntil(lambda: window.preview is not None, timeout=30_000)
        qtbot.waitUntil(lambda: bool(window.categories), timeout=30_000)
        qtbot.waitUntil(lambda: not window.browser.model.loading, timeout=30_000)
        return window

    yield make
    for window in opened:
        if window.isVisible():
            window.close()


def page_html(qtbot: QtBot, window: MainWindow) -> str:
    assert window.preview is not None
    got: list[str] = []
    window.preview.page.toHtml(got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=30_000)
    return got[0]


def wait_for_preview(qtbot: QtBot, window: MainWindow, needle: str, timeout: float = 30.0) -> str:
    """The preview's HTML once it holds ``needle`` (``timeout``: an upper bound, for a loaded
    machine; the page is read back every 50 ms until then)."""
    deadline = time.monotonic() + timeout
    html = ""
    while time.monotonic() < deadline:
        html = page_html(qtbot, window)
        if needle in html:
            return html
        qtbot.wait(50)
    raise AssertionError(f"the preview never showed {needle!r}; it shows:\n{html[:2000]}")


def key_events(char: str) -> tuple[QKeyEvent, QKeyEvent]:
    """The press and release a keyboard (or an input method's commit) makes for ``char``.

    QTest.keyClicks asserts on characters beyond Latin-1, so Chinese is typed this way.
    """
    if char == "\n":
        key, text = Qt.Key.Key_Return, "\r"
    elif char.isascii() and char.isalnum():
        key, text = Qt.Key(ord(char.upper())), char
    elif char == " ":
        key, text = Qt.Key.Key_Space, char
    else:
        key, text = Qt.Key.Key_unknown, char
    press = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
    release = QKeyEvent(QEvent.Type.KeyRelease, key, Qt.KeyboardModifier.NoModifier, text)
    return press, release


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` one key at a time (any script)."""
    for char in text:
        for event in key_events(char):
            QApplication.sendEvent(widget, event)
