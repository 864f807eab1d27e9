"""Formatting commands of the Markdown editor: what Bold, Italic, Heading, List, Quote, Link and
Table do to the text, and the QActions (toolbar, menu, shortcuts) that trigger them.

Each command is one undo step. The actions act on whatever editor ``editor()`` returns (the
current tab's) and do nothing when there is none. While the keyboard focus is in another text
field (the title, the source …) they are disabled: Ctrl+B typed in the title must not put bold
markers into the body.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from editor.gui.icons import icon
from editor.gui.qtutil import KeySpec


def table_template(first: str, second: str) -> str:
    """A two-column Markdown table with one empty row."""
    return f"| {first} | {second} |\n| --- | --- |\n|  |  |"


def toggle_wrap(edit: QPlainTextEdit, marker: str, placeholder: str = "") -> None:
    """Wrap the selection in ``marker`` (``**`` bold, ``*`` italic), or unwrap it when it is
    wrapped already; without a selection, insert ``marker placeholder marker`` with the
    placeholder selected."""
    cursor = edit.textCursor()
    cursor.beginEditBlock()
    if cursor.hasSelection():
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        text = cursor.selectedText()
        n = len(marker)
        doc_text = edit.document()
        outer = QTextCursor(doc_text)
        outer.setPosition(max(0, start - n))
        outer.setPosition(
            min(doc_text.characterCount() - 1, end + n), QTextCursor.MoveMode.KeepAnchor
        )
        around = outer.selectedText()
        if len(text) >= 2 * n and text.startswith(marker) and text.endswith(marker):
            cursor.insertText(text[n:-n])
            cursor.setPosition(start)
            cursor.setPosition(end - 2 * n, QTextCursor.MoveMode.KeepAnchor)
        elif start >= n and around.startswith(marker) and around.endswith(marker):
            outer.insertText(text)
            cursor = QTextCursor(doc_text)
            cursor.setPosition(start - n)
            cursor.setPosition(end - n, QTextCursor.MoveMode.KeepAnchor)
        else:
            cursor.insertText(f"{marker}{text}{marker}")
            cursor.setPosition(start + n)
            cursor.setPosition(end + n, QTextCursor.MoveMode.KeepAnchor)
    else:
        start = cursor.position()
        cursor.insertText(f"{marker}{placeholder}{marker}")
        cursor.setPosition(start + len(marker))
        cursor.setPosition(start + len(marker) + len(placeholder), QTextCursor.MoveMode.KeepAnchor)
    cursor.endEditBlock()
    edit.setTextCursor(cursor)


def toggle_prefix(edit: QPlainTextEdit, prefix: str) -> None:
    """Put ``prefix`` (``## ``, ``- ``, ``> ``) before every line of the selection, or take it away
    when every line has it already. A heading prefix replaces another heading level."""
    cursor = edit.textCursor()
    doc = edit.document()
    first = doc.findBlock(cursor.selectionStart())
    last = doc.findBlock(cursor.selectionEnd())
    blocks = []
    block = first
    while block.isValid():
        blocks.append(block)
        if block == last:
            break
        block = block.next()
    lines = [b.text() for b in blocks]
    filled = [line for line in lines if line.strip()]
    # blank lines alone (an empty body) get the prefix: there is nothing to take it from
    remove = bool(filled) and all(line.startswith(prefix) for line in filled)
    cursor.beginEditBlock()
    for block, line in zip(blocks, lines, strict=True):
        if not line.strip() and len(blocks) > 1:
            continue
        edit_cursor = QTextCursor(block)
        edit_cursor.movePosition(
            QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
        )
        if remove:
            new = line[len(prefix) :]
        elif prefix.startswith("#"):
            new = prefix + line.lstrip("#").lstrip()
        else:
            new = prefix + line
        edit_cursor.insertText(new)
    cursor.endEditBlock()
    end = QTextCursor(blocks[-1])
    end.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    edit.setTextCursor(end)


def insert_link(edit: QPlainTextEdit, placeholder: str, url: str = "https://") -> None:
    """``[selection](url)`` with the URL selected, ready to be typed over; ``placeholder`` is the
    link text when nothing is selected."""
    cursor = edit.textCursor()
    text = cursor.selectedText() or placeholder
    cursor.beginEditBlock()
    start = cursor.selectionStart()
    cursor.insertText(f"[{text}]({url})")
    cursor.setPosition(start + len(text) + 3)
    cursor.setPosition(start + len(text) + 3 + len(url), QTextCursor.MoveMode.KeepAnchor)
    cursor.endEditBlock()
    edit.setTextCursor(cursor)


def insert_image_reference(edit: QPlainTextEdit, reference: str, alt: str = "") -> None:
    """``![alt](media/<sha>.<ext>)`` as a paragraph of its own."""
    insert = getattr(edit, "insert_block_text", None)
    text = f"![{alt}]({reference})"
    if callable(insert):
        insert(text)
    else:
        edit.textCursor().insertText(text)


def insert_table(edit: QPlainTextEdit, template: str) -> None:
    insert = getattr(edit, "insert_block_text", None)
    if callable(insert):
        insert(template)
    else:
        edit.textCursor().insertText(template)


#: Widgets that take typing: while one of them (not the body) has the focus, formatting is off.
_TEXT_INPUTS = (QLineEdit, QAbstractSpinBox, QComboBox, QTextEdit, QPlainTextEdit)


class FormatActions(QObject):
    """The formatting QActions; ``imageRequested`` asks the window to choose an image file."""

    imageRequested = Signal()

    def __init__(self, parent: QObject, editor: Callable[[], QPlainTextEdit | None]) -> None:
        super().__init__(parent)
        self._editor = editor
        self._has_editor = True

        def make(name: str, text: str, shortcut: KeySpec, run: Callable[[], None]) -> QAction:
            action = QAction(icon(name), text, parent)
            keys = QKeySequence(shortcut)
            action.setShortcut(keys)
            native = keys.toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text.replace('&', '')} ({native})")
            action.triggered.connect(run)
            return action

        self.bold = make("bold", self.tr("&Bold"), QKeySequence.StandardKey.Bold, self._bold)
        self.italic = make(
            "italic", self.tr("&Italic"), QKeySequence.StandardKey.Italic, self._italic
        )
        self.heading = make("heading", self.tr("&Heading"), "Ctrl+Shift+H", self._heading)
        self.bullets = make("list", self.tr("&List"), "Ctrl+Shift+L", self._list)
        self.quote = make("quote", self.tr("&Quote"), "Ctrl+Shift+Q", self._quote)
        self.link = make("link", self.tr("Lin&k"), "Ctrl+K", self._link)
        self.table = make("table", self.tr("&Table"), "Ctrl+Shift+T", self._table)
        self.image = make("image", self.tr("I&mage…"), "Ctrl+Shift+I", self.imageRequested.emit)
        self.all = [
            self.bold,
            self.italic,
            self.heading,
            self.bullets,
            self.quote,
            self.link,
            self.table,
            self.image,
        ]

        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def set_enabled(self, enabled: bool) -> None:
        """Whether there is an editor to act on (the window's current tab)."""
        self._has_editor = enabled
        self._update()

    def _focus_changed(self, _old: QWidget | None, _now: QWidget | None) -> None:
        self._update()

    def _update(self) -> None:
        focus = QApplication.focusWidget()
        edit = self._editor() if self._has_editor else None
        elsewhere = (
            focus is not None
            and focus is not edit
            and isinstance(focus, _TEXT_INPUTS)
            and not (edit is not None and edit.isAncestorOf(focus))
        )
        enabled = self._has_editor and not elsewhere
        for action in self.all:
            action.setEnabled(enabled)

    def _with_editor(self, command: Callable[[QPlainTextEdit], None]) -> None:
        edit = self._editor()
        if edit is not None:
            command(edit)
            edit.setFocus()

    def _bold(self) -> None:
        self._with_editor(lambda e: toggle_wrap(e, "**", self.tr("bold text")))

    def _italic(self) -> None:
        self._with_editor(lambda e: toggle_wrap(e, "*", self.tr("italic text")))

    def _heading(self) -> None:
        self._with_editor(lambda e: toggle_prefix(e, "## "))

    def _list(self) -> None:
        self._with_editor(lambda e: toggle_prefix(e, "- "))

    def _quote(self) -> None:
        self._with_editor(lambda e: toggle_prefix(e, "> "))

    def _link(self) -> None:
        self._with_editor(lambda e: insert_link(e, self.tr("link text")))

    def _table(self) -> None:
        template = table_template(self.tr("Item"), self.tr("Details"))
        self._with_editor(lambda e: insert_table(e, template))
