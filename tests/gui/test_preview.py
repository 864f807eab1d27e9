"""The live preview: the export's page, rendered off the GUI thread (latest request wins), its
scroll position kept, its links handed to the system browser, nothing loaded from the network."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePage
from pytestqt.qtbot import QtBot

from editor.archive import catalog
from editor.archive.articles import ArticleService
from editor.archive.database import Archive
from editor.export.preview import render_article_page
from editor.gui.dialogs.common import Desktop
from editor.gui.editortab import SETTLE_MS
from editor.gui.mainwindow import MainWindow
from editor.gui.preview import PreviewPane, PreviewRenderer
from editor.gui.previewjob import PagePainter, PreviewSnapshot, site_settings
from editor.gui.scheme import ROOT
from tests.gui.conftest import news, page_html, type_text, wait_for_preview

pytestmark = pytest.mark.gui

MakeWindow = Callable[[Archive], MainWindow]


def article_id(archive: Archive, title: str) -> int:
    return next(r.id for r in ArticleService(archive).list_articles().items if r.title == title)


def run_script(qtbot: QtBot, pane: PreviewPane, script: str) -> object:
    got: list[object] = []
    pane.run_script(script, got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=30_000)
    return got[0]


def test_the_preview_is_the_exports_page_with_its_neighbours(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(news_archive)
    middle = article_id(news_archive, "园区新签约项目十二个")
    window.open_article(middle)
    html = wait_for_preview(qtbot, window, "园区新签约项目十二个")
    assert "上一条:" in html
    assert "常州开发区年度总结" in html  # the newer neighbour
    assert "下一条:" in html
    assert "金坛召开第三次督查会" in html  # the older one
    assert "发布时间:" in html
    assert "来源:金坛手机台" in html
    assert "投促中国" in html  # the site's chrome: header and footer from the site settings
    assert f'href="{ROOT}assets/portal.' in html

    # byte for byte what the export's own function renders for the saved article
    service = ArticleService(news_archive)
    record = service.get(middle)
    painter = PagePainter(news_archive, site_settings(news_archive), ROOT)
    prev, nxt = painter.neighbours(record)
    expected = render_article_page(record, site=painter.site, prev=prev, next=nxt, root=ROOT)
    assert "园区新签约项目十二个" in expected
    assert window.preview is not None
    assert any(path.startswith("assets/portal.") for path in window.preview.handler.served)


def test_typing_refreshes_the_preview_after_a_pause_after_the_last_key(
    qtbot: QtBot,
    news_archive: Archive,
    make_window: MakeWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Not on every key: the render is asked for once the keys pause for SETTLE_MS, and the page
    then shows the new text. How soon it shows is the benchmark's to measure (bench_editor.py)."""
    window = make_window(news_archive)
    tab = window.open_article(article_id(news_archive, "金坛召开第三次督查会"))
    wait_for_preview(qtbot, window, "金坛召开第三次督查会")
    assert window.preview is not None
    asked: list[tuple[float, int]] = []  # (when, request number) of each render asked for
    request = window.renderer.request

    def timed_request(key: object, snapshot: PreviewSnapshot) -> int:
        number = request(key, snapshot)
        asked.append((time.perf_counter(), number))
        return number

    monkeypatch.setattr(window.renderer, "request", timed_request)
    shown: list[int] = []
    window.preview.shown.connect(shown.append)
    type_text(tab.editor, "\n\n新增的一段")
    before_last_key = time.perf_counter()  # the settle timer starts after this, with the key
    type_text(tab.editor, "话")
    assert asked == []  # typing itself asks for nothing (no event loop ran yet, no timer fired)
    qtbot.waitUntil(lambda: bool(asked) and asked[-1][1] in shown, timeout=30_000)
    # a lower bound only: a loaded machine makes the pause longer, never shorter
    assert asked[0][0] - before_last_key >= SETTLE_MS / 1000 * 0.9
    assert "新增的一段话" in page_html(qtbot, window)


def test_rendering_happens_off_the_gui_thread_and_the_latest_request_wins(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(news_archive)
    tab = window.open_article(article_id(news_archive, "金坛召开第三次督查会"))
    wait_for_preview(qtbot, window, "金坛召开第三次督查会")
    threads: list[int] = []
    painter = window.renderer.painter

    class Spy:
        site = painter.site
        neighbours = painter.neighbours

        def __call__(self, snapshot: PreviewSnapshot) -> str:
            threads.append(threading.get_ident())
            return painter(snapshot)

    # the window's own render of an edit runs on a pool thread
    window.renderer.painter = Spy()  # type: ignore[assignment]
    before = tab.snapshot()
    tab.editor.setPlainText("最后的版本")
    wait_for_preview(qtbot, window, "最后的版本")
    assert threads
    assert threading.get_ident() not in threads

    # Two requests in a row: the first is stale whenever it finishes, since its result can only
    # come back through this (GUI) thread's event loop, after the second was asked for. A renderer
    # of its own, so the tab's settle timer cannot slip a newer request in between.
    renderer = PreviewRenderer(Spy(), window)  # type: ignore[arg-type]
    results: list[tuple[int, object, str]] = []
    dropped: list[int] = []
    renderer.rendered.connect(lambda request, key, html: results.append((request, key, html)))
    renderer.dropped.connect(dropped.append)
    first = renderer.request(tab.key, before)
    last = renderer.request(tab.key, tab.snapshot())
    qtbot.waitUntil(lambda: bool(results) and dropped == [first], timeout=30_000)
    assert [(request, key) for request, key, _html in results] == [(last, tab.key)]
    assert "最后的版本" in results[0][2]


def test_the_reader_keeps_their_place_while_the_text_changes(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow
) -> None:
    service = ArticleService(news_archive)
    long_body = "\n\n".join(f"第{i}段：开发区新闻正文。" * 8 for i in range(120))
    record = service.create(news("很长的稿件", 13, body=long_body))
    window = make_window(news_archive)
    pane = window.preview
    assert pane is not None
    shown: list[int] = []
    pane.shown.connect(shown.append)
    tab = window.open_article(record.id)
    wait_for_preview(qtbot, window, "第119段")
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)  # loaded: an edit now swaps the body
    run_script(qtbot, pane, "window.scrollTo(0, 1500); window.scrollY")
    qtbot.waitUntil(lambda: run_script(qtbot, pane, "window.scrollY") == 1500, timeout=30_000)
    type_text(tab.editor, "补")
    wait_for_preview(qtbot, window, "补")
    assert run_script(qtbot, pane, "window.scrollY") == 1500


