"""The category tree of the archive browser: every category with its number of articles."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from editor.domain.model import CategoryNode
from editor.gui.categorypicker import PATH_ROLE
from editor.gui.qtutil import ALIGN_RIGHT_VCENTER


class CategoryTreeView(QTreeView):
    """``categoryChosen(path)``: ``()`` for every article, else the chosen subtree. The current
    row chooses, however it became current: a click, Enter, or the arrow keys (a click makes its
    row current first, so it chooses once). Rows come in the catalog's order (regions in pinyin
    order: ``catalog.category_tree``)."""

    categoryChosen = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("categoryTree")
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._chosen: tuple[str, ...] = ()
        self._filling = False
        self.selectionModel().currentChanged.connect(self._current_changed)
        self.clicked.connect(self._clicked)
        self.activated.connect(self._clicked)

    def set_tree(self, roots: list[CategoryNode], total: int) -> None:
        """Show ``roots`` under an "all articles" item, keeping the chosen category."""
        self._filling = True  # rows come and go: no current row the user chose
        try:
            self._fill(roots, total)
        finally:
            self._filling = False

    def _fill(self, roots: list[CategoryNode], total: int) -> None:
        expanded = self._expanded_paths()
        self.model_.clear()
        everything = self._row(self.tr("All articles"), (), total)
        self.model_.appendRow(everything)

        def add(parent: QStandardItem, node: CategoryNode) -> None:
            row = self._row(node.name, node.path, node.article_count)
            parent.appendRow(row)
            for child in node.children:
                add(row[0], child)

        for node in roots:
            add(self.model_.invisibleRootItem(), node)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        if not expanded and roots:
            expanded = {roots[0].path}  # the main section open at first
        for path in expanded:
            index = self._index_of(path)
            if index is not None:
                self.expand(index)
        chosen = self._index_of(self._chosen)
        if chosen is not None:
            self.setCurrentIndex(chosen)

    def _row(self, name: str, path: tuple[str, ...], count: int) -> list[QStandardItem]:
        label = QStandardItem(name)
        label.setData(path, PATH_ROLE)
        number = QStandardItem(f"{count:,}")
        number.setData(ALIGN_RIGHT_VCENTER, Qt.ItemDataRole.TextAlignmentRole)
        number.setEnabled(count > 0)
        return [label, number]

    def _expanded_paths(self) -> set[tuple[str, ...]]:
        found: set[tuple[str, ...]] = set()

        def walk(parent: QModelIndex) -> None:
            for row in range(self.model_.rowCount(parent)):
                index = self.model_.index(row, 0, parent)
                if self.isExpanded(index):
                    found.add(tuple(index.data(PATH_ROLE) or ()))
                    walk(index)

        walk(QModelIndex())
        return found

    def _index_of(self, path: tuple[str, ...]) -> QModelIndex | None:
        if not path:
            return self.model_.index(0, 0)
        parent = QModelIndex()
        found = None
        for depth in range(1, len(path) + 1):
            match = None
            for row in range(self.model_.rowCount(parent)):
                index = self.model_.index(row, 0, parent)
                if tuple(index.data(PATH_ROLE) or ()) == path[:depth]:
                    match = index
                    break
            if match is None:
                return None
            found = parent = match
        return found

    def chosen(self) -> tuple[str, ...]:
        return self._chosen

    def choose(self, path: tuple[str, ...]) -> None:
        index = self._index_of(path)
        if index is not None:
            self.setCurrentIndex(index)
            self._clicked(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._filling and current.isValid():
            self._clicked(current)

    def _clicked(self, index: QModelIndex) -> None:
        path = tuple(index.siblingAtColumn(0).data(PATH_ROLE) or ())
        if path != self._chosen:
            self._chosen = path
            self.categoryChosen.emit(path)
