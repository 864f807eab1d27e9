"""The archive browser: paged table over the archive, sorting, search as you type, filters,
the category tree with its counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt
from pytestqt.qtbot import QtBot

from editor.archive.articles import ArticleService
from editor.archive.database import Archive, open_archive
from editor.domain.model import ArticleStatus, CategoryNode, SortKey
from editor.gui import articletable
from editor.gui.browser import ArchiveBrowser
from editor.gui.categorypicker import PATH_ROLE, CategoryPicker
from editor.gui.mainwindow import MainWindow
from tests.gui.conftest import news, type_text

pytestmark = pytest.mark.gui

MakeWindow = Callable[[Archive], MainWindow]
SZ = ("开发区新闻", "苏州", "文字新闻")


@pytest.fixture
def big_archive(sqlite_url: str) -> Iterator[Archive]:
    """45 articles: 30 of 常州 (金坛), 15 of 苏州 (园区), five of them drafts, on 45 days."""
    archive = open_archive(sqlite_url)
    service = ArticleService(archive, user="tester")
    start = dt.datetime(2021, 1, 1, 9, 0, tzinfo=dt.UTC)
    for n in range(45):
        suzhou = n % 3 == 2
        service.create(
            news(
                f"{'苏州园区' if suzhou else '金坛开发区'}新闻{n:02d}",
                published_at=start + dt.timedelta(days=n),
                category=SZ if suzhou else ("开发区新闻", "常州", "文字新闻"),
                zone="苏州工业园区" if suzhou else "江苏金坛经济开发区",
                status=ArticleStatus.DRAFT if n % 9 == 0 else ArticleStatus.PUBLISHED,
                body=f"第{n}篇。" + ("园区招商。" if suzhou else "金坛督查。"),
            )
        )
    try:
        yield archive
    finally:
        archive.close()


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(articletable, "PAGE_SIZE", 10)
    return 10


def titles(browser: ArchiveBrowser) -> list[str]:
    model = browser.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def settle(qtbot: QtBot, browser: ArchiveBrowser) -> None:
    qtbot.waitUntil(lambda: not browser.model.loading, timeout=30_000)


def test_the_table_loads_a_page_at_a_time_as_it_scrolls(
    qtbot: QtBot, big_archive: Archive, small_pages: int, make_window: MakeWindow
) -> None:
    window = make_window(big_archive)
    browser = window.browser
    model = browser.model
    settle(qtbot, browser)
    assert model.total == 45
    # whole pages, only as many as the view has room for: never all rows
    assert model.rowCount() % 10 == 0
    assert model.rowCount() < model.total
    assert titles(browser)[0] == "苏州园区新闻44"  # newest first
    assert model.canFetchMore(QModelIndex())
    loaded = model.rowCount()
    browser.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > loaded, timeout=30_000)

    def all_fetched() -> bool:
        """Fetch the next page whenever the last one has come; True once all have."""
        if model.loading:
            return False
        if model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
            return False
        return True

    qtbot.waitUntil(all_fetched, timeout=30_000)
    assert model.rowCount() == 45
    assert not model.canFetchMore(QModelIndex())
    assert len(set(titles(browser))) == 45
    assert [model.index(0, c).data() for c in range(5)] == [
        "苏州园区新闻44",
        "苏州工业园区",
        "金坛手机台",
        "2021-02-14 17:00",
        "Published",
    ]


def test_a_click_on_a_column_header_sorts_in_the_database(
    qtbot: QtBot, big_archive: Archive, small_pages: int, make_window: MakeWindow
) -> None:
    window = make_window(big_archive)
    browser = window.browser
    settle(qtbot, browser)
    browser.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: titles(browser)[:1] == ["苏州园区新闻02"], timeout=30_000)
    assert titles(browser)[:3] == ["苏州园区新闻02", "苏州园区新闻05", "苏州园区新闻08"]
    assert browser.model.rowCount() < 45
    browser.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: titles(browser)[:1] == ["金坛开发区新闻00"], timeout=30_000)


def test_search_as_you_type_finds_a_two_character_chinese_word(
    qtbot: QtBot, big_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(big_archive)
    browser = window.browser
    settle(qtbot, browser)
    type_text(browser.search_edit, "园区")
    assert browser.model.query.text == ""  # debounced: not on every key
    qtbot.waitUntil(lambda: browser.model.query.text == "园区", timeout=30_000)
    settle(qtbot, browser)
    found = titles(browser)
    assert len(found) == 15
    assert all(t.startswith("苏州园区") for t in found)
    assert not browser.table.isSortingEnabled()  # ranked by relevance
    assert "15" in browser.footer.text()
    browser.search_edit.clear()
    qtbot.waitUntil(lambda: browser.model.query.text == "", timeout=30_000)
    settle(qtbot, browser)
    assert browser.model.total == 45
    assert browser.table.isSortingEnabled()


def test_the_filters_narrow_the_table(
    qtbot: QtBot, big_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(big_archive)
    browser = window.browser
    settle(qtbot, browser)

    browser.tree.choose(("开发区新闻", "苏州"))
    settle(qtbot, browser)
    assert browser.model.total == 15

    browser.tree.choose(())
    browser.status_combo.setCurrentIndex(browser.status_combo.findData("draft"))
    browser.status_combo.activated.emit(browser.status_combo.currentIndex())
    settle(qtbot, browser)
    assert browser.model.total == 5

    browser.status_combo.setCurrentIndex(0)
    browser.status_combo.activated.emit(0)
    zone = browser.zone_combo
    zone.setCurrentIndex(zone.findText("苏州工业园区"))
    zone.activated.emit(zone.currentIndex())
    settle(qtbot, browser)
    assert browser.model.total == 15

    zone.setEditText("")
    zone.activated.emit(-1)
    browser.date_from.setDate(QDate(2021, 1, 1))
    browser.date_to.setDate(QDate(2021, 1, 10))
    browser.date_box.setChecked(True)
    settle(qtbot, browser)
    assert browser.model.total == 10


def test_the_category_tree_counts_articles(
    qtbot: QtBot, big_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(big_archive)
    tree = window.browser.tree
    model = tree.model_
    everything = model.index(0, 0)
    assert everything.data(PATH_ROLE) == ()
    assert model.index(0, 1).data() == "45"
    counts = {}

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            counts[tuple(index.data(PATH_ROLE) or ())] = index.siblingAtColumn(1).data()
            walk(index)

    walk(QModelIndex())
    assert counts[("开发区新闻",)] == "45"
    assert counts[("开发区新闻", "常州")] == "30"
    assert counts[SZ] == "15"


def test_a_saved_article_shows_in_the_table_and_the_counts(
    qtbot: QtBot, big_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(big_archive)
    browser = window.browser
    settle(qtbot, browser)
    first_id = browser.model.article_id(0)
    assert first_id is not None
    tab = window.open_article(first_id)
    tab.form.title_edit.selectAll()
    type_text(tab.form.title_edit, "改过的标题")
    assert window.save_current()
    assert titles(browser)[0] == "改过的标题"

    tab = window.new_article()
    type_text(tab.form.title_edit, "全新的稿件")
    assert tab.form.category_picker.choose(SZ)
    assert window.save_current()
    qtbot.waitUntil(lambda: browser.model.total == 46, timeout=30_000)
    qtbot.waitUntil(lambda: browser.tree.model_.index(0, 1).data() == "46", timeout=30_000)


def test_the_keyboard_goes_from_search_to_results_to_the_article(
    qtbot: QtBot, big_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(big_archive)
    browser = window.browser
    settle(qtbot, browser)
    window.activateWindow()
    window.search_action.trigger()
    assert browser.search_edit.hasFocus()
    type_text(browser.search_edit, "园区")
    qtbot.keyClick(browser.search_edit, Qt.Key.Key_Return)
    assert browser.table.hasFocus()
    settle(qtbot, browser)
    browser.table.selectRow(0)
    qtbot.keyClick(browser.table, Qt.Key.Key_Return)
    tab = window.tabs.current()
    assert tab is not None
    assert tab.title().startswith("苏州园区")


def test_enter_on_a_row_opens_the_article(
    qtbot: QtBot, big_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(big_archive)
    browser = window.browser
    settle(qtbot, browser)
    browser.table.setFocus()
    browser.table.selectRow(2)
    qtbot.keyClick(browser.table, Qt.Key.Key_Return)
    tab = window.tabs.current()
    assert tab is not None
    assert tab.article_id == browser.model.article_id(2)


# ---------------------------------------------------------------------------------------------
# The category picker of the article form, on its own


def category_roots() -> list[CategoryNode]:
    root = CategoryNode(1, "开发区新闻", ("开发区新闻",), None)
    for number, city in ((2, "常州"), (4, "苏州")):
        node = CategoryNode(number, city, ("开发区新闻", city), 1)
        node.children.append(
            CategoryNode(number + 1, "文字新闻", ("开发区新闻", city, "文字新闻"), number)
        )
        root.children.append(node)
    return [root]


@pytest.fixture
def picker(qtbot: QtBot) -> Iterator[CategoryPicker]:
    widget = CategoryPicker()  # held here: qtbot keeps only a weak reference
    qtbot.addWidget(widget)
    widget.set_categories(category_roots())
    widget.show()
    qtbot.waitExposed(widget, timeout=30_000)
    yield widget
    widget.menu.hide()
    widget.close()


def test_the_category_picker_opens_its_tree_on_the_current_path(
    qtbot: QtBot, picker: CategoryPicker
) -> None:
    picker.set_path(("开发区新闻", "苏州", "文字新闻"))
    assert picker.field.text() == "开发区新闻 > 苏州 > 文字新闻"
    picker.button.click()
    qtbot.waitUntil(picker.menu.isVisible, timeout=30_000)
    current = picker.tree.currentIndex()
    assert current.data(PATH_ROLE) == ("开发区新闻", "苏州", "文字新闻")
    picker.menu.hide()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_F4):  # as a combo box opens its list
        qtbot.keyClick(picker.field, key)
        qtbot.waitUntil(picker.menu.isVisible, timeout=30_000)
        picker.menu.hide()
    picker.field.selectAll()
    qtbot.keyClick(picker.field, Qt.Key.Key_A)  # other keys type (see test_category_typing)
    assert not picker.menu.isVisible()
    assert picker.field.text() == "a"
    qtbot.keyClick(picker.field, Qt.Key.Key_Escape)
    assert picker.field.text() == "开发区新闻 > 苏州 > 文字新闻"
    qtbot.mouseClick(picker.field, Qt.MouseButton.LeftButton)  # a click places the cursor
    assert not picker.menu.isVisible()


def test_a_click_picks_a_leaf_and_enter_picks_any_category(
    qtbot: QtBot, picker: CategoryPicker
) -> None:
    chosen: list[tuple[str, ...]] = []
    picker.pathChosen.connect(chosen.append)
    picker.open_tree()
    root = picker.model.index(0, 0)
    changzhou = picker.model.index(0, 0, root)
    picker.tree.clicked.emit(changzhou)  # a city has children: a click only opens it
    assert chosen == []
    leaf = picker.model.index(0, 0, changzhou)
    picker.tree.clicked.emit(leaf)
    assert chosen == [("开发区新闻", "常州", "文字新闻")]
    assert not picker.menu.isVisible()
    picker.tree.activated.emit(leaf)  # the same again: no new choice
    assert len(chosen) == 1
    picker.tree.activated.emit(changzhou)  # Enter on a city picks the city
    assert chosen[-1] == ("开发区新闻", "常州")
    assert picker.path() == ("开发区新闻", "常州")


def test_choosing_a_path_the_tree_lacks_changes_nothing(picker: CategoryPicker) -> None:
    picker.set_path(("开发区新闻", "常州", "文字新闻"))
    assert not picker.choose(("开发区新闻", "南京", "文字新闻"))
    assert not picker.choose(("开发区新闻", "常州", "图片新闻"))
    assert not picker.choose(("其他",))
    assert picker.path() == ("开发区新闻", "常州", "文字新闻")
    assert picker.choose(("开发区新闻", "苏州"))
    assert picker.path() == ("开发区新闻", "苏州")
    picker.set_path(("其他", "分类"))  # a path the tree lacks: opening shows the tree anyway
    picker.open_tree()
    assert picker.menu.isVisible()


# ---------------------------------------------------------------------------------------------
# The article table's model on its own: cells, searching, refreshing


@pytest.fixture
def table_model(qtbot: QtBot, news_archive: Archive) -> articletable.ArticleTableModel:
    ArticleService(news_archive, user="tester").create(
        news("无来源的草稿", published_at=None, source=None, zone=None, status=ArticleStatus.DRAFT)
    )
    model = articletable.ArticleTableModel(ArticleService(news_archive))
    with qtbot.waitSignal(model.loaded, timeout=30_000):
        model.set_query(articletable.BrowseQuery(sort=SortKey.TITLE, descending=False))
    return model


def cells(model: articletable.ArticleTableModel, row: int) -> list[object]:
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_a_draft_without_date_zone_or_source_shows_empty_cells(
    table_model: articletable.ArticleTableModel,
) -> None:
    model = table_model
    assert model.total == 4
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "无来源的草稿")
    assert cells(model, row) == ["无来源的草稿", "", "", "", "Draft"]
    assert model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == "无来源的草稿"
    assert model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Title"
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.index(row, 2).data(articletable.ID_ROLE) == model.article_id(row)
    assert model.data(model.createIndex(99, 0)) is None  # a row not loaded (any more)
    assert model.article_id(99) is None
    assert model.row_of(10_000) is None
    assert not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # nothing more: nothing is asked for
    assert not model.loading


def test_search_results_keep_their_ranking_and_show_the_match(
    qtbot: QtBot, table_model: articletable.ArticleTableModel
) -> None:
    model = table_model
    with qtbot.waitSignal(model.loaded, timeout=30_000):
        model.set_query(articletable.BrowseQuery(text="签约"))
    assert model.total == 1
    assert cells(model, 0)[0] == "园区新签约项目十二个"
    tip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("园区新签约项目十二个\n")
    assert "签约" in tip.split("\n", 1)[1]
    model.sort(0, Qt.SortOrder.DescendingOrder)  # a click on a header while searching
    assert not model.loading
    assert model.query.text == "签约"


def test_a_refresh_drops_a_deleted_row_and_keeps_the_others_selected(
    qtbot: QtBot, news_archive: Archive, table_model: articletable.ArticleTableModel
) -> None:
    model = table_model
    first, last = model.article_id(0), model.article_id(3)
    assert first is not None
    assert last is not None
    keep_first = QPersistentModelIndex(model.index(0, 0))
    keep_last = QPersistentModelIndex(model.index(3, 0))
    ArticleService(news_archive, user="tester").delete(first)
    with qtbot.waitSignal(model.refreshed, timeout=30_000) as got:
        model.refresh()
    assert got.args == [3]
    assert model.row_of(first) is None
    assert not keep_first.isValid()  # its row left the query
    assert keep_last.isValid()
    assert model.article_id(keep_last.row()) == last
