"""No text pushes a window off its screen.

``ElidedLabel`` is a one-line label for text the user wrote (article titles, names, archive
addresses): it shows as much as fits and "…" for the rest, says the whole text in its tooltip,
and asks its layout for the width of a few characters at least, never for the text's width. A
plain ``QLabel`` asks for its whole text: a 200-character title in the History panel made the main
window 3,000 px wide.

``KeepOnScreen`` is the guard behind it: a window it watches never becomes larger than the
available area of its screen, whatever its contents ask for.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

#: the width an eliding label asks for at most (in average characters), however long its text
PREFERRED_CHARS = 60


class ElidedLabel(QLabel):
    """One line of plain text, elided (``Qt.ElideRight`` or ``Qt.ElideMiddle`` …) to the width
    it is given; ``text()`` is the whole text, ``shown_text()`` what fits."""

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self._tip = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        # it may shrink to its minimumSizeHint (a few characters) and grow as wide as it is let
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setText(text)

    # -- the text ---------------------------------------------------------------------------

    def setText(self, text: str) -> None:
        # one line: a title pasted with a line break in it still shows on one
        self._full = " ".join(text.splitlines()) if "\n" in text or "\r" in text else text
        self._elide()
        self.updateGeometry()

    def text(self) -> str:
        return self._full

    def clear(self) -> None:
        self.setText("")

    def shown_text(self) -> str:
        """The text as shown: elided with "…" when it does not fit."""
        return super().text()

    def elided(self) -> bool:
        return self.shown_text() != self._full

    def setToolTip(self, tip: str) -> None:
        """A tooltip of its own; while the text is cut the tooltip is the whole text."""
        self._tip = tip
        self._elide()

    def set_elide_mode(self, mode: Qt.TextElideMode) -> None:
        self._mode = mode
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width() - 2 * self.margin() - max(0, self.indent())
        shown = self.fontMetrics().elidedText(self._full, self._mode, max(0, width))
        if shown != super().text():
            super().setText(shown)
        tip = self._full if shown != self._full else self._tip
        if tip != super().toolTip():
            super().setToolTip(tip)

    # -- sizes ------------------------------------------------------------------------------

    def _extra(self) -> QSize:
        margins = self.contentsMargins()
        frame = 2 * self.margin()
        return QSize(
            margins.left() + margins.right() + frame, margins.top() + margins.bottom() + frame
        )

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        extra = self._extra()
        return QSize(
            metrics.horizontalAdvance("…") + extra.width(), metrics.height() + extra.height()
        )

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        extra = self._extra()
        wanted = min(
            metrics.horizontalAdvance(self._full), metrics.averageCharWidth() * PREFERRED_CHARS
        )
        return QSize(
            max(wanted, metrics.horizontalAdvance("…")) + extra.width(),
            metrics.height() + extra.height(),
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ContentsRectChange):
            self._elide()


class KeepOnScreen(QObject):
    """Keeps ``window`` inside the available area of its screen (taskbars and panels left out):
    its minimum size never exceeds that area, so no layout can push it past the screen's edge,
    and a window made larger (restored from a bigger screen, resized by code) is shrunk back.
    Where the window is on the screen stays the writer's choice."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit)
        self._watching_screen = False
        window.installEventFilter(self)
        self.bound_minimum()

    def limit(self) -> QSize:
        """The largest size of the window itself (its frame fits the screen's available area)."""
        window = self.window
        screen = window.screen()
        available = screen.availableGeometry().size()
        frame, inner = window.frameGeometry(), window.geometry()
        return QSize(
            max(1, available.width() - (frame.width() - inner.width())),
            max(1, available.height() - (frame.height() - inner.height())),
        )

    def bound_minimum(self) -> None:
        """The layout's minimum, but never more than the screen: set explicitly (a layout then
        no longer raises the window's minimum to what its contents ask)."""
        layout = self.window.layout()
        if layout is None:
            return
        wanted = layout.totalMinimumSize().boundedTo(self.limit())
        if wanted != self.window.minimumSize():
            self.window.setMinimumSize(wanted)

    def fit(self) -> None:
        window = self.window
        if window.isMaximized() or window.isFullScreen():
            return  # the window system sizes it to the screen
        self.bound_minimum()
        limit = self.limit()
        if window.width() > limit.width() or window.height() > limit.height():
            window.resize(window.size().boundedTo(limit))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            kind = event.type()
            if kind == QEvent.Type.LayoutRequest:
                self.bound_minimum()  # before the layout sets the window's size from it
            elif kind in (QEvent.Type.Resize, QEvent.Type.Show):
                if kind == QEvent.Type.Show and not self._watching_screen:
                    handle = self.window.windowHandle()
                    if handle is not None:
                        handle.screenChanged.connect(lambda _screen: self._fit_timer.start())
                        self._watching_screen = True
                self._fit_timer.start()
        return super().eventFilter(watched, event)
