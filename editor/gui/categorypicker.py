"""Choosing a category: by typing in the field (a piece of a name, its pinyin or its initials,
``cz`` or ``常州 文字``, offers the matching paths; Enter picks the highlighted one), or from the
archive's tree in a popup."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QStandardItem, QStandardItemModel
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
from editor.gui.qtutil import USER, PinyinCompleter

PATH_SEPARATOR = " > "
#: Keys that open the tree from a field showing the chosen path, as they open a combo's list.
_OPEN_KEYS = frozenset({Qt.Key.Key_Down, Qt.Key.Key_F4, Qt.Key.Key_Return, Qt.Key.Key_Enter})
PATH_ROLE = USER + 1
#: Rows of matching paths the completion list shows at once.
VISIBLE_MATCHES = 12


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


def fill_path_model(model: QStandardItemModel, roots: list[CategoryNode]) -> None:
    """Every category of ``roots`` as one row ``开发区新闻 > 常州 > 文字新闻`` (PATH_ROLE: its
    path): the leaves first, where articles are filed, then the nodes above them; each group in
    the tree's order."""
    model.clear()
    leaves: list[tuple[str, ...]] = []
    inner: list[tuple[str, ...]] = []

    def walk(node: CategoryNode) -> None:
        (inner if node.children else leaves).append(tuple(node.path))
        for child in node.children:
            walk(child)

    for node in roots:
        walk(node)
    for path in (*leaves, *inner):
        item = QStandardItem(path_text(path))
        item.setEditable(False)
        item.setData(path, PATH_ROLE)
        model.appendRow(item)


class PathField(QLineEdit):
    """The picker's field. Its keys go to ``on_key`` first, also those the completion popup
    passes on while it is open (they reach ``keyPressEvent``, not an event filter); ``on_leave``
    hears of focus leaving, with the reason."""

    def __init__(
        self,
        on_key: Callable[[QKeyEvent], bool],
        on_leave: Callable[[Qt.FocusReason], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_key = on_key
        self._on_leave = on_leave

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._on_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._on_leave(event.reason())


class CategoryPicker(QWidget):
    """Shows ``开发区新闻 > 常州 > 文字新闻``. Typing offers the paths that match (characters,
    pinyin, initials: ``collation.matches``); Enter or a click picks one, Escape brings back the
    chosen path. The button (or F4, or Down and Enter on the chosen path) opens the tree.
    ``pathChosen`` fires when the user picks a category (not when code sets one)."""

    pathChosen = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path: tuple[str, ...] = ()
        self.field = PathField(self._field_key, self._field_left, self)
        self.field.setPlaceholderText(self.tr("Type or choose a category"))
        self.field.setToolTip(
            self.tr("Type a name, its pinyin or its initials (cz: 常州); F4 opens the tree")
        )
        self.button = QToolButton(self)
        self.button.setText("…")
        self.button.setToolTip(self.tr("Choose from the category tree"))
        # as the time field's calendar button: Tab goes from field to field (F4 opens the tree)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.model = QStandardItemModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setMinimumSize(260, 320)
        self.menu = QMenu(self)
        action = QWidgetAction(self.menu)
        action.setDefaultWidget(self.tree)
        self.menu.addAction(action)
        self.paths = QStandardItemModel(self)
        self.completer = PinyinCompleter(self.paths, self)
        self.completer.filter_model.setFilterRole(PATH_ROLE)
        self.completer.setMaxVisibleItems(VISIBLE_MATCHES)
        # the field is the completer's widget, not its owner: a QLineEdit owning a completer
        # puts each highlighted row in its text, over what is being typed
        self.completer.setWidget(self.field)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.field)

        self.button.clicked.connect(self.open_tree)
        self.tree.clicked.connect(self._clicked)
        self.tree.activated.connect(self._picked)
        self.field.textEdited.connect(self._typed)
        self.completer.activated.connect(self._match_picked)

    def set_categories(self, roots: list[CategoryNode]) -> None:
        fill_category_model(self.model, roots)
        fill_path_model(self.paths, roots)

    def path(self) -> tuple[str, ...]:
        return self._path

    def set_path(self, path: tuple[str, ...]) -> None:
        self._path = tuple(path)
        self.completer.list_view().hide()
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
        self.completer.list_view().hide()
        if self.typing():
            self.set_path(self._path)
        found = self._find(self._path)
        if found is not None:
            self.tree.setCurrentIndex(found)
            self.tree.scrollTo(found)
        self.menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        self.tree.setFocus()

    # -- typing ----------------------------------------------------------------------------

    def typing(self) -> bool:
        """Whether the field holds something typed rather than the chosen path."""
        return self.field.text() != path_text(self._path)

    def matches(self) -> list[tuple[str, ...]]:
        """The paths the completion list offers now, in its order."""
        found = self.completer.filter_model
        return [tuple(found.index(row, 0).data(PATH_ROLE)) for row in range(found.rowCount())]

    def show_matches(self, text: str) -> None:
        """Offer the paths matching ``text``, the first one highlighted (Enter picks it)."""
        popup = self.completer.list_view()
        if not text.strip():
            popup.hide()
            return
        self.completer.setCompletionPrefix(text)
        if self.completer.filter_model.rowCount() == 0:
            popup.hide()
            return
        area = self.field.rect()  # as wide as the field, or as the longest path offered
        margins = popup.frameWidth() * 2 + popup.verticalScrollBar().sizeHint().width() + 8
        area.setWidth(max(area.width(), popup.sizeHintForColumn(0) + margins))
        self.completer.complete(area)
        popup.setCurrentIndex(popup.model().index(0, 0))

    def _typed(self, text: str) -> None:
        self.show_matches(text)

    def _match_picked(self, text: str) -> None:
        path = self._path_of(text)
        if path is not None:
            self._choose_path(path)

    def _path_of(self, text: str) -> tuple[str, ...] | None:
        """The path written ``text`` (``开发区新闻 > 常州``), if the tree has it."""
        text = text.strip()
        for row in range(self.paths.rowCount()):
            item = self.paths.item(row)
            if item.text() == text:
                return tuple(item.data(PATH_ROLE))
        return None

    def _field_key(self, event: QKeyEvent) -> bool:
        """Keys of the field: True when handled here."""
        key = event.key()
        if key == Qt.Key.Key_Escape:
            if not self.typing() and not self.completer.list_view().isVisible():
                return False  # nothing to undo: the dialog or window may use it
            self.set_path(self._path)
            return True
        if self.completer.list_view().isVisible():
            return False  # the completer picks with Enter and moves with the arrows
        if key == Qt.Key.Key_F4 or (
            key == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            self.open_tree()
            return True
        if key not in _OPEN_KEYS:
            return False
        if not self.typing():
            self.open_tree()
            return True
        exact = self._path_of(self.field.text())
        if exact is not None and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._choose_path(exact)
        else:
            self.show_matches(self.field.text())
        return True

    def _field_left(self, reason: Qt.FocusReason) -> None:
        if reason == Qt.FocusReason.PopupFocusReason or not self.typing():
            return
        exact = self._path_of(self.field.text())
        if exact is not None:
            self._choose_path(exact)
        else:
            self.set_path(self._path)  # typed but not picked: the chosen path stays

    # -- the tree --------------------------------------------------------------------------

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
        self._choose_path(tuple(path))

    def _choose_path(self, path: tuple[str, ...]) -> None:
        changed = path != self._path
        self.set_path(path)
        if changed:
            self.pathChosen.emit(self._path)
