"""The History panel: an article's revisions (when, who, what kind, 字数, what changed), a
side-by-side diff of the body and the fields of one revision against the revision it followed
from (or of two chosen revisions), and "Restore this revision".

The panel only shows: it reads entries and diffs from ``HistoryService`` off the GUI thread and
says ``restoreRequested(article_id, number)``; the window restores (as a new revision). Sizes and
changes are counted as the status bar counts (``editor.text.counting``): a revision's 字数 is
``count_text`` of its body, what it changed ``count_change`` against the revision it followed
from; the counting runs after the list shows, and each revision is counted once.

The heading follows the article's title as the writer edits it (``set_title``); titles and
labels elide, so no title widens the panel or the window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.archive.compare import ContentDiff, FieldChange
from editor.archive.history import HistoryEntry, HistoryService
from editor.domain.model import DEFAULT_TZ, RevisionKind
from editor.gui.diffview import DiffView
from editor.gui.elided import ElidedLabel
from editor.gui.icons import icon
from editor.gui.labels import status_label
from editor.gui.qtutil import ALIGN_RIGHT_VCENTER, HORIZONTAL, USER, VERTICAL, signals_blocked
from editor.gui.workers import TaskRunner
from editor.text.counting import TextChange, TextCounts, count_change, count_text

translate = QCoreApplication.translate


def kind_label(kind: RevisionKind | str) -> str:
    labels = {
        RevisionKind.CREATE: translate("History", "Created"),
        RevisionKind.SAVE: translate("History", "Saved"),
        RevisionKind.AUTOSAVE: translate("History", "Autosaved"),
        RevisionKind.RESTORE: translate("History", "Restored"),
        RevisionKind.IMPORT: translate("History", "Imported"),
    }
    try:
        return labels[RevisionKind(kind)]
    except ValueError:
        return str(kind)


def field_label(name: str) -> str:
    labels = {
        "title": translate("History", "Title"),
        "body": translate("History", "Body"),
        "category": translate("History", "Category"),
        "zone": translate("History", "Zone"),
        "source": translate("History", "Source"),
        "author": translate("History", "Author"),
        "summary": translate("History", "Summary"),
        "tags": translate("History", "Tags"),
        "language": translate("History", "Language"),
        "slug": translate("History", "URL name"),
        "status": translate("History", "Status"),
        "published_at": translate("History", "Published"),
    }
    return labels.get(name, name)


def field_text(name: str, value: str) -> str:
    """A field's value (as ``HistoryService`` compares it) the way the panel shows it."""
    if not value:
        return "—"
    if name == "status":
        return status_label(value)
    if name == "published_at":
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        return moment.astimezone(DEFAULT_TZ).strftime("%Y-%m-%d %H:%M")
    return value


