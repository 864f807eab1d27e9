"""Spelling and style underlines in the editor: off the GUI thread, visible blocks only, only the
dirty block checked again, the word being typed spared, and the context menu's fixes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from editor.archive.database import Archive
from editor.gui import spellcheck
from editor.gui.highlighter import MarkdownHighlighter
from editor.gui.mainwindow import MainWindow
from editor.gui.markdownedit import MarkdownEdit
from editor.gui.spellcheck import SpellService, SpellUnderliner
from editor.spell.checker import TextChecker
from editor.spell.problems import Problem
from editor.spell.speller import open_speller
from editor.spell.wordlists import read_word_lists
from tests.gui.conftest import type_text

pytestmark = pytest.mark.gui

MakeWindow = Callable[[Archive], MainWindow]
MIXED = (
    "金坛经开区今年引进investmnt项目十二个,总投资超过50亿元。\n"
    "\n"
    "5G基站覆盖园区，详见 https://example.cn/investmnt 或 [链接](https://e.cn/recieve)。\n"
    "\n"
    "The zone welcomes foreign investment in advanced manufacturing."
)


class CountingChecker(TextChecker):
    """A real checker that counts the blocks it is asked about."""

    def __init__(self) -> None:
        super().__init__(open_speller("en_US", ["Jintan"]))
        self.blocks: list[str] = []

    def check_block(self, text: str, *, in_code: bool = False) -> list[Problem]:
        self.blocks.append(text)
        return super().check_block(text, in_code=in_code)


@pytest.fixture
def checker() -> CountingChecker:
    made = CountingChecker()
    if not made.speller.available:
        pytest.fail(
            f"the en_US dictionary must be installed for these tests: {made.speller.notice}"
        )
    return made


@pytest.fixture
def editor(qtbot: QtBot, checker: CountingChecker) -> tuple[MarkdownEdit, SpellUnderliner]:
    edit = MarkdownEdit()
    MarkdownHighlighter(edit.document())
    qtbot.addWidget(edit)
    edit.resize(700, 300)
    edit.show()
    qtbot.waitExposed(edit, timeout=30_000)
    service = SpellService(None, None, edit)
    service.use(checker)
    underliner = SpellUnderliner(edit, service)
    return edit, underliner


def underlined(edit: MarkdownEdit) -> list[str]:
    return [s.cursor.selectedText() for s in edit.layer("spell")]


def settle(qtbot: QtBot, underliner: SpellUnderliner) -> None:
    """Wait for the idle pause, the check on the pool and the redraw."""
    qtbot.waitUntil(
        lambda: not underliner._runner.busy and not underliner._idle.isActive(), timeout=30_000
    )
    underliner.refresh()
    qtbot.waitUntil(lambda: not underliner._runner.busy, timeout=30_000)


def test_problems_are_underlined_and_nothing_else(
    qtbot: QtBot, editor: tuple[MarkdownEdit, SpellUnderliner]
) -> None:
    edit, _underliner = editor
    edit.setPlainText(MIXED)
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.waitUntil(lambda: "investmnt" in underlined(edit), timeout=30_000)
    shown = underlined(edit)
    assert sorted(shown) == [",", "investmnt"]  # not 5G, the URL, the link target, Chinese
    colours = {
        s.cursor.selectedText(): s.format.underlineColor().name() for s in edit.layer("spell")
    }
    assert colours["investmnt"] != colours[","]


def test_only_the_dirty_block_is_checked_again(
    qtbot: QtBot, editor: tuple[MarkdownEdit, SpellUnderliner], checker: CountingChecker
) -> None:
    edit, underliner = editor
    edit.setPlainText("\n".join(f"第{n}段 paragraph number {n} of the article" for n in range(400)))
    qtbot.waitUntil(lambda: len(checker.blocks) > 0 and not underliner._runner.busy, timeout=30_000)
    settle(qtbot, underliner)
    visible = len(underliner.visible_blocks())
    assert 3 < len(checker.blocks) <= visible < 400  # the visible blocks, not the 400
    before = len(checker.blocks)
    cursor = edit.textCursor()
    cursor.setPosition(edit.document().findBlockByNumber(2).position() + 3)
    edit.setTextCursor(cursor)
    type_text(edit, "x")
    settle(qtbot, underliner)
    assert checker.blocks[before:] == ["第2段x paragraph number 2 of the article"]


def test_scrolling_checks_the_blocks_that_come_into_view(
    qtbot: QtBot, editor: tuple[MarkdownEdit, SpellUnderliner], checker: CountingChecker
) -> None:
    edit, underliner = editor
    edit.setPlainText("\n".join(f"line {n} misspeled" for n in range(300)))
    settle(qtbot, underliner)
    assert "line 290 misspeled" not in checker.blocks
    edit.verticalScrollBar().setValue(edit.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: "line 299 misspeled" in checker.blocks, timeout=30_000)
    settle(qtbot, underliner)
    first = underliner.visible_blocks()[0].blockNumber()
    starts = [s.cursor.blockNumber() for s in edit.layer("spell")]
    assert starts
    assert min(starts) >= first


def test_the_word_being_typed_is_not_underlined(
    qtbot: QtBot, editor: tuple[MarkdownEdit, SpellUnderliner]
) -> None:
    edit, underliner = editor
    edit.setFocus()
    type_text(edit, "金坛 investmnt")
    settle(qtbot, underliner)
    assert underlined(edit) == []  # the cursor sits at its end: still being typed
    type_text(edit, " ")
    settle(qtbot, underliner)
    assert underlined(edit) == ["investmnt"]
    type_text(edit, "grwth")
    settle(qtbot, underliner)
    assert underlined(edit) == ["investmnt"]
    edit.moveCursor(QTextCursor.MoveOperation.Start)  # leaving it: done typing
    qtbot.waitUntil(lambda: underlined(edit) == ["investmnt", "grwth"], timeout=30_000)


def test_stale_results_are_dropped(
    qtbot: QtBot, editor: tuple[MarkdownEdit, SpellUnderliner]
) -> None:
    edit, underliner = editor
    edit.setPlainText("Jintan has an investmnt fund.\n")
    settle(qtbot, underliner)
    assert underlined(edit) == ["investmnt"]
    underliner.service.ignore("investmnt")  # the checker changed: every answer is stale
    qtbot.waitUntil(lambda: underlined(edit) == [], timeout=30_000)


def point_on(edit: MarkdownEdit, word: str) -> QPoint:
    """The middle of ``word``'s first occurrence, in viewport coordinates (where a click lands)."""
    index = edit.toPlainText().index(word)
    cursor = edit.textCursor()
    cursor.setPosition(index)
    left = edit.cursorRect(cursor)
    cursor.setPosition(index + len(word))
    right = edit.cursorRect(cursor)
    return QPoint((left.left() + right.left()) // 2, left.center().y())


def menu_at(edit: MarkdownEdit, word: str) -> list[str]:
    menu = edit.context_menu(point_on(edit, word))
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def trigger(edit: MarkdownEdit, word: str, text: str) -> None:
    menu = edit.context_menu(point_on(edit, word))
    (action,) = [a for a in menu.actions() if a.text() == text]
    action.trigger()


def test_context_menu_offers_suggestions_and_fixes(
    qtbot: QtBot, editor: tuple[MarkdownEdit, SpellUnderliner]
) -> None:
    edit, underliner = editor
    edit.setPlainText("引进investmnt项目,总投资50亿元\n")
    settle(qtbot, underliner)
    texts = menu_at(edit, "investmnt")
    assert "investment" in texts[:6]
    assert "Add to my dictionary" in texts
    assert "Ignore for this session" in texts
    trigger(edit, "investmnt", "investment")
    assert edit.toPlainText() == "引进investment项目,总投资50亿元\n"
    settle(qtbot, underliner)
    texts = menu_at(edit, ",")
    assert "Fix here: change to “，”" in texts
    trigger(edit, ",", "Fix here: change to “，”")
    assert edit.toPlainText() == "引进investment项目，总投资50亿元\n"
    edit.undo()  # one undo step per fix
    assert edit.toPlainText() == "引进investment项目,总投资50亿元\n"


def test_in_the_window_words_go_to_the_archive(
    qtbot: QtBot, make_window: MakeWindow, news_archive: Archive
) -> None:
    window = make_window(news_archive)
    qtbot.waitUntil(lambda: window.spell.checker is not None, timeout=30_000)
    tab = window.new_article()
    tab.editor.setPlainText("华罗庚科技园 Jintanology park welcomes investmnt.\n")
    assert tab.underliner is not None
    qtbot.waitUntil(lambda: "Jintanology" in underlined(tab.editor), timeout=30_000)
    trigger(tab.editor, "Jintanology", "Add to the newsroom's dictionary")
    qtbot.waitUntil(lambda: underlined(tab.editor) == ["investmnt"], timeout=30_000)
    assert "Jintanology" in read_word_lists(news_archive).shared
    trigger(tab.editor, "investmnt", "Add to my dictionary")
    qtbot.waitUntil(lambda: underlined(tab.editor) == [], timeout=30_000)
    from editor.archive.articles import current_user  # noqa: PLC0415

    assert "investmnt" in read_word_lists(news_archive, current_user()).personal


def test_without_a_dictionary_the_status_bar_says_so(
    qtbot: QtBot, make_window: MakeWindow, news_archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        spellcheck,
        "build_checker",
        lambda *_a, **_k: TextChecker(open_speller("xx_NOPE")),
    )
    window = make_window(news_archive)
    qtbot.waitUntil(lambda: window.spell_label.isVisible(), timeout=30_000)
    assert "xx_NOPE" in window.spell_label.toolTip()
    tab = window.new_article()
    tab.editor.setPlainText("引进investmnt项目,总投资\n")
    assert tab.underliner is not None
    # style is still checked; spelling is not, and nothing crashed
    qtbot.waitUntil(lambda: underlined(tab.editor) == [","], timeout=30_000)


def test_preferences_turn_rules_and_checking_off(
    qtbot: QtBot, make_window: MakeWindow, news_archive: Archive
) -> None:
    window = make_window(news_archive)
    qtbot.waitUntil(lambda: window.spell.checker is not None, timeout=30_000)
    tab = window.new_article()
    tab.editor.setPlainText("引进investmnt项目,总投资\n")
    qtbot.waitUntil(lambda: sorted(underlined(tab.editor)) == [",", "investmnt"], timeout=30_000)
    window.preferences.disabled_rules = {"style.halfwidth-punctuation"}
    window.spell.configure(enabled=True, disabled_rules=window.preferences.disabled_rules)
    qtbot.waitUntil(lambda: underlined(tab.editor) == ["investmnt"], timeout=30_000)
    window.spell.configure(enabled=False, disabled_rules=())
    qtbot.waitUntil(lambda: underlined(tab.editor) == [], timeout=30_000)
