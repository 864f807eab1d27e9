"""The look: Fusion everywhere, a light or a dark palette following the system's colour scheme,
and the colours the Markdown highlighter and the problem labels take from it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from editor.gui import icons


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = (
        QColor(0x2B, 0x2D, 0x31),
        QColor(0x1E, 0x1F, 0x22),
        QColor(0xDF, 0xE1, 0xE5),
    )
    disabled = QColor(0x7A, 0x7D, 0x83)
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor(0x26, 0x28, 0x2C),
        QPalette.ColorRole.ToolTipBase: window,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: disabled,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: window,
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor(0xFF, 0x6B, 0x6B),
        QPalette.ColorRole.Link: QColor(0x6C, 0xB4, 0xFF),
        QPalette.ColorRole.Highlight: QColor(0x2F, 0x65, 0xCA),
        QPalette.ColorRole.HighlightedText: QColor(0xFF, 0xFF, 0xFF),
        QPalette.ColorRole.Mid: QColor(0x3C, 0x3F, 0x44),
        QPalette.ColorRole.Dark: QColor(0x19, 0x1A, 0x1C),
        QPalette.ColorRole.Light: QColor(0x45, 0x48, 0x4E),
    }
    for role, colour in roles.items():
        p.setColor(role, colour)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def apply_look(app: QApplication) -> None:
    """Fusion, with a dark palette when the system prefers dark; follows later changes."""
    app.setStyle("Fusion")
    hints = app.styleHints()
    apply_scheme(app, hints.colorScheme())
    if not app.property("zonedeskLook"):
        app.setProperty("zonedeskLook", True)
        hints.colorSchemeChanged.connect(lambda scheme: apply_scheme(app, scheme))


def apply_scheme(app: QApplication, scheme: Qt.ColorScheme) -> None:
    """The dark palette for a dark scheme, the style's own (light) palette otherwise."""
    dark = scheme == Qt.ColorScheme.Dark
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    icons.clear_cache()


@dataclass(frozen=True, slots=True)
class EditorColours:
    """What the Markdown highlighter paints with, for the current palette."""

    heading: QColor
    emphasis: QColor
    link: QColor
    markup: QColor  # the punctuation of the markup: #, *, >, list marks
    code: QColor
    code_background: QColor
    quote: QColor
    problem: QColor


def editor_colours(palette: QPalette | None = None) -> EditorColours:
    if is_dark(palette):
        return EditorColours(
            heading=QColor(0x7F, 0xB8, 0xFF),
            emphasis=QColor(0xE6, 0xC0, 0x7B),
            link=QColor(0x6C, 0xCF, 0xC4),
            markup=QColor(0x8A, 0x8F, 0x98),
            code=QColor(0xE0, 0x9B, 0xC8),
            code_background=QColor(0x2A, 0x2C, 0x31),
            quote=QColor(0xA9, 0xB1, 0x9C),
            problem=QColor(0xFF, 0x7B, 0x72),
        )
    return EditorColours(
        heading=QColor(0x1F, 0x4E, 0x9A),
        emphasis=QColor(0x8A, 0x4B, 0x08),
        link=QColor(0x0B, 0x72, 0x6B),
        markup=QColor(0x8B, 0x90, 0x98),
        code=QColor(0xA3, 0x1B, 0x6E),
        code_background=QColor(0xF3, 0xF1, 0xEC),
        quote=QColor(0x56, 0x6B, 0x3E),
        problem=QColor(0xC0, 0x39, 0x2B),
    )
