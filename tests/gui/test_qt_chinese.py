"""All of the UI in Chinese: Qt's own dialogs and buttons, the preview's engine and its menu."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt, QTranslator, QUrl
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu
from pytestqt.qtbot import QtBot

from editor.archive.articles import ArticleService
from editor.archive.database import Archive
from editor.gui.dialogs.common import Desktop
from editor.gui.mainwindow import MainWindow
from editor.gui.preview import PreviewPane
from tests.gui.conftest import news, wait_for_preview

pytestmark = pytest.mark.gui

MakeWindow = Callable[[Archive], MainWindow]
UseLanguage = Callable[[str], list[QTranslator]]


def words(menu: QMenu) -> list[str]:
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def test_qt_buttons_read_in_chinese_with_the_chinese_translators(use_language: UseLanguage) -> None:
    use_language("zh_CN")
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    texts = {button.text() for button in box.buttons()}
    assert texts == {"确定", "取消"}
    box.deleteLater()


def test_qt_base_and_web_engine_catalogues_are_installed_for_chinese(
    qtbot: QtBot, use_language: UseLanguage
) -> None:
    files = {Path(t.filePath()).name for t in use_language("zh_CN")}
    assert {"qtbase_zh_CN.qm", "qtwebengine_zh_CN.qm", "zonedesk_zh_CN.qm"} <= files
    profile = QWebEngineProfile()
    page = QWebEnginePage(profile)
    try:
        # the engine's own words (its actions, its dialogs) come from its catalogue
        assert page.action(QWebEnginePage.WebAction.Copy).text() == "复制"
    finally:
        shiboken6.delete(page)
        shiboken6.delete(profile)


def test_english_installs_no_qt_catalogue(use_language: UseLanguage) -> None:
    files = {Path(t.filePath()).name for t in use_language("en")}
    assert not any(name.startswith("qt") for name in files)


def test_the_preview_menu_reads_in_chinese_and_offers_only_what_a_preview_needs(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow, use_language: UseLanguage
) -> None:
    use_language("zh_CN")
    window = make_window(news_archive)
    pane = window.preview
    assert pane is not None
    menu = pane.context_menu()
    assert words(menu) == ["复制(&C)", "全选(&A)"]
    menu.deleteLater()
    link = pane.context_menu(QUrl("https://www.jintan.gov.cn/a.html"))
    assert words(link) == ["复制(&C)", "全选(&A)", "复制链接地址(&L)", "在浏览器中打开链接(&O)"]
    link.deleteLater()
    inside = pane.context_menu(QUrl("zdpreview://site/page/2.html#fn:1"))  # the preview's own
    assert words(inside) == ["复制(&C)", "全选(&A)"]
    inside.deleteLater()


def right_click(qtbot: QtBot, pane: PreviewPane, selector: str) -> QMenu:
    """Right-click the middle of the page's first ``selector`` element: the menu it opens."""
    box = run_script(
        qtbot,
        pane,
        f"(function () {{ var e = document.querySelector({json.dumps(selector)});"
        " e.scrollIntoView({block: 'center'}); var r = e.getBoundingClientRect();"
        " return JSON.stringify([r.left + r.width / 2,"
        " r.top + r.height / 2]); })()",
    )
    assert isinstance(box, str), box
    x, y = json.loads(box)
    assert 0 <= x < pane.view.width()
    assert 0 <= y < pane.view.height()
    target = pane.view.focusProxy()
    assert target is not None
    qtbot.mouseClick(target, Qt.MouseButton.RightButton, pos=QPoint(int(x), int(y)))
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=30_000)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    assert menu.parent() is pane
    return menu


def choose(qtbot: QtBot, menu: QMenu, action: QAction) -> None:
    """Pick ``action`` from the popped-up ``menu``: it runs, the menu closes and goes."""
    action.trigger()
    menu.close()
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=30_000)


def run_script(qtbot: QtBot, pane: PreviewPane, script: str) -> object:
    got: list[object] = []
    pane.run_script(script, got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=30_000)
    return got[0]


def test_a_right_click_opens_the_menu_which_copies_selects_and_hands_links_on(
    qtbot: QtBot,
    news_archive: Archive,
    make_window: MakeWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        Desktop, "open_url", classmethod(lambda cls, url: opened.append(url.toString()))
    )
    url = "https://www.jintan.gov.cn/a.html"
    service = ArticleService(news_archive, user="tester")
    record = service.create(news("链接文章", 13, body=f"详见[通知原文]({url})。我区召开督查会。"))
    window = make_window(news_archive)
    pane = window.preview
    assert pane is not None
    window.resize(1400, 860)  # the test screen is small: room for the preview
    window.splitter.setSizes([0, 600, 800])
    qtbot.waitUntil(lambda: pane.view.width() > 300, timeout=30_000)
    window.open_article(record.id)
    wait_for_preview(qtbot, window, "通知原文")

    menu = right_click(qtbot, pane, ".content p")
    assert words(menu) == ["&Copy", "Select &all"]  # on text: nothing about links
    copy, select_all = menu.actions()
    assert not copy.isEnabled()  # nothing selected yet
    choose(qtbot, menu, select_all)
    qtbot.waitUntil(pane.page.hasSelection, timeout=30_000)

    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    menu = right_click(qtbot, pane, ".content p")
    copy = menu.actions()[0]
    assert copy.isEnabled()
    choose(qtbot, menu, copy)
    qtbot.waitUntil(lambda: "我区召开督查会" in clipboard.text(), timeout=30_000)

    menu = right_click(qtbot, pane, f'a[href="{url}"]')
    assert words(menu)[2:] == ["Copy &link address", "&Open link in the browser"]
    copy_link = menu.actions()[-2]
    choose(qtbot, menu, copy_link)
    assert clipboard.text() == url
    menu = right_click(qtbot, pane, f'a[href="{url}"]')
    open_link = menu.actions()[-1]
    with qtbot.waitSignal(pane.externalLinkRequested, timeout=30_000) as requested:
        choose(qtbot, menu, open_link)
    assert requested.args == [QUrl(url)]
    assert opened == [url]  # handed to the system browser
