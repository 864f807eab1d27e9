"""Text as HTML and XML accept it: without the code points both refuse.

The Nu HTML checker refuses C0 and C1 control characters (but tab, line feed, form feed and
carriage return), lone surrogates and noncharacters; XML 1.0 refuses form feed too. Every text
that reaches a page (titles, names, tags, settings, bodies) goes through ``clean_text`` once, where
it enters the export.
"""

from __future__ import annotations

import functools
import re

_BAD_BMP = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
#: A fast first look: a forbidden BMP code point, or any code point from U+1FFFE up.
SUSPECT = re.compile(f"[{_BAD_BMP}\U0001fffe-\U0010ffff]")


@functools.cache
def forbidden() -> re.Pattern[str]:
    """The exact set, also U+nFFFE and U+nFFFF of planes 1-16 (a long character class: slow to
    compile and to run, so made on first need)."""
    astral = "".join(f"\\U{plane:04X}FFFE\\U{plane:04X}FFFF" for plane in range(1, 17))
    return re.compile(f"[{_BAD_BMP}{astral}]")


def clean_text(value: str) -> str:
    """``value`` without the code points HTML or XML forbid (itself, mostly)."""
    if SUSPECT.search(value) is None:
        return value
    return forbidden().sub("", value)


def clean_optional(value: str | None) -> str | None:
    return None if value is None else clean_text(value)
