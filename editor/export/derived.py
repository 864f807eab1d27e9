"""The files written by code, not by templates: the search index (JSON) and the sitemap (XML).

Their formats are fixed (the portal's search box, sitemaps.org), so no theme changes them; and an
incremental export patches them (``site``): ``sitemap_line`` is the one place a sitemap line is
made, whether for a whole sitemap or for a patch.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

Context = dict[str, Any]


def render_json(context: Context) -> bytes:
    """The search index: no spaces, one line (its keys in a fixed order)."""
    try:
        return orjson.dumps(context, option=orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:  # a lone surrogate (the values were cleaned: never seen)
        text = json.dumps(context, ensure_ascii=False, separators=(",", ":"))
        return (text + "\n").encode("utf-8", "surrogatepass")


_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _xml_text(text: str) -> str:
    """``text`` as XML character data (``xml.sax.saxutils.escape``, which costs the export 40 ms
    of imports: urllib, http, email)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text or ">" in text:
        text = text.replace("<", "&lt;").replace(">", "&gt;")
    return text


def render_sitemap(context: Context) -> bytes:
    """``sitemap.xml`` (sitemaps.org 0.9): a ``urlset`` of ``urls`` ((address, last change)
    pairs), or a ``sitemapindex`` of ``sitemaps`` when the site needs several files."""
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if "sitemaps" in context:
        entries, tag, item = context["sitemaps"], "sitemapindex", "sitemap"
    else:
        entries, tag, item = context["urls"], "urlset", "url"
    # one look at every address and time for a character XML escapes (a base URL with ``&``)
    everything = "".join(map("".join, entries))
    if "&" in everything or "<" in everything or ">" in everything:
        entries = [(_xml_text(loc), _xml_text(last)) for loc, last in entries]
    lines = [
        f"<{item}><loc>{loc}</loc><lastmod>{last}</lastmod></{item}>"
        if last
        else f"<{item}><loc>{loc}</loc></{item}>"
        for loc, last in entries
    ]  # = sitemap_line(item, loc, last), without a call for each of ten thousand lines
    body = "\n".join([f'{head}<{tag} xmlns="{_SITEMAP_NS}">', *lines, f"</{tag}>\n"])
    return body.encode("utf-8")


def sitemap_line(item: str, loc: str, last: str) -> str:
    """One line of a sitemap: ``<url>`` (``item``) with its address and last change."""
    loc, last = _xml_text(loc), _xml_text(last)
    if last:
        return f"<{item}><loc>{loc}</loc><lastmod>{last}</lastmod></{item}>"
    return f"<{item}><loc>{loc}</loc></{item}>"
