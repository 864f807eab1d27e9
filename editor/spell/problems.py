"""What a check reports: problems with their offsets, rules with their ids and titles, fixes.

Offsets are Python ``str`` indices into the checked block (a line or paragraph of text), ``end``
exclusive. The editor maps them to Qt's UTF-16 positions with ``editor.spell.utf16.Utf16Map``.

A problem belongs to a ``ProblemGroup``: its rule and, for half-width punctuation, the mark (a
half-width comma is one kind, a half-width colon another). "Fix all of this kind" fixes a group;
the editor's fix-all commands count what they did by group (逗号 30，括号 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ProblemKind(StrEnum):
    SPELLING = "spelling"
    STYLE = "style"


@dataclass(frozen=True, slots=True)
class Rule:
    """A check that can be turned off by its id (Preferences, ``main.py check --disable``)."""

    id: str
    kind: ProblemKind
    title: str  # Chinese, for the editor's menus and Preferences
    title_en: str
    fixable: bool  # whether its problems come with a certain fix (check --fix applies it)
    chinese_only: bool = True  # not run on English articles

    def __str__(self) -> str:
        return self.id


SPELL_UNKNOWN_WORD = Rule(
    "spell.unknown-word",
    ProblemKind.SPELLING,
    "拼写可能有误",
    "unknown word",
    fixable=False,
    chinese_only=False,
)
HALFWIDTH_PUNCTUATION = Rule(
    "style.halfwidth-punctuation",
    ProblemKind.STYLE,
    "中文句中使用了半角标点",
    "half-width punctuation in Chinese text",
    fixable=True,
)
UNPAIRED = Rule(
    "style.unpaired",
    ProblemKind.STYLE,
    "引号或括号不成对",
    "unpaired quotation mark or bracket",
    fixable=False,
)
REPEATED_PUNCTUATION = Rule(
    "style.repeated-punctuation",
    ProblemKind.STYLE,
    "标点符号重复",
    "repeated punctuation",
    fixable=True,
)
SPACE_BETWEEN_CJK = Rule(
    "style.space-between-cjk",
    ProblemKind.STYLE,
    "汉字之间有多余的空格",
    "space between Chinese characters",
    fixable=False,  # offered, not applied: a space can be meant (王　明 in a list of names)
)
FULLWIDTH_ALNUM = Rule(
    "style.fullwidth-alnum",
    ProblemKind.STYLE,
    "使用了全角数字或字母",
    "full-width digits or Latin letters",
    fixable=True,
    chinese_only=False,
)

#: Every rule, in the order Preferences lists them.
RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        SPELL_UNKNOWN_WORD,
        HALFWIDTH_PUNCTUATION,
        UNPAIRED,
        REPEATED_PUNCTUATION,
        SPACE_BETWEEN_CJK,
        FULLWIDTH_ALNUM,
    )
}


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace ``block[start:end]`` with ``replacement`` (offsets in the same block).

    ``certain``: always right, so ``check --fix`` applies it; an uncertain fix is only offered
    (the editor's context menu) because the text may be intended (a space in a list of names).
    """

    start: int
    end: int
    replacement: str
    certain: bool = True


#: Names of the groups finer than their rule (the rule's id, the variant): Chinese, English.
_VARIANT_NAMES = {
    (HALFWIDTH_PUNCTUATION.id, ","): ("逗号", "comma"),
    (HALFWIDTH_PUNCTUATION.id, ":"): ("冒号", "colon"),
    (HALFWIDTH_PUNCTUATION.id, ";"): ("分号", "semicolon"),
    (HALFWIDTH_PUNCTUATION.id, "?"): ("问号", "question mark"),
    (HALFWIDTH_PUNCTUATION.id, "!"): ("叹号", "exclamation mark"),
    (HALFWIDTH_PUNCTUATION.id, "()"): ("括号", "parentheses"),
}
#: Short names of the rules' problems, for counts (a rule's title is a sentence).
_SHORT_NAMES = {
    SPELL_UNKNOWN_WORD.id: ("拼写", "spelling"),
    HALFWIDTH_PUNCTUATION.id: ("半角标点", "half-width punctuation"),
    UNPAIRED.id: ("不成对的引号括号", "unpaired marks"),
    REPEATED_PUNCTUATION.id: ("重复标点", "repeated punctuation"),
    SPACE_BETWEEN_CJK.id: ("多余空格", "spaces between Chinese characters"),
    FULLWIDTH_ALNUM.id: ("全角数字字母", "full-width digits and letters"),
}


@dataclass(frozen=True, slots=True)
class ProblemGroup:
    """One kind of problem: a rule, and for half-width punctuation the mark ("()" for both
    parentheses, fixed as a pair). "Fix all of this kind" fixes one group."""

    rule: Rule
    variant: str = ""

    def _names(self) -> tuple[str, str]:
        return _VARIANT_NAMES.get((self.rule.id, self.variant)) or _SHORT_NAMES.get(
            self.rule.id, (self.rule.title, self.rule.title_en)
        )

    @property
    def name(self) -> str:
        """Chinese, short: 逗号, 重复标点."""
        return self._names()[0]

    @property
    def name_en(self) -> str:
        return self._names()[1]


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in one block.

    ``line`` is the block's number among the blocks checked together (0 for ``check_block``; the
    0-based line of the text for ``check_text``). ``start``/``end`` are Python indices into that
    block. Spelling problems carry the ``word`` and, once asked for, ``suggestions``; style
    problems carry a ``fix`` where one is known (``fix.certain`` when it is always right).
    ``variant`` tells apart the kinds of one rule (the half-width mark: ",", "()"); see
    ``group``.
    """

    line: int
    start: int
    end: int
    rule: Rule
    message: str
    message_zh: str
    word: str = ""
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = field(default=None)
    variant: str = ""

    @property
    def kind(self) -> ProblemKind:
        return self.rule.kind

    @property
    def rule_id(self) -> str:
        return self.rule.id

    @property
    def group(self) -> ProblemGroup:
        return ProblemGroup(self.rule, self.variant)

    @property
    def certain(self) -> bool:
        """Whether the problem has a fix that is always right (the one-click commands apply
        only those)."""
        return self.fix is not None and self.fix.certain
