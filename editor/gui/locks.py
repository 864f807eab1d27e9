"""Working beside others on one archive: soft locks kept alive by a heartbeat, the archive's change
token polled, and the banners an editor tab shows about them.

``LockKeeper`` takes the lock of each article a tab opens, refreshes them every
``HEARTBEAT_SECONDS`` and gives them back when the tab (or the window) closes; it says
``holderChanged(article_id, holder)`` with the other window holding an article (None: nobody
else, or we hold it). ``ArchivePoller`` reads the archive's change token every ``POLL_SECONDS`` and
says ``changed()`` when others changed articles. All database work runs on the thread pool; the
rules (who holds what, when a lock is stale) are ``editor.archive.locks``'s.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRectF,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from editor.archive.changes import POLL_SECONDS, change_token
from editor.archive.database import Archive
from editor.archive.locks import HEARTBEAT_SECONDS, LockHolder, LockResult, SoftLocks
from editor.domain.model import DEFAULT_TZ
from editor.gui.icons import icon
from editor.gui.theme import is_dark
from editor.gui.workers import TaskRunner

log = logging.getLogger("zonedesk.gui")

# How often the window refreshes its soft locks, and reads the archive's change token.
HEARTBEAT_MS = int(HEARTBEAT_SECONDS * 1000)
POLL_MS = int(POLL_SECONDS * 1000)


class LockKeeper(QObject):
    """The soft locks of one window."""

    holderChanged = Signal(int, object)  # article id, LockHolder | None

    def __init__(
        self,
        locks: SoftLocks,
        parent: QObject | None = None,
        *,
        heartbeat_ms: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.locks = locks
        # the articles open in this window, with who else holds each (None: nobody else)
        self.holders: dict[int, LockHolder | None] = {}
        self._runner = TaskRunner(self)
        self._runner.done.connect(self._arrived)
        self._runner.failed.connect(self._failed)
        self._beat = QTimer(self)
        self._beat.setInterval(HEARTBEAT_MS if heartbeat_ms is None else heartbeat_ms)
        self._beat.timeout.connect(self.heartbeat)
        self._beat.start()

    def open(self, article_id: int) -> None:
        """An article was opened: take its lock (or learn who holds it)."""
        self.holders.setdefault(article_id, None)
        if self.locks.archive.readonly:
            return  # a read-only archive takes no locks
        locks = self.locks
        self._runner.submit(lambda: {article_id: locks.acquire(article_id)})

    def close(self, article_id: int) -> None:
        """Its tab closed: give the lock back (a no-op in the archive when another holds it)."""
        if article_id not in self.holders:
            return
        del self.holders[article_id]
        if self.locks.archive.readonly:
            return
        locks = self.locks

        def release() -> dict[int, LockResult]:
            locks.release(article_id)
            return {}

        self._runner.submit(release)

    def heartbeat(self) -> None:
        """Keep our locks alive; try again for articles others held (they may have let go)."""
        if not self.holders or self._runner.busy or self.locks.archive.readonly:
            return
        locks, wanted = self.locks, list(self.holders)

        def beat() -> dict[int, LockResult]:
            held = locks.heartbeat()
            return {aid: LockResult(True) if aid in held else locks.acquire(aid) for aid in wanted}

        self._runner.submit(beat)

    def release_all(self) -> None:
        """The window closes: give every lock back now (a short write; errors are only logged)."""
        self._beat.stop()
        self.holders.clear()
        if self.locks.archive.readonly:
            return
        try:
            self.locks.release_all()
        except Exception as exc:  # the archive is gone: the locks expire by themselves
            log.warning("could not release the soft locks: %s", exc)

    def _arrived(self, _token: int, results: object) -> None:
        assert isinstance(results, dict)
        for article_id, result in results.items():
            if article_id not in self.holders or not isinstance(result, LockResult):
                continue
            holder = None if result.acquired else result.holder
            if holder != self.holders[article_id]:
                self.holders[article_id] = holder
                self.holderChanged.emit(article_id, holder)

    def _failed(self, _token: int, error: object) -> None:
        log.warning("soft lock: %s", error)


class ArchivePoller(QObject):
    """``changed()`` when the archive's articles changed since the last look."""

    changed = Signal()

    def __init__(
        self,
        archive: Archive,
        parent: QObject | None = None,
        *,
        interval_ms: int | None = None,
        token: Callable[[Archive], int] = change_token,
    ) -> None:
        super().__init__(parent)
        self._archive = archive
        self._read = token
        self.token: int | None = None
        # its own thread: on a busy pool (renders, spell checks of several windows) a poll would
        # wait behind them, and others' changes would show late
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._runner = TaskRunner(self, latest_only=True, pool=self.pool)
        self._runner.done.connect(self._arrived)
        self._runner.failed.connect(lambda _t, error: log.info("change poll: %s", error))
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS if interval_ms is None else interval_ms)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.poll()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self._runner.forget()
        self.pool.waitForDone()

    def poll(self) -> None:
        if self._runner.busy:
            return  # a slow server: one question at a time
        archive, read = self._archive, self._read
        self._runner.submit(lambda: read(archive))

    def _arrived(self, _token: int, value: object) -> None:
        assert isinstance(value, int)
        before, self.token = self.token, value
        if before is not None and value != before:
            self.changed.emit()


