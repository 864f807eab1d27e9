"""Markdown -> safe HTML: one rendering path for the live preview and the export."""

from editor.render.markdown import (
    plain_text,
    render_markdown,
    rewrite_media_urls,
    sanitize_html,
    summary_of,
)

__all__ = [
    "plain_text",
    "render_markdown",
    "rewrite_media_urls",
    "sanitize_html",
    "summary_of",
]
