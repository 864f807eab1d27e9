"""ZoneDesk's own SVG icons (resources/icons), painted in the palette's text colour.

The platform's icon theme differs from desktop to desktop (and is missing on Windows and macOS);
these look the same everywhere. Each icon is a 24×24 SVG whose strokes use ``currentColor``; an
icon engine paints it on demand, at the size and device pixel ratio asked for, in the palette's
text colour (greyed when disabled), so light and dark palettes both get a legible icon and
start-up renders nothing it does not show.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

ICONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"


@cache
def _svg(name: str) -> str:
    return (ICONS_DIR / f"{name}.svg").read_text(encoding="utf-8")


@cache
def _renderer(name: str, colour: str) -> QSvgRenderer:
    return QSvgRenderer(QByteArray(_svg(name).replace("currentColor", colour).encode("utf-8")))


class SvgIconEngine(QIconEngine):
    def __init__(self, name: str, colour: QColor | None = None) -> None:
        super().__init__()
        self._name = name
        self._colour = colour
        self._pixmaps: dict[tuple[int, int, int, float], QPixmap] = {}

    def _colour_for(self, mode: QIcon.Mode) -> str:
        palette = QGuiApplication.palette()
        if mode == QIcon.Mode.Disabled:
            return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()
        if self._colour is not None:
            return self._colour.name()
        return palette.color(QPalette.ColorRole.WindowText).name()

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _renderer(self._name, self._colour_for(mode)).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        key = (size.width(), size.height(), int(mode.value), scale)
        found = self._pixmaps.get(key)
        if found is None:
            found = QPixmap(
                max(1, round(size.width() * scale)), max(1, round(size.height() * scale))
            )
            found.fill(Qt.GlobalColor.transparent)
            painter = QPainter(found)
            self.paint(painter, QRect(0, 0, found.width(), found.height()), mode, state)
            painter.end()
            found.setDevicePixelRatio(scale)
            self._pixmaps[key] = found
        return found

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._name, self._colour)


def icon(name: str, colour: QColor | None = None) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` (default colour: the palette's text)."""
    _svg(name)  # a missing icon fails here, not at paint time
    return QIcon(SvgIconEngine(name, colour))


def clear_cache() -> None:
    """Forget rendered colours (after the palette changed between light and dark)."""
    _renderer.cache_clear()
