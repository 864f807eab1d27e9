"""Chinese names in the order Chinese readers expect, and found by what they type.

**Order.** ``pinyin_key(name)`` sorts names syllable by syllable as a dictionary does: by toneless
pinyin first (北京 bei-jing, 常州 chang-zhou, 东莞 dong-guan, 上海 shang-hai, 乌鲁木齐
wu-lu-mu-qi), then by tone (1-4, the neutral tone last), then by the characters themselves, so
the order is total and stable: two names compare equal only when they are the same string. Latin
words and digits are units of their own, lower-cased, so ``ABC园区`` sorts under *a*, among the
pinyin. Polyphonic characters are read through pypinyin's phrase dictionary (重庆 chong-qing,
长沙 chang-sha, 厦门 xia-men).

**Finding.** ``matches(query, target)`` says whether a name, or a path of names such as a
category ``("开发区新闻", "常州", "文字新闻")``, answers a query typed in a search box. The query
is split at spaces into terms; *every* term must match *some* level of the path, in any order
(``常州 文字`` and ``文字 常州`` both find ``开发区新闻 > 常州 > 文字新闻``; a term never spans two
levels). A term matches a level when it is

- a piece of its text (``常州``, ``文字``; letters compared case-blind),
- a run of the initials of its syllables (``cz`` for 常州, ``jt`` for 江苏金坛经济开发区), or
- pinyin starting at one of its syllables (``changzhou``, ``chang``, ``jintan``; not ``angzh``).

Terms without a letter, digit or character (the ``>`` of a pasted path) are ignored; an empty
query matches everything.

pypinyin is imported on first use (it costs ~0.2 s) and every key is cached by name, like
``editor.domain.slug``. Qt-free: the GUI and the export use the same keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = [
    "REGION_DEPTH",
    "SearchKey",
    "category_sort_key",
    "key_of_reading",
    "matches",
    "pinyin_key",
    "query_terms",
    "reading",
    "search_key",
    "sorted_names",
]

#: A unit of a name: (toneless syllable or Latin word, tone: 1-4, 5 neutral, 0 for no tone).
Unit = tuple[str, int]
#: What ``pinyin_key`` returns: syllables, their tones, the name itself.
SortKey = tuple[tuple[str, ...], tuple[int, ...], str]

#: The level of the category tree (section > region > kind) whose names are sorted by pinyin:
#: the regions (cities). The sections above it and the kinds below keep the order they were
#: given (their positions: 开发区新闻 first, 文字新闻 before 图片新闻).
REGION_DEPTH = 2

_WORD = re.compile(r"[^\W_]+")
_SYLLABLE = re.compile(r"([a-zü]+)([1-5])")


@lru_cache(maxsize=1)
def _pinyin_tools() -> tuple[Callable[[str], list[str]], Callable[[str], bool], Callable[..., Any]]:
    # imported on first use: pypinyin loads its dictionaries at import (~0.2 s of startup)
    from pypinyin import Style, pinyin  # noqa: PLC0415
    from pypinyin.constants import RE_HANS  # noqa: PLC0415
    from pypinyin.seg.simpleseg import seg  # noqa: PLC0415

    def readings(word: str) -> list[str]:
        return [
            choices[0] for choices in pinyin(word, style=Style.TONE3, neutral_tone_with_five=True)
        ]

    return seg, lambda text: RE_HANS.match(text) is not None, readings


@lru_cache(maxsize=65536)
def _units(name: str) -> tuple[Unit, ...]:
    """The syllables and Latin words of ``name`` in order, each with its tone."""
    seg, is_han, readings = _pinyin_tools()
    text = unicodedata.normalize("NFKC", name).casefold()
    units: list[Unit] = []
    for segment in seg(text):
        if is_han(segment):
            for reading in readings(segment):
                found = _SYLLABLE.fullmatch(reading)
                units.append((found[1], int(found[2])) if found else (reading, 0))
        else:
            units.extend((word, 0) for word in _WORD.findall(segment))
    return tuple(units)


@lru_cache(maxsize=65536)
def pinyin_key(name: str) -> SortKey:
    """A sort key putting Chinese names in pinyin order (see the module's docstring)."""
    units = _units(name)
    return tuple(u for u, _ in units), tuple(t for _, t in units), name


def sorted_names(names: Iterable[str]) -> list[str]:
    """``names`` in pinyin order."""
    return sorted(names, key=pinyin_key)


def reading(name: str) -> str:
    """What ``pinyin_key(name)`` is made of, as text to keep (``常州`` -> ``chang2 zhou1``, a Latin
    word with tone 0: ``abc0``), where loading pypinyin again would cost more than the work."""
    return " ".join(f"{unit}{tone}" for unit, tone in _units(name))


def key_of_reading(name: str, text: str) -> SortKey | None:
    """``pinyin_key(name)`` from its ``reading``; None when ``text`` is no reading."""
    units: list[str] = []
    tones: list[int] = []
    for token in text.split():
        unit, tone = token[:-1], token[-1:]
        if not unit or tone not in "012345":
            return None
        units.append(unit)
        tones.append(int(tone))
    return tuple(units), tuple(tones), name


def category_sort_key(
    depth: int, position: int, name_key: SortKey, ident: int
) -> tuple[int, SortKey, int]:
    """Where a category stands among its siblings: ``depth`` is 1 for the top sections,
    ``name_key`` the ``pinyin_key`` of its name.

    The regions (``REGION_DEPTH``) are in pinyin order: their positions were only ever the order
    they were created or seeded in (code-point order). Every other level keeps its positions,
    and pinyin orders siblings of equal position; the id decides last.
    """
    if depth == REGION_DEPTH:
        return 0, name_key, ident
    return position, name_key, ident


# -- finding -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _LevelKey:
    text: str  # NFKC, case-folded
    full: str  # the toneless pinyin of its units, run together: "changzhou"
    starts: tuple[int, ...]  # where each unit starts in ``full``
    initials: str  # the first letter of each unit: "cz"

    def matches(self, term: str) -> bool:
        if term in self.text or term in self.initials:
            return True
        return any(self.full.startswith(term, start) for start in self.starts)


@dataclass(frozen=True, slots=True)
class SearchKey:
    """What a name or path is found by, computed once (``search_key``)."""

    levels: tuple[_LevelKey, ...]

    def matches(self, terms: Sequence[str]) -> bool:
        return all(any(level.matches(term) for level in self.levels) for term in terms)


@lru_cache(maxsize=65536)
def _level_key(name: str) -> _LevelKey:
    units = [u for u, _ in _units(name)]
    starts, offset = [], 0
    for unit in units:
        starts.append(offset)
        offset += len(unit)
    return _LevelKey(
        text=unicodedata.normalize("NFKC", name).casefold(),
        full="".join(units),
        starts=tuple(starts),
        initials="".join(u[0] for u in units),
    )


@lru_cache(maxsize=65536)
def _search_key(levels: tuple[str, ...]) -> SearchKey:
    return SearchKey(tuple(_level_key(name) for name in levels))


def search_key(target: str | Sequence[str]) -> SearchKey:
    """The search key of a name or of a path of names (cached)."""
    return _search_key((target,) if isinstance(target, str) else tuple(target))


@lru_cache(maxsize=1024)
def query_terms(query: str) -> tuple[str, ...]:
    """The terms of a typed query: split at spaces, case-folded, ü as v (as pinyin input methods
    type it); terms without a letter, digit or character are dropped."""
    text = unicodedata.normalize("NFKC", query).casefold().replace("ü", "v")
    return tuple(term for term in text.split() if any(ch.isalnum() for ch in term))


def matches(query: str, target: str | Sequence[str] | SearchKey) -> bool:
    """Whether ``target`` (a name, a path of names, or its search key) answers ``query``."""
    key = target if isinstance(target, SearchKey) else search_key(target)
    return key.matches(query_terms(query))
