"""The status bar's editor part: 字数 and English words of the current body, and its save state.

Counting a 50,000-character body takes a few milliseconds, so it runs on the thread pool after
the editor settles, never on a keystroke; the latest count wins.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QStatusBar

from editor.domain.model import DEFAULT_TZ
from editor.gui.editortab import SaveState
from editor.gui.workers import TaskRunner
from editor.text.counting import TextCounts, count_text


class EditorStatus(QObject):
    """The labels and the counting; they live in ``bar``."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.counts_label = QLabel(bar)
        self.counts_label.setObjectName("countsLabel")
        self.state_label = QLabel(bar)
        self.state_label.setObjectName("saveStateLabel")
        self.state_label.setMinimumWidth(64)
        for label in (self.counts_label, self.state_label):
            label.setContentsMargins(12, 0, 4, 0)
        bar.addPermanentWidget(self.counts_label)
        bar.addPermanentWidget(self.state_label)
        self.counts: TextCounts | None = None
        self._runner = TaskRunner(self, latest_only=True)
        self._runner.done.connect(self._counted)
        self.clear()

    def clear(self) -> None:
        self._runner.forget()
        self.counts = None
        self.counts_label.clear()
        self.state_label.clear()

    def count(self, body: str) -> None:
        self._runner.submit(lambda: count_text(body))

    def _counted(self, _token: int, counts: object) -> None:
        assert isinstance(counts, TextCounts)
        self.counts = counts
        self.counts_label.setText(
            self.tr("Chinese characters: {chinese}  English words: {english}").format(
                chinese=f"{counts.chinese:,}", english=f"{counts.english:,}"
            )
        )

    def show_state(self, state: SaveState, autosaved_at: dt.datetime | None = None) -> None:
        """The tab's save state; an unsaved tab autosaved at ``autosaved_at`` says so."""
        text = {
            SaveState.SAVED: self.tr("Saved"),
            SaveState.UNSAVED: self.tr("Unsaved"),
            SaveState.SAVING: self.tr("Saving…"),
        }[state]
        tip = ""
        if state is SaveState.UNSAVED and autosaved_at is not None:
            when = autosaved_at.astimezone(DEFAULT_TZ).strftime("%H:%M")
            text = self.tr("Autosaved at {time}").format(time=when)
            tip = self.tr(
                "A draft is kept safe in the archive; save (Ctrl+S) to make it the article."
            )
        self.state_label.setText(text)
        self.state_label.setToolTip(tip)