def test_switching_tabs_shows_each_articles_page(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(news_archive)
    window.open_article(article_id(news_archive, "金坛召开第三次督查会"))
    wait_for_preview(qtbot, window, "金坛召开第三次督查会</h1>")
    window.open_article(article_id(news_archive, "常州开发区年度总结"))
    wait_for_preview(qtbot, window, "常州开发区年度总结</h1>")
    window.tabs.setCurrentIndex(0)
    wait_for_preview(qtbot, window, "金坛召开第三次督查会</h1>")
    window.close_tab_action.trigger()
    window.close_tab_action.trigger()
    qtbot.waitUntil(lambda: "<h1>" not in page_html(qtbot, window), timeout=30_000)
    assert "The preview shows the article being edited." in page_html(qtbot, window)


def test_images_come_from_the_archive_through_the_preview_scheme(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow
) -> None:
    from tests.gui.test_markdown import png_bytes  # noqa: PLC0415 - shared test data

    stored = catalog.store_image(news_archive, png_bytes(), "photo.png")
    record = ArticleService(news_archive).create(
        news("图片新闻", 14, body=f"现场照片：\n\n![现场]({stored.reference})")
    )
    window = make_window(news_archive)
    window.open_article(record.id)
    html = wait_for_preview(qtbot, window, "现场照片")
    assert f'src="{ROOT}{stored.reference}"' in html
    assert window.preview is not None
    handler = window.preview.handler
    qtbot.waitUntil(lambda: stored.reference in handler.served, timeout=30_000)
    width = run_script(qtbot, window.preview, "document.querySelector('.content img').naturalWidth")
    assert width == 4


def test_links_open_in_the_system_browser_and_the_page_stays(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        Desktop, "open_url", classmethod(lambda cls, url: opened.append(url.toString()))
    )
    window = make_window(news_archive)
    window.open_article(article_id(news_archive, "金坛召开第三次督查会"))
    wait_for_preview(qtbot, window, "金坛召开第三次督查会")
    assert window.preview is not None
    page = window.preview.page
    clicked = QWebEnginePage.NavigationType.NavigationTypeLinkClicked
    assert not page.acceptNavigationRequest(QUrl("https://www.example.cn/news"), clicked, True)
    assert opened == ["https://www.example.cn/news"]
    # the portal's own links (breadcrumb, neighbours) lead nowhere inside the preview
    assert not page.acceptNavigationRequest(QUrl(f"{ROOT}list/index.html"), clicked, True)
    assert not page.acceptNavigationRequest(QUrl("file:///etc/passwd"), clicked, True)
    assert opened == ["https://www.example.cn/news"]
    typed = QWebEnginePage.NavigationType.NavigationTypeTyped
    assert not page.acceptNavigationRequest(QUrl("https://www.example.cn/"), typed, True)


def test_nothing_is_loaded_from_the_network(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow
) -> None:
    body = (
        "![远程](https://www.example.cn/remote.png)\n\n"
        '<img src="http://127.0.0.1:9/tracker.gif">\n\n远程图片测试'
    )
    record = ArticleService(news_archive).create(news("远程图片", 15, body=body))
    window = make_window(news_archive)
    window.open_article(record.id)
    wait_for_preview(qtbot, window, "远程图片测试")
    assert window.preview is not None
    interceptor = window.preview.interceptor
    served = window.preview.handler.served
    pane = window.preview
    remote = ["https://www.example.cn/remote.png", "http://127.0.0.1:9/tracker.gif"]

    def remote_images() -> dict[str, tuple[bool, int]]:
        """src: (complete, naturalWidth) of the page's remote images."""
        found = run_script(
            qtbot,
            pane,
            "JSON.stringify(Array.from(document.images,"
            " i => [i.getAttribute('src'), i.complete, i.naturalWidth]))",
        )
        assert isinstance(found, str)
        return {src: (done, width) for src, done, width in json.loads(found) if src in remote}

    def remote_done() -> bool:
        images = remote_images()
        return sorted(images) == sorted(remote) and all(done for done, _w in images.values())

    # both remote images are done with (an image is complete once loaded or refused) …
    qtbot.waitUntil(remote_done, timeout=30_000)
    # … and neither was loaded, nor served by the preview's own scheme
    assert all(width == 0 for _complete, width in remote_images().values())
    assert not any("example.cn" in p or "127.0.0.1" in p for p in served)
    # whatever the page asks of the network is refused before it leaves
    run_script(
        qtbot,
        pane,
        "var i = new Image(); i.src = 'https://www.example.cn/x.png'; "
        "document.body.appendChild(i); 1",
    )
    run_script(
        qtbot,
        pane,
        "var f = new Image(); f.src = 'file:///etc/hostname'; document.body.appendChild(f); 1",
    )
    qtbot.waitUntil(lambda: any("file:" in u for u in interceptor.blocked), timeout=30_000)
