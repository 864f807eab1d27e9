"""Find and replace as a small bar under the editor (Ctrl+F, Ctrl+H), never a modal dialog.

Matches are found as you type and all of them are tinted (the editor's "find" selection layer);
Enter goes to the next, Shift+Enter to the previous, Esc closes the bar and returns to the text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextEdit,
    QToolButton,
    QWidget,
)

from editor.gui.icons import icon
from editor.gui.markdownedit import MarkdownEdit

MAX_TINTED = 2000  # beyond this many matches only the count is shown


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, editor: MarkdownEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._editor = editor
        self.find_edit = QLineEdit(self)
        self.find_edit.setPlaceholderText(self.tr("Find"))
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setPlaceholderText(self.tr("Replace with"))
        self.case_box = QCheckBox(self.tr("Match case"), self)
        self.count_label = QLabel(self)
        self.count_label.setMinimumWidth(70)
        self.previous_button = QToolButton(self)
        self.previous_button.setIcon(icon("up"))
        self.previous_button.setToolTip(self.tr("Previous match (Shift+Enter)"))
        self.next_button = QToolButton(self)
        self.next_button.setIcon(icon("down"))
        self.next_button.setToolTip(self.tr("Next match (Enter)"))
        self.replace_button = QPushButton(self.tr("Replace"), self)
        self.replace_all_button = QPushButton(self.tr("Replace all"), self)
        self.close_button = QToolButton(self)
        self.close_button.setIcon(icon("close"))
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self.close_button.setAutoRaise(True)

        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.find_edit, 0, 0)
        grid.addWidget(self.previous_button, 0, 1)
        grid.addWidget(self.next_button, 0, 2)
        grid.addWidget(self.count_label, 0, 3)
        grid.addWidget(self.case_box, 0, 4)
        grid.addWidget(self.close_button, 0, 5)
        grid.addWidget(self.replace_edit, 1, 0)
        grid.addWidget(self.replace_button, 1, 1, 1, 3)
        grid.addWidget(self.replace_all_button, 1, 4)
        grid.setColumnStretch(0, 1)

        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(120)

        self.find_edit.textChanged.connect(self._find_as_typed)
        self.case_box.toggled.connect(lambda _on: self._refresh.start())
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.replace_button.clicked.connect(self.replace_one)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.close_button.clicked.connect(self.close_bar)
        self._refresh.timeout.connect(self.tint_matches)
        editor.document().contentsChanged.connect(self._contents_changed)
        for field in (self.find_edit, self.replace_edit):
            field.installEventFilter(self)
        self.hide()

    # -- showing ---------------------------------------------------------------------------

    def show_find(self) -> None:
        self._open(replace=False)
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def show_replace(self) -> None:
        self._open(replace=True)
        (self.replace_edit if self.find_edit.text() else self.find_edit).setFocus()

    def _open(self, *, replace: bool) -> None:
        selected = self._editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        for widget in (self.replace_edit, self.replace_button, self.replace_all_button):
            widget.setVisible(replace)
        self.show()
        self.tint_matches()

    def close_bar(self) -> None:
        self.hide()
        self._editor.set_layer("find", [])
        self._editor.setFocus()
        self.closed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if watched is self.replace_edit:
                    self.replace_one()
                elif event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.find_previous()
                else:
                    self.find_next()
                return True
        return super().eventFilter(watched, event)

    # -- finding ---------------------------------------------------------------------------

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.case_box.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def _find(self, backward: bool, start: QTextCursor | None = None) -> bool:
        needle = self.find_edit.text()
        if not needle:
            return False
        doc = self._editor.document()
        cursor = start if start is not None else self._editor.textCursor()
        found = doc.find(needle, cursor, self._flags(backward))
        if found.isNull():  # wrap around
            edge = QTextCursor(doc)
            edge.movePosition(
                QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            )
            found = doc.find(needle, edge, self._flags(backward))
        if found.isNull():
            return False
        self._editor.setTextCursor(found)
        self._editor.ensureCursorVisible()
        return True

    def find_next(self) -> bool:
        return self._find(backward=False)

    def find_previous(self) -> bool:
        return self._find(backward=True)

    def _find_as_typed(self) -> None:
        cursor = self._editor.textCursor()
        cursor.setPosition(cursor.selectionStart())
        self._find(backward=False, start=cursor)
        self._refresh.start()

    def _contents_changed(self) -> None:
        if self.isVisible() and self.find_edit.text():
            self._refresh.start()

    def matches(self) -> list[QTextCursor]:
        needle = self.find_edit.text()
        found: list[QTextCursor] = []
        if not needle:
            return found
        doc = self._editor.document()
        cursor = QTextCursor(doc)
        flags = self._flags()
        while True:
            cursor = doc.find(needle, cursor, flags)
            if cursor.isNull():
                return found
            found.append(cursor)

    def tint_matches(self) -> None:
        if not self.isVisible():
            return
        matches = self.matches()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(255, 214, 102, 150))
        selections = []
        for cursor in matches[:MAX_TINTED]:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self._editor.set_layer("find", selections)
        if not self.find_edit.text():
            self.count_label.setText("")
        else:
            self.count_label.setText(self.tr("%n match(es)", "", len(matches)))

    # -- replacing -------------------------------------------------------------------------

    def _selection_matches(self) -> bool:
        selected = self._editor.textCursor().selectedText()
        needle = self.find_edit.text()
        if self.case_box.isChecked():
            return selected == needle
        return selected.casefold() == needle.casefold()

    def replace_one(self) -> None:
        if not self.find_edit.text():
            return
        if self._selection_matches():
            self._editor.textCursor().insertText(self.replace_edit.text())
        self.find_next()

    def replace_all(self) -> int:
        matches = self.matches()
        if not matches:
            return 0
        replacement = self.replace_edit.text()
        edit = QTextCursor(self._editor.document())
        edit.beginEditBlock()
        for cursor in reversed(matches):  # from the end: earlier positions stay valid
            cursor.insertText(replacement)
        edit.endEditBlock()
        self.count_label.setText(self.tr("%n replaced", "", len(matches)))
        return len(matches)
