"""Spelling and style underlines in the Markdown editor, and their context menu.

Two collaborators, so the editor widget itself stays small (STYLE.md 8):

- ``SpellService`` (one per window) builds the ``TextChecker`` off the GUI thread (Enchant, the
  en_US dictionary, the newsroom's and the user's word lists from the archive), applies the rules
  chosen in Preferences, adds words to the word lists and says, once, when spelling cannot be
  checked (``noticeChanged``).
- ``SpellUnderliner`` (one per editor) keeps the problems of each block text it has checked, in a
  bounded cache keyed by the block's text (and whether it lies in a fenced code block). After a
  short idle pause, and when the view scrolls, the *visible* blocks whose text is not in the cache
  are checked on the thread pool; a result arrives with the checker's generation and is dropped
  when the checker changed meanwhile (a word added, a rule turned off). The underlines are the
  editor's "spell" ExtraSelections layer, for the visible blocks only. A keystroke changes one
  block's text, so only that block is checked again.

The word being typed (the cursor at its end, the text just edited) is not underlined until the
cursor leaves it. A problem one or two characters wide (a half-width comma) is also tinted: a wave
under one narrow mark is too short to see. Offsets from the checker are Python indices;
``Utf16Map`` turns them into Qt positions where a block holds characters beyond the BMP.

The context menu of a style problem fixes it here, fixes every problem of its kind in the article
(``ProblemGroup``: every half-width comma), ignores it here (``IgnoredSpots``: by its text and
the characters around it, for as long as the article is open) or turns its rule off (saved in
Preferences, where it can be turned on again). ``FixPunctuationAction`` (Edit menu) applies every
certain fix of the article. Each fix command is one undo step and says in the status bar what it
did (``SpellService.messageReady``): nothing a writer typed is changed unasked.
"""

from __future__ import annotations

import functools
import logging
from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextBlock, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QTextEdit

from editor.archive.database import Archive
from editor.domain.errors import ZoneDeskError
from editor.gui.highlighter import IN_FENCE
from editor.gui.labels import chinese_ui, problem_message, rule_label
from editor.gui.markdownedit import MarkdownEdit
from editor.gui.settings import Preferences
from editor.gui.workers import TaskRunner
from editor.spell.problems import Problem, ProblemGroup, ProblemKind
from editor.spell.utf16 import Utf16Map

if TYPE_CHECKING:
    from collections import Counter

    from editor.spell.checker import FixPlan, IgnoredSpots, TextChecker

log = logging.getLogger("zonedesk.gui")

#: The idle pause after the last edit before the dirty visible blocks are checked.
IDLE_MS = 350
#: After a scroll or a resize: the newly visible blocks are checked sooner.
SCROLL_MS = 40
#: Block texts whose problems are kept (per editor); a 50,000-character article has ~500.
CACHE_SIZE = 5000
#: Suggestions shown in the context menu.
MENU_SUGGESTIONS = 6

SPELLING_COLOUR = QColor("#d32f2f")
STYLE_COLOUR = QColor("#1e88e5")
#: Behind a problem at most this many UTF-16 units wide, a tint of its colour (a comma's wave
#: underline alone is a few pixels long).
TINTED_LENGTH = 2
TINT_ALPHA = 96
#: The one-click command's shortcut (free among the window's and the editor's).
FIX_PUNCTUATION_SHORTCUT = "Ctrl+Shift+P"
#: How long a fix command's report stays in the status bar.
MESSAGE_MS = 10_000

BlockKey = tuple[str, bool]  # the block's text, inside a fenced code block or not


