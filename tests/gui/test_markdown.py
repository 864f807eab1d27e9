"""The Markdown editor: formatting commands and their shortcuts, highlighting, find and replace,
images pasted or inserted from files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QImage, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from editor.archive import catalog
from editor.archive.database import Archive
from editor.gui.dialogs.common import Ask, FileChooser
from editor.gui.editortab import EditorTab
from editor.gui.highlighter import MarkdownHighlighter
from editor.gui.mainwindow import MainWindow
from editor.gui.markdownactions import toggle_prefix, toggle_wrap
from tests.gui.conftest import type_text

pytestmark = pytest.mark.gui

MakeWindow = Callable[[Archive], MainWindow]


def png_bytes() -> bytes:
    image = QImage(4, 3, QImage.Format.Format_RGB32)
    image.fill(QColor("#c0392b"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


@pytest.fixture
def tab(qtbot: QtBot, news_archive: Archive, make_window: MakeWindow) -> EditorTab:
    window = make_window(news_archive)
    tab = window.new_article()
    tab.editor.setFocus()
    return tab


def select(edit: QPlainTextEdit, start: int, end: int) -> None:
    cursor = edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)


def press(qtbot: QtBot, tab: EditorTab, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    window = tab.window()
    assert isinstance(window, MainWindow)
    window.activateWindow()
    tab.editor.setFocus()
    qtbot.keyClick(tab.editor, key, modifiers)


CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_bold_and_italic_wrap_the_selection_and_unwrap_it_again(
    qtbot: QtBot, tab: EditorTab
) -> None:
    type_text(tab.editor, "金坛经开区")
    select(tab.editor, 0, 2)
    press(qtbot, tab, Qt.Key.Key_B, CTRL)
    assert tab.body() == "**金坛**经开区"
    assert tab.editor.textCursor().selectedText() == "金坛"
    press(qtbot, tab, Qt.Key.Key_B, CTRL)
    assert tab.body() == "金坛经开区"
    select(tab.editor, 2, 5)
    press(qtbot, tab, Qt.Key.Key_I, CTRL)
    assert tab.body() == "金坛*经开区*"
    tab.editor.undo()
    assert tab.body() == "金坛经开区"


def test_bold_without_a_selection_inserts_a_placeholder(qtbot: QtBot, tab: EditorTab) -> None:
    press(qtbot, tab, Qt.Key.Key_B, CTRL)
    selected = tab.editor.textCursor().selectedText()
    assert tab.body() == f"**{selected}**"
    type_text(tab.editor, "重点")
    assert tab.body() == "**重点**"


def test_heading_list_and_quote_toggle_line_prefixes(qtbot: QtBot, tab: EditorTab) -> None:
    type_text(tab.editor, "第一行\n第二行")
    tab.editor.selectAll()
    press(qtbot, tab, Qt.Key.Key_L, CTRL_SHIFT)
    assert tab.body() == "- 第一行\n- 第二行"
    tab.editor.selectAll()
    press(qtbot, tab, Qt.Key.Key_L, CTRL_SHIFT)
    assert tab.body() == "第一行\n第二行"
    select(tab.editor, 0, 0)
    press(qtbot, tab, Qt.Key.Key_H, CTRL_SHIFT)
    assert tab.body() == "## 第一行\n第二行"
    select(tab.editor, 7, 7)
    press(qtbot, tab, Qt.Key.Key_Q, CTRL_SHIFT)
    assert tab.body() == "## 第一行\n> 第二行"


def test_a_heading_replaces_another_level() -> None:
    edit = QPlainTextEdit("### 小标题")
    toggle_prefix(edit, "## ")
    assert edit.toPlainText() == "## 小标题"
    toggle_prefix(edit, "## ")
    assert edit.toPlainText() == "小标题"
    toggle_wrap(edit, "**", "x")
    assert edit.toPlainText().endswith("**x**")


def test_link_and_table(qtbot: QtBot, tab: EditorTab) -> None:
    type_text(tab.editor, "新华网")
    tab.editor.selectAll()
    press(qtbot, tab, Qt.Key.Key_K, CTRL)
    assert tab.body() == "[新华网](https://)"
    assert tab.editor.textCursor().selectedText() == "https://"
    type_text(tab.editor, "x.cn")
    assert tab.body() == "[新华网](x.cn)"
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    press(qtbot, tab, Qt.Key.Key_T, CTRL_SHIFT)
    lines = tab.body().split("\n")
    assert lines[0] == "[新华网](x.cn)"
    assert lines[1] == ""
    assert lines[2].startswith("| ")
    assert lines[3] == "| --- | --- |"


def test_the_highlighter_paints_markdown_structure(tab: EditorTab) -> None:
    tab.editor.setPlainText(
        "## 标题\n\n**粗体** 和 *斜体* 与 [链接](https://x.cn)\n\n```\ncode\n```\n> 引用"
    )
    highlighter = tab.highlighter
    assert isinstance(highlighter, MarkdownHighlighter)
    doc = tab.editor.document()

    def formats(block_number: int) -> list[tuple[int, int, int, bool, QColor]]:
        layout = doc.findBlockByNumber(block_number).layout()
        return [
            (
                f.start,
                f.length,
                f.format.fontWeight(),
                f.format.fontItalic(),
                f.format.foreground().color(),
            )
            for f in layout.formats()
        ]

    heading = formats(0)
    assert any(w == QFont.Weight.Bold for _, _, w, _, _ in heading)
    inline = formats(2)
    assert any(
        start == 2 and length == 2 and w == QFont.Weight.Bold for start, length, w, _, _ in inline
    )
    assert any(italic for *_, italic, _ in inline)
    assert doc.findBlockByNumber(5).userState() == 1  # inside the fence
    assert doc.findBlockByNumber(7).userState() == 0  # after it


def test_find_and_replace_is_a_bar_not_a_dialog(qtbot: QtBot, tab: EditorTab) -> None:
    type_text(tab.editor, "开发区一、开发区二、园区三")
    press(qtbot, tab, Qt.Key.Key_F, CTRL)
    bar = tab.find_bar
    assert bar.isVisible()
    assert not bar.replace_edit.isVisible()
    assert bar.find_edit.hasFocus()
    type_text(bar.find_edit, "开发区")
    qtbot.waitUntil(lambda: bar.count_label.text() != "", timeout=30_000)
    assert tab.editor.textCursor().selectedText() == "开发区"
    assert len(tab.editor.layer("find")) == 2
    assert "2" in bar.count_label.text()

    press(qtbot, tab, Qt.Key.Key_H, CTRL)
    assert bar.replace_edit.isVisible()
    type_text(bar.replace_edit, "经开区")
    bar.replace_all_button.click()
    assert tab.body() == "经开区一、经开区二、园区三"
    tab.editor.undo()
    assert tab.body() == "开发区一、开发区二、园区三"

    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert tab.editor.layer("find") == []


def test_replace_one_goes_match_by_match(qtbot: QtBot, tab: EditorTab) -> None:
    type_text(tab.editor, "a b a b a")
    tab.find_bar.show_replace()
    tab.find_bar.find_edit.setText("a")
    tab.find_bar.replace_edit.setText("x")
    tab.editor.moveCursor(QTextCursor.MoveOperation.Start)
    tab.find_bar.find_next()
    tab.find_bar.replace_one()
    assert tab.body() == "x b a b a"
    tab.find_bar.replace_one()
    assert tab.body() == "x b x b a"


def test_a_pasted_image_is_stored_in_the_archive_and_referenced(
    qtbot: QtBot, news_archive: Archive, tab: EditorTab
) -> None:
    type_text(tab.editor, "图片如下")
    mime = QMimeData()
    mime.setImageData(QImage.fromData(png_bytes()))
    tab.editor.insertFromMimeData(mime)
    body = tab.body()
    assert body.startswith("图片如下\n\n![")
    reference = body.split("](", 1)[1].split(")", 1)[0]
    assert reference.startswith("media/")
    assert reference.endswith(".png")
    sha = reference.removeprefix("media/").removesuffix(".png")
    assert catalog.asset_bytes(news_archive, sha) is not None


def test_image_files_dropped_or_chosen_are_stored_and_referenced(
    qtbot: QtBot,
    news_archive: Archive,
    tab: EditorTab,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    photo = tmp_path / "现场.png"
    photo.write_bytes(png_bytes())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    assert tab.editor.canInsertFromMimeData(mime)
    tab.editor.insertFromMimeData(mime)
    assert "![现场](media/" in tab.body()

    window = tab.window()
    assert isinstance(window, MainWindow)
    monkeypatch.setattr(FileChooser, "image_files", classmethod(lambda cls, parent: [str(photo)]))
    tab.editor.selectAll()
    tab.editor.textCursor().removeSelectedText()
    window.format_actions.image.trigger()
    assert tab.body().startswith("![现场](media/")


def test_a_file_that_is_not_an_image_is_refused_in_words(
    qtbot: QtBot, tab: EditorTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "notes.png"
    fake.write_text("not an image")
    errors: list[str] = []
    monkeypatch.setattr(Ask, "error", classmethod(lambda cls, p, title, text: errors.append(text)))
    monkeypatch.setattr(FileChooser, "image_files", classmethod(lambda cls, parent: [str(fake)]))
    window = tab.window()
    assert isinstance(window, MainWindow)
    window.format_actions.image.trigger()
    assert tab.body() == ""
    assert errors
    assert "notes.png" in errors[0]


def test_rich_text_is_pasted_as_plain_text(tab: EditorTab) -> None:
    mime = QMimeData()
    mime.setHtml("<b>金坛</b>")
    mime.setText("金坛")
    tab.editor.insertFromMimeData(mime)
    assert tab.body() == "金坛"


def test_format_shortcuts_leave_the_body_alone_while_a_form_field_has_the_focus(
    qtbot: QtBot, tab: EditorTab
) -> None:
    window = tab.window()
    assert isinstance(window, MainWindow)
    window.activateWindow()
    tab.editor.setPlainText("金坛经开区")
    tab.form.title_edit.setFocus()
    qtbot.waitUntil(lambda: tab.form.title_edit.hasFocus(), timeout=30_000)
    bold = window.format_actions.bold
    assert not bold.isEnabled()
    qtbot.keyClick(tab.form.title_edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    bold.trigger()  # a click on the toolbar button does nothing either
    assert tab.body() == "金坛经开区"
    tab.editor.setFocus()
    qtbot.waitUntil(lambda: bold.isEnabled(), timeout=30_000)
    tab.editor.selectAll()
    qtbot.keyClick(tab.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert tab.body() == "**金坛经开区**"
