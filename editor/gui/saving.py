"""Saving a tab: create or update with the version it was read at, problems beside their fields,
and a conflict with a newer version resolved by the writer, never silently."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from editor.archive.articles import ArticleService
from editor.domain.errors import ConflictError, ValidationError, ZoneDeskError
from editor.domain.model import ArticleRecord
from editor.gui.dialogs.common import Ask
from editor.gui.dialogs.conflict import ConflictChoice, ConflictDialog
from editor.gui.editortab import EditorTab, SaveState

log = logging.getLogger("zonedesk.gui")


class ArticleSaver(QObject):
    """``saved(record, created)`` after each successful save."""

    saved = Signal(object, bool)

    def __init__(self, service: ArticleService, window: QWidget) -> None:
        super().__init__(window)
        self._service = service
        self._window = window

    def save(self, tab: EditorTab) -> bool:
        """Save ``tab``; True when the archive now holds what it shows."""
        data = tab.article_input()
        tab.set_save_state(SaveState.SAVING)
        created = tab.article_id is None
        expected = tab.version
        try:
            while True:
                try:
                    if tab.article_id is None:
                        record = self._service.create(data)
                    else:
                        assert expected is not None
                        record = self._service.update(
                            tab.article_id, data, expected_version=expected
                        )
                    break
                except ConflictError as conflict:
                    choice = ConflictDialog.choose(self._window, data, conflict.current)
                    if choice is ConflictChoice.KEEP_MINE:
                        expected = conflict.current.version
                        continue
                    if choice is ConflictChoice.TAKE_THEIRS:
                        tab.load(conflict.current)
                        self.saved.emit(conflict.current, False)
                        return True
                    tab.set_save_state(SaveState.UNSAVED)
                    return False
        except ValidationError as invalid:
            tab.form.show_problems(invalid.problems)
            tab.set_save_state(SaveState.UNSAVED)
            return False
        except ZoneDeskError as exc:
            log.warning("saving article %s failed: %s", tab.article_id, exc)
            tab.set_save_state(SaveState.UNSAVED)
            Ask.error(self._window, self.tr("The article was not saved"), str(exc))
            return False
        tab.mark_saved(record)
        self.saved.emit(record, created)
        return True

    def reload(self, tab: EditorTab) -> ArticleRecord | None:
        if tab.article_id is None:
            return None
        record = self._service.get(tab.article_id)
        tab.load(record)
        return record
