"""A page saved as HTML: its lines found as a browser lays them out, its parts recognised by
``fields.analyse``, its body cut from the document between the 发布时间 line and the chrome after
the article, whatever the markup (divs, layout tables, ``<br>`` paragraphs).

The page's address comes from ``<link rel="canonical">``, ``<meta property="og:url">`` or the
``<!-- saved from url=(0054)http://… -->`` comment browsers write when they save a page.
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup, Comment, NavigableString, PageElement, Tag

from editor.portalpage.fields import (
    CRUMB_SEPARATOR,
    LOCATION_START,
    analyse,
    join_source_lines,
    normalize_line,
    read_fields,
)
from editor.portalpage.model import Decoded, PageError, PortalPage
from editor.portalpage.tomarkdown import BLOCKS, LAYOUT_PARTS, flatten_layout, html_to_markdown

#: Elements a reader never sees: their text is no part of the page.
UNSEEN = frozenset(
    {
        *("script", "style", "noscript", "template", "head", "title", "iframe", "frame"),
        *("frameset", "object", "embed", "applet", "svg", "math", "select", "option"),
        *("textarea", "button", "input", "canvas", "audio", "video", "map"),
    }
)
_ONE_LINE = "data-zd-line"
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)\s*(\S+)", re.IGNORECASE)
_TITLE_HINT = re.compile(r"title|biaoti|headline", re.IGNORECASE)
_TITLE_SPLIT = re.compile(r"\s+[-_|–—｜]\s+|[_｜|]")
_MAX_BREADCRUMB = 300
#: Pages nest some tens of elements deep; the Markdown converter recurses once a level.
MAX_NESTING = 200


@dataclass(slots=True)
class Line:
    """One line of the page as a reader sees it, and the text nodes it is made of."""

    strings: list[NavigableString] = field(default_factory=list)
    block: Tag | None = None
    heading: int = 0

    @property
    def text(self) -> str:
        return normalize_line(join_source_lines("".join(str(s) for s in self.strings)))


def parse_html(decoded: Decoded) -> PortalPage:
    soup = BeautifulSoup(decoded.text, "html.parser")
    _check_nesting(soup)
    url = page_url(soup)
    head_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    _drop_unseen(soup)
    root: Tag = soup.body or soup
    _mark_breadcrumbs(root)
    lines = [line for line in linearize(root) if line.text]
    texts = [line.text for line in lines]
    layout = analyse(texts, [line.heading for line in lines])
    if layout.title is not None:
        texts[layout.title] = _whole_title(lines, layout.title, layout.breadcrumb)
    fields = read_fields(texts, layout, fallback_title=_title_from_head(head_title))

    for i in layout.noise:
        for string in lines[i].strings:
            string.extract()
    start = layout.body.start - 1
    start_after = lines[start].strings[-1] if 0 <= start < len(lines) else None
    end_before = lines[layout.body.stop].strings[0] if layout.body.stop < len(lines) else None
    body = ""
    if layout.body:
        container = soup.new_tag("div")
        for node in between(root, start_after, end_before):
            if isinstance(node, Tag) and node.name in LAYOUT_PARTS and node.name != "table":
                flatten_layout(node)  # rows and cells of the table that lays the page out
            container.append(node.extract())
        body = html_to_markdown(container, url)
    return fields.page(body, url=url, form="html", encoding=decoded.encoding)


# -- the page's address ----------------------------------------------------------------------------


def page_url(soup: BeautifulSoup) -> str | None:
    """The page's own address, normalised, when the saved page carries it."""
    candidates: list[str] = []
    for link in soup.find_all("link", href=True):
        rel: Any = link.get("rel") or []
        rels = [str(r) for r in rel] if isinstance(rel, list) else str(rel).split()
        if "canonical" in [r.lower() for r in rels]:
            candidates.append(str(link["href"]))
    for meta in soup.find_all("meta", content=True):
        if str(meta.get("property") or meta.get("name") or "").lower() == "og:url":
            candidates.append(str(meta["content"]))
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        found = _SAVED_FROM.search(str(comment))
        if found:
            candidates.append(found.group(1))
    for candidate in candidates:
        url = normalize_url(candidate)
        if url:
            return url
    return None


