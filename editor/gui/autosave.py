"""Autosave: every tab with unsaved changes is stored as a draft after ``AUTOSAVE_MS`` of idle
typing and when the window loses focus, so a crash loses at most those seconds.

An autosave is not a save: the tab stays unsaved (●) and the article row is untouched; the archive
keeps the text in its ``autosave`` table and, for a saved article, as an AUTOSAVE revision (the
rules are ``editor.archive.autosave``'s). A deliberate save, or "discard changes", drops the
tab's autosave. The writes run on the thread pool, one at a time per tab.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from editor.archive.autosave import (
    AUTOSAVE_IDLE_SECONDS,
    HEARTBEAT_SECONDS,
    AutosaveResult,
    AutosaveStore,
    Recovery,
    new_session_key,
)
from editor.domain.draft import draft_record
from editor.domain.model import DEFAULT_TZ, ArticleRecord
from editor.gui.editortab import EditorTab
from editor.gui.workers import TaskRunner

log = logging.getLogger("zonedesk.gui")

#: Idle typing before a tab is autosaved (tests make it short).
AUTOSAVE_MS = int(AUTOSAVE_IDLE_SECONDS * 1000)


class Autosaver(QObject):
    """``autosaved(tab, saved_at)`` after each autosave; ``failed(tab, error)`` when one failed
    (the text is still in the editor; the next edit or focus change tries again)."""

    autosaved = Signal(object, object)
    failed = Signal(object, object)

    def __init__(
        self,
        store: AutosaveStore,
        parent: QObject | None = None,
        *,
        idle_ms: int | None = None,
        heartbeat_ms: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.idle_ms = AUTOSAVE_MS if idle_ms is None else idle_ms
        self._tabs: dict[int, EditorTab] = {}  # by tab key
        self._keys: dict[int, str] = {}  # the archive's session key of each tab
        self._timers: dict[int, QTimer] = {}
        self._changed: set[int] = set()  # tabs edited since their last autosave
        self._writing: dict[int, int] = {}  # tab key -> token of its autosave on its way
        self._when: dict[int, dt.datetime] = {}
        self._runner = TaskRunner(self)
        self._runner.done.connect(self._done)
        self._runner.failed.connect(self._failed)
        self._beat = TaskRunner(self)
        self._beat.failed.connect(lambda _t, error: log.info("autosave heartbeat: %s", error))
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(
            int(HEARTBEAT_SECONDS * 1000) if heartbeat_ms is None else heartbeat_ms
        )
        self._heartbeat.timeout.connect(self.heartbeat)
        self._heartbeat.start()
        self._closed = False

    # -- tabs ------------------------------------------------------------------------------

    def watch(self, tab: EditorTab, key: str | None = None) -> str:
        """Autosave ``tab`` from now on (``key``: a recovered session's, to go on with it)."""
        self._tabs[tab.key] = tab
        self._keys[tab.key] = key or self._keys.get(tab.key) or new_session_key()
        if tab.key not in self._timers:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda k=tab.key: self._idle(k))
            self._timers[tab.key] = timer
        return self._keys[tab.key]

    def key_of(self, tab: EditorTab) -> str | None:
        return self._keys.get(tab.key)

    def saved_at(self, tab: EditorTab) -> dt.datetime | None:
        """When ``tab`` was last autosaved (None: not since its last deliberate save)."""
        return self._when.get(tab.key) if tab.dirty else None

    def edited(self, tab: EditorTab) -> None:
        """The tab settled after an edit: autosave it after the idle pause, if it is dirty."""
        timer = self._timers.get(tab.key)
        if timer is None or self._closed:
            return
        if tab.dirty:
            self._changed.add(tab.key)
            timer.start(self.idle_ms)
        else:
            self._changed.discard(tab.key)
            timer.stop()

    def saved(self, tab: EditorTab) -> None:
        """A deliberate save (or the writer took the newer version): drop the pending autosave."""
        self._when.pop(tab.key, None)
        self._changed.discard(tab.key)
        timer = self._timers.get(tab.key)
        if timer is not None:
            timer.stop()
        key = self._keys.get(tab.key)
        if key is not None:
            store = self.store
            self._submit_quiet(lambda: store.discard(key))

    def forget(self, tab: EditorTab, *, discard: bool) -> None:
        """The tab closes; ``discard``: its unsaved text was thrown away on purpose."""
        timer = self._timers.pop(tab.key, None)
        if timer is not None:
            timer.stop()
            timer.deleteLater()
        self._tabs.pop(tab.key, None)
        self._changed.discard(tab.key)
        self._when.pop(tab.key, None)
        key = self._keys.pop(tab.key, None)
        if discard and key is not None:
            store = self.store
            self._submit_quiet(lambda: store.discard(key))

    # -- autosaving ------------------------------------------------------------------------

    def _idle(self, tab_key: int) -> None:
        tab = self._tabs.get(tab_key)
        if tab is not None:
            self.autosave(tab)

    def autosave(self, tab: EditorTab) -> bool:
        """Store ``tab``'s content now, if it has unsaved changes not autosaved yet."""
        if self._closed or tab.key not in self._tabs or not tab.dirty:
            return False
        if self.store.archive.readonly:
            return False  # nothing can be written; the window says the archive is read-only
        if tab.key not in self._changed:
            return False
        if tab.key in self._writing:
            self._timers[tab.key].start(self.idle_ms // 4 or 1)  # after the one on its way
            return False
        self._timers[tab.key].stop()
        self._changed.discard(tab.key)
        data = tab.article_input()
        key, article_id, version = self._keys[tab.key], tab.article_id, tab.version
        store = self.store

        def write() -> AutosaveResult:
            return store.autosave(key, data, article_id=article_id, base_version=version)

        self._writing[tab.key] = self._runner.submit(lambda: (tab.key, write()))
        return True

    def autosave_all(self) -> int:
        """Autosave every tab with changes not autosaved yet (the window lost focus)."""
        return sum(self.autosave(tab) for tab in list(self._tabs.values()))

    def _done(self, token: int, result: object) -> None:
        if not isinstance(result, tuple):
            return  # a discard
        tab_key, saved = result
        if self._writing.get(tab_key) == token:
            del self._writing[tab_key]
        tab = self._tabs.get(tab_key)
        if tab is None or not isinstance(saved, AutosaveResult):
            return
        if not tab.dirty:
            return  # saved deliberately meanwhile: that save dropped the autosave already
        self._when[tab_key] = saved.saved_at
        self.autosaved.emit(tab, saved.saved_at)

    def _failed(self, token: int, error: object) -> None:
        tab_key = next((k for k, t in self._writing.items() if t == token), None)
        if tab_key is None:
            log.warning("autosave: %s", error)
            return
        del self._writing[tab_key]
        self._changed.add(tab_key)  # try again after the next edit or focus change
        tab = self._tabs.get(tab_key)
        log.warning("autosaving tab %s failed: %s", tab_key, error)
        if tab is not None:
            self.failed.emit(tab, error)

    def _submit_quiet(self, call: object) -> None:
        def run() -> None:
            assert callable(call)
            call()

        self._runner.submit(run)

    def heartbeat(self) -> None:
        if not self._beat.busy and not self.store.archive.readonly:
            self._beat.submit(self.store.heartbeat)

    def release(self) -> None:
        """The window closes: stop, and let what is left be offered on the next start."""
        self._closed = True
        self._heartbeat.stop()
        for timer in self._timers.values():
            timer.stop()
        if self.store.archive.readonly:
            return
        try:
            self.store.release()
        except Exception as exc:  # the archive is gone: nothing more can be done here
            log.warning("could not release the autosaves: %s", exc)


class FocusWatcher(QObject):
    """``focusLost()`` when the watched window is deactivated or the application goes to the
    background (another program, another window of ZoneDesk, the screen locked)."""

    focusLost = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        window.installEventFilter(self)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowDeactivate:
            self.focusLost.emit()
        return False

    def _state_changed(self, state: object) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.focusLost.emit()


def show_recovered(tab: EditorTab, recovery: Recovery, stored: ArticleRecord | None) -> None:
    """Put a recovered text in ``tab`` as unsaved changes over what the archive holds.

    ``stored``: the article as the archive holds it (None for a never-saved article). The tab
    expects the version the text was written against (``base_version``), so a newer save made
    by someone since is a conflict the writer resolves on saving, never overwritten.
    """
    now = dt.datetime.now(DEFAULT_TZ)
    record = None
    if stored is not None:
        record = dataclasses.replace(stored, version=recovery.base_version or stored.version)
    city = stored.city if stored is not None else None
    tab.load(draft_record(recovery.data, saved=record, city=city, body_html="", now=now))
    tab.record = record
    tab.editor.document().setModified(True)
