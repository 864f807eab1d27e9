"""The characters of the CJK scripts, named once: the ranges every module builds its classes from.

Each constant is the inside of a regular-expression character class (``f"[{HAN}]"``), so the
modules that need "Chinese text" for different ends compose the same named ranges instead of
keeping tables of their own:

- ``HAN``: what 字数 counts and what reads as one Chinese character in a slug: the unified
  ideographs of every plane, the compatibility ideographs and 〇;
- ``HAN_MARKS``: 々〆 and the Suzhou numerals, letters of Han text that are not ideographs;
- ``RADICALS``: the Kangxi and supplementary radicals (seen in copy pasted from PDFs);
- ``KANA``, ``BOPOMOFO``, ``HANGUL``: the other scripts written without spaces between words;
- ``CJK_PUNCTUATION``: the full-width punctuation of Chinese text, not the ideographic space and
  not “”‘’…—, which English text uses too; ``FULL_WIDTH``: the whole block of full-width and
  half-width forms (ＡＢＣ, １２３, ｶﾞ);
- ``CJK_SYMBOLS``: the CJK symbols block, the ideographic space included; ``CJK_OTHER``: kanbun,
  strokes, enclosed and compatibility characters;
- ``CJK_TEXT``: all of those but Hangul and the ideographic space: what makes a neighbourhood
  Chinese text.

The search tokenizer (CJK words without spaces), the spelling and style checks (what makes a
neighbourhood Chinese), the renderer (a line break between two Chinese characters is no space),
the portal-page reader (the same for a page's source) and the slug (runs of Han to pinyin) all
take their ranges from here.
"""

from __future__ import annotations

__all__ = [
    "BOPOMOFO",
    "CJK_OTHER",
    "CJK_PUNCTUATION",
    "CJK_SYMBOLS",
    "CJK_TEXT",
    "FULL_WIDTH",
    "HAN",
    "HANGUL",
    "HAN_MARKS",
    "KANA",
    "RADICALS",
]

#: Unified ideographs (extension A, the main block, and planes 2 and 3, which hold only
#: ideographs: extensions B to I and the compatibility supplement), the compatibility ideographs
#: and 〇 (U+3007, the zero of 二〇二〇年).
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
#: 々 and 〻 (iteration marks), 〆, the Hangzhou/Suzhou numerals 〡-〩 and 〸-〺.
HAN_MARKS = "\u3005\u3006\u3021-\u3029\u3038-\u303b"
#: Kangxi radicals and the CJK radicals supplement (with the ideographic description characters).
RADICALS = "\u2e80-\u2fff"
#: Hiragana and katakana with their iteration marks, the prolonged sound mark and 〼, and the
#: katakana phonetic extensions (letters only: not the kana punctuation ゠・).
KANA = "\u3031-\u3035\u303c\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
#: Bopomofo (注音) and its extension.
BOPOMOFO = "\u3105-\u312f\u31a0-\u31bf"
#: Hangul jamo, compatibility jamo, the extended jamo and the syllables.
HANGUL = "\u1100-\u11ff\u3131-\u318e\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff"
#: 、。〃〄, the brackets 〈〉《》「」『』【】〔〕〖〗, 〜〝〞〟〠, 〰-〿, the vertical
#: and small forms, and the full-width ASCII punctuation and brackets (！＂＃…｝～｟｠).
CJK_PUNCTUATION = (
    "\u3001-\u3004\u3008-\u3020\u3030-\u303f\ufe10-\ufe1f\ufe30-\ufe4f\ufe50-\ufe6f\uff01-\uff60"
)
#: Full-width and half-width forms, the whole block (letters, digits, half-width katakana).
FULL_WIDTH = "\uff00-\uffef"
#: CJK symbols and punctuation, the whole block, the ideographic space U+3000 included.
CJK_SYMBOLS = "\u3000-\u303f"
#: Kanbun, CJK strokes, enclosed letters and months (㈠, ㊣) and the compatibility block (㎡).
CJK_OTHER = "\u3190-\u319f\u31c0-\u31ef\u3200-\u33ff"

#: Characters that make their neighbourhood Chinese text: a space or a line break between two of
#: them is no space to a Chinese reader. Everything above but Hangul (Korean is written with
#: spaces) and the ideographic space (an indent, not a character of the text).
CJK_TEXT = (
    RADICALS
    + "\u3001-\u303f\u3040-\u30ff"  # CJK symbols and punctuation, kana and their punctuation
    + BOPOMOFO
    + "\u31f0-\u31ff"
    + CJK_OTHER
    + HAN
    + CJK_PUNCTUATION
    + FULL_WIDTH
)