class FieldChangesTable(QTableWidget):
    """Field changes side by side: the field, one side's value, the other's (the History panel:
    before / after; the conflict dialog: yours / saved elsewhere)."""

    def __init__(self, headers: tuple[str, str, str], parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels(list(headers))
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def show_changes(self, changes: Sequence[FieldChange]) -> None:
        self.setRowCount(len(changes))
        for number, change in enumerate(changes):
            cells = (
                field_label(change.name),
                field_text(change.name, change.left),
                field_text(change.name, change.right),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(number, column, item)
        self.setVisible(bool(changes))

    def rows_height(self, most: int) -> int:
        """The height that shows the header and up to ``most`` rows."""
        rows = sum(self.rowHeight(r) for r in range(min(self.rowCount(), most)))
        return self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth() + 2


def local_time(moment: dt.datetime, *, seconds: bool = True) -> str:
    shown = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return moment.astimezone(DEFAULT_TZ).strftime(shown)


#: a revision as counted: its number and when it was saved (an autosave is replaced in place)
RevisionKey = tuple[int, dt.datetime]


@dataclass(frozen=True, slots=True)
class RevisionCounts:
    """A revision's 字数 and English words, and what it changed since ``compared_with``."""

    counts: TextCounts
    change: TextChange


def revision_key(entry: HistoryEntry) -> RevisionKey:
    return (entry.number, entry.saved_at)


def count_revisions(
    service: HistoryService,
    article_id: int,
    entries: Sequence[HistoryEntry],
    known: dict[tuple[RevisionKey, RevisionKey | None], RevisionCounts],
) -> dict[tuple[RevisionKey, RevisionKey | None], RevisionCounts]:
    """The counts of each entry (on a pool thread), keyed by the entry and the one it is told
    against; those in ``known`` are not counted again."""
    by_number = {e.number: e for e in entries}
    bodies: dict[int, str] = {}

    def body(number: int) -> str:
        if number not in bodies:
            bodies[number] = service.snapshot(article_id, number).body
        return bodies[number]

    counted: dict[tuple[RevisionKey, RevisionKey | None], RevisionCounts] = {}
    for entry in entries:
        base = by_number.get(entry.compared_with) if entry.compared_with is not None else None
        key = (revision_key(entry), revision_key(base) if base is not None else None)
        if key in known:
            counted[key] = known[key]
            continue
        text = body(entry.number)
        if base is not None:
            before = body(base.number)
        elif entry.compared_with is None and entry.number > 1:
            before = ""  # an autosave of an article whose first revision is gone: all of it
        else:
            before = text
        counted[key] = RevisionCounts(count_text(text), count_change(before, text))
    return counted


def counts_text(counts: TextCounts) -> str:
    return translate("History", "Chinese characters: {chinese}  English words: {english}").format(
        chinese=f"{counts.chinese:,}", english=f"{counts.english:,}"
    )


def change_summary(entry: HistoryEntry, change: TextChange | None = None) -> str:
    """What a revision changed since the revision it followed from (``compared_with``: for a
    save the save before it, for an autosave the version it edited), in the UI's words: the
    fields, and the 字 and English words the body gained and lost (``change``; None while it is
    being counted)."""
    if entry.compared_with is None and entry.kind is not RevisionKind.AUTOSAVE:
        return translate("History", "First version")
    parts = [field_label(name) for name in entry.changed_fields]
    if change:
        if change.chinese_added or change.chinese_removed:
            parts.append(
                translate("History", "Body +{added} −{removed} characters").format(
                    added=f"{change.chinese_added:,}", removed=f"{change.chinese_removed:,}"
                )
            )
        if change.english_added or change.english_removed:
            parts.append(
                translate("History", "English words +{added} −{removed}").format(
                    added=f"{change.english_added:,}", removed=f"{change.english_removed:,}"
                )
            )
    elif entry.body_added or entry.body_removed:
        parts.append(field_label("body"))  # only markup, digits or punctuation (or not counted yet)
    return translate("History", ", ").join(parts) if parts else translate("History", "No change")


class HistoryPanel(QWidget):
    """``restoreRequested(article_id, number)``: the writer wants this revision back."""

    restoreRequested = Signal(int, int)
    loaded = Signal()
    counted = Signal()
    diffShown = Signal()

    def __init__(self, service: HistoryService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self._service = service
        self._title = ""
        self.article_id: int | None = None
        self.entries: list[HistoryEntry] = []  # newest first
        self.diff_shown: ContentDiff | None = None
        #: the counts of this article's revisions, as counted so far
        self.revision_counts: dict[tuple[RevisionKey, RevisionKey | None], RevisionCounts] = {}
        self._runner = TaskRunner(self, latest_only=True)
        self._differ = TaskRunner(self, latest_only=True)
        self._counter = TaskRunner(self, latest_only=True)

        # the title elides in its middle: the revision count at the end stays readable
        self.heading = ElidedLabel(parent=self, mode=Qt.TextElideMode.ElideMiddle)
        self.heading.setObjectName("historyHeading")
        self.list = QTreeWidget(self)
        self.list.setObjectName("revisionList")
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustIgnored)
        self.list.setHeaderLabels(
            [
                self.tr("No."),
                self.tr("Time"),
                self.tr("By"),
                self.tr("Kind"),
                self.tr("Size"),
                self.tr("What changed"),
            ]
        )
        header = self.list.header()
        header.setStretchLastSection(True)
        for column, width in ((0, 40), (1, 132), (2, 64), (3, 92), (4, 52)):
            header.resizeSection(column, width)
        self.hint = QLabel(self.tr("Select one revision, or two to compare them."), self)
        self.hint.setObjectName("historyHint")
        self.hint.setWordWrap(True)
        self.restore_button = QPushButton(icon("restore"), self.tr("Restore this revision"), self)
        self.restore_button.setObjectName("restoreRevision")
        self.restore_button.setEnabled(False)
        self.restore_button.setToolTip(
            self.tr("Saves this revision's text and fields as a new revision; nothing is lost.")
        )
        self.diff = DiffView(self)
        self.fields = FieldChangesTable(
            (self.tr("Field"), self.tr("Before"), self.tr("After")), self
        )
        self.fields.setObjectName("fieldChanges")

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.heading)
        left_layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.restore_button)
        left_layout.addLayout(buttons)
        right = self.diff_splitter = QSplitter(VERTICAL, self)
        right.setObjectName("historyDiffSplitter")
        right.addWidget(self.diff)
        right.addWidget(self.fields)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 0)
        self.splitter = QSplitter(HORIZONTAL, self)
        self.splitter.setObjectName("historySplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([560, 840])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.restore_button.clicked.connect(self._restore_clicked)
        self._runner.done.connect(self._arrived)
        self._runner.failed.connect(self._failed)
        self._differ.done.connect(self._diff_arrived)
        self._differ.failed.connect(self._failed)
        self._counter.done.connect(self._counts_arrived)
        self.show_article(None, "")

    # -- loading ---------------------------------------------------------------------------

    def show_article(self, article_id: int | None, title: str) -> None:
        """Show the history of ``article_id`` (None: no saved article is being edited)."""
        self._title = title
        if article_id is None:
            self._runner.forget()
            self._differ.forget()
            self._counter.forget()
            self.revision_counts = {}
            self.article_id = None
            self.entries = []
            self.list.clear()
            self.heading.setText(self.tr("History"))
            self.diff.clear(self.tr("A new article has its history once it is saved."))
            self._show_fields(None)
            self.restore_button.setEnabled(False)
            return
        if article_id != self.article_id:
            self._counter.forget()
            self.revision_counts = {}
            self.article_id = article_id
            self.entries = []
            self.list.clear()
            self.diff.clear()
            self._show_fields(None)
        self.heading.setText(self.tr("Loading…"))
        service = self._service
        self._runner.submit(lambda: (article_id, service.entries(article_id)))

    def reload(self) -> None:
        self.show_article(self.article_id, self._title)

    def set_title(self, title: str) -> None:
        """The article's title as it is now (the writer edits it): the heading says it."""
        if title == self._title:
            return
        self._title = title
        if self.article_id is not None and not self._runner.busy:
            self._show_heading()

    def title(self) -> str:
        return self._title

    def _show_heading(self) -> None:
        title = self._title or self.tr("Untitled")
        self.heading.setText(
            self.tr("“{title}”: %n revision(s)", "", len(self.entries)).format(title=title)
        )

    def _failed(self, _token: int, error: object) -> None:
        self.heading.setText(self.tr("The history could not be read: {error}").format(error=error))

    def _arrived(self, _token: int, result: object) -> None:
        assert isinstance(result, tuple)
        article_id, entries = result
        if article_id != self.article_id:
            return
        kept = [e.number for e in self.selected()]
        self.entries = [e for e in entries if isinstance(e, HistoryEntry)]
        self._show_heading()
        with signals_blocked(self.list):
            self.list.clear()
            items = []
            for entry in self.entries:
                kind = kind_label(entry.kind)
                if entry.is_current:
                    kind = self.tr("{kind} (current)").format(kind=kind)
                item = QTreeWidgetItem(
                    [
                        str(entry.number),
                        local_time(entry.saved_at, seconds=False),
                        entry.saved_by,
                        kind,
                        "…",
                        "",
                    ]
                )
                item.setData(0, USER, entry.number)
                item.setTextAlignment(0, ALIGN_RIGHT_VCENTER)
                item.setTextAlignment(4, ALIGN_RIGHT_VCENTER)
                item.setToolTip(1, local_time(entry.saved_at))
                item.setToolTip(2, entry.saved_by)
                if entry.is_current:
                    font = item.font(0)
                    font.setBold(True)
                    for column in range(self.list.columnCount()):
                        item.setFont(column, font)
                items.append(item)
            self.list.addTopLevelItems(items)
        self._show_counts()
        wanted = [n for n in kept if any(e.number == n for e in self.entries)]
        self.select_numbers(wanted or ([self.entries[0].number] if self.entries else []))
        self.loaded.emit()
        service, entries_now, known = self._service, list(self.entries), dict(self.revision_counts)
        self._counter.submit(
            lambda: (article_id, count_revisions(service, article_id, entries_now, known))
        )

    def _counts_arrived(self, _token: int, result: object) -> None:
        assert isinstance(result, tuple)
        article_id, counted = result
        if article_id != self.article_id:
            return
        self.revision_counts = counted
        self._show_counts()
        self.counted.emit()

    def counts_of(self, entry: HistoryEntry) -> RevisionCounts | None:
        """The entry's counts (None while they are being counted)."""
        base = next((e for e in self.entries if e.number == entry.compared_with), None)
        key = (revision_key(entry), revision_key(base) if base is not None else None)
        return self.revision_counts.get(key)

    def _show_counts(self) -> None:
        """The 字数 and the change of each listed revision, as counted so far."""
        for index in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(index)
            if item is None or index >= len(self.entries):
                continue
            entry = self.entries[index]
            counted = self.counts_of(entry)
            item.setText(4, f"{counted.counts.chinese:,}" if counted is not None else "…")
            item.setToolTip(4, counts_text(counted.counts) if counted is not None else "")
            summary = change_summary(entry, counted.change if counted is not None else None)
            item.setText(5, summary)
            item.setToolTip(5, summary)

    # -- selection -------------------------------------------------------------------------

    def select_numbers(self, numbers: Sequence[int]) -> None:
        """Select the revisions numbered ``numbers`` (one to show, two to compare)."""
        with signals_blocked(self.list):
            self.list.clearSelection()
            for index in range(self.list.topLevelItemCount()):
                item = self.list.topLevelItem(index)
                if item is not None and item.data(0, USER) in numbers:
                    item.setSelected(True)
        self._selection_changed()

    def selected(self) -> list[HistoryEntry]:
        """The selected revisions, oldest first."""
        numbers = {item.data(0, USER) for item in self.list.selectedItems()}
        return [e for e in reversed(self.entries) if e.number in numbers]

    def _selection_changed(self) -> None:
        chosen = self.selected()
        current = next((e for e in self.entries if e.is_current), None)
        self.restore_button.setEnabled(len(chosen) == 1 and chosen[0] is not current)
        if not chosen or self.article_id is None:
            self._differ.forget()
            self.diff.clear(self.tr("Select a revision to see what it changed."))
            self._show_fields(None)
            return
        if len(chosen) >= 2:
            old, new = chosen[0], chosen[-1]
        else:
            # against the revision its "what changed" is told against: a save against the save
            # before it (not someone's autosave), an autosave against the version it edited
            new = chosen[0]
            old = next((e for e in self.entries if e.number == new.compared_with), new)
        service, article_id = self._service, self.article_id
        self._differ.submit(lambda: (old, new, service.diff(article_id, old.number, new.number)))

    def _diff_arrived(self, _token: int, result: object) -> None:
        assert isinstance(result, tuple)
        old, new, diff = result
        assert isinstance(diff, ContentDiff)
        self.diff_shown = diff
        self.diff.show_rows(diff.rows, self._label(old), self._label(new))
        self._show_fields(diff)
        self.diffShown.emit()

    def _label(self, entry: HistoryEntry) -> str:
        return self.tr("No. {number} · {kind} · {when} · {who}").format(
            number=entry.number,
            kind=kind_label(entry.kind),
            when=local_time(entry.saved_at),
            who=entry.saved_by or "—",
        )

    def _show_fields(self, diff: ContentDiff | None) -> None:
        changes = diff.changed_fields if diff is not None else []
        self.fields.show_changes(changes)
        if changes:  # as tall as its rows (five at most): the diff above gets the rest
            height = self.fields.rows_height(5)
            self.fields.setMaximumHeight(height)
            total = sum(self.diff_splitter.sizes())
            if total > height:
                self.diff_splitter.setSizes([total - height, height])

    def _restore_clicked(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1 and self.article_id is not None:
            self.restoreRequested.emit(self.article_id, chosen[0].number)
