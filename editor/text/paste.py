"""Pasted text keeps its paragraphs: ``paste_paragraphs``.

Chinese copy from Word, WeChat or a web page separates paragraphs with one line break. Markdown
reads a single line break as a soft break inside one paragraph, so such a paste would run its
paragraphs together (本报讯 glued to the next paragraph). ``paste_paragraphs`` gives each of them a
blank line instead, and otherwise leaves the text exactly as it came: it only ever adds ``\\n``
after an existing line break, never drops or changes a character.

A line break becomes a paragraph break when the lines on both sides hold text, except where the
break means something in Markdown:

- the paste (or the place it goes to) is inside a fenced code block, or the break is: code keeps
  its lines;
- the paste already has a blank line between two lines of text: its author separates paragraphs
  with blank lines (Markdown, or text wrapped by hand), so its single breaks are soft and it is
  pasted as it is;
- both lines are list items (or the second continues the item, indented): a list stays a tight
  list;
- both lines are quote lines (``>``), or both are table rows (a ``|``): quotes and tables stay
  whole;
- the second line is indented by four spaces or a tab: after a blank line it would turn into code.

A break before a list, a quote or a table that follows a paragraph does become a paragraph break:
Markdown needs that blank line to see the list, quote or table at all.

Linear in the length of the text (a 5 MB paste is a matter of a second).
"""

from __future__ import annotations

import re

from editor.text.markdownlines import (
    fence_open_at_end,
    is_blank,
    is_fence,
    is_indented_code,
    is_list_item,
    is_quote,
    is_table_row,
)

__all__ = ["paste_paragraphs"]

_BREAK = re.compile(r"(\r\n|\r|\n)")
# A blank line between two lines of text: a line break, spaces or tabs only, another line break,
# then something other than a break or blank.
_BLANK_LINE = re.compile(r"\S[^\S\r\n]*(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r(?!\n)|\n)\s*\S")
_STRUCTURE_START = frozenset(" \t>|`~-*+0123456789")


def paste_paragraphs(text: str, before: str = "") -> str:
    """``text`` as it should go into the body: each single line break between two lines of text
    made a paragraph break (see the module's rules). ``before`` is the body up to the cursor
    (whether the paste lands inside a fence, and what its first line continues)."""
    if "\n" not in text and "\r" not in text:
        return text
    if _has_blank_line(text) or fence_open_at_end(before):
        return text
    parts = _BREAK.split(text)  # line, break, line, break, …, line
    head = before.rsplit("\n", 1)[-1] + parts[0]  # the first line continues the cursor's line
    out: list[str] = []
    previous = _Line(head)
    in_fence = previous.fence  # the line before the break is code
    in_list = previous.item  # the line before the break belongs to a list item
    for index in range(1, len(parts), 2):
        out.append(parts[index - 1])
        out.append(parts[index])
        line = _Line(parts[index + 1])
        if not in_fence and not _keeps_break(previous, line, in_list):
            out.append(parts[index])
        if line.fence:
            in_fence = not in_fence
        in_list = line.item or (in_list and line.indented)
        previous = line
    out.append(parts[-1])
    return "".join(out)


class _Line:
    """One line's shape, found once (cheaply: most lines of prose start with none of the few
    characters structure starts with)."""

    __slots__ = ("blank", "fence", "indented", "item", "quote", "table", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.blank = is_blank(text)
        first = text[:1]
        structure = first in _STRUCTURE_START and not self.blank
        self.indented = first in (" ", "\t")
        self.fence = structure and is_fence(text)
        self.item = structure and is_list_item(text)
        self.quote = structure and is_quote(text)
        self.table = "|" in text and is_table_row(text)


def _has_blank_line(text: str) -> bool:
    return _BLANK_LINE.search(text) is not None


def _keeps_break(previous: _Line, line: _Line, in_list: bool) -> bool:
    """Whether the line break between ``previous`` and ``line`` stays a single one."""
    if previous.blank or line.blank:
        return True
    if line.fence:
        return False
    if line.indented and (in_list or is_indented_code(line.text)):
        return True  # an item's continuation; or a line a blank line would turn into code
    if in_list and line.item:
        return True
    return (previous.quote and line.quote) or (previous.table and line.table)