def normalize_url(url: str) -> str | None:
    """An http(s) address in one spelling: scheme and host in lower case, no default port, no
    fragment, no ``.``/``..`` segments; None for anything else."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in ("http", "https") or not host or any(c in host for c in " <>\"'\\"):
        return None
    netloc = host if port in (None, 80 if scheme == "http" else 443) else f"{host}:{port}"
    path = parts.path or "/"
    normalized = posixpath.normpath(path)
    if path.endswith("/") and not normalized.endswith("/"):
        normalized += "/"
    normalized = "/" + normalized.lstrip("/")
    return urllib.parse.urlunsplit((scheme, netloc, normalized, parts.query, ""))


# -- lines -----------------------------------------------------------------------------------------


def _check_nesting(soup: BeautifulSoup) -> None:
    """Refuse markup nested deeper than any page is (it would exhaust the converter's stack)."""
    depth: dict[int, int] = {id(soup): 0}
    for node in soup.descendants:
        if isinstance(node, Tag):
            level = depth[id(node.parent)] + 1
            if level > MAX_NESTING:
                raise PageError(
                    f"the markup nests elements more than {MAX_NESTING} deep: not an article page"
                )
            depth[id(node)] = level


def _drop_unseen(soup: BeautifulSoup) -> None:
    """Remove what a reader never sees: scripts, styles, comments, hidden elements."""
    doomed = [node for node in soup.descendants if isinstance(node, Comment) or _unseen(node)]
    for node in doomed:
        node.extract()  # a node inside one already extracted goes with it, harmlessly


def _unseen(node: PageElement) -> bool:
    return isinstance(node, Tag) and (
        node.name in UNSEEN
        or node.has_attr("hidden")
        or _HIDDEN_STYLE.search(str(node.get("style") or "")) is not None
    )


def _mark_breadcrumbs(root: Tag) -> None:
    """The breadcrumb reads as one line even when its crumbs are list items or cells."""
    for string in root.find_all(string=LOCATION_START):
        element = string.parent
        # never the root itself: a short page's whole text would become the breadcrumb
        while isinstance(element, Tag) and element is not root:
            text = normalize_line(element.get_text(" "))
            if len(text) > _MAX_BREADCRUMB:
                break
            if CRUMB_SEPARATOR.search(text):
                element[_ONE_LINE] = "1"
                break
            element = element.parent


def _heading(block: Tag | None) -> int:
    if block is None:
        return 0
    if block.name == "h1":
        return 1
    classes = " ".join(block.get("class") or []) + " " + str(block.get("id") or "")
    if block.name in ("h2", "h3", "td", "div", "p", "span", "strong") and _TITLE_HINT.search(
        classes
    ):
        return 1
    return 2 if block.name in ("h2", "h3") else 0


def linearize(root: Tag) -> list[Line]:
    """The page's lines in reading order: a block, a ``<br>`` or a cell ends a line."""
    lines: list[Line] = []
    current = Line()
    pending_break = False
    for node in root.descendants:
        if isinstance(node, Tag):
            if node.name in BLOCKS and _one_line_ancestor(node) is None:
                pending_break = True
            continue
        if type(node) is not NavigableString:
            continue
        if not node.strip():
            if current.strings and not pending_break:
                current.strings.append(node)
            continue
        block = _one_line_ancestor(node) or _block(node)
        if current.strings and (pending_break or block is not current.block):
            lines.append(current)
            current = Line()
        pending_break = False
        if not current.strings:
            current.block = block
            current.heading = _heading(block)
        current.strings.append(node)
    if current.strings:
        lines.append(current)
    for line in lines:  # a line's edges are text, never blanks: the body is cut there
        while len(line.strings) > 1 and not line.strings[-1].strip():
            line.strings.pop()
    return lines


def _block(node: PageElement) -> Tag | None:
    for parent in node.parents:
        if parent.name in BLOCKS and parent.name != "br":
            return parent
    return None


def _one_line_ancestor(node: PageElement) -> Tag | None:
    marked = None
    if isinstance(node, Tag) and node.has_attr(_ONE_LINE):
        return node
    for parent in node.parents:
        if parent.has_attr(_ONE_LINE):
            marked = parent
    return marked


def _whole_title(lines: list[Line], index: int, breadcrumb: int | None) -> str:
    """The title line with the lines before it in the same block (a title broken by ``<br>``)."""
    first = index
    while first - 1 > (breadcrumb if breadcrumb is not None else -1) and (
        lines[first - 1].block is lines[index].block
    ):
        first -= 1
    return join_source_lines("\n".join(line.text for line in lines[first : index + 1]))


def _title_from_head(title: str) -> str | None:
    """The article's title from the page's ``<title>`` (``标题 - 投促中国`` and the like)."""
    text = normalize_line(title)
    if not text:
        return None
    first = _TITLE_SPLIT.split(text)[0].strip()
    return first or None


# -- the body --------------------------------------------------------------------------------------


def _path(node: PageElement, root: Tag) -> list[Any]:
    """``node`` and its ancestors up to (without) ``root``, outermost first."""
    out: list[Any] = [node]
    for parent in node.parents:
        if parent is root:
            return list(reversed(out))
        out.append(parent)
    raise ValueError("the node is not inside the root")


def between(
    root: Tag, start_after: PageElement | None, end_before: PageElement | None
) -> list[PageElement]:
    """The nodes of ``root`` that stand after ``start_after`` and before ``end_before`` in
    document order, as whole subtrees (None: from the start, to the end)."""
    start_path = _path(start_after, root) if start_after is not None else []
    end_path = _path(end_before, root) if end_before is not None else []
    common = 0
    while common < min(len(start_path), len(end_path)) and start_path[common] is end_path[common]:
        common += 1
    top: Tag = start_path[common - 1] if common else root
    start_rest, end_rest = start_path[common:], end_path[common:]
    out: list[PageElement] = []
    for node in reversed(start_rest[1:]):  # after the start, from the inside out
        out.extend(node.next_siblings)
    children = list(top.children)
    first = _index(children, start_rest[0]) + 1 if start_rest else 0
    last = _index(children, end_rest[0]) if end_rest else len(children)
    out.extend(children[first:last])
    for node in end_rest[1:]:  # before the end, from the outside in
        for sibling in node.parent.children:
            if sibling is node:
                break
            out.append(sibling)
    return out


def _index(nodes: list[PageElement], node: PageElement) -> int:
    """Where ``node`` itself stands in ``nodes`` (bs4's ``==`` compares markup, not identity)."""
    return next(i for i, candidate in enumerate(nodes) if candidate is node)
