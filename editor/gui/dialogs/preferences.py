"""Preferences: the language of the UI (from the next start); spelling and style checks as one
types, each rule on or off (at once; the editor's context menu turns a rule off here too)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from editor.gui.labels import rule_label
from editor.gui.settings import Preferences
from editor.spell.problems import RULES


class PreferencesDialog(QDialog):
    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self._preferences = preferences
        self.language_combo = QComboBox(self)
        self.language_combo.addItem(self.tr("As the system (Chinese unless it is English)"), "")
        self.language_combo.addItem("中文（简体）", "zh_CN")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(preferences.language))
        )
        note = QLabel(self.tr("A new language takes effect when ZoneDesk starts again."), self)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language_combo)
        form.addRow("", note)

        self.spell_group = QGroupBox(self.tr("Check spelling and news style as I type"), self)
        self.spell_group.setObjectName("spellGroup")
        self.spell_group.setCheckable(True)
        self.spell_group.setChecked(preferences.spell_enabled)
        rules_layout = QVBoxLayout(self.spell_group)
        self.rule_boxes: dict[str, QCheckBox] = {}
        disabled = preferences.disabled_rules
        for rule in RULES.values():
            box = QCheckBox(rule_label(rule), self.spell_group)
            box.setObjectName(f"rule:{rule.id}")
            box.setToolTip(rule.id)
            box.setChecked(rule.id not in disabled)
            rules_layout.addWidget(box)
            self.rule_boxes[rule.id] = box
        rules_note = QLabel(
            self.tr("A rule turned off from the editor's context menu can be turned on here."),
            self.spell_group,
        )
        rules_note.setWordWrap(True)
        rules_note.setEnabled(False)  # greyed: a hint, not a setting
        rules_layout.addWidget(rules_note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.spell_group)
        layout.addStretch(1)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

    def save(self) -> None:
        self._preferences.language = str(self.language_combo.currentData())
        self._preferences.spell_enabled = self.spell_group.isChecked()
        self._preferences.disabled_rules = {
            rule for rule, box in self.rule_boxes.items() if not box.isChecked()
        }
        self._preferences.sync()
        self.accept()

    @classmethod
    def edit(cls, parent: QWidget | None, preferences: Preferences) -> bool:
        dialog = cls(preferences, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
