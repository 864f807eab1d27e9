"""字数 and English words of an article body, counted the way a Chinese newsroom counts them.

``count_text`` reads the readable text of a Markdown body (``render.plain_text``: no markup, no
link targets, no image references) and counts

- Chinese characters (字数): Han ideographs, whatever their plane (𠀾 counts once);
- English words: runs of Latin letters, with inner apostrophes and hyphens (``don't``,
  ``e-mail``) kept in one word.

Digits and punctuation count as neither. ``count_plain`` counts an already plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from editor.render.plaintext import plain_text

__all__ = ["TextCounts", "count_plain", "count_text"]

_HAN = re.compile(
    "[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002a6df\U0002a700-\U0002ebef\U00030000-\U0003134f]"
)
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_WORD = re.compile(f"[{_LATIN}]+(?:['\u2019-][{_LATIN}]+)*")


@dataclass(frozen=True, slots=True)
class TextCounts:
    chinese: int = 0  # 字数: Han characters
    english: int = 0  # English (Latin-script) words


def count_plain(text: str) -> TextCounts:
    """Counts of a plain text (no Markdown handling)."""
    if not text:
        return TextCounts()
    chinese = len(_HAN.findall(text)) if not text.isascii() else 0
    return TextCounts(chinese, len(_WORD.findall(text)))


def count_text(markdown_text: str) -> TextCounts:
    """Counts of the readable text of a Markdown body."""
    return count_plain(plain_text(markdown_text))
