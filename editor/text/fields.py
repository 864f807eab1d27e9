"""How the article form writes list fields as one line of text, and reads them back."""

from __future__ import annotations

import re

__all__ = ["TAG_SEPARATOR", "format_tags", "parse_tags"]

#: Tags are shown joined by the Chinese list comma; any comma, semicolon or 、 separates them.
TAG_SEPARATOR = "、"
_SPLIT = re.compile(r"[,，、;；\n]+")


def parse_tags(text: str) -> tuple[str, ...]:
    """``"园区、签约, 项目"`` -> ``("园区", "签约", "项目")``: stripped, empty ones and repeats
    dropped, order kept."""
    seen: dict[str, None] = {}
    for part in _SPLIT.split(text):
        tag = part.strip()
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


def format_tags(tags: tuple[str, ...] | list[str]) -> str:
    return TAG_SEPARATOR.join(tags)
