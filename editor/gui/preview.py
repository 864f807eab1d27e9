"""The live preview: the article's portal page in a locked-down QWebEngineView.

- The page is the export's own (``previewjob.PagePainter``), rendered off the GUI thread by
  ``PreviewRenderer``: a debounced request carries a number, only the latest one is shown.
- Nothing comes from the network. Pages, theme files and images are served by a scheme handler
  for ``zdpreview://site/`` (``media/<sha>.<ext>`` from the archive's media store, ``assets/…``
  from the theme); every other request is blocked by ``OfflineInterceptor``.
- A click on a link opens it in the system browser (``externalLinkRequested``); the page itself
  never navigates away. JavaScript is off for the page; the editor's own scripts run in the
  application world.
- The context menu is the app's own (Copy, Select all; Copy link address and Open in the browser
  on a link), in the UI's language: no Back, Reload, View source or Inspect.
- An edit of the same article replaces the body in place (DOMParser), so the reader keeps their
  scroll position and nothing flickers; another article, or a changed <head>, loads afresh.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import re
from collections import OrderedDict
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QPoint,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlSchemeHandler,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QMenu, QVBoxLayout, QWidget

from editor.archive import catalog
from editor.archive.database import Archive
from editor.gui.previewjob import PagePainter, PreviewSnapshot
from editor.gui.scheme import ROOT, SCHEME, register_scheme
from editor.gui.workers import TaskRunner

log = logging.getLogger("zonedesk.gui.preview")

ALLOWED_SCHEMES = frozenset({SCHEME.decode(), "data", "about", "blob"})
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})
MEDIA_CACHE_BYTES = 64 * 1024 * 1024
_MEDIA_PATH = re.compile(r"^media/([0-9a-f]{64})\.[a-z0-9]{1,5}$")


class PreviewSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves ``zdpreview://site/…``: the current page, theme assets, the archive's images."""

    def __init__(self, archive: Archive, assets: dict[str, bytes], parent: QObject) -> None:
        super().__init__(parent)
        self._archive = archive
        self._assets = assets
        self._pages: dict[str, bytes] = {}
        self._media: OrderedDict[str, tuple[str, bytes]] = OrderedDict()
        self._media_bytes = 0
        self.served: list[str] = []  # paths, for tests

    def set_page(self, path: str, html: str) -> None:
        self._pages = {path: html.encode("utf-8")}

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        path = job.requestUrl().path().lstrip("/")
        found = self._lookup(path)
        if found is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        media_type, data = found
        buffer = QBuffer(job)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.served.append(path)
        job.reply(QByteArray(media_type.encode()), buffer)

    def _lookup(self, path: str) -> tuple[str, bytes] | None:
        if path in self._pages:
            return "text/html;charset=utf-8", self._pages[path]
        if path in self._assets:
            guessed = mimetypes.guess_type(path)[0] or "application/octet-stream"
            if guessed == "text/css":
                guessed = "text/css;charset=utf-8"
            return guessed, self._assets[path]
        media = _MEDIA_PATH.match(path)
        if media is None:
            return None
        sha = media.group(1)
        if sha in self._media:
            self._media.move_to_end(sha)
            return self._media[sha]
        found = catalog.asset_bytes(self._archive, sha)
        if found is not None:
            self._media[sha] = found
            self._media_bytes += len(found[1])
            while self._media_bytes > MEDIA_CACHE_BYTES and len(self._media) > 1:
                _, (_, old) = self._media.popitem(last=False)
                self._media_bytes -= len(old)
        return found


class OfflineInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request that would leave the machine."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blocked: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        if url.scheme() not in ALLOWED_SCHEMES:
            self.blocked.append(url.toString())
            info.block(True)


