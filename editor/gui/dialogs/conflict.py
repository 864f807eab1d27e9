"""A save met a newer version saved elsewhere: show both and let the writer choose.

Merge puts both sides' changes in the editor (a three-way merge against the version the writer
started from, ``editor.archive.compare.merge_snapshots``), unsaved, over the newer version:
passages both changed differently are left between conflict markers to resolve, a field both
changed keeps mine and the dialog shows theirs. Keep mine saves the editor's version over the
newer one (a revision keeps theirs); Take theirs reloads the newer version into the editor
(nothing is lost: theirs is saved already, and mine was never saved); Cancel leaves both as they
are. Nothing is ever overwritten silently.
"""

from __future__ import annotations

import difflib
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.archive.compare import ArticleMerge
from editor.domain.model import DEFAULT_TZ, ArticleInput, ArticleRecord
from editor.gui.history import FieldChangesTable, field_label


class ConflictChoice(Enum):
    MERGE = "merge"
    KEEP_MINE = "mine"
    TAKE_THEIRS = "theirs"
    CANCEL = "cancel"


def side_text(title: str, body: str) -> str:
    return f"# {title}\n\n{body}"


def differing_lines(mine: str, theirs: str) -> tuple[list[int], list[int]]:
    """The numbers of the lines of each side that the other side does not have."""
    a, b = mine.split("\n"), theirs.split("\n")
    left: list[int] = []
    right: list[int] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            left.extend(range(i1, i2))
            right.extend(range(j1, j2))
    return left, right


def tint_lines(view: QPlainTextEdit, lines: list[int], colour: QColor) -> None:
    fmt = QTextCharFormat()
    fmt.setBackground(colour)
    fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
    selections = []
    doc = view.document()
    for number in lines:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = QTextCursor(doc.findBlockByNumber(number))
        selection.format = fmt
        selections.append(selection)
    view.setExtraSelections(selections)


