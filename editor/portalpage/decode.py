"""Bytes of a saved page -> text: a BOM first, then UTF-8 when the bytes are valid UTF-8 (a page
re-saved by a browser may still declare its old charset; GBK text is valid UTF-8 by accident only
for a few characters), then the charset the page declares, then GBK (as GB18030, its superset: the
portal's older pages are GB2312/GBK).

A page whose bytes decode under none of these, or that holds binary (NUL bytes, runs of control
characters), is refused with a PageError saying so.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from editor.portalpage.model import Decoded, PageError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: ``<meta charset="gb2312">``, ``<meta http-equiv="Content-Type" content="text/html;
#: charset=gbk">`` and ``<?xml version="1.0" encoding="gbk"?>``, in the first bytes of a page.
_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*(?P<meta>[A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]*?encoding\s*=\s*["'](?P<xml>[A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)

#: Names pages give the Chinese encodings; GB18030 decodes all of them.
_GB_NAMES = frozenset({"gb2312", "gb_2312", "gb_2312-80", "gbk", "x-gbk", "cp936", "gb18030"})

#: The share of control characters above which text is taken for binary.
_MAX_CONTROL_SHARE = 0.01


def declared_charset(data: bytes) -> str | None:
    """The codec named by the page's meta tag or XML declaration (Python's name), if any."""
    found = _DECLARED.search(data[:8192])
    if found is None:
        return None
    name = (found.group("meta") or found.group("xml") or b"").decode("ascii").lower()
    if name.replace("-", "_") in _GB_NAMES or name in _GB_NAMES:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_page(data: bytes) -> Decoded:
    """The page's text and the codec that gave it; PageError for binary or undecodable bytes."""
    if not data.strip():
        raise PageError("the file is empty")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(Decoded(data[len(bom) :].decode(codec), codec, codec))
            except UnicodeDecodeError:
                raise PageError(f"the file starts as {codec} but is not valid {codec}") from None
    if b"\x00" in data[:65536]:
        raise PageError("the file is binary (it holds NUL bytes), not a page")
    declared = declared_charset(data)
    tried: list[str] = []
    for candidate in ("utf-8", declared, "gb18030"):
        if candidate is None or candidate in tried:
            continue
        codec = candidate
        tried.append(codec)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        return _checked(Decoded(text, codec, declared))
    raise PageError(
        "the bytes are not text in "
        + (
            f"the declared {declared}, "
            if declared and declared not in ("utf-8", "gb18030")
            else ""
        )
        + "UTF-8 or GBK: not a page, or damaged"
    )


def _checked(decoded: Decoded) -> Decoded:
    text = decoded.text
    sample = text[:200_000]
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\x0b"
    )
    if controls > max(8, len(sample) * _MAX_CONTROL_SHARE):
        raise PageError("the file is binary (it holds control characters), not a page")
    return Decoded(
        text.replace("\r\n", "\n").replace("\r", "\n"), decoded.encoding, decoded.declared
    )


_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|table|p|!--)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_INSIDE = re.compile(r"<(?:html|body|div|p|table|br)\b[^>]*>", re.IGNORECASE)


def looks_like_html(text: str, name: str = "") -> bool:
    """True for HTML (by its start, or an .htm(l) name and tags inside), False for plain text."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    lowered = name.lower()
    if lowered.endswith((".htm", ".html", ".shtml", ".xhtml")):
        return _HTML_INSIDE.search(text[:65536]) is not None
    return False
