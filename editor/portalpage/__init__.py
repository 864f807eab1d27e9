"""The portal's article pages read back into articles: Qt-free and SQL-free.

    page = parse_page(data, name="12345.html")   # bytes of a saved page (HTML or its text)
    page.title, page.category, page.published_at, page.source, page.zone, page.body, page.url

One module a job: ``decode`` turns bytes into text (BOM, declared charset, UTF-8, GBK), ``fields``
recognises the parts of a page in its lines (breadcrumb, title, the 发布时间/来源/发布开发区 line,
the chrome after the article), ``textpage`` and ``htmlpage`` apply that to the page's text or to
its HTML, and ``tomarkdown`` turns the HTML of the article's body into Markdown. What could not be
found is listed in ``page.problems``, one per field; the archive decides what to do about it
(``editor.archive.pages`` imports such a page as a draft).
"""

from __future__ import annotations

from editor.portalpage.decode import decode_page, looks_like_html
from editor.portalpage.model import MAX_PAGE_BYTES, PageError, PortalPage

__all__ = ["MAX_PAGE_BYTES", "PageError", "PortalPage", "decode_page", "parse_page"]


def parse_page(data: bytes, name: str = "") -> PortalPage:
    """The article of one saved page; PageError when the bytes are not a readable page.

    ``name`` (the file's name) only helps to tell HTML from text when the content is unclear.
    """
    if len(data) > MAX_PAGE_BYTES:
        raise PageError(
            f"{len(data) / 1e6:.1f} MB is too large for an article page "
            f"(at most {MAX_PAGE_BYTES // 1_000_000} MB)"
        )
    decoded = decode_page(data)
    if looks_like_html(decoded.text, name):
        from editor.portalpage.htmlpage import parse_html  # noqa: PLC0415 - bs4 only when needed

        return parse_html(decoded)
    from editor.portalpage.textpage import parse_text  # noqa: PLC0415 - symmetric with the above

    return parse_text(decoded)