def build_checker(
    archive: Archive | None, user: str | None, disabled: Collection[str], language: str = "zh-CN"
) -> TextChecker:
    """A checker with the built-in, the newsroom's and ``user``'s words (runs off the GUI thread;
    an unreadable word list costs its words, not the checker)."""
    from editor.spell.checker import TextChecker  # noqa: PLC0415 - the tokenizer, off start-up
    from editor.spell.speller import dictionary_for, open_speller  # noqa: PLC0415 - loads enchant
    from editor.spell.wordfiles import builtin_words  # noqa: PLC0415 - reads the shipped lists
    from editor.spell.wordlists import read_word_lists  # noqa: PLC0415 - with the checker

    words = list(builtin_words())
    if archive is not None:
        try:
            words += read_word_lists(archive, user).all()
        except ZoneDeskError as exc:
            log.warning("the archive's word lists were not read: %s", exc)
    speller = open_speller(dictionary_for(language), words)
    return TextChecker(speller, language=language, disabled=disabled)


class SpellService(QObject):
    """The window's checker and word lists; ``checkerChanged`` tells every editor to recheck."""

    checkerChanged = Signal()
    noticeChanged = Signal(str)  # "" when spelling is checked
    #: What a fix command or a rule turned off did, for the status bar.
    messageReady = Signal(str)

    def __init__(
        self,
        archive: Archive | None,
        user: str | None,
        parent: QObject | None = None,
        *,
        enabled: bool = True,
        disabled_rules: Collection[str] = (),
        preferences: Preferences | None = None,
    ) -> None:
        super().__init__(parent)
        self._archive = archive
        self._user = user
        #: Where a rule turned off from the context menu is saved (None: for this session).
        self.preferences = preferences
        self.enabled = enabled
        self.disabled_rules = frozenset(disabled_rules)
        self.checker: TextChecker | None = None
        #: Bumped whenever the checker's answers may change; stale results carry an older one.
        self.generation = 0
        self.notice = ""
        self._runner = TaskRunner(self, latest_only=True)
        self._runner.done.connect(self._built)
        self._runner.failed.connect(self._build_failed)

    def start(self) -> None:
        """Build the checker on the thread pool (enchant's start-up stays off the GUI thread)."""
        if not self.enabled:
            return
        archive, user, disabled = self._archive, self._user, self.disabled_rules
        self._runner.submit(lambda: build_checker(archive, user, disabled))

    def configure(self, *, enabled: bool, disabled_rules: Collection[str]) -> None:
        """Preferences changed: switch checking on or off, rebuild for other rules."""
        disabled = frozenset(disabled_rules)
        if enabled == self.enabled and disabled == self.disabled_rules:
            return
        self.enabled, self.disabled_rules = enabled, disabled
        if not enabled:
            self._runner.forget()
            self.checker = None
            self._changed()
            return
        if self.checker is not None:  # the speller is kept: only the rules change
            from editor.spell.checker import TextChecker  # noqa: PLC0415 - loaded by now

            language = self.checker.language
            self.checker = TextChecker(self.checker.speller, language=language, disabled=disabled)
            self._changed()
        else:
            self.start()

    def disable_rule(self, rule_id: str) -> None:
        """Turn a rule off (the context menu's "Turn this rule off"), in Preferences too."""
        disabled = self.disabled_rules | {rule_id}
        if self.preferences is not None:
            self.preferences.disabled_rules = set(disabled)
            self.preferences.sync()
        self.configure(enabled=self.enabled, disabled_rules=disabled)

    def style_checker(self) -> TextChecker:
        """A checker of the style rules that are on, for the fix commands: the window's without
        spelling, or one built at once when checking as one types is off or still starting."""
        if self.checker is not None:
            return self.checker.style_only()
        from editor.spell.checker import TextChecker  # noqa: PLC0415 - the tokenizer, on demand
        from editor.spell.problems import SPELL_UNKNOWN_WORD  # noqa: PLC0415 - with it
        from editor.spell.speller import NullSpeller  # noqa: PLC0415 - with it

        disabled = self.disabled_rules | {SPELL_UNKNOWN_WORD.id}
        return TextChecker(NullSpeller("", "style only"), disabled=disabled)

    def _built(self, _token: int, checker: object) -> None:
        from editor.spell.checker import TextChecker  # noqa: PLC0415 - build_checker loaded it

        assert isinstance(checker, TextChecker)
        if self.enabled:
            self.use(checker)

    def use(self, checker: TextChecker) -> None:
        """Check with ``checker`` from now on (``start`` builds the archive's)."""
        self.checker = checker
        notice = "" if checker.speller.available else checker.speller.notice
        if notice != self.notice:
            self.notice = notice
            self.noticeChanged.emit(notice)
        self._changed()

    def _build_failed(self, _token: int, error: object) -> None:
        log.warning("the spell checker could not be built: %s", error)
        self.notice = f"Spelling and style are not checked: {error}"
        self.noticeChanged.emit(self.notice)

    def _changed(self) -> None:
        self.generation += 1
        self.checkerChanged.emit()

    # -- words ---------------------------------------------------------------------------------

    def add_word(self, word: str, *, shared: bool) -> str | None:
        """Add ``word`` to the newsroom's list (``shared``) or the user's; None when done, else
        what went wrong (the word is still accepted for this session)."""
        from editor.spell.wordlists import add_word  # noqa: PLC0415 - with the checker

        self.ignore(word)
        if self._archive is None:
            return None
        try:
            add_word(self._archive, word, user=None if shared else self._user)
        except (ZoneDeskError, ValueError) as exc:
            return str(exc)
        return None

    def ignore(self, word: str) -> None:
        """Accept ``word`` until ZoneDesk closes."""
        if self.checker is not None:
            self.checker.speller.add_words([word])
            self._changed()

    def suggestions(self, word: str) -> list[str]:
        return self.checker.suggest(word)[:MENU_SUGGESTIONS] if self.checker is not None else []


