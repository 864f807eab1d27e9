"""What a line of a Markdown body is, read from the line alone: a fence, a list item, a quote, a
table row; and what Enter, Tab and Shift+Tab do to a list or quote line.

The editor's typing helpers (list and quote continuation, paste) share these shapes so they agree
with each other and with the highlighter (a fence line toggles "inside code", whatever its
length, as the highlighter paints it).

- ``enter_edit(line, column)``: Enter in ``- item`` / ``* item`` / ``1. item`` / ``> quote``
  (nested indentation and quotes kept) continues with the next marker (``1.`` -> ``2.``); Enter on
  an item or quote with nothing after its marker takes the innermost marker away, which ends the
  list (a list inside a quote leaves the quote, then the quote ends).
- ``indent_edit(line, outdent)``: Tab / Shift+Tab on a list line move the item one list level
  (``LIST_INDENT``, four spaces: Python-Markdown nests lists by four) in or out.

Each answers ``None`` when the line is not theirs to handle: the editor then does what it always
does (a plain line break, a tab character).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "LIST_INDENT",
    "LineEdit",
    "enter_edit",
    "fence_open_at_end",
    "indent_edit",
    "is_blank",
    "is_fence",
    "is_indented_code",
    "is_list_item",
    "is_quote",
    "is_table_row",
    "split_prefix",
]

LIST_INDENT = "    "

_FENCE = re.compile(r" {0,3}(?:`{3,}|~{3,})")
_FENCE_LINES = re.compile(r"^ {0,3}(?:`{3,}|~{3,})", re.MULTILINE)
_QUOTE = re.compile(r"[ \t]{0,3}>")
_PREFIX = re.compile(
    r"(?P<quote>(?:[ ]{0,3}>[ \t]?)*)"
    r"(?:(?P<indent>[ \t]*)(?P<marker>[-*+]|(?P<number>\d{1,9})(?P<delim>[.)]))(?P<gap>[ \t]+))?"
)
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def is_blank(line: str) -> bool:
    """Blank the way Markdown sees it: nothing but spaces and tabs (a full-width space is text)."""
    return not line.strip(" \t")


def is_fence(line: str) -> bool:
    return _FENCE.match(line) is not None


def is_quote(line: str) -> bool:
    return _QUOTE.match(line) is not None


def is_list_item(line: str) -> bool:
    found = _PREFIX.match(line)
    return found is not None and not found.group("quote") and found.group("marker") is not None


def is_table_row(line: str) -> bool:
    """A line with an (unescaped) ``|``: a table row or its separator."""
    return "|" in line and _UNESCAPED_PIPE.search(line) is not None


def is_indented_code(line: str) -> bool:
    """Indented by a tab or four spaces: after a blank line, Markdown reads it as code."""
    return line.startswith(("\t", LIST_INDENT)) or line[:4].lstrip(" ").startswith("\t")


def fence_open_at_end(text: str) -> bool:
    """Whether the end of ``text`` is inside a fenced code block (an odd number of fence lines
    before it). Linear: one regular-expression scan."""
    if "``" not in text and "~~" not in text:
        return False
    return len(_FENCE_LINES.findall(text)) % 2 == 1


@dataclass(frozen=True, slots=True)
class Prefix:
    """The markup at the start of a line: ``quote`` (``> > ``), then a list item's ``indent``,
    ``marker`` (``-``, ``*``, ``+``, ``3.``, ``3)``) and ``gap`` (the spaces after it)."""

    quote: str
    indent: str
    marker: str
    gap: str

    @property
    def text(self) -> str:
        return self.quote + self.indent + self.marker + self.gap

    def next_marker(self) -> str:
        if self.marker[:1].isdigit():
            return f"{int(self.marker[:-1]) + 1}{self.marker[-1]}"
        return self.marker


def split_prefix(line: str) -> Prefix | None:
    """The quote and list markup ``line`` starts with, or None when it has neither."""
    found = _PREFIX.match(line)
    if found is None:
        return None
    quote = found.group("quote") or ""
    marker = found.group("marker") or ""
    if not quote and not marker:
        return None
    if not marker:
        return Prefix(quote, "", "", "")
    return Prefix(quote, found.group("indent"), marker, found.group("gap"))


@dataclass(frozen=True, slots=True)
class LineEdit:
    """Replace the line's characters ``start:end`` with ``text``; the cursor goes after it."""

    start: int
    end: int
    text: str


def enter_edit(line: str, column: int) -> LineEdit | None:
    """What Enter at ``column`` of ``line`` does when the line is a list item or a quote."""
    prefix = split_prefix(line)
    if prefix is None:
        return None
    head = prefix.quote + prefix.indent + prefix.marker
    if column < len(head):
        return None  # before the marker: an ordinary line break pushes the item down
    if not line[len(head) :].strip():
        # nothing after the marker: the innermost marker goes, ending the list (or the quote)
        if prefix.marker:
            return LineEdit(0, len(line), prefix.quote)
        return LineEdit(0, len(line), _outer_quote(prefix.quote))
    continued = prefix.quote + prefix.indent + prefix.next_marker() + prefix.gap
    return LineEdit(column, column, "\n" + continued)


def _outer_quote(quote: str) -> str:
    """``> > `` without its last ``>`` (and what follows it)."""
    cut = quote.rstrip(" \t")
    return cut[: cut.rfind(">")] if ">" in cut else ""


def indent_edit(line: str, outdent: bool) -> LineEdit | None:
    """Tab (``outdent`` False) or Shift+Tab on a list item: one list level in or out."""
    prefix = split_prefix(line)
    if prefix is None or not prefix.marker:
        return None
    at = len(prefix.quote)
    if not outdent:
        return LineEdit(at, at, LIST_INDENT)
    indent = prefix.indent
    if indent.startswith("\t"):
        return LineEdit(at, at + 1, "")
    spaces = len(indent) - len(indent.lstrip(" "))
    return LineEdit(at, at + min(spaces, len(LIST_INDENT)), "")
