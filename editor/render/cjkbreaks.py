"""Soft line breaks between Chinese characters render as nothing, not as a space.

A single line break inside a paragraph is a soft break: the browser shows it as a space. Between
two Latin words that is right; between two Chinese characters it puts a gap into the sentence
(``金坛\\n开发区`` reads ``金坛 开发区``). ``CjkBreaks`` joins such lines after Python-Markdown's
inline patterns have run, so emphasis and links on either side count too (``**金坛**\\n开发区``).

What counts as Chinese on both sides of the break: Han ideographs (any plane), CJK symbols and
punctuation (``。，、「」``), full-width and half-width forms (``：（）！``), and the CJK
compatibility forms. Chinese quotes and dashes (``“”‘’…—·``) count when the other side is one of
those. Code (inline or blocks), images and hard breaks are left alone, and so is a break with a
Latin letter or a digit on either side.

Imports Python-Markdown: ``editor.render.markdown`` loads this module when it builds its
converter.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from editor.text.scripts import CJK_TEXT

__all__ = ["CjkBreakExtension", "CjkBreaks", "join_cjk_breaks"]

_CJK = CJK_TEXT  # Han, kana, bopomofo, radicals, Chinese punctuation, full-width forms
_QUOTES = "\u201c\u201d\u2018\u2019\u2026\u2014\u00b7"  # “”‘’…—·
_BREAK = r"[ \t]*\n[ \t]*"
_JOIN = re.compile(
    f"(?:(?<=[{_CJK}]){_BREAK}(?=[{_CJK}{_QUOTES}]))|(?:(?<=[{_QUOTES}]){_BREAK}(?=[{_CJK}]))"
)

#: Elements whose text holds a paragraph's words (their inline children are walked into).
_CONTAINERS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "figcaption"}
)
#: Inline elements a break next to them must not be joined across.
_BARRIERS = frozenset({"code", "pre", "img", "br", "kbd", "samp", "script", "style"})
#: Blocks inside a container (a loose list item's paragraphs, a nested list): walked on their own.
_BLOCKS = frozenset(
    {
        "p",
        "ul",
        "ol",
        "li",
        "blockquote",
        "div",
        "table",
        "pre",
        "hr",
        "dl",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)

_Slot = tuple[ET.Element, str] | None  # (element, "text" or "tail"); None: a barrier


def join_cjk_breaks(text: str, before: str = "", after: str = "") -> str:
    """``text`` with each soft break between two Chinese characters taken out; ``before`` and
    ``after`` are the characters next to it in the paragraph (they stay as they are)."""
    if "\n" not in text:
        return text
    joined = _JOIN.sub("", before + text + after)
    return joined[len(before) : len(joined) - len(after)]


class CjkBreaks(Treeprocessor):
    """Runs after the inline patterns (priority 20), before the output is prettified (10)."""

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            if element.tag in _CONTAINERS:
                self._join(element)

    def _join(self, container: ET.Element) -> None:
        slots: list[_Slot] = []
        _collect(container, slots)
        texts = [None if slot is None else getattr(*slot) or "" for slot in slots]
        for index, slot in enumerate(slots):
            text = texts[index]
            if slot is None or text is None or "\n" not in text:
                continue
            new = join_cjk_breaks(text, _neighbour(texts, index, -1), _neighbour(texts, index, 1))
            if new != text:
                setattr(*slot, type(text)(new))  # an AtomicString stays one
                texts[index] = new


def _neighbour(texts: list[str | None], index: int, step: int) -> str:
    """The character next to ``texts[index]`` in the paragraph ("" at a barrier or an end)."""
    at = index + step
    while 0 <= at < len(texts):
        text = texts[at]
        if text is None:
            return ""
        if text:
            return text[-1] if step < 0 else text[0]
        at += step
    return ""


def _collect(element: ET.Element, slots: list[_Slot]) -> None:
    """The text and tails of ``element``'s inline content, in reading order."""
    slots.append((element, "text"))
    for child in element:
        if not isinstance(child.tag, str) or child.tag in _BLOCKS:
            slots.append(None)
            continue
        if child.tag in _BARRIERS:
            slots.append(None)
        else:
            _collect(child, slots)
        slots.append((child, "tail"))


class CjkBreakExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(CjkBreaks(md), "cjk_breaks", 15)
