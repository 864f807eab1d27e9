"""Word lists as text: one word a line, ``#`` starts a comment; and the lists ZoneDesk ships.

The shipped lists are ``resources/dictionaries/*.txt``: pinyin names of the portal's provinces,
cities and zones, and business and technology words, that the en_US dictionary lacks. This module
needs neither SQLAlchemy nor Qt, so ``main.py check`` starts quickly without an archive.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger("zonedesk.spell")

DICTIONARIES_DIR = Path(__file__).resolve().parents[2] / "resources" / "dictionaries"
_WORD_LIMIT = 100


def clean_word(word: str) -> str:
    """A word as stored: stripped; refused when empty, too long, or holding a space."""
    cleaned = word.strip().replace("’", "'")
    if not cleaned:
        raise ValueError("an empty word cannot be added")
    if any(ch.isspace() for ch in cleaned):
        raise ValueError(f"one word at a time, without spaces: {word!r}")
    if len(cleaned) > _WORD_LIMIT:
        raise ValueError(f"a word of more than {_WORD_LIMIT} characters: {word[:20]!r}…")
    return cleaned


def parse_words(text: str) -> list[str]:
    """The words of a stored list or a word-list file: one a line, ``#`` starts a comment."""
    words = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return list(dict.fromkeys(w for w in words if w))


def format_words(words: Iterable[str]) -> str:
    return "\n".join(sorted(set(words), key=lambda w: (w.casefold(), w)))


def builtin_words(folder: Path = DICTIONARIES_DIR) -> list[str]:
    """The words shipped in ``resources/dictionaries/*.txt`` (none when the folder is missing)."""
    words: list[str] = []
    for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
        try:
            words += parse_words(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("word list %s not read: %s", path, exc)
    return words
