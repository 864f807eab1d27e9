"""Crash recovery: texts an earlier session autosaved but never saved, offered one by one.

For each the writer sees its title, when it was autosaved, how much longer or shorter it is than
what the archive holds, and a side-by-side diff; then restores it (it opens in a tab as unsaved
changes) or discards it (the autosaved revision stays in the article's history). What is left
undecided is offered again on the next start.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.archive.autosave import Recovery
from editor.archive.compare import diff_lines
from editor.domain.model import DEFAULT_TZ, ArticleRecord
from editor.gui.diffview import DiffView
from editor.gui.qtutil import ALIGN_RIGHT_VCENTER, VERTICAL
from editor.text.counting import TextChange, count_change


class RecoveryChoice(Enum):
    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"


@dataclass(frozen=True, slots=True)
class RecoveryItem:
    """A recovery and the article as the archive holds it now (None: never saved, or gone)."""

    recovery: Recovery
    stored: ArticleRecord | None

    @property
    def change(self) -> TextChange:
        """What the recovered body adds to and takes from the stored one, counted as the status
        bar and History count (字数 and English words)."""
        stored = self.stored.body if self.stored is not None else ""
        return count_change(stored, self.recovery.data.body)


class RecoveryDialog(QDialog):
    def __init__(self, items: list[RecoveryItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(self.tr("Recover unsaved work"))
        self.items = items
        self.choices: dict[str, RecoveryChoice] = {
            i.recovery.key: RecoveryChoice.LATER for i in items
        }
        intro = QLabel(
            self.tr(
                "ZoneDesk closed without saving %n article(s). Their text was autosaved: restore "
                "each one to go on editing it, or discard it (the autosaved text stays in the "
                "article's history).",
                "",
                len(items),
            ),
            self,
        )
        intro.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setObjectName("recoveryList")
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels(
            [self.tr("Article"), self.tr("Autosaved"), self.tr("Size change"), self.tr("Decision")]
        )
        header = self.list.header()
        header.resizeSection(0, 260)
        header.resizeSection(1, 130)
        header.resizeSection(2, 90)
        for item in items:
            self.list.addTopLevelItem(QTreeWidgetItem(self._cells(item)))
            row = self.list.topLevelItem(self.list.topLevelItemCount() - 1)
            assert row is not None
            row.setTextAlignment(2, ALIGN_RIGHT_VCENTER)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.diff = DiffView(self)
        self.restore_button = QPushButton(self.tr("Restore"), self)
        self.restore_button.setObjectName("restoreRecovery")
        self.discard_button = QPushButton(self.tr("Discard"), self)
        self.discard_button.setObjectName("discardRecovery")
        self.restore_all_button = QPushButton(self.tr("Restore all"), self)
        buttons = QDialogButtonBox(self)
        self.done_button = buttons.addButton(
            self.tr("Done"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later_button = buttons.addButton(
            self.tr("Decide later"), QDialogButtonBox.ButtonRole.RejectRole
        )

        splitter = QSplitter(VERTICAL, self)
        splitter.addWidget(self.list)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.note)
        lower_layout.addWidget(self.diff, 1)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        actions = QHBoxLayout()
        actions.addWidget(self.restore_button)
        actions.addWidget(self.discard_button)
        actions.addStretch(1)
        actions.addWidget(self.restore_all_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        layout.addWidget(buttons)
        self.resize(900, 640)

        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.restore_button.clicked.connect(lambda: self.decide(RecoveryChoice.RESTORE))
        self.discard_button.clicked.connect(lambda: self.decide(RecoveryChoice.DISCARD))
        self.restore_all_button.clicked.connect(self._restore_all)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self._later)
        self._select(0)

    def _cells(self, item: RecoveryItem) -> list[str]:
        recovery = item.recovery
        title = recovery.title or self.tr("Untitled")
        if recovery.is_new:
            title = self.tr("{title} (new, never saved)").format(title=title)
        when = recovery.saved_at.astimezone(DEFAULT_TZ).strftime("%Y-%m-%d %H:%M")
        change = item.change
        size = self.tr("+{added} −{removed} characters").format(
            added=change.chinese_added, removed=change.chinese_removed
        )
        if change.english_added or change.english_removed:
            size += " " + self.tr("+{added} −{removed} words").format(
                added=change.english_added, removed=change.english_removed
            )
        return [title, when, size, self._choice_text(self.choices[recovery.key])]

    def _choice_text(self, choice: RecoveryChoice) -> str:
        return {
            RecoveryChoice.RESTORE: self.tr("Restore"),
            RecoveryChoice.DISCARD: self.tr("Discard"),
            RecoveryChoice.LATER: "—",
        }[choice]

    def current_index(self) -> int:
        item = self.list.currentItem()
        return self.list.indexOfTopLevelItem(item) if item is not None else -1

    def _show_current(self) -> None:
        index = self.current_index()
        if index < 0:
            return
        item = self.items[index]
        recovery, stored = item.recovery, item.stored
        notes = []
        if recovery.stale:
            notes.append(
                self.tr(
                    "The article was saved again since (version {version}): saving the restored "
                    "text shows both versions."
                ).format(version=recovery.current_version)
            )
        if recovery.in_trash:
            notes.append(self.tr("The article is in the trash."))
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))
        left = stored.body if stored is not None else ""
        self.diff.show_rows(
            diff_lines(left, recovery.data.body),
            self.tr("In the archive") if stored is not None else self.tr("Not in the archive"),
            self.tr("Autosaved, not saved"),
        )

    def decide(self, choice: RecoveryChoice, index: int | None = None) -> None:
        """Decide for the current recovery (or the ``index``-th), then go to the next open one."""
        index = self.current_index() if index is None else index
        if not 0 <= index < len(self.items):
            return
        key = self.items[index].recovery.key
        self.choices[key] = choice
        row = self.list.topLevelItem(index)
        if row is not None:
            row.setText(3, self._choice_text(choice))
        for offset in range(1, len(self.items) + 1):
            following = (index + offset) % len(self.items)
            if self.choices[self.items[following].recovery.key] is RecoveryChoice.LATER:
                self._select(following)
                return

    def _select(self, index: int) -> None:
        row = self.list.topLevelItem(index)
        if row is not None:
            self.list.setCurrentItem(row)

    def _restore_all(self) -> None:
        for index in range(len(self.items)):
            if self.choices[self.items[index].recovery.key] is RecoveryChoice.LATER:
                self.decide(RecoveryChoice.RESTORE, index)
        self.accept()

    def _later(self) -> None:
        """Close: the decided ones are acted upon, the others offered on the next start."""
        self.accept()

    @classmethod
    def review(cls, parent: QWidget | None, items: list[RecoveryItem]) -> dict[str, RecoveryChoice]:
        """The writer's decision for each recovery, by key (LATER: ask again next time)."""
        dialog = cls(items, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        try:
            dialog.exec()
            return dict(dialog.choices)
        finally:
            dialog.deleteLater()
