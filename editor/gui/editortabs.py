"""The open articles, one tab each; a tab with unsaved changes shows ● after its title.

A title shows its first ``MAX_TAB_TITLE`` characters (the bar elides further when tabs crowd it);
the tab's tooltip is the whole title.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from editor.gui.editortab import EditorTab

DIRTY_MARK = " ●"
MAX_TAB_TITLE = 16


def tab_title(title: str, dirty: bool, untitled: str) -> str:
    shown = title or untitled
    if len(shown) > MAX_TAB_TITLE:
        shown = shown[: MAX_TAB_TITLE - 1] + "…"
    return shown + (DIRTY_MARK if dirty else "")


class EditorTabs(QTabWidget):
    """``closeRequested(tab)`` when the user closes a tab; the window decides."""

    closeRequested = Signal(object)
    currentTabChanged = Signal(object)  # EditorTab | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorTabs")
        self.setDocumentMode(True)
        self.setTabsClosable(True)
        self.setMovable(True)
        self.setUsesScrollButtons(True)
        self.setElideMode(Qt.TextElideMode.ElideRight)
        self.tabCloseRequested.connect(lambda index: self.closeRequested.emit(self.widget(index)))
        self.currentChanged.connect(lambda _index: self.currentTabChanged.emit(self.current()))

    def tabs(self) -> list[EditorTab]:
        found = []
        for index in range(self.count()):
            tab = self.widget(index)
            if isinstance(tab, EditorTab):
                found.append(tab)
        return found

    def current(self) -> EditorTab | None:
        tab = self.currentWidget()
        return tab if isinstance(tab, EditorTab) else None

    def tab_of(self, article_id: int) -> EditorTab | None:
        return next((t for t in self.tabs() if t.article_id == article_id), None)

    def add(self, tab: EditorTab) -> None:
        index = self.addTab(tab, "")
        self.refresh(tab)
        tab.dirtyChanged.connect(lambda _dirty, t=tab: self.refresh(t))
        tab.titleChanged.connect(lambda _title, t=tab: self.refresh(t))
        self.setCurrentIndex(index)

    def refresh(self, tab: EditorTab) -> None:
        index = self.indexOf(tab)
        if index < 0:
            return
        self.setTabText(index, tab_title(tab.title(), tab.dirty, self.tr("Untitled")))
        self.setTabToolTip(index, tab.title() or self.tr("Untitled"))

    def remove(self, tab: EditorTab) -> None:
        index = self.indexOf(tab)
        if index >= 0:
            self.removeTab(index)
        tab.deleteLater()

    def dirty_tabs(self) -> list[EditorTab]:
        return [t for t in self.tabs() if t.dirty]
