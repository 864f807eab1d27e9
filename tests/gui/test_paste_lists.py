"""Paste keeps paragraphs; Enter, Tab and Shift+Tab continue and indent lists and quotes."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor.archive.database import Archive
from editor.gui.mainwindow import MainWindow
from editor.gui.markdownedit import MarkdownEdit
from tests.gui.conftest import type_text, wait_for_preview

pytestmark = pytest.mark.gui

MakeWindow = Callable[[Archive], MainWindow]
NONE = Qt.KeyboardModifier.NoModifier
THREE = "本报讯 记者从区委获悉。\n会议强调，要抓好落实。\n（完）"


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def edit(qtbot: QtBot) -> MarkdownEdit:
    widget = MarkdownEdit()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget, timeout=30_000)
    widget.setFocus()
    return widget


def paste(widget: MarkdownEdit, text: str, html: str | None = None) -> None:
    mime = QMimeData()
    if html is not None:
        mime.setHtml(html)
    mime.setText(text)
    widget.insertFromMimeData(mime)


def at_end(widget: MarkdownEdit, text: str) -> None:
    widget.setPlainText(text)  # a fresh undo stack
    widget.moveCursor(QTextCursor.MoveOperation.End)


def key(
    qtbot: QtBot, widget: MarkdownEdit, which: Qt.Key, modifiers: Qt.KeyboardModifier = NONE
) -> None:
    qtbot.keyClick(widget, which, modifiers)


# -- paste ----------------------------------------------------------------------------------------


def test_a_paste_with_single_breaks_keeps_its_paragraphs_in_one_undo_step(
    edit: MarkdownEdit,
) -> None:
    at_end(edit, "标题\n\n")
    paste(edit, THREE)
    body = edit.toPlainText()
    assert body == "标题\n\n本报讯 记者从区委获悉。\n\n会议强调，要抓好落实。\n\n（完）"
    assert squeezed(body) == squeezed("标题" + THREE)  # paragraphs split, characters kept
    edit.undo()
    assert edit.toPlainText() == "标题\n\n"


def test_the_plain_text_of_a_rich_paste_keeps_its_paragraphs(edit: MarkdownEdit) -> None:
    paste(
        edit, THREE, html="<p>本报讯 记者从区委获悉。</p><p>会议强调，要抓好落实。</p><p>（完）</p>"
    )
    assert edit.toPlainText().count("\n\n") == 2
    assert "<p>" not in edit.toPlainText()
    assert squeezed(edit.toPlainText()) == squeezed(THREE)


def test_a_pasted_list_stays_a_list_and_code_keeps_its_lines(edit: MarkdownEdit) -> None:
    paste(edit, "- 一\n- 二\n| 甲 | 乙 |\n| --- | --- |")
    assert edit.toPlainText() == "- 一\n- 二\n\n| 甲 | 乙 |\n| --- | --- |"
    at_end(edit, "```\n")
    paste(edit, "甲\n乙")
    assert edit.toPlainText() == "```\n甲\n乙"


def test_a_5_mb_paste_does_not_hang_the_editor(edit: MarkdownEdit) -> None:
    text = ("本报讯 记者从区委获悉，会议强调要抓好落实。" * 10 + "\n") * 24_000
    assert len(text.encode("utf-8")) > 5_000_000
    start = time.process_time()
    paste(edit, text)
    elapsed = time.process_time() - start  # CPU time: other processes' load does not count
    assert elapsed < 30.0
    assert edit.document().blockCount() == 2 * 24_000
    edit.undo()
    assert edit.toPlainText() == ""


def test_three_pasted_paragraphs_show_as_three_in_the_preview(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(news_archive)
    tab = window.new_article()
    tab.form.title_edit.setText("粘贴三段")
    tab.editor.setFocus()
    paste(tab.editor, THREE)
    html = wait_for_preview(qtbot, window, "（完）")
    body = html.split("<article", 1)[-1] if "<article" in html else html
    for paragraph in THREE.split("\n"):
        assert f"<p>{paragraph}</p>" in body


# -- lists and quotes -----------------------------------------------------------------------------


def test_enter_continues_a_list_and_ends_it_on_an_empty_item(
    qtbot: QtBot, edit: MarkdownEdit
) -> None:
    at_end(edit, "- 第一项")
    key(qtbot, edit, Qt.Key.Key_Return)
    assert edit.toPlainText() == "- 第一项\n- "
    type_text(edit, "第二项")
    key(qtbot, edit, Qt.Key.Key_Return)
    key(qtbot, edit, Qt.Key.Key_Return)
    assert edit.toPlainText() == "- 第一项\n- 第二项\n"
    type_text(edit, "正文")
    key(qtbot, edit, Qt.Key.Key_Return)
    assert edit.toPlainText() == "- 第一项\n- 第二项\n正文\n"


def test_enter_numbers_on_and_keeps_nesting_and_quotes(qtbot: QtBot, edit: MarkdownEdit) -> None:
    at_end(edit, "1. 第一条")
    key(qtbot, edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert edit.toPlainText() == "1. 第一条\n2. "
    at_end(edit, "* 甲\n    * 乙")
    key(qtbot, edit, Qt.Key.Key_Return)
    assert edit.toPlainText().endswith("\n    * ")
    at_end(edit, "> 引文")
    key(qtbot, edit, Qt.Key.Key_Return)
    assert edit.toPlainText() == "> 引文\n> "
    key(qtbot, edit, Qt.Key.Key_Return)
    assert edit.toPlainText() == "> 引文\n"


def test_each_continuation_is_one_undo_step(qtbot: QtBot, edit: MarkdownEdit) -> None:
    at_end(edit, "- 第一项")
    key(qtbot, edit, Qt.Key.Key_Return)
    edit.undo()
    assert edit.toPlainText() == "- 第一项"
    at_end(edit, "- ")
    key(qtbot, edit, Qt.Key.Key_Return)
    assert edit.toPlainText() == ""
    edit.undo()
    assert edit.toPlainText() == "- "


def test_enter_outside_lists_and_in_code_is_a_plain_line_break(
    qtbot: QtBot, edit: MarkdownEdit
) -> None:
    at_end(edit, "正文")
    key(qtbot, edit, Qt.Key.Key_Return)
    assert edit.toPlainText() == "正文\n"
    at_end(edit, "```\n- 代码里的横线")
    key(qtbot, edit, Qt.Key.Key_Return)
    assert edit.toPlainText() == "```\n- 代码里的横线\n"
    at_end(edit, "- 项")
    key(qtbot, edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert not edit.toPlainText().endswith("- ")


def test_tab_indents_a_list_item_and_is_a_tab_elsewhere(qtbot: QtBot, edit: MarkdownEdit) -> None:
    at_end(edit, "- 甲\n- 乙")
    key(qtbot, edit, Qt.Key.Key_Tab)
    assert edit.toPlainText() == "- 甲\n    - 乙"
    assert edit.textCursor().atEnd()  # the cursor stays in its place in the item
    key(qtbot, edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert edit.toPlainText() == "- 甲\n- 乙"
    edit.selectAll()
    key(qtbot, edit, Qt.Key.Key_Tab)
    assert edit.toPlainText() == "    - 甲\n    - 乙"
    edit.undo()
    assert edit.toPlainText() == "- 甲\n- 乙"
    at_end(edit, "正文")
    key(qtbot, edit, Qt.Key.Key_Tab)
    assert edit.toPlainText() == "正文\t"
    assert edit.hasFocus()


def test_keys_during_an_input_method_composition_are_left_alone(
    qtbot: QtBot, edit: MarkdownEdit
) -> None:
    at_end(edit, "- 第一项")
    QApplication.sendEvent(edit, QInputMethodEvent("di'er", []))
    assert edit.textCursor().block().layout().preeditAreaText() == "di'er"
    press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, NONE, "\r")
    QApplication.sendEvent(edit, press)
    assert "\n- " not in edit.toPlainText()
    commit = QInputMethodEvent()
    commit.setCommitString("第二")
    QApplication.sendEvent(edit, commit)
    assert "第二" in edit.toPlainText()


def test_ctrl_shift_l_on_an_empty_line_starts_a_list_that_enter_continues(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(news_archive)
    tab = window.new_article()
    window.activateWindow()
    tab.editor.setFocus()
    type_text(tab.editor, "导语\n\n")
    qtbot.keyClick(
        tab.editor,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert tab.body() == "导语\n\n- "
    type_text(tab.editor, "一")
    qtbot.keyClick(tab.editor, Qt.Key.Key_Return)
    type_text(tab.editor, "二")
    qtbot.keyClick(tab.editor, Qt.Key.Key_Return)
    qtbot.keyClick(tab.editor, Qt.Key.Key_Return)
    assert tab.body() == "导语\n\n- 一\n- 二\n"
    qtbot.keyClick(
        tab.editor,
        Qt.Key.Key_Q,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    type_text(tab.editor, "引")
    qtbot.keyClick(tab.editor, Qt.Key.Key_Return)
    assert tab.body() == "导语\n\n- 一\n- 二\n> 引\n> "
