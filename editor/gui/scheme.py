"""The preview's own URL scheme, declared to QtWebEngine before the QApplication exists."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWebEngineCore import QWebEngineUrlScheme

SCHEME = b"zdpreview"
HOST = "site"
ROOT = f"{SCHEME.decode()}://{HOST}/"


def register_scheme() -> None:
    """Declare ``zdpreview:`` (once per process, before the QApplication)."""
    if QWebEngineUrlScheme.schemeByName(QByteArray(SCHEME)).name() == QByteArray(SCHEME):
        return
    scheme = QWebEngineUrlScheme(QByteArray(SCHEME))
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.LocalScheme
        | QWebEngineUrlScheme.Flag.LocalAccessAllowed
    )
    QWebEngineUrlScheme.registerScheme(scheme)
