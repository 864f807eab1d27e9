"""Fixing the style problems of a whole article: the context menu's fix here / fix all of this
kind / ignore here / turn the rule off, Edit ▸ Fix all certain punctuation, and underlines that
show on a single comma."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from pytestqt.qtbot import QtBot

from editor.archive.database import Archive
from editor.gui.dialogs.preferences import PreferencesDialog
from editor.gui.highlighter import MarkdownHighlighter
from editor.gui.mainwindow import MainWindow
from editor.gui.markdownedit import MarkdownEdit
from editor.gui.settings import Preferences
from editor.gui.spellcheck import FIX_PUNCTUATION_SHORTCUT, SpellService, SpellUnderliner
from editor.portalpage import parse_page
from editor.spell.checker import TextChecker
from editor.spell.speller import NullSpeller
from tests.gui.conftest import type_text
from tests.samples import PORTAL_ARTICLE_PAGE

pytestmark = pytest.mark.gui

MakeWindow = Callable[[Archive], MainWindow]
HALFWIDTH = "style.halfwidth-punctuation"


@pytest.fixture
def portal_body() -> str:
    return parse_page(PORTAL_ARTICLE_PAGE.read_bytes(), PORTAL_ARTICLE_PAGE.name).body


@pytest.fixture
def editor(qtbot: QtBot) -> tuple[MarkdownEdit, SpellUnderliner]:
    """An editor checked for style (spelling off: no dictionary needed); rules turned off are
    saved in Preferences (in the test's own settings folder)."""
    edit = MarkdownEdit()
    MarkdownHighlighter(edit.document())
    qtbot.addWidget(edit)
    edit.resize(760, 420)
    edit.show()
    qtbot.waitExposed(edit, timeout=30_000)
    service = SpellService(None, None, edit, preferences=Preferences())
    service.use(TextChecker(NullSpeller("en_US", "off in these tests")))
    return edit, SpellUnderliner(edit, service)


def underlined(edit: MarkdownEdit) -> list[tuple[int, str]]:
    return sorted((s.cursor.selectionStart(), s.cursor.selectedText()) for s in edit.layer("spell"))


def settle(qtbot: QtBot, underliner: SpellUnderliner) -> None:
    qtbot.waitUntil(
        lambda: not underliner._runner.busy and not underliner._idle.isActive(), timeout=30_000
    )
    underliner.refresh()
    qtbot.waitUntil(lambda: not underliner._runner.busy, timeout=30_000)


def point_at(edit: MarkdownEdit, index: int) -> QPoint:
    """The middle of the character at ``index``, in viewport coordinates."""
    cursor = edit.textCursor()
    cursor.setPosition(index)
    left = edit.cursorRect(cursor)
    cursor.setPosition(index + 1)
    right = edit.cursorRect(cursor)
    return QPoint((left.left() + right.left()) // 2, left.center().y())


def menu_texts(edit: MarkdownEdit, index: int) -> list[str]:
    menu = edit.context_menu(point_at(edit, index))
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def trigger(edit: MarkdownEdit, index: int, text: str) -> None:
    menu = edit.context_menu(point_at(edit, index))
    (action,) = [a for a in menu.actions() if a.text() == text]
    action.trigger()


def messages(underliner: SpellUnderliner) -> list[str]:
    said: list[str] = []
    underliner.service.messageReady.connect(said.append)
    return said


def test_fix_all_of_this_kind_fixes_every_comma_of_the_article_in_one_undo(
    qtbot: QtBot, editor: tuple[MarkdownEdit, SpellUnderliner], portal_body: str
) -> None:
    edit, underliner = editor
    edit.setPlainText(portal_body)
    settle(qtbot, underliner)
    said = messages(underliner)
    comma = portal_body.index(",")
    texts = menu_texts(edit, comma)
    assert texts[:5] == [
        "half-width punctuation in Chinese text",
        "Fix here: change to “，”",
        "Fix all of this kind (comma, 106)",
        "Ignore here",
        "Turn this rule off",
    ]
    trigger(edit, comma, "Fix all of this kind (comma, 106)")
    assert edit.toPlainText() == portal_body.replace(",", "，")  # the 7 ; and the ( ) are left
    assert said == ["Fixed 106: comma 106"]
    left = {g.name_en: n for g, n in underliner.plan().counts.items()}
    assert left == {"semicolon": 7, "colon": 1, "parentheses": 2}
    edit.undo()  # one undo step restores the article exactly
    assert edit.toPlainText() == portal_body
    assert not edit.document().isUndoAvailable()


def test_ignore_here_removes_that_underline_only_and_survives_edits_around_it(
    qtbot: QtBot, editor: tuple[MarkdownEdit, SpellUnderliner]
) -> None:
    edit, underliner = editor
    text = "一是招商,二是建设,三是服务\n\n园区新签约项目,总投资50亿元"
    edit.setPlainText(text)
    settle(qtbot, underliner)
    commas = [i for i, ch in enumerate(text) if ch == ","]
    assert underlined(edit) == [(i, ",") for i in commas]
    trigger(edit, commas[1], "Ignore here")
    assert underlined(edit) == [(i, ",") for i in (commas[0], commas[2])]
    # typing elsewhere (another paragraph, the start of this line): still ignored
    cursor = edit.textCursor()
    cursor.setPosition(len(text))
    edit.setTextCursor(cursor)
    type_text(edit, "。")
    cursor.setPosition(0)
    edit.setTextCursor(cursor)
    type_text(edit, "今年")
    edit.moveCursor(QTextCursor.MoveOperation.End)
    settle(qtbot, underliner)
    shifted = [i + 2 for i in commas]
    assert underlined(edit) == [(shifted[0], ","), (shifted[2], ",")]
    # and the fix commands leave it alone
    trigger(edit, shifted[0], "Fix all of this kind (comma, 2)")
    assert edit.toPlainText() == "今年一是招商，二是建设,三是服务\n\n园区新签约项目，总投资50亿元。"


def test_turning_a_rule_off_removes_its_underlines_and_is_saved(
    qtbot: QtBot, editor: tuple[MarkdownEdit, SpellUnderliner]
) -> None:
    edit, underliner = editor
    text = "金坛,常州,南京。。苏州"
    edit.setPlainText(text)
    settle(qtbot, underliner)
    assert [t for _at, t in underlined(edit)] == [",", ",", "。。"]
    said = messages(underliner)
    trigger(edit, text.index(","), "Turn this rule off")
    qtbot.waitUntil(lambda: [t for _at, t in underlined(edit)] == ["。。"], timeout=30_000)
    assert said == [
        "“half-width punctuation in Chinese text” is no longer checked; "
        "Preferences can turn it on again."
    ]
    assert Preferences().disabled_rules == {HALFWIDTH}  # saved, read back from the settings
    dialog = PreferencesDialog(Preferences())
    qtbot.addWidget(dialog)
    box = dialog.rule_boxes[HALFWIDTH]
    assert not box.isChecked()
    box.setChecked(True)  # and Preferences turns it on again
    dialog.save()
    assert Preferences().disabled_rules == frozenset()


def test_a_one_character_problem_is_tinted_as_well_as_underlined(
    qtbot: QtBot, editor: tuple[MarkdownEdit, SpellUnderliner]
) -> None:
    edit, underliner = editor
    edit.setPlainText("金坛,常州 ２０２０年")
    settle(qtbot, underliner)
    formats = {s.cursor.selectedText(): s.format for s in edit.layer("spell")}
    comma, digits = formats[","], formats["２０２０"]
    assert comma.background().color().alpha() > 0
    assert comma.underlineStyle() == digits.underlineStyle()
    assert digits.background().style().name == "NoBrush"  # wide enough to see without


ARTICLE = (
    "10月9日下午,我区召开督查会;会议(扩大)由区长主持。\n"
    "\n"
    "命令 `a,中` 与 [报道](https://e.cn/?q=金坛,常州) 不变,金坛 常州只是提示。\n"
    "\n"
    "```\n"
    "金坛,常州\n"
    "```\n"
    "\n"
    "The zone, in short, is growing; really!"
)
FIXED = (
    "10月9日下午，我区召开督查会；会议（扩大）由区长主持。\n"
    "\n"
    "命令 `a,中` 与 [报道](https://e.cn/?q=金坛,常州) 不变，金坛 常州只是提示。\n"
    "\n"
    "```\n"
    "金坛,常州\n"
    "```\n"
    "\n"
    "The zone, in short, is growing; really!"
)


def test_fix_all_certain_punctuation_in_the_window(
    qtbot: QtBot, make_window: MakeWindow, news_archive: Archive
) -> None:
    window = make_window(news_archive)
    qtbot.waitUntil(lambda: window.spell.checker is not None, timeout=30_000)
    (action,) = [a for a in window.edit_menu.actions() if a.objectName() == "fixPunctuationAction"]
    keys = QKeySequence(FIX_PUNCTUATION_SHORTCUT)
    assert action.shortcut() == keys
    same = [a for a in window.findChildren(QAction) if a.shortcut() == keys]
    assert same == [action]  # the shortcut was free
    tab = window.new_article()
    tab.editor.setPlainText(ARTICLE)
    action.trigger()
    assert tab.editor.toPlainText() == FIXED  # code, the link target, English, 金坛 常州 kept
    assert window.statusBar().currentMessage() == (
        "Fixed 5 punctuation marks: comma 2, parentheses 2, semicolon 1"
    )
    revision = tab.editor.document().revision()
    action.trigger()  # nothing left: nothing changes, and it says so
    assert tab.editor.document().revision() == revision
    assert window.statusBar().currentMessage() == "No punctuation to fix in this article."
    tab.editor.undo()  # the whole command is one undo step
    assert tab.editor.toPlainText() == ARTICLE
