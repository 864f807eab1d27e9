"""The Markdown editor: a QPlainTextEdit that keeps text plain and hands images to its owner.

- Pasting or dropping an image (clipboard bitmap, or image files) does not insert anything: it
  emits ``imagePasted(bytes, name)`` / ``imageFilesDropped(paths)``; the owner stores the image in
  the archive and inserts its reference. Rich text is pasted as its plain text.
- Pasted text keeps its paragraphs: single line breaks between paragraphs (Word, WeChat, web
  pages) become blank lines (``editor.text.paste``), one undo step, no character changed.
- Enter continues a list item or a quote, Enter on an empty one ends it; Tab / Shift+Tab move a
  list item one level in or out (``editor.text.markdownlines``); elsewhere Tab inserts a tab.
- Input-method events pass through untouched (Chinese input methods need their
  QInputMethodEvents); Enter and Tab are only taken while no composition is under way.
- Selection layers: ``set_layer(name, selections)`` keeps named lists of ExtraSelections ("find"
  for find-and-replace matches, "spell" for the spell checker's underlines) and shows them
  together.
- The context menu is Qt's standard one, offered to others first: ``contextMenuAboutToShow(menu,
  position)`` lets the spell checker put its suggestions on top (``context_menu`` builds it
  without showing it, for tests).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QFontDatabase,
    QImage,
    QKeyEvent,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QWidget

from editor.text.markdownlines import LineEdit, enter_edit, fence_open_at_end, indent_edit
from editor.text.paste import paste_paragraphs

if TYPE_CHECKING:
    from editor.spell.utf16 import Utf16Map

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp"})
_RAW_IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")


def image_files(mime: QMimeData) -> list[str]:
    """The local image files a drop or paste carries (none when anything else is among them)."""
    if not mime.hasUrls():
        return []
    paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    if not paths or len(paths) != len(mime.urls()):
        return []
    if all(Path(p).suffix.lower() in IMAGE_SUFFIXES for p in paths):
        return paths
    return []


def image_bytes(mime: QMimeData) -> tuple[bytes, str] | None:
    """(bytes, a file name) of a bitmap on the clipboard: its own encoding if offered, else PNG."""
    for kind in _RAW_IMAGE_TYPES:
        if mime.hasFormat(kind):
            data = bytes(mime.data(kind).data())
            if data:
                return data, "clipboard." + kind.split("/")[1].replace("jpeg", "jpg")
    if not mime.hasImage():
        return None
    image = mime.imageData()
    if not isinstance(image, QImage) or image.isNull():
        return None
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(array.data()), "clipboard.png"


class MarkdownEdit(QPlainTextEdit):
    imagePasted = Signal(bytes, str)  # data, original name
    imageFilesDropped = Signal(list)  # local paths
    contextMenuAboutToShow = Signal(QMenu, int)  # the menu, the document position clicked
    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markdownEdit")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(False)
        self.setCenterOnScroll(False)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0) + 1.5)
        font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
        self.setFont(font)
        self.document().setDocumentMargin(14)
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}

    # -- selection layers -------------------------------------------------------------------

    def set_layer(self, name: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        if not selections and name not in self._layers:
            return
        self._layers[name] = selections
        merged: list[QTextEdit.ExtraSelection] = []
        for layer in self._layers.values():
            merged.extend(layer)
        self.setExtraSelections(merged)

    def layer(self, name: str) -> list[QTextEdit.ExtraSelection]:
        return list(self._layers.get(name, []))

    # -- context menu and size --------------------------------------------------------------

    def context_menu(self, pos: QPoint) -> QMenu:
        """The context menu for a click at ``pos`` (viewport coordinates), not yet shown."""
        menu = self.createStandardContextMenu(pos)
        position = self.cursorForPosition(pos).position()
        self.contextMenuAboutToShow.emit(menu, position)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos())
        try:
            menu.exec(event.globalPos())
        finally:
            menu.deleteLater()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    # -- text -------------------------------------------------------------------------------

    def insert_block_text(self, text: str) -> None:
        """Insert ``text`` as a paragraph of its own at the cursor (blank lines around it)."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        block_text = cursor.block().text()
        before = block_text[: cursor.positionInBlock()]
        after = block_text[cursor.positionInBlock() :]
        previous = cursor.block().previous()
        if before.strip():
            prefix = "\n\n"
        elif previous.isValid() and previous.text().strip():
            prefix = "\n"
        else:
            prefix = ""
        suffix = "\n\n" if after.strip() else "\n"
        cursor.insertText(prefix + text + suffix)
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    # -- paste and drop ---------------------------------------------------------------------

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return (
            bool(image_files(source)) or source.hasImage() or super().canInsertFromMimeData(source)
        )

    def insertFromMimeData(self, source: QMimeData) -> None:
        files = image_files(source)
        if files:
            self.imageFilesDropped.emit(files)
            return
        if not source.hasText():
            found = image_bytes(source)
            if found is not None:
                self.imagePasted.emit(*found)
                return
        if source.hasText():
            cursor = self.textCursor()
            text = paste_paragraphs(source.text(), self._text_before(cursor.selectionStart()))
            cursor.beginEditBlock()
            cursor.insertText(text)
            cursor.endEditBlock()
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    def _text_before(self, position: int) -> str:
        """The body up to ``position``, lines separated by ``\\n``."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText().replace("\u2029", "\n")

    # -- lists and quotes -------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._list_key(event):
            super().keyPressEvent(event)

    def _list_key(self, event: QKeyEvent) -> bool:
        """Enter, Tab and Shift+Tab on a list or quote line; True when handled here."""
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
            wanted = modifiers == Qt.KeyboardModifier.NoModifier
        elif key == Qt.Key.Key_Backtab:
            wanted = modifiers in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.ShiftModifier,
            )
        else:
            return False
        cursor = self.textCursor()
        block = cursor.block()
        if not wanted or self.isReadOnly() or block.layout().preeditAreaText():
            return False  # an input method is composing: the key is its own
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if cursor.hasSelection():
                return False
            utf16 = _utf16(block.text())
            column = cursor.positionInBlock()
            edit = enter_edit(block.text(), column if utf16 is None else utf16.from_qt(column))
            if edit is None or self._in_fence(block.position()):
                return False  # not a list or quote line, or one in code
            return self._apply(cursor, edit, cursor_after=True)
        first = self.document().findBlock(cursor.selectionStart())
        last = self.document().findBlock(cursor.selectionEnd())
        if indent_edit(first.text(), False) is None or self._in_fence(first.position()):
            return False  # not a list line: Tab stays a tab
        cursor.beginEditBlock()
        while True:
            edit = indent_edit(first.text(), key == Qt.Key.Key_Backtab)
            if edit is not None:
                self._apply(QTextCursor(first), edit, cursor_after=False)
            if first == last or not first.next().isValid():
                break
            first = first.next()
        cursor.endEditBlock()
        return True

    def _in_fence(self, block_position: int) -> bool:
        return fence_open_at_end(self._text_before(block_position))

    def _apply(self, cursor: QTextCursor, edit: LineEdit, *, cursor_after: bool) -> bool:
        """Replace characters ``edit.start:edit.end`` of the cursor's line, one undo step."""
        block = cursor.block()
        utf16 = _utf16(block.text())
        start, end = edit.start, edit.end
        if utf16 is not None:
            start, end = utf16.to_qt(start), utf16.to_qt(end)
        start += block.position()
        end += block.position()
        change = QTextCursor(cursor)
        change.beginEditBlock()
        change.setPosition(start)
        change.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        change.insertText(edit.text)
        change.endEditBlock()
        if cursor_after:
            self.setTextCursor(change)
            self.ensureCursorVisible()
        return True

    def select_range(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)


def _utf16(text: str) -> Utf16Map | None:
    """Python index <-> Qt position conversion for a line, None when they are the same."""
    if text.isascii() or max(text) <= "\uffff":
        return None
    # the spell package loads enchant on import: only lines that need it pay for it
    from editor.spell.utf16 import Utf16Map  # noqa: PLC0415 - see above

    return Utf16Map(text)
