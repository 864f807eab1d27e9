"""A Markdown body read without rendering it: ``plain_text`` and ``summary_of``.

Regular expressions over the Markdown source, no Python-Markdown: they serve snippets, summaries
and character counts over the whole archive, where rendering every body would cost too much. What
they find agrees with what ``editor.render.markdown`` renders (the tests compare the two).
"""

from __future__ import annotations

import html
import re

__all__ = ["plain_text", "summary_of"]

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
