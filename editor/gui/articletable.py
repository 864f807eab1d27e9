"""The archive table's model: pages of light rows from the archive, fetched as the view scrolls.

Never all rows: ``canFetchMore``/``fetchMore`` ask for the next page of ``catalog.browse`` (or of
``ArticleService.search`` while a search is typed) on the thread pool, and the rows arrive a page
at a time. A new query (filters, search text, sort) starts a new generation; pages of an older
one are dropped when they come back.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from editor.archive import catalog
from editor.archive.articles import ArticleService
from editor.domain.model import DEFAULT_TZ, ArticleFilter, Page, SortKey
from editor.gui.labels import status_label
from editor.gui.qtutil import DISPLAY, TOOLTIP, USER
from editor.gui.workers import TaskRunner

PAGE_SIZE = 200
ID_ROLE = USER

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class BrowseQuery:
    filters: ArticleFilter = field(default_factory=ArticleFilter)
    text: str = ""  # a search: rows ranked by relevance instead of sorted
    sort: SortKey = SortKey.PUBLISHED
    descending: bool = True


@dataclass(frozen=True, slots=True)
class Row:
    article: catalog.ArticleRow
    snippet: str = ""


def fetch_page(service: ArticleService, query: BrowseQuery, offset: int, limit: int) -> Page[Row]:
    """One page of rows (runs on a pool thread)."""
    if query.text.strip():
        hits = service.search(query.text, query.filters, offset=offset, limit=limit)
        rows = [
            Row(
                catalog.ArticleRow(
                    h.article.id,
                    h.article.title,
                    h.article.zone,
                    h.article.source,
                    h.article.published_at,
                    h.article.status,
                ),
                h.snippet,
            )
            for h in hits.items
        ]
        return Page(rows, hits.total, offset, limit)
    page = catalog.browse(
        service,
        query.filters,
        sort=query.sort,
        descending=query.descending,
        offset=offset,
        limit=limit,
        with_total=offset == 0,
    )
    return Page([Row(r) for r in page.items], page.total, offset, limit)


class ArticleTableModel(QAbstractTableModel):
    """Columns: title, zone, source, published, status. ``loaded(total)`` after each page."""

    loaded = Signal(int)
    loadFailed = Signal(str)
    refreshed = Signal(int)  # total, after ``refresh``

    COLUMNS = (SortKey.TITLE, SortKey.ZONE, SortKey.SOURCE, SortKey.PUBLISHED, SortKey.STATUS)

    def __init__(self, service: ArticleService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._query = BrowseQuery()
        self._rows: list[Row] = []
        self._total = 0
        self._generation = 0
        self._waiting: int | None = None  # the offset of the page on its way
        self._started = False
        self._runner = TaskRunner(self)
        self._runner.done.connect(self._page_arrived)
        self._runner.failed.connect(self._page_failed)
        self._refresher = TaskRunner(self, latest_only=True)
        self._refresher.done.connect(self._refreshed)
        self._headers = (
            self.tr("Title"),
            self.tr("Zone"),
            self.tr("Source"),
            self.tr("Published"),
            self.tr("Status"),
        )

    # -- the query -------------------------------------------------------------------------

    @property
    def query(self) -> BrowseQuery:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    @property
    def loading(self) -> bool:
        return self._waiting is not None

    def set_query(self, query: BrowseQuery) -> None:
        """Show ``query`` from its first page."""
        self.beginResetModel()
        self._query = query
        self._rows = []
        self._total = 0
        self._generation += 1
        self._waiting = None
        self.endResetModel()
        self._started = True
        self._request(0)

    def reload(self) -> None:
        self.set_query(self._query)

    def refresh(self) -> None:
        """Read the loaded rows again in place (others changed the archive): the selection and
        the scroll position stay; rows that left the query go, new ones come in."""
        if not self._started or self._waiting is not None:
            return
        limit = max(len(self._rows), PAGE_SIZE)
        call = functools.partial(fetch_page, self._service, self._query, 0, limit)
        generation = self._generation
        self._refresher.submit(lambda: (generation, call()))

    def _refreshed(self, _token: int, result: object) -> None:
        assert isinstance(result, tuple)
        generation, page = result
        if generation != self._generation or self._waiting is not None:
            return  # a new query, or a page of this one on its way: the refresh is stale
        assert isinstance(page, Page)
        rows = [r for r in page.items if isinstance(r, Row)]
        where = {row.article.id: number for number, row in enumerate(rows)}
        self.layoutAboutToBeChanged.emit()
        for old in self.persistentIndexList():
            moved = QModelIndex()
            if 0 <= old.row() < len(self._rows):
                number = where.get(self._rows[old.row()].article.id)
                if number is not None:
                    moved = self.index(number, old.column())
            self.changePersistentIndex(old, moved)
        self._rows = rows
        self._total = max(page.total, len(rows))
        self.layoutChanged.emit()
        self.refreshed.emit(self._total)

    def _request(self, offset: int) -> None:
        self._waiting = offset
        call = functools.partial(fetch_page, self._service, self._query, offset, PAGE_SIZE)
        generation = self._generation
        self._runner.submit(lambda: (generation, call()))

    def _page_arrived(self, _token: int, result: object) -> None:
        assert isinstance(result, tuple)
        generation, page = result
        if generation != self._generation:
            return
        assert isinstance(page, Page)
        self._waiting = None
        if page.offset == 0:
            self._total = page.total
        rows = [r for r in page.items if isinstance(r, Row)]
        if not rows:
            self._total = len(self._rows)
        else:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
            if len(rows) < PAGE_SIZE:
                self._total = len(self._rows)
        self.loaded.emit(self._total)

    def _page_failed(self, _token: int, error: object) -> None:
        self._waiting = None
        self.loadFailed.emit(str(error))

    # -- Qt's model ------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: _Index) -> bool:
        if parent.isValid() or self._waiting is not None:
            return False
        return self._started and len(self._rows) < self._total

    def fetchMore(self, parent: _Index) -> None:
        if self.canFetchMore(parent):
            self._request(len(self._rows))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        article = row.article
        column = self.COLUMNS[index.column()]
        if role == DISPLAY:
            if column is SortKey.TITLE:
                return article.title
            if column is SortKey.ZONE:
                return article.zone or ""
            if column is SortKey.SOURCE:
                return article.source or ""
            if column is SortKey.PUBLISHED:
                if article.published_at is None:
                    return ""
                return article.published_at.astimezone(DEFAULT_TZ).strftime("%Y-%m-%d %H:%M")
            return status_label(article.status)
        if role == TOOLTIP and column is SortKey.TITLE:
            return f"{article.title}\n{row.snippet}" if row.snippet else article.title
        if role == ID_ROLE:
            return article.id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._query.text.strip():
            return  # search results keep their ranking
        key = self.COLUMNS[column]
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self._query.sort, self._query.descending) or not self._started:
            self.set_query(replace(self._query, sort=key, descending=descending))

    # -- rows ------------------------------------------------------------------------------

    def article_id(self, row: int) -> int | None:
        return self._rows[row].article.id if 0 <= row < len(self._rows) else None

    def row_of(self, article_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.article.id == article_id:
                return number
        return None

    def update_article(self, article: catalog.ArticleRow) -> bool:
        """Show a saved article's new values in its row, if it is loaded; True if it was."""
        number = self.row_of(article.id)
        if number is None:
            return False
        self._rows[number] = replace(self._rows[number], article=article)
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(self.COLUMNS) - 1))
        return True
