"""The small modal questions, file choosers and desktop hand-offs, each one classmethod.

Tests patch these methods (never the Qt statics), so no test ever blocks on a modal.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QProcess, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

MAIN_SCRIPT = Path(__file__).resolve().parents[3] / "main.py"


translate = QCoreApplication.translate


class Choice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Ask:
    @classmethod
    def unsaved_changes(cls, parent: QWidget | None, title: str) -> Choice:
        """Save, discard or keep editing one article with unsaved changes."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(translate("Ask", "Unsaved changes"))
        box.setText(
            translate("Ask", "“{title}” has changes that are not saved.").format(title=title)
        )
        box.setInformativeText(translate("Ask", "Save them before closing?"))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return cls._choice(box.exec())

    @classmethod
    def unsaved_on_quit(cls, parent: QWidget | None, titles: list[str]) -> Choice:
        """Save all, discard all or go back, when quitting with unsaved articles."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(translate("Ask", "Unsaved changes"))
        n = len(titles)
        box.setText(translate("Ask", "%n article(s) have unsaved changes:", "", n))
        box.setInformativeText("\n".join(f"• {t}" for t in titles[:10]))
        box.setStandardButtons(
            QMessageBox.StandardButton.SaveAll
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.SaveAll)
        return cls._choice(box.exec())

    @staticmethod
    def _choice(button: int) -> Choice:
        if button in (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.SaveAll):
            return Choice.SAVE
        if button == QMessageBox.StandardButton.Discard:
            return Choice.DISCARD
        return Choice.CANCEL

    @classmethod
    def error(cls, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)


class FileChooser:
    @classmethod
    def image_files(cls, parent: QWidget | None) -> list[str]:
        files, _ = QFileDialog.getOpenFileNames(
            parent,
            translate("Ask", "Insert images"),
            "",
            translate("Ask", "Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp)"),
        )
        return files

    @classmethod
    def jsonl_file(cls, parent: QWidget | None) -> str | None:
        name, _ = QFileDialog.getOpenFileName(
            parent,
            translate("Ask", "Import articles"),
            "",
            translate("Ask", "JSON Lines (*.jsonl *.json);;All files (*)"),
        )
        return name or None

    @classmethod
    def page_files(cls, parent: QWidget | None) -> list[str]:
        """Saved article pages of the portal, to import."""
        files, _ = QFileDialog.getOpenFileNames(
            parent,
            translate("Ask", "Import pages"),
            "",
            translate("Ask", "Article pages (*.html *.htm *.shtml *.txt);;All files (*)"),
        )
        return files

    @classmethod
    def folder(cls, parent: QWidget | None, title: str, start: str = "") -> str | None:
        name = QFileDialog.getExistingDirectory(parent, title, start)
        return name or None

    @classmethod
    def archive_file(cls, parent: QWidget | None) -> str | None:
        name, _ = QFileDialog.getOpenFileName(
            parent,
            translate("Ask", "Open another archive"),
            "",
            translate("Ask", "ZoneDesk archives (*.sqlite3 *.sqlite *.db);;All files (*)"),
        )
        return name or None


class Desktop:
    @classmethod
    def open_url(cls, url: QUrl) -> bool:
        """Hand a link to the system browser (or a folder to the file manager)."""
        return QDesktopServices.openUrl(url)

    @classmethod
    def open_archive(cls, location: str) -> bool:
        """Open another archive in a new ZoneDesk window (a process of its own)."""
        if getattr(sys, "frozen", False):  # the bundle: the executable is ZoneDesk itself
            return QProcess.startDetached(sys.executable, ["--db", location])[0]
        return QProcess.startDetached(sys.executable, [str(MAIN_SCRIPT), "--db", location])[0]
