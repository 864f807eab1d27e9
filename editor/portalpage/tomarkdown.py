"""The HTML of an article's body -> Markdown, with markdownify and the portal's habits in mind.

Before converting: layout tables (one cell, or cells holding paragraphs) become plain blocks, the
full-width indentation of each paragraph (``　　`` or ``&nbsp;&nbsp;``) goes, the source's line
breaks become what a browser shows, and a ``<br>`` that starts an indented line (or a double
``<br>``) separates paragraphs, as it does to the reader. Converting keeps paragraphs, bold,
italics, links (made absolute against the page's address), lists, tables and images; a link to
``javascript:`` keeps its text only.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag
from markdownify import MarkdownConverter

from editor.portalpage.fields import join_source_lines
from editor.portalpage.markup import escape_block_starts, escape_html_text

#: Elements that start a new line where they stand (what a browser lays out as blocks).
BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "caption", "center", "dd"),
        *("details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure"),
        *("footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li"),
        *("main", "menu", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot"),
        *("th", "thead", "tr", "ul", "br"),
    }
)
LAYOUT_PARTS = frozenset({"table", "tbody", "thead", "tfoot", "tr", "td", "th"})
_CONTENT_BLOCKS = ("p", "div", "table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol")
_INDENT = " \t\r\n\xa0\u3000"
_PARA_BREAK = "data-zd-paragraph"
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "ftp", "tel", ""})
_URL_UNSAFE = str.maketrans({" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E"})


def html_to_markdown(container: Tag, base_url: str | None = None) -> str:
    """Markdown for the body held by ``container`` (which this changes)."""
    _flatten_layout_tables(container)
    _mark_paragraph_breaks(container)
    _tidy_text(container)
    markdown = _Converter(base_url).convert_soup(container)
    return tidy_markdown(markdown)


# -- before converting -----------------------------------------------------------------------------


def is_layout_table(table: Tag) -> bool:
    """A table that lays the page out rather than holding data: a single cell, or cells that
    hold paragraphs, blocks or other tables."""
    cells = [c for c in table.find_all(["td", "th"]) if c.find_parent("table") is table]
    if len(cells) <= 1:
        return True
    return any(c.find(_CONTENT_BLOCKS) is not None for c in cells)


def flatten_layout(tag: Tag) -> None:
    """Turn the parts of a layout table (``tag`` and its own rows and cells) into blocks."""
    stack = [tag]
    while stack:
        node = stack.pop()
        node.name = "div"
        node.attrs = {}
        stack.extend(
            child
            for child in node.children
            if isinstance(child, Tag) and child.name in LAYOUT_PARTS and child.name != "table"
        )


def _flatten_layout_tables(container: Tag) -> None:
    for table in list(container.find_all("table")):
        if table.name == "table" and is_layout_table(table):
            flatten_layout(table)


def _next_content(node: Tag) -> Any:
    """What follows ``node`` on the page: the next block, ``<br>`` or image, or the next text
    that is not blank (an indentation of full-width spaces or ``&nbsp;`` counts as text)."""
    for following in node.next_elements:
        if isinstance(following, Tag):
            if following.name in BLOCKS or following.name == "img":
                return following
            continue
        if type(following) is NavigableString and following.strip(" \t\r\n"):
            return following
    return None


def _mark_paragraph_breaks(container: Tag) -> None:
    """A ``<br>`` before an indented line, and the first of two ``<br>``, end a paragraph."""
    for br in list(container.find_all("br")):
        if br.parent is None:
            continue  # removed as the second of a pair
        following = _next_content(br)
        if isinstance(following, Tag) and following.name == "br":
            br[_PARA_BREAK] = "1"
            following.decompose()
        elif isinstance(following, NavigableString) and following.lstrip(" \t\r\n")[:1] in (
            "\u3000",
            "\xa0",
        ):
            br[_PARA_BREAK] = "1"


def _block_of(node: Any) -> Tag | None:
    for parent in node.parents:
        if parent.name in BLOCKS and parent.name != "br":
            return parent
    return None


def _at_line_edge(text: NavigableString, elements: Any, block: Tag | None) -> bool:
    """Whether nothing visible stands between ``text`` and its line's start (or end), walking
    ``elements`` (the elements before it, or after it, in document order)."""
    for element in elements:
        if element is block:
            return True
        if isinstance(element, Tag):
            if element.name == "img":
                return False
            if element.name in BLOCKS:
                return True
            continue
        if type(element) is NavigableString and element.strip(_INDENT):
            return _block_of(element) is not block
    return True


def _tidy_text(container: Tag) -> None:
    """Source line breaks as a browser shows them, no indentation at the start of a line, and
    ``&nbsp;`` a plain space."""
    for text in [node for node in container.descendants if type(node) is NavigableString]:
        value = join_source_lines(str(text))
        block = _block_of(text)
        if _at_line_edge(text, text.previous_elements, block):
            value = value.lstrip(_INDENT)
        if _at_line_edge(text, text.next_elements, block):
            value = value.rstrip(_INDENT)
        value = value.replace("\xa0", " ")
        if value != str(text):
            text.replace_with(NavigableString(value))


# -- converting ------------------------------------------------------------------------------------


def safe_url(url: str, base: str | None) -> str | None:
    """``url`` made absolute against ``base`` and safe inside Markdown's ``(…)``; None for a
    script or other unsafe link."""
    url = url.strip().replace("\\", "/")
    if not url or url.startswith("#"):
        return None
    if base:
        url = urllib.parse.urljoin(base, url)
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in _SAFE_SCHEMES:
        return None
    return url.translate(_URL_UNSAFE)


#: markdownify's stubs list only the constructor; its ``convert_*`` methods are its real interface.
_MarkdownifyBase: Any = MarkdownConverter


class _Converter(_MarkdownifyBase):
    def __init__(self, base_url: str | None) -> None:
        super().__init__(
            heading_style="atx",
            bullets="-",
            table_infer_header=True,
            keep_inline_images_in=["td", "th", "a"],
            escape_asterisks=True,
            escape_underscores=True,
            escape_misc=False,
        )
        self.base_url = base_url

    def escape(self, text: str, parent_tags: Any) -> str:
        return escape_html_text(
            super().escape(text, parent_tags).replace("[", r"\[").replace("]", r"\]")
        )

    def convert_p(self, el: Tag, text: str, parent_tags: Any) -> str:
        result: str = super().convert_p(el, text, parent_tags)
        return escape_block_starts(result) if "_inline" not in parent_tags else result

    def convert_div(self, el: Tag, text: str, parent_tags: Any) -> str:
        result: str = super().convert_div(el, text, parent_tags)
        if "_inline" in parent_tags or any(
            isinstance(child, Tag) and child.name in BLOCKS and child.name != "br"
            for child in el.children
        ):
            return result  # its blocks have escaped their own text
        return escape_block_starts(result)

    convert_center = convert_div

    def convert_br(self, el: Tag, text: str, parent_tags: Any) -> str:
        if el.get(_PARA_BREAK) and not ({"_inline", "li", "pre"} & set(parent_tags)):
            return "\n\n" + text
        result: str = super().convert_br(el, text, parent_tags)
        return result

    def convert_a(self, el: Tag, text: str, parent_tags: Any) -> str:
        href = safe_url(str(el.get("href") or ""), self.base_url)
        if href is None:
            return text
        el["href"] = href
        if el.get("title"):
            del el["title"]
        result: str = super().convert_a(el, text, parent_tags)
        return result

    def convert_img(self, el: Tag, text: str, parent_tags: Any) -> str:
        src = str(el.get("src") or el.get("data-src") or "").strip()
        if not src:
            return ""
        if not src.lower().startswith("data:"):
            src = src.replace("\\", "/").translate(_URL_UNSAFE)
        alt = re.sub(r"[\[\]\n]", " ", str(el.get("alt") or "")).strip()
        return f"![{alt}]({src})"

    def convert_td(self, el: Tag, text: str, parent_tags: Any) -> str:
        result: str = super().convert_td(el, text.replace("|", r"\|"), parent_tags)
        return result

    def convert_th(self, el: Tag, text: str, parent_tags: Any) -> str:
        result: str = super().convert_th(el, text.replace("|", r"\|"), parent_tags)
        return result


# -- after converting ------------------------------------------------------------------------------

_TRAILING_BREAK = re.compile(r"[ \t]+(?=\n\n|\n?\Z)")
_EDGE_RULES = re.compile(r"\A(?:[ \t]*---[ \t]*\n+)+|(?:\n+[ \t]*---[ \t]*)+\Z")
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def tidy_markdown(markdown: str) -> str:
    """One blank line between blocks, no hard break at a block's end, nothing around."""
    text = _BLANK_LINES.sub("\n\n", markdown.replace("\r", ""))
    text = _TRAILING_BREAK.sub("", text).strip("\n ")
    return _EDGE_RULES.sub("", text).strip("\n ")


def fragment_markdown(html: str, base_url: str | None = None) -> str:
    """Markdown for an HTML fragment (for tests and one-off use)."""
    soup = BeautifulSoup(html, "html.parser")
    holder = soup.new_tag("div")
    for child in list(soup.contents):
        holder.append(child.extract())
    return html_to_markdown(holder, base_url)
