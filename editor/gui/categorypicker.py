"""Choosing a category from the archive's tree: the chosen path in a field, the tree in a popup."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QTreeView,
    QWidget,
    QWidgetAction,
)

from editor.domain.model import CategoryNode
from editor.gui.qtutil import USER

PATH_SEPARATOR = " > "
#: Keys that open the tree from the field, as they open a combo box's list.
_OPEN_KEYS = frozenset({Qt.Key.Key_Down, Qt.Key.Key_Space, Qt.Key.Key_F4, Qt.Key.Key_Return})
PATH_ROLE = USER + 1


def path_text(path: tuple[str, ...]) -> str:
    return PATH_SEPARATOR.join(path)


def fill_category_model(model: QStandardItemModel, roots: list[CategoryNode]) -> None:
    """The tree of ``roots`` as items; each item's PATH_ROLE holds its path."""
    model.clear()

    def add(parent: QStandardItem, node: CategoryNode) -> None:
        item = QStandardItem(node.name)
        item.setEditable(False)
        item.setData(node.path, PATH_ROLE)
        parent.appendRow(item)
        for child in node.children:
            add(item, child)

    root = model.invisibleRootItem()
    for node in roots:
        add(root, node)


class CategoryPicker(QWidget):
    """Shows ``开发区新闻 > 常州 > 文字新闻``; the button opens the tree. ``pathChosen`` fires when
    the user picks a category (not when code sets one)."""

    pathChosen = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path: tuple[str, ...] = ()
        self.field = QLineEdit(self)
        self.field.setReadOnly(True)
        self.field.setPlaceholderText(self.tr("Choose a category"))
        self.button = QToolButton(self)
        self.button.setText("…")
        self.button.setToolTip(self.tr("Choose from the category tree"))
        self.model = QStandardItemModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setMinimumSize(260, 320)
        self.menu = QMenu(self)
        action = QWidgetAction(self.menu)
        action.setDefaultWidget(self.tree)
        self.menu.addAction(action)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.field)

        self.button.clicked.connect(self.open_tree)
        self.tree.clicked.connect(self._clicked)
        self.tree.activated.connect(self._picked)
        self.field.installEventFilter(self)

    def set_categories(self, roots: list[CategoryNode]) -> None:
        fill_category_model(self.model, roots)

    def path(self) -> tuple[str, ...]:
        return self._path

    def set_path(self, path: tuple[str, ...]) -> None:
        self._path = tuple(path)
        self.field.setText(path_text(self._path))
        self.field.setCursorPosition(0)

    def choose(self, path: tuple[str, ...]) -> bool:
        """Pick ``path`` as the user would in the tree; False when the tree has no such node."""
        found = self._find(tuple(path))
        if found is None or tuple(found.data(PATH_ROLE) or ()) != tuple(path):
            return False
        self._picked(found)
        return True

    def open_tree(self) -> None:
        found = self._find(self._path)
        if found is not None:
            self.tree.setCurrentIndex(found)
            self.tree.scrollTo(found)
        self.menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        self.tree.setFocus()

    def _find(self, path: tuple[str, ...]) -> QModelIndex | None:
        parent = QModelIndex()
        found = None
        for name in path:
            match = None
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                if index.data() == name:
                    match = index
                    break
            if match is None:
                return found
            found = parent = match
        return found

    def _clicked(self, index: QModelIndex) -> None:
        if not self.model.hasChildren(index):
            self._picked(index)

    def _picked(self, index: QModelIndex) -> None:
        path = index.data(PATH_ROLE)
        if not path:
            return
        self.menu.hide()
        if tuple(path) != self._path:
            self.set_path(tuple(path))
            self.pathChosen.emit(self._path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field:
            if event.type() == QEvent.Type.MouseButtonRelease:
                self.open_tree()
                return True
            if (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in _OPEN_KEYS
            ):
                self.open_tree()
                return True
        return super().eventFilter(watched, event)
