"""Literal text made safe to stand in Markdown: it reads back as the same text, never as markup.

ZoneDesk renders bodies with Python-Markdown, whose backslash escapes cover ``\\ ` * _ { } [ ] ( )
> # + - . !``; a ``<`` that could open a tag and an ``&`` that could start an entity become
entities.
"""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]])")
_TAG_OPEN = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
#: What would make a line a heading, quote, list item or rule.
_BLOCK_START = re.compile(
    r"^(?P<indent>[ \t]*)(?:"
    r"(?P<mark>#{1,6}(?=\s|$)|>|[-+](?=\s))"
    r"|(?P<number>\d{1,9})(?P<dot>[.)])(?=\s|$)"
    r"|(?P<rule>(?:-[ \t]*){3,}$)"
    r")",
    re.MULTILINE,
)


def escape_inline(text: str) -> str:
    """``text`` with the characters escaped that Markdown reads as inline markup."""
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    return _TAG_OPEN.sub("&lt;", text)


def escape_html_text(text: str) -> str:
    """For text that markdownify has escaped already (``*`` and ``_``): the rest of the escapes."""
    text = _ENTITY.sub("&amp;", text)
    return _TAG_OPEN.sub("&lt;", text)


def escape_block_starts(text: str) -> str:
    """Escape what would turn any line of ``text`` into a heading, quote, list item or rule."""

    def escaped(match: re.Match[str]) -> str:
        indent = match.group("indent")
        if match.group("mark"):
            return f"{indent}\\{match.group('mark')}"
        if match.group("number"):
            return f"{indent}{match.group('number')}\\{match.group('dot')}"
        return indent + "\\" + match.group("rule")

    return _BLOCK_START.sub(escaped, text)


def escape_text(text: str) -> str:
    """One line of literal text as Markdown that shows exactly that text."""
    return escape_block_starts(escape_inline(text))
