"""Saving a tab: create or update with the version it was read at, problems beside their fields,
and a conflict with a newer version resolved by the writer, never silently: keep mine, take
theirs, or merge both (three-way, against the version the tab was read at) into the editor."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget
from sqlalchemy.exc import SQLAlchemyError

from editor.archive.articles import ArticleService
from editor.archive.compare import ArticleMerge, Snapshot, conflict_markers, merge_snapshots
from editor.archive.history import HistoryService
from editor.archive.snapshots import same_content
from editor.domain.errors import (
    ArchiveFullError,
    ConflictError,
    ValidationError,
    ZoneDeskError,
)
from editor.domain.model import ArticleInput, ArticleRecord
from editor.gui.dialogs.common import Ask
from editor.gui.dialogs.confirm import Confirm
from editor.gui.dialogs.conflict import ConflictChoice, ConflictDialog
from editor.gui.editortab import EditorTab, SaveState

log = logging.getLogger("zonedesk.gui")
translate = QCoreApplication.translate
# What SQLite and PostgreSQL say when the disk is full.
_FULL = ("database or disk is full", "no space left on device", "disk full", "could not extend")


def disk_full(error: BaseException) -> bool:
    text = str(error).lower()
    return isinstance(error, ArchiveFullError) or any(f in text for f in _FULL)


def failure_text(error: BaseException) -> str:
    """What a failed write means for the writer: what happened, and that the text is safe."""
    kept = translate("ArticleSaver", "Your text is still in the editor, nothing of it is lost.")
    if disk_full(error):
        return (
            translate(
                "ArticleSaver",
                "The archive's disk is full, so the archive could not store the article. "
                "Free some space, then save again.",
            )
            + "\n\n"
            + kept
        )
    detail = str(getattr(error, "orig", None) or error).strip().splitlines()
    return (
        translate("ArticleSaver", "The archive could not store the article: {error}").format(
            error=detail[0] if detail else type(error).__name__
        )
        + "\n\n"
        + kept
    )


def _unsaved_or_saved(tab: EditorTab) -> None:
    """Nothing was written: the tab's state is what it was before the attempt."""
    saved = tab.record is not None and not tab.dirty
    tab.set_save_state(SaveState.SAVED if saved else SaveState.UNSAVED)


def merge_labels() -> tuple[str, str]:
    """The words after ``<<<<<<<`` and ``>>>>>>>`` in a merged body: mine, theirs."""
    return (
        translate("ArticleSaver", "my changes"),
        translate("ArticleSaver", "their changes"),
    )


