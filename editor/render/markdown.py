"""Markdown -> safe HTML: the one rendering path shared by the live preview and the export.

Python-Markdown turns the body into HTML (tables, footnotes, attribute lists, sane lists, fenced
code; no ``smarty``, so Chinese and straight quotes stay exactly as typed), then an allow-list
sanitizer (nh3) keeps only the tags and attributes an article needs. Whatever the body holds (raw
HTML, ``javascript:`` links, event handlers smuggled through ``{: onclick=...}``), the result has
no script, no event handler, no dangerous URL and no embedding or form element.

Costs are paid once: one Markdown instance per thread (reset between documents so footnotes never
leak from one article into the next) and one prebuilt ``nh3.Cleaner``.

``plain_text`` and ``summary_of`` read a body without rendering it (regular expressions over the
Markdown source): they serve snippets, summaries and character counts over the whole archive.
"""

from __future__ import annotations

import html
import re
import threading
from typing import Any

import nh3

__all__ = [
    "plain_text",
    "render_markdown",
    "rewrite_media_urls",
    "sanitize_html",
    "summary_of",
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

        md = markdown.Markdown(
            extensions=list(_EXTENSIONS),
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


# -- plain text -----------------------------------------------------------------------------------

_HTML_BLOCKS = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|iframe|object|embed|svg|math|template|noscript|textarea|"
    r"select|title)\b.*?(?:</\1\s*>|\Z)",
    re.IGNORECASE | re.DOTALL,
)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+|[^<>\s@]+@[^<>\s@]+\.[A-Za-z]{2,})>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")

_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"#{1,6}[ \t]*")  # like Python-Markdown: no space needed after the hashes
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_RULE = re.compile(r"[ \t]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){2,}|(?:_[ \t]*){3,}|=+[ \t]*)$")
_QUOTE = re.compile(r"[ \t]{0,3}(?:>[ \t]?)+")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_TABLE_SEP = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_TABLE_CELL_SEP = re.compile(r"[ \t]*(?<!\\)\|[ \t]*")
_BLOCK_START = frozenset("`~*-_=>[#+0123456789")  # first characters of block markup
_LINK_DEF = re.compile(r"[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\S")
_FOOTNOTE_DEF = re.compile(r"[ \t]{0,3}\[\^[^\]\n]+\]:[ \t]*")

_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>:\"'~])")
_ESCAPE_BASE = 0xE000  # escaped ASCII punctuation is parked in the private use area meanwhile
_UNESCAPE = {_ESCAPE_BASE + c: chr(c) for c in range(128)}

# Inline patterns never let a repeated part run past the next opening delimiter, so no input
# (say a line of 20,000 "[" or "**a ") makes them quadratic: every scan stops at the next opener.
_BRACKETED = r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"  # [text], one level of nested [..] inside
_TARGET = r"(?:\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\[\]\n]*\])"  # (url "title") or [ref]
_IMAGE = re.compile(r"!" + _BRACKETED + _TARGET)
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]\n]+\]")
_LINK = re.compile(_BRACKETED + _TARGET)
_CODE_SPAN = re.compile(r"``(.+?)``|`([^`\n]+)`")
_ATTR_LIST = re.compile(r"\{(?::[^{}\n]*|[ \t]*[#.][^{}\n]*)\}")
_STRONG = re.compile(
    r"\*\*(?=\S)((?:[^*\n]|\*(?!\*))+?)(?<=\S)\*\*|__(?=\S)((?:[^_\n]|_(?!_))+?)(?<=\S)__"
)
_EM_STAR = re.compile(r"\*(?=\S)([^*\n]+?)(?<=\S)\*")
_EM_UNDERSCORE = re.compile(r"(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)")
_SPACES = re.compile(r"[ \t\u00a0]{2,}|[\t\u00a0]")


def _first_group(m: re.Match[str]) -> str:
    """The text of whichever alternative matched."""
    return m.group(1) if m.group(1) is not None else m.group(2)


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _is_wide(ch: str) -> bool:
    """CJK and full-width characters: text around them is joined without a space."""
    return ord(ch) >= 0x2E80


def _join(a: str, b: str) -> str:
    if not a:
        return b
    if not b:
        return a
    return a + b if _is_wide(a[-1]) or _is_wide(b[0]) else f"{a} {b}"


def _table_row(line: str) -> str:
    row = line.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return _TABLE_CELL_SEP.sub(" ", row).strip()


