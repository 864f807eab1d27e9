"""Small parts of the article form: a text's count against its limit inside its line edit, the
status colours, and the zones a typed zone text names."""

from __future__ import annotations

import math
import unicodedata

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QLabel, QLineEdit

from editor.domain.model import ArticleStatus, ZoneRecord
from editor.gui.theme import editor_colours, is_dark
from editor.text import collation

#: A field's count shows once its text is this share of the limit.
COUNT_FROM = 0.8
#: Each status's colour on a light and on a dark palette.
STATUS_COLOURS = {
    ArticleStatus.DRAFT: ("#5F6670", "#A7ADB6"),
    ArticleStatus.REVIEW: ("#B25E00", "#F2A93B"),
    ArticleStatus.PUBLISHED: ("#1E7B34", "#5BD27A"),
    ArticleStatus.ARCHIVED: ("#3E5C8A", "#8FB0E0"),
}


def status_colour(status: ArticleStatus) -> QColor:
    light, dark = STATUS_COLOURS[status]
    return QColor(dark if is_dark() else light)


def status_dot(colour: QColor, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def zones_named(text: str, zones: list[ZoneRecord]) -> list[ZoneRecord]:
    """The zones ``text`` names: the one of that name or short name, else every zone whose name
    or short name holds it, or its pinyin or initials (``jt``, ``jintan``, 金坛: full-width
    letters and case aside), as the zone box's completer finds them."""
    key = _folded(text)
    if not key:
        return []
    for attribute in ("name", "short_name"):
        exact = [z for z in zones if _folded(getattr(z, attribute)) == key]
        if len(exact) == 1:
            return exact
    return [
        z for z in zones if collation.matches(text, z.name) or collation.matches(text, z.short_name)
    ]


class LengthCounter(QLabel):
    """``187/200`` inside the right end of a line edit once its text nears ``limit`` (red past
    it). Counts characters as the archive does: code points of the stripped text, so a Chinese
    character is one, 𠀾 too."""

    def __init__(self, edit: QLineEdit, limit: int) -> None:
        super().__init__(edit)
        self.edit = edit
        self.limit = limit
        self.setObjectName(f"count_{edit.objectName() or 'field'}")
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        self.setFont(font)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()
        edit.installEventFilter(self)
        edit.textChanged.connect(self.update_count)

    def count(self) -> int:
        return len(self.edit.text().strip())

    def over(self) -> int:
        """How many characters too many (0 when it fits)."""
        return max(0, self.count() - self.limit)

    def update_count(self) -> None:
        count = self.count()
        shown = count >= math.ceil(self.limit * COUNT_FROM)
        if shown:
            colour = (
                editor_colours().problem
                if count > self.limit
                else self.edit.palette().color(QPalette.ColorRole.PlaceholderText)
            )
            weight = "bold" if count > self.limit else "normal"
            self.setStyleSheet(f"color: {colour.name()}; font-weight: {weight};")
            self.setText(f"{count}/{self.limit}")
            self.adjustSize()
        self.setVisible(shown)
        self.edit.setTextMargins(0, 0, self.width() + 6 if shown else 0, 0)
        self._place()

    def _place(self) -> None:
        edit = self.edit
        self.move(edit.width() - self.width() - 6, (edit.height() - self.height()) // 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.Resize:
            self._place()
        return False
