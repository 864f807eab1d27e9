"""Fixtures of the GUI tests: the real QApplication, settings in tmp_path, translators."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool, QTranslator
from PySide6.QtWidgets import QApplication

from editor.app import create_application, install_translators, remove_translators


@pytest.fixture(scope="session")
def qapp() -> QApplication:
    """pytest-qt's application, built by ZoneDesk's own ``create_application``."""
    return create_application(["zonedesk-tests"])


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
    """Install the translators of a language for this test only."""
    installed: list[QTranslator] = []

    def install(language: str) -> list[QTranslator]:
        translators = install_translators(qapp, language)
        installed.extend(translators)
        return translators

    yield install
    remove_translators(qapp, installed)