def _blocks(text: str) -> list[str]:
    """Block structure of Markdown source -> one string per paragraph, item, row or heading."""
    out: list[str] = []
    para = ""
    fence: str | None = None
    in_table = False
    lines = text.split("\n")
    for i, raw in enumerate(lines):
        if fence is not None:  # inside fenced code: lines are kept as they are
            if raw.lstrip().startswith(fence):
                fence = None
            elif raw.strip():
                out.append(raw.strip())
            continue
        line = raw.strip()
        if not line:
            if para:
                out.append(para)
                para = ""
            in_table = False
            continue
        if line[0] not in _BLOCK_START and "|" not in line:  # fast path: a plain text line
            para = _join(para, line)
            continue
        m = _FENCE.match(raw)
        if m:
            if para:
                out.append(para)
                para = ""
            fence = m.group(1)
            continue
        if _RULE.match(raw):  # thematic break or setext underline
            if para:
                out.append(para)
                para = ""
            continue
        if "|" in line and (
            in_table
            or line.startswith("|")
            or (i + 1 < len(lines) and "-" in lines[i + 1] and _TABLE_SEP.match(lines[i + 1]))
        ):
            if _TABLE_SEP.match(raw):
                in_table = True
                continue
            if para:
                out.append(para)
                para = ""
            in_table = True
            out.append(_table_row(line))
            continue
        m = _QUOTE.match(raw)
        if m:
            raw = raw[m.end() :]
            line = raw.strip()
            if not line:
                continue
        if _LINK_DEF.match(raw):
            continue
        m = _FOOTNOTE_DEF.match(raw) or _ATX.match(raw) or _LIST_ITEM.match(raw)
        if m:  # a heading, list item or footnote starts a block of its own
            if para:
                out.append(para)
            body = raw[m.end() :].strip()
            if raw.lstrip().startswith("#"):
                out.append(_ATX_CLOSE.sub("", body))
                para = ""
            else:
                para = body
            continue
        para = _join(para, line)
    if para:
        out.append(para)
    return out


def plain_text(markdown_text: str) -> str:
    """The readable text of a Markdown body: no markup, link targets or image URLs.

    Paragraphs (and list items, table rows, headings) are separated by single newlines; soft line
    breaks inside a paragraph are joined (without a space between Chinese characters).
    """
    if not markdown_text:
        return ""
    text = markdown_text.replace("\r\n", "\n").replace("\r", "\n")
    if "<" in text:
        text = _HTML_BLOCKS.sub("", text)
        text = _AUTOLINK.sub(r"\1", text)
        text = _HTML_TAG.sub("", text)
    escaped = "\\" in text
    if escaped:
        text = _ESCAPED.sub(lambda m: chr(_ESCAPE_BASE + ord(m.group(1))), text)
    text = "\n".join(_blocks(text))
    if "[" in text:
        text = _IMAGE.sub("", text)
        text = _FOOTNOTE_REF.sub("", text)
        text = _LINK.sub(r"\1", text)
    if "`" in text:
        text = _CODE_SPAN.sub(_first_group, text)
    if "{" in text:
        text = _ATTR_LIST.sub("", text)
    if "*" in text or "_" in text:
        text = _STRONG.sub(_first_group, text)
        text = _EM_STAR.sub(r"\1", text)
        text = _EM_UNDERSCORE.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text)
    if escaped:
        text = text.translate(_UNESCAPE)
    if "  " in text or "\t" in text or "\xa0" in text:
        text = _SPACES.sub(" ", text)
    return "\n".join(s for s in (p.strip() for p in text.split("\n")) if s)


# -- summary --------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?:[。！？!?]+|…+|\.(?=\s|$))[”’」』）)\"']*")
_ENDS_CLAUSE = re.compile(r"[。！？!?…．.：:；;，,、][”’」』）)\"']*$")
_TRAILING_JUNK = "，、,;；:：“‘「『（([《<—-–·• "
_MIN_SENTENCE_SHARE = 0.4  # a sentence cut is taken when it keeps at least this share of the limit


def summary_of(markdown_text: str, limit: int = 120) -> str:
    """The first paragraph(s) of the plain text, at most ``limit`` characters.

    Paragraphs are taken while they fit. Text that does not fit is cut after the last complete
    sentence inside the limit (when that keeps a fair share of it); otherwise at a character
    (for Latin text: word) boundary, marked with "…". The result never exceeds ``limit``.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    paragraphs = plain_text(markdown_text).split("\n")
    text = ""
    for para in paragraphs:
        if text and not _ENDS_CLAUSE.search(text[-4:]):
            text = f"{text} {para}"  # a heading or caption before the text: keep them apart
        else:
            text = _join(text, para)
        if len(text) > limit:
            break
    if len(text) <= limit:
        return text

    window = text[:limit]
    best = 0
    for m in _SENTENCE_END.finditer(window):
        best = m.end()
    if best >= limit * _MIN_SENTENCE_SHARE:
        return window[:best].rstrip()

    cut = text[: limit - 1]
    if cut and _is_word_char(cut[-1]) and _is_word_char(text[limit - 1]):
        space = cut.rfind(" ")
        if space >= (limit - 1) * 0.6:  # do not split a Latin word when a space is near
            cut = cut[:space]
    cut = cut.rstrip(_TRAILING_JUNK)
    return cut + "…"
