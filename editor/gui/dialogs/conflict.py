"""A save met a newer version saved elsewhere: show both and let the writer choose.

Keep mine saves the editor's version over the newer one (a revision keeps theirs); Take theirs
reloads the newer version into the editor (a revision of nothing is lost: theirs is saved already,
and mine was never saved); Cancel leaves both as they are. Nothing is ever overwritten silently.
"""

from __future__ import annotations

import difflib
from enum import Enum

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from editor.domain.model import DEFAULT_TZ, ArticleInput, ArticleRecord


class ConflictChoice(Enum):
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
    def __init__(
        self, mine: ArticleInput, theirs: ArticleRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Saved elsewhere meanwhile"))
        self.choice = ConflictChoice.CANCEL
        when = theirs.updated_at.astimezone(DEFAULT_TZ).strftime("%Y-%m-%d %H:%M")
        intro = QLabel(
            self.tr(
                "This article was saved elsewhere (version {version}, {when}) after you opened "
                "it. Nothing was overwritten. Which version do you want to keep?"
            ).format(version=theirs.version, when=when),
            self,
        )
        intro.setWordWrap(True)
        self.mine_view = QPlainTextEdit(side_text(mine.title, mine.body), self)
        self.theirs_view = QPlainTextEdit(side_text(theirs.title, theirs.body), self)
        for view in (self.mine_view, self.theirs_view):
            view.setReadOnly(True)
            view.setMinimumSize(360, 320)
        # the lines that differ are tinted on both sides
        mine_lines, their_lines = differing_lines(
            self.mine_view.toPlainText(), self.theirs_view.toPlainText()
        )
        self.differences = (mine_lines, their_lines)
        tint_lines(self.mine_view, mine_lines, QColor(255, 214, 102, 110))
        tint_lines(self.theirs_view, their_lines, QColor(120, 190, 255, 110))
        buttons = QDialogButtonBox(self)
        self.keep_button = QPushButton(self.tr("Keep mine"), self)
        self.take_button = QPushButton(self.tr("Take theirs"), self)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        grid = QGridLayout(self)
        grid.addWidget(intro, 0, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("Your version (not saved)"), self), 1, 0)
        grid.addWidget(
            QLabel(self.tr("Saved elsewhere (version {v})").format(v=theirs.version), self), 1, 1
        )
        grid.addWidget(self.mine_view, 2, 0)
        grid.addWidget(self.theirs_view, 2, 1)
        grid.addWidget(buttons, 3, 0, 1, 2)
        self.keep_button.clicked.connect(lambda: self._choose(ConflictChoice.KEEP_MINE))
        self.take_button.clicked.connect(lambda: self._choose(ConflictChoice.TAKE_THEIRS))
        buttons.rejected.connect(self.reject)
        # the two sides scroll together
        self.mine_view.verticalScrollBar().valueChanged.connect(
            self.theirs_view.verticalScrollBar().setValue
        )

    def _choose(self, choice: ConflictChoice) -> None:
        self.choice = choice
        self.accept()

    @classmethod
    def choose(
        cls, parent: QWidget | None, mine: ArticleInput, theirs: ArticleRecord
    ) -> ConflictChoice:
        dialog = cls(mine, theirs, parent)
        try:
            dialog.exec()
            return dialog.choice
        finally:
            dialog.deleteLater()
