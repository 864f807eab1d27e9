"""Chinese news style rules. Each looks at one block (``unpaired`` at one paragraph) with its
markup mask, and returns problems; a problem whose correction is certain carries a ``Fix``.

- ``style.halfwidth-punctuation``: , : ; ? ! ( ) where a Chinese character touches them (across
  spaces and emphasis markers) -> ，：；？！（）. Numbers and times (1,000, 10:30, 3.5%) and
  everything masked (URLs, code, link targets) are left alone; a half-width parenthesis pair is
  fixed as a pair. Each mark is a variant of its own (``Problem.group``: 逗号, 冒号 … 括号).
- ``style.unpaired``: “ ” 《 》 （ ） 【 】 「 」 『 』 〈 〉 that do not pair up within a
  paragraph.
- ``style.repeated-punctuation``: 。。 ，， ！！！ ？？ 、、 ；； ：： -> one (…… and —— are
  correct).
- ``style.space-between-cjk``: a space between two Chinese characters in running text (not in
  headings, all-bold subheadings or bracketed bylines); removing it is offered, not certain.
- ``style.fullwidth-alnum``: ２０２０ ＡＢＣ -> 2020 ABC.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from editor.spell.problems import (
    FULLWIDTH_ALNUM,
    HALFWIDTH_PUNCTUATION,
    REPEATED_PUNCTUATION,
    SPACE_BETWEEN_CJK,
    UNPAIRED,
    Fix,
    Problem,
)
from editor.spell.tokens import CJK, is_cjk, is_masked

FULLWIDTH_OF = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALFWIDTH = re.compile(r"[,:;?!()]")
_SPACES = " \t\u3000\u00a0"
_TRANSPARENT = _SPACES + "*_~"  # looked through when finding a punctuation mark's neighbours

_REPEATED = re.compile(r"([。，、；：！？])\1+")
_SPACE_BETWEEN = re.compile(f"(?<=[{CJK}])[{_SPACES}]+(?=[{CJK}])")
_HEADING_LIKE = re.compile(
    r"[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|(\*\*|__)[^*_]+\1[ \t]*$|([*_])[^*_]+\2[ \t]*$)"
)
_BYLINE_BRACKETS = (("（", "）"), ("(", ")"), ("【", "】"))
_FULLWIDTH_ALNUM = re.compile("[０-９Ａ-Ｚａ-ｚ]+")
_TO_HALFWIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B)}

#: Opening -> closing marks checked for pairing.
PAIRS = {"“": "”", "《": "》", "（": "）", "【": "】", "「": "」", "『": "』", "〈": "〉"}
_CLOSERS = {close: open_ for open_, close in PAIRS.items()}
_PAIR_MARK = re.compile("[" + "".join(PAIRS) + "".join(_CLOSERS) + "]")


def _neighbour(line: str, index: int, step: int) -> str:
    """The first character from ``index`` in direction ``step`` that is not a space or an
    emphasis marker; "" at the edge of the line."""
    i = index + step
    while 0 <= i < len(line):
        ch = line[i]
        if ch not in _TRANSPARENT:
            return ch
        i += step
    return ""


def _space_run(line: str, index: int, step: int) -> int:
    """How far a run of spaces next to ``index`` reaches in direction ``step``; spaces that run
    to the edge of the line (indentation, a Markdown hard break) are not counted."""
    i = index + step
    while 0 <= i < len(line) and line[i] in _SPACES:
        i += step
    if not 0 <= i < len(line):
        return index
    return i - step


def halfwidth_punctuation(line: str, mask: bytearray | None, lineno: int = 0) -> list[Problem]:
    hits: dict[int, str] = {}
    parens: list[int] = []
    pairs: dict[int, int] = {}
    for m in _HALFWIDTH.finditer(line):
        i = m.start()
        if is_masked(mask, i):
            continue
        ch = line[i]
        if ch == "(":
            parens.append(i)
        elif ch == ")" and parens:
            opener = parens.pop()
            pairs[opener], pairs[i] = i, opener
        if is_cjk(_neighbour(line, i, -1)) or is_cjk(_neighbour(line, i, 1)):
            hits[i] = ch
    for i in list(hits):  # a pair of parentheses is fixed as a pair
        partner = pairs.get(i)
        if partner is not None and partner not in hits:
            hits[partner] = line[partner]
    problems = []
    for i in sorted(hits):
        ch = hits[i]
        full = FULLWIDTH_OF[ch]
        start = _space_run(line, i, -1)
        end = _space_run(line, i, 1) + 1
        problems.append(
            Problem(
                lineno,
                i,
                i + 1,
                HALFWIDTH_PUNCTUATION,
                f"half-width “{ch}” in Chinese text: use “{full}”",
                f"中文句中应使用全角“{full}”，而非半角“{ch}”",
                fix=Fix(start, end, full),
                variant="()" if ch in "()" else ch,
            )
        )
    return problems


def repeated_punctuation(line: str, mask: bytearray | None, lineno: int = 0) -> list[Problem]:
    problems = []
    for m in _REPEATED.finditer(line):
        start, end = m.span()
        if is_masked(mask, start, end):
            continue
        ch = m.group(1)
        problems.append(
            Problem(
                lineno,
                start,
                end,
                REPEATED_PUNCTUATION,
                f"repeated “{ch}”: write it once",
                f"标点“{ch}”重复，只需一个",
                fix=Fix(start, end, ch),
            )
        )
    return problems


def _inside_brackets(line: str, index: int) -> bool:
    """Whether ``index`` lies inside a bracket opened earlier on the line (a byline such as
    （记者 王明 通讯员 李华） separates names with spaces)."""
    return any(
        line.rfind(opener, 0, index) > line.rfind(closer, 0, index)
        for opener, closer in _BYLINE_BRACKETS
    )


def space_between_cjk(line: str, mask: bytearray | None, lineno: int = 0) -> list[Problem]:
    """Spaces between Chinese characters in running text. Headings and subheadings (a line
    that is all bold: **绿色低碳 推动转型升级**) separate phrases with a space by custom, and
    bylines in brackets separate names: those are left alone. The fix is offered, not certain."""
    if _HEADING_LIKE.match(line):
        return []
    problems = []
    for m in _SPACE_BETWEEN.finditer(line):
        start, end = m.span()
        if is_masked(mask, start - 1, end + 1) or _inside_brackets(line, start):
            continue
        problems.append(
            Problem(
                lineno,
                start,
                end,
                SPACE_BETWEEN_CJK,
                "space between Chinese characters: remove it",
                "汉字之间不应有空格",
                fix=Fix(start, end, "", certain=False),
            )
        )
    return problems


def fullwidth_alnum(line: str, mask: bytearray | None, lineno: int = 0) -> list[Problem]:
    problems = []
    for m in _FULLWIDTH_ALNUM.finditer(line):
        start, end = m.span()
        if is_masked(mask, start, end):
            continue
        half = m.group().translate(_TO_HALFWIDTH)
        problems.append(
            Problem(
                lineno,
                start,
                end,
                FULLWIDTH_ALNUM,
                f"full-width “{m.group()}”: write “{half}”",
                f"全角“{m.group()}”应改为半角“{half}”",
                fix=Fix(start, end, half),
            )
        )
    return problems


def unpaired(paragraph: Sequence[tuple[int, str, bytearray | None]]) -> list[Problem]:
    """Quotation marks and brackets of one paragraph (its lines as ``(lineno, text, mask)``) that
    have no partner in it. Each kind is paired on its own, so one stray mark is reported once
    instead of upsetting every pair after it."""
    open_marks: dict[str, list[tuple[int, int]]] = {}
    problems = []
    for lineno, line, mask in paragraph:
        for m in _PAIR_MARK.finditer(line):
            i = m.start()
            if is_masked(mask, i):
                continue
            ch = m.group()
            if ch in PAIRS:
                open_marks.setdefault(ch, []).append((lineno, i))
                continue
            opener = _CLOSERS[ch]
            stack = open_marks.get(opener)
            if stack:
                stack.pop()
                continue
            problems.append(
                Problem(
                    lineno,
                    i,
                    i + 1,
                    UNPAIRED,
                    f"“{ch}” without an opening “{opener}” in this paragraph",
                    f"“{ch}”在本段中没有配对的“{opener}”",
                )
            )
    for opener, stack in open_marks.items():
        closer = PAIRS[opener]
        for lineno, i in stack:
            problems.append(
                Problem(
                    lineno,
                    i,
                    i + 1,
                    UNPAIRED,
                    f"“{opener}” without a closing “{closer}” in this paragraph",
                    f"“{opener}”在本段中没有配对的“{closer}”",
                )
            )
    return problems
