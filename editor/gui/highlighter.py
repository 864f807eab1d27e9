"""Markdown structure in colour: headings, emphasis, links, images, lists, quotes, code.

Structure only: spell checking never runs in ``highlightBlock`` (it arrives later as the editor's
"spell" selection layer, see ``MarkdownEdit.set_layer``). Each block is painted from its own text
and one bit of state (inside a fenced code block or not), so a keystroke repaints one block.
Python indices become Qt (UTF-16) positions through ``Utf16Map`` where a block holds characters
beyond the BMP.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from editor.gui.theme import EditorColours, editor_colours

IN_FENCE = 1

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?=\s|$)(.*)$")
_QUOTE = re.compile(r"^ {0,3}(>+)")
_LIST = re.compile(r"^\s*([-*+]|\d{1,9}[.)])(?=\s)")
_RULE = re.compile(r"^ {0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_TABLE_PIPE = re.compile(r"\|")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM = re.compile(r"(?<![*\w])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*\w])")
_CODE = re.compile(r"(`+)(.+?)\1")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(([^)\n]*)\)")
_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\(([^)\n]*)\)")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]+>")


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, colours: EditorColours | None = None) -> None:
        super().__init__(document)
        self.set_colours(colours or editor_colours())

    def set_colours(self, colours: EditorColours) -> None:
        def fmt(
            colour: object = None, *, bold: bool = False, italic: bool = False
        ) -> QTextCharFormat:
            f = QTextCharFormat()
            if colour is not None:
                f.setForeground(colour)  # type: ignore[arg-type]
            if bold:
                f.setFontWeight(QFont.Weight.Bold)
            if italic:
                f.setFontItalic(True)
            return f

        self.heading = fmt(colours.heading, bold=True)
        self.markup = fmt(colours.markup)
        self.strong = fmt(bold=True)
        self.em = fmt(italic=True)
        self.link = fmt(colours.link)
        self.link.setFontUnderline(True)
        self.url = fmt(colours.markup)
        self.code = fmt(colours.code)
        self.code.setBackground(colours.code_background)
        self.code.setFontFixedPitch(True)
        self.quote = fmt(colours.quote, italic=True)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        self.setCurrentBlockState(0)
        in_fence = self.previousBlockState() == IN_FENCE
        if text.isascii() or max(text) <= "\uffff":

            def paint(start: int, end: int, fmt: QTextCharFormat) -> None:
                if end > start:
                    self.setFormat(start, end - start, fmt)

        else:  # characters beyond the BMP: Python indices are not Qt positions
            # (the spell package loads enchant on import: only blocks that need it pay for it)
            from editor.spell.utf16 import Utf16Map  # noqa: PLC0415 - see above

            utf16 = Utf16Map(text)

            def paint(start: int, end: int, fmt: QTextCharFormat) -> None:
                if end > start:
                    position, length = utf16.span_to_qt(start, end)
                    self.setFormat(position, length, fmt)

        if _FENCE.match(text):
            paint(0, len(text), self.code)
            if not in_fence:
                self.setCurrentBlockState(IN_FENCE)
            return
        if in_fence:
            paint(0, len(text), self.code)
            self.setCurrentBlockState(IN_FENCE)
            return
        if not text:
            return
        heading = _HEADING.match(text)
        if heading:
            paint(0, len(text), self.heading)
            paint(heading.start(1), heading.end(1), self.markup)
            return
        if _RULE.match(text):
            paint(0, len(text), self.markup)
            return
        quote = _QUOTE.match(text)
        if quote:
            paint(0, len(text), self.quote)
            paint(quote.start(1), quote.end(1), self.markup)
        listed = _LIST.match(text)
        if listed:
            paint(listed.start(1), listed.end(1), self.markup)
        if text.lstrip().startswith("|"):
            for m in _TABLE_PIPE.finditer(text):
                paint(m.start(), m.end(), self.markup)
        self._inline(text, paint)

    def _inline(self, text: str, paint: object) -> None:
        assert callable(paint)
        if "*" in text or "_" in text:
            for m in _STRONG.finditer(text):
                paint(m.start(2), m.end(2), self.strong)
                paint(m.start(), m.start(2), self.markup)
                paint(m.end(2), m.end(), self.markup)
            for m in _EM.finditer(text):
                paint(m.start(2), m.end(2), self.em)
                paint(m.start(), m.start(2), self.markup)
                paint(m.end(2), m.end(), self.markup)
        if "[" in text:
            for m in _IMAGE.finditer(text):
                paint(m.start(), m.end(), self.url)
                paint(m.start(1), m.end(1), self.link)
            for m in _LINK.finditer(text):
                paint(m.start(), m.end(), self.url)
                paint(m.start(1), m.end(1), self.link)
        if "<" in text:
            for m in _AUTOLINK.finditer(text):
                paint(m.start(), m.end(), self.link)
        if "`" in text:
            for m in _CODE.finditer(text):
                paint(m.start(), m.end(), self.code)
