"""URL slugs for articles: readable, ASCII, and safe as a file or folder name.

Chinese becomes toneless pinyin, one syllable per word of the slug (``金坛经开区`` ->
``jin-tan-jing-kai-qu``); Latin letters are lower-cased and lose their accents; digits stay;
everything else separates words. A slug only ever holds ``[a-z0-9-]``: never a path separator, a
dot, a space, or an empty string.

pypinyin is imported on first use (it costs ~0.2 s) and its results are cached per word, so
slugging a whole import of titles that share zone names and stock phrases stays cheap.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from editor.domain.values import MAX_SLUG_LENGTH
from editor.text.scripts import HAN

__all__ = ["DEFAULT_SLUG", "safe_slug", "slugify", "unique_slug"]

#: What a title without a single usable letter or digit becomes.
DEFAULT_SLUG = "article"

#: Names Windows refuses as file names, whatever the extension (an export may run there).
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)

#: Latin letters that Unicode decomposition does not reduce to ASCII.
_LATIN_EXTRA = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "ł": "l",
        "Ł": "l",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
    }
)

# Runs of Chinese characters are read as pinyin (one pypinyin knows no reading of stays as it
# is, then becomes a separator, as any other character outside [a-z0-9]).
_HAN = re.compile(f"([{HAN}]+)")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


@lru_cache(maxsize=1)
def _pinyin_tools() -> tuple[Callable[[str], list[str]], Callable[..., list[str]], object]:
    # imported on first use: pypinyin loads its dictionaries at import (~0.2 s of startup)
    from pypinyin import Style, lazy_pinyin  # noqa: PLC0415
    from pypinyin.seg.simpleseg import seg  # noqa: PLC0415

    return seg, lazy_pinyin, Style.NORMAL


@lru_cache(maxsize=65536)
def _word_pinyin(word: str) -> str:
    """Toneless pinyin of one word of Chinese, syllables joined by ``-``."""
    _, lazy_pinyin, normal = _pinyin_tools()
    return _latin("-".join(lazy_pinyin(word, style=normal)))  # ê, ň and the like -> ASCII


def _han_run_pinyin(run: str) -> str:
    """Pinyin of a run of Chinese characters, segmented into words the way pypinyin does it (so
    phrase readings such as 重庆 -> chong-qing hold), each word's reading cached."""
    seg = _pinyin_tools()[0]
    return "-".join(_word_pinyin(word) for word in seg(run))


def _latin(chunk: str) -> str:
    """Accents off, lower case; other non-ASCII characters are left for the caller to turn into
    separators (so ``1—9`` stays two numbers)."""
    decomposed = unicodedata.normalize("NFKD", chunk.translate(_LATIN_EXTRA))
    return _COMBINING.sub("", decomposed).lower()


def _cut(slug: str, max_length: int) -> str:
    if len(slug) <= max_length:
        return slug
    head = slug[: max_length + 1]
    boundary = head.rfind("-")
    return (slug[:boundary] if boundary > 0 else slug[:max_length]).strip("-")


def slugify(title: str, max_length: int = 80) -> str:
    """A readable URL slug of ``title``: ``[a-z0-9-]`` only, at most ``max_length`` characters,
    cut at a word boundary, never empty (``"article"``)."""
    if max_length < 1:
        raise ValueError(f"max_length must be at least 1, not {max_length}")
    text = unicodedata.normalize("NFKC", title)
    parts = _HAN.split(text)  # odd indices are runs of Chinese characters
    words = [_han_run_pinyin(part) if i % 2 else _latin(part) for i, part in enumerate(parts)]
    slug = _NOT_SLUG.sub("-", "-".join(words)).strip("-")
    slug = _cut(slug, max_length)
    if not slug:
        slug = DEFAULT_SLUG[:max_length]
    if slug in _RESERVED:
        slug = _cut(f"{slug}-{DEFAULT_SLUG}", max_length)
        if slug in _RESERVED:  # max_length too small to add anything: fall back
            slug = DEFAULT_SLUG[:max_length]
    return slug


def safe_slug(user_value: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """Clean a slug typed by a user the same way as a title: ``../../x`` -> ``x``, ``a/b`` ->
    ``a-b``, ``新闻`` -> ``xin-wen``; never empty."""
    return slugify(user_value, max_length=max_length)


def unique_slug(
    base: str,
    taken: Callable[[str], bool],
    *,
    max_length: int = MAX_SLUG_LENGTH,
    max_tries: int = 100_000,
) -> str:
    """``base`` if ``taken(base)`` is false, else ``base-2``, ``base-3``, … whichever is free first.

    The base is shortened where the suffix would make the slug longer than ``max_length``.
    Raises RuntimeError after ``max_tries`` candidates (a ``taken`` that never says no).
    """
    base = base or DEFAULT_SLUG
    if not taken(base):
        return base
    for n in range(2, max_tries + 2):
        suffix = f"-{n}"
        stem = base[: max(1, max_length - len(suffix))].rstrip("-") or DEFAULT_SLUG[0]
        candidate = stem + suffix
        if not taken(candidate):
            return candidate
    raise RuntimeError(f"no free slug for {base!r} after {max_tries} tries")
