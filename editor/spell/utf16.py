"""Python string indices <-> Qt positions, which count UTF-16 code units.

A character beyond the Basic Multilingual Plane (an emoji, a rare CJK ideograph of extension B and
later, e.g. 𠀾) is one Python character but two UTF-16 code units, so every Qt position after it
is one further on. ``Utf16Map`` converts both ways; for the common text with no such character it
is the identity and costs nothing to build.
"""

from __future__ import annotations

import bisect
import itertools

_BMP_END = "\uffff"


class Utf16Map:
    """Index conversion for one block of text (a QTextBlock's ``text()``)."""

    __slots__ = ("_length", "_qt")

    def __init__(self, text: str) -> None:
        self._length = len(text)
        self._qt: list[int] | None = None
        if text and not text.isascii() and max(text) > _BMP_END:
            widths = (2 if ch > _BMP_END else 1 for ch in text)
            self._qt = [0, *itertools.accumulate(widths)]

    @property
    def identity(self) -> bool:
        """True when Python and Qt positions are the same (no character beyond the BMP)."""
        return self._qt is None

    def to_qt(self, index: int) -> int:
        """The Qt (UTF-16) position of Python index ``index`` (0 ≤ index ≤ len(text))."""
        if not 0 <= index <= self._length:
            raise IndexError(f"index {index} outside 0..{self._length}")
        return index if self._qt is None else self._qt[index]

    def span_to_qt(self, start: int, end: int) -> tuple[int, int]:
        """A Python ``[start, end)`` as Qt's ``(position, length)``, as ExtraSelections want it."""
        qt_start = self.to_qt(start)
        return qt_start, self.to_qt(end) - qt_start

    def from_qt(self, position: int) -> int:
        """The Python index at Qt position ``position`` (a position inside a surrogate pair
        maps to the character it belongs to)."""
        if self._qt is None:
            if not 0 <= position <= self._length:
                raise IndexError(f"position {position} outside 0..{self._length}")
            return position
        if not 0 <= position <= self._qt[-1]:
            raise IndexError(f"position {position} outside 0..{self._qt[-1]}")
        return bisect.bisect_right(self._qt, position) - 1


def utf16_length(text: str) -> int:
    """The length of ``text`` as Qt counts it."""
    return len(text.encode("utf-16-le")) // 2
