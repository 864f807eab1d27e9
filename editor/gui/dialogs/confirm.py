"""The yes/no questions of deleting, reloading and restoring, each one classmethod (tests patch
them; no test ever blocks on a modal)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

translate = QCoreApplication.translate


def _ask(parent: QWidget | None, title: str, text: str, detail: str, yes: str) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(detail)
    confirm = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(confirm)
    box.exec()
    return box.clickedButton() is confirm


class Confirm:
    @classmethod
    def delete_article(cls, parent: QWidget | None, title: str) -> bool:
        """Move an article to the trash?"""
        return _ask(
            parent,
            translate("Confirm", "Move to the trash"),
            translate("Confirm", "Move “{title}” to the trash?").format(title=title),
            translate(
                "Confirm",
                "It leaves the archive browser and the exported site; the trash keeps it.",
            ),
            translate("Confirm", "Move to the trash"),
        )

    @classmethod
    def reload_article(cls, parent: QWidget | None, title: str) -> bool:
        """Replace the editor's unsaved changes by the newest saved version?"""
        return _ask(
            parent,
            translate("Confirm", "Load the newest version"),
            translate("Confirm", "“{title}” has changes that are not saved.").format(title=title),
            translate(
                "Confirm",
                "Loading the version saved elsewhere replaces them in the editor. The archive "
                "keeps the autosaved text in the article's history.",
            ),
            translate("Confirm", "Load the newest version"),
        )

    @classmethod
    def restore_revision(cls, parent: QWidget | None, number: int, dirty: bool) -> bool:
        """Restore a revision as the article's newest version?"""
        detail = translate(
            "Confirm", "It is saved as a new revision: the versions in between stay in the history."
        )
        if dirty:
            detail += "\n" + translate(
                "Confirm", "The changes not yet saved in the editor are replaced."
            )
        return _ask(
            parent,
            translate("Confirm", "Restore a revision"),
            translate("Confirm", "Restore revision {number}?").format(number=number),
            detail,
            translate("Confirm", "Restore"),
        )

    @classmethod
    def save_with_conflict_markers(cls, parent: QWidget | None, count: int) -> bool:
        """Save a body that still holds passages a merge left between conflict markers?"""
        return _ask(
            parent,
            translate("Confirm", "Unresolved merge"),
            translate(
                "Confirm", "Passages changed on both sides are still in the body: {count}."
            ).format(count=count),
            translate(
                "Confirm",
                "Each holds your text and the text saved elsewhere between the “<<<<<<<”, "
                "“=======” and “>>>>>>>” lines. Keep what is right and delete the marker lines "
                "before saving, or save it as it is, markers included.",
            ),
            translate("Confirm", "Save with the markers"),
        )