class ArticleSaver(QObject):
    """``saved(record, created)`` after each successful save; ``merged(tab, ArticleMerge)``
    after the writer merged a newer version into ``tab`` (unsaved)."""

    saved = Signal(object, bool)
    merged = Signal(object, object)

    def __init__(
        self,
        service: ArticleService,
        window: QWidget,
        history: HistoryService | None = None,
    ) -> None:
        super().__init__(window)
        self._service = service
        self._window = window
        self._history = history or HistoryService(service.archive, service.user)

    def save(self, tab: EditorTab) -> bool:
        """Save ``tab``; True when the archive now holds what it shows.

        A body still holding passages a merge left between conflict markers is saved only
        when the writer confirms; otherwise the cursor goes to the first of them.
        """
        if not tab.form.check_input():  # a time, a length or a zone the form cannot take
            return False
        data = tab.article_input()
        article_id = tab.article_id
        service = self._service
        markers = conflict_markers(data.body)
        if markers and not Confirm.save_with_conflict_markers(self._window, len(markers)):
            block = tab.editor.document().findBlockByNumber(markers[0] - 1)
            tab.editor.setTextCursor(QTextCursor(block))
            tab.editor.ensureCursorVisible()
            tab.editor.setFocus()
            return False

        def store(expected: int | None) -> ArticleRecord:
            if article_id is None:
                return service.create(data)
            assert expected is not None
            return service.update(article_id, data, expected_version=expected)

        return self._write(tab, data, store)

    def restore(self, tab: EditorTab, history: HistoryService, number: int) -> bool:
        """Save revision ``number`` of ``tab``'s article as its newest version (a RESTORE
        revision: the versions in between stay in the history) and show it in ``tab``."""
        article_id = tab.article_id
        assert article_id is not None
        try:
            data = history.snapshot(article_id, number).to_input()
        except ZoneDeskError as exc:
            Ask.error(self._window, self.tr("The revision was not restored"), str(exc))
            return False

        def store(expected: int | None) -> ArticleRecord:
            assert expected is not None
            return history.restore_revision(article_id, number, expected_version=expected)

        return self._write(tab, data, store, reload=True)

    def _write(
        self,
        tab: EditorTab,
        data: ArticleInput,
        store: Callable[[int | None], ArticleRecord],
        *,
        reload: bool = False,
    ) -> bool:
        """Run ``store(expected_version)``; a conflict asks the writer (mine is ``data``)."""
        tab.set_save_state(SaveState.SAVING)
        created = tab.article_id is None
        expected = tab.version
        try:
            while True:
                try:
                    record = store(expected)
                    break
                except ConflictError as conflict:
                    current = conflict.current
                    merge = self._merge(tab, data, current)
                    choice = ConflictDialog.choose(self._window, data, current, merge)
                    if choice is ConflictChoice.MERGE and merge is not None:
                        return self._show_merge(tab, current, merge)
                    if choice is ConflictChoice.KEEP_MINE:
                        expected = conflict.current.version
                        continue
                    if choice is ConflictChoice.TAKE_THEIRS:
                        tab.load(conflict.current)
                        self.saved.emit(conflict.current, False)
                        return True
                    _unsaved_or_saved(tab)
                    return False
        except ValidationError as invalid:
            tab.form.show_problems(invalid.problems)
            tab.set_save_state(SaveState.UNSAVED)
            return False
        except (ZoneDeskError, SQLAlchemyError, OSError) as exc:
            # a full disk, a lost server …: the text stays in the editor, the tab stays dirty
            log.warning("saving article %s failed: %s", tab.article_id, exc)
            _unsaved_or_saved(tab)
            Ask.error(self._window, self.tr("The article was not saved"), failure_text(exc))
            return False
        if reload:
            tab.load(record)
        else:
            tab.mark_saved(record)
        self.saved.emit(record, created)
        return True

    def _merge(
        self, tab: EditorTab, mine: ArticleInput, theirs: ArticleRecord
    ) -> ArticleMerge | None:
        """``mine`` and ``theirs`` merged against the version ``tab`` was read at (None when
        that version is not in the history any more, or cannot be read)."""
        if tab.article_id is None or tab.version is None:
            return None
        try:
            base = self._history.version_snapshot(tab.article_id, tab.version)
        except (ZoneDeskError, SQLAlchemyError, OSError) as exc:
            log.warning("no merge base for article %s: %s", tab.article_id, exc)
            return None
        if base is None:
            return None
        mine_label, theirs_label = merge_labels()
        return merge_snapshots(
            base,
            Snapshot.of_input(mine),
            Snapshot.of_record(theirs),
            mine_label=mine_label,
            theirs_label=theirs_label,
        )

    def _show_merge(self, tab: EditorTab, current: ArticleRecord, merge: ArticleMerge) -> bool:
        """Put the merge in ``tab``, unsaved over ``current``; True only when the merge is
        what ``current`` holds already (nothing of mine was left to save)."""
        if not merge.conflicts and same_content(merge.data, current):
            tab.load(current)
            self.saved.emit(current, False)
            return True
        first = merge.body.conflict_lines[0] if merge.conflicts else 0
        tab.show_merged(current, merge.data, first)
        self.merged.emit(tab, merge)
        return False

    def reload(self, tab: EditorTab) -> ArticleRecord | None:
        if tab.article_id is None:
            return None
        record = self._service.get(tab.article_id)
        tab.load(record)
        return record
