"""One table of the CJK scripts (editor.text.scripts) for every module that asks "is this
Chinese text": the counts, the slug, the checks, the renderer, the page reader and the search."""

from __future__ import annotations

import hashlib
import re

import pytest

from editor.archive import search
from editor.domain.slug import slugify
from editor.portalpage.fields import join_source_lines
from editor.render.cjkbreaks import join_cjk_breaks
from editor.spell.tokens import is_cjk
from editor.text import scripts
from editor.text.counting import count_plain

EXT_B = "\U0002003e"  # 𠀾
EXT_I = "\U0002ebf0"  # of CJK extension I (Unicode 15.1)
#: the search tokenizer's CJK ranges when the first index was built (schema 0001)
FINGERPRINT = "1d95030c539ee2e3"


def code_points(cls: str) -> list[int]:
    matches = re.compile(f"[{cls}]").match
    return [c for c in range(0x110000) if not 0xD800 <= c < 0xE000 and matches(chr(c))]


@pytest.mark.parametrize("han", ["中", "〇", "鿿", EXT_B, EXT_I, "\uf900"])
def test_every_han_character_is_one_zi_and_chinese_text(han: str) -> None:
    assert count_plain(f"a{han}b").chinese == 1
    assert is_cjk(han)
    assert join_cjk_breaks(f"中\n{han}") == f"中{han}"
    assert join_source_lines(f"中\n{han}") == f"中{han}"


def test_what_is_not_chinese_text() -> None:
    for other in ("\u3000", "한", "a", "1", "“", "—"):
        assert not is_cjk(other), repr(other)
        assert count_plain(other).chinese == 0
    assert join_cjk_breaks("中\n한") == "中\n한"  # Korean is written with spaces


def test_marks_and_punctuation_are_text_but_not_counted() -> None:
    for mark in ("々", "、", "。", "《", "」", "！", "ア"):
        assert is_cjk(mark), mark
        assert count_plain(mark).chinese == 0


def test_a_slug_reads_every_plane_of_han_as_pinyin_or_a_separator() -> None:
    assert slugify("常州〇号") == "chang-zhou-ling-hao"
    assert slugify(f"金坛{EXT_I}园区") == "jin-tan-yuan-qu"


def test_the_search_tokens_are_those_the_index_was_built_with() -> None:
    """The full-text index keeps the tokens its tokenizer made: the ranges it splits CJK runs by
    may only change with a rebuild of every index. This is their fingerprint."""
    points = code_points(search._CJK_CHARS)
    digest = hashlib.sha256(",".join(map(str, points)).encode()).hexdigest()[:16]
    assert len(points) == 171_110
    assert digest == FINGERPRINT


def test_chinese_text_holds_han_and_its_marks_but_not_hangul_or_the_ideographic_space() -> None:
    text = set(code_points(scripts.CJK_TEXT))
    assert set(code_points(scripts.HAN + scripts.HAN_MARKS + scripts.KANA)) <= text
    assert not text & set(code_points(scripts.HANGUL + "\u3000"))