class PreviewPage(QWebEnginePage):
    """Never navigates away: links go to ``externalLinkRequested`` (or nowhere)."""

    externalLinkRequested = Signal(QUrl)

    def acceptNavigationRequest(
        self, url: QUrl | str, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        url = QUrl(url)
        if nav_type == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            here = self.url().toString().split("#", 1)[0]
            if url.toString().split("#", 1)[0] == here:
                return True  # a footnote or another anchor of this page
            if url.scheme() in EXTERNAL_SCHEMES:
                self.externalLinkRequested.emit(url)
            return False
        return url.scheme() in ALLOWED_SCHEMES

    def javaScriptConsoleMessage(self, *args: object) -> None:  # keep the console quiet
        log.debug("preview console: %s", args)


class PreviewRenderer(QObject):
    """Renders snapshots on the thread pool; ``rendered(request, key, html)`` for the latest,
    ``dropped(request)`` for one that finished after a newer request (or a ``cancel``)."""

    rendered = Signal(int, object, str)
    failed = Signal(int, str)
    dropped = Signal(int)

    def __init__(self, painter: PagePainter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.painter = painter
        self._runner = TaskRunner(self, latest_only=True)
        self._keys: dict[int, object] = {}
        self._runner.done.connect(self._done)
        self._runner.failed.connect(self._failed)
        self._runner.dropped.connect(self.dropped)

    def request(self, key: object, snapshot: PreviewSnapshot) -> int:
        painter = self.painter
        number = self._runner.submit(lambda: painter(snapshot))
        self._keys = {number: key}
        return number

    def cancel(self) -> None:
        self._runner.forget()

    def _done(self, number: int, html: object) -> None:
        key = self._keys.pop(number, None)
        self.rendered.emit(number, key, str(html))

    def _failed(self, number: int, error: object) -> None:
        log.warning("the preview could not be rendered: %s", error)
        self.failed.emit(number, str(error))


_SWAP_BODY = """
(function (html) {
  var next = new DOMParser().parseFromString(html, "text/html");
  document.title = next.title;
  document.body.replaceWith(document.adoptNode(next.body));
  return window.scrollY;
})(%s)
"""


def _js_string(text: str) -> str:
    """``text`` as a JavaScript string literal (UTF-8 as it is: six times shorter for Chinese
    than \\u escapes, and quicker for the page to read)."""
    return json.dumps(text, ensure_ascii=False)


def _head(html: str) -> str:
    return html.split("<body", 1)[0]


class PreviewPane(QWidget):
    """The preview widget. ``shown(request)`` fires once a page is on screen."""

    shown = Signal(int)
    externalLinkRequested = Signal(QUrl)

    def __init__(
        self, archive: Archive, assets: dict[str, bytes], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("previewPane")
        self.view = QWebEngineView(self)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # The profile is created after the view, so it is deleted after the view and its page.
        self.profile = QWebEngineProfile(self)  # off the record: nothing written to disk
        self.interceptor = OfflineInterceptor(self.profile)
        self.handler = PreviewSchemeHandler(archive, assets, self.profile)
        self.profile.setUrlRequestInterceptor(self.interceptor)
        self.profile.installUrlSchemeHandler(QByteArray(SCHEME), self.handler)
        self.page = PreviewPage(self.profile, self.view)
        settings = self.page.settings()
        for attribute, on in (
            (QWebEngineSettings.WebAttribute.JavascriptEnabled, False),
            (QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False),
            (QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False),
            (QWebEngineSettings.WebAttribute.PluginsEnabled, False),
            (QWebEngineSettings.WebAttribute.AutoLoadIconsForPage, False),
            (QWebEngineSettings.WebAttribute.NavigateOnDropEnabled, False),
            (QWebEngineSettings.WebAttribute.ErrorPageEnabled, False),
        ):
            settings.setAttribute(attribute, on)
        self.view.setPage(self.page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

        self._key: object = None
        self._disposed = False
        self._head = ""
        self._loads = 0
        self._pending: tuple[int, int] | None = None  # (request, scroll y) of a page loading
        self._scroll: dict[object, int] = {}
        self.page.loadFinished.connect(self._load_finished)
        self.page.externalLinkRequested.connect(self.externalLinkRequested)
        self.view.customContextMenuRequested.connect(self._context_menu)

    # -- showing ---------------------------------------------------------------------------

    @property
    def key(self) -> object:
        return self._key

    def show_page(self, request: int, key: object, html: str) -> None:
        """Show ``html`` (request number ``request``) for the article ``key``."""
        head = _head(html)
        if key == self._key and head == self._head and self._pending is None:
            self.page.runJavaScript(
                _SWAP_BODY % _js_string(html),
                QWebEngineScript.ScriptWorldId.ApplicationWorld,
                lambda _y: self.shown.emit(request),
            )
            return
        if key != self._key:
            self._remember_scroll(self._key)
            scroll = self._scroll.get(key, 0)
        else:
            scroll = -1  # keep where the reader is: asked for below, before the load
        self._key = key
        self._head = head
        if scroll >= 0:
            self._load(request, html, scroll)
        else:
            self.page.runJavaScript(
                "window.scrollY",
                QWebEngineScript.ScriptWorldId.ApplicationWorld,
                lambda y: self._load(request, html, int(y or 0)),
            )

    def show_message(self, text: str) -> None:
        """A quiet page with a line of text (no article open)."""
        self._remember_scroll(self._key)
        self._key = None
        self._head = ""
        body = (
            "<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
            "body{font:15px sans-serif;color:#888;display:flex;align-items:center;"
            "justify-content:center;height:90vh;margin:0;background:#fafafa}</style></head>"
            f"<body><p>{_escape(text)}</p></body></html>"
        )
        self._load(0, body, 0)

    def forget(self, key: object) -> None:
        self._scroll.pop(key, None)

    def _remember_scroll(self, key: object) -> None:
        if key is None:
            return
        self.page.runJavaScript(
            "window.scrollY",
            QWebEngineScript.ScriptWorldId.ApplicationWorld,
            lambda y: self._scroll.__setitem__(key, int(y or 0)),
        )

    def _load(self, request: int, html: str, scroll: int) -> None:
        self._loads += 1
        path = f"page/{self._loads}.html"
        self.handler.set_page(path, html)
        self._pending = (request, scroll)
        self.page.load(QUrl(ROOT + path))

    def _load_finished(self, _ok: bool) -> None:
        if self._pending is None:
            return
        request, scroll = self._pending
        self._pending = None
        if scroll:
            self.page.runJavaScript(
                f"window.scrollTo(0, {int(scroll)})",
                QWebEngineScript.ScriptWorldId.ApplicationWorld,
            )
        if request:
            self.shown.emit(request)

    # -- reading back (tests, the benchmark) ------------------------------------------------

    def run_script(self, script: str, callback: Callable[[object], None]) -> None:
        self.page.runJavaScript(script, QWebEngineScript.ScriptWorldId.ApplicationWorld, callback)

    def context_menu(self, link: QUrl | None = None) -> QMenu:
        """The preview's own context menu, not yet shown: Copy and Select all, and for a link to
        the web Copy link address and Open in the browser. Built here, in ZoneDesk's words
        (Chromium's menu would speak the engine's language and offer Back, Reload, View source
        and Inspect, none of which belong in a preview)."""
        menu = QMenu(self)
        menu.setObjectName("previewContextMenu")
        copy = menu.addAction(self.tr("&Copy"))
        copy.setEnabled(self.page.hasSelection())
        copy.triggered.connect(lambda: self._page_action(QWebEnginePage.WebAction.Copy))
        select_all = menu.addAction(self.tr("Select &all"))
        select_all.triggered.connect(lambda: self._page_action(QWebEnginePage.WebAction.SelectAll))
        if link is not None and link.isValid() and link.scheme() in EXTERNAL_SCHEMES:
            # (the preview's own links, to a neighbour or a footnote, mean nothing outside it)
            menu.addSeparator()
            copy_link = menu.addAction(self.tr("Copy &link address"))
            copy_link.triggered.connect(lambda: _copy_url(link))
            open_link = menu.addAction(self.tr("&Open link in the browser"))
            open_link.triggered.connect(lambda: self.externalLinkRequested.emit(QUrl(link)))
        return menu

    def _page_action(self, action: QWebEnginePage.WebAction) -> None:
        """One of the engine's own commands (they act on the page with the keyboard focus: the
        right click that opened the menu put it there)."""
        self.page.triggerAction(action)

    def _context_menu(self, position: QPoint) -> None:
        """Pop the menu up where the page was right-clicked (no nested event loop: the menu
        deletes itself once closed)."""
        request = self.view.lastContextMenuRequest()
        link = request.linkUrl() if request is not None else None
        menu = self.context_menu(link)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.view.mapToGlobal(position))

    def dispose(self) -> None:
        """Delete the page, the view, then the profile, now (QtWebEngine insists on the page
        going before its profile; left to the parents, the order would depend on when each is
        collected). The view goes too, so the closing window's hide and paint events find no web
        view without a page (``setPage(None)`` made it build a default page while closing)."""
        if self._disposed:
            return
        self._disposed = True
        shiboken6.delete(self.page)
        shiboken6.delete(self.view)
        shiboken6.delete(self.profile)


def _copy_url(url: QUrl) -> None:
    """Put a link on the clipboard as text (a QMimeData built in Python and handed to the
    clipboard crashes PySide at exit)."""
    QGuiApplication.clipboard().setText(url.toString())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = [
    "ROOT",
    "SCHEME",
    "OfflineInterceptor",
    "PreviewPage",
    "PreviewPane",
    "PreviewRenderer",
    "PreviewSchemeHandler",
    "register_scheme",
]