@dataclass(frozen=True, slots=True)
class _Job:
    generation: int
    keys: list[BlockKey]


def _check(checker: TextChecker, keys: Sequence[BlockKey]) -> list[tuple[BlockKey, list[Problem]]]:
    return [(key, checker.check_block(key[0], in_code=key[1])) for key in keys]


class SpellUnderliner(QObject):
    """Underlines the problems of one editor's visible blocks; extends its context menu."""

    #: Emitted after the underlines were redrawn (tests wait for it): the number shown.
    underlined = Signal(int)
    #: A word-list change failed: the message.
    problemOccurred = Signal(str)

    def __init__(self, editor: MarkdownEdit, service: SpellService) -> None:
        super().__init__(editor)
        self.editor = editor
        self.service = service
        self._cache: OrderedDict[BlockKey, list[Problem]] = OrderedDict()
        self._generation = -1
        self._pending: set[BlockKey] = set()
        self._typing = False
        self._edit_end = -1
        from editor.spell.checker import IgnoredSpots  # noqa: PLC0415 - the tokenizer, off start-up

        #: The problems "ignored here" in this editor's article, while it is open.
        self.ignored: IgnoredSpots = IgnoredSpots()
        #: Blocks checked so far (the benchmark reports it).
        self.checked_blocks = 0
        self._runner = TaskRunner(self)
        self._runner.done.connect(self._checked)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_MS)
        self._idle.timeout.connect(self.refresh)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(SCROLL_MS)
        self._soon.timeout.connect(self.refresh)

        document = editor.document()
        document.contentsChange.connect(self._edited)
        editor.cursorPositionChanged.connect(self._cursor_moved)
        editor.verticalScrollBar().valueChanged.connect(self._soon.start)
        editor.resized.connect(self._soon.start)
        editor.contextMenuAboutToShow.connect(self.extend_menu)
        service.checkerChanged.connect(self._checker_changed)
        self._soon.start()

    # -- scheduling ----------------------------------------------------------------------------

    def _edited(self, position: int, _removed: int, added: int) -> None:
        self._typing = True
        self._edit_end = position + added
        self._idle.start()

    def _cursor_moved(self) -> None:
        if self._typing and self.editor.textCursor().position() != self._edit_end:
            self._typing = False  # the cursor left the edit: the word is no longer being typed
            self._show()

    def _checker_changed(self) -> None:
        self._cache.clear()
        self._pending.clear()
        self._show()
        self._soon.start()

    def visible_blocks(self) -> list[QTextBlock]:
        editor = self.editor
        block = editor.firstVisibleBlock()
        offset = editor.contentOffset()
        bottom = editor.viewport().height()
        blocks = []
        while block.isValid():
            top = editor.blockBoundingGeometry(block).translated(offset).top()
            if top > bottom:
                break
            if block.isVisible():
                blocks.append(block)
            block = block.next()
        return blocks

    @staticmethod
    def key_of(block: QTextBlock) -> BlockKey:
        previous = block.previous()
        return block.text(), previous.isValid() and previous.userState() == IN_FENCE

    def refresh(self) -> None:
        """Check the visible blocks not checked yet (off the GUI thread), show what is known."""
        checker = self.service.checker
        if checker is None:
            self._show()
            return
        generation = self.service.generation
        if generation != self._generation:
            self._generation = generation
            self._cache.clear()
            self._pending.clear()
        missing: list[BlockKey] = []
        for block in self.visible_blocks():
            key = self.key_of(block)
            if key in self._cache:
                self._cache.move_to_end(key)
            elif key not in self._pending and key[0].strip():
                missing.append(key)
        if missing:
            self._pending.update(missing)
            job = _Job(generation, missing)
            self._runner.submit(lambda: (job, _check(checker, job.keys)))
        self._show()

    def _checked(self, _token: int, outcome: object) -> None:
        assert isinstance(outcome, tuple)
        job, results = outcome
        assert isinstance(job, _Job)
        self._pending.difference_update(job.keys)
        if job.generation != self.service.generation:
            return  # the checker changed meanwhile: these answers may be wrong
        self.checked_blocks += len(results)
        for key, problems in results:
            self._cache[key] = problems
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        self._show()

    # -- drawing -------------------------------------------------------------------------------

    def problems_of(self, block: QTextBlock) -> list[Problem] | None:
        """The known problems of ``block`` not ignored here (None: not checked yet)."""
        if self.service.checker is None:
            return []
        problems = self._cache.get(self.key_of(block))
        if problems and len(self.ignored):
            text = block.text()
            problems = [p for p in problems if not self.ignored.ignores(text, p)]
        return problems

    def _show(self) -> None:
        selections: list[QTextEdit.ExtraSelection] = []
        if self.service.checker is not None:
            cursor = self.editor.textCursor()
            typing_at = cursor.position() if self._typing and not cursor.hasSelection() else -1
            for block in self.visible_blocks():
                problems = self.problems_of(block)
                if problems:
                    selections += self._selections(block, problems, typing_at)
        self.editor.set_layer("spell", selections)
        self.underlined.emit(len(selections))

    def _selections(
        self, block: QTextBlock, problems: list[Problem], typing_at: int
    ) -> list[QTextEdit.ExtraSelection]:
        text = block.text()
        utf16 = Utf16Map(text)
        base = block.position()
        out = []
        for problem in problems:
            if problem.end > len(text):
                continue  # stale: the block changed since (a repaint follows)
            start, length = utf16.span_to_qt(problem.start, problem.end)
            if (
                problem.kind is ProblemKind.SPELLING
                and base + start < typing_at <= base + start + length
            ):
                continue  # the word being typed
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(block)
            cursor.setPosition(base + start)
            cursor.setPosition(base + start + length, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
            colour = SPELLING_COLOUR if problem.kind is ProblemKind.SPELLING else STYLE_COLOUR
            fmt.setUnderlineColor(colour)
            if length <= TINTED_LENGTH:
                tint = QColor(colour)
                tint.setAlpha(TINT_ALPHA)
                fmt.setBackground(tint)
            fmt.setToolTip(problem_message(problem))
            selection.format = fmt
            out.append(selection)
        return out

    # -- the context menu ----------------------------------------------------------------------

    def problem_at(self, position: int) -> tuple[QTextBlock, Problem] | None:
        """The problem under the document position ``position`` (Qt's), if one is known."""
        block = self.editor.document().findBlock(position)
        if not block.isValid():
            return None
        problems = self.problems_of(block)
        if not problems:
            return None
        index = Utf16Map(block.text()).from_qt(position - block.position())
        for problem in problems:
            if problem.start <= index < problem.end or (
                index == problem.end and problem.start < index
            ):
                return block, problem
        return None

    def extend_menu(self, menu: QMenu, position: int) -> None:
        """Put the suggestions, the word-list actions or the style fix first in ``menu``."""
        found = self.problem_at(position)
        if found is None:
            return
        block, problem = found
        first = menu.actions()[0] if menu.actions() else None
        added: list[QAction] = []

        def action(text: str, call: Callable[[], object], *, bold: bool = False) -> None:
            made = QAction(text, menu)
            if bold:
                font = made.font()
                font.setBold(True)
                made.setFont(font)
            made.triggered.connect(lambda _checked=False: call())
            added.append(made)

        if problem.kind is ProblemKind.SPELLING:
            suggestions = self.service.suggestions(problem.word)
            for word in suggestions:
                action(word, functools.partial(self.replace, block, problem, word), bold=True)
            if not suggestions:
                none = QAction(self.tr("(no suggestions)"), menu)
                none.setEnabled(False)
                added.append(none)
            action(self.tr("Add to my dictionary"), lambda: self._add(problem.word, shared=False))
            action(
                self.tr("Add to the newsroom's dictionary"),
                lambda: self._add(problem.word, shared=True),
            )
            action(self.tr("Ignore for this session"), lambda: self.service.ignore(problem.word))
        else:
            title = QAction(rule_label(problem.rule), menu)
            title.setEnabled(False)
            added.append(title)
            if problem.fix is not None:
                replacement = problem.fix.replacement
                action(
                    self.tr("Fix here: change to “{text}”").format(text=replacement)
                    if replacement
                    else self.tr("Fix here: remove the space"),
                    lambda: self.apply_fix(block, problem),
                    bold=True,
                )
                group = problem.group
                count = self.plan(lambda p: p.group == group).fixed
                action(
                    self.tr("Fix all of this kind ({kind}, {count})").format(
                        kind=group_name(group), count=count
                    ),
                    lambda: self.fix_all(group),
                )
            action(self.tr("Ignore here"), lambda: self.ignore_here(block, problem))
            action(self.tr("Turn this rule off"), lambda: self.turn_off(problem))
        separator = QAction(menu)
        separator.setSeparator(True)
        added.append(separator)
        menu.insertActions(first, added)  # type: ignore[arg-type]

    def replace(self, block: QTextBlock, problem: Problem, text: str) -> None:
        """Replace the problem's span with ``text`` (one undo step)."""
        self._replace_span(block, problem.start, problem.end, text)

    def apply_fix(self, block: QTextBlock, problem: Problem) -> None:
        fix = problem.fix
        if fix is not None:
            self._replace_span(block, fix.start, fix.end, fix.replacement)

    def _replace_span(
        self, block: QTextBlock, start: int, end: int, text: str, cursor: QTextCursor | None = None
    ) -> None:
        """Replace ``start:end`` (Python indices) of ``block``: one undo step of its own (never
        merged with the typing before it), or part of ``cursor``'s edit block."""
        utf16 = Utf16Map(block.text())
        qt_start, length = utf16.span_to_qt(start, end)
        cursor = QTextCursor(block) if cursor is None else cursor
        cursor.beginEditBlock()  # nested in the caller's, if it has one
        cursor.setPosition(block.position() + qt_start)
        cursor.setPosition(block.position() + qt_start + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)
        cursor.endEditBlock()

    # -- the fix commands ----------------------------------------------------------------------

    def lines(self) -> list[str]:
        """The text of every block of the document (its lines, as the checker numbers them)."""
        document = self.editor.document()
        return [document.findBlockByNumber(n).text() for n in range(document.blockCount())]

    def plan(self, wanted: Callable[[Problem], bool] | None = None) -> FixPlan:
        """What fixing the ``wanted`` problems of the whole article (by default: those whose fix
        is certain) would change, the problems ignored here left alone."""
        from editor.spell.checker import plan_fixes  # noqa: PLC0415 - loaded with IgnoredSpots

        checker = self.service.style_checker()
        return plan_fixes(checker, self.lines(), wanted=wanted, ignored=self.ignored)

    def apply_plan(self, plan: FixPlan) -> None:
        """Make the plan's edits, all in one undo step (the writer's cursor stays where it is)."""
        if not plan.edits:
            return
        document = self.editor.document()
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        try:
            for edit in plan.edits:
                block = document.findBlockByNumber(edit.line)
                fix = edit.fix
                self._replace_span(block, fix.start, fix.end, fix.replacement, cursor)
        finally:
            cursor.endEditBlock()
        self._typing = False  # the writer did not type this: underline at once

    def fix_all(self, group: ProblemGroup) -> int:
        """Fix every problem of ``group`` in the article (not ignored here); how many."""
        plan = self.plan(lambda p: p.group == group)
        self.apply_plan(plan)
        self.service.messageReady.emit(
            self.tr("Fixed {count}: {kinds}").format(count=plan.fixed, kinds=counts(plan.counts))
        )
        return plan.fixed

    def fix_certain(self) -> FixPlan:
        """Every certain fix of the article, in one undo step; says what it did."""
        plan = self.plan()
        self.apply_plan(plan)
        if plan.fixed:
            message = self.tr("Fixed {count} punctuation marks: {kinds}").format(
                count=plan.fixed, kinds=counts(plan.counts)
            )
        else:
            message = self.tr("No punctuation to fix in this article.")
        self.service.messageReady.emit(message)
        return plan

    def ignore_here(self, block: QTextBlock, problem: Problem) -> None:
        """Leave this problem alone while the article is open (see ``IgnoredSpots``)."""
        self.ignored.add(block.text(), problem)
        self._show()

    def turn_off(self, problem: Problem) -> None:
        rule = problem.rule
        self.service.disable_rule(rule.id)
        self.service.messageReady.emit(
            self.tr("“{rule}” is no longer checked; Preferences can turn it on again.").format(
                rule=rule_label(rule)
            )
        )

    def _add(self, word: str, *, shared: bool) -> None:
        failed = self.service.add_word(word, shared=shared)
        if failed:
            self.problemOccurred.emit(failed)


def group_name(group: ProblemGroup) -> str:
    """A kind of problem's short name in the UI's language (the groups carry both)."""
    return group.name if chinese_ui() else group.name_en


def counts(by_group: Counter[ProblemGroup]) -> str:
    """``逗号 30，括号 2``: what a fix command fixed, by kind, most first."""
    separator = "，" if chinese_ui() else ", "
    return separator.join(f"{group_name(g)} {n}" for g, n in by_group.most_common())


class FixPunctuationAction(QAction):
    """Edit ▸ Fix all certain punctuation: every certain fix of the current article, one undo
    step, the counts by kind in the status bar. ``current`` gives the current editor's
    underliner (None: no article open, nothing happens)."""

    def __init__(self, parent: QObject, current: Callable[[], SpellUnderliner | None]) -> None:
        super().__init__(
            QCoreApplication.translate("FixPunctuationAction", "Fix all certain pu&nctuation"),
            parent,
        )
        self.setObjectName("fixPunctuationAction")
        self.setShortcut(QKeySequence(FIX_PUNCTUATION_SHORTCUT))
        self.setStatusTip(
            QCoreApplication.translate(
                "FixPunctuationAction",
                "Apply every certain punctuation fix of the article, in one undo step",
            )
        )
        self._current = current
        self.triggered.connect(self.fix)

    def fix(self) -> FixPlan | None:
        underliner = self._current()
        return underliner.fix_certain() if underliner is not None else None
