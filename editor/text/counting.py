"""字数 and English words of an article body, counted the way a Chinese newsroom counts them.

``count_text`` reads the readable text of a Markdown body (``render.plain_text``: no markup, no
link targets, no image references) and counts

- Chinese characters (字数): Han ideographs, whatever their plane (𠀾 counts once);
- English words: runs of Latin letters, with inner apostrophes and hyphens (``don't``,
  ``e-mail``) kept in one word.

Digits and punctuation count as neither. ``count_plain`` counts an already plain text.

``count_change`` tells what changed between two bodies in the same units: the 字 and words
added and removed, found by a diff of the counted texts (adding 本报讯 and a paragraph is
+19 字 −0 字, however long the body around them).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from editor.render.plaintext import plain_text
from editor.text.scripts import HAN

__all__ = [
    "TextChange",
    "TextCounts",
    "change_plain",
    "count_change",
    "count_plain",
    "count_text",
]

_HAN = re.compile(f"[{HAN}]")
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_WORD = re.compile(f"[{_LATIN}]+(?:['\u2019-][{_LATIN}]+)*")
#: what is counted, one match a unit: a Han character or an English word
_UNIT = re.compile(f"{_HAN.pattern}|{_WORD.pattern}")
#: changed passages with more units than this (both sides) are told apart at their common
#: start and end only: a character diff of whole books costs seconds
DIFF_MAX_UNITS = 20_000


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


@dataclass(frozen=True, slots=True)
class TextChange:
    """What changed between two texts, in the units ``count_text`` counts."""

    chinese_added: int = 0
    chinese_removed: int = 0
    english_added: int = 0
    english_removed: int = 0

    def __bool__(self) -> bool:
        return any(
            (self.chinese_added, self.chinese_removed, self.english_added, self.english_removed)
        )


def _units(line: str) -> tuple[str, ...]:
    return tuple(_UNIT.findall(line))


def _is_han(unit: str) -> bool:
    return _HAN.fullmatch(unit) is not None


def _tally(units: Sequence[str]) -> tuple[int, int]:
    """Han characters and English words among ``units``."""
    chinese = sum(1 for u in units if _is_han(u))
    return chinese, len(units) - chinese


def _changed_units(old: Sequence[str], new: Sequence[str]) -> tuple[list[str], list[str]]:
    """The units of ``old`` removed and of ``new`` added, by a diff of the two sequences (past
    ``DIFF_MAX_UNITS``: everything between their common start and end)."""
    if len(old) + len(new) > DIFF_MAX_UNITS:
        start = 0
        limit = min(len(old), len(new))
        while start < limit and old[start] == new[start]:
            start += 1
        end = 0
        while end < limit - start and old[-1 - end] == new[-1 - end]:
            end += 1
        return list(old[start : len(old) - end]), list(new[start : len(new) - end])
    removed: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed.extend(old[i1:i2])
            added.extend(new[j1:j2])
    return removed, added


def change_plain(old: str, new: str) -> TextChange:
    """What changed from the plain text ``old`` to ``new``: units added and removed.

    Paragraphs (lines) are matched first, then the units of each changed run of paragraphs, so
    an insertion counts what was inserted, not the text that moved along behind it.
    """
    if old == new:
        return TextChange()
    before = [u for u in map(_units, old.splitlines()) if u]
    after = [u for u in map(_units, new.splitlines()) if u]
    removed: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        gone = [u for line in before[i1:i2] for u in line]
        came = [u for line in after[j1:j2] for u in line]
        less, more = _changed_units(gone, came)
        removed += less
        added += more
    chinese_added, english_added = _tally(added)
    chinese_removed, english_removed = _tally(removed)
    return TextChange(chinese_added, chinese_removed, english_added, english_removed)


def count_change(old_markdown: str, new_markdown: str) -> TextChange:
    """What changed between two Markdown bodies, counted in their readable texts."""
    if old_markdown == new_markdown:
        return TextChange()
    return change_plain(plain_text(old_markdown), plain_text(new_markdown))
