"""The archive browser: search as you type, zone, status and date filters, the category tree with
its counts, and the paged table of articles. ``openRequested(article_id)`` on Enter or a
double click."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editor.archive import catalog
from editor.archive.articles import ArticleService, published_range
from editor.domain.model import ArticleFilter, ArticleStatus, CategoryNode, ZoneRecord
from editor.gui import qtutil
from editor.gui.articletable import ArticleTableModel, BrowseQuery
from editor.gui.categorytree import CategoryTreeView
from editor.gui.formparts import zones_named
from editor.gui.icons import icon
from editor.gui.labels import status_label
from editor.gui.qtutil import (
    VERTICAL,
    completer,
    line_edit,
    searchable_combo,
    signals_blocked,
    to_date,
)
from editor.gui.workers import TaskRunner

SEARCH_DELAY_MS = 250
# The status filter's entry that shows the trash (deleted articles) instead of live articles.
TRASH = "trash"


class ArchiveBrowser(QWidget):
    openRequested = Signal(int)
    categoriesLoaded = Signal(list)  # the category roots, with counts
    deleteRequested = Signal(int)  # move this article to the trash
    restoreRequested = Signal(int)  # bring this article back from the trash

    def __init__(self, service: ArticleService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("archiveBrowser")
        self._service = service
        self._zone_names: set[str] = set()
        self._zones: list[ZoneRecord] = []

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(self.tr("Search titles and text…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("find"), QLineEdit.ActionPosition.LeadingPosition)
        self.zone_combo = searchable_combo(self)
        line_edit(self.zone_combo).setPlaceholderText(self.tr("All zones"))
        self.zone_combo.setMinimumContentsLength(8)
        self.status_combo = QComboBox(self)
        self.status_combo.addItem(self.tr("Any status"), "")
        for status in ArticleStatus:
            self.status_combo.addItem(status_label(status), status.value)
        self.status_combo.insertSeparator(self.status_combo.count())
        self.status_combo.addItem(icon("trash"), self.tr("Trash"), TRASH)
        self.date_box = QCheckBox(self.tr("Date"), self)
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        today = qtutil.today()  # Beijing's, as a new article's publication time
        for edit, day in ((self.date_from, today.addMonths(-1)), (self.date_to, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(day)
            edit.setEnabled(False)
        self.tree = CategoryTreeView(self)
        self.model = ArticleTableModel(service, self)
        self.table = QTableView(self)
        self.table.setObjectName("articleTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.resizeSection(0, 240)
        for column, width in ((1, 150), (2, 110), (3, 130), (4, 64)):
            header.resizeSection(column, width)
        header.setHighlightSections(False)
        self.footer = QLabel(self)
        self.footer.setObjectName("browserFooter")
        self.trash_bar = TrashBar(self)
        self.trash_bar.hide()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        filters = QHBoxLayout()
        filters.setSpacing(4)
        filters.addWidget(self.zone_combo, 3)
        filters.addWidget(self.status_combo, 2)
        dates = QHBoxLayout()
        dates.setSpacing(4)
        dates.addWidget(self.date_box)
        dates.addWidget(self.date_from, 1)
        dates.addWidget(QLabel("–", self))
        dates.addWidget(self.date_to, 1)
        self.splitter = QSplitter(VERTICAL, self)
        self.splitter.setObjectName("browserSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 2, 4)
        layout.setSpacing(4)
        layout.addWidget(self.search_edit)
        layout.addLayout(filters)
        layout.addLayout(dates)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.trash_bar)
        layout.addWidget(self.footer)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._categories = TaskRunner(self, latest_only=True)

        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self._search_timer.timeout.connect(self.apply)
        self.search_edit.returnPressed.connect(self._search_entered)
        self.zone_combo.activated.connect(self.apply)
        line_edit(self.zone_combo).editingFinished.connect(self._zone_edited)
        completer(self.zone_combo).activated.connect(self.apply)
        self.status_combo.activated.connect(self.apply)
        self.date_box.toggled.connect(self._dates_toggled)
        self.date_from.dateChanged.connect(self._dates_changed)
        self.date_to.dateChanged.connect(self._dates_changed)
        self.tree.categoryChosen.connect(self.apply)
        self.table.activated.connect(self._activated)
        self.model.loaded.connect(self._show_total)
        self.model.loadFailed.connect(self.footer.setText)
        self.model.refreshed.connect(self._show_total)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.trash_bar.restore_button.clicked.connect(self._restore_selected)
        self._categories.done.connect(self._categories_loaded)

    # -- data ------------------------------------------------------------------------------

    def set_zones(self, zones: list[ZoneRecord]) -> None:
        self._zone_names = {z.name for z in zones}
        self._zones = list(zones)
        with signals_blocked(self.zone_combo):
            text = self.zone_combo.currentText()
            self.zone_combo.clear()
            self.zone_combo.addItems([z.name for z in zones])
            self.zone_combo.setEditText(text)

    def start(self) -> None:
        """Load the first page and the category counts (both off the GUI thread)."""
        self.footer.setText(self.tr("Loading…"))
        self.model.set_query(self.query())
        self.refresh_categories()

    def refresh_categories(self) -> None:
        archive = self._service.archive
        self._categories.submit(lambda: catalog.category_tree(archive))

    def _categories_loaded(self, _token: int, roots: object) -> None:
        assert isinstance(roots, list)
        nodes = [n for n in roots if isinstance(n, CategoryNode)]
        self.tree.set_tree(nodes, sum(n.article_count for n in nodes))
        self.categoriesLoaded.emit(nodes)

    def refresh(self) -> None:
        """Reload the table from its first page and the counts."""
        self.model.set_query(self.query())
        self.refresh_categories()

    # -- filters ---------------------------------------------------------------------------

    def filters(self) -> ArticleFilter:
        zone = self.zone_combo.currentText().strip()
        status = self.status_combo.currentData()
        start = end = None
        if self.date_box.isChecked():
            start, end = published_range(
                to_date(self.date_from.date()), to_date(self.date_to.date())
            )
        return ArticleFilter(
            category=self.tree.chosen() or None,
            zone=zone if zone in self._zone_names else None,
            status=ArticleStatus(status) if status and status != TRASH else None,
            published_from=start,
            published_to=end,
            trashed=status == TRASH,
        )

    def query(self) -> BrowseQuery:
        current = self.model.query
        return replace(current, filters=self.filters(), text=self.search_edit.text().strip())

    def apply(self) -> None:
        self._search_timer.stop()
        query = self.query()
        if query != self.model.query:
            self.footer.setText(self.tr("Loading…"))
            self.model.set_query(query)
        self.trash_bar.setVisible(query.filters.trashed)
        searching = bool(query.text)
        self.table.setSortingEnabled(not searching)
        if not searching:
            column = ArticleTableModel.COLUMNS.index(query.sort)
            order = (
                Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
            )
            self.table.horizontalHeader().setSortIndicator(column, order)

    def _zone_edited(self) -> None:
        """A zone typed and not picked filters when it names one zone (by a piece of its name
        or short name, their pinyin or initials: ``jt`` for 江苏金坛经济开发区)."""
        text = self.zone_combo.currentText().strip()
        if text and text not in self._zone_names:
            found = zones_named(text, self._zones)  # as the form takes a typed zone
            if len(found) != 1:
                return
            with signals_blocked(self.zone_combo):
                self.zone_combo.setCurrentIndex(self.zone_combo.findText(found[0].name))
        self.apply()

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.apply()

    def _dates_changed(self) -> None:
        if self.date_box.isChecked():
            self.apply()

    def _search_entered(self) -> None:
        """Enter in the search box: search now, and go to the results (Enter again opens)."""
        self.apply()
        self.table.setFocus()
        if self.model.rowCount() or self.model.loading:
            self.table.selectRow(0)

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    # -- rows ------------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        article_id = self.model.article_id(index.row())
        if article_id is not None:
            self.openRequested.emit(article_id)

    def _show_total(self, total: int) -> None:
        if self.model.query.text:
            self.footer.setText(self.tr("%n article(s) found", "", total))
        else:
            self.footer.setText(self.tr("%n article(s)", "", total))

    def selected_id(self) -> int | None:
        """The article of the table's current row, if a row is selected."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.article_id(rows[0].row()) if rows else None

    def select_article(self, article_id: int) -> bool:
        number = self.model.row_of(article_id)
        if number is None:
            return False
        self.table.selectRow(number)
        return True

    @property
    def showing_trash(self) -> bool:
        return self.model.query.filters.trashed

    def show_trash(self, on: bool = True) -> None:
        """Show the trash (or the live articles again)."""
        index = self.status_combo.findData(TRASH if on else "")
        self.status_combo.setCurrentIndex(index)
        self.apply()

    def _restore_selected(self) -> None:
        article_id = self.selected_id()
        if article_id is not None:
            self.restoreRequested.emit(article_id)

    def _context_menu(self, point: QPoint) -> None:
        index = self.table.indexAt(point)
        article_id = self.model.article_id(index.row()) if index.isValid() else None
        if article_id is None:
            return
        self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self.openRequested.emit(article_id))
        if self.showing_trash:
            menu.addAction(
                icon("restore"),
                self.tr("Restore from the trash"),
                lambda: self.restoreRequested.emit(article_id),
            )
        else:
            menu.addAction(
                icon("trash"),
                self.tr("Move to the trash…"),
                lambda: self.deleteRequested.emit(article_id),
            )
        menu.popup(self.table.viewport().mapToGlobal(point))

    def refresh_rows(self) -> None:
        """Others changed the archive: read the rows shown again in place, and the counts."""
        self.model.refresh()
        self.refresh_categories()

    def show_saved(self, row: catalog.ArticleRow, created: bool) -> None:
        """A saved article: update its row, or reload when it is new."""
        if created or not self.model.update_article(row):
            self.model.reload()
        self.refresh_categories()


class TrashBar(QWidget):
    """Shown under the table while it lists the trash: what it is, and Restore."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trashBar")
        self.label = QLabel(self.tr("Deleted articles. Restore brings one back."), self)
        self.label.setWordWrap(True)
        self.restore_button = QPushButton(icon("restore"), self.tr("Restore"), self)
        self.restore_button.setObjectName("restoreFromTrash")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.restore_button)
