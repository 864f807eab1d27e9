"""The portal's site settings (name, slogan, contact, copyright, base URL), stored in the archive
(``setting`` table, keys ``site.*``) through the export package's checked helpers."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from editor.archive.database import Archive
from editor.domain.errors import ValidationError, ZoneDeskError
from editor.export import settings as site
from editor.gui.labels import problem_text
from editor.gui.theme import editor_colours


class SiteDialog(QDialog):
    def __init__(self, archive: Archive, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("siteDialog")
        self.setWindowTitle(self.tr("Site settings"))
        self._archive = archive
        labels = {
            "site.name": self.tr("Site name"),
            "site.slogan": self.tr("Slogan"),
            "site.phone": self.tr("Phone"),
            "site.fax": self.tr("Fax"),
            "site.email": self.tr("E-mail"),
            "site.copyright": self.tr("Copyright"),
            "site.base_url": self.tr("Base URL"),
        }
        stored = site.read_raw(archive)
        missing = site.defaults() if any(k not in stored for k in site.KEYS) else {}
        self.fields: dict[str, QLineEdit] = {}
        self.problems: dict[str, QLabel] = {}
        form = QFormLayout()
        colour = editor_colours().problem.name()
        for key in site.KEYS:
            field = QLineEdit(stored.get(key, missing.get(key, "")), self)
            field.setMaxLength(site.MAX_LENGTH)
            field.setMinimumWidth(380)
            problem = QLabel(self)
            problem.setObjectName(f"problem_{key}")
            problem.setStyleSheet(f"color: {colour};")
            problem.setWordWrap(True)
            problem.hide()
            box = QVBoxLayout()
            box.setSpacing(1)
            box.addWidget(field)
            box.addWidget(problem)
            required = key in site.REQUIRED
            text = labels[key] + (f'<span style="color: {colour}"> *</span>' if required else "")
            form.addRow(QLabel(text, self), box)
            self.fields[key] = field
            self.problems[key] = problem
        self.general = QLabel(self)
        self.general.setStyleSheet(f"color: {colour};")
        self.general.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

    def values(self) -> dict[str, str]:
        return {key: field.text() for key, field in self.fields.items()}

    def save(self) -> bool:
        for label in self.problems.values():
            label.clear()
            label.hide()
        try:
            checked = site.SiteSettings.from_mapping(self.values())
            for key, value in checked.as_dict().items():
                site.save_site_setting(self._archive, key, value)
        except ValidationError as invalid:
            for problem in invalid.problems:
                shown = self.problems.get(problem.field)
                if shown is not None:
                    shown.setText(problem_text(problem))
                    shown.show()
            return False
        except ZoneDeskError as exc:
            self.general.setText(str(exc))
            self.general.show()
            return False
        self.accept()
        return True

    @classmethod
    def edit(cls, parent: QWidget | None, archive: Archive) -> bool:
        """Edit the settings (modal); True when they were saved."""
        dialog = cls(archive, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
