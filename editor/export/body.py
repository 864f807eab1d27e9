"""The last pass over an article's cached body before it goes into a page.

The body was rendered and sanitized when it was saved (``editor.render.markdown``, the one
rendering path); the archive may still hold HTML written by another tool or an older ZoneDesk, so
the export sanitizes it once more with the same allow-list, then:

- drops the characters HTML and XML forbid (controls, noncharacters);
- gives every image an ``alt`` and drops ``width``/``height`` values that are not numbers, and
  takes ``rel`` off links whose address was dropped (the Nu HTML checker refuses all three);
- turns the ``align`` of table cells (obsolete in HTML) into a class the theme styles;
- points ``media/<sha256>.<ext>`` at the site's ``media/`` folder, relative to the page.

It also names the images the body uses, so the export publishes exactly those.
"""

from __future__ import annotations

import re

from editor.export.text import clean_text
from editor.render.markdown import rewrite_media_urls, sanitize_html

_MEDIA_REF = re.compile(r"""(?<=\s)(?:src|href)=["']media/([0-9a-f]{64}\.[a-z0-9]{1,5})["']""")
_IMG = re.compile(r"<img\b[^>]*>")
_SIZE = re.compile(r"""\s(?:width|height)=(["'])(?!\d{1,5}\1)[^"']*\1""")
_ANCHOR = re.compile(r"<a\b[^>]*>")
_REL = re.compile(r"""\srel=["'][^"']*["']""")
_ALIGN = re.compile(r"""<(td|th)(\s[^>]*?)?\salign=["'](left|center|right)["']""")


def _fix_img(match: re.Match[str]) -> str:
    tag = _SIZE.sub("", match.group(0))
    if not re.search(r"\salt=", tag):
        tag = tag[:4] + ' alt=""' + tag[4:]
    return tag


def _fix_anchor(match: re.Match[str]) -> str:
    """A link whose address the sanitizer dropped keeps no ``rel`` (invalid without ``href``)."""
    tag = match.group(0)
    return tag if re.search(r"\shref=", tag) else _REL.sub("", tag)


def prepare_body(html: str, media_prefix: str) -> tuple[str, list[str]]:
    """(the body ready for a page, the ``media/…`` files it shows, sorted)."""
    if not html:
        return "", []
    html = clean_text(sanitize_html(html))
    if "<img" in html:
        html = _IMG.sub(_fix_img, html)
    if "<a " in html:
        html = _ANCHOR.sub(_fix_anchor, html)
    if "align=" in html:
        html = _ALIGN.sub(
            lambda m: f'<{m.group(1)}{m.group(2) or ""} class="align-{m.group(3)}"', html
        )
    refs = sorted(
        {f"media/{name}" for name in _MEDIA_REF.findall(html)} if "media/" in html else ()
    )
    if refs:
        html = rewrite_media_urls(html, media_prefix)
    return html, refs