# ------------------------------------------------------------------------------- banners


def banner_colours(palette: QPalette, tone: str) -> tuple[QColor, QColor, QColor]:
    """(background, border, text) of a banner: ``warning`` (amber) or ``info`` (blue)."""
    dark = is_dark(palette)
    if tone == "warning":
        if dark:
            return QColor(0x43, 0x3A, 0x22), QColor(0x8A, 0x70, 0x30), QColor(0xF2, 0xD9, 0x9A)
        return QColor(0xFF, 0xF4, 0xCE), QColor(0xE0, 0xB9, 0x4F), QColor(0x5C, 0x45, 0x00)
    if dark:
        return QColor(0x1F, 0x33, 0x4A), QColor(0x3D, 0x6A, 0x9E), QColor(0xC9, 0xE0, 0xFF)
    return QColor(0xE5, 0xF1, 0xFF), QColor(0x8A, 0xB6, 0xE8), QColor(0x0B, 0x3C, 0x73)


class Banner(QFrame):
    """A strip above an editor tab's form: an icon, a message, maybe a button, a close button."""

    def __init__(self, tone: str, icon_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tone = tone
        self.setObjectName(f"{tone}Banner")
        self.icon_label = QLabel(self)
        self.icon_label.setFixedSize(20, 20)
        self._icon_name = icon_name
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        # a long unbreakable word (an address) must not widen the window: the label takes the
        # width it is given, the whole message is its tooltip
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.action_button = QPushButton(self)
        self.action_button.hide()
        self.close_button = QToolButton(self)
        self.close_button.setIcon(icon("close"))
        self.close_button.setAutoRaise(True)
        # not self.tr: the subclasses' names would be the context at run time
        self.close_button.setToolTip(QCoreApplication.translate("Banner", "Hide"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.setSpacing(8)
        layout.addWidget(self.icon_label)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self.close_button.clicked.connect(self.hide)
        self._style()
        self.hide()

    def show_message(self, text: str, action: str = "") -> None:
        self.label.setText(text)
        self.label.setToolTip(text)
        self.action_button.setText(action)
        self.action_button.setVisible(bool(action))
        self.show()

    def message(self) -> str:
        """The message shown (empty while the banner is hidden)."""
        return "" if self.isHidden() else self.label.text()

    def _style(self) -> None:
        """The text and icon in the colours of the application's palette (light or dark); the
        background is painted with them (a style sheet would stop palette changes reaching us)."""
        _background, _border, text = banner_colours(QGuiApplication.palette(), self.tone)
        for label in (self.label, self.icon_label):
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, text)
            label.setPalette(palette)
        self.icon_label.setPixmap(icon(self._icon_name, text).pixmap(18, 18))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        background, border, _text = banner_colours(QGuiApplication.palette(), self.tone)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(border)
        painter.setBrush(background)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._style()


class LockBanner(Banner):
    """ "王记者 on newsroom-3 is editing this article since 10:31"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("warning", "lock", parent)
        self.setObjectName("lockBanner")
        self._style()
        self.holder: LockHolder | None = None

    def show_holder(self, holder: LockHolder | None) -> None:
        self.holder = holder
        if holder is None:
            self.hide()
            return
        since = holder.acquired_at.astimezone(DEFAULT_TZ).strftime("%H:%M")
        self.show_message(
            self.tr(
                "{user} on {host} is editing this article since {since}. You can still edit it; "
                "a save over theirs shows both versions."
            ).format(user=holder.user, host=holder.host, since=since)
        )
        self.setToolTip(holder.describe())


class ChangedBanner(Banner):
    """The article was saved elsewhere after this tab read it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("info", "history", parent)
        self.setObjectName("changedBanner")
        self._style()
        self.version: int | None = None
