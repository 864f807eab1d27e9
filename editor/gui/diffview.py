"""Two versions of a text side by side: read-only panes whose rows face each other, the changed
rows tinted (removed on the left, added on the right), the changed characters tinted deeper, the
gaps hatched, and the two panes scrolling together. Long lines (a Chinese paragraph is one) wrap;
the shorter of two facing rows is padded to the other's height, so they stay side by side. The
colours follow the palette (light, dark).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QGridLayout, QTextEdit, QWidget

from editor.archive.compare import DiffRow
from editor.gui.elided import ElidedLabel
from editor.gui.theme import is_dark

#: More rows than this are shown without their tints (a diff of a whole book is not read anyway).
MAX_TINTED_ROWS = 20_000


def diff_colours(palette: QPalette) -> dict[str, QColor]:
    """Line and character tints for removed and added text, and the gaps' hatching."""
    if is_dark(palette):
        return {
            "removed": QColor(0xA0, 0x3A, 0x3A, 90),
            "removed_chars": QColor(0xD0, 0x50, 0x50, 150),
            "added": QColor(0x3A, 0x8A, 0x4A, 90),
            "added_chars": QColor(0x4F, 0xB8, 0x62, 150),
            "gap": QColor(0x80, 0x84, 0x8C, 70),
        }
    return {
        "removed": QColor(0xFF, 0xD7, 0xD5),
        "removed_chars": QColor(0xFF, 0x9E, 0x99),
        "added": QColor(0xD4, 0xF5, 0xD9),
        "added_chars": QColor(0x8F, 0xDE, 0x9C),
        "gap": QColor(0xB0, 0xB4, 0xBA, 110),
    }


