"""The archive browser's category tree works from the keyboard as with the mouse, lists cities in
pinyin order; the date range starts from today in Beijing; a zone typed in pinyin filters."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor.archive import catalog
from editor.archive.articles import ArticleService
from editor.archive.database import Archive, open_archive
from editor.domain.model import DEFAULT_TZ
from editor.gui.browser import ArchiveBrowser
from editor.gui.categorypicker import PATH_ROLE
from editor.gui.qtutil import completer, line_edit
from editor.text.collation import sorted_names
from tests.gui.conftest import news, type_text

pytestmark = pytest.mark.gui

MAIN = ("开发区新闻",)
CZ = ("开发区新闻", "常州")
NB = ("开发区新闻", "宁波")


@pytest.fixture
def archive(sqlite_url: str) -> Iterator[Archive]:
    """Six articles of 常州, two of 宁波."""
    opened = open_archive(sqlite_url)
    service = ArticleService(opened, user="tester")
    for n in range(8):
        ningbo = n >= 6
        service.create(
            news(
                f"{'宁波' if ningbo else '常州'}新闻{n}",
                day=n + 1,
                category=(*(NB if ningbo else CZ), "文字新闻"),
                zone="宁波保税区" if ningbo else "江苏金坛经济开发区",
            )
        )
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def browser(qtbot: QtBot, archive: Archive) -> Iterator[ArchiveBrowser]:
    widget = ArchiveBrowser(ArticleService(archive))
    qtbot.addWidget(widget)
    widget.resize(500, 900)
    widget.show()
    qtbot.waitExposed(widget, timeout=30_000)
    with qtbot.waitSignal(widget.categoriesLoaded, timeout=30_000):
        widget.start()
    settle(qtbot, widget)
    yield widget
    widget.close()


def settle(qtbot: QtBot, browser: ArchiveBrowser) -> None:
    qtbot.waitUntil(lambda: not browser.model.loading, timeout=30_000)


def titles(browser: ArchiveBrowser) -> set[str]:
    return {browser.model.index(r, 0).data() for r in range(browser.model.rowCount())}


def index_of(browser: ArchiveBrowser, path: tuple[str, ...]) -> QModelIndex:
    model = browser.tree.model_
    parent = QModelIndex()
    for depth in range(1, len(path) + 1):
        rows = [model.index(r, 0, parent) for r in range(model.rowCount(parent))]
        parent = next(i for i in rows if tuple(i.data(PATH_ROLE) or ()) == path[:depth])
    return parent


def current_path(browser: ArchiveBrowser) -> tuple[str, ...]:
    return tuple(browser.tree.currentIndex().siblingAtColumn(0).data(PATH_ROLE) or ())


def click(qtbot: QtBot, browser: ArchiveBrowser, path: tuple[str, ...]) -> None:
    tree = browser.tree
    index = index_of(browser, path)
    tree.scrollTo(index)
    rect = tree.visualRect(index)
    assert tree.viewport().rect().contains(rect.center())
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_arrow_keys_filter_the_table_as_a_click_does(
    qtbot: QtBot, browser: ArchiveBrowser
) -> None:
    chosen: list[tuple[str, ...]] = []
    browser.tree.categoryChosen.connect(chosen.append)
    click(qtbot, browser, NB)
    settle(qtbot, browser)
    assert chosen == [NB]  # one choice, one query, for a click
    assert browser.model.total == 2
    by_click = browser.filters()
    click(qtbot, browser, CZ)
    settle(qtbot, browser)
    assert browser.model.total == 6

    tree = browser.tree
    tree.setFocus()
    for _ in range(60):  # down the cities (常州 stays closed) to 宁波
        if current_path(browser) == NB:
            break
        qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert current_path(browser) == NB
    assert chosen[-1] == NB
    assert browser.tree.chosen() == NB
    settle(qtbot, browser)
    qtbot.waitUntil(lambda: browser.model.total == 2, timeout=30_000)
    assert titles(browser) == {"宁波新闻6", "宁波新闻7"}
    assert browser.filters() == by_click  # just as the click on 宁波 gave

    qtbot.keyClick(tree, Qt.Key.Key_Left)  # to the section: every article of it
    assert current_path(browser) == MAIN
    settle(qtbot, browser)
    qtbot.waitUntil(lambda: browser.model.total == 8, timeout=30_000)
    assert chosen.count(MAIN) == 1
    assert all(a != b for a, b in itertools.pairwise(chosen))  # never twice in a row


def test_refreshing_the_counts_chooses_nothing(qtbot: QtBot, browser: ArchiveBrowser) -> None:
    click(qtbot, browser, NB)
    settle(qtbot, browser)
    chosen: list[tuple[str, ...]] = []
    browser.tree.categoryChosen.connect(chosen.append)
    with qtbot.waitSignal(browser.categoriesLoaded, timeout=30_000):
        browser.refresh_categories()
    assert chosen == []
    assert current_path(browser) == NB
    assert browser.model.total == 2


def test_the_tree_lists_cities_in_pinyin_order(browser: ArchiveBrowser) -> None:
    model = browser.tree.model_
    main = index_of(browser, MAIN)
    cities = [model.index(r, 0, main).data() for r in range(model.rowCount(main))]
    assert cities[:3] == ["北京", "长春", "长沙"]
    assert cities == sorted_names(cities)
    assert cities.index("常州") < cities.index("宁波") < cities.index("上海")


@pytest.fixture
def far_from_beijing() -> Iterator[str]:
    """The machine's clock set to a zone where today is not Beijing's today (there always is
    one: 12 hours behind UTC, or 14 ahead)."""
    before = os.environ.get("TZ")
    beijing = dt.datetime.now(DEFAULT_TZ).date()
    try:
        for zone in ("Etc/GMT+12", "Etc/GMT-14"):
            os.environ["TZ"] = zone
            time.tzset()
            current = QDate.currentDate()
            if dt.date(current.year(), current.month(), current.day()) != beijing:
                yield zone
                return
        pytest.fail("every zone tried has Beijing's date")
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def test_the_date_range_ends_today_in_beijing(
    qtbot: QtBot, archive: Archive, far_from_beijing: str
) -> None:
    widget = ArchiveBrowser(ArticleService(archive))
    qtbot.addWidget(widget)
    now = dt.datetime.now(DEFAULT_TZ).date()
    today = QDate(now.year, now.month, now.day)
    assert QDate.currentDate() != today  # the machine's own date differs
    assert widget.date_to.date() == today
    assert widget.date_from.date() == today.addMonths(-1)


def test_a_zone_typed_in_pinyin_filters_when_it_names_one_zone(
    qtbot: QtBot, browser: ArchiveBrowser, archive: Archive
) -> None:
    browser.set_zones(catalog.zones(archive))
    edit = line_edit(browser.zone_combo)
    edit.setFocus()
    for char in "jt":
        type_text(QApplication.activePopupWidget() or edit, char)
    offered = completer(browser.zone_combo).completionModel()
    assert [offered.index(r, 0).data() for r in range(offered.rowCount())] == ["江苏金坛经济开发区"]
    popup = completer(browser.zone_combo).popup()
    assert popup is not None
    popup.hide()
    edit.editingFinished.emit()  # Enter, or the focus leaving: 金坛 is the one zone of "jt"
    assert browser.zone_combo.currentText() == "江苏金坛经济开发区"
    settle(qtbot, browser)
    qtbot.waitUntil(lambda: browser.model.total == 6, timeout=30_000)
    edit.setText("jj")  # 经济: several zones: nothing is taken
    edit.editingFinished.emit()
    assert browser.model.query.filters.zone == "江苏金坛经济开发区"  # the table unchanged
    assert edit.text() == "jj"