class ConflictDialog(QDialog):
    """``merge``: what merging would give (None: the version the writer started from is not
    in the history any more, so there is no merging)."""

    def __init__(
        self,
        mine: ArticleInput,
        theirs: ArticleRecord,
        parent: QWidget | None = None,
        merge: ArticleMerge | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Saved elsewhere meanwhile"))
        self.choice = ConflictChoice.CANCEL
        self.merge = merge
        when = theirs.updated_at.astimezone(DEFAULT_TZ).strftime("%Y-%m-%d %H:%M")
        intro = QLabel(
            self.tr(
                "This article was saved elsewhere (version {version}, {when}) after you opened "
                "it. Nothing was overwritten. Merge both versions, or choose one?"
            ).format(version=theirs.version, when=when),
            self,
        )
        intro.setWordWrap(True)
        self.mine_view = QPlainTextEdit(side_text(mine.title, mine.body), self)
        self.theirs_view = QPlainTextEdit(side_text(theirs.title, theirs.body), self)
        for view in (self.mine_view, self.theirs_view):
            view.setReadOnly(True)
            view.setMinimumSize(360, 280)
        # the lines that differ are tinted on both sides
        mine_lines, their_lines = differing_lines(
            self.mine_view.toPlainText(), self.theirs_view.toPlainText()
        )
        self.differences = (mine_lines, their_lines)
        tint_lines(self.mine_view, mine_lines, QColor(255, 214, 102, 110))
        tint_lines(self.theirs_view, their_lines, QColor(120, 190, 255, 110))

        self.merge_box = QGroupBox(self.tr("Merging"), self)
        self.merge_text = QLabel(self._merge_summary(merge), self.merge_box)
        self.merge_text.setObjectName("mergeSummary")
        self.merge_text.setWordWrap(True)
        self.merge_text.setTextFormat(Qt.TextFormat.PlainText)
        conflicts = merge.field_conflicts if merge is not None else []
        self.field_table = FieldChangesTable(
            (self.tr("Field"), self.tr("Yours (kept)"), self.tr("Saved elsewhere")), self.merge_box
        )
        self.field_table.setObjectName("fieldConflicts")
        self.field_table.show_changes(conflicts)
        self.field_table.setFixedHeight(self.field_table.rows_height(len(conflicts)))
        box_layout = QVBoxLayout(self.merge_box)
        box_layout.addWidget(self.merge_text)
        box_layout.addWidget(self.field_table)

        buttons = QDialogButtonBox(self)
        self.merge_button = QPushButton(self.tr("Merge"), self)
        self.merge_button.setEnabled(merge is not None)
        self.merge_button.setToolTip(
            self.tr("Both versions' changes in the editor, not yet saved: check them, then save.")
        )
        self.keep_button = QPushButton(self.tr("Keep mine"), self)
        self.keep_button.setToolTip(
            self.tr("Saves your version; the one saved elsewhere stays in the history.")
        )
        self.take_button = QPushButton(self.tr("Take theirs"), self)
        self.take_button.setToolTip(
            self.tr("Shows the version saved elsewhere; your changes are not saved.")
        )
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        (self.merge_button if merge is not None else self.keep_button).setDefault(True)
        grid = QGridLayout(self)
        grid.addWidget(intro, 0, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("Your version (not saved)"), self), 1, 0)
        grid.addWidget(
            QLabel(self.tr("Saved elsewhere (version {v})").format(v=theirs.version), self), 1, 1
        )
        grid.addWidget(self.mine_view, 2, 0)
        grid.addWidget(self.theirs_view, 2, 1)
        grid.addWidget(self.merge_box, 3, 0, 1, 2)
        grid.addWidget(buttons, 4, 0, 1, 2)
        grid.setRowStretch(2, 1)
        self.resize(960, 660)
        self.merge_button.clicked.connect(lambda: self._choose(ConflictChoice.MERGE))
        self.keep_button.clicked.connect(lambda: self._choose(ConflictChoice.KEEP_MINE))
        self.take_button.clicked.connect(lambda: self._choose(ConflictChoice.TAKE_THEIRS))
        buttons.rejected.connect(self.reject)
        # the two sides scroll together
        self.mine_view.verticalScrollBar().valueChanged.connect(
            self.theirs_view.verticalScrollBar().setValue
        )

    def _merge_summary(self, merge: ArticleMerge | None) -> str:
        """What merging would do, in a few sentences."""
        if merge is None:
            return self.tr(
                "Merging is not possible: the version you started from is no longer in the "
                "article's history."
            )
        parts = []
        if merge.from_theirs:
            names = self.tr(", ").join(field_label(n) for n in merge.from_theirs)
            parts.append(
                self.tr("Merging adds the changes saved elsewhere ({fields}) to yours.").format(
                    fields=names
                )
            )
        elif not merge.conflicts and not merge.field_conflicts:
            parts.append(self.tr("Merging keeps your version: it holds every change of theirs."))
        if merge.conflicts:
            parts.append(
                self.tr(
                    "%n passage(s) of the body were changed on both sides: merging puts both "
                    "versions there, between marker lines, for you to resolve before saving.",
                    "",
                    merge.conflicts,
                )
            )
        if merge.field_conflicts:
            parts.append(self.tr("Both changed the fields below differently: merging keeps yours."))
        parts.append(self.tr("Nothing is saved until you save."))
        return "\n".join(parts)  # a sentence a line: no spaces between Chinese sentences

    def _choose(self, choice: ConflictChoice) -> None:
        self.choice = choice
        self.accept()

    @classmethod
    def choose(
        cls,
        parent: QWidget | None,
        mine: ArticleInput,
        theirs: ArticleRecord,
        merge: ArticleMerge | None = None,
    ) -> ConflictChoice:
        dialog = cls(mine, theirs, parent, merge)
        try:
            dialog.exec()
            return dialog.choice
        finally:
            dialog.deleteLater()
