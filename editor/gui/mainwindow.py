"""The main window, and the GUI's composition root: it builds the parts and wires every signal in
one block (``_connect``). Left the archive browser, in the middle the open articles (or the
welcome panel), right the live preview.

The parts never call each other: they emit ``…Requested`` (intents) or ``…Changed``/``settled``
(events), and the slots here do the rest with the archive's services.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from editor.archive import catalog
from editor.archive.articles import ArticleService, current_user
from editor.archive.assets import AssetError
from editor.archive.autosave import AutosaveStore
from editor.archive.changes import StoredVersion, versions
from editor.archive.compare import ArticleMerge
from editor.archive.database import Archive
from editor.archive.history import HistoryService
from editor.archive.locks import LockHolder, SoftLocks
from editor.domain.errors import ZoneDeskError
from editor.domain.model import DEFAULT_TZ, ArticleRecord, CategoryNode, ZoneRecord
from editor.gui.articleform import FormDefaults
from editor.gui.autosave import Autosaver, FocusWatcher, show_recovered
from editor.gui.browser import ArchiveBrowser
from editor.gui.dialogs.common import Ask, Choice, Desktop, FileChooser
from editor.gui.dialogs.confirm import Confirm
from editor.gui.dialogs.exportdialog import CurrentArticle, ExportDialog
from editor.gui.dialogs.importdialog import ImportDialog
from editor.gui.dialogs.preferences import PreferencesDialog
from editor.gui.dialogs.recovery import RecoveryChoice, RecoveryDialog, RecoveryItem
from editor.gui.dialogs.sitedialog import SiteDialog
from editor.gui.editortab import EditorTab, SaveState
from editor.gui.editortabs import EditorTabs
from editor.gui.elided import ElidedLabel, KeepOnScreen
from editor.gui.history import HistoryPanel, field_label, field_text
from editor.gui.icons import icon
from editor.gui.locks import ArchivePoller, ChangedBanner, LockBanner, LockKeeper
from editor.gui.markdownactions import FormatActions, insert_image_reference
from editor.gui.markdownedit import MarkdownEdit
from editor.gui.preview import PreviewPane, PreviewRenderer
from editor.gui.previewjob import PagePainter, site_settings
from editor.gui.qtutil import HORIZONTAL, KeySpec
from editor.gui.saving import ArticleSaver
from editor.gui.scheme import ROOT
from editor.gui.settings import Preferences, WindowState
from editor.gui.spellcheck import FixPunctuationAction, SpellService, SpellUnderliner
from editor.gui.statusbar import EditorStatus
from editor.gui.welcome import WelcomePanel
from editor.gui.workers import TaskRunner

log = logging.getLogger("zonedesk.gui")

# The product's name: never translated.
APP_TITLE = "ZoneDesk 开发区新闻编辑台"
#: The preview's web view is built after the window's first paint, or this long after its show.
FIRST_PAINT_FALLBACK_MS = 300


def _recovery_items(store: AutosaveStore, service: ArticleService) -> list[RecoveryItem]:
    """The recoveries to offer, each with its article as stored now (on a pool thread)."""
    items = []
    for recovery in store.pending():
        stored = None
        if recovery.article_id is not None:
            try:
                stored = service.get(recovery.article_id)
            except ZoneDeskError:
                stored = None
        items.append(RecoveryItem(recovery, stored))
    return items


def archive_name(archive: Archive) -> str:
    """A short name for the title bar: the file name, or ``database@host`` for a server."""
    if archive.path is not None:
        return archive.path.name
    url = archive.url
    return f"{url.database}@{url.host}" if url.host else str(url.database)


def archive_address(archive: Archive) -> str:
    """The archive's address as the CLI and the export take it (with its password)."""
    if archive.path is not None:
        return str(archive.path)
    return archive.url.render_as_string(hide_password=False)


