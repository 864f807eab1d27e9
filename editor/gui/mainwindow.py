"""The main window. For now a shell: menus, the open archive's name and size, its location.

The editor, the preview and the archive browser move in here as they land.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from editor.archive.articles import ArticleService
from editor.archive.database import Archive

# The product's name: never translated.
APP_TITLE = "ZoneDesk 开发区新闻编辑台"
GEOMETRY_KEY = "mainwindow/geometry"
STATE_KEY = "mainwindow/state"


def archive_name(archive: Archive) -> str:
    """A short name for the title bar: the file name, or ``database@host`` for a server."""
    if archive.path is not None:
        return archive.path.name
    url = archive.url
    return f"{url.database}@{url.host}" if url.host else str(url.database)


class MainWindow(QMainWindow):
    def __init__(self, archive: Archive, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._archive = archive
        self._articles = ArticleService(archive)
        self.setObjectName("MainWindow")
        self.setWindowTitle(f"{APP_TITLE} — {archive_name(archive)}")

        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.about_action = QAction(self.tr("&About ZoneDesk"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

        self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.file_menu.addAction(self.quit_action)
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.about_action)

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("archiveSummary")
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary_label.setWordWrap(True)
        self.summary_label.setMargin(24)
        self.setCentralWidget(self.summary_label)

        self.location_label = QLabel(
            self.tr("Archive: {location}").format(location=archive.location), self
        )
        self.location_label.setObjectName("archiveLocation")
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.location_label, 1)

        self.quit_action.triggered.connect(self.close)
        self.about_action.triggered.connect(self.show_about)

        self.refresh_summary()
        self._restore_geometry()

    @property
    def archive(self) -> Archive:
        return self._archive

    def refresh_summary(self) -> None:
        count = self._articles.count()
        lines = [
            self.tr("The archive is open. It holds %n article(s).", "", count),
            self.tr("The editor is on its way."),
        ]
        self.summary_label.setText("\n\n".join(lines))

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About ZoneDesk"),
            self.tr(
                "{title}\n\nA newsroom editor for development-zone news: write in Markdown, "
                "preview the portal page, keep every article in a searchable archive."
            ).format(title=APP_TITLE),
        )

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)
        state = settings.value(STATE_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        super().closeEvent(event)
