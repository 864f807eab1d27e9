"""Markdown -> safe HTML: one rendering path for the live preview and the export.

``markdown``: rendering and sanitizing; ``plaintext``: reading a body without rendering it. The
names load on first use (PEP 562), so importing one module never compiles the other's patterns.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "plain_text",
    "render_markdown",
    "rewrite_media_urls",
    "sanitize_html",
    "summary_of",
]

_HOME = {
    "plain_text": "editor.render.plaintext",
    "summary_of": "editor.render.plaintext",
    "render_markdown": "editor.render.markdown",
    "rewrite_media_urls": "editor.render.markdown",
    "sanitize_html": "editor.render.markdown",
}


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