class MainWindow(QMainWindow):
    #: Emitted after the first paint of the window (the start-up benchmark waits for it).
    firstShown = Signal()

    def __init__(
        self,
        archive: Archive,
        parent: QWidget | None = None,
        *,
        preferences: Preferences | None = None,
        window_state: WindowState | None = None,
    ) -> None:
        super().__init__(parent)
        self._archive = archive
        self._articles = ArticleService(archive)
        self.preferences = preferences or Preferences()
        self.window_state = window_state or WindowState()
        self._zones: list[ZoneRecord] = []
        self._cities: dict[str, str] = {}
        self._sources: list[str] = []
        self._categories: list[CategoryNode] = []
        self._shown_once = False
        self._painted = False
        self._closed = False
        self._pending_preview: tuple[int, object, str] | None = None
        self.setObjectName("MainWindow")
        title = f"{APP_TITLE} — {archive_name(archive)}"
        if archive.readonly:  # nothing the writer does here is stored: say so from the start
            title += " " + self.tr("(read-only)")
        self.setWindowTitle(title)
        self.setWindowIcon(icon("logo"))

        self._build_actions()
        self._build_menus()
        self._build_parts()
        self._connect()

        self._load_choices()
        self.browser.start()
        self.poller.start()
        self.refresh_summary()
        self._restore_state()
        self.keep_on_screen = KeepOnScreen(self)  # no title or panel makes it outgrow the screen
        self._restore_tabs()
        self._update_current(self.tabs.current())

    @property
    def archive(self) -> Archive:
        return self._archive

    @property
    def articles(self) -> ArticleService:
        return self._articles

    @property
    def categories(self) -> list[CategoryNode]:
        """The category tree (with counts), once the browser has loaded it."""
        return self._categories

    # ------------------------------------------------------------------------- building

    def _build_actions(self) -> None:
        def action(name: str | None, text: str, shortcut: KeySpec | None = None) -> QAction:
            made = QAction(icon(name), text, self) if name else QAction(text, self)
            if shortcut is not None:
                made.setShortcut(QKeySequence(shortcut))
            return made

        self.new_action = action("new", self.tr("&New article"), QKeySequence.StandardKey.New)
        self.save_action = action("save", self.tr("&Save"), QKeySequence.StandardKey.Save)
        self.close_tab_action = action(
            None, self.tr("&Close article"), QKeySequence.StandardKey.Close
        )
        self.import_action = action("import", self.tr("&Import articles…"))
        self.import_pages_action = action(None, self.tr("Import &pages…"))
        self.export_action = action("export", self.tr("&Export site…"), "Ctrl+Shift+E")
        self.site_action = action("site", self.tr("Site &settings…"))
        self.open_archive_action = action("archive", self.tr("&Open another archive…"))
        self.quit_action = action(None, self.tr("&Quit"), QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = action("undo", self.tr("&Undo"), QKeySequence.StandardKey.Undo)
        self.redo_action = action("redo", self.tr("&Redo"), QKeySequence.StandardKey.Redo)
        self.find_action = action("find", self.tr("&Find…"), QKeySequence.StandardKey.Find)
        self.replace_action = action("replace", self.tr("R&eplace…"), "Ctrl+H")
        self.search_action = action(None, self.tr("Search the &archive"), "Ctrl+Shift+F")
        self.preferences_action = action("preferences", self.tr("&Preferences…"))
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.about_action = action(None, self.tr("&About ZoneDesk"))
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.format_actions = FormatActions(self, self.current_editor)
        self.history_action = action("history", self.tr("&History"), "Ctrl+Alt+H")
        self.history_action.setCheckable(True)
        self.delete_action = action("trash", self.tr("Move to the &trash…"))
        self.trash_action = action(None, self.tr("Show the t&rash"))
        for made in (self.undo_action, self.redo_action):
            # the editor has its own undo shortcuts; the menu's must not steal them elsewhere
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.file_menu.addActions([self.new_action, self.save_action, self.close_tab_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions(
            [self.import_action, self.import_pages_action, self.export_action]
        )
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.site_action, self.open_archive_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.find_action, self.replace_action, self.search_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(FixPunctuationAction(self, self._current_underliner))
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.preferences_action)
        self.format_menu = self.menuBar().addMenu(self.tr("F&ormat"))
        self.format_menu.addActions(self.format_actions.all)
        self.article_menu = self.menuBar().addMenu(self.tr("&Article"))
        self.article_menu.addAction(self.history_action)
        self.article_menu.addSeparator()
        self.article_menu.addActions([self.delete_action, self.trash_action])
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.about_action)

        self.toolbar = QToolBar(self.tr("Tools"), self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.toolbar.addActions([self.new_action, self.save_action])
        self.toolbar.addSeparator()
        self.toolbar.addActions(self.format_actions.all)
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.find_action, self.import_action, self.export_action])
        self.addToolBar(self.toolbar)
        for made in (
            self.new_action,
            self.save_action,
            self.find_action,
            self.import_action,
            self.export_action,
        ):
            shortcut = made.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            text = made.text().replace("&", "").rstrip("…")
            made.setToolTip(f"{text} ({shortcut})" if shortcut else text)

    def _build_parts(self) -> None:
        self.browser = ArchiveBrowser(self._articles, self)
        self.tabs = EditorTabs(self)
        self.welcome = WelcomePanel(self)
        self.middle = QStackedWidget(self)
        self.middle.setObjectName("middle")
        self.middle.addWidget(self.welcome)
        self.middle.addWidget(self.tabs)
        self.preview_holder = QWidget(self)
        self.preview_holder.setObjectName("previewHolder")
        QVBoxLayout(self.preview_holder).setContentsMargins(0, 0, 0, 0)
        self.preview: PreviewPane | None = None
        self.painter = PagePainter(self._archive, site_settings(self._archive), ROOT)
        self.renderer = PreviewRenderer(self.painter, self)
        self._history = HistoryService(self._archive, self._articles.user)
        self.saver = ArticleSaver(self._articles, self, self._history)
        self.history = HistoryPanel(self._history, self)
        self.history_dock = QDockWidget(self.tr("History"), self)
        self.history_dock.setObjectName("historyDock")
        self.history_dock.setWidget(self.history)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.history_dock)
        self.history_dock.hide()
        self.locks = LockKeeper(SoftLocks(self._archive, user=self._articles.user), self)
        self.poller = ArchivePoller(self._archive, self)
        self._autosaves = AutosaveStore(
            self._archive, user=self._articles.user, instance=self.locks.locks.instance
        )
        self.autosaver = Autosaver(self._autosaves, self)
        self.focus_watcher = FocusWatcher(self)
        self._recoveries = TaskRunner(self)
        self._versions = TaskRunner(self, latest_only=True, pool=self.poller.pool)
        # each tab's banners (by tab key): who else edits its article, a newer version saved
        self._banners: dict[int, tuple[LockBanner, ChangedBanner]] = {}
        self.spell = SpellService(
            self._archive,
            current_user(),
            self,
            enabled=self.preferences.spell_enabled,
            disabled_rules=self.preferences.disabled_rules,
            preferences=self.preferences,
        )

        self.splitter = QSplitter(HORIZONTAL, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.browser)
        self.splitter.addWidget(self.middle)
        self.splitter.addWidget(self.preview_holder)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([420, 560, 460])
        self.splitter.setChildrenCollapsible(True)
        self.setCentralWidget(self.splitter)

        self.location_label = ElidedLabel(
            self.tr("Archive: {location}").format(location=self._archive.location),
            self,
            Qt.TextElideMode.ElideMiddle,
        )
        self.location_label.setObjectName("archiveLocation")
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("archiveSummary")
        self.summary_label.setContentsMargins(12, 0, 4, 0)
        self.statusBar().addWidget(self.location_label, 1)
        self.statusBar().addWidget(self.summary_label)
        self.editor_status = EditorStatus(self.statusBar())
        self.spell_label = QLabel(self)
        self.spell_label.setObjectName("spellNotice")
        self.spell_label.setContentsMargins(12, 0, 4, 0)
        self.spell_label.hide()
        self.statusBar().addPermanentWidget(self.spell_label)
        self._summary = TaskRunner(self, latest_only=True)
        self._warm_up = TaskRunner(self)
        self._image_files: list[str] = []

    # ------------------------------------------------------------------------- wiring

    def _connect(self) -> None:
        """Every signal of the window's parts, in one place."""
        self.new_action.triggered.connect(self.new_article)
        self.save_action.triggered.connect(self.save_current)
        self.close_tab_action.triggered.connect(self.close_current)
        self.import_action.triggered.connect(self.show_import)
        self.import_pages_action.triggered.connect(self.show_import_pages)
        self.export_action.triggered.connect(self.show_export)
        self.site_action.triggered.connect(self.show_site_settings)
        self.open_archive_action.triggered.connect(self.open_other_archive)
        self.quit_action.triggered.connect(self.close)
        self.undo_action.triggered.connect(lambda: self._with_editor(MarkdownEdit.undo))
        self.redo_action.triggered.connect(lambda: self._with_editor(MarkdownEdit.redo))
        self.find_action.triggered.connect(lambda: self._with_tab(lambda t: t.find_bar.show_find()))
        self.replace_action.triggered.connect(
            lambda: self._with_tab(lambda t: t.find_bar.show_replace())
        )
        self.search_action.triggered.connect(self.browser.focus_search)
        self.preferences_action.triggered.connect(self.show_preferences)
        self.about_action.triggered.connect(self.show_about)
        self.format_actions.imageRequested.connect(self.insert_image_files)

        self.browser.openRequested.connect(self.open_article)
        self.browser.categoriesLoaded.connect(self._categories_loaded)
        self.browser.model.loaded.connect(lambda _total: self.refresh_summary())
        self.welcome.newRequested.connect(self.new_article)
        self.welcome.importRequested.connect(self.show_import)
        self.welcome.openArchiveRequested.connect(self.open_other_archive)
        self.tabs.closeRequested.connect(self.close_tab)
        self.tabs.currentTabChanged.connect(self._update_current)
        self.renderer.rendered.connect(self._show_rendered)
        self.saver.saved.connect(self._saved)
        self.saver.merged.connect(self._merged)
        self.history_action.toggled.connect(self.show_history)
        self.history_dock.visibilityChanged.connect(self._history_visibility)
        self.history.restoreRequested.connect(self.restore_revision)
        self.delete_action.triggered.connect(self.delete_current)
        self.trash_action.triggered.connect(lambda: self.browser.show_trash(True))
        self.browser.deleteRequested.connect(self.delete_article)
        self.browser.restoreRequested.connect(self.restore_from_trash)
        self.locks.holderChanged.connect(self._lock_holder)
        self.poller.changed.connect(self._archive_changed)
        self._versions.done.connect(self._versions_read)
        self.focus_watcher.focusLost.connect(self.autosaver.autosave_all)
        self.autosaver.autosaved.connect(self._autosaved)
        self.autosaver.failed.connect(self._autosave_failed)
        self._recoveries.done.connect(self._offer_recoveries)
        self._summary.done.connect(self._show_summary)
        self.spell.noticeChanged.connect(self._spell_notice)
        self.spell.messageReady.connect(lambda text: self.statusBar().showMessage(text, 10_000))

    def _wire_tab(self, tab: EditorTab) -> None:
        """The signals of one tab (each tab is wired once, when it opens)."""
        tab.settled.connect(lambda t=tab: self._tab_settled(t))
        tab.settled.connect(lambda t=tab: self.autosaver.edited(t))
        tab.saveStateChanged.connect(lambda state, t=tab: self._tab_state(t, state))
        tab.titleChanged.connect(lambda _title: self._history_follow())
        tab.editor.imagePasted.connect(lambda data, name, t=tab: self._insert_image(t, data, name))
        tab.editor.imageFilesDropped.connect(lambda paths, t=tab: self._insert_files(t, paths))

    # ------------------------------------------------------------------------- start-up

    def _load_choices(self) -> None:
        self._zones = catalog.zones(self._archive)
        self._cities = {z.name: z.city for z in self._zones}
        self._sources = catalog.source_names(self._archive)
        self.browser.set_zones(self._zones)

    def _categories_loaded(self, roots: list[CategoryNode]) -> None:
        self._categories = roots
        for tab in self.tabs.tabs():
            tab.form.category_picker.set_categories(self._categories)

    def refresh_summary(self) -> None:
        articles = self._articles
        self._summary.submit(articles.count)

    def _show_summary(self, _token: int, count: object) -> None:
        assert isinstance(count, int)
        self.summary_label.setText(self.tr("%n article(s) in the archive", "", count))
        self.welcome.set_article_count(count)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            # normally the first paint (below) comes first; this is for platforms without one
            QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, self._after_first_show)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.UpdateRequest and self._shown_once and not self._painted:
            QTimer.singleShot(0, self._after_first_show)  # the window has just been painted
        return handled

    def _after_first_show(self) -> None:
        if self._painted:
            return
        self._painted = True
        self.firstShown.emit()
        self._create_preview()
        self.spell.start()  # Enchant loads on the thread pool, after the first paint
        self.look_for_recoveries()

    def _create_preview(self) -> None:
        """The web view costs a few hundred milliseconds: it is built after the first paint."""
        if self.preview is not None or self._closed:
            return
        # the export's templates (Jinja2) load here, after the first paint
        from editor.export.preview import theme_assets  # noqa: PLC0415 - see above

        self.preview = PreviewPane(self._archive, theme_assets(), self.preview_holder)
        layout = self.preview_holder.layout()
        assert layout is not None
        layout.addWidget(self.preview)
        self.preview.externalLinkRequested.connect(Desktop.open_url)
        self._warm_up.submit(self.painter.warm_up)
        if self._pending_preview is not None:
            self._show_rendered(*self._pending_preview)
        elif self.tabs.current() is None:
            self.preview.show_message(self.tr("The preview shows the article being edited."))

    def _restore_state(self) -> None:
        state = self.window_state
        geometry = state.geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        if state.state is not None:
            self.restoreState(state.state)
        for splitter in (self.splitter, self.browser.splitter):
            saved = state.splitter(splitter.objectName())
            if saved is not None:
                splitter.restoreState(saved)

    def _restore_tabs(self) -> None:
        ids, current = self.window_state.open_tabs(self._archive.location)
        for article_id in ids:
            try:
                self.open_article(article_id)
            except ZoneDeskError as exc:
                log.info("article %s of the last session is gone: %s", article_id, exc)
        if 0 <= current < self.tabs.count():
            self.tabs.setCurrentIndex(current)

    def _save_state(self) -> None:
        state = self.window_state
        state.geometry = self.saveGeometry()
        state.state = self.saveState()
        for splitter in (self.splitter, self.browser.splitter):
            state.set_splitter(splitter.objectName(), splitter.saveState())
        current = self.tabs.current()
        if current is not None:
            state.set_splitter("tabSplitter", current.splitter.saveState())
        saved = [t for t in self.tabs.tabs() if t.article_id is not None]
        ids = [t.article_id for t in saved if t.article_id is not None]
        index = saved.index(current) if current in saved else 0
        state.set_open_tabs(self._archive.location, ids, index)
        state.sync()

    # ------------------------------------------------------------------------- articles

    def current_tab(self) -> EditorTab | None:
        return self.tabs.current()

    def current_editor(self) -> MarkdownEdit | None:
        tab = self.tabs.current()
        return tab.editor if tab is not None else None

    def _current_underliner(self) -> SpellUnderliner | None:
        tab = self.tabs.current()
        return tab.underliner if tab is not None else None

    def _with_tab(self, call: object) -> None:
        tab = self.tabs.current()
        if tab is not None and callable(call):
            call(tab)

    def _with_editor(self, call: object) -> None:
        editor = self.current_editor()
        if editor is not None and callable(call):
            call(editor)

    def _new_tab(self) -> EditorTab:
        tab = EditorTab(lambda slug: catalog.slug_owner(self._archive, slug), self.tabs)
        tab.form.set_choices(self._zones, self._sources, self._categories)
        tab.underliner = SpellUnderliner(tab.editor, self.spell)
        tab.underliner.problemOccurred.connect(
            lambda message: Ask.error(self, self.tr("The word was not added"), message)
        )
        saved = self.window_state.splitter("tabSplitter")
        if saved is not None:
            tab.restore_splitter(saved)
        self._wire_tab(tab)
        self._add_banners(tab)
        self.autosaver.watch(tab)
        return tab

    def new_article(self) -> EditorTab:
        """A new article: now as its time, the last-used source, zone and category."""
        state = self.window_state
        defaults = FormDefaults(
            published_at=dt.datetime.now(DEFAULT_TZ).replace(second=0, microsecond=0),
            source=state.last_source,
            zone=state.last_zone,
            category=state.last_category,
        )
        tab = self._new_tab()
        tab.load(None, defaults)
        self.tabs.add(tab)
        tab.form.title_edit.setFocus()
        return tab

    def open_article(self, article_id: int) -> EditorTab:
        """Show the article in its tab, opening one when needed."""
        tab = self.tabs.tab_of(article_id)
        if tab is None:
            record = self._articles.get(article_id)
            tab = self._new_tab()
            tab.load(record)
            self.tabs.add(tab)
            self.locks.open(article_id)
        self.tabs.setCurrentWidget(tab)
        return tab

    def save_current(self) -> bool:
        tab = self.tabs.current()
        return self.save_tab(tab) if tab is not None else False

    def save_tab(self, tab: EditorTab) -> bool:
        if not self.saver.save(tab):
            return False
        data = tab.article_input()
        state = self.window_state
        state.last_source = data.source or ""
        state.last_zone = data.zone or ""
        state.last_category = data.category
        return True

    def _saved(self, record: object, created: bool) -> None:
        assert isinstance(record, ArticleRecord)
        self.browser.show_saved(
            catalog.ArticleRow(
                record.id,
                record.title,
                record.zone,
                record.source,
                record.published_at,
                record.status,
            ),
            created,
        )
        if record.source and record.source not in self._sources:
            self._sources.append(record.source)
            for tab in self.tabs.tabs():
                tab.form.add_source(record.source)
        self.painter.neighbours.clear()
        if created:
            self.refresh_summary()
            self.locks.open(record.id)
        for tab in self.tabs.tabs():
            if tab.article_id == record.id and tab.key in self._banners:
                self._banners[tab.key][1].hide()  # what it shows is the newest version now
                self.autosaver.saved(tab)
        if self.history_dock.isVisible() and self.history.article_id == record.id:
            self.history.reload()
        current = self.tabs.current()
        if current is not None and current.article_id == record.id:
            current.settle_now()

    def _merged(self, tab: object, merge: object) -> None:
        """The writer merged a newer version into ``tab`` (not saved): say what is left to do."""
        assert isinstance(tab, EditorTab)
        assert isinstance(merge, ArticleMerge)
        if tab.key not in self._banners:
            return
        version = tab.version
        if merge.conflicts:
            text = self.tr(
                "Merged with version {version} saved elsewhere. %n passage(s) of the body hold "
                "both versions between “<<<<<<<” and “>>>>>>>” lines: keep what is right, "
                "delete the marker lines, then save.",
                "",
                merge.conflicts,
            ).format(version=version)
        else:
            text = self.tr(
                "Merged with version {version} saved elsewhere: check the result, then save."
            ).format(version=version)
        if merge.field_conflicts:
            theirs = self.tr("; ").join(
                self.tr("{field}: “{value}”").format(
                    field=field_label(c.name), value=field_text(c.name, c.right)
                )
                for c in merge.field_conflicts
            )
            text += "\n" + self.tr(
                "Changed on both sides, yours kept; saved elsewhere: {fields}."
            ).format(fields=theirs)
        self._banners[tab.key][1].show_message(text)
        self.tabs.setCurrentWidget(tab)
        tab.editor.setFocus()

    def close_current(self) -> bool:
        tab = self.tabs.current()
        return self.close_tab(tab) if tab is not None else False

    def close_tab(self, tab: object) -> bool:
        """Close ``tab``, asking first when it holds unsaved changes; True when it closed."""
        if not isinstance(tab, EditorTab):
            return False
        if tab.dirty:
            choice = Ask.unsaved_changes(self, tab.title() or self.tr("Untitled"))
            if choice is Choice.CANCEL:
                return False
            if choice is Choice.SAVE and not self.save_tab(tab):
                return False
        if self.preview is not None:
            self.preview.forget(tab.key)
        if tab.article_id is not None:
            self.locks.close(tab.article_id)
        self._banners.pop(tab.key, None)
        self.autosaver.forget(tab, discard=tab.dirty)  # still dirty: the writer discarded
        self.tabs.remove(tab)
        return True

    # ------------------------------------------------------------------------- the current tab

    def _update_current(self, tab: object) -> None:
        has_tab = isinstance(tab, EditorTab)
        self.middle.setCurrentWidget(self.tabs if has_tab else self.welcome)
        for made in (
            self.save_action,
            self.close_tab_action,
            self.undo_action,
            self.redo_action,
            self.find_action,
            self.replace_action,
        ):
            made.setEnabled(has_tab)
        self.format_actions.set_enabled(has_tab)
        self._history_follow()
        if isinstance(tab, EditorTab):
            self.editor_status.show_state(tab.save_state, self.autosaver.saved_at(tab))
            tab.settle_now()
        else:
            self.editor_status.clear()
            self.renderer.cancel()
            self._pending_preview = None
            if self.preview is not None:
                self.preview.show_message(self.tr("The preview shows the article being edited."))

    def _tab_settled(self, tab: EditorTab) -> None:
        if tab is not self.tabs.current():
            return
        self.renderer.request(tab.key, tab.snapshot())
        self.editor_status.count(tab.body())

    def _tab_state(self, tab: EditorTab, state: object) -> None:
        if tab is self.tabs.current() and isinstance(state, SaveState):
            self.editor_status.show_state(state, self.autosaver.saved_at(tab))

    def _show_rendered(self, request: int, key: object, html: str) -> None:
        if self._closed:
            return
        current = self.tabs.current()
        if current is None or current.key != key:
            return
        if self.preview is None:
            self._pending_preview = (request, key, html)
            return
        self._pending_preview = None
        self.preview.show_page(request, key, html)

    # ------------------------------------------------------------------------- history, trash

    def show_history(self, on: bool = True) -> None:
        self.history_dock.setVisible(on)
        if on:
            self._history_follow()

    def _history_visibility(self, visible: bool) -> None:
        self.history_action.setChecked(visible)
        if visible:
            self._history_follow()

    def _history_follow(self) -> None:
        """The History panel shows the current tab's article (while it is shown)."""
        if not self.history_dock.isVisible():
            return
        tab = self.tabs.current()
        article_id = tab.article_id if tab is not None else None
        if article_id != self.history.article_id or article_id is None:
            self.history.show_article(article_id, tab.title() if tab is not None else "")
        elif tab is not None:
            self.history.set_title(tab.title())  # the title as the writer edits it

    def restore_revision(self, article_id: int, number: int) -> bool:
        """Save an earlier revision as the article's newest version (a new revision); a newer
        version saved meanwhile is a conflict the writer resolves."""
        tab = self.tabs.tab_of(article_id)
        if not Confirm.restore_revision(self, number, tab is not None and tab.dirty):
            return False
        if tab is None:
            tab = self.open_article(article_id)
        if not self.saver.restore(tab, self._history, number):
            return False
        self.statusBar().showMessage(
            self.tr("Revision {number} restored as the newest version.").format(number=number),
            8000,
        )
        return True

    def delete_current(self) -> bool:
        tab = self.tabs.current()
        if tab is None or tab.article_id is None:
            return False
        return self.delete_article(tab.article_id)

    def delete_article(self, article_id: int) -> bool:
        """Move an article to the trash, after asking; its tab closes first."""
        tab = self.tabs.tab_of(article_id)
        try:
            title = tab.title() if tab is not None else self._articles.get(article_id).title
            if not Confirm.delete_article(self, title or self.tr("Untitled")):
                return False
            if tab is not None and not self.close_tab(tab):
                return False
            self._articles.delete(article_id)
        except ZoneDeskError as exc:
            Ask.error(self, self.tr("The article was not moved to the trash"), str(exc))
            return False
        self.statusBar().showMessage(
            self.tr("“{title}” is in the trash now.").format(title=title), 8000
        )
        self._archive_changed()
        return True

    def restore_from_trash(self, article_id: int) -> bool:
        try:
            record = self._articles.restore(article_id)
        except ZoneDeskError as exc:
            Ask.error(self, self.tr("The article was not restored"), str(exc))
            return False
        self.statusBar().showMessage(
            self.tr("“{title}” is back in the archive.").format(title=record.title), 8000
        )
        self._archive_changed()
        return True

    # ------------------------------------------------------------------------- autosave

    def _autosaved(self, tab: object, when: object) -> None:
        assert isinstance(tab, EditorTab)
        if tab is self.tabs.current():
            self.editor_status.show_state(tab.save_state, self.autosaver.saved_at(tab))
        if self.history_dock.isVisible() and self.history.article_id == tab.article_id:
            self.history.reload()  # its AUTOSAVE revision

    def _autosave_failed(self, tab: object, error: object) -> None:
        assert isinstance(tab, EditorTab)
        self.statusBar().showMessage(
            self.tr("Autosave of “{title}” failed: {error}").format(
                title=tab.title() or self.tr("Untitled"), error=error
            ),
            15000,
        )

    def look_for_recoveries(self) -> None:
        """Texts an earlier session autosaved but never saved (it crashed): offer them."""
        store, service = self._autosaves, self._articles
        self._recoveries.submit(lambda: _recovery_items(store, service))

    def _offer_recoveries(self, _token: int, items: object) -> None:
        assert isinstance(items, list)
        found = [i for i in items if isinstance(i, RecoveryItem)]
        if not found or self._closed:
            return
        choices = RecoveryDialog.review(self, found)
        for item in found:
            choice = choices.get(item.recovery.key, RecoveryChoice.LATER)
            if choice is RecoveryChoice.RESTORE:
                self.restore_recovery(item)
            elif choice is RecoveryChoice.DISCARD:
                self._recoveries.submit(partial(self._autosaves.discard, item.recovery.key))

    def restore_recovery(self, item: RecoveryItem) -> EditorTab:
        """Open a recovered text as unsaved changes of its article (or of a new one)."""
        recovery = item.recovery
        article_id = recovery.article_id if item.stored is not None else None
        tab = self.tabs.tab_of(article_id) if article_id is not None else None
        if tab is None:
            tab = self._new_tab()
            tab.load(None)
            self.tabs.add(tab)
            if article_id is not None:
                self.locks.open(article_id)
        show_recovered(tab, recovery, item.stored)
        self.autosaver.watch(tab, recovery.key)
        self.autosaver.edited(tab)
        self.tabs.setCurrentWidget(tab)
        return tab

    # ------------------------------------------------------------------------- others' work

    def _add_banners(self, tab: EditorTab) -> None:
        lock, changed = LockBanner(tab), ChangedBanner(tab)
        tab.add_banner(lock)
        tab.add_banner(changed)
        changed.action_button.clicked.connect(lambda _=False, t=tab: self.reload_tab(t))
        self._banners[tab.key] = (lock, changed)

    def banners(self, tab: EditorTab) -> tuple[LockBanner, ChangedBanner]:
        return self._banners[tab.key]

    def _lock_holder(self, article_id: int, holder: object) -> None:
        tab = self.tabs.tab_of(article_id)
        if tab is not None and tab.key in self._banners:
            assert holder is None or isinstance(holder, LockHolder)
            self._banners[tab.key][0].show_holder(holder)

    def _archive_changed(self) -> None:
        """Others (or we) changed articles: the browser reads its rows again in place, and the
        open tabs learn whether their article moved on."""
        self.browser.refresh_rows()
        self.refresh_summary()
        ids = [t.article_id for t in self.tabs.tabs() if t.article_id is not None]
        if ids:
            archive = self._archive
            self._versions.submit(lambda: versions(archive, ids))
        if self.history_dock.isVisible() and self.history.article_id is not None:
            self.history.reload()

    def _versions_read(self, _token: int, stored: object) -> None:
        """Where the open tabs' articles stand now (``versions``): say which moved on."""
        assert isinstance(stored, dict)
        for tab in self.tabs.tabs():
            now = stored.get(tab.article_id)
            if not isinstance(now, StoredVersion) or tab.key not in self._banners:
                continue
            banner = self._banners[tab.key][1]
            if now.deleted and (tab.record is None or not tab.record.deleted_at):
                banner.show_message(self.tr("This article was moved to the trash elsewhere."))
            elif tab.version is not None and now.version > tab.version:
                when = now.updated_at.astimezone(DEFAULT_TZ).strftime("%H:%M")
                banner.version = now.version
                banner.show_message(
                    self.tr(
                        "A newer version was saved elsewhere at {when}. Saving shows both "
                        "versions; nothing is overwritten."
                    ).format(when=when),
                    self.tr("Load the newest version"),
                )

    def reload_tab(self, tab: EditorTab) -> bool:
        """Show the newest saved version (asking first when the tab holds unsaved changes)."""
        if tab.article_id is None:
            return False
        if tab.dirty and not Confirm.reload_article(self, tab.title() or self.tr("Untitled")):
            return False
        try:
            self.saver.reload(tab)
        except ZoneDeskError as exc:
            Ask.error(self, self.tr("The article was not loaded"), str(exc))
            return False
        self._banners[tab.key][1].hide()
        tab.settle_now()
        return True

    # ------------------------------------------------------------------------- images

    def insert_image_files(self) -> None:
        tab = self.tabs.current()
        if tab is None:
            return
        files = FileChooser.image_files(self)
        if files:
            self._insert_files(tab, files)

    def _insert_files(self, tab: EditorTab, paths: object) -> None:
        assert isinstance(paths, list)
        for path in paths:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                Ask.error(self, self.tr("The image was not inserted"), f"{path}: {exc.strerror}")
                continue
            if not self._insert_image(tab, data, Path(path).name):
                break

    def _insert_image(self, tab: EditorTab, data: bytes, name: str) -> bool:
        """Store an image in the archive and put its reference at the cursor."""
        try:
            stored = catalog.store_image(self._archive, data, name)
        except (AssetError, ZoneDeskError) as exc:
            Ask.error(self, self.tr("The image was not inserted"), str(exc))
            return False
        insert_image_reference(tab.editor, stored.reference, Path(name).stem if name else "")
        return True

    # ------------------------------------------------------------------------- dialogs

    def show_import(self) -> ImportDialog:
        dialog = ImportDialog.open_for(self, self._articles)
        dialog.imported.connect(self._imported)
        return dialog

    def show_import_pages(self) -> ImportDialog:
        dialog = ImportDialog.open_for(self, self._articles, pages=True)
        dialog.imported.connect(self._imported)
        return dialog

    def _imported(self, _report: object) -> None:
        self._load_choices()
        for tab in self.tabs.tabs():
            tab.form.set_choices(self._zones, self._sources, self._categories)
        self.painter.neighbours.clear()
        self.browser.refresh()
        self.refresh_summary()

    def show_export(self) -> ExportDialog:
        tab = self.current_tab()
        current = CurrentArticle(tab.article_id, tab.title()) if tab is not None else None
        return ExportDialog.open_for(
            self,
            archive_address(self._archive),
            self.window_state,
            current=current,
            open_article=self.open_article,
        )

    def show_site_settings(self) -> None:
        if SiteDialog.edit(self, self._archive):
            self.painter.site = site_settings(self._archive)
            tab = self.tabs.current()
            if tab is not None:
                tab.settle_now()

    def show_preferences(self) -> None:
        if PreferencesDialog.edit(self, self.preferences):
            self.spell.configure(
                enabled=self.preferences.spell_enabled,
                disabled_rules=self.preferences.disabled_rules,
            )

    def _spell_notice(self, notice: str) -> None:
        """Spelling cannot be checked (no Enchant, no dictionary): say so once, keep a mark."""
        self.spell_label.setVisible(bool(notice))
        self.spell_label.setText(self.tr("Spelling not checked") if notice else "")
        self.spell_label.setToolTip(notice)
        if notice:
            self.statusBar().showMessage(notice, 15000)

    def open_other_archive(self) -> None:
        location = FileChooser.archive_file(self)
        if location:
            Desktop.open_archive(location)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About ZoneDesk"),
            self.tr(
                "{title}\n\nA newsroom editor for development-zone news: write in Markdown, "
                "preview the portal page, keep every article in a searchable archive."
            ).format(title=APP_TITLE),
        )

    # ------------------------------------------------------------------------- closing

    def closeEvent(self, event: QCloseEvent) -> None:
        dirty = self.tabs.dirty_tabs()
        if dirty:
            choice = Ask.unsaved_on_quit(self, [t.title() or self.tr("Untitled") for t in dirty])
            if choice is Choice.CANCEL:
                event.ignore()
                return
            if choice is Choice.SAVE:
                for tab in dirty:
                    if not self.save_tab(tab):
                        self.tabs.setCurrentWidget(tab)
                        event.ignore()
                        return
            elif choice is Choice.DISCARD:
                for tab in dirty:
                    self.autosaver.forget(tab, discard=True)
        self._save_state()
        self._closed = True
        self.poller.stop()
        self.locks.release_all()
        self.autosaver.release()
        self.renderer.cancel()
        QThreadPool.globalInstance().waitForDone()
        if self.preview is not None:
            self.preview.dispose()
            self.preview = None
        super().closeEvent(event)
