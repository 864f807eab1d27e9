"""Markdown -> safe HTML: the one rendering path shared by the live preview and the export.

Python-Markdown turns the body into HTML (tables, footnotes, attribute lists, sane lists, fenced
code; no ``smarty``, so Chinese and straight quotes stay exactly as typed; a soft line break
between two Chinese characters is joined without a space, ``editor.render.cjkbreaks``), then an
allow-list sanitizer (nh3) keeps only the tags and attributes an article needs. Whatever the body
holds (raw HTML, ``javascript:`` links, event handlers smuggled through ``{: onclick=...}``), the
result has no script, no event handler, no dangerous URL and no embedding or form element.

Costs are paid once: one Markdown instance per thread (reset between documents so footnotes never
leak from one article into the next) and one prebuilt ``nh3.Cleaner``.

Reading a body without rendering it (snippets, summaries, character counts) is
``editor.render.plaintext``'s job.
"""

from __future__ import annotations

import html
import re
import threading
from typing import Any

import nh3

__all__ = [
    "render_markdown",
    "rewrite_media_urls",
    "sanitize_html",
]

# -- Markdown -------------------------------------------------------------------------------------

_EXTENSIONS = ("tables", "footnotes", "attr_list", "sane_lists", "fenced_code")
_EXTENSION_CONFIGS: dict[str, dict[str, object]] = {
    # ``align="right"`` instead of ``style="text-align: right;"``: no style attribute survives.
    "tables": {"use_align_attribute": True},
    "footnotes": {"BACKLINK_TITLE": "返回第 {} 个脚注的引用处"},
}

_local = threading.local()


def _converter() -> Any:
    """This thread's Markdown instance (instances are not thread-safe; building one costs ~1 ms)."""
    md = getattr(_local, "md", None)
    if md is None:
        import markdown  # noqa: PLC0415 - 13 ms at start-up, paid only by what renders

        from editor.render.cjkbreaks import CjkBreakExtension  # noqa: PLC0415 - imports markdown

        md = markdown.Markdown(
            extensions=[*_EXTENSIONS, CjkBreakExtension()],
            extension_configs=_EXTENSION_CONFIGS,
            output_format="html",
        )
        _local.md = md
    return md


# -- sanitizer ------------------------------------------------------------------------------------

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

#: Tags an article body may hold after sanitizing. Anything else is dropped (its text is kept).
ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        *_HEADINGS,
        "p",
        "br",
        "hr",
        "blockquote",
        "ul",
        "ol",
        "li",
        "pre",
        "code",
        "strong",
        "em",
        "b",
        "i",
        "del",
        "sup",
        "sub",
        "a",
        "img",
        "figure",
        "figcaption",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "div",  # footnote block
    }
)

#: Tags removed together with everything inside them.
CLEAN_CONTENT_TAGS: frozenset[str] = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "noscript",
        "noembed",
        "noframes",
        "template",
        "svg",
        "math",
        "textarea",
        "select",
        "title",
        "xmp",
    }
)

#: Attributes allowed per tag (values unrestricted apart from URL checks on href/src).
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "li": {"id"},  # footnote targets
    "sup": {"id"},  # footnote references
    **{h: {"id"} for h in _HEADINGS},
}

#: Attributes allowed only with one of the listed values.
ALLOWED_ATTRIBUTE_VALUES: dict[str, dict[str, set[str]]] = {
    "th": {"align": {"left", "center", "right"}},
    "td": {"align": {"left", "center", "right"}},
}

#: The only class names kept: the footnotes extension's own.
ALLOWED_CLASSES: dict[str, set[str]] = {
    "div": {"footnote"},
    "a": {"footnote-ref", "footnote-backref"},
}

#: Schemes allowed in href/src; relative URLs (``media/…``, ``#fn:1``) pass unchanged.
ALLOWED_URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})

LINK_REL = "noopener noreferrer"

_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(CLEAN_CONTENT_TAGS),
    attributes=ALLOWED_ATTRIBUTES,
    tag_attribute_values=ALLOWED_ATTRIBUTE_VALUES,
    allowed_classes=ALLOWED_CLASSES,
    url_schemes=set(ALLOWED_URL_SCHEMES),
    link_rel=LINK_REL,
    strip_comments=True,
)


def sanitize_html(fragment: str) -> str:
    """Reduce an HTML fragment to the article allow-list (also for HTML that did not come from
    Markdown, e.g. an imported body)."""
    return _CLEANER.clean(fragment)


def render_markdown(text: str) -> str:
    """The safe HTML of a Markdown article body. Thread-safe; no state leaks between calls."""
    if not text or text.isspace():
        return ""
    md = _converter()
    try:
        raw = md.convert(text)
    finally:
        md.reset()
    return _CLEANER.clean(raw)


# -- media URLs -----------------------------------------------------------------------------------

_MEDIA_ATTR = re.compile(r"(?<=\s)(src|href)=([\"'])media/")


def rewrite_media_urls(html_text: str, prefix: str) -> str:
    """Point the archive's media references (``src="media/…"``, ``href="media/…"``) at ``prefix``.

    ``prefix`` replaces the leading ``media/`` (e.g. ``"../../assets/media/"``) and is escaped for
    the attribute. Only attribute values that start with ``media/`` change; text that merely
    mentions them (escaped by the renderer) is left alone.
    """
    if "media/" not in html_text:
        return html_text
    safe = html.escape(prefix, quote=True)
    return _MEDIA_ATTR.sub(lambda m: f"{m.group(1)}={m.group(2)}{safe}", html_text)
