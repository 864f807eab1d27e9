"""One open article: its form, its Markdown body with highlighting, its find bar.

The tab knows what the archive holds for it (``record``, hence the version a save expects) and
whether anything changed since (``dirty``). It does not save, render or count by itself: it says
``dirtyChanged``, ``titleChanged`` and, a short pause after the last edit, ``settled``; the window
acts.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent, QTextCursor
from PySide6.QtWidgets import QScrollArea, QSplitter, QVBoxLayout, QWidget

from editor.domain.draft import draft_record
from editor.domain.model import ArticleInput, ArticleRecord
from editor.gui.articleform import ArticleForm, FormDefaults
from editor.gui.findbar import FindBar
from editor.gui.highlighter import MarkdownHighlighter
from editor.gui.markdownedit import MarkdownEdit
from editor.gui.previewjob import PreviewSnapshot
from editor.gui.qtutil import VERTICAL

if TYPE_CHECKING:
    from editor.gui.spellcheck import SpellUnderliner

#: The pause after the last edit before the preview and the counts catch up. With the render
#: (a few ms for a typical article, ~40 ms for 50,000 characters) and the web view's update, the
#: preview shows the new text about 200 ms after the last key. A typist's keys come 30-100 ms
#: apart, so the pause does not fire between the keys of a burst.
SETTLE_MS = 130
_ids = itertools.count(1)


class SaveState(Enum):
    SAVED = "saved"
    UNSAVED = "unsaved"
    SAVING = "saving"


class EditorTab(QWidget):
    dirtyChanged = Signal(bool)
    titleChanged = Signal(str)
    settled = Signal()
    saveStateChanged = Signal(object)  # SaveState

    def __init__(
        self,
        slug_owner: Callable[[str], int | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editorTab")
        #: A key for this tab that outlives saves (a new article has no id yet).
        self.key = next(_ids)
        self.record: ArticleRecord | None = None
        self._form_dirty = False
        self._dirty = False
        self._state = SaveState.UNSAVED

        self.form = ArticleForm(slug_owner, self)
        self.editor = MarkdownEdit(self)
        self.editor.setPlaceholderText(
            self.tr("Write the article in Markdown. Paste or drop images here.")
        )
        self.highlighter = MarkdownHighlighter(self.editor.document())
        self.find_bar = FindBar(self.editor, self)
        #: The spelling and style underlines, set by the window.
        self.underliner: SpellUnderliner | None = None

        form_area = QScrollArea(self)
        form_area.setWidget(self.form)
        form_area.setWidgetResizable(True)
        form_area.setFrameShape(QScrollArea.Shape.NoFrame)
        form_area.setMinimumHeight(80)
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(0)
        body_layout.addWidget(self.editor, 1)
        body_layout.addWidget(self.find_bar)
        self.splitter = QSplitter(VERTICAL, self)
        self.splitter.setObjectName("tabSplitter")
        self.splitter.addWidget(form_area)
        self.splitter.addWidget(body)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(True)
        self._sized = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.setFocusProxy(self.editor)

        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setTimerType(Qt.TimerType.PreciseTimer)
        self._settle.setInterval(SETTLE_MS)

        self.form.edited.connect(self._form_edited)
        self.form.titleEdited.connect(self.titleChanged)
        self.editor.document().modificationChanged.connect(self._update_dirty)
        self.editor.document().contentsChanged.connect(self._settle.start)
        self._settle.timeout.connect(self.settled)

    def add_banner(self, banner: QWidget) -> None:
        """Show ``banner`` (who else edits this article, …) above the form, below earlier ones."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.splitter), banner)

    def restore_splitter(self, state: QByteArray) -> None:
        """The form/body split the writer chose last time."""
        self._sized = self.splitter.restoreState(state)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # at first the whole form shows, the body takes the rest
            self._sized = True
            form = self.form.sizeHint().height() + 2
            self.splitter.setSizes([form, max(200, self.height() - form)])

    # -- loading and saving ----------------------------------------------------------------

    @property
    def article_id(self) -> int | None:
        return self.record.id if self.record is not None else None

    @property
    def version(self) -> int | None:
        return self.record.version if self.record is not None else None

    def load(self, record: ArticleRecord | None, defaults: FormDefaults | None = None) -> None:
        """Show ``record`` (or a new article), with nothing unsaved."""
        self.record = record
        self.form.load(record, defaults)
        self.editor.setPlainText(record.body if record is not None else "")
        self.editor.document().setModified(False)
        self.editor.moveCursor(QTextCursor.MoveOperation.Start)
        self._form_dirty = False
        self._update_dirty()
        self.set_save_state(SaveState.SAVED if record is not None else SaveState.UNSAVED)
        self.titleChanged.emit(self.title())

    def mark_saved(self, record: ArticleRecord) -> None:
        """The archive now holds ``record``: what is shown is what is saved."""
        self.record = record
        self.form.load_saved(record)
        self.editor.document().setModified(False)
        self._form_dirty = False
        self._update_dirty()
        self.set_save_state(SaveState.SAVED)

    def show_merged(self, stored: ArticleRecord, data: ArticleInput, line: int = 0) -> None:
        """Show ``data``, a merge of this tab's changes with ``stored`` (the newest saved
        version), as unsaved changes over ``stored``: a save expects ``stored``'s version. The
        body's replacement is one undo step; the cursor goes to the start of line ``line``
        (1-based; 0: the top)."""
        self.record = stored
        self.form.load(
            draft_record(data, saved=stored, city=stored.city, body_html="", now=stored.updated_at)
        )
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(data.body)
        cursor.endEditBlock()
        block = self.editor.document().findBlockByNumber(max(0, line - 1))
        self.editor.setTextCursor(QTextCursor(block))
        self.editor.ensureCursorVisible()
        self._form_dirty = True
        self._update_dirty()
        self.set_save_state(SaveState.UNSAVED)
        self.titleChanged.emit(self.title())

    def article_input(self) -> ArticleInput:
        return self.form.value(self.body())

    def body(self) -> str:
        return self.editor.toPlainText()

    def title(self) -> str:
        return self.form.title()

    def snapshot(self) -> PreviewSnapshot:
        return PreviewSnapshot(self.article_input(), self.record, self.form.city())

    # -- state -----------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def save_state(self) -> SaveState:
        return self._state

    def set_save_state(self, state: SaveState) -> None:
        if state != self._state:
            self._state = state
            self.saveStateChanged.emit(state)

    def _form_edited(self) -> None:
        self._form_dirty = True
        self._update_dirty()
        self._settle.start()

    def _update_dirty(self, _modified: bool = False) -> None:
        dirty = self._form_dirty or self.editor.document().isModified()
        if self.record is None and not dirty:
            dirty = False
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)
        if dirty and self._state == SaveState.SAVED:
            self.set_save_state(SaveState.UNSAVED)
        elif not dirty and self.record is not None and self._state == SaveState.UNSAVED:
            self.set_save_state(SaveState.SAVED)

    def settle_now(self) -> None:
        """Fire ``settled`` at once (after a tab switch, a save)."""
        self._settle.stop()
        self.settled.emit()
