"""Spelling and style together, for one block, a run of blocks, or a whole text.

The editor (later) checks the blocks it marked dirty, with the fence state the highlighter keeps
for the block before them; a run of blocks should cover whole paragraphs, because quotation marks
and brackets pair up per paragraph::

    checker = TextChecker(open_speller("en_US", words), language="zh-CN", disabled={...})
    problems = checker.check_block(block.text(), in_code=state_says_code)
    result = checker.check_blocks(paragraph_lines, fence=fence_before)  # .problems, .fence

``main.py check`` uses ``check_text`` and ``fix_text``; the editor's fix-all commands use
``plan_fixes`` (the edits to make, in order, and what they fix by kind) and ``IgnoredSpots`` (the
problems a writer said to leave alone). Offsets are Python indices into the block;
``editor.spell.utf16.Utf16Map`` turns them into Qt positions. A ``TextChecker`` holds no state
besides its speller (which is thread-safe), so worker threads may share one.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field

from editor.spell import style
from editor.spell.problems import (
    FULLWIDTH_ALNUM,
    HALFWIDTH_PUNCTUATION,
    REPEATED_PUNCTUATION,
    RULES,
    SPACE_BETWEEN_CJK,
    SPELL_UNKNOWN_WORD,
    UNPAIRED,
    Fix,
    Problem,
    ProblemGroup,
    ProblemKind,
    Rule,
)
from editor.spell.speller import Speller, dictionary_for, open_speller
from editor.spell.tokens import CJK, fence_after, latin_words, markup_mask

LineRule = Callable[[str, bytearray | None, int], list[Problem]]

#: Line rules, each with the characters without which it cannot fire (a cheap pre-test).
_LINE_RULES: tuple[tuple[Rule, LineRule, re.Pattern[str]], ...] = (
    (HALFWIDTH_PUNCTUATION, style.halfwidth_punctuation, re.compile(r"[,:;?!()]")),
    (REPEATED_PUNCTUATION, style.repeated_punctuation, re.compile("([。，、；：！？])\\1")),
    (SPACE_BETWEEN_CJK, style.space_between_cjk, re.compile(f"[{CJK}][ \t\u3000\u00a0]")),
    (FULLWIDTH_ALNUM, style.fullwidth_alnum, re.compile("[０-９Ａ-Ｚａ-ｚ]")),
)

_HEADING = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]|$)")
_STARTS_BLOCK = re.compile(r"[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t])")  # list items
_EOL = re.compile(r"(\r\n|\r|\n)")
_TABLE_ROW = re.compile(r"[ \t]*\|")


@dataclass(frozen=True, slots=True)
class BlocksResult:
    """Problems of a run of blocks (``line`` = index in the run) and the fence open after it."""

    problems: list[Problem]
    fence: str | None


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """The lines of ``text`` and their ends (``\\n``, ``\\r\\n``, a lone ``\\r``; "" for the
    last). Only these end a line, as in the editor: form feeds and U+2028 do not."""
    parts = _EOL.split(text)
    return parts[0::2], [*parts[1::2], ""]


class TextChecker:
    """Spelling plus the style rules that are switched on, for articles in ``language``."""

    def __init__(
        self,
        speller: Speller | None = None,
        *,
        language: str = "zh-CN",
        disabled: Collection[str] = (),
    ) -> None:
        unknown = sorted(set(disabled) - set(RULES))
        if unknown:
            raise ValueError(f"unknown rule id(s): {', '.join(unknown)}")
        self.speller = speller if speller is not None else open_speller(dictionary_for(language))
        self.language = language
        self.disabled = frozenset(disabled)
        chinese = not language.lower().startswith("en")
        self.rules = tuple(
            r
            for r in RULES.values()
            if r.id not in self.disabled and (chinese or not r.chinese_only)
        )
        enabled = set(self.rules)
        self._spelling = SPELL_UNKNOWN_WORD in enabled and self.speller.available
        self._unpaired = UNPAIRED in enabled
        self._line_rules = tuple((fn, trigger) for r, fn, trigger in _LINE_RULES if r in enabled)

    def style_only(self) -> TextChecker:
        """The same rules without spelling (what the fix commands need, faster)."""
        if not self._spelling:
            return self
        disabled = self.disabled | {SPELL_UNKNOWN_WORD.id}
        return TextChecker(self.speller, language=self.language, disabled=disabled)

    # -- one block -----------------------------------------------------------------------------

    def _line_problems(self, line: str, lineno: int) -> tuple[list[Problem], bytearray | None]:
        mask = markup_mask(line)
        problems: list[Problem] = []
        if self._spelling:
            problems += self._spelling_problems(line, mask, lineno)
        for rule, trigger in self._line_rules:
            if trigger.search(line):
                problems += rule(line, mask, lineno)
        return problems, mask

    def _spelling_problems(self, line: str, mask: bytearray | None, lineno: int) -> list[Problem]:
        check = self.speller.check
        problems = []
        for run in latin_words(line, mask):
            if len(run.parts) > 1 and check(run.whole.text):
                continue
            for word in run.parts:
                if not check(word.text):
                    problems.append(
                        Problem(
                            lineno,
                            word.start,
                            word.end,
                            SPELL_UNKNOWN_WORD,
                            f"unknown word “{word.text}”",
                            f"“{word.text}”可能拼写有误",
                            word=word.text,
                        )
                    )
        return problems

    def check_block(self, text: str, *, in_code: bool = False) -> list[Problem]:
        """Problems of one block (a line of the editor). ``in_code``: the block lies inside a
        fenced code block (nothing is checked there, nor on a fence line)."""
        return self.check_blocks([text], fence="```" if in_code else None).problems

    def check_blocks(self, blocks: Sequence[str], *, fence: str | None = None) -> BlocksResult:
        """Problems of consecutive blocks (lines), ``fence`` being the code fence open before the
        first one. Quotation marks and brackets pair up within each paragraph of the run."""
        problems: list[Problem] = []
        paragraph: list[tuple[int, str, bytearray | None]] = []

        def end_paragraph() -> None:
            if paragraph:
                if self._unpaired:
                    problems.extend(style.unpaired(paragraph))
                paragraph.clear()

        for lineno, line in enumerate(blocks):
            after = fence_after(line, fence)
            if fence is not None or after is not None:  # inside code, or a fence line
                end_paragraph()
                fence = after
                continue
            if not line.strip():
                end_paragraph()
                continue
            found, mask = self._line_problems(line, lineno)
            problems += found
            if _HEADING.match(line) or _TABLE_ROW.match(line):
                end_paragraph()
                paragraph.append((lineno, line, mask))
                end_paragraph()
                continue
            if _STARTS_BLOCK.match(line):
                end_paragraph()
            paragraph.append((lineno, line, mask))
        end_paragraph()
        problems.sort(key=lambda p: (p.line, p.start, p.end, p.rule.id))
        return BlocksResult(problems, fence)

    def check_title(self, title: str) -> list[Problem]:
        """Problems of an article title: a block, except that a space between two phrases is the
        headline custom (聚焦智能制造 金坛经开区打造产业集群), not a mistake."""
        return [p for p in self.check_block(title) if p.rule is not SPACE_BETWEEN_CJK]

    # -- whole texts ---------------------------------------------------------------------------

    def check_text(self, text: str) -> list[Problem]:
        """Problems of a whole Markdown text; ``line`` is the 0-based line number."""
        return self.check_blocks(split_lines(text)[0]).problems

    # -- suggestions ---------------------------------------------------------------------------

    def suggest(self, word: str) -> list[str]:
        return self.speller.suggest(word)

    def with_suggestions(self, problems: Iterable[Problem]) -> list[Problem]:
        """``problems`` with the suggestions of each spelling problem filled in."""
        return [
            dataclasses.replace(p, suggestions=tuple(self.speller.suggest(p.word)))
            if p.kind is ProblemKind.SPELLING and not p.suggestions
            else p
            for p in problems
        ]


# -- fixes ---------------------------------------------------------------------------------------


def apply_fixes(
    block: str, problems: Iterable[Problem], *, certain_only: bool = True
) -> tuple[str, int]:
    """``block`` with the (certain) fixes of ``problems`` applied (all offsets refer to
    ``block``); a fix overlapping one already taken is left for another pass. Returns the text
    and how many fixes were applied."""
    fixes = sorted(
        {p.fix for p in problems if p.fix is not None and (p.fix.certain or not certain_only)},
        key=lambda f: (f.start, f.end),
    )
    out: list[str] = []
    last = 0
    applied = 0
    for fix in fixes:
        if fix.start < last:
            continue
        out += [block[last : fix.start], fix.replacement]
        last = fix.end
        applied += 1
    out.append(block[last:])
    return "".join(out), applied


@dataclass(frozen=True, slots=True)
class FixResult:
    text: str
    fixed: int  # how many fixes were applied
    problems: list[Problem]  # what remains


_MAX_FIX_PASSES = 5


def fix_text(checker: TextChecker, text: str) -> FixResult:
    """Apply every certain fix to ``text``, keeping its line ends; returns the new text, the
    number of fixes and the problems that remain. A fix can uncover another (``中,,文``), so
    passes repeat until nothing certain is left to fix."""
    lines, ends = split_lines(text)
    fixed = 0
    problems = checker.check_blocks(lines).problems
    for _pass in range(_MAX_FIX_PASSES):
        by_line: dict[int, list[Problem]] = {}
        for p in problems:
            if p.fix is not None and p.fix.certain:
                by_line.setdefault(p.line, []).append(p)
        if not by_line:
            break
        for lineno, found in by_line.items():
            lines[lineno], count = apply_fixes(lines[lineno], found)
            fixed += count
        problems = checker.check_blocks(lines).problems
    text = "".join(line + end for line, end in zip(lines, ends, strict=True))
    return FixResult(text, fixed, problems)


# -- the editor's fix commands ------------------------------------------------------------------

#: Characters on each side of an ignored problem that identify it (see ``IgnoredSpots``).
IGNORE_CONTEXT = 6

SpotKey = tuple[str, str, str, str, str]


def spot_key(line: str, problem: Problem, width: int = IGNORE_CONTEXT) -> SpotKey:
    """A problem by what it is and what surrounds it in its line, not by where it is."""
    return (
        problem.rule.id,
        problem.variant,
        line[max(0, problem.start - width) : problem.start],
        line[problem.start : problem.end],
        line[problem.end : problem.end + width],
    )


class IgnoredSpots:
    """The problems of one article a writer chose to leave as they are ("ignore here").

    Each is remembered by its rule, its text and the ``IGNORE_CONTEXT`` characters on each side
    within its line, not by its position: typing elsewhere in the article, or further along
    the line, keeps it ignored; changing the words right next to it shows it again (it may no
    longer be what was meant). The same mark in the same words elsewhere is ignored too.
    """

    def __init__(self) -> None:
        self._keys: set[SpotKey] = set()

    def add(self, line: str, problem: Problem) -> None:
        self._keys.add(spot_key(line, problem))

    def ignores(self, line: str, problem: Problem) -> bool:
        return bool(self._keys) and spot_key(line, problem) in self._keys

    def __len__(self) -> int:
        return len(self._keys)


@dataclass(frozen=True, slots=True)
class LineEdit:
    """Replace ``fix.start:fix.end`` of line ``line`` as the line is when its turn comes."""

    line: int
    fix: Fix


@dataclass(frozen=True, slots=True)
class FixPlan:
    """What a fix-all command does: ``edits`` in the order to make them (pass after pass, each
    line from its end, so every offset holds when its turn comes), ``lines`` the text after
    them, ``counts`` the problems fixed by kind, in the order first met."""

    edits: list[LineEdit]
    lines: list[str]
    counts: Counter[ProblemGroup] = field(default_factory=Counter)

    @property
    def fixed(self) -> int:
        return sum(self.counts.values())


def _shift(spans: list[tuple[int, int]], fixes: Sequence[Fix]) -> list[tuple[int, int]]:
    """``spans`` of a line moved by ``fixes`` (sorted, applied to that line)."""

    def moved(position: int) -> int:
        return position + sum(
            len(f.replacement) - (f.end - f.start) for f in fixes if f.end <= position
        )

    return [(moved(a), moved(b)) for a, b in spans]


def plan_fixes(
    checker: TextChecker,
    lines: Sequence[str],
    *,
    wanted: Callable[[Problem], bool] | None = None,
    ignored: IgnoredSpots | None = None,
) -> FixPlan:
    """The edits that fix every ``wanted`` problem of ``lines`` (a whole article's lines; None:
    those with a certain fix) except the ``ignored`` ones. A fix can uncover another (``中,,文``
    becomes ``中，，文``, then ``中，文``): passes repeat, as in ``fix_text``; an ignored spot stays
    ignored in later passes although the fixes around it changed its neighbours."""
    wanted = wanted or (lambda p: p.certain)
    lines = list(lines)
    edits: list[LineEdit] = []
    counts: Counter[ProblemGroup] = Counter()
    kept: dict[int, list[tuple[int, int]]] = {}  # the ignored problems' spans, kept up to date
    problems = checker.check_blocks(lines).problems
    for number in range(_MAX_FIX_PASSES):
        by_line: dict[int, list[Problem]] = {}
        for p in problems:
            if p.fix is None or not wanted(p):
                continue
            if number == 0 and ignored is not None and ignored.ignores(lines[p.line], p):
                kept.setdefault(p.line, []).append((p.start, p.end))
            elif not any(a < p.end and p.start < b for a, b in kept.get(p.line, ())):
                by_line.setdefault(p.line, []).append(p)
        if not by_line:
            break
        for lineno, found in sorted(by_line.items()):
            taken: list[tuple[Fix, Problem]] = []
            last = 0
            for p in sorted(found, key=lambda p: (p.fix.start, p.fix.end) if p.fix else (0, 0)):
                assert p.fix is not None
                if p.fix.start < last or any(p.fix == f for f, _p in taken):
                    continue
                taken.append((p.fix, p))
                last = p.fix.end
            fixes = [f for f, _p in taken]
            lines[lineno] = apply_fixes(lines[lineno], [p for _f, p in taken], certain_only=False)[
                0
            ]
            edits += [LineEdit(lineno, f) for f in reversed(fixes)]
            counts.update(p.group for _f, p in taken)
            if lineno in kept:
                kept[lineno] = _shift(kept[lineno], fixes)
        problems = checker.check_blocks(lines).problems
    return FixPlan(edits, lines, counts)
