"""The look: Fusion, light or dark following the system, the same SVG icons everywhere."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication

from editor.gui import icons, theme

pytestmark = pytest.mark.gui


@pytest.fixture
def restored_palette(qapp: QApplication) -> Iterator[QApplication]:
    palette, style = QPalette(qapp.palette()), qapp.style().name()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)
    icons.clear_cache()


def test_a_dark_system_gets_the_dark_palette_and_light_icons(
    restored_palette: QApplication,
) -> None:
    app = restored_palette
    theme.apply_look(app)
    assert app.style().name().lower() == "fusion"
    theme.apply_scheme(app, Qt.ColorScheme.Dark)
    assert theme.is_dark(app.palette())
    dark_icon = icons.icon("bold").pixmap(QSize(24, 24)).toImage()
    ink = [
        dark_icon.pixelColor(x, y)
        for x in range(24)
        for y in range(24)
        if dark_icon.pixelColor(x, y).alpha() > 200
    ]
    assert ink
    assert all(c.lightness() > 150 for c in ink)  # light strokes on a dark palette
    assert theme.editor_colours(app.palette()).heading.lightness() > 128

    theme.apply_scheme(app, Qt.ColorScheme.Light)
    assert not theme.is_dark(app.palette())
    light_icon = icons.icon("bold").pixmap(QSize(24, 24)).toImage()
    ink = [
        light_icon.pixelColor(x, y)
        for x in range(24)
        for y in range(24)
        if light_icon.pixelColor(x, y).alpha() > 200
    ]
    assert all(c.lightness() < 100 for c in ink)


def test_every_icon_is_a_drawable_svg() -> None:
    names = sorted(p.stem for p in icons.ICONS_DIR.glob("*.svg"))
    assert len(names) >= 20
    for name in names:
        made = icons.icon(name)
        assert not made.isNull()
        image = made.pixmap(QSize(32, 32)).toImage()
        assert any(image.pixelColor(x, y).alpha() > 0 for x in range(32) for y in range(32)), name
        disabled = made.pixmap(QSize(16, 16), QIcon.Mode.Disabled)
        assert not disabled.isNull()