class DiffPane(QTextEdit):
    """One side: wrapped text whose rows are tinted by kind (painted under the text, over the
    whole row, padding included) and padded to the height of the facing row."""

    def __init__(self, side: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side  # "removed" (left) or "added" (right): the tint of its changed rows
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        # a scroll bar that comes and goes would change the width, the wrapping and the padding
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        # No document margin: the last row's padding would melt into it. The viewport's margins
        # keep the text off the frame instead.
        self.document().setDocumentMargin(0)
        self.setViewportMargins(4, 2, 2, 2)
        #: the tint of each row: "removed"/"added", "gap" (hatched) or "" (unchanged)
        self.tints: list[str] = []
        self.colours = diff_colours(QGuiApplication.palette())

    def block_rect(self, block: QTextBlock) -> QRectF:
        return self.document().documentLayout().blockBoundingRect(block)

    def row_rect(self, block: QTextBlock) -> QRectF:
        """The block with its padding: down to the next block (or the document's end)."""
        rect = self.block_rect(block)
        following = block.next()
        bottom = (
            self.block_rect(following).top()
            if following.isValid()
            else rect.bottom() + block.blockFormat().bottomMargin()
        )
        return QRectF(rect.left(), rect.top(), rect.width(), bottom - rect.top())

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.tints:
            painter = QPainter(self.viewport())
            dy = -self.verticalScrollBar().value()
            width = self.viewport().width()
            height = self.viewport().height()
            block = self.cursorForPosition(QPoint(0, 0)).block()
            while block.isValid():
                rect = self.row_rect(block).translated(0, dy)
                if rect.top() > height:
                    break
                number = block.blockNumber()
                tint = self.tints[number] if number < len(self.tints) else ""
                if tint:
                    colour = self.colours[tint]
                    style = (
                        Qt.BrushStyle.BDiagPattern if tint == "gap" else Qt.BrushStyle.SolidPattern
                    )
                    painter.fillRect(
                        QRectF(0, rect.top(), width, rect.height()), QBrush(colour, style)
                    )
                block = block.next()
            painter.end()
        super().paintEvent(event)


class DiffView(QWidget):
    """``show_rows(rows, left_label, right_label)`` shows the rows of
    ``editor.archive.compare.diff_lines``; ``rows`` holds what is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diffView")
        self.rows: list[DiffRow] = []
        # a revision's label names who saved it: elided, so no name widens the panes
        self.left_label = ElidedLabel(parent=self)
        self.right_label = ElidedLabel(parent=self)
        for label in (self.left_label, self.right_label):
            label.setObjectName("diffLabel")
        self.left = DiffPane("removed", self)
        self.left.setObjectName("diffLeft")
        self.right = DiffPane("added", self)
        self.right.setObjectName("diffRight")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.left_label, 0, 0)
        grid.addWidget(self.right_label, 0, 1)
        grid.addWidget(self.left, 1, 0)
        grid.addWidget(self.right, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self._padded: dict[QTextEdit, set[int]] = {self.left: set(), self.right: set()}
        self._syncing = False
        for one, other in ((self.left, self.right), (self.right, self.left)):
            one.verticalScrollBar().valueChanged.connect(
                lambda value, b=other: self._follow(b, value)
            )
            one.installEventFilter(self)
        self._align_timer = QTimer(self)
        self._align_timer.setSingleShot(True)
        self._align_timer.setInterval(30)
        self._align_timer.timeout.connect(self._realign)

    def _follow(self, target: QTextEdit, value: int) -> None:
        """Facing rows are equally tall, so the same scroll value shows the same rows."""
        if self._syncing:
            return
        self._syncing = True
        try:
            target.verticalScrollBar().setValue(value)
        finally:
            self._syncing = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.rows:
            self._align_timer.start()  # the wrapping changed: pad the rows again
        return super().eventFilter(watched, event)

    def clear(self, message: str = "") -> None:
        self.rows = []
        self.left_label.clear()
        self.right_label.clear()
        for pane in (self.left, self.right):
            pane.tints = []
            pane.setExtraSelections([])
            self._padded[pane] = set()
        self.left.setPlainText(message)
        self.right.clear()

    def show_rows(self, rows: list[DiffRow], left_label: str, right_label: str) -> None:
        self.left_label.setText(left_label)
        self.right_label.setText(right_label)
        self.rows = rows
        for pane, texts in (
            (self.left, [r.left_text for r in rows]),
            (self.right, [r.right_text for r in rows]),
        ):
            self._padded[pane] = set()
            # an empty row after the last: a last block's bottom margin (its padding) is ignored
            pane.setPlainText("\n".join(texts) + "\n")
        self._realign()
        changed = self.changed_rows()
        self.scroll_to_row(max(0, changed[0] - 3) if changed else 0)

    def _realign(self) -> None:
        self.align_rows()
        self._tint()  # editing the padding drops the panes' extra selections

    def align_rows(self) -> None:
        """Pad the shorter of each two facing rows, so both sides show the same rows at the
        same heights however each wraps."""
        if not self.rows or len(self.rows) > MAX_TINTED_ROWS:
            return
        left_doc, right_doc = self.left.document(), self.right.document()
        for pane in (self.left, self.right):
            _set_padding(pane, dict.fromkeys(self._padded[pane], 0.0))
        lefts, rights = {}, {}
        block_l, block_r = left_doc.begin(), right_doc.begin()
        while block_l.isValid() and block_r.isValid():
            number = block_l.blockNumber()
            diff = self.left.block_rect(block_l).height() - self.right.block_rect(block_r).height()
            if diff > 0.5:
                rights[number] = diff
            elif diff < -0.5:
                lefts[number] = -diff
            block_l, block_r = block_l.next(), block_r.next()
        _set_padding(self.left, lefts)
        _set_padding(self.right, rights)
        self._padded[self.left] = set(lefts)
        self._padded[self.right] = set(rights)
        self._follow(self.right, self.left.verticalScrollBar().value())

    def scroll_to_row(self, row: int) -> None:
        block = self.left.document().findBlockByNumber(row)
        if block.isValid():
            self.left.verticalScrollBar().setValue(int(self.left.block_rect(block).top()))
        self._follow(self.right, self.left.verticalScrollBar().value())

    def changed_rows(self) -> list[int]:
        return [n for n, r in enumerate(self.rows) if r.tag != "equal"]

    def _tint(self) -> None:
        colours = diff_colours(QGuiApplication.palette())
        for pane in (self.left, self.right):
            pane.colours = colours
        if len(self.rows) > MAX_TINTED_ROWS:
            for pane in (self.left, self.right):
                pane.tints = []
                pane.setExtraSelections([])
            return
        left_tints: list[str] = []
        right_tints: list[str] = []
        left: list[QTextEdit.ExtraSelection] = []
        right: list[QTextEdit.ExtraSelection] = []
        left_doc, right_doc = self.left.document(), self.right.document()
        for number, row in enumerate(self.rows):
            if row.tag == "equal":
                left_tints.append("")
                right_tints.append("")
                continue
            for doc, line, spans, out, tints, side in (
                (left_doc, row.left_no, row.left_spans, left, left_tints, "removed"),
                (right_doc, row.right_no, row.right_spans, right, right_tints, "added"),
            ):
                if line is None:
                    tints.append("gap")
                    continue
                tints.append(side)
                block = doc.findBlockByNumber(number)
                colour = colours[f"{side}_chars"]
                out.extend(_span_selection(block, s, colour) for s in spans)
        self.left.tints, self.right.tints = left_tints, right_tints
        self.left.setExtraSelections(left)
        self.right.setExtraSelections(right)
        self.left.viewport().update()
        self.right.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.rows:
            self._tint()  # a switch between light and dark


def _set_padding(pane: QTextEdit, margins: dict[int, float]) -> None:
    """Give the blocks numbered in ``margins`` that bottom margin (one undo-less edit)."""
    if not margins:
        return
    doc = pane.document()
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    for number, margin in margins.items():
        block = doc.findBlockByNumber(number)
        if not block.isValid():
            continue
        cursor.setPosition(block.position())
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(margin)
        cursor.mergeBlockFormat(fmt)
    cursor.endEditBlock()


def _span_selection(
    block: QTextBlock, span: tuple[int, int], colour: QColor
) -> QTextEdit.ExtraSelection:
    fmt = QTextCharFormat()
    fmt.setBackground(colour)
    cursor = QTextCursor(block)
    start = block.position()
    cursor.setPosition(start + _utf16(block, span[0]))
    cursor.setPosition(start + _utf16(block, span[1]), QTextCursor.MoveMode.KeepAnchor)
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    selection.format = fmt
    return selection


def _utf16(block: QTextBlock, index: int) -> int:
    """A Python index into the block's text as Qt's UTF-16 position (emoji, rare CJK)."""
    text = block.text()
    head = text[:index] if index <= len(text) else text
    return len(head.encode("utf-16-le")) // 2
