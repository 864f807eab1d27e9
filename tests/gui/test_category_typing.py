"""Choosing a category by typing (characters, pinyin, initials) and finding a zone the same way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from editor.domain.model import CategoryNode
from editor.gui.categorypicker import CategoryPicker
from editor.gui.qtutil import completer, line_edit, searchable_combo
from tests.gui.conftest import type_text

pytestmark = pytest.mark.gui

CZ_TEXT = ("开发区新闻", "常州", "文字新闻")


def category_roots() -> list[CategoryNode]:
    """开发区新闻 > {长沙, 常州, 重庆, 苏州} > {文字新闻, 图片新闻}, and 招商信息."""
    numbers = iter(range(1, 100))
    main = CategoryNode(next(numbers), "开发区新闻", ("开发区新闻",), None)
    for city in ("长沙", "常州", "重庆", "苏州"):
        node = CategoryNode(next(numbers), city, ("开发区新闻", city), main.id)
        for kind in ("文字新闻", "图片新闻"):
            node.children.append(
                CategoryNode(next(numbers), kind, ("开发区新闻", city, kind), node.id)
            )
        main.children.append(node)
    return [main, CategoryNode(next(numbers), "招商信息", ("招商信息",), None)]


@pytest.fixture
def picker(qtbot: QtBot) -> Iterator[CategoryPicker]:
    host = QWidget()  # with a second widget to give the focus to
    widget = CategoryPicker(host)
    other = QComboBox(host)
    other.move(0, 60)
    qtbot.addWidget(host)
    widget.set_categories(category_roots())
    widget.set_path(("开发区新闻", "苏州", "文字新闻"))
    host.resize(420, 120)
    widget.resize(420, 30)
    host.show()
    qtbot.waitExposed(host, timeout=30_000)
    host.activateWindow()
    widget.field.setFocus()
    qtbot.waitUntil(widget.field.hasFocus, timeout=30_000)
    yield widget
    widget.completer.list_view().hide()
    widget.menu.hide()
    host.close()


def target(picker: CategoryPicker) -> QWidget:
    """Where the keyboard's keys go: the completion popup while it is open (it passes them on to
    the field), else the field."""
    return QApplication.activePopupWidget() or picker.field


def typed(qtbot: QtBot, picker: CategoryPicker, text: str) -> None:
    picker.field.selectAll()
    for char in text:
        type_text(target(picker), char)
    assert picker.field.text() == text


def test_typing_initials_offers_the_path_and_enter_picks_it(
    qtbot: QtBot, picker: CategoryPicker
) -> None:
    typed(qtbot, picker, "cz")
    popup = picker.completer.list_view()
    qtbot.waitUntil(popup.isVisible, timeout=30_000)
    assert picker.matches() == [
        CZ_TEXT,
        ("开发区新闻", "常州", "图片新闻"),
        ("开发区新闻", "常州"),  # the leaves first: articles are filed under them
    ]
    assert popup.currentIndex().data() == "开发区新闻 > 常州 > 文字新闻"  # highlighted
    assert picker.field.text() == "cz"  # the highlight does not overwrite the typing
    with qtbot.waitSignal(picker.pathChosen, timeout=30_000) as chosen:
        qtbot.keyClick(target(picker), Qt.Key.Key_Return)
    assert chosen.args == [CZ_TEXT]
    assert picker.path() == CZ_TEXT
    assert picker.field.text() == "开发区新闻 > 常州 > 文字新闻"
    assert not popup.isVisible()


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("changzhou", CZ_TEXT),
        ("常州 文字", CZ_TEXT),
        ("文字 常州", CZ_TEXT),
        ("常州", CZ_TEXT),
        ("文字新闻", ("开发区新闻", "长沙", "文字新闻")),  # every city's, 长沙 first
        ("chongqing", ("开发区新闻", "重庆", "文字新闻")),  # 重 read chong here
        ("zsxx", ("招商信息",)),
    ],
)
def test_names_pinyin_and_several_terms_find_paths(
    qtbot: QtBot, picker: CategoryPicker, query: str, first: tuple[str, ...]
) -> None:
    typed(qtbot, picker, query)
    qtbot.waitUntil(picker.completer.list_view().isVisible, timeout=30_000)
    found = picker.matches()
    assert found[0] == first
    assert CZ_TEXT in found or query in ("chongqing", "zsxx")
    if query == "文字新闻":
        assert len(found) == 4
        assert all(path[-1] == "文字新闻" for path in found)
    if query.startswith(("常州 ", "文字 ")):
        assert found == [CZ_TEXT]
    down_to = found.index(CZ_TEXT) if CZ_TEXT in found else 0
    for _ in range(down_to):
        qtbot.keyClick(target(picker), Qt.Key.Key_Down)
    with qtbot.waitSignal(picker.pathChosen, timeout=30_000) as chosen:
        qtbot.keyClick(target(picker), Qt.Key.Key_Return)
    assert chosen.args == [found[down_to]]


def test_escape_and_leaving_bring_back_the_chosen_path(
    qtbot: QtBot, picker: CategoryPicker
) -> None:
    chosen: list[tuple[str, ...]] = []
    picker.pathChosen.connect(chosen.append)
    typed(qtbot, picker, "cz")
    popup = picker.completer.list_view()
    qtbot.waitUntil(popup.isVisible, timeout=30_000)
    qtbot.keyClick(target(picker), Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert picker.field.text() == "开发区新闻 > 苏州 > 文字新闻"
    typed(qtbot, picker, "nothing like it")
    assert not popup.isVisible()  # no match: no list
    qtbot.keyClick(picker.field, Qt.Key.Key_Return)  # Enter on no match: the typing stays
    assert picker.field.text() == "nothing like it"
    qtbot.keyClick(picker.field, Qt.Key.Key_Escape)
    assert picker.field.text() == "开发区新闻 > 苏州 > 文字新闻"
    typed(qtbot, picker, "cz")
    qtbot.keyClick(target(picker), Qt.Key.Key_Escape)
    typed(qtbot, picker, "常州")
    qtbot.keyClick(target(picker), Qt.Key.Key_Escape)
    typed(qtbot, picker, "wz")
    picker.completer.list_view().hide()
    host = picker.parentWidget()
    assert host is not None
    other = host.findChild(QComboBox)
    assert other is not None
    other.setFocus()  # the focus leaves: what was typed is dropped
    qtbot.waitUntil(lambda: not picker.field.hasFocus(), timeout=30_000)
    assert picker.field.text() == "开发区新闻 > 苏州 > 文字新闻"
    assert chosen == []
    assert picker.path() == ("开发区新闻", "苏州", "文字新闻")


def test_a_whole_path_typed_or_pasted_is_taken_as_it_is(
    qtbot: QtBot, picker: CategoryPicker
) -> None:
    picker.field.selectAll()
    picker.field.insert("开发区新闻 > 重庆")  # pasted: one edit
    qtbot.waitUntil(picker.completer.list_view().isVisible, timeout=30_000)
    picker.completer.list_view().hide()
    with qtbot.waitSignal(picker.pathChosen, timeout=30_000) as chosen:
        qtbot.keyClick(picker.field, Qt.Key.Key_Return)
    assert chosen.args == [("开发区新闻", "重庆")]


def test_the_tree_still_opens_from_the_button_and_the_keys(
    qtbot: QtBot, picker: CategoryPicker
) -> None:
    for key in (Qt.Key.Key_Down, Qt.Key.Key_F4):  # on the chosen path, as a combo box
        qtbot.keyClick(picker.field, key)
        qtbot.waitUntil(picker.menu.isVisible, timeout=30_000)
        picker.menu.hide()
    typed(qtbot, picker, "cz")
    qtbot.waitUntil(picker.completer.list_view().isVisible, timeout=30_000)
    picker.button.click()  # the tree, on the chosen path; the typing is dropped
    qtbot.waitUntil(picker.menu.isVisible, timeout=30_000)
    assert not picker.completer.list_view().isVisible()
    assert picker.tree.currentIndex().data() == "文字新闻"
    assert picker.field.text() == "开发区新闻 > 苏州 > 文字新闻"


# ---------------------------------------------------------------------------------------------
# The zone box


ZONES = ["江苏金坛经济开发区", "常州经济开发区", "苏州工业园区", "重庆经济技术开发区"]


@pytest.fixture
def zone_combo(qtbot: QtBot) -> Iterator[QComboBox]:
    host = QWidget()
    combo = searchable_combo(host)
    combo.addItems(ZONES)
    combo.setEditText("")
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host, timeout=30_000)
    host.activateWindow()
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=30_000)
    yield combo
    popup_of(combo).hide()
    host.close()


def popup_of(combo: QComboBox) -> QAbstractItemView:
    popup = completer(combo).popup()
    assert popup is not None
    return popup


def offered(combo: QComboBox) -> list[str]:
    model = completer(combo).completionModel()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("jt", ["江苏金坛经济开发区"]),
        ("jintan", ["江苏金坛经济开发区"]),
        ("金坛", ["江苏金坛经济开发区"]),
        ("cz", ["常州经济开发区"]),
        ("cq", ["重庆经济技术开发区"]),
        ("gyyq", ["苏州工业园区"]),
        ("jjkfq", ["江苏金坛经济开发区", "常州经济开发区"]),
    ],
)
def test_the_zone_box_finds_zones_by_pinyin_and_initials(
    qtbot: QtBot, zone_combo: QComboBox, query: str, found: list[str]
) -> None:
    edit = line_edit(zone_combo)
    for char in query:
        type_text(QApplication.activePopupWidget() or edit, char)
    popup = popup_of(zone_combo)
    qtbot.waitUntil(popup.isVisible, timeout=30_000)
    assert offered(zone_combo) == found
    qtbot.keyClick(QApplication.activePopupWidget() or edit, Qt.Key.Key_Down)
    with qtbot.waitSignal(zone_combo.activated, timeout=30_000):
        qtbot.keyClick(QApplication.activePopupWidget() or edit, Qt.Key.Key_Return)
    assert zone_combo.currentText() == found[0]
    assert zone_combo.currentIndex() == ZONES.index(found[0])
